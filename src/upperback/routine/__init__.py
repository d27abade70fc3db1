"""Routines: blocks of exercise and dose in warm-up, main and cool-down sections.

The parts, from the bottom up: ``structure`` (section
roles and structures), ``block`` (:class:`Block`),
``timing`` (durations and the session script),
``coverage``, ``model``
(:class:`Section`, :class:`Routine`), and the transforms that build on a
routine, each beside the result it returns: ``scaling``
(:func:`scale`) and ``substitution`` (:func:`substitute`); and ``frequency``,
how often a routine with strengthening may be done (:func:`check_recovery`).
"""

from __future__ import annotations

from upperback.routine.block import Block, Caution
from upperback.routine.coverage import Coverage
from upperback.routine.frequency import (
    MAX_STRENGTH_SESSIONS,
    RECOVERY_KINDS,
    check_recovery,
    needs_recovery,
    recovery_problem,
)
from upperback.routine.model import Routine, Section
from upperback.routine.scaling import DoseChange, ScaleResult, scale
from upperback.routine.structure import MAX_ROUNDS, SectionRole, Structure
from upperback.routine.substitution import Substitution, SubstitutionResult, substitute
from upperback.routine.timing import SWITCH_SIDES_S, TRANSITION_S, Side, Step, StepKind

__all__ = [
    "MAX_ROUNDS",
    "MAX_STRENGTH_SESSIONS",
    "RECOVERY_KINDS",
    "SWITCH_SIDES_S",
    "TRANSITION_S",
    "Block",
    "Caution",
    "Coverage",
    "DoseChange",
    "Routine",
    "ScaleResult",
    "Section",
    "SectionRole",
    "Side",
    "Step",
    "StepKind",
    "Structure",
    "Substitution",
    "SubstitutionResult",
    "check_recovery",
    "needs_recovery",
    "recovery_problem",
    "scale",
    "substitute",
]
