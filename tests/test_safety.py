"""Screening routines for a person, and the contraindication rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.safety.rules import _RULES_BY_ID

if TYPE_CHECKING:
    from collections.abc import Iterable

STRETCH = ub.ExerciseKind.STATIC_STRETCH


def exercise(
    *,
    id: str = "test-exercise",  # noqa: A002
    kind: ub.ExerciseKind = ub.ExerciseKind.STRENGTHENING,
    position: ub.Position = ub.Position.STANDING,
    features: Iterable[ub.Feature] = (),
    props: tuple[ub.PropNeed, ...] = (),
    dose: ub.Dose | None = None,
    level: ub.Level = ub.Level.GENTLE,
) -> ub.Exercise:
    if dose is None:
        timed = kind.is_stretch or kind is ub.ExerciseKind.SELF_MASSAGE
        dose = ub.Dose(sets=2, hold_s=45) if timed else ub.Dose(sets=2, reps=10)
    return ub.Exercise(
        id=id,
        name="Test exercise",
        kind=kind,
        position=position,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Move slowly."],
        default_dose=dose,
        features=features,
        props=props,
        level=level,
    )


def ball(*, required: bool = True) -> tuple[ub.PropNeed, ...]:
    return (ub.PropNeed(kind=ub.PropKind.SWISS_BALL, required=required),)


def person(*conditions: ub.Condition, **kwargs: Any) -> ub.Profile:
    return ub.Profile(conditions=frozenset(conditions), **kwargs)


C = ub.Condition
F = ub.Feature

# One row per condition of DOMAIN.md §8 and §5.4: the exercise, the verdict,
# and the rule that must be among the reasons.
CASES = [
    pytest.param(
        C.OSTEOPOROSIS,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_FLEXION}),
        ub.Verdict.EXCLUDE,
        "osteoporosis-flexion-rotation",
        id="osteoporosis-deep-cat",
    ),
    pytest.param(
        C.OSTEOPOROSIS,
        exercise(features={F.LOADED_FLEXION}),
        ub.Verdict.EXCLUDE,
        "osteoporosis-flexion-rotation",
        id="osteoporosis-curl-up",
    ),
    pytest.param(
        C.OSTEOPOROSIS,
        exercise(kind=STRETCH, features={F.END_RANGE_ROTATION}),
        ub.Verdict.EXCLUDE,
        "osteoporosis-flexion-rotation",
        id="osteoporosis-deep-thread-the-needle",
    ),
    pytest.param(
        C.OSTEOPOROSIS,
        exercise(position=ub.Position.PRONE, props=ball()),
        ub.Verdict.EXCLUDE,
        "osteoporosis-fall-risk",
        id="osteoporosis-prone-on-ball",
    ),
    pytest.param(
        C.OSTEOPOROSIS,
        exercise(kind=STRETCH, position=ub.Position.SEATED),
        ub.Verdict.OK,
        None,
        id="osteoporosis-chair-extension-is-fine",
    ),
    pytest.param(
        C.PREGNANCY_SECOND_TRIMESTER,
        exercise(position=ub.Position.SUPINE),
        ub.Verdict.EXCLUDE,
        "pregnancy-supine",
        id="pregnancy-2nd-supine-position",
    ),
    pytest.param(
        C.PREGNANCY_THIRD_TRIMESTER,
        exercise(features={F.SUPINE}),
        ub.Verdict.EXCLUDE,
        "pregnancy-supine",
        id="pregnancy-3rd-supine-feature",
    ),
    pytest.param(
        C.PREGNANCY_SECOND_TRIMESTER,
        exercise(position=ub.Position.PRONE),
        ub.Verdict.EXCLUDE,
        "pregnancy-prone",
        id="pregnancy-2nd-prone",
    ),
    pytest.param(
        C.PREGNANCY_FIRST_TRIMESTER,
        exercise(position=ub.Position.SUPINE),
        ub.Verdict.OK,
        None,
        id="pregnancy-1st-supine-allowed",
    ),
    pytest.param(
        C.PREGNANCY_FIRST_TRIMESTER,
        exercise(kind=STRETCH),
        ub.Verdict.MODIFY,
        "pregnancy-stretch-range",
        id="pregnancy-1st-stretch-range",
    ),
    pytest.param(
        C.PREGNANCY_SECOND_TRIMESTER,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_STRETCH}),
        ub.Verdict.MODIFY,
        "pregnancy-end-range",
        id="pregnancy-2nd-end-range",
    ),
    pytest.param(
        C.PREGNANCY_FIRST_TRIMESTER,
        exercise(features={F.NEEDS_BALANCE}),
        ub.Verdict.EXCLUDE,
        "pregnancy-fall-risk",
        id="pregnancy-fall-risk",
    ),
    pytest.param(
        C.HYPERMOBILITY,
        exercise(kind=ub.ExerciseKind.PNF_STRETCH),
        ub.Verdict.MODIFY,
        "hypermobility-stretch-cap",
        id="hypermobility-pnf",
    ),
    pytest.param(
        C.HYPERMOBILITY,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_STRETCH}),
        ub.Verdict.MODIFY,
        "hypermobility-end-range",
        id="hypermobility-end-range",
    ),
    pytest.param(
        C.HYPERMOBILITY,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_ROTATION}),
        ub.Verdict.MODIFY,
        "hypermobility-end-range",
        id="hypermobility-open-book-rotation",
    ),
    pytest.param(
        C.PREGNANCY_THIRD_TRIMESTER,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_FLEXION}),
        ub.Verdict.MODIFY,
        "pregnancy-end-range",
        id="pregnancy-deep-cat-flexion",
    ),
    pytest.param(
        C.HYPERMOBILITY,
        exercise(),
        ub.Verdict.OK,
        None,
        id="hypermobility-strengthening-preferred",
    ),
    pytest.param(
        C.ACUTE_INJURY,
        exercise(kind=STRETCH),
        ub.Verdict.EXCLUDE,
        "acute-injury-no-stretch",
        id="acute-injury-stretch",
    ),
    pytest.param(
        C.ACUTE_INJURY,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.END_RANGE_STRETCH}),
        ub.Verdict.EXCLUDE,
        "acute-injury-end-range",
        id="acute-injury-end-range",
    ),
    pytest.param(
        C.ACUTE_INJURY,
        exercise(),
        ub.Verdict.MODIFY,
        "acute-injury-pain-ceiling",
        id="acute-injury-strengthening-pain-guided",
    ),
    pytest.param(
        C.RECENT_SURGERY,
        exercise(kind=ub.ExerciseKind.BREATHING),
        ub.Verdict.EXCLUDE,
        "recent-surgery-clearance",
        id="recent-surgery-everything",
    ),
    pytest.param(
        C.BALANCE_IMPAIRMENT,
        exercise(features={F.UNSTABLE_SURFACE}),
        ub.Verdict.EXCLUDE,
        "balance-unstable-surface",
        id="balance-unstable",
    ),
    pytest.param(
        C.BALANCE_IMPAIRMENT,
        exercise(kind=STRETCH, position=ub.Position.KNEELING, props=ball()),
        ub.Verdict.EXCLUDE,
        "balance-unstable-surface",
        id="balance-kneeling-ball",
    ),
    pytest.param(
        C.BALANCE_IMPAIRMENT,
        exercise(position=ub.Position.SEATED, props=ball(required=False)),
        ub.Verdict.OK,
        None,
        id="balance-optional-ball-not-counted",
    ),
    pytest.param(
        C.CERVICAL_RADICULOPATHY,
        exercise(kind=STRETCH, features={F.NECK_SIDE_BEND}),
        ub.Verdict.EXCLUDE,
        "radiculopathy-neck-stretch",
        id="radiculopathy-upper-trap-stretch",
    ),
    pytest.param(
        C.CERVICAL_RADICULOPATHY,
        exercise(kind=STRETCH, features={F.NECK_ROTATION}),
        ub.Verdict.EXCLUDE,
        "radiculopathy-neck-stretch",
        id="radiculopathy-levator-stretch",
    ),
    pytest.param(
        C.CERVICAL_RADICULOPATHY,
        exercise(features={F.OVERHEAD, F.EXTERNAL_LOAD}),
        ub.Verdict.MODIFY,
        "radiculopathy-overhead",
        id="radiculopathy-overhead",
    ),
    pytest.param(
        C.CERVICAL_RADICULOPATHY,
        exercise(kind=ub.ExerciseKind.MOTOR_CONTROL),
        ub.Verdict.MODIFY,
        "radiculopathy-pain-ceiling",
        id="radiculopathy-chin-tuck-pain-ceiling",
    ),
    pytest.param(
        C.SHOULDER_INSTABILITY,
        exercise(kind=STRETCH, props=(ub.PropNeed(kind=ub.PropKind.DOORWAY),)),
        ub.Verdict.EXCLUDE,
        "shoulder-instability-doorway-towel",
        id="shoulder-doorway-stretch",
    ),
    pytest.param(
        C.SHOULDER_INSTABILITY,
        exercise(kind=STRETCH, props=(ub.PropNeed(kind=ub.PropKind.TOWEL),)),
        ub.Verdict.EXCLUDE,
        "shoulder-instability-doorway-towel",
        id="shoulder-towel-stretch",
    ),
    pytest.param(
        C.SHOULDER_INSTABILITY,
        exercise(props=(ub.PropNeed(kind=ub.PropKind.DOORWAY),)),
        ub.Verdict.OK,
        None,
        id="shoulder-band-row-door-anchor-ok",
    ),
    pytest.param(
        C.SHOULDER_INSTABILITY,
        exercise(features={F.SHOULDER_END_RANGE}),
        ub.Verdict.EXCLUDE,
        "shoulder-instability-end-range",
        id="shoulder-end-range",
    ),
    pytest.param(
        C.PREGNANCY_FIRST_TRIMESTER,
        exercise(features={F.BALLISTIC}),
        ub.Verdict.EXCLUDE,
        "pregnancy-ballistic",
        id="pregnancy-kipping",
    ),
    pytest.param(
        C.PREGNANCY_THIRD_TRIMESTER,
        exercise(features={F.HANGING}),
        ub.Verdict.EXCLUDE,
        "pregnancy-hanging",
        id="pregnancy-pull-up",
    ),
    pytest.param(
        C.HYPERMOBILITY,
        exercise(kind=ub.ExerciseKind.DYNAMIC_MOBILITY, features={F.BALLISTIC}),
        ub.Verdict.EXCLUDE,
        "hypermobility-ballistic",
        id="hypermobility-arm-swings",
    ),
    pytest.param(
        C.CERVICAL_RADICULOPATHY,
        exercise(features={F.LOADED_NECK}),
        ub.Verdict.EXCLUDE,
        "radiculopathy-loaded-neck",
        id="radiculopathy-plate-neck-resistance",
    ),
    pytest.param(
        C.HYPERMOBILITY,  # any person: no weights on the ball (§5.4) [B7][B10]
        exercise(features={F.EXTERNAL_LOAD}, props=ball()),
        ub.Verdict.EXCLUDE,
        "swiss-ball-no-weights",
        id="anyone-dumbbells-on-a-ball",
    ),
]


@pytest.mark.parametrize(("condition", "item", "verdict", "rule_id"), CASES)
def test_domain_cases(
    condition: ub.Condition, item: ub.Exercise, verdict: ub.Verdict, rule_id: str | None
) -> None:
    result = ub.screen(item, person(condition))
    assert result.verdict is verdict
    ids = [rule.id for rule in result.rules]
    if rule_id is None:
        assert ids == []
    else:
        assert rule_id in ids
        assert result.reasons
        assert set(_RULES_BY_ID[rule_id].sources) <= set(result.sources)


def test_every_condition_has_a_case_and_a_rule() -> None:
    cased = {param.values[0] for param in CASES}
    assert cased == set(ub.Condition)
    ruled = {condition for rule in ub.RULES for condition in rule.conditions}
    assert ruled == set(ub.Condition)


def test_every_rule_has_a_case() -> None:
    assert {param.values[3] for param in CASES} - {None} == {rule.id for rule in ub.RULES}


def test_rules_are_sourced_and_unique() -> None:
    assert len({rule.id for rule in ub.RULES}) == len(ub.RULES)
    for rule in ub.RULES:
        assert rule.conditions or rule.requires  # a rule for everyone is narrow
        assert rule.sources
        for key in rule.sources:
            assert re.fullmatch(r"[A-Z][0-9]+[a-z]?\*?", key), key
        assert rule.reason.endswith((".", ")"))


def test_design_sketch() -> None:
    kit = ub.Kit.of(ub.SwissBall.for_height(178), ub.ResistanceBand(level=ub.BandLevel.MEDIUM))
    profile = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}, height_cm=178, kit=kit)
    routine = ub.Routine.of(
        "Desk reset",
        warm_up=[exercise(id="cat-camel", features={F.END_RANGE_FLEXION})],
        main=[exercise(id="band-pull-apart")],
        cool_down=[exercise(id="ball-arch", kind=STRETCH, props=ball())],
    )
    report = ub.screen(routine, profile)
    assert [item.verdict for item in report.blocks] == [
        ub.Verdict.EXCLUDE,
        ub.Verdict.OK,
        ub.Verdict.EXCLUDE,
    ]
    safe = report.safe_routine()
    assert [block.exercise.id for block in safe.blocks] == ["band-pull-apart"]
    assert [section.role for section in safe.sections] == [ub.SectionRole.MAIN]
    assert ub.loads(ub.dumps(safe)) == safe
    assert ub.loads(ub.dumps(report), ub.ScreenReport) == report


def test_exclusion_wins_and_every_rule_is_reported() -> None:
    item = exercise(kind=STRETCH, position=ub.Position.SUPINE)
    result = ub.screen(item, person(C.PREGNANCY_SECOND_TRIMESTER, C.HYPERMOBILITY))
    assert result.verdict is ub.Verdict.EXCLUDE
    assert result.modified is None
    assert result.safe_block is None
    assert {rule.id for rule in result.rules} == {
        "pregnancy-supine",
        "pregnancy-stretch-range",
        "hypermobility-stretch-cap",
    }


def test_modifications_combine() -> None:
    dose = ub.Dose(sets=2, hold_s=60, max_pain=4)
    block = ub.Block(exercise=exercise(kind=STRETCH, dose=dose), notes="Breathe out.")
    result = ub.screen(block, person(C.HYPERMOBILITY, C.PREGNANCY_FIRST_TRIMESTER))
    assert result.verdict is ub.Verdict.MODIFY
    assert result.modified is not None
    assert result.modified.dose.hold_s == 30
    assert result.modified.dose.max_pain == 4
    assert result.modified.notes == "Breathe out."
    assert [c.rule for c in result.modified.cautions] == [
        "pregnancy-stretch-range",
        "hypermobility-stretch-cap",
    ]
    assert result.modified.max_hold_s == 30
    assert any("mild tightness" in cue for cue in result.modified.cues)
    assert result.safe_block == result.modified


def test_pain_ceiling_keeps_the_lower_one() -> None:
    lower = ub.Block(exercise=exercise(), dose=ub.Dose(sets=1, reps=5, max_pain=2))
    result = ub.screen(lower, person(C.CERVICAL_RADICULOPATHY))
    assert result.modified is not None
    assert result.modified.dose.max_pain == 2
    unset = ub.screen(exercise(), person(C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY))
    assert unset.modified is not None
    assert unset.modified.dose.max_pain == 3
    assert unset.modified.dose.hold_s is None


def test_same_cue_is_added_once() -> None:
    item = exercise(kind=STRETCH, features={F.END_RANGE_STRETCH})
    result = ub.screen(item, person(C.PREGNANCY_SECOND_TRIMESTER))
    assert result.modified is not None
    assert result.modified.notes is None
    assert sum("joints are looser" in cue for cue in result.modified.cues) == 1
    assert {c.rule for c in result.modified.cautions} == {
        "pregnancy-stretch-range",
        "pregnancy-end-range",
    }


def test_ok_block_is_kept_unchanged() -> None:
    block = ub.Block.of(exercise())
    result = ub.screen(block, ub.Profile())
    assert result.verdict is ub.Verdict.OK
    assert result.safe_block is block
    assert result.reasons == ()
    assert result.sources == ()


def test_cleared_rules_are_skipped() -> None:
    item = exercise()
    assert ub.screen(item, person(C.RECENT_SURGERY)).verdict is ub.Verdict.EXCLUDE
    cleared = person(
        C.RECENT_SURGERY,
        cleared_rules={"recent-surgery-clearance"},
        clearance_note="Cleared by the surgeon at the 6-week review.",
    )
    assert ub.screen(item, cleared).verdict is ub.Verdict.OK
    assert [rule.id for rule in cleared.cleared()] == ["recent-surgery-clearance"]
    assert person(C.RECENT_SURGERY).cleared() == ()


def test_a_clearance_must_say_who_gave_it() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Profile(conditions={C.RECENT_SURGERY}, cleared_rules={"recent-surgery-clearance"})
    assert info.value.field == "clearance_note"
    assert "whenever 'cleared_rules' is given" in str(info.value)
    with pytest.raises(ub.InvalidValue) as info:
        ub.Profile(clearance_note="Dr A.")
    assert info.value.field == "clearance_note"
    assert "(got 'Dr A.')" in str(info.value)


def test_clinician_avoid_features() -> None:
    profile = ub.Profile(avoid_features={F.OVERHEAD}, avoid_note="Until the shoulder review.")
    result = ub.screen(exercise(features={F.OVERHEAD}), profile)
    assert result.verdict is ub.Verdict.EXCLUDE
    assert result.rules[0].id == ub.CLINICIAN_RULE_ID
    assert result.reasons[0].endswith("overhead. Until the shoulder review.")
    assert ub.screen(exercise(), profile).verdict is ub.Verdict.OK
    assert ub.loads(ub.dumps(profile)) == profile


def test_clinician_rule_without_note() -> None:
    rule = ub.Rule.from_clinician([F.PRONE, F.LOADED_FLEXION])
    assert rule.reason == (
        "Your clinician advised avoiding exercises that involve: loaded flexion, prone."
    )
    assert "clinician's list" in rule.describe()


def test_safe_routine_drops_sections_and_fixes_supersets() -> None:
    bad = exercise(id="bad", position=ub.Position.SUPINE)
    good = exercise(id="good")
    routine = ub.Routine(
        id="r",
        title="R",
        sections=(
            ub.Section(role=ub.SectionRole.WARM_UP, blocks=(ub.Block.of(bad),)),
            ub.Section(
                role=ub.SectionRole.MAIN,
                blocks=(ub.Block.of(good), ub.Block.of(bad)),
                structure=ub.Structure.SUPERSET,
            ),
            ub.Section(
                role=ub.SectionRole.COOL_DOWN,
                blocks=(ub.Block.of(good), ub.Block.of(bad)),
                structure=ub.Structure.CIRCUIT,
                rounds=2,
            ),
        ),
    )
    report = ub.screen(routine, person(C.PREGNANCY_THIRD_TRIMESTER))
    assert report.verdict is ub.Verdict.EXCLUDE
    assert len(report.excluded) == 3
    assert report.modified == ()
    safe = report.safe_routine()
    assert [s.role for s in safe.sections] == [ub.SectionRole.MAIN, ub.SectionRole.COOL_DOWN]
    assert safe.sections[0].structure is ub.Structure.STRAIGHT
    assert safe.sections[1].structure is ub.Structure.CIRCUIT
    assert safe.sections[1].rounds == 2
    assert (safe.id, safe.title) == (routine.id, routine.title)


def test_report_verdicts() -> None:
    routine = ub.Routine.of("R", main=[exercise(kind=STRETCH)])
    assert ub.screen(routine, ub.Profile()).verdict is ub.Verdict.OK
    modified = ub.screen(routine, person(C.HYPERMOBILITY))
    assert modified.verdict is ub.Verdict.MODIFY
    assert len(modified.modified) == 1
    assert modified.safe_routine().blocks[0].dose.hold_s == 30


def test_nothing_safe() -> None:
    routine = ub.Routine.of("R", main=[exercise(), exercise(id="other")])
    report = ub.screen(routine, person(C.RECENT_SURGERY))
    with pytest.raises(ub.NothingSafe) as info:
        report.safe_routine()
    assert isinstance(info.value, ub.UpperbackError)
    assert len(info.value.reasons) == 2
    assert "recent surgery" in str(info.value)
    assert "healthcare professional" in str(info.value)


def test_screen_rejects_wrong_types() -> None:
    with pytest.raises(ub.InvalidValue, match="'profile' must be a Profile"):
        ub.screen(exercise(), "osteoporosis")  # type: ignore[call-overload]
    with pytest.raises(ub.InvalidValue, match="'item' must be a Routine or Block or Exercise"):
        ub.screen("cat-camel", ub.Profile())  # type: ignore[call-overload]


# Profile -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"conditions": "osteoporosis"}, "conditions", "must be a collection"),
        ({"conditions": ["osteoporosis"]}, "conditions", "must contain only Condition"),
        (
            {"conditions": {C.PREGNANCY_FIRST_TRIMESTER, C.PREGNANCY_THIRD_TRIMESTER}},
            "conditions",
            "at most one pregnancy trimester",
        ),
        ({"avoid_features": ["overhead"]}, "avoid_features", "must contain only Feature"),
        ({"avoid_note": "Ask first."}, "avoid_note", "only be given with 'avoid_features'"),
        ({"avoid_features": {F.PRONE}, "avoid_note": " x"}, "avoid_note", "non-empty text"),
        ({"cleared_rules": {"no-such-rule"}}, "cleared_rules", "must name a rule"),
        ({"cleared_rules": {3}}, "cleared_rules", "must contain only str"),
        ({"level": 3}, "level", "must be a Level"),
        ({"age_band": "over_50"}, "age_band", "must be an AgeBand"),
        ({"height_cm": 99}, "height_cm", "between 100 and 250"),
        ({"height_cm": float("nan")}, "height_cm", "must be a number"),
        ({"height_cm": "178"}, "height_cm", "must be a number"),
        ({"kit": ()}, "kit", "must be a Kit"),
    ],
)
def test_profile_rejects(kwargs: dict[str, Any], field: str, text: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Profile(**kwargs)
    assert info.value.field == field
    assert text in str(info.value)
    assert f"'{field}'" in str(info.value)


def test_profile_rules_order() -> None:
    profile = person(C.SHOULDER_INSTABILITY, C.OSTEOPOROSIS, avoid_features={F.PRONE})
    ids = [rule.id for rule in profile.rules()]
    assert ids == [
        "osteoporosis-flexion-rotation",
        "osteoporosis-fall-risk",
        "shoulder-instability-end-range",
        "shoulder-instability-doorway-towel",
        "swiss-ball-no-weights",
        ub.CLINICIAN_RULE_ID,
    ]


# Rules and modifications -------------------------------------------------


def _rule(**changes: Any) -> ub.Rule:
    base: dict[str, Any] = {
        "id": "test-rule",
        "conditions": {C.OSTEOPOROSIS},
        "features": {F.PRONE},
        "action": ub.Action.EXCLUDE,
        "reason": "Because.",
        "sources": ("C1",),
    }
    return ub.Rule(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"id": "Not A Slug"}, "id", "must be a slug"),
        ({"conditions": ["osteoporosis"]}, "conditions", "only Condition"),
        ({"conditions": 3}, "conditions", "must be a collection"),
        ({"action": "exclude"}, "action", "must be an Action"),
        ({"reason": ""}, "reason", "non-empty text"),
        ({"sources": "C1"}, "sources", "must be a collection of source keys"),
        ({"sources": ("",)}, "sources[0]", "non-empty text"),
        ({"features": ["prone"]}, "features", "only Feature"),
        ({"positions": ["supine"]}, "positions", "only Position"),
        ({"props": ["towel"]}, "props", "only PropKind"),
        ({"kinds": ["static_stretch"]}, "kinds", "only ExerciseKind"),
        ({"features": ()}, "features", "a rule matches something"),
        ({"action": ub.Action.MODIFY}, "modification", "must be a Modification"),
        ({"modification": ub.Modification(cue="Go slowly.")}, "modification", "only be given"),
    ],
)
def test_rule_rejects(changes: dict[str, Any], field: str, text: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        _rule(**changes)
    assert info.value.field == field
    assert text in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({}, "cue", "must be given"),
        ({"max_hold_s": 0}, "max_hold_s", "between 1 and 120"),
        ({"max_pain": 11}, "max_pain", "between 0 and 10"),
        ({"cue": "  "}, "cue", "non-empty text"),
    ],
)
def test_modification_rejects(kwargs: dict[str, Any], field: str, text: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Modification(**kwargs)
    assert info.value.field == field
    assert text in str(info.value)


def test_rule_matching() -> None:
    rule = _rule(
        features={F.PRONE},
        positions={ub.Position.SUPINE},
        props={ub.PropKind.TOWEL},
        kinds={STRETCH},
    )
    assert rule.matches(exercise(kind=STRETCH, features={F.PRONE}))
    assert rule.matches(exercise(kind=STRETCH, position=ub.Position.SUPINE))
    assert rule.matches(exercise(kind=STRETCH, props=(ub.PropNeed(kind=ub.PropKind.TOWEL),)))
    assert not rule.matches(exercise(kind=STRETCH))
    assert not rule.matches(exercise(features={F.PRONE}))
    only_kinds = _rule(features=(), kinds={STRETCH})
    assert only_kinds.matches(exercise(kind=STRETCH))
    assert not only_kinds.matches(exercise())


def test_describe_custom_modification() -> None:
    rule = _rule(
        action=ub.Action.MODIFY,
        modification=ub.Modification(max_pain=2),
        features=(),
        positions={ub.Position.PRONE},
    )
    assert rule.describe() == (
        "test-rule: osteoporosis → modify (pain ≤ 2/10) positions prone [C1]"
    )


@given(ubst.profiles(conditions=st.just(frozenset({C.HYPERMOBILITY}))))
def test_profiles_strategy_takes_conditions(profile: ub.Profile) -> None:
    assert profile.conditions == {C.HYPERMOBILITY}


def test_describe() -> None:
    described = {rule.id: rule.describe() for rule in ub.RULES}
    assert described["hypermobility-stretch-cap"] == (
        "hypermobility-stretch-cap: hypermobility → modify (hold ≤ 30 s, cue)"
        " every pnf_stretch, static_stretch [C9*][A2]"
    )
    assert described["acute-injury-pain-ceiling"].startswith(
        "acute-injury-pain-ceiling: acute_injury → modify (pain ≤ 3/10, cue)"
    )
    assert "positions supine" in described["pregnancy-supine"]
    assert described["recent-surgery-clearance"].endswith("exclude every exercise [E23]")
    assert described["shoulder-instability-doorway-towel"].endswith(
        "exclude props doorway, towel (only pnf_stretch, static_stretch) [E6e*][E23]"
    )
    assert "props swiss_ball" in described["balance-unstable-surface"]


# Screen reports ----------------------------------------------------------


def test_block_screen_rejects() -> None:
    block = ub.Block.of(exercise(kind=STRETCH, features={F.END_RANGE_FLEXION}))
    rule = ub.RULES[0]
    modifies = _RULES_BY_ID["hypermobility-stretch-cap"]
    for verdict, rules in [
        (ub.Verdict.OK, (rule,)),
        (ub.Verdict.EXCLUDE, ()),
        (ub.Verdict.MODIFY, (rule, modifies)),
        (ub.Verdict.EXCLUDE, (modifies,)),
    ]:
        with pytest.raises(ub.InvalidValue) as info:
            ub.BlockScreen(block=block, verdict=verdict, rules=rules, modified=block)
        assert info.value.field == "verdict"
        assert "must be 'exclude' if a rule excludes" in str(info.value)
    with pytest.raises(ub.InvalidValue, match="'modified' must be a Block"):
        ub.BlockScreen(block=block, verdict=ub.Verdict.MODIFY, rules=(modifies,))
    with pytest.raises(ub.InvalidValue, match=r"'rules\[0\]' must match the block's exercise"):
        ub.BlockScreen(block=ub.Block.of(exercise()), verdict=ub.Verdict.EXCLUDE, rules=(rule,))
    # A modified block that is not what the rules make of it: the cap and its caution dropped.
    with pytest.raises(ub.InvalidValue, match="'modified' must be the block as its rules modify"):
        ub.BlockScreen(block=block, verdict=ub.Verdict.MODIFY, rules=(modifies,), modified=block)
    with pytest.raises(ub.InvalidValue, match="'modified' may only be given"):
        ub.BlockScreen(block=block, verdict=ub.Verdict.EXCLUDE, rules=(rule,), modified=block)
    with pytest.raises(ub.InvalidValue, match=r"'rules\[0\]' must be a Rule"):
        ub.BlockScreen(block=block, verdict=ub.Verdict.EXCLUDE, rules=("x",))
    with pytest.raises(ub.InvalidValue, match="'rules' must be a collection"):
        ub.BlockScreen(block=block, verdict=ub.Verdict.EXCLUDE, rules=3)  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'block' must be a Block"):
        ub.BlockScreen(block=exercise(), verdict=ub.Verdict.OK)  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'verdict' must be a Verdict"):
        ub.BlockScreen(block=block, verdict="ok")  # type: ignore[arg-type]


def test_screen_report_rejects() -> None:
    routine = ub.Routine.of("R", main=[exercise()])
    report = ub.screen(routine, ub.Profile())
    other = ub.screen(exercise(id="other"), ub.Profile())
    with pytest.raises(ub.InvalidValue, match="'blocks' must screen each block"):
        attrs.evolve(report, blocks=(other,))
    with pytest.raises(ub.InvalidValue, match="'blocks' must screen each block"):
        attrs.evolve(report, blocks=())
    with pytest.raises(ub.InvalidValue, match=r"'blocks\[0\]' must be a BlockScreen"):
        attrs.evolve(report, blocks=("x",))
    with pytest.raises(ub.InvalidValue, match="'blocks' must be a collection"):
        attrs.evolve(report, blocks=3)  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'routine' must be a Routine"):
        attrs.evolve(report, routine="r")  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'profile' must be a Profile"):
        attrs.evolve(report, profile=None)  # type: ignore[arg-type]


def _matching(
    profile: ub.Profile, item: ub.Exercise, action: ub.Action = ub.Action.EXCLUDE
) -> list[ub.Rule]:
    # An independent reading of the rules' documented matching, so the
    # invariant does not just re-run the implementation.
    found = []
    for rule in profile.rules():
        if rule.action is not action:
            continue
        if rule.kinds and item.kind not in rule.kinds:
            continue
        if rule.levels and item.level not in rule.levels:
            continue
        required = {need.kind for need in item.props if need.required}
        if not rule.requires <= required:
            continue
        what = (rule.features, rule.positions, rule.props)
        if not any(what) or (
            rule.features & item.features
            or item.position in rule.positions
            or rule.props & required
        ):
            found.append(rule)
    return found


def _excluded_by(profile: ub.Profile, item: ub.Exercise) -> list[str]:
    return [rule.id for rule in _matching(profile, item)]


def _check_caps(profile: ub.Profile, block: ub.Block) -> None:
    for rule in _matching(profile, block.exercise, ub.Action.MODIFY):
        change = rule.modification
        assert change is not None
        if change.max_hold_s is not None and block.dose.hold_s is not None:
            assert block.dose.hold_s <= change.max_hold_s
        if change.max_pain is not None:
            assert block.dose.max_pain is not None
            assert block.dose.max_pain <= change.max_pain
        recorded = {caution.rule: caution for caution in block.cautions}
        assert recorded[rule.id].max_hold_s == change.max_hold_s
        assert recorded[rule.id].max_pain == change.max_pain
        if change.cue is not None:
            assert change.cue in block.cues


# Only the fields rules read vary; the rest of an exercise is costly to draw
# and irrelevant to screening.
# A self-massage exercise is never loaded, so that pair is not drawn.
_kinds_and_features = st.tuples(
    st.sampled_from(ub.ExerciseKind), st.frozensets(st.sampled_from(ub.Feature), max_size=4)
).filter(
    lambda pair: (
        not (pair[0] is ub.ExerciseKind.SELF_MASSAGE and ub.Feature.EXTERNAL_LOAD in pair[1])
    )
)
screenable_exercises = st.builds(
    lambda pair, **rest: exercise(kind=pair[0], features=pair[1], **rest),
    _kinds_and_features,
    level=st.sampled_from(ub.Level),
    position=st.sampled_from(ub.Position),
    props=st.lists(ubst.prop_needs(), max_size=3, unique_by=lambda need: need.key).map(tuple),
)


# The kit does not change screening either.
screenable_profiles = ubst.profiles(kits=st.just(ub.Kit()))


# Corners: the whole catalog in one routine; every condition at once (one
# trimester, the rule that excludes everything cleared); conditions that
# only modify, combined.
_WHOLE_CATALOG = ub.Routine.of("Everything", main=list(ub.default_catalog()))
_EVERY_CONDITION = ub.Profile(
    conditions={c for c in ub.Condition if not c.is_pregnancy} | {C.PREGNANCY_THIRD_TRIMESTER},
    cleared_rules={"recent-surgery-clearance"},
    clearance_note="Cleared by the surgeon on 3 March.",
    avoid_features={F.OVERHEAD},
)
_ONLY_MODIFY = person(C.HYPERMOBILITY, C.PREGNANCY_FIRST_TRIMESTER, C.CERVICAL_RADICULOPATHY)
_EVERY_FEATURE = exercise(kind=STRETCH, position=ub.Position.PRONE, features=set(F), props=ball())


@settings(suppress_health_check=[HealthCheck.too_slow])  # routines are costly to draw
@given(
    ubst.routines(blocks=ubst.blocks(exercises=screenable_exercises), max_blocks=3),
    screenable_profiles,
)
@example(_WHOLE_CATALOG, _EVERY_CONDITION)
@example(_WHOLE_CATALOG, _ONLY_MODIFY)
@example(_WHOLE_CATALOG, person(C.RECENT_SURGERY))
@example(_WHOLE_CATALOG, ub.Profile())
def test_safe_routine_holds_nothing_excluded(routine: ub.Routine, profile: ub.Profile) -> None:
    report = ub.screen(routine, profile)
    try:
        safe = report.safe_routine()
    except ub.NothingSafe:
        assert all(item.verdict is ub.Verdict.EXCLUDE for item in report.blocks)
        return
    for block in safe.blocks:
        assert _excluded_by(profile, block.exercise) == []
        _check_caps(profile, block)
    kept = [item for item in report.blocks if item.verdict is not ub.Verdict.EXCLUDE]
    assert len(safe.blocks) == len(kept)
    for item in report.blocks:
        assert (item.verdict is ub.Verdict.EXCLUDE) == bool(
            _excluded_by(profile, item.block.exercise)
        )


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(ubst.routines(), ubst.profiles())
def test_safe_routine_invariant_with_default_strategies(
    routine: ub.Routine, profile: ub.Profile
) -> None:
    # The same invariant over the unrestricted strategies, with fewer
    # examples because whole exercises are costly to draw.
    report = ub.screen(routine, profile)
    try:
        safe = report.safe_routine()
    except ub.NothingSafe:
        return
    assert all(_excluded_by(profile, block.exercise) == [] for block in safe.blocks)


@given(screenable_exercises, screenable_profiles, screenable_profiles)
@example(_EVERY_FEATURE, ub.Profile(), _EVERY_CONDITION)
@example(exercise(kind=STRETCH), person(C.PREGNANCY_FIRST_TRIMESTER), person(C.HYPERMOBILITY))
@example(exercise(kind=STRETCH), _ONLY_MODIFY, person(C.ACUTE_INJURY))
@example(exercise(), person(C.PREGNANCY_FIRST_TRIMESTER), person(C.PREGNANCY_THIRD_TRIMESTER))
def test_more_conditions_never_loosen(
    item: ub.Exercise, first: ub.Profile, second: ub.Profile
) -> None:
    both = attrs.evolve(
        first,
        conditions=first.conditions
        | {
            c
            for c in second.conditions
            if not (c.is_pregnancy and any(x.is_pregnancy for x in first.conditions))
        },
        cleared_rules=frozenset(),
        clearance_note=None,
    )
    alone = ub.screen(item, attrs.evolve(first, cleared_rules=frozenset(), clearance_note=None))
    combined = ub.screen(item, both)
    order = [ub.Verdict.OK, ub.Verdict.MODIFY, ub.Verdict.EXCLUDE]
    assert order.index(combined.verdict) >= order.index(alone.verdict)
    assert set(alone.rules) <= set(combined.rules)
