"""Adherence as of a day: nothing still to come is missed, per week and per exercise, with pain.

The pain-monitoring model asks that pain not increase from week to week
(DOMAIN.md §3.1, [P7]); the summary's trend compares the weeks' worst pain.
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
from upperback.progression import BlockTally

CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)
DAY = dt.timedelta(days=1)
WEEKS = 4

# Three sessions a week (Monday, Wednesday, Friday), a per-side hold among them.
DESK = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"], CATALOG["upper-trapezius-stretch"]])
PLANNED = ub.plan(DESK, weeks=WEEKS, start=MONDAY)
SESSIONS = [(week, session) for week in PLANNED.weeks for session in week.sessions]


def _log(
    week: ub.Week, session: ub.PlannedSession, *, pain: int | None = None, **extra: Any
) -> ub.SessionLog:
    return ub.SessionLog(
        date=session.date or MONDAY,
        routine_id=week.routine.id,
        outcomes=[
            ub.Outcome.as_prescribed(b, at=at, pain_during=pain)
            for at, b in ub.addresses(week.routine)
        ],
        **extra,
    )


def _on_schedule(until: dt.date) -> list[ub.SessionLog]:
    return [_log(week, s) for week, s in SESSIONS if s.date is not None and s.date <= until]


def test_someone_exactly_on_schedule_mid_week_has_done_everything_due() -> None:
    # The report: on Tuesday of week 3, 7 sessions done were counted of 9 (78%).
    tuesday = MONDAY + 15 * DAY
    logs = _on_schedule(tuesday)
    assert len(logs) == 7
    for on in (None, tuesday, tuesday + DAY):  # on Wednesday, its session is not yet missed
        result = ub.adherence(PLANNED, logs, on=on)
        assert result.total.sessions == 1.0
        assert (result.total.sessions_done, result.total.sessions_planned) == (7, 7)
        assert result.total.sets == result.total.time == 1.0
    assert ub.adherence(PLANNED, logs).on == tuesday - DAY  # as of the last log


def test_a_session_is_missed_once_its_day_is_over_and_not_before() -> None:
    monday_log = _on_schedule(MONDAY)
    wednesday = MONDAY + 2 * DAY
    on_the_day = ub.adherence(PLANNED, monday_log, on=wednesday)
    assert (on_the_day.total.sessions_done, on_the_day.total.sessions_planned) == (1, 1)
    day_after = ub.adherence(PLANNED, monday_log, on=wednesday + DAY)
    assert (day_after.total.sessions_done, day_after.total.sessions_planned) == (1, 2)
    # A session done early (Wednesday's, on Tuesday) is due at once.
    early = [*monday_log, attrs.evolve(monday_log[0], date=MONDAY + DAY)]
    ahead = ub.adherence(PLANNED, early, on=MONDAY + DAY)
    assert (ahead.total.sessions_done, ahead.total.sessions_planned) == (2, 2)


def test_logs_after_the_day_are_not_counted_and_no_week_before_the_start() -> None:
    logs = _on_schedule(MONDAY + 13 * DAY)
    assert ub.adherence(PLANNED, logs, on=MONDAY + 6 * DAY).total.sessions_done == 3
    before = ub.adherence(PLANNED, logs, on=MONDAY - DAY)
    assert (before.weeks, before.total) == ((), ub.Tally())
    after = ub.adherence(PLANNED, logs, on=MONDAY + 100 * DAY)
    assert len(after.weeks) == WEEKS
    assert (after.total.sessions_done, after.total.sessions_planned) == (6, 12)


def test_a_program_without_dates_counts_to_the_last_logged_session() -> None:
    undated = ub.plan(DESK, weeks=WEEKS)

    def logged(week: int, session: int | None) -> ub.SessionLog:
        found = _log(undated.weeks[week - 1], undated.weeks[week - 1].sessions[0])
        return attrs.evolve(found, date=MONDAY, week=week, session=session)

    # Week 1 in full (one logged), week 2 to its second session (named).
    result = ub.adherence(undated, [logged(1, None), logged(2, 2)])
    assert [w.sessions_planned for w in result.weeks] == [3, 2]
    assert [w.sessions_done for w in result.weeks] == [1, 1]
    assert result.on is None
    assert result.week_dates(1) is None
    with pytest.raises(ub.InvalidValue, match="needs a program with a start date") as info:
        ub.adherence(undated, [], on=MONDAY)
    assert info.value.field == "on"


def test_a_skipped_session_is_due_and_not_done() -> None:
    week, _session = SESSIONS[0]
    skipped = ub.SessionLog(
        date=MONDAY,
        routine_id=DESK.id,
        outcomes=[
            ub.Outcome(
                section=at[0],
                block=at[1],
                exercise_id=b.exercise.id,
                dose=b.dose,
                skip_reason="Too sore.",
            )
            for at, b in ub.addresses(week.routine)
        ],
    )
    result = ub.adherence(PLANNED, [skipped], on=MONDAY)
    assert (result.total.sessions_done, result.total.sessions_planned) == (0, 1)
    assert all(entry.tally.sessions_done == 0 for entry in result.blocks)


def test_each_exercise_at_an_address_has_its_own_entry_when_the_block_advances() -> None:
    routine = ub.Routine.of("Push", main=[CATALOG["wall-push-up-plus"]], sessions_per_week=2)
    program = ub.plan(routine, weeks=2, start=MONDAY, rules=ub.Advance(), catalog=CATALOG)
    logs = [_log(week, s) for week in program.weeks for s in week.sessions]
    result = ub.adherence(program, logs)
    assert [(e.at, e.exercise_id) for e in result.blocks] == [
        ((0, 0), "wall-push-up-plus"),
        ((0, 0), "kneeling-push-up-plus"),
    ]
    assert [e.tally.sessions_done for e in result.blocks] == [2, 2]
    assert result.blocks[1].name == CATALOG["kneeling-push-up-plus"].name


def test_a_per_side_block_counts_sets_on_every_side_and_seconds_on_one() -> None:
    week, session = SESSIONS[0]
    stretch = week.routine.blocks[1]  # 2 × 30 s hold, each side
    one_side_short = ub.Outcome(
        section=0,
        block=1,
        exercise_id=stretch.exercise.id,
        dose=stretch.dose,
        done=(30, 30, 30, 0),
    )
    log = attrs.evolve(_log(week, session), outcomes=[one_side_short])
    (entry,) = ub.adherence(PLANNED, [log], on=MONDAY).blocks[1:]
    assert (entry.tally.sets_done, entry.tally.sets_prescribed) == (1, 2)
    assert (entry.tally.seconds_done, entry.tally.seconds_prescribed) == (45, 60)


def test_the_worst_pain_of_each_week_and_its_trend() -> None:
    def weeks_with(pains: list[int | None]) -> ub.Adherence:
        logs = [
            _log(PLANNED.weeks[n], PLANNED.weeks[n].sessions[0], pain=pain, pain_before=1)
            for n, pain in enumerate(pains)
        ]
        return ub.adherence(PLANNED, logs, on=MONDAY + 7 * len(pains) * DAY - DAY)

    worse = weeks_with([2, 4])
    assert [w.worst_pain_with_exercise for w in worse.weeks] == [2, 4]
    assert worse.total.worst_pain_with_exercise == 4
    assert worse.total.worst_pain_before == 1
    assert worse.pain_trend is ub.Trend.WORSE
    assert weeks_with([4, 2]).pain_trend is ub.Trend.BETTER
    assert weeks_with([3, 3]).pain_trend is ub.Trend.SAME
    # Before a session, 1/10, is a rating too: the trend compares every rating.
    assert weeks_with([0, 0]).pain_trend is ub.Trend.SAME
    assert weeks_with([5]).pain_trend is None
    unrated = ub.adherence(PLANNED, _on_schedule(MONDAY + 13 * DAY))
    assert unrated.pain_trend is None
    assert unrated.total.worst_pain is None


def test_tallies_add_counts_and_keep_the_worse_pain() -> None:
    a = ub.Tally(sessions_done=1, worst_pain_with_exercise=2, worst_pain_next_morning=None)
    b = ub.Tally(sessions_done=2, worst_pain_with_exercise=1, worst_pain_next_morning=3)
    total = a + b
    assert total.sessions_done == 3
    assert (total.worst_pain_with_exercise, total.worst_pain_next_morning) == (2, 3)
    assert total.worst_pain == 3
    assert ub.Tally(worst_pain_before=4).worst_pain == 4
    assert ub.Tally().worst_pain is None


def test_week_dates_end_on_the_day_counted() -> None:
    result = ub.adherence(PLANNED, [], on=MONDAY + 9 * DAY)
    assert result.week_dates(1) == (MONDAY, MONDAY + 6 * DAY)
    assert result.week_dates(2) == (MONDAY + 7 * DAY, MONDAY + 9 * DAY)
    unbounded = attrs.evolve(result, on=None)
    assert unbounded.week_dates(2) == (MONDAY + 7 * DAY, MONDAY + 13 * DAY)


def test_adherence_is_a_document_that_round_trips() -> None:
    result = ub.adherence(PLANNED, _on_schedule(MONDAY + 9 * DAY), on=MONDAY + 10 * DAY)
    document = ub.to_dict(result)
    assert document["kind"] == "adherence"
    assert document["data"]["on"] == "2026-01-15"
    assert ub.loads(ub.dumps(result), ub.Adherence) == result


# -- bad input ----------------------------------------------------------------


def test_bad_arguments_and_logs_are_refused_by_name() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.adherence(PLANNED, [], on="2026-01-05")  # type: ignore[arg-type]
    assert info.value.field == "on"
    wrong_dose = ub.SessionLog(
        date=MONDAY,
        routine_id=DESK.id,
        outcomes=[
            ub.Outcome.as_prescribed(
                attrs.evolve(DESK.blocks[0], dose=ub.Dose(sets=1, reps=5)), at=(0, 0)
            )
        ],
    )
    with pytest.raises(ub.InvalidValue) as info:
        ub.adherence(PLANNED, [_log(*SESSIONS[1]), wrong_dose])
    assert info.value.field == "logs[1].outcomes[0].dose"
    with pytest.raises(ub.InvalidValue) as info:
        ub.adherence(PLANNED, [attrs.evolve(wrong_dose, date=MONDAY - DAY)])
    assert info.value.field == "logs[0].date"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ub.Adherence(total=ub.Tally(), weeks=(), on="2026-01-05"), "on"),  # type: ignore[arg-type]
        (
            lambda: ub.Adherence(
                total=ub.Tally(), weeks=(), start=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
            ),
            "start",
        ),
        (lambda: ub.Adherence(total=ub.Tally(), weeks=(), title=" Desk"), "title"),
        (
            lambda: BlockTally(
                section=101, block=0, exercise_id="chin-tuck", name="Chin tuck", tally=ub.Tally()
            ),
            "section",
        ),
        (
            lambda: BlockTally(
                section=0, block=0, exercise_id="Chin tuck", name="Chin tuck", tally=ub.Tally()
            ),
            "exercise_id",
        ),
        (
            lambda: BlockTally(
                section=0,
                block=0,
                exercise_id="chin-tuck",
                name="Chin tuck",
                tally=3,  # type: ignore[arg-type]
            ),
            "tally",
        ),
        (lambda: ub.Tally(worst_pain_next_morning=11), "worst_pain_next_morning"),
    ],
)
def test_adherence_values_are_validated(make: Any, field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make()
    assert info.value.field == field


# -- properties ---------------------------------------------------------------

_DAYS = st.integers(-2, 7 * WEEKS + 2).map(lambda n: MONDAY + n * DAY)
_FIRST_DAY = MONDAY
_LAST_DAY = MONDAY + (7 * WEEKS - 1) * DAY


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(on=_DAYS)
@example(on=MONDAY - DAY)
@example(on=_FIRST_DAY)
@example(on=MONDAY + 2 * DAY)
@example(on=_LAST_DAY)
@example(on=_LAST_DAY + 2 * DAY)
def test_logging_exactly_as_scheduled_up_to_any_day_is_all_of_it_on_that_day(
    on: dt.date,
) -> None:
    # Up to and including ``on``, and (today's not yet done) up to the day before.
    for until in (on, on - DAY):
        result = ub.adherence(PLANNED, _on_schedule(until), on=on)
        assert result.total.sessions == result.total.sets == result.total.time == 1.0
        assert all(week.sessions == 1.0 for week in result.weeks)


@st.composite
def _histories(draw: st.DrawFn) -> tuple[list[ub.SessionLog], dt.date]:
    """Some sessions logged (done in part, or skipped), and a day to count as of."""
    logs = []
    for week, session in SESSIONS:
        if draw(st.booleans()):
            outcomes = [draw(ubst.outcomes(block=b, at=at)) for at, b in ub.addresses(week.routine)]
            logs.append(attrs.evolve(_log(week, session), outcomes=outcomes))
    return logs, draw(_DAYS)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(history=_histories())
def test_adherence_is_between_0_and_1(history: tuple[list[ub.SessionLog], dt.date]) -> None:
    logs, on = history
    result = ub.adherence(PLANNED, logs, on=on)
    for tally in (result.total, *result.weeks, *(entry.tally for entry in result.blocks)):
        assert 0.0 <= tally.sessions <= 1.0
        assert 0.0 <= tally.sets <= 1.0
    assert result.total == sum(result.weeks, ub.Tally())


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(history=_histories(), data=st.data())
@example(history=([], MONDAY + 2 * DAY), data=None)
def test_adherence_is_monotone_in_sessions_done(
    history: tuple[list[ub.SessionLog], dt.date], data: st.DataObject | None
) -> None:
    logs, on = history
    done = {log.date for log in logs}
    free = [
        (w, s) for w, s in SESSIONS if s.date is not None and s.date <= on and s.date not in done
    ]
    if not free:
        return
    week, session = data.draw(st.sampled_from(free)) if data is not None else free[-1]
    before = ub.adherence(PLANNED, logs, on=on).total.sessions
    after = ub.adherence(PLANNED, [*logs, _log(week, session)], on=on).total.sessions
    assert after >= before
