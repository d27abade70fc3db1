"""Screening that can be repeated and reports that cannot be forged (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import upperback as ub
from tests.test_safety import exercise, person
from upperback import strategies as ubst

C = ub.Condition
F = ub.Feature
STRETCH = ub.ExerciseKind.STATIC_STRETCH
CATALOG = ub.default_catalog()
RULE = {rule.id: rule for rule in ub.RULES}
SAVED = Path(__file__).parent / "documents" / f"v{ub.SCHEMA_VERSION}"

# Every condition at once (one trimester), with the one rule that excludes
# everything cleared by a clinician, so that something is left to screen again.
EVERYTHING = ub.Profile(
    conditions=frozenset(c for c in C if not c.is_pregnancy) | {C.PREGNANCY_SECOND_TRIMESTER},
    cleared_rules={"recent-surgery-clearance"},
    clearance_note="Cleared by the surgeon, Dr Lee, on 3 March.",
)
LOOSE_AND_PREGNANT = person(C.HYPERMOBILITY, C.PREGNANCY_FIRST_TRIMESTER)
STRETCHES = ub.Routine.of(
    "Stretches",
    main=[CATALOG["doorway-pec-stretch"], CATALOG["cat-camel"], CATALOG["chin-tuck"]],
    cool_down=[CATALOG["upper-trapezius-stretch"]],
)
LONG_NOTES = ub.Routine.of(
    "Long notes",
    main=[
        ub.Block(
            exercise=CATALOG["doorway-pec-stretch"],
            dose=ub.Dose(sets=2, hold_s=45),
            notes="n" * 2000,
        ),
        CATALOG["chin-tuck"],
    ],
)

catalog_routines = ubst.routines(
    blocks=ubst.blocks(exercises=st.sampled_from(CATALOG.exercises)), max_blocks=3
)
any_profile = ubst.profiles(kits=st.just(ub.Kit()))


def _safe(routine: ub.Routine, profile: ub.Profile) -> ub.Routine | None:
    try:
        return ub.screen(routine, profile).safe_routine()
    except ub.NothingSafe:
        return None


# Idempotence -----------------------------------------------------------------


@given(catalog_routines, any_profile)
@example(STRETCHES, LOOSE_AND_PREGNANT)
@example(STRETCHES, EVERYTHING)
@example(LONG_NOTES, LOOSE_AND_PREGNANT)
@example(LONG_NOTES, EVERYTHING)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_screening_is_idempotent(routine: ub.Routine, profile: ub.Profile) -> None:
    once = _safe(routine, profile)
    if once is None:  # nothing safe: there is no routine to screen again
        assert all(
            item.verdict is ub.Verdict.EXCLUDE for item in ub.screen(routine, profile).blocks
        )
        return
    again = ub.screen(once, profile)
    assert again.safe_routine() == once
    assert again.excluded == ()
    # Notes are the author's: screening never writes into them.
    assert {block.notes for block in once.blocks} <= {block.notes for block in routine.blocks}


@pytest.mark.parametrize("profile", [LOOSE_AND_PREGNANT, EVERYTHING])
def test_a_ten_week_plan_can_screen_every_week(profile: ub.Profile) -> None:
    # Regression: cues were appended to notes on every screen, and the tenth
    # re-screen of hypermobility + pregnancy passed the 2,000-character limit.
    week = ub.screen(STRETCHES, profile).safe_routine()
    first = week
    for _ in range(12):
        week = ub.screen(week, profile).safe_routine()
    assert week == first
    assert all(block.notes is None for block in week.blocks)
    cautioned = [b for b in week.blocks if b.cautions]
    assert cautioned
    for block in cautioned:
        assert len(block.cautions) == len({c.rule for c in block.cautions})


def test_a_block_with_long_notes_screens() -> None:
    # Regression: a valid block with 2,000 characters of notes made screen() raise.
    result = ub.screen(LONG_NOTES.blocks[0], LOOSE_AND_PREGNANT)
    assert result.modified is not None
    assert result.modified.notes == "n" * 2000
    assert result.modified.dose.hold_s == 30
    assert ub.screen(LONG_NOTES, LOOSE_AND_PREGNANT).safe_routine().blocks[0].notes == "n" * 2000


def test_cautions_are_recorded_by_rule() -> None:
    block = ub.screen(STRETCHES, LOOSE_AND_PREGNANT).safe_routine().blocks[0]
    # The doorway stretch is a stretch to end range: four rules, in the order of RULES.
    assert [(c.rule, c.max_hold_s, c.max_pain) for c in block.cautions] == [
        ("pregnancy-stretch-range", None, None),
        ("pregnancy-end-range", None, None),
        ("hypermobility-stretch-cap", 30, None),
        ("hypermobility-end-range", None, None),
    ]
    assert block.max_hold_s == 30
    assert block.max_pain is None
    assert len(block.cues) == 3  # the two pregnancy rules share their cue
    nerve = ub.screen(CATALOG["chin-tuck"], person(C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY))
    assert nerve.modified is not None
    assert nerve.modified.max_pain == 3
    assert nerve.modified.dose.max_pain == 3
    converter = ub.make_converter()
    assert converter.structure(converter.unstructure(nerve.modified), ub.Block) == nerve.modified


# Caps are constraints ----------------------------------------------------------


def capped_stretch(hold_s: int = 20, cap: int = 20) -> ub.Block:
    return ub.Block(
        exercise=exercise(kind=STRETCH),
        dose=ub.Dose(sets=2, hold_s=hold_s),
        cautions=[ub.Caution(rule="hypermobility-stretch-cap", max_hold_s=cap)],
    )


def test_a_block_refuses_a_dose_past_its_caps() -> None:
    with pytest.raises(ub.InvalidValue, match=r"'dose\.hold_s' must be at most 20 seconds") as info:
        capped_stretch(hold_s=25)
    assert info.value.field == "dose.hold_s"
    assert "hypermobility-stretch-cap" in str(info.value)
    pain = ub.Caution(rule="radiculopathy-pain-ceiling", max_pain=3)
    for max_pain in (None, 4):
        with pytest.raises(ub.InvalidValue, match=r"'dose\.max_pain' must be at most 3"):
            ub.Block(
                exercise=exercise(),
                dose=ub.Dose(sets=1, reps=5, max_pain=max_pain),
                cautions=[pain],
            )
    at_cap = ub.Block(exercise=exercise(), dose=ub.Dose(reps=5, max_pain=3), cautions=[pain])
    assert at_cap.max_pain == 3
    assert capped_stretch(hold_s=20).dose.hold_s == 20  # at the cap is within it


def test_cautions_are_checked() -> None:
    with pytest.raises(ub.InvalidValue, match=r"'cautions\[1\].rule' must not repeat"):
        ub.Block(
            exercise=exercise(),
            cautions=[ub.Caution(rule="a", cue="One."), ub.Caution(rule="a", cue="Two.")],
        )
    with pytest.raises(ub.InvalidValue, match=r"'cautions\[0\]' must be a Caution"):
        ub.Block(exercise=exercise(), cautions=["a"])
    with pytest.raises(ub.InvalidValue, match=r"'cautions\[0\]' must be a Caution"):
        ub.Block(exercise=exercise()).with_cautions(["a"])  # type: ignore[list-item]
    with pytest.raises(ub.InvalidValue, match="'cue' or 'max_hold_s' or 'max_pain' must be"):
        ub.Caution(rule="a")
    with pytest.raises(ub.InvalidValue, match="'rule' must be a slug"):
        ub.Caution(rule="Not a slug", cue="Go slowly.")
    with pytest.raises(ub.InvalidValue, match="'max_hold_s' must be"):
        ub.Caution(rule="a", max_hold_s=0)


def test_map_doses_cannot_undo_a_cap() -> None:
    routine = ub.screen(STRETCHES, LOOSE_AND_PREGNANT).safe_routine()
    with pytest.raises(ub.InvalidValue) as info:
        routine.map_doses(lambda block: attrs.evolve(block.dose, hold_s=60))
    assert info.value.field == "sections[0].blocks[0].dose.hold_s"
    # The way to change a dose and keep within the rules: cap it.
    longer = routine.map_doses(lambda block: block.cap(attrs.evolve(block.dose, hold_s=60)))
    assert [b.dose.hold_s for b in longer.blocks if b.max_hold_s is not None] == [30, 30]


@given(ubst.blocks(exercises=st.sampled_from(CATALOG.exercises)), ubst.doses(per_side=False))
@example(capped_stretch(), ub.Dose(sets=2, hold_s=120, max_pain=9))
def test_cap_keeps_within_every_caution(block: ub.Block, dose: ub.Dose) -> None:
    capped = block.cap(dose)
    for caution in block.cautions:
        if caution.max_hold_s is not None and dose.hold_s is not None:
            assert capped.hold_s == min(dose.hold_s, block.max_hold_s or 120)
            assert capped.hold_s is not None
            assert capped.hold_s <= caution.max_hold_s
        if caution.max_pain is not None:
            assert capped.max_pain is not None
            assert capped.max_pain <= caution.max_pain
    assert (capped.sets, capped.reps, capped.rest_s) == (dose.sets, dose.reps, dose.rest_s)
    if not block.cautions:
        assert capped is dose


def test_scale_stays_within_a_cap() -> None:
    # A stretch at 20 s capped at 20 s: 60 minutes would lengthen the hold to 30 s [A2],
    # but the rule's cap wins; the extra time goes to sets.
    routine = ub.Routine.of("Capped", main=[capped_stretch(hold_s=15, cap=20)])
    result = ub.scale(routine, minutes=60)
    block = result.routine.blocks[0]
    assert block.dose.hold_s == 20
    assert block.dose.sets == 4
    uncapped = ub.scale(
        ub.Routine.of(
            "Free",
            main=[ub.Block(exercise=exercise(kind=STRETCH), dose=ub.Dose(sets=2, hold_s=15))],
        ),
        minutes=60,
    )
    assert uncapped.routine.blocks[0].dose.hold_s == 30


@given(catalog_routines, st.integers(1, 60))
@settings(suppress_health_check=[HealthCheck.too_slow])  # routines are costly to draw
@example(STRETCHES, 60)
def test_scaling_a_screened_routine_keeps_its_caps(routine: ub.Routine, minutes: int) -> None:
    safe = _safe(routine, person(C.HYPERMOBILITY))
    if safe is None:
        return
    for block in ub.scale(safe, minutes=minutes).routine.blocks:
        if block.max_hold_s is not None and block.dose.hold_s is not None:
            assert block.dose.hold_s <= block.max_hold_s


# Forged reports ------------------------------------------------------------------


def forged(edit: str) -> str:
    document = json.loads((SAVED / "screen_report.json").read_text(encoding="utf-8"))
    first = document["data"]["blocks"][0]
    assert first["block"]["exercise"]["id"] == "cat-camel"
    assert first["verdict"] == "exclude"
    if edit == "verdict":
        first["verdict"] = "ok"
        del first["rules"]
    elif edit == "rule":
        first["rules"][0]["action"] = "modify"
        first["rules"][0]["modification"] = {"cue": "Gently."}
        first["verdict"] = "modify"
        caution = {"rule": "osteoporosis-flexion-rotation", "cue": "Gently."}
        first["modified"] = {**first["block"], "cautions": [caution]}
    else:
        first["rules"][0]["reason"] = "Nothing to worry about."
    return json.dumps(document)


@pytest.mark.parametrize("edit", ["verdict", "rule", "reason"])
def test_a_forged_saved_report_is_refused(edit: str) -> None:
    # Regression: a hand-edited report saying cat-camel is ok for a person with
    # osteoporosis loaded, and its safe_routine() gave cat-camel back.
    with pytest.raises(ub.InvalidDocument) as info:
        ub.loads(forged(edit))
    message = str(info.value)
    assert "$.data.blocks[0]" in message
    assert "cat-camel" in message
    assert "osteoporosis-flexion-rotation" in message


def test_the_saved_report_itself_loads() -> None:
    text = (SAVED / "screen_report.json").read_text(encoding="utf-8")
    report = ub.loads(text)
    assert isinstance(report, ub.ScreenReport)
    assert "cat-camel" not in {b.exercise.id for b in report.safe_routine().blocks}
    assert ub.dumps(report, indent=2) + "\n" == text


def test_only_a_clearance_on_the_profile_lets_an_exercise_back() -> None:
    routine = ub.Routine.of("R", main=[CATALOG["cat-camel"], CATALOG["chin-tuck"]])
    bones = person(C.OSTEOPOROSIS)
    report = ub.screen(routine, bones)
    assert report.blocks[0].verdict is ub.Verdict.EXCLUDE
    ok = ub.BlockScreen(block=routine.blocks[0], verdict=ub.Verdict.OK)
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(report, blocks=(ok, report.blocks[1]))
    assert info.value.field == "blocks[0].verdict"
    cleared = person(
        C.OSTEOPOROSIS,
        cleared_rules={"osteoporosis-flexion-rotation"},
        clearance_note="Dr Ahmed, 2 May: gentle cat-camel is fine.",
    )
    allowed = ub.screen(routine, cleared)
    assert allowed.blocks[0].verdict is ub.Verdict.OK
    assert attrs.evolve(allowed, blocks=(ok, allowed.blocks[1])) == allowed


@st.composite
def forgeries(draw: st.DrawFn) -> tuple[ub.ScreenReport, tuple[ub.BlockScreen, ...]]:
    """A report and its blocks with one verdict replaced by another consistent one."""
    report = draw(ubst.screen_reports(routines=catalog_routines, profiles=any_profile))
    i = draw(st.integers(0, len(report.blocks) - 1))
    item = report.blocks[i]
    others = [v for v in ub.Verdict if v is not item.verdict]
    verdict = draw(st.sampled_from(others))
    block = item.block
    if verdict is ub.Verdict.OK:
        fake = ub.BlockScreen(block=block, verdict=verdict)
    elif verdict is ub.Verdict.EXCLUDE:  # a real rule that matches every exercise
        fake = ub.BlockScreen(
            block=block, verdict=verdict, rules=(RULE["recent-surgery-clearance"],)
        )
    else:
        rule = RULE["radiculopathy-pain-ceiling"]
        assert rule.modification is not None
        caution = ub.Caution(rule=rule.id, max_pain=3, cue=rule.modification.cue)
        fake = ub.BlockScreen(
            block=block, verdict=verdict, rules=(rule,), modified=block.with_cautions([caution])
        )
    blocks = list(report.blocks)
    blocks[i] = fake
    return report, tuple(blocks)


@given(forgeries())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_a_report_is_what_screen_gives(
    case: tuple[ub.ScreenReport, tuple[ub.BlockScreen, ...]],
) -> None:
    report, blocks = case
    assert ub.loads(ub.dumps(report)) == report
    assert ub.screen(report.routine, report.profile) == report
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(report, blocks=blocks)
    assert info.value.field.startswith("blocks[")
    document = ub.to_dict(report)
    converter = ub.make_converter()
    document["data"]["blocks"] = [converter.unstructure(item) for item in blocks]
    with pytest.raises(ub.InvalidDocument, match=r"\$\.data\.blocks\["):
        ub.from_dict(document, ub.ScreenReport)


def test_substitution_keeps_the_cautions_and_their_caps() -> None:
    # A pain cap recorded on a ball exercise stays on the exercise put in its place.
    nerve = person(C.CERVICAL_RADICULOPATHY)
    routine = ub.Routine.of("Ball", main=[CATALOG["thoracic-extension-swiss-ball"]])
    safe = ub.screen(routine, nerve).safe_routine()
    assert safe.blocks[0].max_pain == 3
    result = ub.substitute(safe, ub.Kit(), CATALOG)
    [swap] = result.substitutions
    assert swap.replacement_id is not None
    block = result.routine.blocks[0]
    assert block.exercise.id == swap.replacement_id
    assert block.cautions == safe.blocks[0].cautions
    assert block.dose.max_pain == 3
    assert ub.screen(result.routine, nerve).safe_routine() == result.routine
