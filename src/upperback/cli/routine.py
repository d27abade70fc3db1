"""``upperback routine``: the desk-worker sample prescription, adapted to a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.catalog import default_catalog
from upperback.cli._common import add_format, emit, shown
from upperback.cli._options import HEIGHT, MINUTES, enum_option, kit_for, kit_option
from upperback.cli._session import change_note, print_routine
from upperback.compose import desk_reset, prescribe
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES
from upperback.safety import Condition, Profile
from upperback.serialization import dumps

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    routine = commands.add_parser(
        "routine",
        help="a sample desk-worker routine, adapted to a kit and screened for conditions",
    )
    kit_option(routine, "chair,doorway,towel,wall")
    routine.add_argument(
        "--height",
        type=HEIGHT,
        default=170,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM}, to size the Swiss ball"
        " (default: 170)",
    )
    enum_option(routine, "--condition", Condition, "a condition to screen for")
    routine.add_argument(
        "--minutes",
        type=MINUTES,
        help=f"fit the routine into this many minutes, {MIN_MINUTES} to {MAX_MINUTES}",
    )
    add_format(routine, ("text", "json", "markdown", "html"))
    routine.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Adapt the sample prescription to the person and print or write it."""
    catalog = default_catalog()
    kinds = args.kit if args.kit is not None else sorted(Kit.everyday().kinds)
    kit = kit_for(kinds, args.height)
    profile = Profile(conditions=frozenset(args.condition or ()), kit=kit)
    result = prescribe(desk_reset(catalog), catalog, profile=profile, minutes=args.minutes)
    if args.format in {"markdown", "html"}:
        emit(shown(result, args.format), args.output)
        return 0
    notes = [change_note(change) for change in result.changes]
    if args.format == "json":
        # The prescription document: the routine and every change with its reason.
        emit(dumps(result, indent=2), args.output)
        return 0
    print_routine(result.routine, kit, profile, notes)
    return 0
