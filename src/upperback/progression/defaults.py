"""The rules a plan uses when an app sets none: one per exercise kind, from the sources.

Each default is wrapped in a :class:`~upperback.progression.rules.PainGate`
(as every rule is, when :func:`~upperback.progression.decide.progress` and
:func:`~upperback.progression.program.plan` apply it), and every number stays
within the exercise's own limits
(``dose_limits`` (:class:`~upperback.dose.DoseLimits`)) and the person's band
ceiling (:func:`~upperback.safety.person.band_ceiling`).
The defaults for exercises that are not stretches end with
:class:`~upperback.progression.rules.Advance`, which moves to the catalog's
harder exercise once the dose has reached its caps (only when a catalog is
given, and only to an exercise screening allows). A stretch stays at its
target dose, 60 s per exercise, which is what the sources prescribe [A2].

- Stretches (static and PNF): holds grow by 5 s towards 30 s, the top of
  the 10–30 s ACSM hold for most adults, or, for a static stretch, 60 s
  for older adults (30–60 s) [A1][A2]; then repetitions, 2 to 4 of them,
  until they add up to 60 s of stretch per exercise [A2][A3]. The 5 s step
  is derived: ACSM calls the optimal rate of progression unknown [A2], so
  the step is small.
- Strengthening: double progression over 8–12 reps, or 10–15 for older
  or novice people [A7][A5], then the next band level or one more set,
  up to 4 (2–4 sets) [A7]; double progression itself is a coaching
  convention built on ACSM's rule of adding load once the target reps are
  exceeded [A9].
- Motor control (such as chin tucks): the end hold grows by 1 s to 10 s,
  then reps from 10 to 15, from the chin tuck's 10 reps of 5 s [E19*]; the
  10 s and 15 reps are a common convention, not from a study.
- Dynamic mobility: reps from 5 to 10 cycles, a common convention, not
  from a study.
- Breathing: held as prescribed.

The ranges and who counts as an older adult or a novice are defined once,
in :mod:`upperback.safety.person`, and read by the composer's doses too.
"""

from __future__ import annotations

from typing import Final

from upperback import _validate as v
from upperback.exercise import Exercise
from upperback.progression.rules import (
    Advance,
    Chain,
    DoubleProgression,
    Hold,
    HoldProgression,
    PainGate,
    ProgressionRule,
    SetProgression,
    Then,
)
from upperback.routine.scaling import HOLD_STEP_S
from upperback.safety.person import (
    STRETCH_TOTAL_S,
    hold_range_s,
    rep_range,
)
from upperback.safety.profile import Profile
from upperback.vocab import ExerciseKind

__all__ = ["default_rule"]

_STRETCH_MAX_SETS: Final = 4
"""2–4 repetitions to reach the 60 s [A2]."""
_STRENGTH_MAX_SETS: Final = 4
"""2–4 sets per muscle group [A7]."""
_MOTOR_HOLD_S: Final = 10
"""Chin tucks: 5 s holds [E19*], building to 10 s (a common convention, not from a study)."""
_MOTOR_RANGE: Final = (10, 15)
"""Chin tucks: 10 reps [E19*], building to 15 (a common convention, not from a study)."""
_MOBILITY_RANGE: Final = (5, 10)
"""5–10 cycles of a dynamic mobility drill: a common convention, not from a study."""


def default_rule(
    exercise: Exercise,
    *,
    older_adult: bool = False,
    novice: bool = False,
    profile: Profile | None = None,
) -> ProgressionRule:
    """The default rule for an exercise, by its kind (see the module's notes for the sources).

    >>> from upperback import default_catalog
    >>> print(default_rule(default_catalog()["band-pull-apart"]).describe())
    pain-gated (progress only when pain stays in the safe zone): first of: double progression over 8–12 reps: +1 rep until every set reaches 12, then the next band level (or one more set, up to 4), back to 8 reps; then advance to the catalog's harder exercise after 1 successful session at the dose's limit

    Args:
        exercise: The exercise.
        older_adult: Use the older adults' ranges: static stretch holds to
            60 s, 10–15 reps.
        novice: Use the 10–15 rep range for strengthening.
        profile: The person: an older adult
            (:attr:`~upperback.safety.profile.Profile.older_adult`) or a novice
            (:attr:`~upperback.safety.profile.Profile.novice`) gets those
            ranges as if ``older_adult`` or ``novice`` were given.

    .. versionadded:: 0.1.0
    """  # noqa: E501
    v.instance("exercise", exercise, Exercise)
    v.instance("older_adult", older_adult, bool)
    v.instance("novice", novice, bool)
    if profile is not None:
        v.instance("profile", profile, Profile)
        older_adult = older_adult or profile.older_adult
        novice = novice or profile.novice
    kind = exercise.kind
    inner: list[ProgressionRule]
    if kind.is_stretch:
        hold = hold_range_s(kind, older_adult=older_adult)[1]
        inner = [
            HoldProgression(step_s=HOLD_STEP_S, max_s=hold),
            SetProgression(max_sets=_STRETCH_MAX_SETS, max_total_s=STRETCH_TOTAL_S),
        ]
        return PainGate(inner=Chain(rules=tuple(inner)))
    if kind is ExerciseKind.STRENGTHENING:
        low, high = rep_range(older_adult=older_adult, novice=novice)
        inner = [DoubleProgression(low=low, high=high, max_sets=_STRENGTH_MAX_SETS)]
    elif kind is ExerciseKind.MOTOR_CONTROL:
        low, high = _MOTOR_RANGE
        inner = [
            HoldProgression(step_s=1, max_s=_MOTOR_HOLD_S),
            DoubleProgression(low=low, high=high, then=Then.NOTHING),
        ]
    elif kind is ExerciseKind.DYNAMIC_MOBILITY:
        low, high = _MOBILITY_RANGE
        inner = [DoubleProgression(low=low, high=high, then=Then.NOTHING)]
    else:
        return PainGate(inner=Hold())
    return PainGate(inner=Chain(rules=(*inner, Advance())))
