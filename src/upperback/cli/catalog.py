"""``upperback catalog``: the built-in exercises, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.anatomy import Region
from upperback.catalog import default_catalog
from upperback.cli._common import add_format, emit
from upperback.cli._options import enum_option, kit_for, kit_option
from upperback.compose import safe_exercises
from upperback.props import PropKind
from upperback.render.markdown import escape
from upperback.safety import Condition, Profile
from upperback.serialization import dumps
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    import argparse

    from upperback.exercise import Exercise

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    catalog = commands.add_parser("catalog", help="list the built-in exercises")
    enum_option(catalog, "--prop", PropKind, "only exercises that need this prop (all of them)")
    enum_option(catalog, "--kind", ExerciseKind, "only exercises of this kind (any)")
    enum_option(catalog, "--region", Region, "only exercises for this region (any)")
    kit_option(catalog, "any kit")
    enum_option(
        catalog, "--safe-for", Condition, "only exercises screening keeps for this condition"
    )
    add_format(catalog, ("text", "json", "markdown"))
    catalog.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the built-in exercises the filters keep."""
    catalog = default_catalog().where(
        requires=args.prop or None, kind=args.kind or None, region=args.region or None
    )
    kit = kit_for(args.kit, 170) if args.kit is not None else None
    if args.safe_for or kit is not None:
        profile = Profile(conditions=frozenset(args.safe_for or ()))
        catalog = safe_exercises(catalog, profile, kit=kit)
    if args.format == "json":
        emit(dumps(catalog, indent=2), args.output)
        return 0
    if args.format == "markdown":
        rows = [
            f"| `{e.id}` | {escape(e.name)} | {e.kind.value} | {_props(e) or '-'} |"
            for e in catalog
        ]
        emit(
            "\n".join(["| id | exercise | kind | props |", "|---|---|---|---|", *rows]), args.output
        )
        return 0
    lines = [f"{e.id}\t{e.name}\t{e.kind.value}\t{_props(e) or '-'}" for e in catalog]
    if lines:  # an empty list is no output, not an empty line
        emit("\n".join(lines), args.output)
    return 0


def _props(exercise: Exercise) -> str:
    return ", ".join(
        need.kind.value if need.required else f"({need.kind.value})" for need in exercise.props
    )
