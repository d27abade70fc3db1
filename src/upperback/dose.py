"""How much of an exercise to do: sets, reps or holds, rest, and limits.

Bounds are deliberately conservative. They admit every dose in the
sources the library follows (ACSM [A1][A2][A7] and the exercises' own) and refuse doses that no
upper-back home programme calls for, such as a three-minute hold.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from upperback import _validate as v
from upperback.errors import InvalidValue
from upperback.props import BandLevel
from upperback.vocab import Laterality

__all__ = [
    "DEFAULT_TEMPO_S",
    "MAX_EFFORT",
    "MAX_HOLD_S",
    "MAX_PAIN",
    "MAX_REPS",
    "MAX_REST_S",
    "MAX_SETS",
    "MAX_TEMPO_S",
    "Dose",
    "DoseNumber",
]

MAX_SETS: Final = 10
"""At most 10 sets of one exercise in a session."""
MAX_REPS: Final = 50
"""At most 50 reps a set (endurance work runs 15–25 [A7]; the rest is headroom)."""
MAX_HOLD_S: Final = 120
"""At most a 120 s hold; older adults may hold 30–60 s [A1][A2]; longer "yin" holds are left out."""
MAX_REST_S: Final = 300
"""At most 300 s rest between sets (3–5 min is for heavy loading [A9])."""
MAX_TEMPO_S: Final = 10
"""At most 10 s for one slow repetition."""
MAX_PAIN: Final = 10
"""The top of the 0–10 pain scale."""
MAX_EFFORT: Final = 10
"""The top of the 0–10 effort scale."""
DEFAULT_TEMPO_S: Final = 3
"""Seconds one repetition takes when a dose gives no tempo (1–2 s each way [A9])."""


class DoseNumber(enum.StrEnum):
    """One number a dose states, named as its field is.

    An exercise says where each number of its default dose comes from: a
    source that gives it (a :class:`~upperback.exercise.Source`'s
    ``dose_numbers``) or a common convention, not from a study (the
    exercise's ``dose_conventions``).

    .. versionadded:: 0.2.0
    """

    SETS = "sets"
    REPS = "reps"
    HOLD_S = "hold_s"
    TEMPO_S = "tempo_s"
    REST_S = "rest_s"

    @property
    def words(self) -> str:
        """The number in plain words, such as ``"hold"`` for ``hold_s``."""
        return self.value.removesuffix("_s")


@attrs.frozen(kw_only=True)
class Dose:
    """How much of an exercise to do in one session.

    A dose has ``reps``, or ``hold_s``, or both (a hold at the end of each rep).

    Args:
        sets: Sets, or for a stretch its repetitions, 1 to 10.
        reps: Repetitions per set, 1 to 50.
        hold_s: Seconds to hold, 1 to 120: the whole set for a static
            stretch, or the end of each rep when ``reps`` is given too.
        tempo_s: Seconds one repetition takes, 1 to 10; when ``None``,
            :data:`DEFAULT_TEMPO_S` is used for timing.
        rest_s: Rest between sets, 0 to 300 s.
        per_side: Whether the numbers are for each side of a one-sided
            exercise, which then takes twice as long.
        max_pain: The most pain (0–10) the person should feel while doing it.
        max_effort: The most effort (0–10) the person should put in.
        band_level: The band to use, for banded exercises.

    >>> Dose(sets=2, hold_s=30).duration_s(Laterality.BILATERAL)
    90
    >>> Dose(sets=2, hold_s=30, rest_s=0, per_side=True).duration_s(Laterality.UNILATERAL)
    120

    .. versionadded:: 0.1.0
    """

    sets: int = attrs.field(default=1, metadata=v.between(1, MAX_SETS))
    reps: int | None = attrs.field(default=None, metadata=v.between(1, MAX_REPS))
    hold_s: int | None = attrs.field(default=None, metadata=v.between(1, MAX_HOLD_S, " seconds"))
    tempo_s: int | None = attrs.field(default=None, metadata=v.between(1, MAX_TEMPO_S, " seconds"))
    rest_s: int = attrs.field(default=30, metadata=v.between(0, MAX_REST_S, " seconds"))
    per_side: bool = False
    max_pain: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    max_effort: int | None = attrs.field(default=None, metadata=v.between(0, MAX_EFFORT))
    band_level: BandLevel | None = None

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        problems = self._bound_problems() or []
        for problem in (
            v.wrong_type("per_side", self.per_side, bool),
            None
            if self.band_level is None
            else v.wrong_type("band_level", self.band_level, BandLevel),
        ):
            if problem is not None:
                problems.append(problem)
        v.rules_report(self, problems)

    def _rules(self) -> list[InvalidValue]:
        problems = []
        if self.reps is None and self.hold_s is None:
            problems.append(InvalidValue("reps", None, "or 'hold_s' must be given"))
        if self.tempo_s is not None and self.reps is None:
            problems.append(InvalidValue("tempo_s", self.tempo_s, "may only be given with 'reps'"))
        return problems

    @property
    def numbers(self) -> tuple[DoseNumber, ...]:
        """The numbers this dose states, in :class:`DoseNumber` order.

        Sets always; reps, hold and tempo when given; rest when there is
        more than one set (rest falls between sets).

        >>> [number.value for number in Dose(sets=2, hold_s=30).numbers]
        ['sets', 'hold_s', 'rest_s']
        """
        given = {
            DoseNumber.SETS: True,
            DoseNumber.REPS: self.reps is not None,
            DoseNumber.HOLD_S: self.hold_s is not None,
            DoseNumber.TEMPO_S: self.tempo_s is not None,
            DoseNumber.REST_S: self.sets > 1,
        }
        return tuple(number for number, stated in given.items() if stated)

    @property
    def set_work_s(self) -> int:
        """Seconds of work in one set, on one side."""
        if self.reps is None:
            return self.hold_s or 0
        return self.reps * ((self.tempo_s or DEFAULT_TEMPO_S) + (self.hold_s or 0))

    def sides(self, laterality: Laterality) -> int:
        """How many times each set is done: 2 for a per-side dose of a one-sided exercise."""
        return 2 if self.per_side and laterality is not Laterality.BILATERAL else 1

    def work_s(self, laterality: Laterality) -> int:
        """Seconds of work over all sets and sides, without rest: the time under work.

        A routine's coverage counts this.
        """
        return self.sets * self.set_work_s * self.sides(laterality)

    def duration_s(self, laterality: Laterality) -> int:
        """Seconds of the dose on its own: all work, plus rest between (not after) sets.

        This is the dose's time, not the session's. A routine's timing
        (:meth:`~upperback.routine.Section.duration` and the session script)
        also counts a transition before each visit to an exercise and a switch
        between the sides of a one-sided exercise, and runs supersets and
        circuits in passes: 1 × 30 s per side of a one-sided exercise is 60 s
        here, and 75 s as a routine's only block (10 s to get ready, 30 s,
        5 s to switch sides, 30 s).
        """
        return self.work_s(laterality) + (self.sets - 1) * self.rest_s

    def describe(self) -> str:
        """A short human text, e.g. ``"2 × 12 reps"`` or ``"3 × 30 s hold, each side"``.

        >>> Dose(sets=2, reps=12).describe()
        '2 × 12 reps'
        >>> Dose(sets=3, hold_s=30, per_side=True).describe()
        '3 × 30 s hold, each side'
        """
        text = f"{self.sets} × {self.set_description}"
        return f"{text}, each side" if self.per_side else text

    @property
    def set_description(self) -> str:
        """What one set is, e.g. ``"12 reps"``, ``"30 s hold"`` or ``"8 reps, 2 s hold each"``."""
        if self.reps is not None and self.hold_s is not None:
            return f"{self.reps} reps, {self.hold_s} s hold each"
        if self.reps is not None:
            return f"{self.reps} reps"
        return f"{self.hold_s} s hold"
