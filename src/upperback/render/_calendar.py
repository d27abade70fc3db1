"""The events of a program's calendar, as data: what each one says, and which are cancelled.

:func:`calendar_events` reads a program once and gives the events its
calendar holds, before any iCalendar is written (:func:`upperback.render.ical`
writes them):

- one event per planned session, saying what the session does: each
  block's dose, the exercise's cues, the cautions screening put on the
  block, its precautions and notes, and the person's one pain limit;
- a session a referral reaches is not one to do: its event is cancelled
  (the same key, so a calendar that holds it already can remove it) and
  says what to do instead, and why;
- each referral adds one all-day note, on the day of the first session it
  cancels, that says the same, so a calendar that hides cancelled events
  still shows why the sessions are gone;
- after a clinician's clearance the sessions are events to do again, and
  the first week's say who cleared what.

Text from data (names, cues, notes, a clinician's words) is made one line
with no control characters (:func:`plain`), so it can never forge a line
of its own in an event; and a backslash from data is written as the
reverse-solidus operator (U+29F5, which looks the same), since calendar
programs read a backslash before ``n`` or ``N`` as a line break, even
when it is escaped (:func:`event_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from upperback.progression import ProgressAction, addresses
from upperback.progression.engine import dose_text
from upperback.render._person import pain_limit
from upperback.render._program import RESUMES
from upperback.render._sheet import card, plain

if TYPE_CHECKING:
    import datetime as dt

    from upperback.progression import Program, Referral, Week
    from upperback.routine import Block

__all__ = ["CalendarEvent", "calendar_events", "event_text", "pain_limit", "plain"]

_INDENT: Final = "   "
_BACKSLASH: Final = "\u29f5"


@attrs.frozen(kw_only=True)
class CalendarEvent:
    """One event of a program's calendar (internal).

    ``key`` tells it apart from every other event of the same program
    (``w3-s2`` for week 3's second session, ``referral-20270113`` for the
    note of a referral dated 13 January 2027); the UID is made from it.
    A note is an all-day event; a session is timed.
    """

    key: str
    day: dt.date
    summary: str
    description: str
    all_day: bool = False
    cancelled: bool = False


def event_text(text: str) -> str:
    r"""Text as an event says it: :func:`plain`, with no backslash a reader could take as an escape.

    >>> event_text("Stretch\\nCancelled: no exercise")
    'Stretch⧵nCancelled: no exercise'
    """
    return plain(text).replace("\\", _BACKSLASH)


def _words(value: str) -> str:
    return value.replace("_", " ")


def _how_to(number: int, block: Block, action: str | None) -> tuple[str, ...]:
    """What one block of a session says: its dose, cues, cautions, precautions and note."""
    shown = card(number, block)
    head = f"{number}. {event_text(block.exercise.name)}: {dose_text(block.dose)}"
    lines = [head + (f" ({action})" if action else "")]
    if shown.detail:
        lines.append(_INDENT + "; ".join(shown.detail))
    lines += [f"{_INDENT}- {event_text(cue)}" for cue in shown.cues]
    lines += [f"{_INDENT}Caution: {event_text(cue)}" for cue in block.cues]
    lines += [f"{_INDENT}Precaution: {event_text(text)}" for text in shown.precautions]
    if shown.note:
        lines.append(f"{_INDENT}Note: {event_text(shown.note)}")
    return tuple(lines)


def _referral_lines(referral: Referral) -> list[str]:
    """What to do instead of the sessions a referral stops, and why."""
    advice = referral.advice
    since = referral.date.strftime("%a %d %b %Y")
    lines = [
        f"No exercise: a referral ({_words(advice.level.value)}) is in force since {since}.",
        f"Instead: {event_text(advice.message)}",
        "Why:",
    ]
    lines += [f"- {event_text(reason.text)}" for reason in advice.reasons]
    lines.append(RESUMES)
    return lines


class _Writer:
    """Writes the events of one program (internal): the blocks' lines are worked out once."""

    def __init__(self, program: Program, shift: dt.timedelta) -> None:
        self.program = program
        self.shift = shift
        self.title = event_text(program.routine.title)
        self.blocks: dict[tuple[int, Block, str | None], tuple[str, ...]] = {}
        every = {block for week in program.weeks for _, block in addresses(week.routine)}
        limit = pain_limit(program.person, every)
        self.limit = (
            f"Your pain limit: keep pain at or below {limit}/10 during and after exercise;"
            " it should settle by the next morning."
        )

    def _block(self, number: int, block: Block, action: str | None) -> tuple[str, ...]:
        key = (number, block, action)
        found = self.blocks.get(key)
        if found is None:
            found = self.blocks[key] = _how_to(number, block, action)
        return found

    def session_lines(self, week: Week) -> list[str]:
        """What every session of a week to do says, after its first line."""
        lines = []
        if week.clearance is not None:
            lines.append(f"{event_text(week.clearance.describe())} Exercise resumes.")
        if week.referral is None and week.advice is not None and week.advice.reasons:
            first = week.advice.reasons[0]
            lines.append(
                f"Advice in force ({_words(week.advice.level.value)}): {event_text(first.text)}"
            )
        lines.append(self.limit)
        actions = {
            decision.at: _words(decision.action.value)
            for decision in week.decisions
            if decision.action is not ProgressAction.HOLD
        }
        for number, (at, block) in enumerate(addresses(week.routine), start=1):
            lines.append("")
            lines += self._block(number, block, actions.get(at))
        return lines

    def week_events(self, week: Week) -> list[tuple[CalendarEvent, Referral | None]]:
        """The events of a week's sessions, each with the referral that cancels it, if any."""
        label = " (deload)" if week.deload else ""
        found = []
        lines: list[str] | None = None
        for session in week.sessions:
            if (
                session.date is None
            ):  # pragma: no cover - a program with a start dates every session
                continue
            name = f"{self.title}: week {week.number}{label}, session {session.number}"
            referral = week.referral if session.referred else None
            if referral is not None:
                level = _words(referral.level.value)
                summary = f"Cancelled (referral: {level}): {name}"
                text = [f"{name} is cancelled.", *_referral_lines(referral)]
            else:
                lines = lines if lines is not None else self.session_lines(week)
                summary = name
                text = [f"{name}.", *lines]
            event = CalendarEvent(
                key=f"w{week.number}-s{session.number}",
                day=session.date + self.shift,
                summary=summary,
                description="\n".join(text),
                cancelled=referral is not None,
            )
            found.append((event, referral))
        return found


