"""``upperback compose``: a routine composed for a goal, with a reason for each choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.anatomy import Region
from upperback.catalog import default_catalog
from upperback.cli._common import add_format, emit, shown
from upperback.cli._options import HEIGHT, MINUTES, enum_option, kit_for, kit_option, member, whole
from upperback.cli._session import print_routine
from upperback.compose import Goal, compose
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES
from upperback.safety import AgeBand, Condition, Profile
from upperback.serialization import dumps
from upperback.vocab import Benefit, ExerciseKind, Level, Position

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    composer = commands.add_parser(
        "compose",
        help="compose a routine for a goal, a kit and conditions, with a reason for each choice",
    )
    composer.add_argument(
        "--minutes",
        type=MINUTES,
        required=True,
        help=f"the time budget, {MIN_MINUTES} to {MAX_MINUTES} minutes",
    )
    kit_option(composer, "none")
    composer.add_argument(
        "--height",
        type=HEIGHT,
        default=170,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM} (default: 170)",
    )
    enum_option(composer, "--condition", Condition, "a condition to screen for")
    enum_option(composer, "--benefit", Benefit, "a benefit to work on")
    enum_option(composer, "--region", Region, "a region to work on")
    enum_option(composer, "--position", Position, "an allowed starting position (default: any)")
    enum_option(composer, "--kind", ExerciseKind, "a kind of exercise wanted (default: any)")
    composer.add_argument(
        "--level",
        type=whole("level", 1, 5),
        default=3,
        help="the highest level, 1 to 5 (default: 3)",
    )
    composer.add_argument(
        "--age-band",
        type=member(AgeBand, "age-band"),
        help=f"the person's age band; one of {', '.join(AgeBand)}",
    )
    composer.add_argument(
        "--seed",
        type=whole("seed", 0, 2**32 - 1),
        default=0,
        help="another seed, another routine (a whole number, default: 0)",
    )
    add_format(composer, ("text", "json", "markdown", "html"))
    composer.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compose a routine for the goal and print or write it."""
    kit = kit_for(args.kit or (), args.height)
    profile = Profile(conditions=frozenset(args.condition or ()), kit=kit, age_band=args.age_band)
    benefits = args.benefit or ([] if args.region else list(Benefit))
    goal = Goal.of(
        args.minutes,
        benefits=benefits,
        regions=args.region or (),
        positions=args.position or (),
        kinds=args.kind or (),
        level=Level(args.level),
    )
    result = compose(default_catalog(), goal, profile=profile, seed=args.seed)
    if args.format in {"markdown", "html"}:
        emit(shown(result, args.format), args.output)
        return 0
    gaps = [f"{gap.what}: {gap.reason}" for gap in result.gaps]
    if args.format == "json":
        # The composition document: the routine, the reason for each choice and every gap.
        emit(dumps(result, indent=2), args.output)
        return 0
    reasons = {choice.exercise_id: choice.reason for choice in result.choices}
    after = [
        f"Coverage of the aims ({', '.join(t.label for t in goal.targets)}): {result.score:.2f}"
    ]
    if gaps:
        after += ["", "Not covered, and why:", *(f"  - {gap}" for gap in gaps)]
    print_routine(result.routine, kit, profile, [], reasons=reasons, after=after)
    return 0
