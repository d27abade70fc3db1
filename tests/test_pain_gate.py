"""The pain gate and the caps around it cannot be bypassed (DOMAIN §3.1, §3.4, §6, §7).

Whatever rule an app gives, ``progress`` and ``plan`` put it behind the pain
gate: after pain past the ceiling or a next-morning rise, nothing is harder
than the dose at which it happened until pain has settled (§3.1 [P7]). Around
every rule, each number stays within the exercise's own limits (§7), the
person's band ceiling (§6 [D1]) and screening's caps.
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
from upperback.compose import compose
from upperback.progression import Outcome, ProgressAction, SessionLog
from upperback.progression.engine import harder_than

CATALOG = ub.default_catalog()
START = dt.date(2027, 1, 4)
Act = ProgressAction
NUMBERS = ("sets", "reps", "hold_s", "band_level")


def _outcome(b: ub.Block, **ratings: Any) -> Outcome:
    return Outcome.as_prescribed(b, at=(0, 0), **ratings)


def _log(
    b: ub.Block, day: int, *, before: int | None = 0, routine_id: str = "d", **ratings: Any
) -> SessionLog:
    """One session of the block, with the pain ratings given (``pain_during=...``)."""
    return SessionLog(
        date=START + dt.timedelta(days=day),
        routine_id=routine_id,
        pain_before=before,
        outcomes=[_outcome(b, **ratings)],
    )


def _no_harder(decision: ub.Decision, painful: ub.Block) -> bool:
    """The decision's block asks no more than ``painful`` did (an easier exercise counts)."""
    if decision.action is Act.REFER:
        return True  # exercise stops
    block = decision.block
    if block.exercise.id != painful.exercise.id:
        return block.exercise.id == CATALOG[painful.exercise.id].easier
    return not harder_than(block.dose, painful.dose)


# -- the reproductions of issue 17 ------------------------------------------------


def test_an_ungated_chain_does_not_progress_after_next_morning_pain_rose() -> None:
    # A wger-style chain of the app's own, not wrapped in a gate: 3 × 12 went to 4 × 8
    # after next-morning pain rose from 0 to 3 (worse than before the session: red [P7]).
    chain = ub.Chain(rules=[ub.DoubleProgression(low=8, high=12, then=ub.Then.SET), ub.Advance()])
    routine = ub.Routine.of("D", main=[CATALOG["band-pull-apart"]])
    b = routine.blocks[0]
    sore = _log(b, 0, before=0, pain_during=0, pain_next_morning=3)
    decision = ub.progress(b, [sore], chain, catalog=CATALOG)
    assert decision.action is Act.REGRESS
    assert decision.block.dose == ub.Dose(sets=3, reps=11, rest_s=60)
    assert decision.reasons[0].rule == "pain_gate"
    program = ub.plan(routine, weeks=2, start=START, rules=chain, logs=[sore], catalog=CATALOG)
    assert not harder_than(program.weeks[1].routine.blocks[0].dose, b.dose)


def _deload_chain() -> ub.PainGate:
    return ub.PainGate(
        inner=ub.Chain(
            rules=[ub.Deload(every_weeks=2, percent=50), ub.DoubleProgression(low=8, high=12)]
        )
    )


def test_pain_in_a_deload_week_never_bounces_back_above_the_deload_dose() -> None:
    # 8/10 at the deload week's 1 × 12 was followed by a "regress" to 3 × 11.
    routine = ub.Routine.of("D", main=[CATALOG["band-pull-apart"]])
    rule = _deload_chain()
    light = ub.plan(routine, weeks=2, start=START, rules=rule).weeks[1]
    assert light.deload
    (deloaded,) = light.routine.blocks
    assert deloaded.dose.describe() == "1 × 12 reps"
    hurt = _log(deloaded, 7, before=0, pain_during=8, pain_next_morning=2)
    program = ub.plan(routine, weeks=3, start=START, rules=rule, logs=[hurt])
    week3 = program.weeks[2]
    (decision,) = week3.decisions
    assert decision.action is Act.REGRESS
    assert decision.block.dose.describe() == "1 × 11 reps"  # below where the pain was
    assert not harder_than(week3.routine.blocks[0].dose, deloaded.dose)