def _note(referral: Referral, day: dt.date, title: str) -> CalendarEvent:
    level = _words(referral.level.value)
    return CalendarEvent(
        key=f"referral-{referral.date.strftime('%Y%m%d')}",
        day=day,
        summary=f"{title}: no exercise until a clinician's clearance (referral: {level})",
        description="\n".join(_referral_lines(referral)),
        all_day=True,
    )


def _most_pressing(referrals: list[Referral]) -> Referral:
    """The most pressing referral of those of one date (the latest of equals holds the most)."""
    found = referrals[0]
    for referral in referrals[1:]:
        if referral.level >= found.level:
            found = referral
    return found


def calendar_events(program: Program, shift: dt.timedelta) -> tuple[CalendarEvent, ...]:
    """The events of a dated program's calendar, in order, its days moved by ``shift``.

    Each referral's note comes just before the first session it cancels,
    and says what the most pressing referral of its date says.
    """
    writer = _Writer(program, shift)
    sessions = [item for week in program.weeks for item in writer.week_events(week)]
    by_date: dict[dt.date, list[Referral]] = {}
    first_day: dict[dt.date, dt.date] = {}
    for event, referral in sessions:
        if referral is not None:
            by_date.setdefault(referral.date, []).append(referral)
            first_day.setdefault(referral.date, event.day)
    found: list[CalendarEvent] = []
    for event, referral in sessions:
        if referral is not None and first_day.get(referral.date) == event.day:
            found.append(_note(_most_pressing(by_date[referral.date]), event.day, writer.title))
            del first_day[referral.date]
        found.append(event)
    return tuple(found)
