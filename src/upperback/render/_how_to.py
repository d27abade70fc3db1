"""How to do each exercise of a program, and whether its logs referred the person.

A program's weeks give each block's dose; its cards say once how to do each
exercise (its cues, the cautions screening put on it, its pictures), one card
for each form an exercise takes (its cautions or notes may change with the
weeks). A referral is said before anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.progression import addresses
from upperback.render._person import Cited
from upperback.render._sheet import card

if TYPE_CHECKING:
    from upperback.progression import Program
    from upperback.render._person import PersonView
    from upperback.render._sheet import Card
    from upperback.routine import Block

__all__ = ["program_cards", "referral", "span", "variants"]


def program_cards(program: Program, view: PersonView) -> tuple[Card, ...]:
    """A card for each form of each exercise, without a dose, numbered in order of first use."""
    found = variants(program)
    ids = [block.exercise.id for block, _ in found]
    several = {exercise_id for exercise_id in ids if ids.count(exercise_id) > 1}
    return tuple(
        card(
            number,
            block,
            view,
            program.person,
            dose=False,
            weeks=span(weeks) if block.exercise.id in several else None,
        )
        for number, (block, weeks) in enumerate(found, start=1)
    )


def variants(program: Program) -> list[tuple[Block, list[int]]]:
    """Each exercise as the program has it, with its cautions, and the weeks it is done so.

    The dose is each week's (in the week tables), so blocks that differ only
    in dose share one card, shown by the first of them.
    """
    found: dict[tuple[object, ...], tuple[Block, list[int]]] = {}
    for week in program.weeks:
        for _, block in addresses(week.routine):
            key = (block.exercise, block.cautions, block.notes)
            weeks = found.setdefault(key, (block, []))[1]
            if week.number not in weeks:
                weeks.append(week.number)
    return list(found.values())


def span(weeks: list[int]) -> str:
    """``"weeks 1 to 3 and 6"``: the weeks, in runs."""
    runs: list[list[int]] = []
    for number in weeks:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    words = [f"{run[0]}" if len(run) == 1 else f"{run[0]} to {run[-1]}" for run in runs]
    plural = "s" if len(weeks) > 1 else ""
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"week{plural} {listed}"


def referral(program: Program) -> tuple[Cited, ...]:
    """The line that says exercise stopped to refer the person, pointing to the week it did.

    What to do instead, and why, is said once, in that week
    (``Program.referrals``), so this line does not repeat it.
    """
    if not program.referrals:
        return ()
    number, first = program.referrals[0]
    level = first.level.value.replace("_", " ")
    text = (
        f"From week {number}, progression stopped to refer you ({level}):"
        f" week {number} says what to do instead, and why."
    )
    return (Cited(text=text, sources=first.sources),)
