"""Swapping exercises a kit cannot do: :func:`substitute` and what it returns."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.props import Kit, PropKind
from upperback.routine.model import Routine
from upperback.routine.structure import MAX_INDEX

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.dose import Dose
    from upperback.routine.block import Block

__all__ = ["Substitution", "SubstitutionResult", "substitute"]


def _shape(dose: Dose) -> tuple[bool, bool]:
    return (dose.reps is not None, dose.hold_s is not None)


def _rank(original: Exercise, candidate: Exercise) -> tuple[int, int, int] | None:
    """A sort key (smaller is closer), or ``None`` if the candidate is no substitute."""
    if candidate.targets == original.targets and candidate.kind is original.kind:
        return (0, 0, 0)
    if candidate.id in (original.easier, original.harder) or original.id in (
        candidate.easier,
        candidate.harder,
    ):
        return (1, 0, 0)
    overlap = len(candidate.targets & original.targets)
    # A stretch is replaced by something that lengthens, a strengthening exercise by
    # one that strengthens: the same muscles worked the other way is not a substitute.
    if not overlap or candidate.kind.family is not original.kind.family:
        return None
    return (2, -overlap, 0 if candidate.kind is original.kind else 1)


_WHY = (
    "same target muscles and kind",
    "the next exercise in its progression chain",
    "the most target muscles in common",
)


def _dose_for(block: Block, new: Exercise) -> tuple[Dose, str]:
    old = block.exercise
    dose = block.dose
    fits = _shape(dose) == _shape(new.default_dose) and (old.kind.is_stretch == new.kind.is_stretch)
    if not fits:
        return new.default_dose, f"its default dose ({new.default_dose.describe()})"
    notes = ["dose kept"]
    if dose.band_level is not None and PropKind.RESISTANCE_BAND not in new.required_props:
        dose = attrs.evolve(dose, band_level=None)
        notes.append("without a band level (it needs no band)")
    if not new.is_one_sided and dose.per_side:
        dose = attrs.evolve(dose, per_side=False)
        notes.append("not per side (it works both sides at once)")
    elif new.is_one_sided and not old.is_one_sided and dose.per_side != new.default_dose.per_side:
        dose = attrs.evolve(dose, per_side=new.default_dose.per_side)
        notes.append("per side as its default dose is")
    return dose, ", ".join(notes)


def substitute(routine: Routine, kit: Kit, catalog: Iterable[Exercise]) -> SubstitutionResult:
    """Swap each exercise the kit cannot do for the closest one it can.

    For a block whose required props the kit lacks, it picks from
    ``catalog`` (any iterable of exercises, such as a catalog) an
    exercise the kit allows, preferring, in order:

    1. the same target muscles and the same kind;
    2. a neighbour in its progression chain (its ``easier`` or
       ``harder`` exercise, or one that names it so);
    3. the most target muscles in common (at least one), then the same
       kind, among exercises of the same family: a stretch or mobility
       exercise for a stretch, a strengthening or motor-control exercise
       for a strengthening one.

    An exercise the routine already holds, or already chosen for an
    earlier block, is taken only when no other fits, so that two blocks
    do not turn into the same exercise. Ties go to the smaller id. The
    block keeps its dose when the dose
    has the shape the new exercise's default dose has (reps, hold, or
    both) and both exercises are stretches or both are not; otherwise
    it takes the new exercise's default dose. ``per_side`` is then
    fitted to the new exercise: false for a bilateral one, the default
    dose's for a one-sided exercise replacing a bilateral one. Notes
    and the safety cautions screening put on the block are kept, and
    the new dose is brought within their caps
    (:meth:`Block.cap() <upperback.routine.Block.cap>`); screen the result
    again for the person, since the new exercise may meet other rules.

    A block with no possible substitute stays in place and is reported
    with ``replacement_id=None``; nothing is dropped.

    .. versionadded:: 0.1.0
    """
    v.instance("kit", kit, Kit)
    try:
        pool = tuple(catalog)
    except TypeError:
        raise InvalidValue("catalog", catalog, "must be an iterable of exercises") from None
    for i, exercise in enumerate(pool):
        v.instance(f"catalog[{i}]", exercise, Exercise)
    # dict.fromkeys drops repeats but keeps the catalog's order, so ties stay deterministic.
    allowed = sorted(
        (exercise for exercise in dict.fromkeys(pool) if kit.satisfies_all(exercise.props)),
        key=lambda exercise: exercise.id,
    )
    records: list[Substitution] = []
    # Exercises the routine already holds (and each replacement as it is
    # chosen) are picked only when nothing else fits, so that two blocks the
    # kit cannot do do not both turn into the same exercise.
    used = {block.exercise.id for block in routine.blocks}

    def swap(position: tuple[int, int], block: Block) -> Block:
        original = block.exercise
        if kit.satisfies_all(original.props):
            return block
        missing = ", ".join(sorted(need.key for need in original.props if not kit.satisfies(need)))
        ranked = [
            (rank, exercise.id, exercise)
            for exercise in allowed
            if exercise.id != original.id and (rank := _rank(original, exercise)) is not None
        ]
        if not ranked:
            records.append(
                Substitution(
                    original_id=original.id,
                    replacement_id=None,
                    reason=(
                        f"the kit lacks {missing}, and no exercise it allows shares a target"
                        " muscle: kept in place, cannot be done with this kit"
                    ),
                    section=position[0],
                    block=position[1],
                )
            )
            return block
        rank, _, chosen = min(ranked, key=lambda item: (item[2].id in used, *item[:2]))
        used.add(chosen.id)
        dose, note = _dose_for(block, chosen)
        # The block keeps the cautions safety rules put on it, and its new dose their caps.
        capped = block.cap(dose)
        if capped != dose:
            dose, note = capped, f"{note}, within the block's safety caps"
        records.append(
            Substitution(
                original_id=original.id,
                replacement_id=chosen.id,
                reason=f"the kit lacks {missing}; chosen for {_WHY[rank[0]]}; {note}",
                section=position[0],
                block=position[1],
            )
        )
        return attrs.evolve(block, exercise=chosen, dose=dose)

    new = routine._rebuild(swap)  # noqa: SLF001 - the routine's own machinery
    return SubstitutionResult(routine=new, substitutions=tuple(records))


@attrs.frozen(kw_only=True)
class Substitution:
    """A block :func:`substitute` had to swap, and what it chose.

    Args:
        original_id: The exercise the kit cannot do.
        replacement_id: The exercise put in its place, or ``None`` when
            nothing in the catalog fits: the block was kept as it was and
            cannot be done with the kit.
        reason: Why this one, or why none.
        section: The index of the block's section.
        block: The index of the block in its section.

    .. versionadded:: 0.1.0
    """

    original_id: str = attrs.field(metadata=v.slug_id())
    replacement_id: str | None = attrs.field(metadata=v.slug_id(optional=True))
    reason: str = attrs.field(metadata=v.text_up_to())
    section: int = attrs.field(metadata=v.between(0, MAX_INDEX))
    block: int = attrs.field(metadata=v.between(0, MAX_INDEX))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)

    @property
    def satisfied(self) -> bool:
        """Whether a replacement was found."""
        return self.replacement_id is not None


@attrs.frozen(kw_only=True)
class SubstitutionResult:
    """What :func:`substitute` made: the routine and every swap.

    Args:
        routine: The routine with replacements in place.
        substitutions: One record per block the kit could not do, in
            session order, found or not.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    substitutions: tuple[Substitution, ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        if not isinstance(self.substitutions, tuple):
            raise InvalidValue(
                "substitutions", self.substitutions, "must be a tuple of Substitution values"
            )
        for i, item in enumerate(self.substitutions):
            v.instance(f"substitutions[{i}]", item, Substitution)

    @property
    def unsatisfied(self) -> tuple[Substitution, ...]:
        """The blocks left in place because nothing the kit allows could replace them."""
        return tuple(item for item in self.substitutions if not item.satisfied)
