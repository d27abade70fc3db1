"""Fitting a routine into a time budget: :func:`scale` and what it returns."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.dose import Dose, hold_range_s
from upperback.errors import InvalidValue
from upperback.routine.model import Routine
from upperback.routine.structure import MAX_INDEX
from upperback.routine.timing import section_s

if TYPE_CHECKING:
    import datetime as dt

    from upperback.routine.block import Block

__all__ = ["DoseChange", "ScaleResult", "scale"]

HOLD_STEP_S: Final = 5
"""A hold changes by 5 s a step: scaling, the progression defaults and a step back alike.

Derived: ACSM calls the optimal rate of progression unknown [A2], so the step is small.
"""
STRETCH_SETS: Final = (2, 4)
"""Repetitions of a static stretch: 2–4 [A2]."""
OTHER_SETS: Final = (1, 4)
"""Sets of other exercises: at least 1; 2–4 per muscle group for strength [A7]."""

MIN_MINUTES: Final = 1
MAX_MINUTES: Final = 240

Position = tuple[int, int]


def _hold_range(block: Block, older_adult: bool) -> tuple[int, int]:
    """The block's hold range, within the exercise's own limit and the block's safety cap.

    The person's range is 10–30 s, or 30–60 s for an older adult's static stretch [A1][A2].
    """
    low, high = hold_range_s(
        block.exercise.kind, older_adult=older_adult, limits=block.exercise.dose_limits
    )
    if block.max_hold_s is not None:
        # A safety rule's cap wins over the usual range: lengthening stays within it.
        high = min(high, block.max_hold_s)
        low = min(low, high)
    return low, high


def _set_range(block: Block) -> tuple[int, int]:
    low, high = STRETCH_SETS if block.exercise.kind.is_stretch else OTHER_SETS
    limit = block.exercise.dose_limits.sets
    if limit is not None:
        high = min(high, limit)
        low = min(low, high)
    return low, high


def _shorter(block: Block, older_adult: bool) -> list[Dose]:
    dose = block.dose
    options = []
    if block.exercise.kind.is_stretch:
        low_hold, high_hold = _hold_range(block, older_adult)
        if dose.reps is None and dose.hold_s is not None and dose.hold_s > low_hold:
            hold = max(low_hold, min(dose.hold_s - HOLD_STEP_S, high_hold))
            options.append(attrs.evolve(dose, hold_s=hold))
    low_sets, high_sets = _set_range(block)
    if dose.sets > low_sets:
        options.append(attrs.evolve(dose, sets=min(dose.sets - 1, high_sets)))
    return options


def _longer(block: Block, older_adult: bool) -> list[Dose]:
    dose = block.dose
    options = []
    if block.exercise.kind.is_stretch:
        low_hold, high_hold = _hold_range(block, older_adult)
        if dose.reps is None and dose.hold_s is not None and dose.hold_s < high_hold:
            hold = min(high_hold, max(dose.hold_s + HOLD_STEP_S, low_hold))
            options.append(attrs.evolve(dose, hold_s=hold))
    low_sets, high_sets = _set_range(block)
    if dose.sets < high_sets:
        options.append(attrs.evolve(dose, sets=max(dose.sets + 1, low_sets)))
    return options


def scale(routine: Routine, *, minutes: float, older_adult: bool = False) -> ScaleResult:
    """Fit the routine into a time budget by changing sets and holds.

    It never adds or removes an exercise and never changes reps,
    tempo or rest. It changes one step at a time:

    * stretches (static and PNF): holds by 5 s, never below 10 s or
      above 30 s, and sets (repetitions) never below 2 or above 4
      (ACSM: 10–30 s holds, 2–4 repetitions [A1][A2]); for an older
      adult (``older_adult``), a static stretch's holds stay within
      30–60 s instead [A1][A2], so a hold is never cut below the
      person's floor: when nothing else can give, the budget is not met
      (and :func:`~upperback.compose.prescription.prescribe` drops an
      exercise instead);
    * every other exercise: sets only, never below 1 or above 4
      (2–4 sets per muscle group [A7]).

    A value already outside those ranges is only ever moved towards
    them. A number is never lengthened past the exercise's own limit
    (``Exercise.dose_limits``, a :class:`~upperback.dose.DoseLimits`)
    or the block's safety cap
    (:attr:`Block.max_hold_s <upperback.routine.Block.max_hold_s>`),
    even when the budget would allow more; those limits also narrow the
    ranges above (a 15 s limit makes 10–15 s holds, for everyone).

    To shorten, it takes the cut that fits the budget removing the
    least time, or, while none fits, the cut removing the most. To
    lengthen, it takes the largest addition that stays within the
    budget, until none does. Ties go to the earlier block. Every dose
    stays within the bounds of :class:`~upperback.dose.Dose`.

    Args:
        routine: The routine to fit.
        minutes: The budget, 1 to 240 minutes.
        older_adult: Keep an older adult's longer static stretch holds
            (:func:`~upperback.dose.hold_range_s`); who counts as one is
            :attr:`Profile.older_adult <upperback.safety.profile.Profile.older_adult>`.

    Returns:
        The new routine, what changed and why, and whether the budget
        was met: ``met`` is false when even the shortest routine the
        rules allow is longer than the budget; the routine is then the
        shortest one, never one missing an exercise.

    Raises:
        InvalidValue: ``minutes`` is not a number from 1 to 240, or
            ``older_adult`` is not true or false.

    .. versionadded:: 0.1.0
    """
    v.number_between("minutes", minutes, MIN_MINUTES, MAX_MINUTES, " minutes")
    v.instance("older_adult", older_adult, bool)
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
            for dose in (_shorter(block, older_adult) if shorten else _longer(block, older_adult))
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
        _change(i, j, before, after, budget, shorten=shorten, older_adult=older_adult)
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
    i: int, j: int, before: Block, after: Block, budget: int, *, shorten: bool, older_adult: bool
) -> DoseChange:
    parts = []
    if before.dose.sets != after.dose.sets:
        parts.append(f"sets {before.dose.sets} → {after.dose.sets}")
    if before.dose.hold_s != after.dose.hold_s:
        parts.append(f"hold {before.dose.hold_s} s → {after.dose.hold_s} s")
    verb = "shortened" if shorten else "lengthened"
    low_sets, high_sets = _set_range(before)
    if before.exercise.kind.is_stretch:
        low, high = _hold_range(before, older_adult)
        limits = (
            f"holds kept to {low}–{high} s and {low_sets}–{high_sets} repetitions where changed"
            " [A1][A2]"
        )
    else:
        limits = f"sets kept to {low_sets}–{high_sets} [A7]"
    reason = f"{', '.join(parts)}: {verb} to fit a budget of {budget} s; {limits}"
    return DoseChange(
        exercise_id=before.exercise.id,
        section=i,
        block=j,
        before=before.dose,
        after=after.dose,
        reason=reason,
    )


@attrs.frozen(kw_only=True)
class DoseChange:
    """A dose :func:`scale` changed, and why.

    Args:
        exercise_id: The exercise whose dose changed.
        section: The index of its section in the routine.
        block: The index of the block in its section.
        before: The dose it had.
        after: The dose it has now.
        reason: Why, in words a clinician can check.

    .. versionadded:: 0.1.0
    """

    exercise_id: str = attrs.field(metadata=v.slug_id())
    section: int = attrs.field(metadata=v.between(0, MAX_INDEX))
    block: int = attrs.field(metadata=v.between(0, MAX_INDEX))
    before: Dose
    after: Dose
    reason: str = attrs.field(metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("before", self.before, Dose)
        v.instance("after", self.after, Dose)


@attrs.frozen(kw_only=True)
class ScaleResult:
    """What :func:`scale` made: the routine, its changes, and whether it fits.

    Args:
        routine: The scaled routine (every exercise still in it).
        changes: One record per block whose dose changed, in session order.
        budget_s: The budget, in seconds.
        met: Whether the routine now takes at most the budget. When it is
            false, no change the rules allow shortens it further: the
            caller should pick a longer budget or leave an exercise out
            (:meth:`Routine.without`) -- the library never does that silently.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    changes: tuple[DoseChange, ...] = attrs.field(converter=to_tuple)
    budget_s: int = attrs.field(metadata=v.between(MIN_MINUTES * 60, MAX_MINUTES * 60, " seconds"))
    met: bool

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        if not isinstance(self.changes, tuple):
            raise InvalidValue("changes", self.changes, "must be a tuple of DoseChange values")
        for i, change in enumerate(self.changes):
            v.instance(f"changes[{i}]", change, DoseChange)
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("met", self.met, bool)

    @property
    def duration(self) -> dt.timedelta:
        """The scaled routine's duration."""
        return self.routine.duration()
