"""A block: one exercise in a routine, with its dose."""

from __future__ import annotations

from typing import Any

import attrs

from upperback import _validate as v
from upperback.dose import Dose
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.vocab import Laterality

__all__ = ["Block"]


@attrs.frozen(kw_only=True)
class Block:
    """One exercise in a routine, with its dose and optional notes.

    The block carries the whole :class:`~upperback.exercise.Exercise`,
    so a saved routine is a complete document.

    Args:
        exercise: What to do.
        dose: How much; the exercise's default dose when not given.
        notes: A note for the person, e.g. "keep the range small this week".

    .. versionadded:: 0.1.0
    """

    exercise: Exercise
    dose: Dose = attrs.field()
    notes: str | None = attrs.field(default=None, metadata=v.text_up_to())

    @dose.default
    def _default_dose(self) -> Dose:
        exercise: Any = self.exercise  # checked in __attrs_post_init__, which runs later
        return exercise.default_dose if isinstance(exercise, Exercise) else Dose(reps=1)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("exercise", self.exercise, Exercise)
        v.instance("dose", self.dose, Dose)
        if problems := self._bound_problems():
            v.report(problems)
        if self.dose.per_side and self.exercise.laterality is Laterality.BILATERAL:
            raise InvalidValue(
                "dose.per_side", self.dose.per_side, "must be false for a bilateral exercise"
            )

    @classmethod
    def of(cls, item: Block | Exercise) -> Block:
        """A block from a block (returned as is) or an exercise at its default dose."""
        return item if isinstance(item, Block) else cls(exercise=item)
