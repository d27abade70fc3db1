"""The next session for a person on a day, with the advice in force.

:func:`next_session` answers what an app asks each time the person opens
it: what is my next session, and may I do it? It reads the program (planned
with the logs so far), the logs and the check-ins, and returns a
:class:`NextSession`: the planned session and its routine, or none and why,
with the triage advice in force that day.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback.errors import InvalidValue
from upperback.progression.decide import REFERRAL_LEVELS, most_pressing
from upperback.progression.engine import ProgressAction
from upperback.progression.history import CheckIn, Clearance, checked, triage_history
from upperback.progression.log import MAX_WEEKS, SessionLog
from upperback.progression.program import PlannedSession, Program, _place_logs, _session_numbers
from upperback.routine import Routine
from upperback.safety import DEFAULT_POLICY, Advice, SafetyPolicy

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["NextSession", "NextStatus", "next_session"]


class NextStatus(enum.StrEnum):
    """Whether there is a session to do next, and if not, why.

    .. versionadded:: 0.1.0
    """

    PLANNED = "planned"
    """A session is planned; do it, heeding the advice in force."""
    REFERRED = "referred"
    """No session; see a healthcare professional before exercising again."""
    ENDED = "ended"
    """No session left in the program; plan the next one."""


@attrs.frozen(kw_only=True)
class NextSession:
    """The person's next session on a day, or why there is none, and the advice in force.

    Args:
        on: The day asked about.
        status: Planned, referred or ended.
        reason: In plain words: when the session is, or why there is none.
        week: The session's week, from 1 (given exactly when a session is planned).
        session: The planned session, with its day.
        routine: What the session does: its week's routine.
        advice: The triage advice in force on ``on`` (``None`` when
            nothing was logged or checked in).

    .. versionadded:: 0.1.0
    """

    on: dt.date
    status: NextStatus
    reason: str = attrs.field(metadata=v.text_up_to())
    week: int | None = attrs.field(default=None, metadata=v.between(1, MAX_WEEKS))
    session: PlannedSession | None = None
    routine: Routine | None = None
    advice: Advice | None = None

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if type(self.on) is not dt.date:
            raise InvalidValue("on", self.on, "must be a date")
        v.instance("status", self.status, NextStatus)
        if problems := self._bound_problems():
            v.report(problems)
        if self.session is not None:
            v.instance("session", self.session, PlannedSession)
        if self.routine is not None:
            v.instance("routine", self.routine, Routine)
        if self.advice is not None:
            v.instance("advice", self.advice, Advice)
        planned = self.status is NextStatus.PLANNED
        for name in ("week", "session", "routine"):
            if (getattr(self, name) is not None) != planned:
                given = "given" if planned else "None"
                raise InvalidValue(
                    name, getattr(self, name), f"must be {given} when the status is {self.status}"
                )


def _day(session: PlannedSession) -> dt.date:
    """A session's day (every session of a program with a start date has one)."""
    return session.date or dt.date.min


def _week_of(start: dt.date, day: dt.date) -> int:
    """The program week of a day, from 1 (0 or less before the start)."""
    return (day - start).days // 7 + 1


def _advice_in_force(
    program: Program,
    *,
    on: dt.date,
    weeks: range,
    logs: list[SessionLog],
    check_ins: tuple[CheckIn, ...],
    clearances: tuple[Clearance, ...],
    policy: SafetyPolicy,
) -> Advice | None:
    """The advice in force on ``on``: the program's for ``weeks``, merged with the history's.

    The program's advice of a week triages the week before it (as
    :func:`~upperback.progression.program.plan` saw its logs). The whole
    history up to ``on`` is triaged too, by
    :func:`~upperback.progression.history.triage_history`: a check-in is no
    part of a plan, a program planned without its latest logs has not seen
    them, and a red flag is never forgotten because it is old. The most
    pressing of all is in force.
    """
    found = [program.weeks[n - 1].advice for n in weeks]
    history = triage_history(
        logs,
        as_of=on,
        check_ins=check_ins,
        clearances=clearances,
        profile=program.person,
        policy=policy,
    )
    if logs or check_ins or history.referred:
        found.append(history.advice)
    return most_pressing(advice for advice in found if advice is not None)


def _referral(program: Program, weeks: range, advice: Advice | None) -> str | None:
    """Why exercise is stopped on the weeks asked about, or ``None`` when it is not."""
    for number in weeks:
        week = program.weeks[number - 1]
        for decision in week.decisions:
            if decision.action is ProgressAction.REFER:
                return decision.reasons[0].text
    if advice is not None and advice.level in REFERRAL_LEVELS:
        first = advice.reasons[0]
        return f"See a healthcare professional before exercising again: {first.text}"
    return None


