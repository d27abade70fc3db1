"""iCalendar (RFC 5545): one event per planned session, through the ``icalendar`` package.

Install the extra: ``pip install "upperback[ical]"``. Only this module
imports :mod:`icalendar`, and only when :func:`ical` is called.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from upperback.errors import InvalidValue
from upperback.progression import Program, addresses
from upperback.progression.engine import dose_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = ["ical"]

UID_DOMAIN = "upperback.invalid"
"""The domain part of every event's UID: a name that is never resolved."""


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415 - on first use

    if isinstance(tz, ZoneInfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidValue("tz", tz, "must be an IANA time zone such as 'Europe/London'") from None


def ical(
    program: Program,
    *,
    tz: str | ZoneInfo,
    time: dt.time,
    start: dt.date | None = None,
) -> bytes:
    """The program as an iCalendar file: an event per session, the routine in its description.

    Events are deterministic: the same program gives the same bytes, and each
    event's UID names the routine, the program's first day, the week and the
    session, so importing a re-export updates the events instead of
    duplicating them.

    Args:
        program: A program planned with ``start=``, so that its sessions have days.
        tz: The time zone the sessions are held in (an IANA name or a ``ZoneInfo``).
        time: The time of day each session starts.
        start: Move the whole program to begin on this day instead, keeping
            its spacing (the sessions of a week and the recovery days between them).

    Raises:
        InvalidValue: The program has no days, or ``tz`` or ``time`` is invalid.
        ImportError: The ``ical`` extra is not installed (the message names it).

    .. versionadded:: 0.1.0
    """
    try:
        import icalendar  # noqa: PLC0415 - the extra, on first use
    except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
        message = 'upperback.render.ical needs icalendar: pip install "upperback[ical]".'
        raise ImportError(message) from exc
    if not isinstance(program, Program):
        raise InvalidValue("program", type(program).__name__, "must be a Program")
    if program.start is None:
        raise InvalidValue("program", "no start", "must be planned with start= to have days")
    checked: object = time
    if not isinstance(checked, dt.time) or time.tzinfo is not None:
        raise InvalidValue("time", time, "must be a time of day without a time zone")
    if start is not None and type(start) is not dt.date:
        raise InvalidValue("start", start, "must be a date")
    zone = _zone(tz)
    shift = (start - program.start) if start is not None else dt.timedelta(0)
    first = program.start + shift
    minutes = program.routine.duration()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//upperback//programme//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", program.routine.title)
    for week in program.weeks:
        description = "\n".join(
            f"{block.exercise.name}: {dose_text(block.dose)}"
            for _, block in addresses(week.routine)
        )
        label = " (deload)" if week.deload else ""
        for session in week.sessions:
            if (
                session.date is None
            ):  # pragma: no cover - a program with a start dates every session
                continue
            day = session.date + shift
            begin = dt.datetime.combine(day, time, tzinfo=zone)
            event = icalendar.Event()
            uid = f"{program.routine.id}-{first.isoformat()}-w{week.number}-s{session.number}"
            event.add("uid", f"{uid}@{UID_DOMAIN}")
            event.add("dtstamp", dt.datetime.combine(first, dt.time(0), tzinfo=dt.UTC))
            event.add("dtstart", begin)
            event.add("dtend", begin + minutes)
            event.add(
                "summary",
                f"{program.routine.title}: week {week.number}{label}, session {session.number}",
            )
            event.add("description", description)
            calendar.add_component(event)
    last = max(
        (session.date for week in program.weeks for session in week.sessions if session.date),
        default=program.start,
    )
    calendar.add_missing_timezones(
        first_date=first - dt.timedelta(days=1), last_date=last + shift + dt.timedelta(days=2)
    )
    data: bytes = calendar.to_ical()
    return data
