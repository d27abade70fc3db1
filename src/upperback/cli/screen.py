"""``upperback screen ROUTINE.json --condition …``: what to leave out or change, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.cli._common import (
    ROUTINE_HOLDERS,
    add_catalog,
    add_format,
    add_person,
    catalog_of,
    emit,
    one_stdin,
    person_of,
    read_routine,
    shown,
)
from upperback.props import Kit
from upperback.safety import Profile, ScreenReport, Verdict, screen

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "describe", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "screen", help="screen a saved routine for a person's conditions, with every reason"
    )
    parser.add_argument("routine", help=f"{ROUTINE_HOLDERS}, a JSON file (- for standard input)")
    add_person(parser, "a condition to screen for")
    add_catalog(parser)
    add_format(parser)
    parser.set_defaults(run=run)


def describe(report: ScreenReport) -> str:
    """The verdict on every block, with the rules, their reasons and sources."""
    lines = [f"{report.routine.title}: {report.verdict.value}"]
    for number, item in enumerate(report.blocks, start=1):
        lines.append(f"  {number}. {item.block.exercise.name}: {item.verdict.value}")
        for rule, reason in zip(item.rules, item.reasons, strict=True):
            keys = "".join(f"[{key}]" for key in rule.sources)
            lines.append(f"     {rule.id} ({rule.action.value}): {reason} {keys}".rstrip())
    kept = sum(item.verdict is not Verdict.EXCLUDE for item in report.blocks)
    lines.append(f"{kept} of {len(report.blocks)} exercises kept.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Screen the routine and write the report (or, for a sheet, the safe routine)."""
    one_stdin(args.routine, args.profile)
    held = read_routine(args.routine, catalog_of(args))
    profile = person_of(args, held.profile) or Profile(kit=Kit.everyday())
    report = screen(held.routine, profile)
    if args.format == "text":
        emit(describe(report), args.output)
    else:
        emit(shown(report, args.format), args.output)
    return 0