def test_pain_that_has_not_settled_keeps_the_cap_until_a_settled_session() -> None:
    b = ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=3, reps=12))
    light = attrs.evolve(b, dose=ub.Dose(sets=1, reps=12))
    painful = _log(light, 0, pain_during=8)
    unrated = _log(light, 2, before=None)  # no rating: it cannot tell pain settled
    rule = ub.Chain(rules=[ub.DoubleProgression(low=8, high=12)])
    capped = ub.progress(b, [painful, unrated], rule)
    assert capped.action is Act.REGRESS
    assert not harder_than(capped.block.dose, light.dose)
    assert "Pain has not settled since pain was 8/10" in capped.reasons[0].text
    # A session in the safe zone, settled by the next morning, lifts it (§3.1 [P7]).
    settled = _log(light, 4, pain_during=1, pain_next_morning=0)
    free = ub.progress(b, [painful, unrated, settled], rule)
    assert free.action is Act.PROGRESS


def test_nothing_advances_while_pain_has_not_settled() -> None:
    wall = ub.Block(exercise=CATALOG["wall-push-up-plus"])
    sore = _log(wall, 0, pain_during=2, pain_next_morning=4, before=None)
    missed = ub.progress(wall, [sore], ub.Advance(), catalog=CATALOG, window=0)
    assert missed.action is Act.HOLD
    assert missed.block == wall


def test_acceptable_pain_holds_at_the_hardest_dose_it_came_at() -> None:
    # Amber (4/10) at the usual dose and in a deload week: back to the usual dose, no more.
    b = ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=3, reps=12))
    light = attrs.evolve(b, dose=ub.Dose(sets=1, reps=12))
    history = [_log(b, 0, pain_during=4), _log(light, 2, pain_during=4)]
    decision = ub.progress(b, history, ub.DoubleProgression(low=8, high=12))
    assert (decision.action, decision.block) == (Act.HOLD, b)
    # Amber only in the lighter week: the block stays at that dose.
    history = [_log(b, 0, pain_during=1), _log(light, 2, pain_during=4)]
    decision = ub.progress(b, history, ub.DoubleProgression(low=8, high=12))
    assert (decision.action, decision.block.dose) == (Act.REGRESS, light.dose)


# -- any rule, any painful history -----------------------------------------------


