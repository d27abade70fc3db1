"""The command line: ``python -m upperback`` or ``upperback``.

Data goes to standard output, diagnostics to standard error. Exit codes:
0 success, 1 a domain error (bad input to the library), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import upperback
from upperback.anatomy import Region
from upperback.errors import UnknownExercise, UpperbackError
from upperback.props import PropKind, SwissBall
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Sequence

DISCLAIMER = (
    "upperback supports clinicians and apps; it does not replace a healthcare "
    "professional. Upper-back pain that does not ease within days should be seen "
    "by one."
)


def _ball(args: argparse.Namespace) -> int:
    ball = SwissBall.for_height(args.height, long_legs=args.long_legs, heavy=args.heavy)
    print(f"Swiss ball for {args.height:g} cm: {ball.diameter_cm} cm")
    print("Check the fit: sitting on it, hips and knees at about 90 degrees, feet flat.")
    return 0


def _catalog(args: argparse.Namespace) -> int:
    catalog = upperback.default_catalog().where(
        requires=args.prop or None, kind=args.kind or None, region=args.region or None
    )
    for exercise in catalog:
        props = ", ".join(
            need.kind.value if need.required else f"({need.kind.value})" for need in exercise.props
        )
        print(f"{exercise.id}\t{exercise.name}\t{exercise.kind.value}\t{props or '-'}")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        exercise = upperback.default_catalog()[args.id]
    except UnknownExercise as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 1
    print(exercise.name)
    if exercise.aliases:
        print(f"Also called: {', '.join(exercise.aliases)}")
    print(
        f"Kind: {exercise.kind.value}; position: {exercise.position.value}; "
        f"level {int(exercise.level)}"
    )
    if exercise.props:
        print(
            "Props: "
            + ", ".join(
                need.kind.value + ("" if need.required else " (optional)")
                for need in exercise.props
            )
        )
    print("\nHow to do it:")
    for number, cue in enumerate(exercise.cues, start=1):
        print(f"  {number}. {cue}")
    print(f"\nDose: {exercise.default_dose.describe()}")
    if exercise.dose_note:
        print(f"  {exercise.dose_note}")
    if exercise.precautions:
        print("\nPrecautions:")
        for precaution in exercise.precautions:
            print(f"  - {precaution}")
    if exercise.sources:
        print("\nSources:")
        for source in exercise.sources:
            note = f" ({source.note})" if source.note else ""
            print(f"  [{source.key}] {source.url}{note}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="upperback",
        description="Upper-back stretching and strengthening routines.",
        epilog=DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=upperback.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ball = commands.add_parser("ball", help="the Swiss ball size for a height")
    ball.add_argument("--height", type=float, required=True, help="standing height in cm")
    ball.add_argument("--long-legs", action="store_true", help="legs long for the height")
    ball.add_argument("--heavy", action="store_true", help="body weight high for the height")
    ball.set_defaults(run=_ball)

    catalog = commands.add_parser("catalog", help="list the built-in exercises")
    catalog.add_argument(
        "--prop",
        action="append",
        type=PropKind,
        choices=list(PropKind),
        metavar="PROP",
        help="only exercises that need this prop (repeatable: all of them); "
        f"one of {', '.join(PropKind)}",
    )
    catalog.add_argument(
        "--kind",
        action="append",
        type=ExerciseKind,
        choices=list(ExerciseKind),
        metavar="KIND",
        help=f"only exercises of this kind (repeatable: any); one of {', '.join(ExerciseKind)}",
    )
    catalog.add_argument(
        "--region",
        action="append",
        type=Region,
        choices=list(Region),
        metavar="REGION",
        help=f"only exercises for this region (repeatable: any); one of {', '.join(Region)}",
    )
    catalog.set_defaults(run=_catalog)

    show = commands.add_parser("show", help="one built-in exercise in full")
    show.add_argument("id", help="the exercise's id, e.g. cat-camel")
    show.set_defaults(run=_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.run(args))
    except UpperbackError as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 1
