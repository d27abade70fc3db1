"""iCalendar (RFC 5545): one event per planned session, through the ``icalendar`` package.

Install the extra: ``pip install "upperback[ical]"``. Only this module
imports :mod:`icalendar`, and only when :func:`ical` is called.

A calendar is made to be exported again and again as the program changes
(a re-plan after new logs, a referral, a clearance), and a calendar
program that imported it updates each event in place: an event's UID
names the app's namespace, the routine, the week and the session, and
never changes for the same session; every re-export carries a higher
``SEQUENCE``. The library reads no clock: the app passes the time of the
export (``stamp``) and, if it keeps one, a revision number (``sequence``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback.errors import InvalidValue
from upperback.progression import Program
from upperback.render._calendar import CalendarEvent, calendar_events, event_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = ["ical"]

UID_DOMAIN: Final = "upperback.invalid"
"""The domain part of every event's UID: a name that is never resolved."""

NAMESPACE: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""An app's namespace of UIDs: an opaque id (a UUID, a number, a slug), never a name or an e-mail.

No dot: a UID joins the namespace, the routine's id and the session's key with dots,
so that no two namespaces can make the same UID.
"""

SEQUENCE_EPOCH: Final = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""A sequence derived from a stamp counts the seconds since this instant."""

MAX_SEQUENCE: Final = 2**31 - 1
"""The largest ``SEQUENCE``: calendar programs keep it as a signed 32-bit integer."""

MAX_REMINDER: Final = dt.timedelta(days=7)
"""The longest lead time of a reminder."""


def _zone(tz: object) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415 - on first use

    if isinstance(tz, ZoneInfo):
        return tz
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise InvalidValue("tz", tz, "must be an IANA time zone such as 'Europe/London'")