@st.composite
def painful_histories(draw: st.DrawFn) -> tuple[ub.Block, list[SessionLog], ub.Block, int]:
    """A catalog block, a history ending in pain past the ceiling or a next-morning rise.

    The painful session may be at any dose of the exercise (a deload week's, say);
    sessions after it have no pain rating, so pain has not settled.
    """
    exercise = draw(st.sampled_from(list(CATALOG)))
    block = draw(ubst.blocks(exercises=st.just(exercise)))
    other = draw(ubst.blocks(exercises=st.just(exercise))).dose
    painful = attrs.evolve(block, dose=block.cap(other))
    logs = [
        SessionLog(
            date=START + dt.timedelta(days=i),
            routine_id="r",
            outcomes=[draw(ubst.outcomes(block=block, at=(0, 0)))],
            pain_before=draw(st.none() | st.integers(0, 10)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    before: int | None
    morning: int | None = None
    if draw(st.booleans()):
        rose_from = draw(st.integers(0, 9))
        before, during = rose_from, draw(st.none() | st.integers(0, 10))
        morning = draw(st.integers(rose_from + 1, 10))
    else:
        before, during = draw(st.none() | st.integers(0, 10)), draw(st.integers(6, 10))
    day = len(logs)
    logs.append(_log(painful, day, before=before, pain_during=during, pain_next_morning=morning))
    trailing = draw(st.integers(0, 2))
    logs.extend(_log(block, day + 1 + i, before=None) for i in range(trailing))
    window = draw(st.integers(1, len(logs)))
    return block, logs, painful, window


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=ubst.progression_rules(max_leaves=4),
    case=painful_histories(),
    week=st.integers(1, 12),
    level=st.none() | st.sampled_from(ub.Level),
)
@example(
    rule=_deload_chain(),
    case=(
        ub.Block(exercise=CATALOG["band-pull-apart"]),
        [
            _log(
                ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=1, reps=12)),
                0,
                pain_during=8,
            )
        ],
        ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=1, reps=12)),
        1,
    ),
    week=3,
    level=None,
)
def test_no_rule_makes_a_block_harder_than_where_pain_went_past_the_ceiling(
    rule: ub.ProgressionRule,
    case: tuple[ub.Block, list[SessionLog], ub.Block, int],
    week: int,
    level: ub.Level | None,
) -> None:
    # DOMAIN §3.1 [P7]: pain above 5/10, or next-morning pain worse than before,
    # reduces the load; it is never increased before pain settles.
    block, logs, painful, window = case
    profile = None if level is None else ub.Profile(level=level)
    decision = ub.progress(
        block, logs, rule, week=week, window=window, catalog=CATALOG, profile=profile
    )
    assert not decision.action.harder
    assert _no_harder(decision, painful), decision.describe()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=ubst.progression_rules(max_leaves=3), case=painful_histories())
def test_wrapping_a_rule_in_the_gate_once_or_twice_decides_the_same(
    rule: ub.ProgressionRule, case: tuple[ub.Block, list[SessionLog], ub.Block, int]
) -> None:
    block, logs, _, window = case

    def decided(r: ub.ProgressionRule) -> ub.Decision:
        return ub.progress(block, logs, r, window=window, catalog=CATALOG)

    gated = ub.PainGate.around(rule)
    assert ub.PainGate.around(gated) is gated
    assert decided(rule) == decided(gated)
    if not isinstance(rule, ub.PainGate):
        assert decided(ub.PainGate(inner=gated)) == decided(gated)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rules=ubst.rule_sets(),
    ids=st.lists(
        st.sampled_from(sorted(e.id for e in CATALOG)), min_size=1, max_size=2, unique=True
    ),
    weeks=st.integers(1, 4),
    data=st.data(),
)
def test_a_plan_never_makes_a_block_harder_than_the_dose_that_hurt(
    rules: ub.RuleSet, ids: list[str], weeks: int, data: st.DataObject
) -> None:
    # Weeks of logs that went well, then a week where one block hurt: whatever the
    # rules (deloads, chains, values set on a week), the next week is no harder there.
    routine = ub.Routine.of("R", main=[CATALOG[i] for i in ids], sessions_per_week=2)
    logs: list[SessionLog] = []
    program = ub.plan(routine, weeks=weeks, start=START, rules=rules, catalog=CATALOG)
    for week in program.weeks[:-1]:
        for session in week.sessions:
            assert session.date is not None
            logs.append(
                SessionLog(
                    date=session.date,
                    routine_id=routine.id,
                    pain_before=0,
                    outcomes=[
                        Outcome.as_prescribed(b, at=at, pain_during=1, pain_next_morning=0)
                        for at, b in ub.progression.addresses(week.routine)
                    ],
                )
            )
    last = ub.plan(routine, weeks=weeks, start=START, rules=rules, catalog=CATALOG, logs=logs)
    hurt_at = data.draw(st.sampled_from(ub.progression.addresses(last.weeks[-1].routine)))
    painful = dict(ub.progression.addresses(last.weeks[-1].routine))[hurt_at[0]]
    # In the week's last session: pain past the ceiling (triage advises care too), or a
    # next-morning rise from 0 to 3 that only the pain gate reads as red [P7].
    during, morning = data.draw(st.sampled_from([(7, 0), (1, 3)]))
    sessions = last.weeks[-1].sessions
    for session in sessions:
        assert session.date is not None
        hurt = hurt_at[0] if session is sessions[-1] else None
        logs.append(
            SessionLog(
                date=session.date,
                routine_id=routine.id,
                pain_before=0,
                outcomes=[
                    Outcome.as_prescribed(
                        b,
                        at=at,
                        pain_during=during if at == hurt else 1,
                        pain_next_morning=morning if at == hurt else 0,
                    )
                    for at, b in ub.progression.addresses(last.weeks[-1].routine)
                ],
            )
        )
    after = ub.plan(routine, weeks=weeks + 1, start=START, rules=rules, catalog=CATALOG, logs=logs)
    (decision,) = [d for d in after.weeks[-1].decisions if d.at == hurt_at[0]]
    assert _no_harder(decision, painful), decision.describe()


