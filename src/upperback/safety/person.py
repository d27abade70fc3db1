"""What a person's level and age band change: the level in reach and the default doses.

Each notion is defined here once and read by screening
(:func:`~upperback.safety.screen.screen`), the composer
(:func:`~upperback.compose.composer.compose`,
:func:`~upperback.compose.prescription.prescribe`) and the progression
defaults (:func:`~upperback.progression.defaults.default_rule`):

- the **level in reach** (:func:`level_in_reach`): exercises up to one
  level above the person's are offered, with a caution; anything higher is
  left out;
- **older adults** (:func:`is_older_adult`): the ``over_50`` band. Static
  stretches are held 30–60 s rather than 10–30 s [A1][A2], and
  strengthening uses 10–15 reps rather than 8–12 [A5][A3];
- **novices** (:func:`is_novice`): levels 1 and 2. Strengthening uses
  10–15 reps as for starters [A5][A3] (derived: the sources name
  "middle-aged and older starters", and lighter starting loads for
  sedentary people [A7][A8]).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback.safety.conditions import AgeBand
from upperback.vocab import ExerciseKind, Level

if TYPE_CHECKING:
    from upperback.dose import Dose

__all__ = [
    "ADULT_HOLD_S",
    "LEVEL_STEP",
    "NOVICE_LEVELS",
    "OLDER_ADULT_BANDS",
    "OLDER_ADULT_HOLD_S",
    "OLDER_OR_NOVICE_REPS",
    "STRENGTH_REPS",
    "STRETCH_TOTAL_S",
    "adjusted_dose",
    "hold_range_s",
    "is_novice",
    "is_older_adult",
    "level_in_reach",
    "rep_range",
]

LEVEL_STEP: Final = 1
"""How many levels above a person's own an exercise may be and still be offered.

Derived: ACSM calls the optimal rate of progression unknown [A2], so the
library moves one level at a time, as a progression to the harder
neighbour does. Screening adds a caution to an exercise this far above the
person's level and leaves out anything higher.
"""

ADULT_HOLD_S: Final = (10, 30)
"""Static stretch holds for most adults, 10 to 30 s [A1][A2]."""

OLDER_ADULT_HOLD_S: Final = (30, 60)
"""Static stretch holds for older adults, 30 to 60 s, which may give more benefit [A1][A2]."""

STRETCH_TOTAL_S: Final = 60
"""Stretch time to accumulate per exercise (per side), 60 s [A2][A3]."""

STRENGTH_REPS: Final = (8, 12)
"""Repetitions for strength, 8 to 12 [A7]."""

OLDER_OR_NOVICE_REPS: Final = (10, 15)
"""Repetitions for middle-aged and older starters and for novices, 10 to 15 [A5][A3]."""

OLDER_ADULT_BANDS: Final = frozenset({AgeBand.OVER_50})
"""The age bands that get the older adults' doses.

The sources give no age at which the 30–60 s holds start [A1][A2], and
the 10–15 reps are for "middle-aged and older" starters [A5]; the only
band above middle age is ``over_50``, so it is the one (the cautious
reading: the lighter, longer-held doses reach more people).
"""

NOVICE_LEVELS: Final = frozenset({Level.GENTLE, Level.EASY})
"""The levels that get the starters' 10–15 reps, the two lowest of five (derived)."""

_OLDER_HOLD_KINDS: Final = frozenset({ExerciseKind.STATIC_STRETCH})
"""ACSM's 30–60 s is the hold of a static stretch; a PNF stretch keeps its 10–30 s [A4]."""

_REP_KINDS: Final = frozenset({ExerciseKind.STRENGTHENING})
"""The 8–12 and 10–15 rep ranges are for resistance exercise [A5][A7]."""


def level_in_reach(level: Level | None) -> int:
    """The highest exercise level offered to a person at ``level``; 5 when it is unknown.

    >>> level_in_reach(Level.GENTLE), level_in_reach(Level.ADVANCED), level_in_reach(None)
    (2, 5, 5)

    .. versionadded:: 0.1.0
    """
    top = int(max(Level))
    if level is None:
        return top
    v.instance("level", level, Level)
    return min(top, int(level) + LEVEL_STEP)


