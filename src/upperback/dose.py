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
from upperback.vocab import ExerciseKind, Laterality

__all__ = [
    "ADULT_HOLD_S",
    "DEFAULT_TEMPO_S",
    "MAX_EFFORT",
    "MAX_HOLD_S",
    "MAX_PAIN",
    "MAX_REPS",
    "MAX_REST_S",
    "MAX_SETS",
    "MAX_TEMPO_S",
    "OLDER_ADULT_HOLD_S",
    "Dose",
    "DoseLimits",
    "DoseNumber",
    "hold_range_s",
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

ADULT_HOLD_S: Final = (10, 30)
"""Static stretch holds for most adults, 10 to 30 s [A1][A2]."""

OLDER_ADULT_HOLD_S: Final = (30, 60)
"""Static stretch holds for older adults, 30 to 60 s, which may give more benefit [A1][A2]."""

_OLDER_HOLD_KINDS: Final = frozenset({ExerciseKind.STATIC_STRETCH})
"""ACSM's 30–60 s is the hold of a static stretch; a PNF stretch keeps its 10–30 s [A4]."""


def hold_range_s(
    kind: ExerciseKind, *, older_adult: bool, limits: DoseLimits | None = None
) -> tuple[int, int]:
    """A stretch's hold, in seconds: 10–30 s, or 30–60 s for an older adult's static stretch.

    ACSM's older-adult holds are those of static stretches [A1][A2]; a PNF
    stretch's assisted stretch keeps to 10–30 s [A4]. Who counts as an
    older adult is :func:`upperback.safety.person.is_older_adult`'s to say.
    An exercise's own longest hold (``limits``, its
    ``dose_limits`` (:class:`~upperback.dose.DoseLimits`)) wins: the range is
    brought down to it, so that 10–15 s over a ball stays 10–15 s for
    everyone (the narrower, more cautious dose).

    >>> static = ExerciseKind.STATIC_STRETCH
    >>> hold_range_s(static, older_adult=False), hold_range_s(static, older_adult=True)
    ((10, 30), (30, 60))
    >>> hold_range_s(ExerciseKind.PNF_STRETCH, older_adult=True)
    (10, 30)
    >>> hold_range_s(static, older_adult=True, limits=DoseLimits(hold_s=15))
    (15, 15)

    .. versionadded:: 0.1.0
    """
    v.instance("kind", kind, ExerciseKind)
    v.instance("older_adult", older_adult, bool)
    low, high = OLDER_ADULT_HOLD_S if older_adult and kind in _OLDER_HOLD_KINDS else ADULT_HOLD_S
    if limits is not None:
        v.instance("limits", limits, DoseLimits)
        if limits.hold_s is not None:
            high = min(high, limits.hold_s)
            low = min(low, high)
    return low, high


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


@attrs.frozen(kw_only=True)
class DoseLimits:
    """The most an exercise's own sources give for its dose: what progression never passes.

    Most exercises follow the general ranges (ACSM's 10–30 s holds and 2–4
    repetitions for a stretch [A2], 2–4 sets of 8–12 reps for strength
    [A7]); some have a narrower dose of their own, such as 10–15 s holds
    over a ball. A limit is data the library reads: progression
    (:func:`~upperback.progression.decide.progress`, :func:`~upperback.progression.program.plan`)
    never takes a number past it, and :func:`~upperback.routine.scale` never
    lengthens one past it. A dose an app writes above a limit is the app's
    choice: it is kept, and never made harder.

    >>> DoseLimits(hold_s=15).describe()
    'holds up to 15 s'
    >>> DoseLimits(hold_s=15).cap(Dose(sets=4, hold_s=30)).describe()
    '4 × 15 s hold'

    Args:
        sets: The most sets (or repetitions of a stretch), 1 to 10.
        reps: The most reps a set, 1 to 50.
        hold_s: The longest hold, 1 to 120 s.

    .. versionadded:: 0.2.0
    """

    sets: int | None = attrs.field(default=None, metadata=v.between(1, MAX_SETS))
    reps: int | None = attrs.field(default=None, metadata=v.between(1, MAX_REPS))
    hold_s: int | None = attrs.field(default=None, metadata=v.between(1, MAX_HOLD_S, " seconds"))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())

    def of(self, field: str) -> int | None:
        """The limit of a dose's field (``"sets"``, ``"reps"``, ``"hold_s"``), or ``None``."""
        return getattr(self, field, None) if field in _LIMITED else None

    def cap(self, dose: Dose) -> Dose:
        """``dose`` with every number above its limit brought down to it (as is when within)."""
        changes = {
            field: limit
            for field in _LIMITED
            if (limit := getattr(self, field)) is not None
            and (value := getattr(dose, field)) is not None
            and value > limit
        }
        return attrs.evolve(dose, **changes) if changes else dose

    def problems(self, dose: Dose, path: str) -> list[InvalidValue]:
        """What in ``dose`` (at ``path``) passes a limit, one problem per number."""
        return [
            InvalidValue(
                f"{path}.{field}",
                value,
                f"must be at most {limit}{_UNIT[field]}, the exercise's own limit"
                f" (dose_limits.{field})",
            )
            for field in _LIMITED
            if (limit := getattr(self, field)) is not None
            and (value := getattr(dose, field)) is not None
            and value > limit
        ]

    def describe(self) -> str:
        """The limits in plain words (``""`` when there are none)."""
        words = {"sets": "sets up to {}", "reps": "reps up to {}", "hold_s": "holds up to {} s"}
        return ", ".join(
            words[field].format(limit)
            for field in _LIMITED
            if (limit := getattr(self, field)) is not None
        )


_LIMITED: Final = ("sets", "reps", "hold_s")
_UNIT: Final = {"sets": " sets", "reps": " reps", "hold_s": " seconds"}
