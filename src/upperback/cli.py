"""The command line: ``python -m upperback`` or ``upperback``.

Data goes to standard output, diagnostics to standard error. Exit codes:
0 success, 1 a domain error (bad input to the library), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import upperback
from upperback.errors import UpperbackError
from upperback.props import SwissBall

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