def next_session(
    program: Program,
    *,
    on: dt.date,
    logs: Iterable[SessionLog] = (),
    check_ins: Iterable[CheckIn] = (),
    clearances: Iterable[Clearance] = (),
    policy: SafetyPolicy = DEFAULT_POLICY,
) -> NextSession:
    """The person's next session on the day ``on``, or why there is none, with the advice in force.

    The next session is the first planned on ``on`` or later that no log
    fills (a log fills the session it names, else the first free one of
    its week, as in :func:`~upperback.progression.program.plan`), and after
    the day of the latest log (once a session is done today, the next is on
    a later day); a session of an earlier day that was not done is past. The advice in force is the
    most pressing of the program's advice for the week (the triage of the
    week before, when the program was planned with its logs) and the
    triage of the whole history up to ``on``
    (:func:`~upperback.progression.history.triage_history`: the logs, the
    check-ins and the clearances). When it says to see a professional, or the
    program referred the person, there is no session: exercise stops until
    a clinician's clearance.

    >>> import datetime as dt
    >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
    >>> program = plan(routine, weeks=2, start=dt.date(2026, 1, 5))
    >>> found = next_session(program, on=dt.date(2026, 1, 6))
    >>> found.status, found.session.date, found.reason
    (<NextStatus.PLANNED: 'planned'>, datetime.date(2026, 1, 7), 'Week 1, session 2 of 3: Wednesday 07 January 2026.')
    >>> check_in = SymptomReport(days_since_onset=3, trend=Trend.WORSE, red_flags={RedFlag.CHEST_PAIN})
    >>> stopped = next_session(program, on=dt.date(2026, 1, 6), check_ins=[CheckIn(date=dt.date(2026, 1, 6), report=check_in)])
    >>> stopped.status, stopped.advice.level
    (<NextStatus.REFERRED: 'referred'>, <AdviceLevel.EMERGENCY: 'emergency'>)

    Args:
        program: The person's program, with a start date, planned with ``logs``
            so that its weeks carry their doses and advice.
        on: The day asked about, usually today.
        logs: The sessions logged so far; those after ``on`` are not read.
        check_ins: The person's check-ins outside sessions; those after ``on``
            are not read.
        clearances: Clinicians' clearances; those after ``on`` are not read.
        policy: The triage thresholds.

    Raises:
        InvalidValue: An argument is invalid, the program has no start
            date, or a log does not fit the program (named by its index).

    .. versionadded:: 0.1.0
    """  # noqa: E501
    v.instance("program", program, Program)
    if type(on) is not dt.date:
        raise InvalidValue("on", on, "must be a date")
    v.instance("policy", policy, SafetyPolicy)
    start = program.start
    if start is None:
        raise InvalidValue(
            "program.start", None, "must be given: the next session is found by date"
        )
    per_week = program.routine.sessions_per_week
    placed = _place_logs(logs, len(program.weeks), per_week, start)
    known = checked(check_ins, clearances)
    upto = [log for found in placed.values() for _, log in found if log.date <= on]
    found_check_ins = tuple(check_in for check_in in known[0] if check_in.date <= on)
    found_clearances = tuple(clearance for clearance in known[1] if clearance.date <= on)
    current = min(max(_week_of(start, on), 1), len(program.weeks))
    found = _first_free(program, on, placed)
    last = found[0] if found is not None else current
    weeks = range(current, max(current, last) + 1)
    advice = _advice_in_force(
        program,
        on=on,
        weeks=weeks,
        logs=upto,
        check_ins=found_check_ins,
        clearances=found_clearances,
        policy=policy,
    )
    why = _referral(program, range(1, weeks.stop), advice)
    if why is not None:
        return NextSession(on=on, status=NextStatus.REFERRED, reason=why, advice=advice)
    if found is None:
        day = _day(program.weeks[-1].sessions[-1])
        return NextSession(
            on=on,
            status=NextStatus.ENDED,
            reason=f"The program's last session was on {day:%A %d %B %Y}: plan the next one.",
            advice=advice,
        )
    number, session = found
    return NextSession(
        on=on,
        status=NextStatus.PLANNED,
        reason=f"Week {number}, session {session.number} of {per_week}:"
        f" {_day(session):%A %d %B %Y}.",
        week=number,
        session=session,
        routine=program.weeks[number - 1].routine,
        advice=advice,
    )


def _first_free(
    program: Program, on: dt.date, placed: dict[int, list[tuple[int, SessionLog]]]
) -> tuple[int, PlannedSession] | None:
    """The first session on ``on`` or later, after the latest log, that no log fills; its week."""
    per_week = program.routine.sessions_per_week
    latest = max(
        (log.date for found in placed.values() for _, log in found if log.date <= on),
        default=dt.date.min,
    )
    for week in program.weeks:
        if _day(week.sessions[-1]) < on:
            continue
        week_logs = [(i, log) for i, log in placed.get(week.number, []) if log.date <= on]
        filled = set(_session_numbers(week_logs, per_week, week.number))
        filled |= {session.number for session in week.sessions if session.logged}
        for session in week.sessions:
            day = _day(session)
            if day >= on and day > latest and session.number not in filled:
                return week.number, session
    return None
