"""Swapping exercises a kit cannot do: the rules behind :meth:`Routine.substitute`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.props import Kit, PropKind
from upperback.routine import Block, Routine, Substitution, SubstitutionResult
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.dose import Dose


def _shape(dose: Dose) -> tuple[bool, bool]:
    return (dose.reps is not None, dose.hold_s is not None)


# A stretch is replaced by something that stretches or mobilises, a
# strengthening exercise by one that strengthens or trains control: the same
# muscles worked the other way is not a substitute.
_FAMILIES = {
    ExerciseKind.STATIC_STRETCH: "stretch",
    ExerciseKind.PNF_STRETCH: "stretch",
    ExerciseKind.DYNAMIC_MOBILITY: "stretch",
    ExerciseKind.STRENGTHENING: "strength",
    ExerciseKind.MOTOR_CONTROL: "strength",
    ExerciseKind.BREATHING: "breathing",
}


def _family(kind: ExerciseKind) -> str:
    return _FAMILIES[kind]


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
    if not overlap or _family(candidate.kind) != _family(original.kind):
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
    """Substitute what ``kit`` cannot do; see :meth:`Routine.substitute`."""
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
        missing = ", ".join(
            sorted(need.kind.value for need in original.props if not kit.satisfies(need))
        )
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