def _namespace(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or NAMESPACE.fullmatch(value) is None:
        raise InvalidValue(
            "uid_namespace",
            value,
            "must be 1 to 64 letters, digits, '-' or '_': the app's opaque id of the person"
            " or the program, never a name or an e-mail address",
        )
    return value


def _stamp(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidValue(
            "stamp", value, "must be a date and time with its time zone, such as UTC"
        )
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _sequence(value: object, stamp: dt.datetime | None) -> int:
    if value is not None:
        if type(value) is not int or not 0 <= value <= MAX_SEQUENCE:
            raise InvalidValue(
                "sequence", value, f"must be a whole number from 0 to {MAX_SEQUENCE}"
            )
        return value
    if stamp is None:
        return 0
    seconds = int((stamp - SEQUENCE_EPOCH).total_seconds())
    if not 0 <= seconds <= MAX_SEQUENCE:
        last = SEQUENCE_EPOCH + dt.timedelta(seconds=MAX_SEQUENCE)
        raise InvalidValue(
            "stamp",
            stamp.isoformat(),
            f"must be from {SEQUENCE_EPOCH.isoformat()} to {last.isoformat()} to number"
            " the export (or give sequence=)",
        )
    return seconds


def _reminder(value: object) -> dt.timedelta | None:
    if value is None:
        return None
    if (
        not isinstance(value, dt.timedelta)
        or not dt.timedelta(0) <= value <= MAX_REMINDER
        or value % dt.timedelta(minutes=1)
    ):
        raise InvalidValue(
            "reminder",
            value if not isinstance(value, dt.timedelta) else str(value),
            "must be whole minutes from 0 to 7 days before the session",
        )
    return value


@attrs.frozen(kw_only=True)
class _Export:
    """The checked arguments of one export (internal)."""

    zone: ZoneInfo
    time: dt.time
    length: dt.timedelta
    shift: dt.timedelta
    first: dt.date
    namespace: str | None
    stamp: dt.datetime | None
    sequence: int
    reminder: dt.timedelta | None

    def uid(self, event: CalendarEvent, routine_id: str) -> str:
        """The event's UID: the same for the same session in every export."""
        if self.namespace is None:
            local = f"{routine_id}-{self.first.isoformat()}-{event.key}"
        else:
            local = f"{self.namespace}.{routine_id}.{event.key}"
        return f"{local}@{UID_DOMAIN}"


def _export(
    program: object,
    *,
    tz: object,
    time: object,
    start: object,
    uid_namespace: object,
    stamp: object,
    sequence: object,
    reminder: object,
) -> _Export:
    if not isinstance(program, Program):
        raise InvalidValue("program", type(program).__name__, "must be a Program")
    if program.start is None:
        raise InvalidValue("program", "no start", "must be planned with start= to have days")
    if not isinstance(time, dt.time) or time.tzinfo is not None:
        raise InvalidValue("time", time, "must be a time of day without a time zone")
    if start is not None and type(start) is not dt.date:
        raise InvalidValue("start", start, "must be a date")
    zone = _zone(tz)
    shift = (start - program.start) if isinstance(start, dt.date) else dt.timedelta(0)
    made = _stamp(stamp)
    return _Export(
        zone=zone,
        time=time,
        length=program.routine.duration(),
        shift=shift,
        first=program.start + shift,
        namespace=_namespace(uid_namespace),
        stamp=made,
        sequence=_sequence(sequence, made),
        reminder=_reminder(reminder),
    )


def _event(icalendar: Any, item: CalendarEvent, program: Program, export: _Export) -> Any:
    """The ``VEVENT`` of one event."""
    event = icalendar.Event()
    event.add("uid", export.uid(item, program.routine.id))
    event.add(
        "dtstamp", export.stamp or dt.datetime.combine(export.first, dt.time(0), tzinfo=dt.UTC)
    )
    if export.stamp is not None:
        event.add("last-modified", export.stamp)
    event.add("sequence", export.sequence)
    if item.all_day:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
    else:
        begin = dt.datetime.combine(item.day, export.time, tzinfo=export.zone)
        event.add("dtstart", begin)
        event.add("dtend", begin + export.length)
    event.add("summary", item.summary)
    event.add("description", item.description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("class", "PRIVATE")
    if item.cancelled or item.all_day:
        event.add("transp", "TRANSPARENT")
    elif export.reminder is not None:
        bell = icalendar.Alarm()
        bell.add("action", "DISPLAY")
        bell.add("description", item.summary)
        bell.add("trigger", -export.reminder)
        event.add_component(bell)
    return event


def ical(
    program: Program,
    *,
    tz: str | ZoneInfo,
    time: dt.time,
    start: dt.date | None = None,
    uid_namespace: str | None = None,
    stamp: dt.datetime | None = None,
    sequence: int | None = None,
    reminder: dt.timedelta | None = None,
) -> bytes:
    """The program as an iCalendar file: an event per session, saying what to do and how.

    Each session's event says what it does: every block's dose, the
    exercise's cues, the cautions screening put on the block, its
    precautions and notes, and the person's one pain limit (the strictest
    that applies to them). A session a referral reaches is not one to do:
    its event is exported with ``STATUS:CANCELLED`` under the same UID,
    and says what to do instead and why, and how exercise resumes; each
    referral also adds one all-day note on the day of the first session
    it cancels, saying the same. After a clinician's clearance the
    sessions are events to do again (``STATUS:CONFIRMED``), and the first
    week's say who cleared what. Every event is ``CLASS:PRIVATE``: it is
    about a person's health.

    **Updating a calendar.** Export the program again whenever it changes,
    with the same ``uid_namespace``: every event keeps its UID (the
    namespace, the routine's id, the week and the session), so a calendar
    program updates the event rather than adding a second one, and moves
    it when ``start`` moves. A calendar program may ignore an update whose
    ``SEQUENCE`` is not higher than the one it holds, so each export must
    carry a higher one. An app can do that without keeping any state:

    - pass ``stamp``, the time of the export from the app's clock, and
      no ``sequence``: the sequence is the number of seconds from
      2020-01-01T00:00Z to the stamp, so a later export always has a
      higher one;
    - or pass ``sequence``, a revision number the app keeps with the
      program (for instance the number of times it has planned it), and
      ``stamp`` as well if it can.

    Pick one way for a program and keep to it. Without a stamp, ``DTSTAMP``
    is the first day at midnight UTC and the sequence is 0 (so an export
    is the same bytes every time, as before 0.2.0).

    **Cancelled sessions.** A calendar program that imports a file or
    refreshes a subscription removes, or shows as cancelled, an event it
    holds when the new copy has the same UID, a higher sequence and
    ``STATUS:CANCELLED``: this is the only way a file can take back an
    event. Calendar programs differ in how they show a cancelled event
    (hidden, struck through, or prefixed "Cancelled"), so its summary and
    description say why it is cancelled, and the referral's all-day note
    says it too. Serving the calendar as a subscription (an address the
    calendar program refreshes) works best: every refresh applies the
    latest export. A calendar with no namespace keeps the UIDs of 0.1.0
    (the routine's id and the program's first day), which collide when
    two people have the same routine and start: an app that exports for
    more than one person must give ``uid_namespace``.

    >>> import datetime as dt
    >>> import upperback as ub
    >>> from upperback import render
    >>> routine = ub.Routine.of("Desk", main=[ub.default_catalog()["chin-tuck"]])
    >>> program = ub.plan(routine, weeks=1, start=dt.date(2027, 1, 4))
    >>> data = render.ical(
    ...     program, tz="Europe/London", time=dt.time(7, 30), uid_namespace="p-1042",
    ...     stamp=dt.datetime(2027, 1, 3, 18, 0, tzinfo=dt.UTC), reminder=dt.timedelta(minutes=15),
    ... )
    >>> b"UID:p-1042.desk.w1-s1@upperback.invalid" in data, b"TRIGGER:-PT15M" in data
    (True, True)

    Args:
        program: A program planned with ``start=``, so that its sessions have days.
        tz: The time zone the sessions are held in (an IANA name or a ``ZoneInfo``).
        time: The time of day each session starts.
        start: Move the whole program to begin on this day instead, keeping
            its spacing (the sessions of a week and the recovery days between them).
        uid_namespace: The app's opaque id of the person or of the program
            (a UUID, a number, a slug: 1 to 64 letters, digits, ``-`` or
            ``_``, never a name or an e-mail address, which a UID must not
            hold), so that no two people's events share a UID. With a
            person's id, the routine's id in the UID keeps two programs of
            the same person apart.
        stamp: When the export is made (timezone-aware; written in UTC as
            ``DTSTAMP`` and ``LAST-MODIFIED``).
        sequence: The export's revision, 0 to 2³¹ − 1, for ``SEQUENCE``;
            derived from ``stamp`` when not given.
        reminder: A reminder (``VALARM``, shown by the calendar program)
            this long before each session to do, in whole minutes up to
            7 days; none when not given. A cancelled session has none.

    Raises:
        InvalidValue: The program has no days, or an argument is invalid
            (the message names it).
        ImportError: The ``ical`` extra is not installed (the message names it).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``uid_namespace``, ``stamp``, ``sequence`` and ``reminder``; the
       events carry the cues and cautions, the pain limit and the referral state.
    """
    try:
        import icalendar  # noqa: PLC0415 - the extra, on first use
    except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
        message = 'upperback.render.ical needs icalendar: pip install "upperback[ical]".'
        raise ImportError(message) from exc
    export = _export(
        program,
        tz=tz,
        time=time,
        start=start,
        uid_namespace=uid_namespace,
        stamp=stamp,
        sequence=sequence,
        reminder=reminder,
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//upperback//programme//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event_text(program.routine.title))
    found = calendar_events(program, export.shift)
    for item in found:
        calendar.add_component(_event(icalendar, item, program, export))
    days = [item.day for item in found]
    calendar.add_missing_timezones(
        first_date=min(days, default=export.first) - dt.timedelta(days=1),
        last_date=max(days, default=export.first) + dt.timedelta(days=2),
    )
    data: bytes = calendar.to_ical()
    return data
