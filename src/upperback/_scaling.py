"""Fitting a routine into a time budget: the rules behind :meth:`Routine.scaled`."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._timing import section_s
from upperback.routine import Block, DoseChange, Routine, ScaleResult

if TYPE_CHECKING:
    from upperback.dose import Dose

HOLD_STEP_S: Final = 5
STRETCH_HOLD_S: Final = (10, 30)
"""Static stretch holds for most adults: 10–30 s [A1][A2]."""
STRETCH_SETS: Final = (2, 4)
"""Repetitions of a static stretch: 2–4 [A2]."""
OTHER_SETS: Final = (1, 4)
"""Sets of other exercises: at least 1; 2–4 per muscle group for strength [A7]."""

MIN_MINUTES: Final = 1
MAX_MINUTES: Final = 240

Position = tuple[int, int]


def _shorter(block: Block) -> list[Dose]:
    dose = block.dose
    options = []
    if block.exercise.kind.is_stretch:
        low_hold, high_hold = STRETCH_HOLD_S
        if dose.reps is None and dose.hold_s is not None and dose.hold_s > low_hold:
            hold = max(low_hold, min(dose.hold_s - HOLD_STEP_S, high_hold))
            options.append(attrs.evolve(dose, hold_s=hold))
        low_sets, high_sets = STRETCH_SETS
    else:
        low_sets, high_sets = OTHER_SETS
    if dose.sets > low_sets:
        options.append(attrs.evolve(dose, sets=min(dose.sets - 1, high_sets)))
    return options


def _longer(block: Block) -> list[Dose]:
    dose = block.dose
    options = []
    if block.exercise.kind.is_stretch:
        low_hold, high_hold = STRETCH_HOLD_S
        if dose.reps is None and dose.hold_s is not None and dose.hold_s < high_hold:
            hold = min(high_hold, max(dose.hold_s + HOLD_STEP_S, low_hold))
            options.append(attrs.evolve(dose, hold_s=hold))
        low_sets, high_sets = STRETCH_SETS
    else:
        low_sets, high_sets = OTHER_SETS
    if dose.sets < high_sets:
        options.append(attrs.evolve(dose, sets=max(dose.sets + 1, low_sets)))
    return options


def scale(routine: Routine, minutes: float) -> ScaleResult:
    """Scale ``routine`` to ``minutes``; see :meth:`Routine.scaled`."""
    v.number_between("minutes", minutes, MIN_MINUTES, MAX_MINUTES, " minutes")
    budget = math.floor(minutes * 60)
    sections = [list(section.blocks) for section in routine.sections]
    seconds = [section_s(section) for section in routine.sections]

    def candidate_total(i: int, j: int, dose: Dose) -> int:
        blocks = list(sections[i])
        blocks[j] = attrs.evolve(blocks[j], dose=dose)
        section = attrs.evolve(routine.sections[i], blocks=tuple(blocks))
        return sum(seconds) - seconds[i] + section_s(section)

    total = sum(seconds)
    shorten = total > budget
    while True:
        options = [
            (candidate_total(i, j, dose), i, j, dose)
            for i, blocks in enumerate(sections)
            for j, block in enumerate(blocks)
            for dose in (_shorter(block) if shorten else _longer(block))
        ]
        if shorten:
            if total <= budget:
                break
            fitting = [option for option in options if option[0] <= budget]
            # Among cuts that fit, the one removing the least; else the one removing the most.
            chosen = (
                max(fitting, key=_fit_key)
                if fitting
                else min(options, key=lambda option: option[:3], default=None)
            )
        else:
            fitting = [option for option in options if option[0] <= budget]
            chosen = max(fitting, key=_fit_key, default=None)
        if chosen is None:
            break
        new_total, i, j, dose = chosen
        sections[i][j] = attrs.evolve(sections[i][j], dose=dose)
        seconds[i] = section_s(attrs.evolve(routine.sections[i], blocks=tuple(sections[i])))
        total = new_total
    scaled = attrs.evolve(
        routine,
        sections=tuple(
            attrs.evolve(section, blocks=tuple(blocks))
            for section, blocks in zip(routine.sections, sections, strict=True)
        ),
    )
    changes = tuple(
        _change(i, j, before, after, budget, shorten=shorten)
        for i, section in enumerate(routine.sections)
        for j, (before, after) in enumerate(zip(section.blocks, sections[i], strict=True))
        if before.dose != after.dose
    )
    return ScaleResult(routine=scaled, changes=changes, budget_s=budget, met=total <= budget)


def _fit_key(option: tuple[int, int, int, Dose]) -> tuple[int, int, int]:
    # Larger totals first; among equal totals, the earlier block wins under max().
    total, i, j, _ = option
    return (total, -i, -j)


def _change(
    i: int, j: int, before: Block, after: Block, budget: int, *, shorten: bool
) -> DoseChange:
    parts = []
    if before.dose.sets != after.dose.sets:
        parts.append(f"sets {before.dose.sets} → {after.dose.sets}")
    if before.dose.hold_s != after.dose.hold_s:
        parts.append(f"hold {before.dose.hold_s} s → {after.dose.hold_s} s")
    verb = "shortened" if shorten else "lengthened"
    if before.exercise.kind.is_stretch:
        limits = "holds kept to 10–30 s and 2–4 repetitions where changed [A1][A2]"
    else:
        limits = "sets kept to 1–4 [A7]"
    reason = f"{', '.join(parts)}: {verb} to fit a budget of {budget} s; {limits}"
    return DoseChange(
        exercise_id=before.exercise.id,
        section=i,
        block=j,
        before=before.dose,
        after=after.dose,
        reason=reason,
    )
