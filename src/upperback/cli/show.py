"""``upperback show ID``: one built-in exercise in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.catalog import default_catalog
from upperback.cli._common import UsageError, add_format, emit, shown
from upperback.errors import UnknownExercise

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    show = commands.add_parser("show", help="one built-in exercise in full")
    show.add_argument("id", help="the exercise's id, e.g. cat-camel")
    add_format(show)
    show.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:  # noqa: C901 - one line per part of the exercise
    """Print one built-in exercise in full."""
    try:
        exercise = default_catalog()[args.id]
    except UnknownExercise as exc:
        raise UsageError(str(exc)) from None
    if args.format != "text":
        emit(shown(exercise, args.format), args.output)
        return 0
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
