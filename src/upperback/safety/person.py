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
  sedentary people [A7][A8]);
- the **heaviest band** for a level (:func:`band_ceiling`): tan and yellow
  for early rehabilitation, red and green to start strengthening, blue and
  above for advanced users [D1].

The hold ranges themselves (:data:`~upperback.dose.ADULT_HOLD_S`,
:data:`~upperback.dose.OLDER_ADULT_HOLD_S`,
:func:`~upperback.dose.hold_range_s`) are facts about doses, so they live in
:mod:`upperback.dose`, where scaling reads them too; they are importable
from here as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback.dose import ADULT_HOLD_S, OLDER_ADULT_HOLD_S, DoseLimits, hold_range_s
from upperback.props import BandLevel
from upperback.safety.conditions import AgeBand
from upperback.vocab import ExerciseKind, Level

if TYPE_CHECKING:
    from upperback.dose import Dose

__all__ = [
    "ADULT_HOLD_S",
    "BAND_CEILINGS",
    "LEVEL_STEP",
    "NOVICE_LEVELS",
    "OLDER_ADULT_BANDS",
    "OLDER_ADULT_HOLD_S",
    "OLDER_OR_NOVICE_REPS",
    "STRENGTH_REPS",
    "STRETCH_TOTAL_S",
    "adjusted_dose",
    "band_ceiling",
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


BAND_CEILINGS: Final = {
    Level.GENTLE: BandLevel.LIGHT,
    Level.EASY: BandLevel.HEAVY,
    Level.MODERATE: BandLevel.HEAVY,
    Level.HARD: BandLevel.EXTRA_HEAVY,
    Level.ADVANCED: BandLevel.MAX,
}
"""The heaviest band a progression reaches for a person at each level.

Thera-Band's own guide: tan and yellow for early rehabilitation, red and
green to start strengthening or for endurance, blue and above for advanced
users [D1]. The mapping onto the five levels is derived: level 1 (gentle)
stays within the early-rehabilitation bands (yellow); levels 2 and 3 within
the starting bands (green); level 4 reaches the first advanced band (blue);
only level 5 (advanced) goes on to the heaviest. A person whose level is not
known has no ceiling here, as for :func:`level_in_reach`; a kit's heaviest
band still limits them.
"""


def band_ceiling(level: Level | None) -> BandLevel:
    """The heaviest band a person at ``level`` progresses to (:data:`BAND_CEILINGS`) [D1].

    >>> band_ceiling(Level.EASY), band_ceiling(None)
    (<BandLevel.HEAVY: 4>, <BandLevel.MAX: 8>)
    >>> from upperback.props import THERABAND_COLOURS
    >>> THERABAND_COLOURS[band_ceiling(Level.GENTLE) - 1]
    'yellow'

    .. versionadded:: 0.1.0
    """
    if level is None:
        return max(BandLevel)
    v.instance("level", level, Level)
    return BAND_CEILINGS[level]


def _longer_holds(kind: ExerciseKind, older_adult: bool) -> bool:
    """Whether the person holds this kind of stretch longer than most adults (an older adult)."""
    return hold_range_s(kind, older_adult=older_adult) != ADULT_HOLD_S


def rep_range(*, older_adult: bool, novice: bool) -> tuple[int, int]:
    """The strengthening rep range: 8–12, or 10–15 for older adults and novices [A7][A5].

    >>> rep_range(older_adult=False, novice=False), rep_range(older_adult=False, novice=True)
    ((8, 12), (10, 15))

    .. versionadded:: 0.1.0
    """
    v.instance("older_adult", older_adult, bool)
    v.instance("novice", novice, bool)
    return OLDER_OR_NOVICE_REPS if older_adult or novice else STRENGTH_REPS


def adjusted_dose(
    kind: ExerciseKind,
    dose: Dose,
    *,
    older_adult: bool,
    novice: bool,
    limits: DoseLimits | None = None,
) -> Dose:
    """A default dose brought within an older adult's or a novice's ranges.

    - An older adult's static stretch is held within 30–60 s
      (:data:`~upperback.dose.OLDER_ADULT_HOLD_S`); when the longer hold would take the
      stretch past 60 s in all (:data:`STRETCH_TOTAL_S`), it has fewer
      repetitions, at least one: ACSM accumulates 60 s per exercise, e.g.
      2 × 30 s [A2][A3].
    - An older adult's or a novice's strengthening reps are brought within
      10–15 (:data:`OLDER_OR_NOVICE_REPS`).

    The exercise's own limits (``limits``, its
    ``dose_limits`` (:class:`~upperback.dose.DoseLimits`)) win over both ranges:
    a stretch held 10–15 s over a ball keeps its 15 s for an older adult.
    Any other dose is returned as it is. Screening may shorten it again
    (its caps win).

    >>> from upperback.dose import Dose
    >>> adjusted_dose(ExerciseKind.STATIC_STRETCH, Dose(sets=3, hold_s=20),
    ...               older_adult=True, novice=False).describe()
    '2 × 30 s hold'
    >>> adjusted_dose(ExerciseKind.STATIC_STRETCH, Dose(sets=4, hold_s=15),
    ...               older_adult=True, novice=False, limits=DoseLimits(hold_s=15)).describe()
    '4 × 15 s hold'

    .. versionadded:: 0.1.0
    """
    changes: dict[str, Any] = {}
    if _longer_holds(kind, older_adult) and dose.hold_s is not None:
        low, high = hold_range_s(kind, older_adult=older_adult, limits=limits)
        held = min(max(dose.hold_s, low), high)
        if held != dose.hold_s:
            changes["hold_s"] = held
            before = dose.sets * dose.hold_s
            if dose.sets * held > max(before, STRETCH_TOTAL_S):
                changes["sets"] = max(1, max(before, STRETCH_TOTAL_S) // held)
    if kind in _REP_KINDS and dose.reps is not None:
        low, high = rep_range(older_adult=older_adult, novice=novice)
        if limits is not None and limits.reps is not None:
            high = min(high, limits.reps)
            low = min(low, high)
        if (older_adult or novice) and not low <= dose.reps <= high:
            changes["reps"] = min(max(dose.reps, low), high)
    return attrs.evolve(dose, **changes) if changes else dose
