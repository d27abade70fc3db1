"""The composer: a safe, good routine for a goal, a person and a kit, in one call.

- :class:`~upperback.compose.goal.Goal` says what to work on (weighted
  benefits, regions or muscles) within how many minutes, in which
  positions, at what level and with which kinds of exercise.
- :func:`~upperback.compose.composer.compose` chooses exercises from a
  catalog to cover the goal as well as the
  :func:`~upperback.compose.scoring.objective` can, never breaking the
  hard constraints (time, kit, safety, positions, level), and explains
  each choice and each gap.
- :func:`~upperback.compose.prescription.prescribe` adapts an existing
  prescription (such as :func:`~upperback.compose.examples.desk_reset`) to
  a person: substitute for the kit, screen, replace what is excluded,
  fit the time, screen again.
- :func:`~upperback.compose.composer.safe_exercises` is the catalog query
  "safe for this person and doable with this kit".
"""

from __future__ import annotations

from upperback.compose.composer import (
    OLDER_ADULT_HOLD_S,
    Choice,
    Composition,
    Gap,
    compose,
    dose_for,
    reach,
    role_of,
    safe_exercises,
)
from upperback.compose.examples import DESK_RESET, desk_reset
from upperback.compose.goal import MAX_MINUTES, MIN_MINUTES, Goal, Target
from upperback.compose.prescription import Change, ChangeKind, Prescription, prescribe
from upperback.compose.scoring import REPEAT_FACTOR, objective

__all__ = [
    "DESK_RESET",
    "MAX_MINUTES",
    "MIN_MINUTES",
    "OLDER_ADULT_HOLD_S",
    "REPEAT_FACTOR",
    "Change",
    "ChangeKind",
    "Choice",
    "Composition",
    "Gap",
    "Goal",
    "Prescription",
    "Target",
    "compose",
    "desk_reset",
    "dose_for",
    "objective",
    "prescribe",
    "reach",
    "role_of",
    "safe_exercises",
]