# -- the caps around every rule --------------------------------------------------


def test_a_deload_that_changes_nothing_holds_and_is_not_labelled_a_deload() -> None:
    # DOMAIN §3.4 [P6]: a deload is a reduction; one set at 50% is still one set.
    routine = ub.Routine.of("C", main=[CATALOG["chin-tuck"]])
    rule = ub.Deload(every_weeks=2, percent=50)
    program = ub.plan(routine, weeks=2, rules=rule)
    week = program.weeks[1]
    assert not week.deload
    (decision,) = week.decisions
    assert decision.action is Act.HOLD
    assert decision.reasons[0].text == (
        "A lighter week is due, but 1 × 10 reps, 5 s hold each cannot be made lighter with"
        " sets at 50%: it stays as it is."
    )
    stalled = ub.StallDeload(after_sessions=1, percent=50)
    b = routine.blocks[0]
    short = _log(b, 0, pain_during=0)
    short = attrs.evolve(short, outcomes=[attrs.evolve(short.outcomes[0], done=(3,))])
    assert ub.progress(b, [short], stalled).action is Act.HOLD


@pytest.mark.parametrize(
    ("level", "heaviest"),
    [
        (ub.Level.GENTLE, ub.BandLevel.LIGHT),
        (ub.Level.EASY, ub.BandLevel.HEAVY),
        (ub.Level.HARD, ub.BandLevel.EXTRA_HEAVY),
        (ub.Level.ADVANCED, ub.BandLevel.MAX),
    ],
)
def test_a_persons_band_progression_stops_at_their_levels_ceiling(
    level: ub.Level, heaviest: ub.BandLevel
) -> None:
    # DOMAIN §6 [D1]: tan/yellow early rehab, red/green to start, blue and above advanced.
    start = ub.Block(
        exercise=CATALOG["band-pull-apart"],
        dose=ub.Dose(sets=2, reps=10, band_level=ub.BandLevel.EXTRA_LIGHT),
    )
    routine = ub.Routine.of("Pull", main=[start])
    program = ub.plan(routine, weeks=52, profile=ub.Profile(level=level))
    bands = [w.routine.blocks[0].dose.band_level for w in program.weeks]
    assert max(band for band in bands if band is not None) == heaviest
    if heaviest < ub.BandLevel.MAX:
        said = " ".join(r.text for d in program.decisions for r in d.reasons)
        assert f"is the heaviest for a person at level {int(level)}" in said
        assert "D1" in {key for d in program.decisions for key in d.sources}


def test_a_novice_does_not_reach_the_heaviest_band_within_a_year() -> None:
    start = ub.Block(
        exercise=CATALOG["band-pull-apart"],
        dose=ub.Dose(sets=2, reps=10, band_level=ub.BandLevel.LIGHT),
    )
    program = ub.plan(
        ub.Routine.of("Pull", main=[start]), weeks=52, profile=ub.Profile(level=ub.Level.EASY)
    )
    bands = [w.routine.blocks[0].dose.band_level for w in program.weeks]
    assert all(band is not None and band <= ub.BandLevel.HEAVY for band in bands)


