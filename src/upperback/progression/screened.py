"""A program holds only what screening keeps for its own person.

A :class:`~upperback.progression.program.Program` that names a profile is
checked against it whenever it is made or loaded: a week whose routine, or a
decision whose next block, holds an exercise that screening excludes for the
person is refused, at the path of that exercise. So a program document from
outside cannot be edited (or written by another tool) into giving a person
what their own profile rules out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.errors import InvalidValue, InvalidValues
from upperback.safety import Verdict, screen

if TYPE_CHECKING:
    from collections.abc import Iterator

    from upperback.progression.program import Program
    from upperback.routine import Block, Routine
    from upperback.safety import BlockScreen, Profile

__all__ = ["check_screened"]


def check_screened(program: Program) -> None:
    """Refuse a program that gives its person an exercise their screening excludes.

    Raises:
        InvalidValue: An exercise screening excludes for the program's person
            (an :class:`~upperback.errors.InvalidValues` when there are
            several), each at the path of the exercise's id
            (``weeks[3].routine.sections[0].blocks[1].exercise.id``), with the
            rules that exclude it.
    """
    profile = program.profile
    if profile is None:
        return
    verdicts: dict[int, BlockScreen] = {}
    errors = []
    for path, block in _blocks(program):
        found = verdicts.get(id(block.exercise))
        if found is None:
            found = verdicts[id(block.exercise)] = screen(block.exercise, _person(profile))
        if found.verdict is Verdict.EXCLUDE:
            rules = "; ".join(f"{rule.id}: {rule.reason}" for rule in found.rules)
            errors.append(
                InvalidValue(
                    f"{path}.exercise.id",
                    block.exercise.id,
                    f"must not be an exercise the program's profile excludes ({rules})",
                )
            )
    if errors:
        raise errors[0] if len(errors) == 1 else InvalidValues(errors)


def _person(profile: Profile) -> Profile:
    """The person as screened: the program's profile."""
    return profile


def _blocks(program: Program) -> Iterator[tuple[str, Block]]:
    """Every block a program gives the person, with its path: each week's, each decision's."""
    yield from _routine_blocks("routine", program.routine)
    for i, week in enumerate(program.weeks):
        yield from _routine_blocks(f"weeks[{i}].routine", week.routine)
        for j, decision in enumerate(week.decisions):
            yield f"weeks[{i}].decisions[{j}].block", decision.block


def _routine_blocks(path: str, routine: Routine) -> Iterator[tuple[str, Block]]:
    for i, section in enumerate(routine.sections):
        for j, block in enumerate(section.blocks):
            yield f"{path}.sections[{i}].blocks[{j}]", block
