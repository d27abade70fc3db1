"""``upperback plan ROUTINE.json --weeks 8``: the routine week by week, adapting to logs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from upperback.catalog import default_catalog
from upperback.cli._calendar import add_calendar, calendar_options
from upperback.cli._common import (
    UsageError,
    add_format,
    emit,
    integer,
    invalid,
    read_document,
    repeatable,
    shown,
)
from upperback.errors import InvalidDocument, InvalidValue
from upperback.progression import MAX_WEEKS, SessionLog, plan
from upperback.routine import Routine
from upperback.safety import Condition, Profile
from upperback.serialization import from_dict

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "read_logs", "run"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        import argparse  # noqa: PLC0415 - only for the error type

        message = f"must be a date as YYYY-MM-DD (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def _time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        import argparse  # noqa: PLC0415 - only for the error type

        message = f"must be a time of day as HH:MM (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "plan", help="plan a saved routine week by week, adapting to session logs"
    )
    parser.add_argument("routine", help="a routine document, a JSON file (- for standard input)")
    parser.add_argument(
        "--weeks", type=integer(1, MAX_WEEKS), default=8, help="how many weeks (default: 8)"
    )
    parser.add_argument("--start", type=_date, help="the first day, YYYY-MM-DD, to date sessions")
    parser.add_argument(
        "--logs", metavar="FILE", help="session logs: a JSON list of session-log documents"
    )
    repeatable(parser, "--condition", Condition, "a condition of the person")
    add_format(parser, ("text", "markdown", "html", "json", "ics"))
    parser.add_argument("--tz", default="UTC", help="for ics: the time zone (default: UTC)")
    parser.add_argument(
        "--time", type=_time, default=dt.time(8, 0), help="for ics: the time, HH:MM (default 08:00)"
    )
    add_calendar(parser)
    parser.set_defaults(run=run)


def read_logs(path: str) -> tuple[SessionLog, ...]:
    """Session logs from a file holding one session-log document or a list of them."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return (read_document(path, SessionLog),)  # says what is wrong with it
    items = data if isinstance(data, list) else [data]
    logs = []
    for i, item in enumerate(items):
        try:
            logs.append(from_dict(item, SessionLog))
        except InvalidDocument as exc:
            where = f"[{i}]" if isinstance(data, list) else ""
            problems = "; ".join(f"{where}{p.path}: {p.message}" for p in exc.problems)
            raise UsageError(f"{path}: is not a list of session logs: {problems}.") from None
    return tuple(logs)


def run(args: argparse.Namespace) -> int:
    """Plan and write the program."""
    routine = read_document(args.routine, Routine)
    logs = read_logs(args.logs) if args.logs else ()
    profile = Profile(conditions=frozenset(args.condition)) if args.condition else None
    try:
        program = plan(
            routine,
            weeks=args.weeks,
            start=args.start,
            logs=logs,
            profile=profile,
            catalog=default_catalog(),
        )
    except InvalidValue as exc:
        raise invalid(exc) from None
    if args.format == "ics":
        from upperback.render.ical import ical  # noqa: PLC0415 - the ical extra, on first use

        if program.start is None:
            raise UsageError("--format ics needs --start, the day of the first session.")
        try:
            data = ical(program, tz=args.tz, time=args.time, **calendar_options(args))
        except InvalidValue as exc:
            raise invalid(exc) from None
        emit(data.decode("utf-8"), args.output)
        return 0
    if args.format == "text":
        from upperback.render import text  # noqa: PLC0415

        emit(text(program), args.output)
        return 0
    emit(shown(program, args.format), args.output)
    return 0
