"""The objective the composer maximises, stated once so that anyone can check it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from upperback import _validate as v
from upperback.compose.goal import Goal
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.routine import Routine

if TYPE_CHECKING:
    from upperback.compose.goal import Target

__all__ = ["REPEAT_FACTOR", "objective"]

REPEAT_FACTOR: Final = 0.5
"""How much each further exercise on the same target is worth, relative to the one before.

Not a clinical number (the sources give none): a choice of the library.
The first exercise on a target earns half of the target's weight, the
second a quarter, and so on, so a routine spreads over the targets before
it repeats one, yet repeating one still counts.
"""


def hits(exercise: Exercise, targets: Iterable[Target]) -> tuple[int, ...]:
    """The indices of the targets an exercise works on."""
    benefits, muscles = exercise.benefits, exercise.targets
    return tuple(i for i, target in enumerate(targets) if target.is_met_by(benefits, muscles))


def objective(chosen: Routine | Iterable[Exercise], goal: Goal) -> float:
    r"""How well exercises cover a goal's weighted targets: a number from 0 to 1.

    With :math:`w_t` the weight of target :math:`t`, :math:`c_t` the number
    of distinct chosen exercises that work on it (by benefit, by target
    muscle, or by a target muscle in the region) and
    :math:`r` = :data:`REPEAT_FACTOR`, the score is

    .. math:: \frac{\sum_t w_t (1 - r^{c_t})}{\sum_t w_t}

    Each further exercise on a target adds less than the one before
    (diminishing returns), and the score reaches 1 only in the limit.
    Time, safety and kit are not part of it: they are hard constraints of
    :func:`~upperback.compose.composer.compose`, never traded for a higher score.

    >>> from upperback import default_catalog, Benefit
    >>> goal = Goal.of(10, benefits=[Benefit.FLEXIBILITY])
    >>> objective([default_catalog()["cat-camel"]], goal)
    0.5

    Args:
        chosen: A routine, or exercises (an exercise given twice counts once).
        goal: The goal whose targets are scored.

    Raises:
        InvalidValue: ``goal`` is not a :class:`~upperback.compose.goal.Goal`, or ``chosen`` holds
            something that is not an exercise.
    """
    v.instance("goal", goal, Goal)
    if isinstance(chosen, Routine):
        exercises: Iterable[object] = (block.exercise for block in chosen.blocks)
    elif isinstance(chosen, Iterable):
        exercises = chosen
    else:
        raise InvalidValue("chosen", chosen, "must be a routine or exercises")
    counts = [0] * len(goal.targets)
    seen: set[str] = set()
    for i, exercise in enumerate(exercises):
        if not isinstance(exercise, Exercise):
            raise InvalidValue(f"chosen[{i}]", exercise, "must be an Exercise")
        if exercise.id in seen:
            continue
        seen.add(exercise.id)
        for t in hits(exercise, goal.targets):
            counts[t] += 1
    return score(counts, [target.weight for target in goal.targets])


def score(counts: Iterable[int], weights: Iterable[float]) -> float:
    """The objective from the count of exercises on each target and the targets' weights."""
    pairs = list(zip(counts, weights, strict=True))
    total = sum(weight for _, weight in pairs)
    return sum(weight * (1 - REPEAT_FACTOR**count) for count, weight in pairs) / total
