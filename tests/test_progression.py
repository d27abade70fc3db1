"""Progression: logs, rules, the pain gate, decisions and programs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.progression import EFFORT_SCALE
from upperback.progression import ProgressAction as Act
from upperback.progression.decide import kit_gap


def _at_most(examples: int) -> int:
    """``examples``, or fewer when the profile asks for fewer (the quick and mutation runs)."""
    return min(examples, settings().max_examples)


CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)
NERVE = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})


def block(exercise_id: str, **dose: Any) -> ub.Block:
    exercise = CATALOG[exercise_id]
    return ub.Block(exercise=exercise, dose=ub.Dose(**dose) if dose else exercise.default_dose)


def log(
    b: ub.Block,
    done: tuple[int, ...] | None = None,
    *,
    day: int = 0,
    pain: int | None = 1,
    morning: int | None = 0,
    before: int | None = 0,
    at: tuple[int, int] = (0, 0),
    symptoms: ub.SymptomReport | None = None,
    routine_id: str = "r",
    week: int | None = None,
) -> ub.SessionLog:
    target = b.dose.reps if b.dose.reps is not None else b.dose.hold_s
    sides = 2 if b.dose.per_side else 1
    outcome = ub.Outcome(
        section=at[0],
        block=at[1],
        exercise_id=b.exercise.id,
        dose=b.dose,
        done=done if done is not None else (target or 0,) * (b.dose.sets * sides),
        pain_during=pain,
        pain_next_morning=morning,
    )
    return ub.SessionLog(
        date=MONDAY + dt.timedelta(days=day),
        routine_id=routine_id,
        outcomes=[outcome],
        pain_before=before,
        symptoms=symptoms,
        week=week,
    )


# -- logs ---------------------------------------------------------------------


def test_a_set_count_that_does_not_match_the_dose_is_refused_naming_what_was_expected() -> None:
    b = block("band-pull-apart", sets=3, reps=12)
    with pytest.raises(
        ub.InvalidValue, match=r"'done' must hold 3 numbers for the prescribed 3 × 12"
    ):
        log(b, (12, 12))


def test_a_per_side_dose_takes_two_numbers_a_set_and_the_weaker_side_counts() -> None:
    b = block("upper-trapezius-stretch")  # 2 × 30 s hold, each side
    with pytest.raises(ub.InvalidValue, match="two a set, left then right"):
        log(b, (30, 30))
    outcome = log(b, (30, 25, 30, 30)).outcomes[0]
    assert outcome.per_set == (25, 30)
    assert not outcome.completed


@pytest.mark.parametrize("field", ["pain_during", "pain_after", "pain_next_morning", "effort"])
def test_ratings_above_10_are_refused(field: str) -> None:
    b = block("band-pull-apart")
    with pytest.raises(ub.InvalidValue, match=f"'{field}' must be an integer between 0 and 10"):
        ub.Outcome.as_prescribed(b, at=(0, 0), **{field: 11})


def test_a_skipped_block_has_a_reason_and_nothing_done() -> None:
    b = block("band-pull-apart")
    skipped = ub.Outcome(
        section=0, block=0, exercise_id=b.exercise.id, dose=b.dose, skip_reason="Shoulder ached."
    )
    assert skipped.skipped
    assert not skipped.completed
    with pytest.raises(ub.InvalidValue, match="'done' must be empty for a skipped block"):
        attrs.evolve(skipped, done=(12, 12, 12))


def test_a_log_cannot_give_one_address_twice() -> None:
    b = block("band-pull-apart")
    one = ub.Outcome.as_prescribed(b, at=(0, 0))
    with pytest.raises(ub.InvalidValue, match=r"'outcomes\[1\]' must not repeat a block's address"):
        ub.SessionLog(date=MONDAY, routine_id="r", outcomes=[one, one])


def same_exercise_twice() -> ub.Routine:
    pull = CATALOG["band-pull-apart"]
    return ub.Routine.of(
        "Twice",
        main=[ub.Block(exercise=pull, dose=ub.Dose(sets=2, reps=8)), pull],
        sessions_per_week=1,
    )


def test_the_same_exercise_twice_is_told_apart_by_address() -> None:
    routine = same_exercise_twice()
    first, second = routine.blocks
    painful = ub.SessionLog(
        date=MONDAY,
        routine_id=routine.id,
        pain_before=0,
        outcomes=[
            ub.Outcome.as_prescribed(first, at=(0, 0), pain_during=7, pain_next_morning=0),
            ub.Outcome.as_prescribed(second, at=(0, 1), pain_during=1, pain_next_morning=0),
        ],
    )
    rule = ub.PainGate(inner=ub.DoubleProgression(low=8, high=14))
    program = ub.plan(routine, weeks=2, rules=rule, start=MONDAY, logs=[painful])
    # Pain 7 after one block makes triage advise care for the whole session:
    # nothing gets harder, and the painful block regresses.
    actions = {d.at: d.action for d in program.weeks[1].decisions}
    assert actions == {(0, 0): Act.REGRESS, (0, 1): Act.HOLD}
    mild = attrs.evolve(
        painful,
        outcomes=[
            ub.Outcome.as_prescribed(first, at=(0, 0), pain_during=4, pain_next_morning=0),
            painful.outcomes[1],
        ],
    )
    program = ub.plan(routine, weeks=2, rules=rule, start=MONDAY, logs=[mild])
    actions = {d.at: d.action for d in program.weeks[1].decisions}
    assert actions == {(0, 0): Act.HOLD, (0, 1): Act.PROGRESS}


def test_a_log_naming_the_wrong_exercise_at_an_address_is_refused() -> None:
    routine = same_exercise_twice()
    wrong = log(block("wall-angel"), routine_id=routine.id, at=(0, 1))
    with pytest.raises(
        ub.InvalidValue, match=r"'logs\[0\]\.outcomes\[0\]\.exercise_id' must be the exercise"
    ):
        ub.plan(routine, weeks=2, start=MONDAY, logs=[wrong])


def test_a_log_of_another_dose_than_the_week_prescribed_is_refused() -> None:
    routine = same_exercise_twice()
    easier = block("band-pull-apart", sets=1, reps=1)
    wrong = log(easier, routine_id=routine.id, at=(0, 0))
    with pytest.raises(ub.InvalidValue, match=r"outcomes\[0\]\.dose' must be the dose the routine"):
        ub.plan(routine, weeks=2, start=MONDAY, logs=[wrong])


def test_a_log_before_the_program_starts_is_refused() -> None:
    routine = same_exercise_twice()
    early = attrs.evolve(
        log(routine.blocks[0], routine_id=routine.id), date=MONDAY - dt.timedelta(days=1)
    )
    with pytest.raises(ub.InvalidValue, match=r"'logs\[0\]\.date' must not be before the program"):
        ub.plan(routine, weeks=2, start=MONDAY, logs=[early])


def test_a_log_needs_a_week_when_the_program_has_no_start_and_must_fit_the_program() -> None:
    routine = same_exercise_twice()
    undated = log(routine.blocks[0], routine_id=routine.id)
    with pytest.raises(ub.InvalidValue, match="must be given when the program has no start"):
        ub.plan(routine, weeks=2, logs=[undated])
    with pytest.raises(ub.InvalidValue, match="must fall within the program's 2 weeks"):
        ub.plan(routine, weeks=2, logs=[attrs.evolve(undated, week=3)])
    with pytest.raises(ub.InvalidValue, match="sessions planned in week 1"):
        ub.plan(routine, weeks=2, logs=[attrs.evolve(undated, week=1)] * 2)


def test_a_log_fills_the_session_it_names() -> None:
    routine = attrs.evolve(same_exercise_twice(), sessions_per_week=3)
    third = attrs.evolve(log(routine.blocks[0], routine_id=routine.id, day=4), week=1, session=3)
    program = ub.plan(routine, weeks=1, start=MONDAY, logs=[third])
    assert [s.logged for s in program.weeks[0].sessions] == [False, False, True]
    with pytest.raises(ub.InvalidValue, match=r"'logs\[1\]\.session' must be one of the 3"):
        ub.plan(routine, weeks=1, start=MONDAY, logs=[third, third])


def test_adherence_counts_sessions_sets_and_time_per_week_and_block() -> None:
    routine = ub.Routine.of(
        "Adh",
        main=[ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=2, reps=10))],
        cool_down=[
            ub.Block(exercise=CATALOG["doorway-pec-stretch"], dose=ub.Dose(sets=2, hold_s=30))
        ],
        sessions_per_week=2,
    )
    pull, pec = routine.blocks
    program = ub.plan(routine, weeks=3, start=MONDAY, rules=ub.Hold())
    week_one = ub.SessionLog(
        date=MONDAY,
        routine_id=routine.id,
        outcomes=[
            ub.Outcome(
                section=0, block=0, exercise_id=pull.exercise.id, dose=pull.dose, done=(10, 0)
            ),
            ub.Outcome(
                section=1,
                block=0,
                exercise_id=pec.exercise.id,
                dose=pec.dose,
                skip_reason="No time.",
            ),
        ],
    )
    week_three = attrs.evolve(week_one, date=MONDAY + dt.timedelta(days=14))
    # As of the last log, Monday of week 3: week 2 missed, week 3's second session not yet due.
    result = ub.adherence(program, [week_one, week_three])
    assert result.on == week_three.date
    assert (result.total.sessions_done, result.total.sessions_planned) == (2, 5)
    assert [w.sessions_done for w in result.weeks] == [1, 0, 1]
    assert [w.sessions_planned for w in result.weeks] == [2, 2, 1]
    assert (result.total.sets_done, result.total.sets_prescribed) == (2, 5 * (2 + 2))
    per_rep = pull.dose.set_work_s // 10
    assert result.total.seconds_done == 2 * 10 * per_rep
    blocks = {entry.at: entry.tally for entry in result.blocks}
    assert blocks[(1, 0)].sessions_done == 0
    assert blocks[(0, 0)].sets == pytest.approx(2 / 10)
    # As of the end of week 3, its second session is missed too.
    sunday = MONDAY + dt.timedelta(days=20)
    whole = ub.adherence(program, [week_one, week_three], on=sunday)
    assert (whole.total.sessions_done, whole.total.sessions_planned) == (2, 6)


# -- rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ub.DoubleProgression(low=12, high=8), "high"),
        (lambda: ub.HoldProgression(max_s=121), "max_s"),
        (lambda: ub.Deload(every_weeks=4, percent=100), "percent"),
        (lambda: ub.Deload(every_weeks=1, percent=50), "every_weeks"),
        (lambda: ub.Chain(rules=[]), "rules"),
        (lambda: ub.Suppress(weeks=set()), "weeks"),
        (lambda: ub.LinearProgression(field=ub.DoseField.SETS, step=1, maximum=11), "maximum"),
        (lambda: ub.PainGate(inner="hold"), "inner"),  # type: ignore[arg-type]
    ],
)
def test_rules_are_validated_when_made(make: Any, field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make()
    assert info.value.field == field


@given(rule=ubst.progression_rules())
def test_every_rule_describes_itself(rule: ub.ProgressionRule) -> None:
    text = rule.describe()
    assert text
    assert text == text.strip()


def test_the_2_for_2_rule_adds_load_after_two_sessions_with_2_extra_reps_in_the_last_set() -> None:
    # The 2-for-2 rule (a convention, built on [A9]): two more reps than the goal in the last set,
    # two sessions in a row, then more load (for bands: the next band level).
    rule = ub.LinearProgression(
        field=ub.DoseField.BAND_LEVEL, step=1, after_successes=2, beyond_last_set=2
    )
    b = block("band-pull-apart", sets=3, reps=10, band_level=ub.BandLevel.MEDIUM)
    first = log(b, (10, 10, 12), day=0)
    assert ub.progress(b, [first], rule).action is Act.HOLD
    one_extra = log(b, (10, 10, 11), day=2)
    assert ub.progress(b, [first, one_extra], rule).action is Act.HOLD
    second = log(b, (10, 11, 12), day=2)
    decision = ub.progress(b, [first, second], rule)
    assert decision.action is Act.PROGRESS
    assert decision.block.dose.band_level is ub.BandLevel.HEAVY
    assert decision.block.dose.reps == 10
    assert "2 successful sessions in a row" in decision.reasons[0].text
    assert "A9" in decision.sources


def test_linear_progression_drops_a_step_after_m_failures() -> None:
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1, drop=2, after_failures=2)
    b = block("band-pull-apart", sets=2, reps=12)
    failures = [log(b, (12, 9), day=0), log(b, (11, 9), day=2)]
    assert ub.progress(b, failures[:1], rule).action is Act.HOLD
    decision = ub.progress(b, failures, rule)
    assert (decision.action, decision.block.dose.reps) == (Act.REGRESS, 10)


def test_double_progression_over_8_to_12_ends_in_the_next_band_level() -> None:
    routine = ub.Routine.of(
        "Pull",
        main=[
            ub.Block(
                exercise=CATALOG["band-pull-apart"],
                dose=ub.Dose(sets=2, reps=8, band_level=ub.BandLevel.LIGHT),
            )
        ],
    )
    rule = ub.PainGate(inner=ub.DoubleProgression(low=8, high=12, then=ub.Then.BAND))
    doses = [w.routine.blocks[0].dose for w in ub.plan(routine, weeks=7, rules=rule).weeks]
    assert [d.reps for d in doses] == [8, 9, 10, 11, 12, 8, 9]
    assert [int(d.band_level or 0) for d in doses] == [2, 2, 2, 2, 2, 3, 3]
    assert {d.sets for d in doses} == {2}


def test_double_progression_waits_for_every_set_to_reach_the_top() -> None:
    rule = ub.DoubleProgression(low=8, high=12, then=ub.Then.BAND)
    b = block("band-pull-apart", sets=3, reps=12, band_level=ub.BandLevel.LIGHT)
    # The first set at the top is not enough (unlike a bottom-of-range gate).
    assert ub.progress(b, [log(b, (12, 12, 11))], rule).action is Act.HOLD
    decision = ub.progress(b, [log(b, (12, 12, 12))], rule)
    assert decision.block.dose.band_level is ub.BandLevel.MEDIUM
    assert decision.block.dose.reps == 8


@pytest.mark.parametrize(
    ("pain", "morning", "before", "profile", "action"),
    [
        (0, 0, 0, None, Act.PROGRESS),  # green: safe zone, settled
        (3, 0, 0, None, Act.PROGRESS),  # the top of the safe zone (a convention)
        (4, 0, 0, None, Act.HOLD),  # amber: acceptable, hold
        (5, 0, 0, None, Act.HOLD),  # the ceiling itself is acceptable [P7]
        (6, 0, 0, None, Act.REGRESS),  # red: above the ceiling
        (2, 3, 1, None, Act.REGRESS),  # next morning worse than before
        (2, 4, None, None, Act.REGRESS),  # next morning not settled, no baseline
        (2, 4, 4, None, Act.HOLD),  # not settled, but no worse than before
        (2, 3, None, None, Act.PROGRESS),  # 3/10 next morning has settled (a convention)
        (2, 3, 3, None, Act.PROGRESS),
        (4, 0, 0, NERVE, Act.REGRESS),  # nerve pain: 0-3/10 (a convention)
        (3, 0, 0, NERVE, Act.PROGRESS),
        (None, 0, 0, None, Act.HOLD),  # no pain rating: cannot tell
    ],
)
def test_the_pain_monitoring_traffic_lights(
    pain: int | None, morning: int, before: int | None, profile: ub.Profile | None, action: Act
) -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=30))
    history = [log(b, pain=pain, morning=morning, before=before)]
    decision = ub.progress(b, history, rule, profile=profile)
    assert decision.action is action
    if action is Act.REGRESS:
        assert decision.block.dose.hold_s == 15
        assert {"P7", "P11*"} <= set(decision.sources)


def test_an_amber_week_still_deloads_as_planned() -> None:
    b = block("doorway-pec-stretch", sets=4, hold_s=20)
    rule = ub.PainGate(inner=ub.Chain(rules=[ub.Deload(every_weeks=4, percent=50), ub.Hold()]))
    amber = [log(b, pain=4)]
    assert ub.progress(b, amber, rule, week=3).action is Act.HOLD
    deload = ub.progress(b, amber, rule, week=4)
    assert (deload.action, deload.block.dose.sets) == (Act.DELOAD, 2)


def test_the_gate_reads_the_policy_so_a_stricter_ceiling_is_stricter() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    rule = ub.PainGate(inner=ub.HoldProgression())
    history = [log(b, pain=3)]
    assert ub.progress(b, history, rule).action is Act.PROGRESS
    strict = ub.SafetyPolicy(pain_ceiling=2, settled_pain=1)
    decision = ub.progress(b, history, rule, policy=strict)
    assert decision.action is Act.REGRESS
    assert "above the 2/10 ceiling" in decision.reasons[0].text


def test_a_red_flag_refers_whatever_the_rule() -> None:
    b = block("band-pull-apart")
    flagged = log(
        b,
        pain=0,
        symptoms=ub.SymptomReport(
            days_since_onset=3, trend=ub.Trend.BETTER, red_flags={ub.RedFlag.CHEST_PAIN}
        ),
    )
    for rule in (ub.DoubleProgression(low=8, high=14), ub.Hold(), ub.Advance()):
        decision = ub.progress(b, [flagged], rule, catalog=CATALOG)
        assert decision.action is Act.REFER
        assert decision.block == b
        assert decision.advice is not None
        assert decision.advice.level is ub.AdviceLevel.EMERGENCY
        assert "seek emergency help now (999 or A&E)" in decision.reasons[0].text


def test_pain_worse_after_exercise_for_days_refers() -> None:
    b = block("band-pull-apart")
    worse = [log(b, pain=2, morning=3, before=1, day=day) for day in (0, 2, 4)]
    assert ub.progress(b, worse[:2], ub.Hold(), window=1).action is not Act.REFER
    # Mon, Wed and Fri mornings all worse: pain worse for 5 days, more than 3 [P11*].
    decision = ub.progress(b, worse, ub.Hold())
    assert decision.action is Act.REFER
    assert decision.advice is not None
    assert decision.advice.code is ub.AdviceCode.WORSE_AFTER_EXERCISE


def test_a_planned_deload_every_4th_week() -> None:
    routine = ub.Routine.of("Stretch", main=[block("doorway-pec-stretch", sets=4, hold_s=20)])
    rule = ub.PainGate(
        inner=ub.Chain(
            rules=[ub.Deload(every_weeks=4, percent=50), ub.HoldProgression(step_s=5, max_s=60)]
        )
    )
    program = ub.plan(routine, weeks=9, rules=rule)
    assert [w.deload for w in program.weeks] == [False, False, False, True] * 2 + [False]
    doses = [w.routine.blocks[0].dose for w in program.weeks]
    assert [d.sets for d in doses] == [4, 4, 4, 2, 4, 4, 4, 2, 4]
    # Nothing progresses in a deload week; the week after carries on from before it.
    assert [d.hold_s for d in doses] == [20, 25, 30, 30, 35, 40, 45, 45, 50]
    assert program.weeks[3].decisions[0].action is Act.DELOAD
    assert "P6" in program.weeks[3].decisions[0].sources


def test_a_30_s_hold_grows_by_5_s_a_week_to_its_cap() -> None:
    routine = ub.Routine.of("Pec", main=[CATALOG["doorway-pec-stretch"]])
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=45))
    weeks = ub.plan(routine, weeks=6, rules=rule).weeks
    assert [w.routine.blocks[0].dose.hold_s for w in weeks] == [30, 35, 40, 45, 45, 45]
    assert [d.action for d in weeks[4].decisions] == [Act.HOLD]


def test_the_default_hold_progression_is_5_s_a_step_to_the_acsm_30_s() -> None:
    rule = ub.HoldProgression()
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    assert ub.progress(b, [log(b)], rule).block.dose.hold_s == 25
    near = block("doorway-pec-stretch", sets=2, hold_s=28)
    assert ub.progress(near, [log(near)], rule).block.dose.hold_s == 30
    top = block("doorway-pec-stretch", sets=2, hold_s=30)
    assert ub.progress(top, [log(top)], rule).action is Act.HOLD


def test_a_safety_cap_from_screening_is_never_exceeded() -> None:
    # Hypermobility caps stretch holds at 30 s; the older adults' default aims at 60 s.
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    routine = ub.Routine.of("Chair", main=[CATALOG["seated-thoracic-extension-chair"]])
    program = ub.plan(
        routine, weeks=6, profile=person, rules=ub.RuleSet(older_adult=True), catalog=CATALOG
    )
    holds = [w.routine.blocks[0].dose.hold_s or 0 for w in program.weeks]
    assert max(holds) == 30
    assert holds == sorted(holds)


def ladder() -> ub.Routine:
    return ub.Routine.of("Serratus", main=[CATALOG["wall-push-up-plus"]], sessions_per_week=2)


def test_a_ladder_advance_from_wall_push_up_plus_to_kneeling_push_up_plus() -> None:
    rule = ub.PainGate(
        inner=ub.Chain(
            rules=[ub.DoubleProgression(low=8, high=12, then=ub.Then.NOTHING), ub.Advance()]
        )
    )
    program = ub.plan(ladder(), weeks=5, rules=rule, catalog=CATALOG)
    ids = [w.routine.blocks[0].exercise.id for w in program.weeks]
    assert ids == ["wall-push-up-plus"] * 3 + ["kneeling-push-up-plus"] * 2
    advance = program.weeks[3].decisions[0]
    assert advance.action is Act.ADVANCE
    assert advance.block.dose == CATALOG["kneeling-push-up-plus"].default_dose
    assert advance.previous_exercise_id == "wall-push-up-plus"


def test_a_missed_week_at_the_top_of_a_ladder_does_not_advance() -> None:
    b = block("wall-push-up-plus")
    history = [log(b, day=0)]
    assert ub.progress(b, history, ub.Advance(), catalog=CATALOG).action is Act.ADVANCE
    missed = ub.progress(b, history, ub.Advance(), catalog=CATALOG, window=0)
    assert missed.action is Act.HOLD
    assert missed.reasons[0].text.startswith("Ready to advance")
    assert "not a success" in missed.reasons[1].text


def test_an_excluded_harder_exercise_holds_and_says_why() -> None:
    person = ub.Profile(avoid_features={ub.Feature.KNEELING}, avoid_note="Knee replacement.")
    rule = ub.Chain(
        rules=[ub.DoubleProgression(low=8, high=12, then=ub.Then.NOTHING), ub.Advance()]
    )
    program = ub.plan(ladder(), weeks=5, rules=rule, catalog=CATALOG, profile=person)
    assert {w.routine.blocks[0].exercise.id for w in program.weeks} == {"wall-push-up-plus"}
    held = program.weeks[3].decisions[0]
    assert held.action is Act.HOLD
    assert any(
        r.rule == "screen" and "Kneeling push-up plus is excluded" in r.text for r in held.reasons
    )


def test_the_plan_never_asks_for_a_prop_the_kit_lacks() -> None:
    kit = ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.LIGHT), ub.Chair())
    person = ub.Profile(kit=kit)
    routine = ub.Routine.of(
        "Rows",
        main=[
            ub.Block(
                exercise=CATALOG["band-row-seated"],
                dose=ub.Dose(sets=4, reps=12, band_level=ub.BandLevel.LIGHT),
            )
        ],
    )
    # At the top of the range with the heaviest band: no heavier band to go to.
    band = ub.RuleSet(default=ub.DoubleProgression(low=8, high=12, then=ub.Then.BAND))
    held = ub.plan(routine, weeks=2, profile=person, rules=band).weeks[1].decisions[0]
    assert held.action is Act.HOLD
    assert held.reasons[-1].rule == "kit"
    assert "heaviest in the person's kit is level 2" in held.reasons[-1].text
    # The harder row is on a Swiss ball, which the kit does not hold.
    ladder_ = ub.RuleSet(default=ub.Advance())
    stays = ub.plan(routine, weeks=2, profile=person, rules=ladder_, catalog=CATALOG)
    assert stays.weeks[1].decisions[0].action is Act.HOLD
    assert "needs a swiss ball" in stays.weeks[1].decisions[0].reasons[-1].text
    with_ball = ub.Profile(kit=kit.with_props(ub.SwissBall(diameter_cm=65)))
    moved = ub.plan(routine, weeks=2, profile=with_ball, rules=ladder_, catalog=CATALOG)
    assert moved.weeks[1].routine.blocks[0].exercise.id == "seated-band-row-swiss-ball"


def test_an_exercise_the_catalog_does_not_hold_has_no_neighbours() -> None:
    own = attrs.evolve(CATALOG["wall-push-up-plus"], id="my-wall-push", harder=None)
    b = ub.Block(exercise=own)
    went_well = [log(b)]
    for rule in (ub.Advance(), ub.PainGate(inner=ub.Hold())):
        decision = ub.progress(b, [*went_well, log(b, pain=8, day=1)], rule, catalog=CATALOG)
        assert decision.block.exercise == own
    assert ub.progress(b, went_well, ub.Advance(), catalog=CATALOG).action is Act.HOLD


def test_regress_exercise_goes_down_the_ladder_after_failures() -> None:
    b = block("kneeling-push-up-plus")
    failing = [log(b, (10, 6, 5), day=day) for day in (0, 2)]
    decision = ub.progress(b, failing, ub.RegressExercise(after_failures=2), catalog=CATALOG)
    assert decision.action is Act.REGRESS_EXERCISE
    assert decision.block.exercise.id == "wall-push-up-plus"


def test_an_easier_exercise_needs_the_kit_too() -> None:
    b = block("kneeling-push-up-plus")
    failing = [log(b, (10, 6, 5), day=day) for day in (0, 2)]
    no_wall = ub.Profile(kit=ub.Kit.of(ub.Mat()))
    decision = ub.progress(
        b, failing, ub.RegressExercise(after_failures=2), catalog=CATALOG, profile=no_wall
    )
    assert decision.action is Act.HOLD
    assert "needs a wall" in decision.reasons[-1].text


def test_a_painful_block_at_its_smallest_dose_goes_to_the_easier_exercise() -> None:
    b = block("kneeling-push-up-plus", sets=1, reps=1)
    decision = ub.progress(
        b, [log(b, pain=7)], ub.PainGate(inner=ub.SetProgression(max_sets=3)), catalog=CATALOG
    )
    assert decision.action is Act.REGRESS_EXERCISE
    assert decision.block.exercise.id == "wall-push-up-plus"


def test_stall_deload_and_suppress_and_hold() -> None:
    b = block("band-pull-apart", sets=4, reps=12)
    stalled = [log(b, (12, 12, 12, 8), day=day) for day in (0, 2, 4)]
    deload = ub.progress(b, stalled, ub.StallDeload(after_sessions=3, percent=50))
    assert (deload.action, deload.block.dose.sets) == (Act.DELOAD, 2)
    assert (
        ub.progress(b, stalled[:2], ub.StallDeload(after_sessions=3, percent=50)).action is Act.HOLD
    )
    good = [log(b)]
    chain = ub.Chain(rules=[ub.Suppress(weeks={3}), ub.SetProgression(max_sets=5)])
    assert ub.progress(b, good, chain, week=3).action is Act.HOLD
    assert ub.progress(b, good, chain, week=4).action is Act.PROGRESS
    assert ub.progress(b, good, ub.Hold()).action is Act.HOLD


# -- plans --------------------------------------------------------------------


def desk_routine() -> ub.Routine:
    return ub.Routine.of(
        "Desk reset",
        warm_up=[CATALOG["cat-camel"]],
        main=[
            ub.Block(
                exercise=CATALOG["band-pull-apart"],
                dose=ub.Dose(sets=2, reps=10, band_level=ub.BandLevel.LIGHT),
            ),
            CATALOG["wall-push-up-plus"],
            CATALOG["chin-tuck"],
        ],
        cool_down=[CATALOG["doorway-pec-stretch"], CATALOG["seated-thoracic-extension-chair"]],
    )


def test_the_default_plan_progresses_each_kind_as_its_sources_say() -> None:
    program = ub.plan(desk_routine(), weeks=8, catalog=CATALOG)
    last = {b.exercise.id: b.dose for b in program.weeks[-1].routine.blocks}
    assert last["band-pull-apart"].band_level is ub.BandLevel.MEDIUM  # 8–12, then a band
    chair = [w.routine.blocks[5].dose for w in program.weeks[:3]]
    assert [d.hold_s for d in chair] == [20, 25, 30]  # to ACSM's 30 s, 5 s a week
    # 3 × 30 s is past the 60 s per exercise [A2]: no more sets, and a stretch stays there.
    assert last["seated-thoracic-extension-chair"] == chair[-1]
    assert "at the limits of" in program.weeks[3].decisions[5].reasons[0].text
    assert last["chin-tuck"].hold_s == 10  # a convention
    assert last["cat-camel"].reps == 10  # 5–10 cycles
    first = program.weeks[0].sessions
    assert [s.date for s in first] == [None, None, None]


def test_a_plan_is_8_weeks_unless_told_and_at_most_ten_years() -> None:
    routine = ub.Routine.of("Pec", main=[CATALOG["doorway-pec-stretch"]], sessions_per_week=1)
    assert len(ub.plan(routine).weeks) == 8
    assert len(ub.plan(routine, weeks=520, rules=ub.Hold()).weeks) == 520
    with pytest.raises(ub.InvalidValue, match="'weeks' must be an integer between 1 and 520"):
        ub.plan(routine, weeks=521)


def test_sessions_are_dated_two_days_apart_for_strengthening() -> None:
    program = ub.plan(desk_routine(), weeks=2, start=MONDAY)
    dates = [s.date for w in program.weeks for s in w.sessions]
    assert [d.strftime("%a") for d in dates if d] == ["Mon", "Wed", "Fri"] * 2
    with pytest.raises(ub.InvalidValue, match="at most 3 for a routine with strengthening"):
        ub.plan(attrs.evolve(desk_routine(), sessions_per_week=4))


def test_a_missed_week_is_not_a_success() -> None:
    routine = ub.Routine.of("Pec", main=[CATALOG["doorway-pec-stretch"]], sessions_per_week=1)
    b = routine.blocks[0]
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=60))
    logs = [
        log(b, routine_id=routine.id, day=0),
        log(attrs.evolve(b, dose=attrs.evolve(b.dose, hold_s=35)), routine_id=routine.id, day=14),
    ]
    program = ub.plan(routine, weeks=5, rules=rule, start=MONDAY, logs=logs)
    holds = [w.routine.blocks[0].dose.hold_s for w in program.weeks]
    # Week 2 logged nothing: week 3 holds; week 3's session lets week 4 progress.
    assert holds == [30, 35, 35, 40, 45]
    assert "not a success" in program.weeks[2].decisions[0].reasons[0].text
    assert [s.logged for w in program.weeks for s in w.sessions] == [
        True,
        False,
        True,
        False,
        False,
    ]


def test_a_referral_stops_every_later_progression() -> None:
    routine = desk_routine()
    b = routine.blocks[1]
    flagged = log(
        b,
        at=(1, 0),
        routine_id=routine.id,
        symptoms=ub.SymptomReport(days_since_onset=40, trend=ub.Trend.SAME),
    )
    program = ub.plan(routine, weeks=4, start=MONDAY, logs=[flagged], catalog=CATALOG)
    assert program.weeks[1].advice is not None
    assert program.weeks[1].advice.level is ub.AdviceLevel.SEE_PROFESSIONAL
    for week in program.weeks[1:]:
        assert {d.action for d in week.decisions} == {Act.REFER}
        assert week.routine == program.weeks[0].routine
    assert "Referred in week 1" in program.weeks[3].decisions[0].reasons[-1].text


def test_describe_lists_every_week_and_its_changes() -> None:
    text = ub.plan(
        desk_routine(),
        weeks=5,
        start=MONDAY,
        catalog=CATALOG,
        rules=ub.RuleSet(
            by_kind={
                ub.ExerciseKind.MOTOR_CONTROL: ub.Deload(
                    every_weeks=4, percent=50, fields={ub.DoseField.REPS}
                )
            }
        ),
    ).describe()
    assert text.startswith("Desk reset: 5 weeks, 3 sessions a week, from 2026-01-05")
    assert "Week 4 (deload): sessions Mon 26 Jan, Wed 28 Jan, Fri 30 Jan" in text
    assert "Band pull-apart: 2 × 11 reps, band level 2 (progress)" in text


# -- invariants ---------------------------------------------------------------

_catalog_exercises = st.sampled_from(sorted(CATALOG, key=lambda e: e.id))


@st.composite
def catalog_routines(draw: st.DrawFn) -> ub.Routine:
    chosen = draw(st.lists(_catalog_exercises, min_size=1, max_size=4))
    return ub.Routine.of("Drawn", main=chosen, sessions_per_week=draw(st.integers(1, 3)))


_profiles = st.none() | ubst.profiles(kits=st.just(ub.Kit()))
_rules = st.none() | ubst.progression_rules(max_leaves=3)


def _rank(dose: ub.Dose) -> tuple[int, int, int, int]:
    return (int(dose.band_level or 0), dose.sets, dose.hold_s or 0, dose.reps or 0)


def _plan_or_none(routine: ub.Routine, **kwargs: Any) -> ub.Program | None:
    try:
        return ub.plan(routine, **kwargs)
    except ub.NothingSafe:
        return None


@settings(max_examples=_at_most(40), deadline=None)
@given(routine=catalog_routines(), rule=_rules, profile=_profiles, weeks=st.integers(2, 10))
@example(routine=desk_routine(), rule=None, profile=None, weeks=10)
@example(routine=ladder(), rule=None, profile=NERVE, weeks=10)
@example(
    routine=desk_routine(),
    rule=ub.Chain(
        rules=[
            ub.Deload(every_weeks=2, percent=10, fields={ub.DoseField.SETS, ub.DoseField.REPS}),
            ub.Advance(),
        ]
    ),
    profile=ub.Profile(conditions={ub.Condition.HYPERMOBILITY}),
    weeks=4,
)
def test_with_perfect_outcomes_no_dose_falls_except_on_deload_weeks_and_no_cap_is_broken(
    routine: ub.Routine, rule: ub.ProgressionRule | None, profile: ub.Profile | None, weeks: int
) -> None:
    program = _plan_or_none(routine, weeks=weeks, rules=rule, profile=profile, catalog=CATALOG)
    if program is None:
        return
    previous = program.weeks[0].routine
    for week in program.weeks[1:]:
        # A value the app set for the week (SetOnWeek) may be lower: its choice, not a fall.
        chosen = {d.at for d in week.decisions if d.reasons[0].rule == "set_on_week"}
        for decision in week.decisions:
            if decision.at not in chosen:
                assert decision.action not in (Act.REGRESS, Act.REGRESS_EXERCISE, Act.REFER)
        if week.deload:
            continue
        if week.changes:  # the person changed (an undated trimester moves on): re-screened
            previous = week.routine
            continue
        _no_dose_falls(previous, week.routine, chosen)
        previous = week.routine
    if profile is not None:
        _within_every_cap(program, profile)


def _no_dose_falls(previous: ub.Routine, routine: ub.Routine, chosen: set[tuple[int, int]]) -> None:
    pairs = zip(ub.addresses(previous), ub.addresses(routine), strict=True)
    for (at, before), (_, after) in pairs:
        if at in chosen:
            continue
        if before.exercise != after.exercise:
            assert after.exercise.id == before.exercise.harder
            continue
        old, new = before.dose, after.dose
        assert int(new.band_level or 0) >= int(old.band_level or 0)
        assert new.sets >= old.sets
        assert (new.hold_s or 0) >= (old.hold_s or 0)
        loaded = new.sets > old.sets or new.band_level != old.band_level
        assert loaded or (new.reps or 0) >= (old.reps or 0)


def _within_every_cap(program: ub.Program, profile: ub.Profile) -> None:
    for week in program.weeks:
        for b in week.routine.blocks:
            screened = ub.screen(b, profile).safe_block  # not excluded, within every cap
            assert screened is not None
            assert screened.dose == b.dose


_pains = st.integers(0, 10)


@settings(max_examples=_at_most(60), deadline=None)
@given(
    b=ubst.blocks(exercises=_catalog_exercises),
    rule=ubst.progression_rules(max_leaves=3),
    profile=_profiles,
    over=st.integers(1, 10),
    first_pain=_pains,
)
@example(
    b=block("band-pull-apart"),
    rule=ub.DoubleProgression(low=8, high=14),
    profile=None,
    over=1,
    first_pain=0,
)
@example(b=block("wall-push-up-plus"), rule=ub.Advance(), profile=NERVE, over=1, first_pain=0)
@example(
    b=block("doorway-pec-stretch"),
    rule=ub.PainGate(inner=ub.HoldProgression()),
    profile=None,
    over=5,
    first_pain=10,
)
def test_pain_above_the_ceiling_never_yields_progress(
    b: ub.Block,
    rule: ub.ProgressionRule,
    profile: ub.Profile | None,
    over: int,
    first_pain: int,
) -> None:
    policy = ub.DEFAULT_POLICY if profile is None else ub.DEFAULT_POLICY.for_profile(profile)
    pain = policy.pain_ceiling + over
    pain = min(pain, 10)
    history = [log(b, pain=first_pain, day=0), log(b, pain=pain, day=2)]
    decision = ub.progress(b, history, rule, profile=profile, catalog=CATALOG, window=1)
    assert decision.action not in (Act.PROGRESS, Act.ADVANCE)
    assert decision.reasons


@settings(max_examples=_at_most(30), deadline=None)
@given(
    routine=catalog_routines(),
    rule=_rules,
    flags=st.frozensets(st.sampled_from(ub.RedFlag), max_size=2),
    days=st.integers(0, 60),
    trend=st.sampled_from(ub.Trend),
    week=st.integers(1, 3),
)
@example(
    routine=desk_routine(),
    rule=None,
    flags=frozenset({ub.RedFlag.CHEST_PAIN}),
    days=0,
    trend=ub.Trend.BETTER,
    week=1,
)
@example(
    routine=ladder(), rule=ub.Advance(), flags=frozenset(), days=29, trend=ub.Trend.BETTER, week=3
)
@example(routine=ladder(), rule=ub.Hold(), flags=frozenset(), days=13, trend=ub.Trend.SAME, week=2)
def test_a_red_flag_or_referral_level_triage_refers_and_nothing_after_progresses(  # noqa: PLR0917
    routine: ub.Routine,
    rule: ub.ProgressionRule | None,
    flags: frozenset[ub.RedFlag],
    days: int,
    trend: ub.Trend,
    week: int,
) -> None:
    report = ub.SymptomReport(days_since_onset=days, trend=trend, red_flags=flags)
    first = routine.blocks[0]
    checked_in = log(first, routine_id=routine.id, day=7 * (week - 1), symptoms=report)
    program = ub.plan(
        routine, weeks=week + 2, rules=rule, start=MONDAY, logs=[checked_in], catalog=CATALOG
    )
    refers = ub.triage(report).level >= ub.AdviceLevel.SEE_PROFESSIONAL
    later = program.weeks[week:]
    if refers:
        for w in later:
            assert all(d.action is Act.REFER for d in w.decisions)
            assert w.routine.blocks == program.weeks[week - 1].routine.blocks
    else:
        assert not any(d.action is Act.REFER for w in later for d in w.decisions)


@settings(max_examples=_at_most(20), deadline=None)
@given(program=ubst.programs())
def test_plan_is_deterministic_and_programs_round_trip(program: ub.Program) -> None:
    assert ub.loads(ub.dumps(program), ub.Program) == program


@settings(max_examples=_at_most(15), deadline=None)
@given(
    routine=catalog_routines(), rule=_rules, profile=_profiles, start=st.none() | st.just(MONDAY)
)
@example(routine=desk_routine(), rule=None, profile=None, start=MONDAY)
def test_plan_is_deterministic(
    routine: ub.Routine,
    rule: ub.ProgressionRule | None,
    profile: ub.Profile | None,
    start: dt.date | None,
) -> None:
    one = _plan_or_none(routine, weeks=4, rules=rule, profile=profile, start=start, catalog=CATALOG)
    two = _plan_or_none(routine, weeks=4, rules=rule, profile=profile, start=start, catalog=CATALOG)
    assert one == two
    if one is not None:
        assert ub.dumps(one) == ub.dumps(two)


@settings(max_examples=_at_most(50), deadline=None)
@given(decision=ubst.decisions())
def test_every_decision_has_a_reason_naming_its_rule(decision: ub.Decision) -> None:
    assert decision.reasons
    assert all(r.rule and r.text for r in decision.reasons)
    assert decision.action.value.replace("_", " ") in decision.describe()


@settings(max_examples=_at_most(30), deadline=None)
@given(log_=ubst.session_logs())
def test_session_logs_round_trip(log_: ub.SessionLog) -> None:
    assert ub.loads(ub.dumps(log_), ub.SessionLog) == log_


def test_a_rule_document_names_each_rule_by_its_type_constant() -> None:
    rules = ub.RuleSet(default=ub.PainGate(inner=ub.Chain(rules=[ub.Hold(), ub.Advance()])))
    program = ub.plan(
        ub.Routine.of("Pec", main=[CATALOG["doorway-pec-stretch"]]), weeks=1, rules=rules
    )
    data = ub.to_dict(program)["data"]["rules"]["default"]
    assert data == {
        "type": "pain_gate",
        "inner": {"type": "chain", "rules": [{"type": "hold"}, {"type": "advance"}]},
    }
    bad = ub.to_dict(program)
    bad["data"]["rules"]["default"]["inner"]["rules"][0] = {"type": "grow"}
    with pytest.raises(ub.InvalidDocument, match=r'type: must be one of "hold_progression"'):
        ub.from_dict(bad)


# -- triage inside progress: what a session's log tells triage -----------------


def test_only_the_sessions_since_the_last_decision_count() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    rule = ub.PainGate(inner=ub.HoldProgression())
    history = [log(b, pain=7, day=0), log(b, pain=1, day=2)]
    assert ub.progress(b, history, rule).action is Act.PROGRESS  # window=1: the last
    assert ub.progress(b, history, rule, window=2).action is Act.REGRESS
    assert ub.progress(b, history, ub.Deload(every_weeks=2, percent=50)).action is Act.HOLD


def test_a_log_without_the_block_is_a_missed_session_for_it() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    other = log(block("band-pull-apart"), at=(0, 1))
    decision = ub.progress(b, [other], ub.HoldProgression())
    assert decision.action is Act.HOLD
    assert "not a success" in decision.reasons[0].text


def test_days_worse_after_exercise_count_only_the_latest_run_with_a_baseline() -> None:
    b = block("band-pull-apart")
    # No baseline logged: next-morning pain cannot be "worse than before".
    unknown = [log(b, pain=1, morning=2, before=None, day=d) for d in (0, 2, 4, 6)]
    assert ub.progress(b, unknown, ub.Hold()).action is not Act.REFER
    # A better session breaks the run: Fri and Mon make 4 days, more than 3.
    broken = [
        log(b, pain=1, morning=3, before=1, day=0),
        log(b, pain=1, morning=1, before=1, day=1),
        log(b, pain=1, morning=3, before=1, day=2),
        log(b, pain=1, morning=3, before=1, day=5),
    ]
    decision = ub.progress(b, broken, ub.Hold())
    assert decision.action is Act.REFER
    assert "for 4 days" in decision.reasons[0].text
    assert ub.progress(b, broken[:3], ub.Hold()).action is not Act.REFER


def test_a_log_without_a_check_in_says_nothing_about_how_long_the_pain_has_lasted() -> None:
    b = block("band-pull-apart")
    strictest = ub.SafetyPolicy(
        pain_ceiling=5, settled_pain=3, max_days_worse_after_exercise=0, not_improving_days=1
    )
    decision = ub.progress(b, [log(b, pain=1, morning=0, before=0)], ub.Hold(), policy=strictest)
    assert decision.action is Act.HOLD


def test_pain_before_the_session_counts_as_pain_at_rest() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    check_in = ub.SymptomReport(days_since_onset=2, trend=ub.Trend.BETTER)
    sore = log(b, pain=1, morning=6, before=7, symptoms=check_in)
    decision = ub.progress(b, [sore], ub.HoldProgression())
    assert decision.action is Act.HOLD
    assert decision.advice is not None
    assert "Pain at rest is 7/10" in " ".join(r.text for r in decision.advice.reasons)


def test_the_latest_of_equally_pressing_advice_is_kept() -> None:
    b = block("band-pull-apart")
    history = [
        log(b, pain=7, morning=0, before=0, day=0),
        log(b, pain=1, morning=5, before=None, day=2),
    ]
    decision = ub.progress(b, history, ub.Hold(), window=2)
    assert decision.advice is not None
    assert decision.advice.code is ub.AdviceCode.NOT_SETTLED_NEXT_MORNING


def test_a_held_back_proposal_is_named_first() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    # Pain in the safe zone (the gate lets the rule decide), but 6/10 at rest: triage advises care.
    decision = ub.progress(b, [log(b, pain=1, before=6)], ub.HoldProgression())
    assert decision.action is Act.HOLD
    assert decision.reasons[0].text.startswith("Ready to progress (Every hold was done")
    assert decision.reasons[0].rule == "hold_progression"
    assert decision.reasons[1].rule == "triage"


def test_screening_cues_are_kept_once_as_the_plan_goes_on() -> None:
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY, ub.Condition.ACUTE_INJURY})
    routine = ub.Routine.of("Chin", main=[CATALOG["chin-tuck"]])
    program = ub.plan(routine, weeks=4, profile=person)
    # Screening's cues are data on the block (its cautions), never text in its notes.
    cues = {w.routine.blocks[0].cues for w in program.weeks}
    assert len(cues) == 1
    assert all(cues)
    assert {w.routine.blocks[0].notes for w in program.weeks} == {None}


def test_a_note_of_the_apps_is_kept_when_screening_adds_nothing() -> None:
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    noted = ub.Block(
        exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=2, reps=8), notes="Elbows soft."
    )
    program = ub.plan(ub.Routine.of("Pull", main=[noted]), weeks=2, profile=person)
    assert program.weeks[1].routine.blocks[0].notes == "Elbows soft."
    assert program.weeks[1].routine.blocks[0].dose.reps == 9


def test_a_set_with_anything_done_counts_as_done() -> None:
    b = block("band-pull-apart", sets=3, reps=12)
    outcome = log(b, (1, 0, 12)).outcomes[0]
    assert outcome.sets_done == 2
    assert outcome.work_s == 13 * (b.dose.set_work_s // 12)


def test_addresses_and_decisions_are_checked() -> None:
    b = block("band-pull-apart")
    with pytest.raises(ub.InvalidValue, match="'at' must be a"):
        ub.Decision(
            at=(0,),
            action=Act.HOLD,
            block=b,
            previous_dose=b.dose,
            previous_exercise_id=b.exercise.id,
            reasons=[ub.DecisionReason(rule="hold", text="Stays.")],
        )
    with pytest.raises(ub.InvalidValue, match="'reasons' must give at least one reason"):
        ub.Decision(
            at=(0, 0),
            action=Act.HOLD,
            block=b,
            previous_dose=b.dose,
            previous_exercise_id=b.exercise.id,
            reasons=[],
        )
    ub.Outcome.as_prescribed(b, at=(100, 100))
    with pytest.raises(ub.InvalidValue, match="'section' must be an integer between 0 and 100"):
        ub.Outcome.as_prescribed(b, at=(101, 0))


# -- each rule says what it does, in words a person reads ---------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            ub.HoldProgression(step_s=10, max_s=45),
            "hold progression: +10 s a hold after a session with every hold done, up to 45 s",
        ),
        (
            ub.DoubleProgression(low=8, high=12, step=2, then=ub.Then.SET, max_sets=5),
            (
                "double progression over 8–12 reps: +2 reps until every set reaches 12,"
                " then one more set, up to 5, back to 8 reps"
            ),
        ),
        (
            ub.DoubleProgression(low=10, high=15, then=ub.Then.BAND),
            (
                "double progression over 10–15 reps: +1 rep until every set reaches 15,"
                " then the next band level, back to 10 reps"
            ),
        ),
        (
            ub.DoubleProgression(low=5, high=10, then=ub.Then.NOTHING),
            "double progression over 5–10 reps: +1 rep until every set reaches 10",
        ),
        (
            ub.SetProgression(max_sets=5, step=2),
            "set progression: +2 sets after a session with every set done, up to 5 sets",
        ),
        (
            ub.LinearProgression(field=ub.DoseField.HOLD_S, step=5),
            "linear progression: +5 s after 1 successful session",
        ),
        (
            ub.LinearProgression(
                field=ub.DoseField.BAND_LEVEL,
                step=1,
                after_successes=2,
                beyond_last_set=2,
                maximum=6,
                drop=1,
                after_failures=3,
            ),
            (
                "linear progression: +1 band levels after 2 successful sessions in a row with 2"
                " over the target in the last set, up to 6; -1 after 3 failed sessions in a row"
            ),
        ),
        (
            ub.Advance(after_successes=2),
            (
                "advance to the catalog's harder exercise after 2 successful sessions in a row"
                " at the dose's limit"
            ),
        ),
        (
            ub.RegressExercise(after_failures=3),
            "regress to the catalog's easier exercise after 3 failed sessions in a row",
        ),
        (
            ub.Deload(
                every_weeks=6,
                percent=60,
                fields={ub.DoseField.SETS, ub.DoseField.HOLD_S, ub.DoseField.BAND_LEVEL},
            ),
            "planned deload: every 6th week, band level, hold s, sets at 60%",
        ),
        (
            ub.StallDeload(after_sessions=2, percent=70, fields={ub.DoseField.REPS}),
            "reactive deload: after 2 failed sessions in a row at one dose, reps at 70% for a week",
        ),
        (ub.Hold(), "hold: the dose stays as it is"),
        (ub.Suppress(weeks={12, 3}), "suppress: no progression in weeks 3, 12"),
        (ub.Suppress(weeks={5}), "suppress: no progression in week 5"),
        (
            ub.Chain(rules=[ub.Suppress(weeks={2}), ub.Hold()]),
            "first of: suppress: no progression in week 2; then hold: the dose stays as it is",
        ),
        (
            ub.PainGate(inner=ub.Hold()),
            (
                "pain-gated (progress only when pain stays in the safe zone):"
                " hold: the dose stays as it is"
            ),
        ),
    ],
)
def test_each_rule_describes_its_own_numbers(rule: ub.ProgressionRule, text: str) -> None:
    assert rule.describe() == text


@pytest.mark.parametrize(
    ("every", "ordinal"),
    [
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (31, "31st"),
        (52, "52nd"),
    ],
)
def test_a_deload_names_its_week_as_an_english_ordinal(every: int, ordinal: str) -> None:
    assert (
        ub.Deload(every_weeks=every, percent=50)
        .describe()
        .startswith(f"planned deload: every {ordinal} week")
    )


# -- a red light steps back by the rule's own step -----------------------------


def _red(b: ub.Block, rule: ub.ProgressionRule) -> ub.Decision:
    return ub.progress(b, [log(b, pain=7)], ub.PainGate(inner=rule))


@pytest.mark.parametrize(
    ("b", "rule", "after"),
    [
        (
            block("doorway-pec-stretch", sets=2, hold_s=30),
            ub.HoldProgression(step_s=5),
            {"hold_s": 25},
        ),
        (
            block("doorway-pec-stretch", sets=2, hold_s=6),
            ub.HoldProgression(step_s=5),
            {"hold_s": 1},
        ),
        (
            block("band-pull-apart", sets=2, reps=3),
            ub.DoubleProgression(low=8, high=12, step=2),
            {"reps": 1},
        ),
        (
            block("band-pull-apart", sets=2, reps=10),
            ub.DoubleProgression(low=8, high=12),
            {"reps": 9},
        ),
        (block("band-pull-apart", sets=2, reps=10), ub.SetProgression(max_sets=4), {"sets": 1}),
        (
            block("band-pull-apart", sets=4, reps=10),
            ub.SetProgression(max_sets=4, step=2),
            {"sets": 3},
        ),
        (
            block("band-pull-apart", sets=2, reps=10),
            ub.LinearProgression(field=ub.DoseField.SETS, step=1),
            {"sets": 1},
        ),
        (
            block("band-pull-apart", sets=3, reps=10),
            ub.LinearProgression(field=ub.DoseField.REPS, step=5, drop=2),
            {"reps": 8},
        ),
        (
            block("band-pull-apart", sets=3, reps=10),
            ub.Chain(rules=[ub.Hold(), ub.Advance(), ub.SetProgression(max_sets=4)]),
            {"sets": 2},
        ),
    ],
)
def test_a_red_light_takes_the_inner_rules_step_back(
    b: ub.Block, rule: ub.ProgressionRule, after: dict[str, Any]
) -> None:
    decision = _red(b, rule)
    assert decision.action is Act.REGRESS
    assert decision.block.dose == attrs.evolve(b.dose, **after)


@pytest.mark.parametrize(
    ("b", "rule"),
    [
        (block("doorway-pec-stretch", sets=2, hold_s=5), ub.HoldProgression(step_s=5)),
        (block("band-pull-apart", sets=2, reps=2), ub.DoubleProgression(low=8, high=12, step=2)),
        (block("doorway-pec-stretch", sets=2, hold_s=20), ub.DoubleProgression(low=8, high=12)),
        (block("band-pull-apart", sets=1, reps=10), ub.SetProgression(max_sets=4)),
        (
            block("band-pull-apart", sets=1, reps=10),
            ub.LinearProgression(field=ub.DoseField.SETS, step=1),
        ),
        (
            block("doorway-pec-stretch", sets=2, hold_s=20),
            ub.LinearProgression(field=ub.DoseField.REPS, step=1),
        ),
        (block("band-pull-apart", sets=2, reps=10), ub.Chain(rules=[ub.Hold(), ub.Advance()])),
        (block("band-pull-apart", sets=2, reps=10), ub.StallDeload(after_sessions=3, percent=50)),
        (
            block("band-pull-apart", sets=2, reps=10),
            ub.SetOnWeek(week=5, field=ub.DoseField.SETS, value=3),
        ),
    ],
)
def test_a_red_light_with_no_step_back_of_the_rules_own_still_reduces_the_dose(
    b: ub.Block, rule: ub.ProgressionRule
) -> None:
    # Pain above the ceiling reduces the load whatever the rule [P7][P11*]: one set,
    # one band level, one rep or 5 s less when the rule has no step back of its own.
    decision = _red(b, rule)
    assert decision.action is Act.REGRESS
    dose, before = decision.block.dose, b.dose
    lighter = [
        (name, getattr(dose, name), getattr(before, name))
        for name in ("sets", "reps", "hold_s", "band_level")
        if getattr(dose, name) != getattr(before, name)
    ]
    assert len(lighter) == 1
    ((_, after, was),) = lighter
    assert after < was


@pytest.mark.parametrize(
    "b",
    [
        block("band-pull-apart", sets=1, reps=1),
        block("doorway-pec-stretch", sets=1, hold_s=1),
    ],
)
def test_a_red_light_at_the_smallest_dose_keeps_it_and_says_so(b: ub.Block) -> None:
    decision = _red(b, ub.Hold())
    assert decision.action is Act.HOLD
    assert decision.block.dose == b.dose
    assert decision.reasons[-1].text.endswith(
        "There is no smaller dose or easier exercise to go back to: it stays as it is;"
        " ease off within it."
    )


# -- what a program and a decision say ----------------------------------------


def _two_a_week() -> ub.Routine:
    return ub.Routine.of("Desk", main=[CATALOG["doorway-pec-stretch"]], sessions_per_week=2)


def _prescribed(routine: ub.Routine, day: int, pain: int) -> ub.SessionLog:
    b = routine.blocks[0]
    outcome = ub.Outcome.as_prescribed(b, at=(0, 0), pain_during=pain, pain_next_morning=0)
    return ub.SessionLog(
        date=MONDAY + dt.timedelta(days=day),
        routine_id=routine.id,
        outcomes=[outcome],
        pain_before=0,
    )


def test_a_program_reads_week_by_week_with_dates_advice_and_each_change() -> None:
    routine = _two_a_week()
    painful = [_prescribed(routine, 0, 7), _prescribed(routine, 3, 1)]
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=30))
    program = ub.plan(routine, weeks=3, start=MONDAY, logs=painful, rules=rule)
    assert program.describe().splitlines() == [
        "Desk: 3 weeks, 2 sessions a week, from 2026-01-05",
        "Week 1: sessions Mon 05 Jan, Thu 08 Jan",
        "  Doorway pec stretch: 2 × 30 s hold",
        "Week 2: sessions Mon 12 Jan, Thu 15 Jan",
        "  Advice: continue with care",
        "  Doorway pec stretch: 2 × 25 s hold (regress)",
        "Week 3: sessions Mon 19 Jan, Thu 22 Jan",
        "  Doorway pec stretch: 2 × 30 s hold (progress)",
    ]
    regress, back = program.decisions
    assert regress.describe() == (
        "Doorway pec stretch: regress 2 × 30 s hold → 2 × 25 s hold. Pain-monitoring red:"
        " pain was 7/10, above the 5/10 ceiling; reduce the load. 2 × 30 s hold becomes"
        " 2 × 25 s hold."
    )
    assert back.describe() == (
        "Doorway pec stretch: progress 2 × 25 s hold → 2 × 30 s hold. Every hold was done:"
        " 2 × 25 s hold becomes 2 × 30 s hold."
    )


def test_an_undated_program_numbers_its_sessions_and_labels_a_deload_week() -> None:
    program = ub.plan(_two_a_week(), weeks=2, rules=ub.Deload(every_weeks=2, percent=50))
    assert program.describe().splitlines() == [
        "Desk: 2 weeks, 2 sessions a week",
        "Week 1: sessions 1, 2",
        "  Doorway pec stretch: 2 × 30 s hold",
        "Week 2 (deload): sessions 1, 2",
        "  Doorway pec stretch: 1 × 30 s hold (deload)",
    ]


def test_a_decision_that_changes_the_exercise_reads_from_the_old_to_the_new() -> None:
    b = block("kneeling-push-up-plus", sets=1, reps=1)
    rule = ub.PainGate(inner=ub.SetProgression(max_sets=3))
    decision = ub.progress(b, [log(b, pain=7)], rule, catalog=CATALOG)
    assert decision.describe() == (
        "Wall push-up plus: regress exercise kneeling-push-up-plus at 1 × 1 reps → 3 × 10 reps."
        " Pain-monitoring red: pain was 7/10, above the 5/10 ceiling; reduce the load."
        " Back to the easier Wall push-up plus."
    )


def test_a_program_keeps_the_person_it_was_planned_for() -> None:
    person = ub.Profile(kit=ub.Kit.of(ub.Towel()))
    assert ub.plan(_two_a_week(), weeks=1, profile=person).profile == person
    assert ub.plan(_two_a_week(), weeks=1).profile is None


# -- adherence, to the number --------------------------------------------------


def test_adherence_without_logs_has_no_weeks_and_counts_nothing() -> None:
    result = ub.adherence(ub.plan(_two_a_week(), weeks=3), [])
    assert result.weeks == ()
    assert result.total == ub.Tally()
    assert (result.total.sessions, result.total.sets, result.total.time) == (1.0, 1.0, 1.0)


def test_adherence_of_a_per_side_hold_counts_the_seconds_on_one_side() -> None:
    routine = ub.Routine.of("Neck", main=[CATALOG["upper-trapezius-stretch"]], sessions_per_week=2)
    b = routine.blocks[0]  # 2 × 30 s hold, each side
    program = ub.plan(routine, weeks=1, start=MONDAY)
    done = ub.SessionLog(
        date=MONDAY,
        routine_id=routine.id,
        outcomes=[ub.Outcome.as_prescribed(b, at=(0, 0))],
    )
    assert ub.adherence(program, [done]).total.time == 1.0  # as of Monday: all that was due
    result = ub.adherence(program, [done], on=MONDAY + dt.timedelta(days=6))
    per_session = b.dose.sets * (b.dose.hold_s or 0)  # on one side
    (entry,) = result.blocks
    block_tally = entry.tally
    assert block_tally == ub.Tally(
        sessions_done=1,
        sessions_planned=2,
        sets_done=2,
        sets_prescribed=4,
        seconds_done=per_session,
        seconds_prescribed=2 * per_session,
    )
    assert result.total == block_tally
    assert block_tally.time == 0.5


# -- linear progression at its edges ------------------------------------------


def _reps_log(b: ub.Block, done: tuple[int, ...], day: int) -> ub.SessionLog:
    return log(b, done, day=day)


def test_a_linear_drop_goes_to_one_but_never_below_and_not_from_one() -> None:
    rule = ub.LinearProgression(field=ub.DoseField.SETS, step=1, drop=2, after_failures=1)
    three = block("band-pull-apart", sets=3, reps=12)
    short = (12, 12, 8)
    decision = ub.progress(three, [_reps_log(three, short, 0)], rule)
    assert (decision.action, decision.block.dose.sets) == (Act.REGRESS, 1)
    assert decision.sources == ()
    two = block("band-pull-apart", sets=2, reps=12)
    decision = ub.progress(two, [_reps_log(two, (12, 8), 0)], rule)
    assert (decision.action, decision.block.dose.sets) == (Act.REGRESS, 1)
    one = block("band-pull-apart", sets=1, reps=12)
    decision = ub.progress(one, [_reps_log(one, (8,), 0)], rule)
    assert decision.action is Act.HOLD
    assert decision.sources == ()


def test_a_linear_step_names_its_sources() -> None:
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1)
    b = block("band-pull-apart", sets=2, reps=10)
    decision = ub.progress(b, [_reps_log(b, (10, 10), 0)], rule)
    assert (decision.action, decision.block.dose.reps) == (Act.PROGRESS, 11)
    assert decision.sources == ("A9",)


def test_regress_exercise_needs_both_an_easier_exercise_and_the_failures() -> None:
    rule = ub.RegressExercise(after_failures=2)
    b = block("kneeling-push-up-plus", sets=2, reps=10)
    once = [_reps_log(b, (10, 5), 0)]
    assert ub.progress(b, once, rule, catalog=CATALOG).action is Act.HOLD
    top = block("wall-push-up-plus", sets=2, reps=10)  # nothing easier in the catalog
    twice = [_reps_log(top, (10, 5), 0), _reps_log(top, (10, 5), 2)]
    assert ub.progress(top, twice, rule, catalog=CATALOG).action is Act.HOLD


def test_a_deload_rounds_down_but_never_below_one() -> None:
    b = block("band-pull-apart", sets=3, reps=12)
    deload = ub.Deload(every_weeks=2, percent=50, fields={ub.DoseField.SETS, ub.DoseField.REPS})
    decision = ub.progress(b, [], deload, week=2)
    assert decision.block.dose.sets == 1  # 3 × 50% = 1.5, rounded down
    assert decision.block.dose.reps == 6
    small = block("band-pull-apart", sets=1, reps=3)
    tenth = ub.Deload(every_weeks=2, percent=10, fields={ub.DoseField.SETS, ub.DoseField.REPS})
    assert ub.progress(small, [], tenth, week=2).block.dose == attrs.evolve(small.dose, reps=1)


# -- triage reads what the log says -------------------------------------------

OSTEOPOROSIS = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
CHECK_IN = ub.SymptomReport(days_since_onset=3, trend=ub.Trend.SAME)


def _stretch_log(**kw: Any) -> tuple[ub.Block, ub.SessionLog]:
    b = block("doorway-pec-stretch")
    return b, log(b, **kw)


def test_pain_before_the_session_is_pain_at_rest_unless_the_check_in_gives_it() -> None:
    for symptoms in (None, CHECK_IN):
        b, at_rest = _stretch_log(before=7, symptoms=symptoms)
        advice = ub.progress(b, [at_rest], ub.HoldProgression()).advice
        assert advice is not None
        assert [r.text for r in advice.reasons] == ["Pain at rest is 7/10, above 5/10."]
    b, told = _stretch_log(before=7, symptoms=attrs.evolve(CHECK_IN, pain_now=1))
    advice = ub.progress(b, [told], ub.HoldProgression()).advice
    assert advice is not None
    assert advice.level is ub.AdviceLevel.CONTINUE


@pytest.mark.parametrize(
    ("logged", "check_in", "text"),
    [
        ({"pain": 7}, {}, "Pain with exercise is 7/10, above 5/10."),
        ({"pain": 2}, {"pain_after_exercise": 7}, "Pain with exercise is 7/10, above 5/10."),
        (
            {"morning": 7, "before": None},
            {},
            (
                "Pain the next morning is 7/10, above 3/10: it has not settled"
                " (that limit is a common convention, not from a study)."
            ),
        ),
        (
            {"morning": 0, "before": None},
            {"pain_next_morning": 7},
            (
                "Pain the next morning is 7/10, above 3/10: it has not settled"
                " (that limit is a common convention, not from a study)."
            ),
        ),
    ],
)
def test_triage_takes_the_worse_of_the_check_in_and_the_logged_pain(
    logged: dict[str, Any], check_in: dict[str, Any], text: str
) -> None:
    b, session = _stretch_log(symptoms=attrs.evolve(CHECK_IN, **check_in), **logged)
    advice = ub.progress(b, [session], ub.HoldProgression()).advice
    assert advice is not None
    assert advice.level is ub.AdviceLevel.CONTINUE_WITH_CARE
    assert text in [r.text for r in advice.reasons]


def test_triage_in_progress_uses_the_persons_stricter_ceiling() -> None:
    b, session = _stretch_log(pain=4)
    assert ub.progress(b, [session], ub.HoldProgression()).advice.level is (  # type: ignore[union-attr]
        ub.AdviceLevel.CONTINUE
    )
    advice = ub.progress(b, [session], ub.HoldProgression(), profile=NERVE).advice
    assert advice is not None
    assert [r.text for r in advice.reasons] == ["Pain with exercise is 4/10, above 3/10."]


def test_a_referral_gives_the_triage_finding_as_its_reason_with_its_source() -> None:
    b, session = _stretch_log()
    decision = ub.progress(b, [session], ub.HoldProgression(), profile=OSTEOPOROSIS)
    assert decision.action is Act.REFER
    assert [(r.rule, r.text, r.sources) for r in decision.reasons] == [
        (
            "triage",
            (
                "Stop progressing and see a healthcare professional: Back pain in someone with"
                " osteoporosis should be checked by a clinician."
            ),
            ("C1",),
        )
    ]


def test_days_worse_after_exercise_from_the_check_in_count_too() -> None:
    b, session = _stretch_log(symptoms=attrs.evolve(CHECK_IN, days_worse_after_exercise=30))
    assert ub.progress(b, [session], ub.HoldProgression()).action is Act.REFER


# -- the kit and screening, in the decision's words ----------------------------


def test_the_kit_gap_names_every_missing_prop_and_a_band_heavier_than_the_heaviest() -> None:
    towel = ub.Profile(kit=ub.Kit.of(ub.Towel()))
    row = ub.Block(exercise=CATALOG["band-row-seated"])
    assert kit_gap(towel, row) == (
        "Seated band row needs a resistance band, chair, which the person's kit does not hold."
    )
    assert kit_gap(ub.Profile(), row) is None  # the kit is not known
    sandbag = attrs.evolve(
        row, exercise=attrs.evolve(row.exercise, props=(ub.PropNeed.named("other:sandbag"),))
    )
    assert kit_gap(towel, sandbag) == (
        "Seated band row needs a other:sandbag, which the person's kit does not hold."
    )
    with_sandbag = ub.Profile(kit=ub.Kit.of(ub.Towel(), ub.OtherProp(name="sandbag")))
    assert kit_gap(with_sandbag, sandbag) is None
    kit = ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.LIGHT), ub.Chair())
    banded = ub.Profile(kit=kit)
    light = attrs.evolve(row, dose=attrs.evolve(row.dose, band_level=ub.BandLevel.LIGHT))
    assert kit_gap(banded, light) is None
    heavier = attrs.evolve(row, dose=attrs.evolve(row.dose, band_level=ub.BandLevel.MEDIUM))
    assert kit_gap(banded, heavier) == (
        f"{heavier.dose.describe()}, band level 3 needs a band of level 3; the heaviest in the"
        " person's kit is level 2."
    )


def test_an_excluded_harder_exercise_gives_screenings_reasons_and_sources() -> None:
    person = ub.Profile(avoid_features={ub.Feature.KNEELING}, avoid_note="Knee replacement.")
    b = block("wall-push-up-plus")
    decision = ub.progress(b, [log(b)], ub.Advance(), catalog=CATALOG, profile=person)
    screened = ub.screen(ub.Block(exercise=CATALOG["kneeling-push-up-plus"]), person)
    (reason,) = [r for r in decision.reasons if r.rule == "screen"]
    assert reason.sources == screened.sources
    assert reason.text == (
        "Kneeling push-up plus is excluded for this person, so Wall push-up plus stays at"
        f" {b.dose.describe()}: " + " ".join(screened.reasons)
    )


# -- the defaults by kind, from the sources ------------------------------------


def _gated(*rules: ub.ProgressionRule) -> ub.ProgressionRule:
    return ub.PainGate(inner=ub.Chain(rules=rules))


@pytest.mark.parametrize(
    ("exercise_id", "who", "rule"),
    [
        # Stretches: holds by 5 s to the ACSM 30 s, 60 s for older adults, then
        # repetitions (2-4) to about 60 s per exercise [A1][A2].
        (
            "childs-pose",
            {},
            _gated(
                ub.HoldProgression(step_s=5, max_s=30),
                ub.SetProgression(max_sets=4, max_total_s=60),
            ),
        ),
        (
            "childs-pose",
            {"older_adult": True},
            _gated(
                ub.HoldProgression(step_s=5, max_s=60),
                ub.SetProgression(max_sets=4, max_total_s=60),
            ),
        ),
        # Strengthening: 8-12 reps, 10-15 for older or novice people, up to 4 sets [A7][A5].
        (
            "band-pull-apart",
            {},
            _gated(ub.DoubleProgression(low=8, high=12, max_sets=4), ub.Advance()),
        ),
        (
            "band-pull-apart",
            {"older_adult": True},
            _gated(ub.DoubleProgression(low=10, high=15, max_sets=4), ub.Advance()),
        ),
        (
            "band-pull-apart",
            {"novice": True},
            _gated(ub.DoubleProgression(low=10, high=15, max_sets=4), ub.Advance()),
        ),
        # Motor control: holds to 10 s a second at a time, then 10-15 reps [E19*]
        # (a convention past it).
        (
            "chin-tuck",
            {},
            _gated(
                ub.HoldProgression(step_s=1, max_s=10),
                ub.DoubleProgression(low=10, high=15, then=ub.Then.NOTHING),
                ub.Advance(),
            ),
        ),
        # Mobility: 5-10 cycles (a convention).
        (
            "cat-camel",
            {"novice": True},
            _gated(ub.DoubleProgression(low=5, high=10, then=ub.Then.NOTHING), ub.Advance()),
        ),
    ],
)
def test_the_default_rule_of_each_kind_is_the_sources_progression(
    exercise_id: str, who: dict[str, Any], rule: ub.ProgressionRule
) -> None:
    assert ub.default_rule(CATALOG[exercise_id], **who) == rule
    assert ub.RuleSet(**who).rule_for((0, 0), ub.Block(exercise=CATALOG[exercise_id])) == rule


def test_an_exercise_of_no_progressing_kind_holds_behind_the_pain_gate() -> None:
    breathing = attrs.evolve(CATALOG["chin-tuck"], kind=ub.ExerciseKind.BREATHING)
    assert ub.default_rule(breathing) == ub.PainGate(inner=ub.Hold())


def test_a_rule_set_reads_its_mappings_in_a_fixed_order_and_a_block_by_its_own_address() -> None:
    suppress = ub.Suppress(weeks={1})
    rules = ub.RuleSet(
        by_kind={
            ub.ExerciseKind.STRENGTHENING: ub.Hold(),
            ub.ExerciseKind.DYNAMIC_MOBILITY: suppress,
        }
    )
    assert rules.by_kind == (
        (ub.ExerciseKind.DYNAMIC_MOBILITY, suppress),
        (ub.ExerciseKind.STRENGTHENING, ub.Hold()),
    )
    by_block = ub.RuleSet(by_block={(1, 0): ub.Hold(), (0, 1): suppress})
    assert by_block.by_block == (((0, 1), suppress), ((1, 0), ub.Hold()))
    pull = ub.Block(exercise=CATALOG["band-pull-apart"])
    assert by_block.rule_for((0, 1), pull) == suppress
    assert by_block.rule_for((1, 0), pull) == ub.Hold()
    assert by_block.rule_for((0, 0), pull) == ub.default_rule(pull.exercise)
    listed = ub.RuleSet(by_kind=[[ub.ExerciseKind.STRENGTHENING, ub.Hold()]])
    assert listed.by_kind == ((ub.ExerciseKind.STRENGTHENING, ub.Hold()),)


# -- double progression's load step, sources and edges -------------------------


def _at_top(**dose: Any) -> tuple[ub.Block, list[ub.SessionLog]]:
    b = block("band-pull-apart", **dose)
    return b, [log(b)]


def test_the_band_step_cites_the_band_source_and_the_set_step_the_set_source() -> None:
    rule = ub.DoubleProgression(low=8, high=12)
    b, done = _at_top(sets=2, reps=12, band_level=ub.BandLevel.LIGHT)
    banded = ub.progress(b, done, rule)
    assert banded.block.dose == attrs.evolve(b.dose, band_level=ub.BandLevel.MEDIUM, reps=8)
    assert banded.sources == ("A9", "D1")
    assert banded.reasons[0].text.startswith("Every set reached the top of the 8–12 range: ")
    b, done = _at_top(sets=2, reps=12)
    one_more = ub.progress(b, done, rule)
    assert one_more.block.dose == attrs.evolve(b.dose, sets=3, reps=8)
    assert one_more.sources == ("A9", "A7")


def test_at_the_heaviest_band_double_progression_adds_a_set_and_at_the_most_sets_stops() -> None:
    rule = ub.DoubleProgression(low=8, high=12, max_sets=3)
    b, done = _at_top(sets=2, reps=12, band_level=max(ub.BandLevel))
    assert ub.progress(b, done, rule).block.dose == attrs.evolve(b.dose, sets=3, reps=8)
    b, done = _at_top(sets=3, reps=12, band_level=max(ub.BandLevel))
    stays = ub.progress(b, done, rule)
    assert (stays.action, stays.block.dose) == (Act.HOLD, b.dose)


def test_an_advance_cites_the_first_three_sources_of_the_harder_exercise() -> None:
    b = block("band-row-seated")
    decision = ub.progress(b, [log(b)], ub.Advance(), catalog=CATALOG)
    keys = [source.key for source in CATALOG["seated-band-row-swiss-ball"].sources]
    assert len(keys) > 3
    assert decision.sources == tuple(keys[:3])


# -- what a rule says when it waits --------------------------------------------


def test_a_short_session_names_the_numbers_done_against_the_target() -> None:
    b = block("band-pull-apart", sets=3, reps=12)
    decision = ub.progress(b, [log(b, (12, 10, 8))], ub.DoubleProgression(low=8, high=14))
    assert decision.reasons[0].text == (
        "Not every set reached its target (12, 10, 8 against 12 a set): the dose stays."
    )


def test_a_run_of_successes_is_counted_only_as_far_as_the_rule_needs() -> None:
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1, after_successes=2)
    b = block("band-pull-apart", sets=2, reps=10)
    three = [log(b, day=day) for day in (0, 2, 4)]
    decision = ub.progress(b, three, rule)
    assert decision.reasons[0].text.startswith(
        "2 successful sessions in a row (the rule needs 2): "
    )


def test_a_red_light_with_two_causes_names_both() -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    decision = _red_both(b)
    assert decision.reasons[0].text.startswith(
        "Pain-monitoring red: pain was 7/10, above the 5/10 ceiling; next-morning pain was"
        " 4/10, worse than the 0/10 before the session; reduce the load."
    )


def _red_both(b: ub.Block) -> ub.Decision:
    return ub.progress(b, [log(b, pain=7, morning=4)], ub.PainGate(inner=ub.HoldProgression()))


# -- plans: the profile, the history across weeks, referral and placing logs --


def test_a_plan_reads_the_persons_stricter_ceiling_and_triages_with_their_conditions() -> None:
    routine = _two_a_week()
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=45))
    anyone = ub.plan(routine, weeks=2, start=MONDAY, logs=[_prescribed(routine, 0, 4)], rules=rule)
    assert anyone.weeks[1].decisions[0].action is Act.HOLD  # amber: 4/10 within 5/10
    screened = ub.plan(routine, weeks=1, profile=NERVE).routine  # the nerve-pain caps
    logged = [_prescribed(screened, 0, 4)]
    nerve = ub.plan(routine, weeks=2, start=MONDAY, logs=logged, rules=rule, profile=NERVE)
    assert nerve.weeks[1].decisions[0].action is Act.REGRESS  # above 3/10 (a convention)
    assert nerve.weeks[1].advice is not None
    assert [r.text for r in nerve.weeks[1].advice.reasons] == [
        "Pain with exercise is 4/10, above 3/10."
    ]


def test_the_latest_session_of_a_week_is_triaged_with_its_own_check_in() -> None:
    routine = _two_a_week()
    flagged = attrs.evolve(
        _prescribed(routine, 3, 0),
        symptoms=ub.SymptomReport(
            days_since_onset=2, trend=ub.Trend.SAME, red_flags={ub.RedFlag.FEVER_OR_WEIGHT_LOSS}
        ),
    )
    program = ub.plan(routine, weeks=2, start=MONDAY, logs=[_prescribed(routine, 0, 0), flagged])
    assert program.weeks[1].decisions[0].action is Act.REFER


def test_week_1_has_no_decisions_and_sessions_count_from_1() -> None:
    program = ub.plan(_two_a_week(), weeks=2)
    assert program.weeks[0].decisions == ()
    assert [s.number for s in program.weeks[1].sessions] == [1, 2]


def test_a_block_keeps_its_history_across_weeks() -> None:
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1, after_successes=4)
    routine = ub.Routine.of("Pull", main=[block("band-pull-apart", sets=2, reps=10)])
    reps = [w.routine.blocks[0].dose.reps for w in ub.plan(routine, weeks=4, rules=rule).weeks]
    assert reps == [10, 10, 11, 11]  # 3 sessions a week: four successes by week 2's end


def test_a_rule_set_by_address_is_followed_in_a_plan() -> None:
    routine = ub.Routine.of(
        "Two", main=[CATALOG["band-pull-apart"], CATALOG["band-pull-apart"]], sessions_per_week=2
    )
    rules = ub.RuleSet(default=ub.Hold(), by_block={(0, 1): ub.SetProgression(max_sets=4)})
    week_2 = ub.plan(routine, weeks=2, rules=rules).weeks[1]
    assert [d.action for d in week_2.decisions] == [Act.HOLD, Act.PROGRESS]


def test_after_a_referral_every_later_week_says_why_nothing_progresses() -> None:
    routine = _two_a_week()
    flagged = attrs.evolve(
        _prescribed(routine, 0, 0),
        symptoms=ub.SymptomReport(
            days_since_onset=2, trend=ub.Trend.SAME, red_flags={ub.RedFlag.FEVER_OR_WEIGHT_LOSS}
        ),
    )
    program = ub.plan(routine, weeks=3, start=MONDAY, logs=[flagged])
    later = program.weeks[2].decisions[0]
    assert later.action is Act.REFER
    # The check-in was on Monday of week 1: the referral reaches that week's later session.
    assert later.reasons[-1].text == (
        "Referred in week 1 (2026-01-05): exercise stays stopped until a clinician's"
        " clearance is recorded (a Clearance given to plan)."
    )
    assert [s.referred for s in program.weeks[0].sessions] == [False, True]


def _dated(routine: ub.Routine, day: int, **kw: Any) -> ub.SessionLog:
    return attrs.evolve(_prescribed(routine, day, 0), **kw)


@pytest.mark.parametrize(
    ("logs", "start", "field", "value", "words"),
    [
        (
            lambda r: [_dated(r, 4), _dated(r, 0), _dated(r, 2)],
            MONDAY,
            "logs[0]",
            "2026-01-09",
            "must not be more than the 2 sessions planned in week 1",
        ),
        (
            lambda r: [_dated(r, -1)],
            MONDAY,
            "logs[0].date",
            "2026-01-04",
            "must not be before the program starts (2026-01-05)",
        ),
        (
            lambda r: [_dated(r, 0, week=2)],
            MONDAY,
            "logs[0].week",
            2,
            "must be the week its date falls in (1)",
        ),
        (
            lambda r: [_dated(r, 0)],
            None,
            "logs[0].week",
            None,
            "must be given when the program has no start date",
        ),
        (
            lambda r: [_dated(r, 0, week=3)],
            None,
            "logs[0].week",
            3,
            "must fall within the program's 2 weeks",
        ),
        (
            lambda r: [_dated(r, 0, week=1), _dated(r, 2, week=1, session=3)],
            None,
            "logs[1].session",
            3,
            "must be one of the 2 sessions of week 1, each logged once",
        ),
        (
            lambda r: [_dated(r, 0, week=1, session=3)],
            None,
            "logs[0].session",
            3,
            "must be one of the 2 sessions of week 1, each logged once",
        ),
        (
            lambda r: [
                _dated(r, 0, outcomes=[ub.Outcome.as_prescribed(block("chin-tuck"), at=(0, 0))])
            ],
            MONDAY,
            "logs[0].outcomes[0].exercise_id",
            "chin-tuck",
            "must be the exercise of the block at [0, 0]",
        ),
    ],
)
def test_a_log_that_does_not_fit_the_plan_is_refused_naming_it(
    logs: Any, start: dt.date | None, field: str, value: Any, words: str
) -> None:
    routine = _two_a_week()
    with pytest.raises(ub.InvalidValue) as info:
        ub.plan(routine, weeks=2, start=start, logs=logs(routine))
    assert (info.value.field, info.value.value) == (field, value)
    assert info.value.reason.startswith("must ")
    assert words in info.value.reason


def test_strengthening_more_than_3_times_a_week_is_refused_with_its_sources() -> None:
    routine = ub.Routine.of("Pull", main=[CATALOG["band-pull-apart"]], sessions_per_week=4)
    with pytest.raises(ub.InvalidValue) as info:
        ub.plan(routine)
    assert (info.value.field, info.value.value) == ("routine.sessions_per_week", 4)
    assert (
        "must be at most 3 for a routine with strengthening: each muscle group 2–3 days a week,"
        " at least 48 h apart [A3][A6][A7]"
    ) in str(info.value)


def test_a_program_start_must_be_a_date_and_says_what_it_got() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.plan(_two_a_week(), start="2026-01-05")  # type: ignore[arg-type]
    assert (info.value.field, info.value.value) == ("start", "2026-01-05")
    program = ub.plan(_two_a_week(), weeks=1)
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(program, start="2026-01-05")  # type: ignore[arg-type]
    assert (info.value.field, info.value.value) == ("start", "2026-01-05")


def test_a_block_not_done_since_the_last_decision_is_not_made_harder_and_says_why() -> None:
    b = block("band-pull-apart", sets=2, reps=10)
    decision = ub.progress(b, [log(b, (10, 4))], ub.SetProgression(max_sets=4), profile=NERVE)
    assert decision.action is Act.HOLD
    assert [(r.rule, r.text) for r in decision.reasons] == [
        (
            "set_progression",
            "Not every set reached its target (10, 4 against 10 a set): the dose stays.",
        ),
    ]
    wall = block("wall-push-up-plus")
    ready = ub.progress(wall, [log(wall)], ub.Advance(), catalog=CATALOG, window=0)
    assert (ready.reasons[1].rule, ready.reasons[1].text) == (
        "progress",
        (
            "No session since the last decision did every set: a missed or incomplete session"
            " is not a success."
        ),
    )
    missed = ub.progress(b, [log(b)], ub.SetProgression(max_sets=4), window=0)
    assert missed.reasons[0].text == (
        "No session of this block was logged since the last decision: a missed session is not"
        " a success, so the dose stays."
    )


def test_care_from_triage_names_every_finding_and_keeps_the_dose() -> None:
    b = block("band-pull-apart", sets=2, reps=10)
    worse = ub.SymptomReport(days_since_onset=2, trend=ub.Trend.WORSE)
    decision = ub.progress(
        b, [log(b, pain=1, before=6, symptoms=worse)], ub.SetProgression(max_sets=4), profile=NERVE
    )
    (care,) = [r for r in decision.reasons if r.rule == "triage"]
    assert care.text == (
        "Triage advises care (Pain at rest is 6/10, above 3/10. The pain is getting worse.),"
        " so nothing is made harder."
    )
    assert care.sources


def test_set_progression_at_its_most_sets_or_its_total_time_does_not_apply() -> None:
    done = ub.SetProgression(max_sets=3)
    b = block("band-pull-apart", sets=3, reps=10)
    assert ub.progress(b, [log(b)], ub.Chain(rules=[done, ub.Hold()])).reasons[0].rule == "hold"
    hold = block("doorway-pec-stretch", sets=2, hold_s=30)
    timed = ub.SetProgression(max_sets=4, max_total_s=2 * hold.dose.set_work_s)
    chain = ub.Chain(rules=[timed, ub.Hold()])
    assert ub.progress(hold, [log(hold)], chain).reasons[0].rule == "hold"
    more = ub.SetProgression(max_sets=4, max_total_s=2 * hold.dose.set_work_s + 1)
    assert ub.progress(hold, [log(hold)], more).block.dose.sets == 3


def test_the_nominal_plan_assumes_no_pain_at_all_so_even_a_zero_safe_zone_progresses() -> None:
    strict = ub.SafetyPolicy(pain_ceiling=0, settled_pain=0)
    routine = ub.Routine.of("Desk", main=[block("doorway-pec-stretch", sets=2, hold_s=20)])
    rule = ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=30))
    program = ub.plan(routine, weeks=3, rules=rule, policy=strict)
    assert [w.routine.blocks[0].dose.hold_s for w in program.weeks] == [20, 25, 30]


# -- the documented defaults ---------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "same"),
    [
        (ub.HoldProgression(), ub.HoldProgression(step_s=5, max_s=30)),
        (
            ub.DoubleProgression(low=8, high=12),
            ub.DoubleProgression(low=8, high=12, step=1, then=ub.Then.BAND_OR_SET, max_sets=4),
        ),
        (ub.SetProgression(max_sets=4), ub.SetProgression(max_sets=4, step=1, max_total_s=None)),
        (
            ub.LinearProgression(field=ub.DoseField.REPS, step=1),
            ub.LinearProgression(
                field=ub.DoseField.REPS,
                step=1,
                after_successes=1,
                drop=0,
                after_failures=2,
                beyond_last_set=0,
                maximum=None,
            ),
        ),
        (ub.Advance(), ub.Advance(after_successes=1)),
        (ub.RegressExercise(), ub.RegressExercise(after_failures=2)),
        (
            ub.Deload(every_weeks=4, percent=50),
            ub.Deload(every_weeks=4, percent=50, fields={ub.DoseField.SETS}),
        ),
        (
            ub.StallDeload(after_sessions=3, percent=50),
            ub.StallDeload(after_sessions=3, percent=50, fields={ub.DoseField.SETS}),
        ),
        (ub.PainGate(inner=ub.Hold()), ub.PainGate(inner=ub.Hold(), easier_first=False)),
    ],
)
def test_a_rule_left_to_its_defaults_says_the_documented_numbers(
    rule: ub.ProgressionRule, same: ub.ProgressionRule
) -> None:
    assert rule.describe() == same.describe()
    assert rule == same


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        (ub.DoseField.SETS, " sets"),
        (ub.DoseField.REPS, " reps"),
        (ub.DoseField.HOLD_S, " s"),
        (ub.DoseField.BAND_LEVEL, " band levels"),
    ],
)
def test_a_linear_rule_names_its_fields_unit(field: ub.DoseField, unit: str) -> None:
    rule = ub.LinearProgression(field=field, step=2)
    assert rule.describe() == f"linear progression: +2{unit} after 1 successful session"


def test_the_most_a_rule_may_ask_of_each_field_is_the_most_a_dose_allows() -> None:
    assert [field.maximum for field in ub.DoseField] == [10, 50, 120, 8]


def test_an_amber_light_still_lets_a_step_back_or_an_easier_exercise_through() -> None:
    b = block("kneeling-push-up-plus", sets=2, reps=10)
    failed = [log(b, (10, 5), pain=4, day=0), log(b, (10, 5), pain=4, day=2)]
    drop = ub.LinearProgression(field=ub.DoseField.REPS, step=1, drop=2, after_failures=2)
    assert ub.progress(b, failed, ub.PainGate(inner=drop), window=2).action is Act.REGRESS
    down = ub.PainGate(inner=ub.RegressExercise(after_failures=2))
    decision = ub.progress(b, failed, down, catalog=CATALOG, window=2)
    assert decision.action is Act.REGRESS_EXERCISE
    up = ub.PainGate(inner=ub.SetProgression(max_sets=4))
    assert ub.progress(b, [log(b, pain=4)], up).action is Act.HOLD


def test_the_effort_scale_runs_from_no_effort_at_0_to_the_hardest_at_10() -> None:
    anchors = [value for value, _ in EFFORT_SCALE]
    assert anchors == sorted(anchors)
    assert (anchors[0], anchors[-1]) == (0, 10)


# -- every reason, source and message in full ----------------------------------

PAIN_SOURCES = ("P7", "P11*")


def test_a_held_back_advance_says_what_it_was_ready_for_and_then_why_not() -> None:
    b = block("wall-push-up-plus")
    missed = ub.progress(b, [log(b, day=0)], ub.Advance(), catalog=CATALOG, window=0)
    assert missed.describe() == (
        "Wall push-up plus: hold at 3 × 10 reps. Ready to advance (Wall push-up plus went well"
        " at 3 × 10 reps: on to the harder Kneeling push-up plus at 3 × 10 reps, 3 s hold"
        " each), but held back. No session since the last decision did every set: a missed or"
        " incomplete session is not a success."
    )


def test_a_hold_reads_at_its_dose() -> None:
    b = block("band-pull-apart", sets=2, reps=10)
    assert ub.progress(b, [], ub.Hold()).describe() == (
        "Band pull-apart: hold at 2 × 10 reps. Band pull-apart is set to stay at its dose."
    )


@pytest.mark.parametrize(
    ("b", "rule", "sources", "text"),
    [
        (
            block("doorway-pec-stretch", sets=2, hold_s=20),
            ub.HoldProgression(),
            ("A1", "A2"),
            "Every hold was done: 2 × 20 s hold becomes 2 × 25 s hold.",
        ),
        (
            block("band-pull-apart", sets=2, reps=10),
            ub.DoubleProgression(low=8, high=12),
            ("A9",),
            "Every set reached its reps: 2 × 10 reps becomes 2 × 11 reps.",
        ),
        (
            block("band-pull-apart", sets=2, reps=10),
            ub.SetProgression(max_sets=4),
            ("A7",),
            "Every set was done: 2 × 10 reps becomes 3 × 10 reps.",
        ),
        (
            block("doorway-pec-stretch", sets=2, hold_s=20),
            ub.SetProgression(max_sets=4, max_total_s=100),
            ("A2",),
            "Every set was done: 2 × 20 s hold becomes 3 × 20 s hold.",
        ),
    ],
)
def test_each_step_up_gives_its_reason_and_its_sources(
    b: ub.Block, rule: ub.ProgressionRule, sources: tuple[str, ...], text: str
) -> None:
    decision = ub.progress(b, [log(b)], rule)
    assert decision.action is Act.PROGRESS
    assert (decision.reasons[0].text, decision.sources) == (text, sources)


@pytest.mark.parametrize(
    ("logged", "text"),
    [
        (
            {"pain": 4},
            (
                "Pain-monitoring amber: pain was 4/10: acceptable (up to 5/10) but above the 3/10"
                " safe zone; hold."
            ),
        ),
        (
            {"pain": None},
            (
                "No pain rating was logged, so the pain gate cannot tell that pain stayed in"
                " the safe zone: the dose stays."
            ),
        ),
        (
            {"pain": 1, "morning": 4, "before": 4},
            (
                "Pain-monitoring amber: next-morning pain was 4/10, above 3/10: not settled,"
                " though no worse than before; hold."
            ),
        ),
    ],
)
def test_an_amber_light_says_why_and_cites_the_pain_monitoring_sources(
    logged: dict[str, Any], text: str
) -> None:
    b = block("doorway-pec-stretch", sets=2, hold_s=20)
    decision = ub.progress(b, [log(b, **logged)], ub.PainGate(inner=ub.HoldProgression()))
    assert decision.action is Act.HOLD
    assert (decision.reasons[0].text, decision.sources) == (text, PAIN_SOURCES)


def test_a_red_light_cites_the_pain_monitoring_sources_whatever_it_does() -> None:
    gate = ub.PainGate(inner=ub.SetProgression(max_sets=3))
    kneeling = block("kneeling-push-up-plus", sets=1, reps=1)
    easier = ub.progress(kneeling, [log(kneeling, pain=7)], gate, catalog=CATALOG)
    assert (easier.action, easier.sources) == (Act.REGRESS_EXERCISE, PAIN_SOURCES)
    wall = block("wall-push-up-plus", sets=1, reps=1)
    stays = ub.progress(wall, [log(wall, pain=7)], gate, catalog=CATALOG)
    assert (stays.action, stays.sources) == (Act.HOLD, PAIN_SOURCES)


def test_a_capped_step_gives_screenings_reason_and_sources() -> None:
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    b = block("seated-thoracic-extension-chair", sets=2, hold_s=30)
    decision = ub.progress(b, [log(b)], ub.HoldProgression(max_s=60), profile=person)
    (capped,) = [r for r in decision.reasons if r.rule == "screen"]
    screened = ub.screen(attrs.evolve(b, dose=attrs.evolve(b.dose, hold_s=35)), person)
    assert capped.sources == screened.sources
    assert capped.sources
    assert capped.text == (
        "Screened for this person, it becomes 2 × 30 s hold: " + " ".join(screened.reasons)
    )


def test_triage_in_progress_reads_the_policy_given() -> None:
    b = block("band-pull-apart", sets=2, reps=10)
    strict = ub.SafetyPolicy(pain_ceiling=2, settled_pain=2)
    advice = ub.progress(b, [log(b, pain=3)], ub.SetProgression(max_sets=4), policy=strict).advice
    assert advice is not None
    assert [r.text for r in advice.reasons] == ["Pain with exercise is 3/10, above 2/10."]


def test_days_worse_counted_from_the_logs_add_to_a_check_in_that_gives_none() -> None:
    b = block("band-pull-apart")
    check_in = ub.SymptomReport(days_since_onset=3, trend=ub.Trend.SAME)
    worse = [log(b, pain=2, morning=3, before=1, day=day, symptoms=check_in) for day in (0, 2, 4)]
    assert ub.progress(b, worse, ub.Hold()).action is Act.REFER


def test_after_a_referral_the_stop_is_triages() -> None:
    routine = _two_a_week()
    flagged = attrs.evolve(
        _prescribed(routine, 0, 0),
        symptoms=ub.SymptomReport(
            days_since_onset=2, trend=ub.Trend.SAME, red_flags={ub.RedFlag.FEVER_OR_WEIGHT_LOSS}
        ),
    )
    program = ub.plan(routine, weeks=3, start=MONDAY, logs=[flagged])
    assert {r.rule for r in program.weeks[2].decisions[0].reasons} == {"triage"}


def test_a_program_labels_a_change_of_exercise_in_words() -> None:
    routine = ub.Routine.of(
        "Serratus",
        main=[ub.Block(exercise=CATALOG["kneeling-push-up-plus"], dose=ub.Dose(sets=1, reps=1))],
        sessions_per_week=2,
    )
    b = routine.blocks[0]
    painful = ub.SessionLog(
        date=MONDAY,
        routine_id=routine.id,
        outcomes=[ub.Outcome.as_prescribed(b, at=(0, 0), pain_during=7)],
    )
    rule = ub.PainGate(inner=ub.SetProgression(max_sets=3))
    program = ub.plan(routine, weeks=2, start=MONDAY, logs=[painful], rules=rule, catalog=CATALOG)
    assert "  Wall push-up plus: 3 × 10 reps (regress exercise)" in program.describe().splitlines()


def test_describing_rules_in_the_singular_and_with_two_fields() -> None:
    assert ub.SetProgression(max_sets=3).describe() == (
        "set progression: +1 set after a session with every set done, up to 3 sets"
    )
    assert ub.Advance().describe() == (
        "advance to the catalog's harder exercise after 1 successful session at the dose's limit"
    )
    two = {ub.DoseField.SETS, ub.DoseField.HOLD_S}
    assert ub.StallDeload(after_sessions=3, percent=50, fields=two).describe() == (
        "reactive deload: after 3 failed sessions in a row at one dose, hold s, sets at 50% for"
        " a week"
    )


def test_an_excluded_harder_exercise_gives_every_reason_of_screening_and_its_sources() -> None:
    person = ub.Profile(conditions={ub.Condition.PREGNANCY_SECOND_TRIMESTER})
    b = block("prone-y-t-w")
    decision = ub.progress(b, [log(b)], ub.Advance(), catalog=CATALOG, profile=person)
    screened = ub.screen(ub.Block(exercise=CATALOG["prone-i-y-t-w-swiss-ball"]), person)
    assert len(screened.reasons) > 1
    (reason,) = [r for r in decision.reasons if r.rule == "screen"]
    assert reason.sources == screened.sources
    assert reason.text.endswith(": " + " ".join(screened.reasons))


def test_a_modified_step_gives_every_reason_of_screening() -> None:
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    b = ub.Block(exercise=CATALOG["thread-the-needle"])
    decision = ub.progress(b, [log(b)], ub.SetProgression(max_sets=10), profile=person)
    more = attrs.evolve(b, dose=attrs.evolve(b.dose, sets=b.dose.sets + 1))
    screened = ub.screen(more, person)
    assert len(screened.reasons) > 1
    (reason,) = [r for r in decision.reasons if r.rule == "screen"]
    assert reason.text.endswith(": " + " ".join(screened.reasons))
    assert reason.sources == screened.sources


def test_a_set_progression_with_a_time_cap_says_it() -> None:
    assert ub.SetProgression(max_sets=4, max_total_s=60).describe() == (
        "set progression: +1 set after a session with every set done, up to 4 sets or 60 s in all"
    )


# -- wger's percent step and replace, typed -------------------------------------


def test_a_percent_step_is_rounded_to_whole_units_and_never_less_than_one() -> None:
    rule = ub.PercentProgression(field=ub.DoseField.HOLD_S, percent=10)
    routine = ub.Routine.of("Pec", main=[block("doorway-pec-stretch", sets=2, hold_s=30)])
    holds = [w.routine.blocks[0].dose.hold_s for w in ub.plan(routine, weeks=5, rules=rule).weeks]
    assert holds == [30, 33, 36, 40, 44]  # +3, +3.3, +3.6, +4 rounded
    small = block("doorway-pec-stretch", sets=2, hold_s=4)
    assert ub.progress(small, [log(small)], rule).block.dose.hold_s == 5  # 0.4 s: one at least
    half = ub.PercentProgression(field=ub.DoseField.HOLD_S, percent=50)
    five = block("doorway-pec-stretch", sets=2, hold_s=5)
    assert ub.progress(five, [log(five)], half).block.dose.hold_s == 8  # 2.5 rounds up


def test_a_percent_step_waits_for_its_successes_and_stops_at_its_cap() -> None:
    rule = ub.PercentProgression(field=ub.DoseField.REPS, percent=20, after_successes=2, maximum=13)
    b = block("band-pull-apart", sets=2, reps=10)
    once = ub.progress(b, [log(b)], rule)
    assert once.action is Act.HOLD
    assert once.reasons[0].text == (
        "1 of the 2 successful sessions in a row needed at 2 × 10 reps."
    )
    twice = ub.progress(b, [log(b, day=0), log(b, day=2)], rule, window=2)
    assert twice.action is Act.PROGRESS
    assert twice.block.dose.reps == 12
    assert twice.reasons[0].text == (
        "2 successful sessions in a row, +20%: 2 × 10 reps becomes 2 × 12 reps."
    )
    near = block("band-pull-apart", sets=2, reps=12)
    assert ub.progress(near, [log(near, day=0), log(near, day=2)], rule).block.dose.reps == 13
    top = block("band-pull-apart", sets=2, reps=13)
    held = ub.progress(top, [log(top, day=0), log(top, day=2)], ub.Chain(rules=[rule, ub.Hold()]))
    assert held.reasons[0].rule == "hold"  # at its cap the rule no longer applies
    hold = block("doorway-pec-stretch", sets=2, hold_s=20)
    assert ub.progress(hold, [log(hold)], ub.Chain(rules=[rule, ub.Hold()])).reasons[0].rule == (
        "hold"
    )  # a dose without reps


def test_a_red_light_steps_a_percent_rule_back_by_its_own_step() -> None:
    gate = ub.PainGate(inner=ub.PercentProgression(field=ub.DoseField.REPS, percent=20))
    b = block("band-pull-apart", sets=2, reps=10)
    assert _red(b, gate.inner).block.dose.reps == 8
    one = block("band-pull-apart", sets=2, reps=1)
    # 1 - 1 would be 0: the rule has no step back, so the gate takes a set off instead.
    assert _red(one, gate.inner).block.dose == ub.Dose(sets=1, reps=1)


def test_a_value_set_on_a_week_applies_that_week_and_stays() -> None:
    rule = ub.Chain(rules=[ub.SetOnWeek(week=3, field=ub.DoseField.SETS, value=4), ub.Hold()])
    routine = ub.Routine.of("Pull", main=[block("band-pull-apart", sets=2, reps=10)])
    program = ub.plan(routine, weeks=4, rules=rule)
    assert [w.routine.blocks[0].dose.sets for w in program.weeks] == [2, 2, 4, 4]
    set_on = program.weeks[2].decisions[0]
    assert (set_on.action, set_on.reasons[0].rule) == (Act.PROGRESS, "set_on_week")
    assert set_on.reasons[0].text == "Set for week 3: 2 × 10 reps becomes 4 × 10 reps."
    assert program.weeks[1].decisions[0].reasons[0].rule == "hold"


def test_a_value_set_lower_is_a_regression_and_the_same_value_a_hold() -> None:
    b = block("band-pull-apart", sets=3, reps=10)
    lower = ub.progress(b, [], ub.SetOnWeek(week=2, field=ub.DoseField.REPS, value=8), week=2)
    assert (lower.action, lower.block.dose.reps) == (Act.REGRESS, 8)
    same = ub.progress(b, [], ub.SetOnWeek(week=2, field=ub.DoseField.SETS, value=3), week=2)
    assert same.action is Act.HOLD
    assert same.reasons[0].text == "Week 2 keeps 3 × 10 reps, as set."
    banded = ub.SetOnWeek(week=2, field=ub.DoseField.BAND_LEVEL, value=3)
    unbanded = ub.progress(b, [], ub.Chain(rules=[banded, ub.Hold()]), week=2)
    assert unbanded.reasons[0].rule == "hold"  # the dose has no band level to set
    assert ub.progress(b, [], ub.PainGate(inner=banded), week=2).block.dose == b.dose


def test_a_raised_value_is_screened_for_the_person() -> None:
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    b = block("seated-thoracic-extension-chair", sets=2, hold_s=20)
    rule = ub.SetOnWeek(week=2, field=ub.DoseField.HOLD_S, value=60)
    assert ub.progress(b, [log(b)], rule, week=2, profile=person).block.dose.hold_s == 30


def test_the_new_rules_describe_themselves_and_check_their_field() -> None:
    assert (
        ub.PercentProgression(
            field=ub.DoseField.REPS, percent=5, after_successes=3, maximum=15
        ).describe()
        == "percent progression: +5% reps after 3 successful sessions in a row, up to 15"
    )
    assert ub.SetOnWeek(week=12, field=ub.DoseField.BAND_LEVEL, value=4).describe() == (
        "set on week 12: band level to 4"
    )
    for make in (
        lambda: ub.SetOnWeek(week=2, field=ub.DoseField.SETS, value=11),
        lambda: ub.PercentProgression(field=ub.DoseField.SETS, percent=10, maximum=11),
    ):
        with pytest.raises(ub.InvalidValue) as info:
            make()
        assert info.value.value == 11
        assert info.value.reason == (
            "must be an integer between 1 and 10 (the most a dose allows for sets)"
        )
    with pytest.raises(ub.InvalidValue) as info:
        ub.SetOnWeek(week=2, field="sets", value=3)  # type: ignore[arg-type]
    assert info.value.field == "field"
    with pytest.raises(ub.InvalidValue) as info:
        ub.PercentProgression(field="sets", percent=3)  # type: ignore[arg-type]
    assert info.value.field == "field"


# -- the person's age band and level choose the defaults and starting doses ----

OVER_50 = ub.Profile(age_band=ub.AgeBand.OVER_50)


def test_the_persons_age_band_and_level_choose_the_default_ranges() -> None:
    pull = CATALOG["band-pull-apart"]
    older_rule = ub.default_rule(pull, older_adult=True)
    assert ub.default_rule(pull, profile=OVER_50) == older_rule
    assert ub.default_rule(pull, profile=ub.Profile(age_band=ub.AgeBand.FROM_20_TO_50)) == (
        ub.default_rule(pull)
    )
    novice = next(ub.Profile(level=level) for level in ub.Level if ub.Profile(level=level).novice)
    assert ub.default_rule(pull, profile=novice) == ub.default_rule(pull, novice=True)
    with pytest.raises(ub.InvalidValue) as info:
        ub.default_rule(pull, profile="older")  # type: ignore[arg-type]
    assert (info.value.field, info.value.value) == ("profile", "older")


def test_a_plan_for_an_older_person_follows_the_older_defaults() -> None:
    routine = ub.Routine.of("Pull", main=[block("band-pull-apart", sets=2, reps=10)])
    program = ub.plan(routine, weeks=2, profile=OVER_50)
    assert program.weeks[1].decisions[0].reasons[0].rule == "double_progression"
    reps = [
        w.routine.blocks[0].dose.reps or 0 for w in ub.plan(routine, weeks=8, profile=OVER_50).weeks
    ]
    assert max(reps) == 15  # the older adults' 10-15 range, not 8-12 [A5][A3]


def test_a_neighbour_starts_at_the_persons_starting_dose() -> None:
    b = block("childs-pose")
    harder = CATALOG["kneeling-lat-stretch-swiss-ball"]
    decision = ub.progress(b, [log(b)], ub.Advance(), catalog=CATALOG, profile=OVER_50)
    assert decision.action is Act.ADVANCE
    assert decision.block.dose == OVER_50.starting_dose(harder)
    assert decision.block.dose != harder.default_dose
    k = ub.Block(exercise=harder, dose=OVER_50.starting_dose(harder))
    failed = [log(k, (30, 10), day=0), log(k, (30, 10), day=2)]
    back = ub.progress(k, failed, ub.RegressExercise(), catalog=CATALOG, profile=OVER_50)
    assert back.action is Act.REGRESS_EXERCISE
    assert back.block.dose == OVER_50.starting_dose(CATALOG["childs-pose"])


def test_the_new_rules_name_the_field_of_a_value_their_field_does_not_allow() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.SetOnWeek(week=2, field=ub.DoseField.SETS, value=11)
    assert info.value.field == "value"
    with pytest.raises(ub.InvalidValue) as info:
        ub.PercentProgression(field=ub.DoseField.SETS, percent=10, maximum=11)
    assert info.value.field == "maximum"
    assert ub.PercentProgression(field=ub.DoseField.SETS, percent=10).describe() == (
        "percent progression: +10% sets after 1 successful session"
    )


def test_a_percent_step_rounds_half_up_and_steps_back_to_one() -> None:
    rule = ub.PercentProgression(field=ub.DoseField.REPS, percent=83)
    b = block("band-pull-apart", sets=2, reps=3)
    assert ub.progress(b, [log(b)], rule).block.dose.reps == 5  # 2.49 rounds to 2
    half = ub.PercentProgression(field=ub.DoseField.REPS, percent=50)
    two = block("band-pull-apart", sets=2, reps=2)
    assert _red(two, half).block.dose.reps == 1


def test_a_step_that_screening_caps_back_to_the_same_dose_is_a_hold() -> None:
    """Hypermobility caps stretch holds at 30 s: a 30 s hold cannot progress, even unscreened."""
    stretch = block("upper-trapezius-stretch", hold_s=30)
    went_well = ub.SessionLog(
        date=MONDAY,
        routine_id="neck",
        pain_before=0,
        outcomes=[ub.Outcome.as_prescribed(stretch, at=(0, 0), pain_during=0, pain_next_morning=0)],
    )
    decision = ub.progress(
        stretch,
        [went_well],
        ub.HoldProgression(step_s=5, max_s=45),
        profile=ub.Profile(conditions={ub.Condition.HYPERMOBILITY}),
    )
    assert decision.action is Act.HOLD
    assert decision.block.dose == stretch.dose
    assert decision.reasons[0].text.endswith("but held back.")
    assert [reason.rule for reason in decision.reasons] == ["hold_progression", "screen"]
