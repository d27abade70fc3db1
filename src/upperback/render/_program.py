"""The sheet of a multi-week program: every week's doses, why they changed, and a chart.

A week a referral reaches is shown as data from the program, never as text
parsed back: the sessions it stops are not listed as sessions to do, and the
sheet says what to do instead, and why (:class:`ReferralView`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upperback.progression import Program, ProgressAction, Referral, Week, addresses
from upperback.progression.engine import dose_text
from upperback.render._how_to import program_cards, variants
from upperback.render._how_to import referral as first_referral
from upperback.render._person import Cited, person_view
from upperback.render._sheet import Card, warning_signs

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["ProgramSheet", "ReferralView", "Series", "WeekLine", "WeekView", "program_sheet"]

RESUMES = "Exercise resumes only when a healthcare professional's clearance is recorded in the app."
"""What every sheet says under a referral: how exercise starts again."""


@attrs.frozen(kw_only=True)
class WeekLine:
    """One block in one week: its dose and what was decided for it."""

    name: str
    dose: str
    action: str | None
    reasons: tuple[Cited, ...] = ()


@attrs.frozen(kw_only=True)
class ReferralView:
    """A referral as a sheet shows it in one week: since when, what to do instead, and why.

    ``first`` is true in the first week the referral reaches; later weeks
    show only ``stop``, a line that points back to it. ``stop`` says which
    sessions are not to be done, and since when.
    """

    since: str
    level: str
    instead: str
    reasons: tuple[Cited, ...]
    first_week: int
    first: bool
    stop: str = ""


@attrs.frozen(kw_only=True)
class WeekView:
    """One week as a sheet shows it.

    ``when`` lists every session; ``stopped_when`` those a referral reaches,
    which are not sessions to do. A ``stopped`` week has no session to do:
    its ``lines`` are empty, and its ``referral`` says what to do instead.
    """

    number: int
    deload: bool
    when: tuple[str, ...]
    advice: Cited | None
    lines: tuple[WeekLine, ...]
    referred: bool
    stopped: bool = False
    stopped_when: tuple[str, ...] = ()
    referral: ReferralView | None = None
    clearance: Cited | None = None


@attrs.frozen(kw_only=True)
class Series:
    """How one block's dose goes week by week: seconds of work a session, and the dose words."""

    name: str
    points: tuple[tuple[int, int, str], ...]


@attrs.frozen(kw_only=True)
class ProgramSheet:
    """Everything a format shows of a program."""

    title: str
    facts: tuple[str, ...]
    weeks: tuple[WeekView, ...]
    series: tuple[Series, ...]
    deload_weeks: tuple[int, ...]
    notice: tuple[Cited, ...]
    warning_signs: tuple[Cited, ...]
    sessions_per_week: int
    cards: tuple[Card, ...] = ()
    for_you: tuple[Cited, ...] = ()
    pain_limit: int = 5


def _day(day: dt.date) -> str:
    return day.strftime("%a %d %b %Y")


def _when(week: Week) -> tuple[str, ...]:
    return tuple(
        session.date.strftime("%a %d %b") if session.date else f"session {session.number}"
        for session in week.sessions
    )


def _referral(referral: Referral, first_week: int, number: int) -> ReferralView:
    advice = referral.advice
    return ReferralView(
        since=_day(referral.date),
        level=advice.level.value.replace("_", " "),
        instead=advice.message,
        reasons=tuple(Cited(text=reason.text, sources=reason.sources) for reason in advice.reasons),
        first_week=first_week,
        first=first_week == number,
    )


def _lines(week: Week) -> tuple[WeekLine, ...]:
    decisions = {decision.at: decision for decision in week.decisions}
    lines = []
    for at, block in addresses(week.routine):
        decision = decisions.get(at)
        action = None
        reasons: tuple[Cited, ...] = ()
        if decision is not None and decision.action is not ProgressAction.HOLD:
            action = decision.action.value.replace("_", " ")
            reasons = tuple(
                Cited(text=reason.text, sources=reason.sources) for reason in decision.reasons
            )
        lines.append(
            WeekLine(
                name=block.exercise.name, dose=dose_text(block.dose), action=action, reasons=reasons
            )
        )
    return tuple(lines)


def _stop(view: ReferralView, stopped: bool, stopped_when: tuple[str, ...]) -> str:
    which = "this week" if stopped else f"on {', '.join(stopped_when)}"
    if view.first:
        return f"No exercise {which}: a referral ({view.level}) is in force since {view.since}."
    return (
        f"No exercise {which}: the referral of week {view.first_week} ({view.level}),"
        f" since {view.since}, is in force."
    )


def program_sheet(program: Program) -> ProgramSheet:
    """The sheet of a program, from its weeks, decisions and referrals only."""
    weeks = []
    series: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    names: dict[tuple[int, int], str] = {}
    first_weeks = {referral: number for number, referral in program.referrals}
    for week in program.weeks:
        when = _when(week)
        stopped = week.referral is not None and week.stopped
        if not stopped:
            for at, block in addresses(week.routine):
                work = block.dose.work_s(block.exercise.laterality)
                series.setdefault(at, []).append((week.number, work, dose_text(block.dose)))
                names.setdefault(at, block.exercise.name)
        advice = None
        if week.advice is not None and week.advice.reasons and week.referral is None:
            first = week.advice.reasons[0]
            advice = Cited(
                text=f"{week.advice.level.value.replace('_', ' ')}: {first.text}",
                sources=first.sources,
            )
        referral = None
        if week.referral is not None:
            referral = _referral(week.referral, first_weeks[week.referral], week.number)
        clearance = None
        if week.clearance is not None:
            clearance = Cited(
                text=f"{week.clearance.describe()} The sessions from then on are to be done again."
            )
        stopped_when = tuple(
            label for label, session in zip(when, week.sessions, strict=True) if session.referred
        )
        weeks.append(
            WeekView(
                number=week.number,
                deload=week.deload,
                when=when,
                advice=advice,
                lines=() if stopped else _lines(week),
                referred=week.referred,
                stopped=stopped,
                stopped_when=stopped_when,
                referral=None
                if referral is None
                else attrs.evolve(referral, stop=_stop(referral, stopped, stopped_when)),
                clearance=clearance,
            )
        )
    routine = program.routine
    blocks = [block for block, _ in variants(program)]
    view = person_view(program.person, blocks, first=first_referral(program))
    facts = [
        f"{len(program.weeks)} weeks, {routine.sessions_per_week} sessions a week"
        + (f", from {program.start.strftime('%A %d %B %Y')}" if program.start else "")
        + "."
    ]
    return ProgramSheet(
        title=routine.title,
        facts=tuple(facts),
        weeks=tuple(weeks),
        series=tuple(Series(name=names[at], points=tuple(points)) for at, points in series.items()),
        deload_weeks=tuple(week.number for week in program.weeks if week.deload),
        notice=view.notice,
        warning_signs=warning_signs(),
        sessions_per_week=routine.sessions_per_week,
        cards=program_cards(program, view),
        for_you=view.lines,
        pain_limit=view.pain_limit,
    )