def is_older_adult(age_band: AgeBand | None) -> bool:
    """Whether a person in this age band gets the older adults' doses (see :data:`OLDER_ADULT_BANDS`).

    .. versionadded:: 0.1.0
    """  # noqa: E501
    if age_band is not None:
        v.instance("age_band", age_band, AgeBand)
    return age_band in OLDER_ADULT_BANDS


def is_novice(level: Level | None) -> bool:
    """Whether a person at this level gets the starters' rep range (see :data:`NOVICE_LEVELS`).

    .. versionadded:: 0.1.0
    """
    if level is not None:
        v.instance("level", level, Level)
    return level in NOVICE_LEVELS


def hold_range_s(kind: ExerciseKind, *, older_adult: bool) -> tuple[int, int]:
    """A stretch's hold, in seconds: 10–30 s, or 30–60 s for an older adult's static stretch.

    ACSM's older-adult holds are those of static stretches [A1][A2]; a PNF
    stretch's assisted stretch keeps to 10–30 s [A4].

    >>> static = ExerciseKind.STATIC_STRETCH
    >>> hold_range_s(static, older_adult=False), hold_range_s(static, older_adult=True)
    ((10, 30), (30, 60))
    >>> hold_range_s(ExerciseKind.PNF_STRETCH, older_adult=True)
    (10, 30)

    .. versionadded:: 0.1.0
    """
    return OLDER_ADULT_HOLD_S if _older_hold(kind, older_adult) else ADULT_HOLD_S


def _older_hold(kind: ExerciseKind, older_adult: bool) -> bool:
    v.instance("kind", kind, ExerciseKind)
    v.instance("older_adult", older_adult, bool)
    return older_adult and kind in _OLDER_HOLD_KINDS


def rep_range(*, older_adult: bool, novice: bool) -> tuple[int, int]:
    """The strengthening rep range: 8–12, or 10–15 for older adults and novices [A7][A5].

    >>> rep_range(older_adult=False, novice=False), rep_range(older_adult=False, novice=True)
    ((8, 12), (10, 15))

    .. versionadded:: 0.1.0
    """
    v.instance("older_adult", older_adult, bool)
    v.instance("novice", novice, bool)
    return OLDER_OR_NOVICE_REPS if older_adult or novice else STRENGTH_REPS


def adjusted_dose(kind: ExerciseKind, dose: Dose, *, older_adult: bool, novice: bool) -> Dose:
    """A default dose brought within an older adult's or a novice's ranges.

    - An older adult's static stretch is held within 30–60 s
      (:data:`OLDER_ADULT_HOLD_S`); when the longer hold would take the
      stretch past 60 s in all (:data:`STRETCH_TOTAL_S`), it has fewer
      repetitions, at least one: ACSM accumulates 60 s per exercise, e.g.
      2 × 30 s [A2][A3].
    - An older adult's or a novice's strengthening reps are brought within
      10–15 (:data:`OLDER_OR_NOVICE_REPS`).

    Any other dose is returned as it is. Screening may shorten it again
    (its caps win).

    >>> from upperback.dose import Dose
    >>> adjusted_dose(ExerciseKind.STATIC_STRETCH, Dose(sets=3, hold_s=20),
    ...               older_adult=True, novice=False).describe()
    '2 × 30 s hold'

    .. versionadded:: 0.1.0
    """
    changes: dict[str, Any] = {}
    if _older_hold(kind, older_adult) and dose.hold_s is not None:
        low, high = OLDER_ADULT_HOLD_S
        held = min(max(dose.hold_s, low), high)
        if held != dose.hold_s:
            changes["hold_s"] = held
            before = dose.sets * dose.hold_s
            if dose.sets * held > max(before, STRETCH_TOTAL_S):
                changes["sets"] = max(1, max(before, STRETCH_TOTAL_S) // held)
    if kind in _REP_KINDS and dose.reps is not None:
        low, high = rep_range(older_adult=older_adult, novice=novice)
        if (older_adult or novice) and not low <= dose.reps <= high:
            changes["reps"] = min(max(dose.reps, low), high)
    return attrs.evolve(dose, **changes) if changes else dose