def test_the_ball_arch_never_holds_past_its_own_15_s() -> None:
    # DOMAIN §7 #10 and its note: 10–15 s holds [E11*], repeated to 60 s.
    ball = CATALOG["thoracic-extension-swiss-ball"]
    assert ball.dose_limits == ub.DoseLimits(hold_s=15)
    routine = ub.Routine.of("Arch", main=[ball])
    for profile in (None, ub.Profile(age_band=ub.AgeBand.OVER_50)):
        program = ub.plan(routine, weeks=26, profile=profile)
        assert max(w.routine.blocks[0].dose.hold_s or 0 for w in program.weeks) <= 15
    held = ub.plan(routine, weeks=2).weeks[1].decisions[0]
    assert held.action is Act.HOLD
    assert "stops at 15 s holds, the limit of its own sources" in held.reasons[0].text


def test_a_rule_of_the_apps_is_kept_within_the_exercises_own_limits() -> None:
    ball = CATALOG["thoracic-extension-swiss-ball"]
    b = ub.Block(exercise=ball, dose=ub.Dose(sets=2, hold_s=10))
    went_well = _log(b, 0, pain_during=0, pain_next_morning=0)
    set_to = ub.SetOnWeek(week=1, field=ub.DoseField.HOLD_S, value=40)
    decision = ub.progress(b, [went_well], set_to)
    assert (decision.action, decision.block.dose.hold_s) == (Act.PROGRESS, 15)
    assert "Kept within its limits" in decision.reasons[0].text
    at_limit = attrs.evolve(b, dose=ub.Dose(sets=2, hold_s=15))
    assert ub.progress(at_limit, [_log(at_limit, 0, pain_during=0)], set_to).action is Act.HOLD
    # A chain moves on at the limit: the hold stops, repetitions take over.
    chain = ub.Chain(rules=[ub.HoldProgression(max_s=30), ub.SetProgression(max_sets=4)])
    moved = ub.progress(at_limit, [_log(at_limit, 0, pain_during=0)], chain)
    assert moved.block.dose == ub.Dose(sets=3, hold_s=15)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rule=ubst.progression_rules(max_leaves=3),
    exercise=st.sampled_from([e for e in CATALOG if e.dose_limits != ub.DoseLimits()]),
    weeks=st.integers(2, 30),
)
def test_no_rule_takes_a_number_past_the_exercises_own_limit(
    rule: ub.ProgressionRule, exercise: ub.Exercise, weeks: int
) -> None:
    program = ub.plan(ub.Routine.of("L", main=[exercise]), weeks=weeks, rules=rule)
    for week in program.weeks:
        dose = week.routine.blocks[0].dose
        assert exercise.dose_limits.cap(dose) == dose


def test_a_self_massage_block_at_9_of_10_is_reduced_not_held() -> None:
    # DOMAIN §3.1: pain above the ceiling reduces the load [P7][P11*], for every kind.
    roller = ub.Block(exercise=CATALOG["foam-roller-upper-back-release"])
    decision = ub.progress(
        roller, [_log(roller, 0, pain_during=9)], ub.default_rule(roller.exercise)
    )
    assert decision.action is Act.REGRESS
    assert decision.block.dose.hold_s is not None
    assert roller.dose.hold_s is not None
    assert decision.block.dose.hold_s < roller.dose.hold_s


# -- scaling to a time budget keeps the person's hold floor (DOMAIN §1.1) ---------


def _stretches() -> ub.Routine:
    return ub.Routine.of(
        "Stretch",
        main=[
            CATALOG["doorway-pec-stretch"],
            CATALOG["upper-back-reach-stretch"],
            CATALOG["cross-body-shoulder-stretch"],
            CATALOG["upper-trapezius-stretch"],
        ],
        cool_down=[CATALOG["levator-scapulae-stretch"]],
    )


