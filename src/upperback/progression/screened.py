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
    if program.profile is None:
        return
    people: dict[int, Profile] = {}
    verdicts: dict[tuple[int, Profile], BlockScreen] = {}
    errors = []
    for week, path, block in _blocks(program):
        person = people.get(week)
        if person is None:
            person = people[week] = _person(program, week)
        found = verdicts.get((id(block.exercise), person))
        if found is None:
            found = verdicts[id(block.exercise), person] = screen(block.exercise, person)
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


def _person(program: Program, week: int) -> Profile:
    """The person as the plan screened them in ``week``: a person who changes, as they were."""
    person = program.person_in(week)
    assert person is not None  # a program with a profile has a person every week  # noqa: S101
    return person


def _blocks(program: Program) -> Iterator[tuple[int, str, Block]]:
    """Every block a program gives the person, with its week and path."""
    for path, block in _routine_blocks("routine", program.routine):
        yield 1, path, block
    for i, week in enumerate(program.weeks):
        for path, block in _routine_blocks(f"weeks[{i}].routine", week.routine):
            yield week.number, path, block
        for j, decision in enumerate(week.decisions):
            yield week.number, f"weeks[{i}].decisions[{j}].block", decision.block


def _routine_blocks(path: str, routine: Routine) -> Iterator[tuple[str, Block]]:
    for i, section in enumerate(routine.sections):
        for j, block in enumerate(section.blocks):
            yield f"{path}.sections[{i}].blocks[{j}]", block
