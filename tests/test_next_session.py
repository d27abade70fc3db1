"""The next session on a day, with the advice in force: the program's and the latest triage.

A red flag gives advice at its urgency tier (chest pain: an emergency) and a
see-a-professional result stops exercise (DOMAIN.md §4.2, §4.3); pain above the
ceiling calls for care (§3.1).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.progression import REFERRAL_LEVELS

CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)
DAY = dt.timedelta(days=1)
ROUTINE = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])  # Mon, Wed, Fri
PROGRAM = ub.plan(ROUTINE, weeks=2, start=MONDAY)
CHEST_PAIN = ub.SymptomReport(
    days_since_onset=1, trend=ub.Trend.WORSE, red_flags={ub.RedFlag.CHEST_PAIN}
)


def done(day: dt.date, *, pain: int | None = None, **extra: Any) -> ub.SessionLog:
    week = PROGRAM.weeks[(day - MONDAY).days // 7]
    return ub.SessionLog(
        date=day,
        routine_id=ROUTINE.id,
        outcomes=[
            ub.Outcome.as_prescribed(b, at=at, pain_during=pain)
            for at, b in ub.addresses(week.routine)
        ],
        **extra,
    )


def test_the_next_session_is_the_first_on_the_day_or_after_that_is_not_done() -> None:
    before = ub.next_session(PROGRAM, on=MONDAY - 3 * DAY)
    assert (before.status, before.week, before.session) == (
        ub.NextStatus.PLANNED,
        1,
        PROGRAM.weeks[0].sessions[0],
    )
    today = ub.next_session(PROGRAM, on=MONDAY)
    assert today.session == PROGRAM.weeks[0].sessions[0]
    assert today.reason == "Week 1, session 1 of 3: Monday 05 January 2026."
    assert today.routine == PROGRAM.weeks[0].routine
    assert today.advice is None
    after = ub.next_session(PROGRAM, on=MONDAY, logs=[done(MONDAY)])
    assert after.session == PROGRAM.weeks[0].sessions[1]
    # Wednesday's session done early, on Tuesday: Friday's is next.
    early = ub.next_session(PROGRAM, on=MONDAY + DAY, logs=[done(MONDAY), done(MONDAY + DAY)])
    assert early.session == PROGRAM.weeks[0].sessions[2]
    # Monday missed: on Tuesday, Wednesday's is next (a missed session is past).
    assert ub.next_session(PROGRAM, on=MONDAY + DAY).session == PROGRAM.weeks[0].sessions[1]
    # Friday's done: next Monday's, in week 2, with that week's doses.
    friday = MONDAY + 4 * DAY
    logs = [done(MONDAY), done(MONDAY + 2 * DAY), done(friday)]
    planned = ub.plan(ROUTINE, weeks=2, start=MONDAY, logs=logs)
    found = ub.next_session(planned, on=friday, logs=logs)
    assert (found.week, found.session) == (2, planned.weeks[1].sessions[0])
    assert found.routine == planned.weeks[1].routine


def test_a_log_fills_the_session_of_its_week_as_the_plan_does() -> None:
    # Monday's session done on Tuesday: on Tuesday, Wednesday's is next.
    late = done(MONDAY + DAY)
    assert (
        ub.next_session(PROGRAM, on=MONDAY + DAY, logs=[late]).session
        == (PROGRAM.weeks[0].sessions[1])
    )
    # A program planned with its logs knows which sessions were done.
    planned = ub.plan(ROUTINE, weeks=2, start=MONDAY, logs=[done(MONDAY)])
    assert ub.next_session(planned, on=MONDAY).session == planned.weeks[0].sessions[1]
    # A log after the day asked about is not read.
    assert (
        ub.next_session(PROGRAM, on=MONDAY, logs=[done(MONDAY + 2 * DAY)]).session
        == (PROGRAM.weeks[0].sessions[0])
    )


def test_after_the_last_session_the_program_has_ended() -> None:
    last = MONDAY + 11 * DAY
    ended = ub.next_session(PROGRAM, on=last + DAY)
    assert ended.status is ub.NextStatus.ENDED
    assert (
        ended.reason
        == "The program's last session was on Friday 16 January 2026: plan the next one."
    )
    assert (ended.week, ended.session, ended.routine) == (None, None, None)
    # Done today, on the last day: nothing later, though the log fills an earlier session.
    assert ub.next_session(PROGRAM, on=last, logs=[done(last)]).status is ub.NextStatus.ENDED
    assert ub.next_session(PROGRAM, on=last).status is ub.NextStatus.PLANNED


def test_a_red_flag_anywhere_in_the_history_stops_exercise_until_a_clearance() -> None:
    # This week, the week before the start, or long ago: a red flag is never forgotten.
    for day in (MONDAY + DAY, MONDAY - 2 * DAY, MONDAY - 60 * DAY):
        check_in = ub.CheckIn(date=day, report=CHEST_PAIN)
        stopped = ub.next_session(PROGRAM, on=MONDAY + 9 * DAY, check_ins=[check_in])
        assert stopped.status is ub.NextStatus.REFERRED
        assert stopped.advice is not None
        assert stopped.advice.level is ub.AdviceLevel.EMERGENCY  # chest pain [R3]
        assert stopped.reason.startswith("See a healthcare professional before exercising again:")
        assert (stopped.week, stopped.session, stopped.routine) == (None, None, None)
    # A check-in after the day asked about is not read.
    later = ub.CheckIn(date=MONDAY + DAY, report=CHEST_PAIN)
    assert ub.next_session(PROGRAM, on=MONDAY, check_ins=[later]).status is ub.NextStatus.PLANNED
    # A clinician's clearance dated after it lifts it; one dated after the day asked about does not.
    flag = ub.CheckIn(date=MONDAY - DAY, report=CHEST_PAIN)
    referral = ub.triage_history(check_ins=[flag]).referral
    assert referral is not None
    cleared = ub.Clearance.of_referral(referral, by="Dr Okafor (GP)", date=MONDAY)
    resumed = ub.next_session(PROGRAM, on=MONDAY + DAY, check_ins=[flag], clearances=[cleared])
    assert resumed.status is ub.NextStatus.PLANNED
    early = ub.next_session(PROGRAM, on=MONDAY - DAY, check_ins=[flag], clearances=[cleared])
    assert early.status is ub.NextStatus.REFERRED


def test_a_referral_in_the_program_stops_exercise_with_its_reason() -> None:
    flagged = done(MONDAY, symptoms=CHEST_PAIN)
    planned = ub.plan(ROUTINE, weeks=2, start=MONDAY, logs=[flagged])
    stopped = ub.next_session(planned, on=MONDAY + 7 * DAY)
    assert stopped.status is ub.NextStatus.REFERRED
    assert stopped.advice is not None  # the program's advice for week 2
    assert stopped.advice.level is ub.AdviceLevel.EMERGENCY  # chest pain [R3]
    referral = planned.weeks[1].decisions[0].reasons[0].text
    assert stopped.reason == referral
    # Past the end it still says so, and does not offer a new program.
    assert ub.next_session(planned, on=MONDAY + 30 * DAY).status is ub.NextStatus.REFERRED


def test_pain_above_the_ceiling_this_week_asks_for_care_and_the_session_stays() -> None:
    painful = done(MONDAY, pain=7, pain_before=1)
    found = ub.next_session(PROGRAM, on=MONDAY + DAY, logs=[painful])
    assert found.status is ub.NextStatus.PLANNED
    assert found.advice is not None
    assert found.advice.level is ub.AdviceLevel.CONTINUE_WITH_CARE
    assert found.advice.code is ub.AdviceCode.PAIN_ABOVE_CEILING
    # The person's conditions make the ceiling stricter, as triage does.
    nerve = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    strict = ub.plan(ROUTINE, weeks=2, start=MONDAY, profile=nerve)
    mild = done(MONDAY, pain=4, pain_before=1)
    assert ub.next_session(PROGRAM, on=MONDAY, logs=[mild]).advice.level is ub.AdviceLevel.CONTINUE  # type: ignore[union-attr]
    cared = ub.next_session(strict, on=MONDAY, logs=[mild])
    assert cared.advice is not None
    assert cared.advice.level is ub.AdviceLevel.CONTINUE_WITH_CARE
    # A stricter policy, given, is read too.
    policy = ub.SafetyPolicy(pain_ceiling=3)
    assert ub.next_session(PROGRAM, on=MONDAY, logs=[mild], policy=policy).advice.level is (  # type: ignore[union-attr]
        ub.AdviceLevel.CONTINUE_WITH_CARE
    )


# -- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: ub.next_session("program", on=MONDAY), "program"),  # type: ignore[arg-type]
        (lambda: ub.next_session(PROGRAM, on="2026-01-05"), "on"),  # type: ignore[arg-type]
        (lambda: ub.next_session(PROGRAM, on=MONDAY, policy="strict"), "policy"),  # type: ignore[arg-type]
        (lambda: ub.next_session(ub.plan(ROUTINE, weeks=1), on=MONDAY), "program.start"),
        (lambda: ub.next_session(PROGRAM, on=MONDAY, check_ins=[CHEST_PAIN]), "check_ins[0]"),  # type: ignore[list-item]
        (lambda: ub.next_session(PROGRAM, on=MONDAY, clearances=["Dr A"]), "clearances[0]"),  # type: ignore[list-item]
        (lambda: ub.next_session(PROGRAM, on=MONDAY, logs=[done(MONDAY - DAY)]), "logs[0].date"),
    ],
)
def test_bad_arguments_are_refused_by_name(call: Any, field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        call()
    assert info.value.field == field


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ub.NextSession(on=MONDAY, status="planned", reason="x"), "status"),  # type: ignore[arg-type]
        (lambda: ub.NextSession(on="2026-01-05", status=ub.NextStatus.ENDED, reason="x"), "on"),  # type: ignore[arg-type]
        (lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.ENDED, reason=""), "reason"),
        (lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.PLANNED, reason="x"), "week"),
        (lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.ENDED, reason="x", week=1), "week"),
        (
            lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.ENDED, reason="x", session=3),  # type: ignore[arg-type]
            "session",
        ),
        (
            lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.ENDED, reason="x", routine=3),  # type: ignore[arg-type]
            "routine",
        ),
        (
            lambda: ub.NextSession(on=MONDAY, status=ub.NextStatus.ENDED, reason="x", advice=3),  # type: ignore[arg-type]
            "advice",
        ),
    ],
)
def test_a_next_session_is_validated(make: Any, field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make()
    assert info.value.field == field


# -- properties ---------------------------------------------------------------


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_next_session_is_the_first_not_done_on_or_after_the_day(data: st.DataObject) -> None:
    program = data.draw(ubst.programs(max_weeks=2))
    if program.start is None:
        program = ub.plan(
            program.routine, weeks=len(program.weeks), rules=program.rules, start=MONDAY
        )
    start = program.start or MONDAY
    on = start + data.draw(st.integers(-3, 7 * len(program.weeks) + 3)) * DAY
    sessions = [(w, s) for w in program.weeks for s in w.sessions]
    chosen = data.draw(st.lists(st.sampled_from(sessions), unique_by=lambda p: p[1].date))
    logs = [
        ub.SessionLog(
            date=s.date or MONDAY,
            routine_id=w.routine.id,
            week=w.number,
            session=s.number,
            outcomes=[ub.Outcome.as_prescribed(b, at=at) for at, b in ub.addresses(w.routine)],
        )
        for w, s in chosen
    ]
    found = ub.next_session(program, on=on, logs=logs)
    filled = {(w.number, s.number) for w, s in chosen if s.date is not None and s.date <= on}
    filled |= {(w.number, s.number) for w, s in sessions if s.logged}
    latest = max((s.date for _, s in chosen if s.date is not None and s.date <= on), default=None)
    free = [
        (w, s)
        for w, s in sessions
        if s.date is not None
        and s.date >= on
        and (latest is None or s.date > latest)
        and (w.number, s.number) not in filled
    ]
    if found.status is ub.NextStatus.PLANNED:
        assert found.session is not None
        assert (found.week, found.session) == (free[0][0].number, free[0][1])
        assert found.routine == free[0][0].routine
    elif found.status is ub.NextStatus.ENDED:
        assert free == []
    else:
        referred = found.advice is not None and found.advice.level in REFERRAL_LEVELS
        assert referred or any(w.referred for w in program.weeks)
