"""``upperback ball --height CM``: the Swiss ball size for a height."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.cli._options import HEIGHT
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, SwissBall

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    ball = commands.add_parser("ball", help="the Swiss ball size for a height")
    ball.add_argument(
        "--height",
        type=HEIGHT,
        required=True,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM}",
    )
    ball.add_argument("--long-legs", action="store_true", help="legs long for the height")
    ball.add_argument("--heavy", action="store_true", help="body weight high for the height")
    ball.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the ball size for the height."""
    ball = SwissBall.for_height(args.height, long_legs=args.long_legs, heavy=args.heavy)
    print(f"Swiss ball for {args.height:g} cm: {ball.diameter_cm} cm")
    print("Check the fit: sitting on it, hips and knees at about 90 degrees, feet flat.")
    return 0