def test_prescribing_six_minutes_never_cuts_an_older_adults_hold_below_30_s() -> None:
    older = ub.Profile(age_band=ub.AgeBand.OVER_50)
    prescription = ub.prescribe(_stretches(), CATALOG, profile=older, minutes=6)
    assert prescription.routine.duration().total_seconds() <= 360
    for block in prescription.routine.blocks:
        if block.exercise.kind is ub.ExerciseKind.STATIC_STRETCH and block.dose.hold_s:
            assert block.dose.hold_s >= 30, block.exercise.id
    dropped = [c for c in prescription.changes if c.kind is ub.ChangeKind.DROPPED]
    assert dropped  # something else gives way


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(1, 30), data=st.data())
def test_scaling_for_an_older_adult_keeps_every_static_hold_at_30_s_or_more(
    minutes: int, data: st.DataObject
) -> None:
    ids = data.draw(
        st.lists(
            st.sampled_from(
                sorted(e.id for e in CATALOG if e.kind is ub.ExerciseKind.STATIC_STRETCH)
            ),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    older = ub.Profile(age_band=ub.AgeBand.OVER_50)
    blocks = [ub.Block(exercise=CATALOG[i], dose=older.starting_dose(CATALOG[i])) for i in ids]
    result = ub.scale(ub.Routine.of("S", main=blocks), minutes=minutes, older_adult=True)
    for before, after in zip(blocks, result.routine.blocks, strict=True):
        low = min(30, before.exercise.dose_limits.hold_s or 30)
        assert after.dose.hold_s is not None
        assert after.dose.hold_s >= min(low, before.dose.hold_s or low)
        assert before.exercise.dose_limits.cap(after.dose) == after.dose


def test_scaling_refuses_an_older_adult_flag_that_is_not_a_bool() -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.scale(_stretches(), minutes=5, older_adult="yes")  # type: ignore[arg-type]
    assert caught.value.field == "older_adult"


# -- one frequency rule for composing and planning (DOMAIN §2) --------------------


def test_composing_for_seven_sessions_leaves_strengthening_out_and_says_why() -> None:
    goal = ub.Goal.of(10, benefits=[ub.Benefit.STRENGTHEN_BACK], sessions_per_week=7)
    kit = ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.MEDIUM), ub.Chair(), ub.Wall())
    composition = compose(CATALOG, goal, kit=kit)
    kinds = {b.exercise.kind for b in composition.routine.blocks}
    assert ub.ExerciseKind.STRENGTHENING not in kinds
    (gap,) = [g for g in composition.gaps if g.what == "strengthening"]
    assert "sessions_per_week must be at most 3" in gap.reason
    ub.plan(composition.routine, weeks=2)  # what is composed can be planned
    three = compose(CATALOG, attrs.evolve(goal, sessions_per_week=3), kit=kit)
    assert ub.ExerciseKind.STRENGTHENING in {b.exercise.kind for b in three.routine.blocks}
    assert not [g for g in three.gaps if g.what == "strengthening"]
    # Chest stretches want scapular retraction work, which is strengthening here.
    both = {ub.Benefit.STRENGTHEN_BACK: 1, ub.Benefit.FLEXIBILITY: 1}
    daily = compose(CATALOG, ub.Goal.of(10, benefits=both, sessions_per_week=7), kit=kit)
    balance = "chest stretches without scapular retraction work: none is possible"
    assert ("balance", f"{balance} within the goal's limits") in [
        (g.what, g.reason) for g in daily.gaps
    ]


