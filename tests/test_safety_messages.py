"""Errors and explanations of the safety package say exactly what is wrong, and where.

The library promises an error that names the field, keeps the bad value, and
says the rule in the library's words; and decisions that explain themselves.
These tests pin those words where the mutation run found them unpinned.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import upperback as ub
from tests.test_safety import exercise, person
from upperback.safety import Finding, pain_findings

C = ub.Condition
L = ub.AdviceLevel
CODE = ub.AdviceCode
RULE = {rule.id: rule for rule in ub.RULES}


def refused(fn: Any, *args: Any, **kwargs: Any) -> ub.InvalidValue:
    with pytest.raises(ub.InvalidValue) as info:
        fn(*args, **kwargs)
    return info.value


def test_forged_reports_name_the_verdict_and_rules_expected() -> None:
    tuck = exercise(id="chin-tuck")
    routine = ub.Routine.of("R", main=[tuck])
    report = ub.screen(routine, ub.Profile())
    excluded = ub.BlockScreen(
        block=routine.blocks[0],
        verdict=ub.Verdict.EXCLUDE,
        rules=(RULE["recent-surgery-clearance"],),
    )
    error = refused(attrs.evolve, report, blocks=(excluded,))
    assert (error.field, error.value) == ("blocks[0].verdict", "exclude")
    assert "must be 'ok' (rules: none), what screening 'chin-tuck'" in str(error)
    # Two rules exclude a neck stretch for nerve pain with an acute injury; a
    # report listing only one of them is refused, naming both.
    neck = exercise(
        id="neck", kind=ub.ExerciseKind.STATIC_STRETCH, features={ub.Feature.NECK_SIDE_BEND}
    )
    both = person(C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY)
    real = ub.screen(ub.Routine.of("N", main=[neck]), both)
    one = ub.BlockScreen(
        block=real.blocks[0].block,
        verdict=ub.Verdict.EXCLUDE,
        rules=(RULE["radiculopathy-neck-stretch"],),
    )
    error = refused(attrs.evolve, real, blocks=(one,))
    assert (error.field, error.value) == ("blocks[0].rules", ["radiculopathy-neck-stretch"])
    wanted = ", ".join(rule.id for rule in real.blocks[0].rules)
    assert wanted.count(", ") >= 2
    assert f"must be the rules {wanted}, as given in upperback.RULES" in str(error)


def test_modification_and_rule_errors() -> None:
    error = refused(ub.Modification, max_hold_s=121)
    assert str(error) == "'max_hold_s' must be an integer between 1 and 120 seconds (got 121)."
    assert ub.Modification(cue="c" * 300).cue == "c" * 300
    assert refused(ub.Modification, cue="c" * 301).field == "cue"


def test_rule_descriptions() -> None:
    clinician = ub.Rule.from_clinician([ub.Feature.OVERHEAD])
    assert clinician.describe() == "clinician-avoid: clinician's list → exclude features overhead"
    assert RULE["pregnancy-supine"].describe() == (
        "pregnancy-supine: pregnancy_second_trimester, pregnancy_third_trimester → exclude"
        " features supine or positions supine [C6][C5][C7]"
    )
    # A number no source gives is shown as a convention, after the keys.
    assert RULE["acute-injury-pain-ceiling"].describe() == (
        "acute-injury-pain-ceiling: acute_injury → modify (pain ≤ 3/10, cue) every exercise"
        " [C10][P7] (convention: 0-3/10 pain in the first days)"
    )
    assert (
        RULE["radiculopathy-pain-ceiling"]
        .describe()
        .endswith("[P7] (convention: 0-3/10 pain during and after exercise)")
    )
    # A rule for everyone, limited to exercises that need a ball.
    assert RULE["swiss-ball-no-weights"].describe() == (
        "swiss-ball-no-weights: everyone → exclude features external_load or props barbell,"
        " dumbbell, kettlebell, weight_plate that need swiss_ball [B10][B7]"
    )
    levels = ub.Rule.for_level(ub.Level.GENTLE, 2)
    assert levels[0].describe().startswith("level-one-above: level → modify (cue) every")
    assert (
        RULE["hypermobility-stretch-cap"]
        .describe()
        .startswith("hypermobility-stretch-cap: hypermobility → modify (hold ≤ 30 s, cue) every")
    )
    assert " (only " in RULE["shoulder-instability-doorway-towel"].describe()


def test_a_rule_requires_prop_kinds() -> None:
    error = refused(ub.Rule, **_RULE, features=_PRONE, requires={"swiss_ball"})
    assert (error.field, error.value) == ("requires", "swiss_ball")
    assert error.reason.startswith("must contain only PropKind members (PropKind.SWISS_BALL, ")
    # A rule may match on what an exercise requires alone.
    assert ub.Rule(**_RULE, requires={ub.PropKind.SWISS_BALL}).requires == {ub.PropKind.SWISS_BALL}


def test_symptom_report_errors_name_the_unit() -> None:
    error = refused(ub.SymptomReport, days_since_onset=-1, trend=ub.Trend.SAME)
    assert str(error) == "'days_since_onset' must be an integer between 0 and 36500 days (got -1)."
    error = refused(
        ub.SymptomReport, days_since_onset=0, trend=ub.Trend.SAME, days_worse_after_exercise=-2
    )
    assert str(error).startswith(
        "'days_worse_after_exercise' must be an integer between 0 and 36500 days"
    )
    error = refused(ub.SymptomReport, days_since_onset=0, trend=ub.Trend.SAME, red_flags=3)
    assert (error.field, error.value) == ("red_flags", 3)
    assert "must be a collection of RedFlag values" in str(error)


def test_advice_level_comparison_errors() -> None:
    error = refused(L.URGENT.__lt__, "soon")
    assert (error.field, error.value) == ("other", "soon")
    assert (
        "must be an AdviceLevel or one of 'continue', 'continue_with_care',"
        " 'see_professional', 'urgent', 'emergency'" in str(error)
    )


def test_reason_errors() -> None:
    fields: dict[str, Any] = {"code": CODE.RED_FLAG, "level": L.URGENT, "text": "Found."}
    error = refused(ub.Reason, **fields, sources=3)
    assert (error.field, error.value) == ("sources", 3)
    assert refused(ub.Reason, **fields, sources=(), convention="").field == "convention"
    assert ub.Reason(**fields, sources=(), convention="3/10").convention == "3/10"
    assert ub.Reason(**fields, sources=("k" * 20,)).sources == ("k" * 20,)
    assert refused(ub.Reason, **fields, sources=("k" * 21,)).field == "sources[0]"


def test_policy_errors_say_stricter_never_looser() -> None:
    error = refused(ub.SafetyPolicy, pain_ceiling=6)
    assert str(error) == (
        "'pain_ceiling' must be an integer from 0 to 5: a policy may be stricter"
        " than the default, never looser (got 6)."
    )


def test_advice_errors() -> None:
    advice = ub.triage(ub.SymptomReport(days_since_onset=30, trend=ub.Trend.SAME))
    for field in ("level", "code"):
        error = refused(attrs.evolve, advice, **{field: "x"})
        assert (error.field, error.value) == (field, "x")
    error = refused(attrs.evolve, advice, reasons=3)
    assert (error.field, error.value) == ("reasons", 3)
    assert "must be a collection of Reason values" in str(error)
    error = refused(attrs.evolve, advice, level=L.URGENT)
    assert (error.field, error.value) == ("level", "urgent")
    error = refused(attrs.evolve, advice, code=CODE.GETTING_WORSE)
    assert (error.field, error.value) == ("code", "getting_worse")


def test_finding_errors() -> None:
    fields: dict[str, Any] = {
        "code": CODE.GETTING_WORSE,
        "level": L.CONTINUE_WITH_CARE,
        "sources": ("P7",),
        "check": lambda *_: (),
    }
    for field in ("code", "level", "check", "pain_gate", "convention"):
        error = refused(Finding, **{**fields, field: 3})
        assert (error.field, error.value) == (field, 3)
    error = refused(Finding, **{**fields, "sources": 3})
    assert (error.field, error.value) == ("sources", 3)
    assert refused(Finding, **{**fields, "sources": (3,)}).field == "sources[0]"


def test_reason_texts() -> None:
    bones = person(C.OSTEOPOROSIS)
    advice = ub.triage(
        ub.SymptomReport(days_since_onset=1, trend=ub.Trend.WORSE, pain_next_morning=4),
        profile=bones,
    )
    texts = {reason.code: reason.text for reason in advice.reasons}
    assert texts[CODE.OSTEOPOROSIS_BACK_PAIN] == (
        "Back pain in someone with osteoporosis should be checked by a clinician."
    )
    assert texts[CODE.GETTING_WORSE] == "The pain is getting worse."
    pain = ub.triage(
        ub.SymptomReport(
            days_since_onset=1, trend=ub.Trend.BETTER, pain_now=6, pain_after_exercise=7
        )
    )
    assert [reason.text for reason in pain.reasons] == [
        "Pain at rest is 6/10, above 5/10.",
        "Pain with exercise is 7/10, above 5/10.",
    ]
    assert texts[CODE.NOT_SETTLED_NEXT_MORNING] == (
        "Pain the next morning is 4/10, above 3/10: it has not settled"
        " (that limit is a common convention, not from a study)."
    )
    conventions = {reason.code: reason.convention for reason in advice.reasons}
    assert conventions[CODE.NOT_SETTLED_NEXT_MORNING] == "3/10 the next morning counts as settled"
    assert conventions[CODE.GETTING_WORSE] is None


def test_the_pain_gate_defaults_to_no_days_worse() -> None:
    strict = ub.SafetyPolicy(max_days_worse_after_exercise=0)
    assert pain_findings(policy=strict) == ()
    assert [r.code for r in pain_findings(days_worse_after_exercise=1, policy=strict)] == [
        CODE.WORSE_AFTER_EXERCISE
    ]


_STRETCH_BLOCK = ub.Block.of(exercise(kind=ub.ExerciseKind.STATIC_STRETCH))
_TUCK = exercise(id="chin-tuck")
_OK_REPORT = ub.screen(ub.Routine.of("R", main=[_TUCK]), ub.Profile())
_RULE: dict[str, Any] = {
    "id": "r",
    "conditions": {C.OSTEOPOROSIS},
    "action": ub.Action.EXCLUDE,
    "reason": "Why.",
    "sources": ("C1",),
}
_PRONE = {ub.Feature.PRONE}

# (what is built, the field named, the value kept, the reason given)
ERRORS: dict[str, tuple[Any, str, Any, str]] = {
    "a clearance without a note": (
        lambda: ub.Profile(
            conditions={C.RECENT_SURGERY}, cleared_rules={"recent-surgery-clearance"}
        ),
        "clearance_note",
        None,
        "must say who cleared the rules and when, whenever 'cleared_rules' is given",
    ),
    "a clearance note too long": (
        lambda: ub.Profile(cleared_rules={"recent-surgery-clearance"}, clearance_note="n" * 501),
        "clearance_note",
        "n" * 501,
        "must be non-empty text of at most 500 characters without leading or trailing spaces",
    ),
    "a clearance note alone": (
        lambda: ub.Profile(clearance_note="Dr Lee."),
        "clearance_note",
        "Dr Lee.",
        "may only be given with 'cleared_rules'",
    ),
    "two trimesters": (
        lambda: person(C.PREGNANCY_FIRST_TRIMESTER, C.PREGNANCY_THIRD_TRIMESTER),
        "conditions",
        ["pregnancy_first_trimester", "pregnancy_third_trimester"],
        "must hold at most one pregnancy trimester",
    ),
    "an avoid note too long": (
        lambda: ub.Profile(avoid_features={ub.Feature.OVERHEAD}, avoid_note="a" * 501),
        "avoid_note",
        "a" * 501,
        "must be non-empty text of at most 500 characters without leading or trailing spaces",
    ),
    "an avoid note alone": (
        lambda: ub.Profile(avoid_note="Until the review."),
        "avoid_note",
        "Until the review.",
        "may only be given with 'avoid_features'",
    ),
    "a height out of range": (
        lambda: ub.Profile(height_cm=99),
        "height_cm",
        99,
        "must be a number between 100 and 250 cm",
    ),
    "red flags that are not a collection": (
        lambda: ub.SymptomReport(days_since_onset=0, trend=ub.Trend.SAME, red_flags=3),  # type: ignore[arg-type]
        "red_flags",
        3,
        "must be a collection of RedFlag values",
    ),
    "an empty modification": (
        ub.Modification,
        "cue",
        None,
        "or 'max_hold_s' or 'max_pain' must be given",
    ),
    "a cue too long": (
        lambda: ub.Modification(cue="c" * 301),
        "cue",
        "c" * 301,
        "must be non-empty text of at most 300 characters without leading or trailing spaces",
    ),
    "a rule that matches nothing": (
        lambda: ub.Rule(**_RULE),
        "features",
        frozenset(),
        (
            "or 'positions', 'props', 'kinds', 'levels' or 'requires' must be given:"
            " a rule matches something"
        ),
    ),
    "an exclude rule with a modification": (
        lambda: ub.Rule(**_RULE, features=_PRONE, modification=ub.Modification(cue="Go.")),
        "modification",
        ub.Modification(cue="Go."),
        "may only be given to modify",
    ),
    "a rule convention too long": (
        lambda: ub.Rule(**_RULE, features=_PRONE, convention="c" * 201),
        "convention",
        "c" * 201,
        "must be non-empty text of at most 200 characters without leading or trailing spaces",
    ),
    "rule sources that are not a collection": (
        lambda: ub.Rule(**{**_RULE, "sources": 3}, features=_PRONE),
        "sources",
        3,
        "must be a collection of source keys",
    ),
    "a rule source key too long": (
        lambda: ub.Rule(**{**_RULE, "sources": ("k" * 21,)}, features=_PRONE),
        "sources[0]",
        "k" * 21,
        "must be non-empty text of at most 20 characters without leading or trailing spaces",
    ),
    "a verdict the rules do not give": (
        lambda: ub.BlockScreen(
            block=_STRETCH_BLOCK, verdict=ub.Verdict.OK, rules=(RULE["hypermobility-stretch-cap"],)
        ),
        "verdict",
        "ok",
        "must be 'exclude' if a rule excludes, else 'modify' if a rule matched, else 'ok'",
    ),
    "a rule that does not match the block": (
        lambda: ub.BlockScreen(
            block=ub.Block.of(_TUCK),
            verdict=ub.Verdict.EXCLUDE,
            rules=(RULE["acute-injury-no-stretch"],),
        ),
        "rules[0]",
        "acute-injury-no-stretch",
        "must match the block's exercise to be listed",
    ),
    "a modified block its rules do not give": (
        lambda: ub.BlockScreen(
            block=_STRETCH_BLOCK,
            verdict=ub.Verdict.MODIFY,
            rules=(RULE["hypermobility-stretch-cap"],),
            modified=_STRETCH_BLOCK,
        ),
        "modified",
        "test-exercise",
        "must be the block as its rules modify it (its cautions and capped dose)",
    ),
    "a modified block on an exclusion": (
        lambda: ub.BlockScreen(
            block=_STRETCH_BLOCK,
            verdict=ub.Verdict.EXCLUDE,
            rules=(RULE["acute-injury-no-stretch"],),
            modified=_STRETCH_BLOCK,
        ),
        "modified",
        _STRETCH_BLOCK,
        "may only be given to modify",
    ),
    "a report missing a block": (
        lambda: attrs.evolve(_OK_REPORT, blocks=()),
        "blocks",
        0,
        "must screen each block of the routine, in order",
    ),
    "a report with a block too many": (
        lambda: attrs.evolve(_OK_REPORT, blocks=_OK_REPORT.blocks * 2),
        "blocks",
        2,
        "must screen each block of the routine, in order",
    ),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_each_error_names_the_field_keeps_the_value_and_says_why(case: str) -> None:
    build, field, value, reason = ERRORS[case]
    error = refused(build)
    assert (error.field, error.value, error.reason) == (field, value, reason)


def test_nothing_safe_lists_every_reason() -> None:
    neck = exercise(
        id="neck", kind=ub.ExerciseKind.STATIC_STRETCH, features={ub.Feature.NECK_SIDE_BEND}
    )
    report = ub.screen(
        ub.Routine.of("N", main=[neck]), person(C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY)
    )
    with pytest.raises(ub.NothingSafe) as info:
        report.safe_routine()
    assert len(report.blocks[0].reasons) == 4  # two exclude, two modify (pain caps)
    assert f"Test exercise: {' '.join(report.blocks[0].reasons)}" in str(info.value)


def test_a_saved_report_keeps_its_rules_earlier_words_but_not_made_up_ones() -> None:
    from pathlib import Path  # noqa: PLC0415

    saved = Path(__file__).parent / "documents" / "v1" / "screen_report.json"
    report = ub.loads(saved.read_text(encoding="utf-8"), ub.ScreenReport)
    ball = report.blocks[3]
    then = ball.rules[0]
    now = RULE["osteoporosis-fall-risk"]
    # The words it was saved with, which an earlier release gave the rule.
    assert then.id == now.id
    assert then.sources != now.sources
    assert now.accepts_saved(then)
    assert now.accepts_saved(now)
    # Words no release gave it, or the same words deciding something else, are refused.
    assert not now.accepts_saved(attrs.evolve(then, reason="Nothing to worry about."))
    assert not now.accepts_saved(attrs.evolve(then, features=frozenset()))
    assert not RULE["osteoporosis-flexion-rotation"].accepts_saved(then)


def test_a_rule_for_everyone_applies_to_everyone() -> None:
    everyone = RULE["swiss-ball-no-weights"]
    assert everyone.applies_to(frozenset())
    assert everyone.applies_to(frozenset({C.OSTEOPOROSIS}))
    bones = RULE["osteoporosis-flexion-rotation"]
    assert bones.applies_to(frozenset({C.OSTEOPOROSIS, C.HYPERMOBILITY}))
    assert not bones.applies_to(frozenset({C.HYPERMOBILITY}))
    cleared = ub.Profile(
        cleared_rules={"swiss-ball-no-weights"}, clearance_note="Supervised, Dr Lee, 2026-12-01."
    )
    assert [rule.id for rule in cleared.cleared()] == ["swiss-ball-no-weights"]
    assert cleared.rules() == ()
