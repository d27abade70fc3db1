"""The sheet of a multi-week program: every week's doses, why they changed, and a chart."""

from __future__ import annotations

import attrs

from upperback.progression import Program, ProgressAction, addresses
from upperback.progression.engine import dose_text
from upperback.render._how_to import program_cards, referral, variants
from upperback.render._person import Cited, person_view
from upperback.render._sheet import Card, warning_signs

__all__ = ["ProgramSheet", "Series", "WeekLine", "WeekView", "program_sheet"]


@attrs.frozen(kw_only=True)
class WeekLine:
    """One block in one week: its dose and what was decided for it."""

    name: str
    dose: str
    action: str | None
    reasons: tuple[Cited, ...] = ()


@attrs.frozen(kw_only=True)
class WeekView:
    """One week as a sheet shows it."""

    number: int
    deload: bool
    when: tuple[str, ...]
    advice: Cited | None
    lines: tuple[WeekLine, ...]
    referred: bool


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


def _when(program: Program, week_number: int) -> tuple[str, ...]:
    week = program.weeks[week_number - 1]
    return tuple(
        session.date.strftime("%a %d %b") if session.date else f"session {session.number}"
        for session in week.sessions
    )


def program_sheet(program: Program) -> ProgramSheet:
    """The sheet of a program, from its weeks and decisions only."""
    weeks = []
    series: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    names: dict[tuple[int, int], str] = {}
    for week in program.weeks:
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
            text = dose_text(block.dose)
            lines.append(
                WeekLine(name=block.exercise.name, dose=text, action=action, reasons=reasons)
            )
            work = block.dose.work_s(block.exercise.laterality)
            series.setdefault(at, []).append((week.number, work, text))
            names.setdefault(at, block.exercise.name)
        advice = None
        if week.advice is not None and week.advice.reasons:
            first = week.advice.reasons[0]
            advice = Cited(
                text=f"{week.advice.level.value.replace('_', ' ')}: {first.text}",
                sources=first.sources,
            )
        weeks.append(
            WeekView(
                number=week.number,
                deload=week.deload,
                when=_when(program, week.number),
                advice=advice,
                lines=tuple(lines),
                referred=week.referred,
            )
        )
    routine = program.routine
    blocks = [block for block, _ in variants(program)]
    view = person_view(program.profile, blocks, first=referral(program))
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