def test_composing_only_strengthening_for_seven_sessions_names_the_field() -> None:
    goal = ub.Goal.of(
        10,
        benefits=[ub.Benefit.STRENGTHEN_BACK],
        kinds=[ub.ExerciseKind.STRENGTHENING],
        sessions_per_week=7,
    )
    with pytest.raises(ub.NothingFits) as caught:
        compose(CATALOG, goal, kit=ub.Kit.of(ub.Wall()))
    assert any("sessions_per_week is 7: must be at most 3" in r for r in caught.value.reasons)


def test_prescribing_strengthening_seven_times_a_week_is_refused_as_planning_refuses_it() -> None:
    routine = ub.Routine.of("Pull", main=[CATALOG["wall-push-up-plus"]], sessions_per_week=7)
    for attempt in (
        lambda: ub.prescribe(routine, CATALOG),
        lambda: ub.plan(routine),
    ):
        with pytest.raises(ub.InvalidValue) as caught:
            attempt()
        assert (caught.value.field, caught.value.value) == ("routine.sessions_per_week", 7)


@pytest.mark.parametrize("sessions", range(1, 8))
def test_the_frequency_rule_allows_strengthening_up_to_three_sessions(sessions: int) -> None:
    problem = ub.routine.recovery_problem(sessions)
    assert (problem is None) is (sessions <= ub.MAX_STRENGTH_SESSIONS)
    stretch_only = [ub.Block(exercise=CATALOG["doorway-pec-stretch"])]
    ub.check_recovery(stretch_only, sessions)  # stretching daily is best [A1][A2]


def test_an_easier_exercise_the_person_cannot_take_up_is_no_way_back() -> None:
    # The wall push-up plus needs a wall: without one, pain at the kneeling version
    # reduces its own dose instead of leaving it where it hurt.
    kneeling = ub.Block(exercise=CATALOG["kneeling-push-up-plus"])
    no_wall = ub.Profile(kit=ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.MEDIUM)))
    rule = ub.PainGate(inner=ub.Hold(), easier_first=True)
    hurt = _log(kneeling, 0, pain_during=8)
    decision = ub.progress(kneeling, [hurt], rule, catalog=CATALOG, profile=no_wall)
    assert decision.action is Act.REGRESS
    assert decision.block.exercise == kneeling.exercise
    assert decision.block.dose.sets == kneeling.dose.sets - 1
    with_wall = ub.Profile(kit=ub.Kit.of(ub.Wall()))
    easier = ub.progress(kneeling, [hurt], rule, catalog=CATALOG, profile=with_wall)
    assert easier.block.exercise.id == "wall-push-up-plus"
    # A rule's own step to the easier exercise is held while pain has not settled.
    short = _log(kneeling, 2, pain_during=4)
    short = attrs.evolve(short, outcomes=[attrs.evolve(short.outcomes[0], done=(1, 1, 1))])
    regress = ub.RegressExercise(after_failures=1)
    held = ub.progress(kneeling, [hurt, short], regress, catalog=CATALOG, profile=no_wall)
    assert held.action is Act.HOLD
    assert "is not one the person can take up" in held.reasons[0].text


def test_a_missed_week_after_pain_keeps_the_block_at_the_painful_dose() -> None:
    # No session since the last decision: nothing to read but the painful one.
    b = ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=3, reps=12))
    light = attrs.evolve(b, dose=ub.Dose(sets=1, reps=12))
    decision = ub.progress(b, [_log(light, 0, pain_during=8)], ub.HoldProgression(), window=0)
    assert (decision.action, decision.block.dose) == (Act.REGRESS, light.dose)


def test_a_rule_on_a_number_the_dose_does_not_have_does_not_apply() -> None:
    stretch = ub.Block(exercise=CATALOG["doorway-pec-stretch"])
    went_well = _log(stretch, 0, pain_during=0)
    linear = ub.LinearProgression(field=ub.DoseField.REPS, step=1)
    decision = ub.progress(stretch, [went_well], linear)
    assert decision.action is Act.HOLD
    assert decision.reasons[0].text.startswith("No rule applies any more")
