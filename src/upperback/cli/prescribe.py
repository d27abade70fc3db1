"""``upperback prescribe ROUTINE.json``: adapt a saved prescription, with every change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

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
from upperback.cli._options import HEIGHT, MINUTES, kit_for, kit_option
from upperback.compose import prescribe
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES
from upperback.safety import Profile

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "prescribe",
        help="adapt a saved routine to a kit, conditions and a time budget, with every change",
    )
    parser.add_argument("routine", help=f"{ROUTINE_HOLDERS}, a JSON file (- for standard input)")
    kit_option(parser, "the profile's kit, else the everyday props")
    add_person(parser, "a condition to screen for")
    parser.add_argument(
        "--height",
        type=HEIGHT,
        default=170,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM}, to size a ball"
        " (default: 170)",
    )
    parser.add_argument(
        "--minutes",
        type=MINUTES,
        help=f"fit the routine into this many minutes, {MIN_MINUTES} to {MAX_MINUTES}",
    )
    add_catalog(parser)
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Adapt the routine and write the result."""
    one_stdin(args.routine, args.profile)
    catalog = catalog_of(args)
    held = read_routine(args.routine, catalog)
    profile = person_of(args, held.profile) or Profile(kit=Kit.everyday())
    if args.kit is not None:
        profile = attrs.evolve(profile, kit=kit_for(args.kit, args.height))
    result = prescribe(held.routine, catalog, profile=profile, minutes=args.minutes)
    emit(shown(result, args.format), args.output)
    return 0
