"""What a person's level and age band change: screening, doses, progression, triage.

The numbers are the fact sheet's, written out here rather than read from the
library's constants, so that a constant changed by mistake fails a test:
holds of 10-30 s for most adults and 30-60 s for older adults [A1][A2], 60 s
of stretch per exercise [A2][A3], 8-12 reps, or 10-15 for older starters
[A7][A5]; new back pain before 20 or after 50 is a red flag [R2*][R8*].
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.compose import Goal, compose, dose_for, prescribe, reach
from upperback.safety import adjusted_dose, hold_range_s, is_novice, is_older_adult, rep_range

CATALOG = ub.default_catalog()
L = ub.Level
OLDER = ub.AgeBand.OVER_50
STATIC = ub.ExerciseKind.STATIC_STRETCH
STRENGTH = ub.ExerciseKind.STRENGTHENING


def exercise(level: ub.Level, kind: ub.ExerciseKind = STRENGTH) -> ub.Exercise:
    dose = ub.Dose(sets=2, hold_s=20) if kind.is_stretch else ub.Dose(sets=2, reps=8)
    return ub.Exercise(
        id=f"test-{int(level)}",
        name="Test exercise",
        kind=kind,
        position=ub.Position.STANDING,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Move slowly."],
        default_dose=dose,
        level=level,
    )


# Level: screening ------------------------------------------------------------


@given(st.sampled_from(L), st.none() | st.sampled_from(L))
@example(L.MODERATE, L.GENTLE)  # two above: out
@example(L.EASY, L.GENTLE)  # one above: a caution
@example(L.GENTLE, L.GENTLE)  # at the level: no level rule
@example(L.ADVANCED, L.HARD)  # one above, at the top of the scale
@example(L.ADVANCED, L.ADVANCED)
@example(L.ADVANCED, None)  # level unknown: everything in reach
def test_an_exercise_above_the_level_is_cautioned_one_step_up_and_left_out_beyond(
    level: ub.Level, person_level: ub.Level | None
) -> None:
    item = ub.screen(exercise(level), ub.Profile(level=person_level))
    ids = [rule.id for rule in item.rules]
    above = 0 if person_level is None else int(level) - int(person_level)
    if above >= 2:
        assert item.verdict is ub.Verdict.EXCLUDE
        assert ids == [ub.LEVEL_EXCLUDE_RULE_ID]
        assert item.safe_block is None
    elif above == 1:
        assert item.verdict is ub.Verdict.MODIFY
        assert ids == [ub.LEVEL_CAUTION_RULE_ID]
        assert item.modified is not None
        assert [c.rule for c in item.modified.cautions] == [ub.LEVEL_CAUTION_RULE_ID]
        assert item.modified.dose == item.block.dose  # a cue only, no cap
    else:
        assert item.verdict is ub.Verdict.OK
        assert ids == []


def test_a_gentle_person_never_gets_a_level_3_exercise_kept_as_ok() -> None:
    gentle = ub.Profile(level=L.GENTLE)
    hard = [e for e in CATALOG if e.level >= L.MODERATE]
    assert hard  # the catalog has some
    for item in hard:
        assert ub.screen(item, gentle).verdict is ub.Verdict.EXCLUDE, item.id
    kept = ub.compose.safe_exercises(CATALOG, gentle)
    assert kept.exercises
    assert all(e.level <= L.EASY for e in kept)


def test_the_level_rules_combine_with_the_conditions_and_the_clinicians_list() -> None:
    person = ub.Profile(
        conditions={ub.Condition.HYPERMOBILITY}, level=L.GENTLE, avoid_features={ub.Feature.PRONE}
    )
    assert [rule.id for rule in person.rules()] == [
        *(rule.id for rule in ub.RULES if ub.Condition.HYPERMOBILITY in rule.conditions),
        "swiss-ball-no-weights",
        ub.LEVEL_CAUTION_RULE_ID,
        ub.LEVEL_EXCLUDE_RULE_ID,
        ub.CLINICIAN_RULE_ID,
    ]
    item = ub.screen(exercise(L.EASY, STATIC), person)
    assert [rule.id for rule in item.rules] == [
        "hypermobility-stretch-cap",
        ub.LEVEL_CAUTION_RULE_ID,
    ]


def test_a_level_rule_says_why_and_where_it_comes_from() -> None:
    caution, cap = ub.Rule.for_level(L.GENTLE, 2)
    assert caution.levels == frozenset({L.EASY})
    assert cap.levels == frozenset({L.MODERATE, L.HARD, L.ADVANCED})
    assert caution.sources == cap.sources == ("A2",)
    assert "(derived)" in caution.reason
    assert cap.describe() == (
        "level-above-reach: level → exclude every exercise at level 3, 4, 5 [A2]"
    )
    assert (
        caution.describe() == "level-one-above: level → modify (cue) every exercise at level 2 [A2]"
    )
    assert ub.Rule.for_level(L.HARD, 5) == (caution_for(L.HARD),)


def caution_for(level: ub.Level) -> ub.Rule:
    return ub.Rule.for_level(level, ub.level_in_reach(level))[0]


def test_a_saved_report_with_level_rules_loads_and_cannot_be_forged() -> None:
    person = ub.Profile(level=L.GENTLE, age_band=OLDER)
    routine = ub.Routine.of(
        "Mixed", main=[CATALOG["chin-tuck"], CATALOG["wall-angel"], CATALOG["thread-the-needle"]]
    )
    report = ub.screen(routine, person)
    assert [b.verdict for b in report.blocks] == [
        ub.Verdict.OK,
        ub.Verdict.MODIFY,
        ub.Verdict.EXCLUDE,
    ]
    assert ub.loads(ub.dumps(report)) == report
    let_through = attrs.evolve(report.blocks[2], verdict=ub.Verdict.OK, rules=())
    with pytest.raises(ub.InvalidValue, match=r"blocks\[2\]\.verdict"):
        attrs.evolve(report, blocks=(*report.blocks[:2], let_through))
    # Re-screening what screening kept changes nothing.
    safe = report.safe_routine()
    assert ub.screen(safe, person).safe_routine() == safe


# Level: one rule for the composer and screening --------------------------------


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(L), st.sampled_from(L))
@example(L.GENTLE, L.ADVANCED)
@example(L.ADVANCED, L.GENTLE)
@example(L.HARD, L.ADVANCED)
def test_the_composer_and_screening_read_the_same_level_in_reach(
    person_level: ub.Level, goal_level: ub.Level
) -> None:
    person = ub.Profile(level=person_level)
    goal = Goal.of(
        20, benefits=[ub.Benefit.FLEXIBILITY, ub.Benefit.STRENGTHEN_BACK], level=goal_level
    )
    assert reach(goal, person) == min(int(goal_level), int(person_level) + 1)
    try:
        result = compose(CATALOG, goal, profile=person, kit=ub.Kit.everyday())
    except ub.NothingFits:
        return
    for block in result.routine.blocks:
        assert block.exercise.level <= int(person_level) + 1
        cautioned = ub.LEVEL_CAUTION_RULE_ID in {c.rule for c in block.cautions}
        assert cautioned == (block.exercise.level > person_level)


def test_prescribe_replaces_within_the_level_in_reach_and_doses_for_the_person() -> None:
    # Osteoporosis leaves out the ball arch; the replacement is within one
    # level of a gentle person's and dosed for an older adult.
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}, level=L.GENTLE, age_band=OLDER)
    routine = ub.Routine.of("Arch", main=[CATALOG["thoracic-extension-swiss-ball"]])
    kit = ub.Kit.of(*ub.Kit.everyday().props, ub.SwissBall.for_height(170))
    result = prescribe(routine, CATALOG, profile=person, kit=kit)
    (change,) = [c for c in result.changes if c.kind is ub.ChangeKind.REPLACED]
    (block,) = result.routine.blocks
    assert block.exercise.id == change.replacement_id
    assert block.exercise.level <= L.EASY
    assert block.exercise.kind is STATIC
    assert block.dose.hold_s is not None
    assert 30 <= block.dose.hold_s <= 60


# Age band: doses -----------------------------------------------------------------


def test_a_novice_older_adults_composition_holds_30_to_60_s_and_does_10_to_15_reps() -> None:
    person = ub.Profile(level=L.EASY, age_band=OLDER)
    goal = Goal.of(
        40,
        benefits=[ub.Benefit.FLEXIBILITY, ub.Benefit.STRENGTHEN_BACK],
        kinds=[STATIC, STRENGTH],
    )
    result = compose(CATALOG, goal, profile=person, kit=ub.Kit.everyday())
    stretches = [b for b in result.routine.blocks if b.exercise.kind is STATIC]
    strength = [b for b in result.routine.blocks if b.exercise.kind is STRENGTH]
    assert stretches
    assert strength
    for block in stretches:
        assert block.dose.hold_s is not None
        assert 30 <= block.dose.hold_s <= 60
        assert block.dose.sets * block.dose.hold_s <= max(60, block.dose.hold_s)
    for block in strength:
        assert block.dose.reps is not None
        assert 10 <= block.dose.reps <= 15
    younger = compose(CATALOG, goal, kit=ub.Kit.everyday())
    assert any(
        b.dose.hold_s is not None and b.dose.hold_s < 30
        for b in younger.routine.blocks
        if b.exercise.kind is STATIC
    )


doses = st.builds(
    ub.Dose,
    sets=st.integers(1, 6),
    hold_s=st.integers(5, 120),
)
rep_doses = st.builds(ub.Dose, sets=st.integers(1, 6), reps=st.integers(1, 50))


@given(doses)
@example(ub.Dose(sets=3, hold_s=20))  # 60 s in all: 2 × 30 s
@example(ub.Dose(sets=4, hold_s=15))  # 60 s in all: 2 × 30 s
@example(ub.Dose(sets=2, hold_s=29))
@example(ub.Dose(sets=2, hold_s=30))  # already in range
@example(ub.Dose(sets=1, hold_s=60))
@example(ub.Dose(sets=2, hold_s=61))  # shortened to 60 s, fewer seconds in all
@example(ub.Dose(sets=6, hold_s=5))
def test_an_older_adults_static_stretch_is_held_30_to_60_s_within_60_s_in_all(
    dose: ub.Dose,
) -> None:
    new = adjusted_dose(STATIC, dose, older_adult=True, novice=False)
    assert new.hold_s is not None
    assert 30 <= new.hold_s <= 60
    assert new.sets >= 1
    assert new.sets * new.hold_s <= max(60, dose.sets * (dose.hold_s or 0), new.hold_s)
    if dose.hold_s is not None and 30 <= dose.hold_s <= 60:
        assert new == dose
    # Most adults, and a PNF stretch, keep the default.
    assert adjusted_dose(STATIC, dose, older_adult=False, novice=True) == dose
    assert adjusted_dose(ub.ExerciseKind.PNF_STRETCH, dose, older_adult=True, novice=True) == dose


@given(rep_doses, st.booleans(), st.booleans())
@example(dose=ub.Dose(sets=2, reps=9), older_adult=True, novice=False)
@example(dose=ub.Dose(sets=2, reps=10), older_adult=False, novice=True)
@example(dose=ub.Dose(sets=2, reps=15), older_adult=True, novice=True)
@example(dose=ub.Dose(sets=2, reps=16), older_adult=False, novice=True)
@example(dose=ub.Dose(sets=2, reps=8), older_adult=False, novice=False)
def test_older_adults_and_novices_do_10_to_15_reps(
    dose: ub.Dose, older_adult: bool, novice: bool
) -> None:
    new = adjusted_dose(STRENGTH, dose, older_adult=older_adult, novice=novice)
    assert new.sets == dose.sets
    if older_adult or novice:
        assert new.reps is not None
        assert 10 <= new.reps <= 15
        if 10 <= (dose.reps or 0) <= 15:
            assert new == dose
    else:
        assert new == dose
    # Motor control keeps its own dose [E19*].
    motor = adjusted_dose(ub.ExerciseKind.MOTOR_CONTROL, dose, older_adult=True, novice=True)
    assert motor == dose


@given(ubst.profiles(kits=st.just(ub.Kit())))
@example(ub.Profile(age_band=OLDER, level=L.GENTLE))
@example(ub.Profile(age_band=ub.AgeBand.FROM_20_TO_50, level=L.MODERATE))
@example(ub.Profile(age_band=ub.AgeBand.UNDER_20, level=L.EASY))
@example(ub.Profile())
def test_who_counts_as_an_older_adult_or_a_novice(profile: ub.Profile) -> None:
    assert profile.older_adult == (profile.age_band is OLDER)
    assert profile.novice == (profile.level is not None and profile.level <= L.EASY)
    assert hold_range_s(STATIC, older_adult=profile.older_adult) == (
        (30, 60) if profile.older_adult else (10, 30)
    )
    assert rep_range(older_adult=profile.older_adult, novice=profile.novice) == (
        (10, 15) if profile.older_adult or profile.novice else (8, 12)
    )
    expected_reach = 5 if profile.level is None else min(5, int(profile.level) + 1)
    assert profile.level_in_reach == ub.level_in_reach(profile.level) == expected_reach


# Age band: progression defaults ---------------------------------------------------


def _hold_cap(rule: Any) -> int:
    hold = rule.inner.rules[0]
    assert isinstance(hold, ub.HoldProgression)
    return hold.max_s


def _rep_range(rule: Any) -> tuple[int, int]:
    double = rule.inner.rules[0]
    assert isinstance(double, ub.DoubleProgression)
    return double.low, double.high


@pytest.mark.parametrize(
    ("profile", "hold", "reps"),
    [
        (ub.Profile(), 30, (8, 12)),
        (ub.Profile(age_band=OLDER), 60, (10, 15)),
        (ub.Profile(level=L.GENTLE), 30, (10, 15)),
        (ub.Profile(level=L.EASY), 30, (10, 15)),
        (ub.Profile(level=L.MODERATE, age_band=ub.AgeBand.FROM_20_TO_50), 30, (8, 12)),
        (ub.Profile(level=L.EASY, age_band=OLDER), 60, (10, 15)),
    ],
)
def test_the_progression_defaults_read_the_profile(
    profile: ub.Profile, hold: int, reps: tuple[int, int]
) -> None:
    stretch = CATALOG["seated-thoracic-extension-chair"]
    assert _hold_cap(ub.default_rule(stretch, profile=profile)) == hold
    assert _rep_range(ub.default_rule(CATALOG["band-pull-apart"], profile=profile)) == reps
    # A PNF stretch keeps the 30 s top of its assisted stretch [A4].
    pnf = attrs.evolve(stretch, kind=ub.ExerciseKind.PNF_STRETCH)
    assert _hold_cap(ub.default_rule(pnf, profile=profile)) == 30


def test_a_plan_for_an_older_adult_grows_holds_to_60_s() -> None:
    routine = ub.Routine.of("Chair", main=[CATALOG["seated-thoracic-extension-chair"]])
    older = ub.plan(routine, weeks=10, profile=ub.Profile(age_band=OLDER))
    younger = ub.plan(routine, weeks=10, profile=ub.Profile())
    assert max(w.routine.blocks[0].dose.hold_s or 0 for w in older.weeks) == 60
    assert max(w.routine.blocks[0].dose.hold_s or 0 for w in younger.weeks) == 30


@pytest.mark.parametrize(
    ("start", "profile", "dose"),
    [
        ("kneeling-push-up-plus", ub.Profile(), "2 × 8 reps"),
        ("kneeling-push-up-plus", ub.Profile(age_band=OLDER), "2 × 10 reps"),
        ("kneeling-push-up-plus", ub.Profile(level=L.HARD), "2 × 8 reps"),
        ("childs-pose", ub.Profile(), "3 × 20 s hold"),
        ("childs-pose", ub.Profile(age_band=OLDER, level=L.GENTLE), "2 × 30 s hold"),
    ],
)
def test_advancing_starts_the_harder_exercise_at_the_persons_dose(
    start: str, profile: ub.Profile, dose: str
) -> None:
    block = ub.Block.of(CATALOG[start])
    outcome = ub.Outcome(
        section=0,
        block=0,
        exercise_id=start,
        dose=block.dose,
        done=(block.dose.reps or block.dose.hold_s or 0,) * block.dose.sets,
        pain_during=0,
    )
    session = ub.SessionLog(
        date=dt.date(2026, 11, 2), routine_id="r", outcomes=[outcome], pain_before=0
    )
    decision = ub.progress(block, [session], ub.Advance(), profile=profile, catalog=CATALOG)
    assert decision.action is ub.ProgressAction.ADVANCE
    assert decision.block.dose.describe() == dose
    assert decision.block.dose == profile.starting_dose(decision.block.exercise)


# Age band: triage --------------------------------------------------------------------

bands = st.none() | st.sampled_from(ub.AgeBand)


@given(st.integers(0, 400), st.sampled_from(ub.Trend), st.none() | st.integers(0, 10), bands)
@example(0, ub.Trend.SAME, None, OLDER)  # pain not given: not known to be none
@example(400, ub.Trend.BETTER, 2, OLDER)  # long-standing pain: only the person knows if new
@example(5, ub.Trend.BETTER, 0, ub.AgeBand.UNDER_20)  # no pain at rest: nothing to refer
@example(5, ub.Trend.SAME, 0, ub.AgeBand.UNDER_20)
@example(5, ub.Trend.BETTER, 1, ub.AgeBand.UNDER_20)
@example(5, ub.Trend.WORSE, 0, ub.AgeBand.UNDER_20)  # none now, but getting worse
@example(5, ub.Trend.SAME, 4, ub.AgeBand.FROM_20_TO_50)  # 20 to 50: not a red-flag age
@example(5, ub.Trend.SAME, 4, None)
def test_back_pain_before_20_or_after_50_is_referred_from_the_age_band(
    days: int, trend: ub.Trend, pain: int | None, band: ub.AgeBand | None
) -> None:
    report = ub.SymptomReport(days_since_onset=days, trend=trend, pain_now=pain)
    advice = ub.triage(report, profile=ub.Profile(age_band=band))
    found = [r for r in advice.reasons if r.code is ub.AdviceCode.ONSET_AGE]
    pain_free = pain == 0 and trend is not ub.Trend.WORSE
    expected = band in {ub.AgeBand.UNDER_20, OLDER} and not pain_free
    assert len(found) == int(expected)
    if expected:
        assert advice.level >= ub.AdviceLevel.SEE_PROFESSIONAL
        assert found[0].level is ub.AdviceLevel.SEE_PROFESSIONAL
        assert found[0].sources == ("R2*", "R8*")
    else:
        assert advice.level == ub.triage(report).level
    # Without a profile the band is unknown.
    assert ub.AdviceCode.ONSET_AGE not in {r.code for r in ub.triage(report).reasons}


@pytest.mark.parametrize("band", [ub.AgeBand.UNDER_20, OLDER])
def test_a_yes_to_the_onset_question_is_urgent_and_reported_once(band: ub.AgeBand) -> None:
    report = ub.SymptomReport(
        days_since_onset=3,
        trend=ub.Trend.SAME,
        red_flags={ub.RedFlag.ONSET_UNDER_20_OR_OVER_50},
    )
    advice = ub.triage(report, profile=ub.Profile(age_band=band))
    assert advice.level is ub.AdviceLevel.URGENT
    assert [r.text for r in advice.reasons] == [
        f"Red flag: {ub.RedFlag.ONSET_UNDER_20_OR_OVER_50.question} You answered yes."
    ]


def test_the_age_band_does_not_change_the_pain_gate() -> None:
    # The gate reads pain around a session only; red flags are triage's.
    older = ub.Profile(age_band=OLDER)
    assert ub.pain_findings(pain_after_exercise=2, profile=older) == ()


def test_an_older_adult_free_of_pain_at_rest_keeps_progressing() -> None:
    # Mild discomfort during exercise, none at rest before it: no new back pain.
    block = ub.Block.of(CATALOG["band-pull-apart"])
    done = (12,) * 3
    outcome = ub.Outcome(
        section=0, block=0, exercise_id=block.exercise.id, dose=block.dose, done=done, pain_during=1
    )
    quiet = ub.SessionLog(
        date=dt.date(2026, 11, 2), routine_id="r", outcomes=[outcome], pain_before=0
    )
    older = ub.Profile(age_band=OLDER)
    rule = ub.default_rule(block.exercise, profile=older)
    assert ub.progress(block, [quiet], rule, profile=older).action is ub.ProgressAction.PROGRESS
    # Pain at rest: only a professional can tell whether it is new.
    sore = attrs.evolve(quiet, pain_before=2)
    assert ub.progress(block, [sore], rule, profile=older).action is ub.ProgressAction.REFER


# Pregnancy weeks -------------------------------------------------------------------


@given(st.integers(1, 42))
@example(1)
@example(12)
@example(13)
@example(27)
@example(28)
@example(42)
def test_a_pregnancy_week_gives_its_trimester(week: int) -> None:
    found = ub.trimester(week)
    assert found.is_pregnancy
    expected = (
        ub.Condition.PREGNANCY_FIRST_TRIMESTER
        if week <= 12
        else ub.Condition.PREGNANCY_SECOND_TRIMESTER
        if week <= 27
        else ub.Condition.PREGNANCY_THIRD_TRIMESTER
    )
    assert found is expected
    # The trimester is a valid profile on its own, and screens as that trimester.
    assert ub.Profile(conditions={found}).conditions == {found}


# Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("week", [0, 43, -1, 13.0, True, "13", None])
def test_trimester_refuses_anything_but_a_week_from_1_to_42(week: Any) -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.trimester(week)
    assert caught.value.field == "week"
    assert caught.value.value == week
    assert caught.value.reason == "must be a whole week of pregnancy from 1 to 42"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"level": 1}, "level"),
        ({"level": "gentle"}, "level"),
        ({"level": True}, "level"),
        ({"age_band": "over_50"}, "age_band"),
        ({"age_band": 50}, "age_band"),
    ],
)
def test_a_profile_refuses_a_level_or_age_band_of_the_wrong_type(
    fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.Profile(**fields)
    assert caught.value.field == field


def test_the_person_helpers_refuse_the_wrong_types() -> None:
    two: Any = 2
    text: Any = "over_50"
    nothing: Any = None
    one: Any = 1
    three: Any = 3
    cases: list[tuple[Any, str]] = [
        (lambda: ub.level_in_reach(two), "level"),
        (lambda: is_novice(two), "level"),
        (lambda: is_older_adult(text), "age_band"),
        (lambda: hold_range_s(text, older_adult=True), "kind"),
        (lambda: hold_range_s(STATIC, older_adult=one), "older_adult"),
        (lambda: rep_range(older_adult=True, novice=nothing), "novice"),
        (lambda: rep_range(older_adult=text, novice=False), "older_adult"),
        (
            lambda: adjusted_dose(text, ub.Dose(sets=1, reps=8), older_adult=True, novice=False),
            "kind",
        ),
        (lambda: ub.default_rule(CATALOG["chin-tuck"], profile=text), "profile"),
        (lambda: ub.Rule.for_level(three, 4), "level"),
        (lambda: ub.Rule.for_level(L.HARD, 3), "reach"),
        (lambda: ub.Rule.for_level(L.HARD, 6), "reach"),
    ]
    for call, field in cases:
        with pytest.raises(ub.InvalidValue) as caught:
            call()
        assert caught.value.field == field


def test_a_novice_of_any_age_does_10_to_15_reps_and_keeps_the_adults_holds() -> None:
    novice = ub.Profile(level=L.EASY, age_band=ub.AgeBand.FROM_20_TO_50)
    push_up = CATALOG["push-up-plus"]
    assert push_up.default_dose.reps == 8
    assert dose_for(push_up, novice).reps == 10
    chair = CATALOG["seated-thoracic-extension-chair"]
    assert dose_for(chair, novice) == chair.default_dose


def test_dose_for_is_the_composers_door_to_the_same_adjustment() -> None:
    person = ub.Profile(level=L.GENTLE, age_band=OLDER)
    for item in CATALOG:
        expected = adjusted_dose(
            item.kind,
            item.default_dose,
            older_adult=True,
            novice=True,
            limits=item.dose_limits,
        )
        assert dose_for(item, person) == expected
        assert dose_for(item, ub.Profile()) == item.default_dose


def test_an_exercise_is_screened_at_the_persons_starting_dose() -> None:
    chair = CATALOG["seated-thoracic-extension-chair"]
    older = ub.Profile(age_band=OLDER)
    assert ub.screen(chair, older).block.dose == ub.Dose(sets=2, hold_s=30, rest_s=30)
    assert ub.screen(chair, ub.Profile()).block.dose == chair.default_dose
    # Screening's caps still win over the longer hold.
    loose = ub.Profile(age_band=OLDER, conditions={ub.Condition.HYPERMOBILITY})
    long_hold = attrs.evolve(exercise(L.GENTLE, STATIC), default_dose=ub.Dose(sets=1, hold_s=45))
    assert ub.screen(long_hold, older).block.dose.hold_s == 45
    safe = ub.screen(long_hold, loose).safe_block
    assert safe is not None
    assert safe.dose.hold_s == 30
