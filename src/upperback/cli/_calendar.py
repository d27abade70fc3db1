"""The options of a calendar that a re-export updates: UID namespace, sequence, stamp, reminder.

They are :func:`upperback.render.ical`'s arguments of the same names; the
library checks them and says what is wrong, in its own words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from upperback.cli._options import whole

if TYPE_CHECKING:
    import argparse

__all__ = ["add_calendar", "calendar_options"]


def _stamp(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        import argparse  # noqa: PLC0415 - only for the error type

        message = f"must be a date and time as YYYY-MM-DDTHH:MM:SS+00:00 (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def _sequence(text: str) -> int:
    from upperback.render.ical import MAX_SEQUENCE  # noqa: PLC0415 - the renderers, on first use

    parsed: int = whole("--sequence", 0, MAX_SEQUENCE)(text)
    return parsed


def _minutes(text: str) -> int:
    from upperback.render.ical import MAX_REMINDER  # noqa: PLC0415 - the renderers, on first use

    parsed: int = whole("--reminder", 0, MAX_REMINDER // dt.timedelta(minutes=1))(text)
    return parsed


def add_calendar(parser: argparse.ArgumentParser) -> None:
    """Register the options of a calendar that a re-export updates."""
    parser.add_argument(
        "--uid-namespace",
        metavar="ID",
        help="for ics: the app's opaque id of the person or program, in every event's UID"
        " (letters, digits, - and _), so that no two people's events collide",
    )
    parser.add_argument(
        "--stamp",
        type=_stamp,
        help="for ics: when the export is made, YYYY-MM-DDTHH:MM:SS with its offset"
        " (e.g. 2027-01-03T18:30:00+00:00); it numbers the export unless --sequence is given",
    )
    parser.add_argument(
        "--sequence",
        type=_sequence,
        help="for ics: the export's revision, higher than the last export's",
    )
    parser.add_argument(
        "--reminder",
        type=_minutes,
        metavar="MINUTES",
        help="for ics: a reminder this many minutes before each session",
    )


def calendar_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`upperback.render.ical` the options give."""
    minutes = args.reminder
    return {
        "uid_namespace": args.uid_namespace,
        "stamp": args.stamp,
        "sequence": args.sequence,
        "reminder": None if minutes is None else dt.timedelta(minutes=minutes),
    }
