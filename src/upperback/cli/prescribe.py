"""``upperback prescribe ROUTINE.json``: adapt a saved prescription, with every change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.catalog import default_catalog
from upperback.cli._common import (
    add_format,
    emit,
    invalid,
    number,
    read_document,
    repeatable,
    shown,
)
from upperback.cli._options import PROP_CHOICES, prop_name
from upperback.compose import prescribe
from upperback.errors import InvalidValue
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit
from upperback.routine import Routine
from upperback.safety import Condition, Profile

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "kit_of", "run"]


def kit_of(names: list[str] | None, height_cm: float) -> Kit:
    """The props named, a ball sized for the height and a red band [D1]; everyday props if none."""
    if names is None:
        return Kit.everyday()
    return Kit.from_names(names, height_cm=height_cm)


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "prescribe",
        help="adapt a saved routine to a kit, conditions and a time budget, with every change",
    )
    parser.add_argument("routine", help="a routine document, a JSON file (- for standard input)")
    parser.add_argument(
        "--kit",
        action="append",
        type=prop_name,
        metavar="KIT",
        help="a prop to hand (default: the everyday props); repeatable; one of "
        f"{PROP_CHOICES}, or other:<slug>",
    )
    repeatable(parser, "--condition", Condition, "a condition to screen for")
    parser.add_argument(
        "--height",
        type=number(MIN_HEIGHT_CM, MAX_HEIGHT_CM, " cm"),
        default=170,
        help="height in cm, to size a ball",
    )
    parser.add_argument(
        "--minutes", type=number(1, 240, " minutes"), help="fit the routine into this many minutes"
    )
    add_format(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Adapt the routine and write the result."""
    routine = read_document(args.routine, Routine)
    kit = kit_of(args.kit, args.height)
    profile = Profile(conditions=frozenset(args.condition or ()), kit=kit)
    try:
        result = prescribe(routine, default_catalog(), profile=profile, minutes=args.minutes)
    except InvalidValue as exc:
        raise invalid(exc) from None
    emit(shown(result, args.format), args.output)
    return 0
