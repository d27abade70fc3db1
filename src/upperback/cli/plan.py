"""``upperback plan ROUTINE.json --weeks 8``: the routine week by week, adapting to logs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from upperback.cli._calendar import add_calendar, calendar_options
from upperback.cli._common import (
    ROUTINE_HOLDERS,
    UsageError,
    add_catalog,
    add_format,
    add_person,
    catalog_of,
    emit,
    one_stdin,
    person_of,
    read_data,
    read_routine,
    shown,
)
from upperback.cli._options import date, time_of_day, whole
from upperback.errors import InvalidDocument, Problem
from upperback.progression import MAX_WEEKS, SessionLog, plan
from upperback.serialization import from_dict

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "read_logs", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "plan", help="plan a saved routine week by week, adapting to session logs"
    )
    parser.add_argument("routine", help=f"{ROUTINE_HOLDERS}, a JSON file (- for standard input)")
    parser.add_argument(
        "--weeks", type=whole("weeks", 1, MAX_WEEKS), default=8, help="how many weeks (default: 8)"
    )
    parser.add_argument("--start", type=date, help="the first day, YYYY-MM-DD, to date sessions")
    parser.add_argument(
        "--logs",
        metavar="FILE",
        help="session logs: a session-log document, or a JSON list of them (- for standard input)",
    )
    add_person(parser)
    add_catalog(parser)
    add_format(parser, ("text", "markdown", "html", "json", "ics"))
    parser.add_argument("--tz", default="UTC", help="for ics: the time zone (default: UTC)")
    parser.add_argument(
        "--time",
        type=time_of_day,
        default=dt.time(8, 0),
        help="for ics: the time, HH:MM (default 08:00)",
    )
    add_calendar(parser)
    parser.set_defaults(run=run)


def read_logs(path: str) -> tuple[SessionLog, ...]:
    """Session logs from a file holding one session-log document or a list of them."""
    data = read_data(path)
    items = data if isinstance(data, list) else [data]
    logs = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        try:
            logs.append(from_dict(item, SessionLog))
        except InvalidDocument as exc:
            where = f"$[{i}]" if isinstance(data, list) else "$"
            problems.extend(
                Problem(path=where + p.path[1:], message=p.message) for p in exc.problems
            )
    if problems:
        listed = "; ".join(str(problem) for problem in problems)
        raise UsageError(f"{path}: is not a list of session logs: {listed}.", problems)
    return tuple(logs)


def run(args: argparse.Namespace) -> int:
    """Plan and write the program."""
    one_stdin(args.routine, args.logs, args.profile)
    logs = read_logs(args.logs) if args.logs else ()
    catalog = catalog_of(args)
    held = read_routine(args.routine, catalog)
    program = plan(
        held.routine,
        weeks=args.weeks,
        start=args.start,
        logs=logs,
        profile=person_of(args, held.profile),
        catalog=catalog,
    )
    if args.format == "ics":
        from upperback.render.ical import ical  # noqa: PLC0415 - the ical extra, on first use

        if program.start is None:
            raise UsageError("--format ics needs --start, the day of the first session.")
        data = ical(program, tz=args.tz, time=args.time, **calendar_options(args))
        emit(data.decode("utf-8"), args.output)
        return 0
    emit(shown(program, args.format), args.output)
    return 0
