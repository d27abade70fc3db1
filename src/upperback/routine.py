"""Routines: blocks of exercise and dose, grouped into warm-up, main and cool-down."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.dose import Dose
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.vocab import Laterality

if TYPE_CHECKING:
    from collections.abc import Iterable
from typing import Any

__all__ = [
    "Block",
    "Routine",
    "Section",
    "SectionRole",
    "Structure",
]


class SectionRole(enum.StrEnum):
    """Where a section sits in a session. Sections run in this order.

    .. versionadded:: 0.1.0
    """

    WARM_UP = "warm_up"
    MAIN = "main"
    COOL_DOWN = "cool_down"

    @property
    def order(self) -> int:
        """0 for warm-up, 1 for main, 2 for cool-down."""
        return _ROLE_ORDER[self]


_ROLE_ORDER = {SectionRole.WARM_UP: 0, SectionRole.MAIN: 1, SectionRole.COOL_DOWN: 2}


class Structure(enum.StrEnum):
    """How the blocks of a section are run.

    .. versionadded:: 0.1.0
    """

    STRAIGHT = "straight"
    """Every set of one block, then the next block."""
    SUPERSET = "superset"
    """Alternate between the blocks set by set (at least two blocks)."""
    CIRCUIT = "circuit"
    """One set of each block in turn, for a number of rounds."""


@attrs.frozen(kw_only=True)
class Block:
    """One exercise in a routine, with its dose and optional notes.

    The block carries the whole :class:`~upperback.exercise.Exercise`,
    so a saved routine is a complete document.

    Args:
        exercise: What to do.
        dose: How much; the exercise's default dose when not given.
        notes: A note for the person, e.g. "keep the range small this week".

    .. versionadded:: 0.1.0
    """

    exercise: Exercise
    dose: Dose = attrs.field()
    notes: str | None = None

    @dose.default
    def _default_dose(self) -> Dose:
        exercise: Any = self.exercise  # checked in __attrs_post_init__, which runs later
        return exercise.default_dose if isinstance(exercise, Exercise) else Dose(reps=1)

    def __attrs_post_init__(self) -> None:
        v.instance("exercise", self.exercise, Exercise)
        v.instance("dose", self.dose, Dose)
        if self.notes is not None:
            v.text("notes", self.notes)
        if self.dose.per_side and self.exercise.laterality is Laterality.BILATERAL:
            raise InvalidValue(
                "dose.per_side", self.dose.per_side, "must be false for a bilateral exercise"
            )

    @classmethod
    def of(cls, item: Block | Exercise) -> Block:
        """A block from a block (returned as is) or an exercise at its default dose."""
        return item if isinstance(item, Block) else cls(exercise=item)


def _check_blocks(_: object, __: object, blocks: Any) -> None:
    if not isinstance(blocks, tuple) or not blocks:
        raise InvalidValue("blocks", blocks, "must hold at least one block")
    for i, block in enumerate(blocks):
        v.instance(f"blocks[{i}]", block, Block)


@attrs.frozen(kw_only=True)
class Section:
    """A part of a session: a role, a structure and its blocks.

    Args:
        role: Warm-up, main or cool-down.
        blocks: The blocks, in order (at least one).
        structure: Straight sets, superset or circuit.
        rounds: Rounds of a circuit, 1 to 10; always 1 otherwise.
        rest_between_rounds_s: Rest between circuit rounds, 0 to 300 s.

    .. versionadded:: 0.1.0
    """

    role: SectionRole
    blocks: tuple[Block, ...] = attrs.field(converter=to_tuple, validator=_check_blocks)
    structure: Structure = Structure.STRAIGHT
    rounds: int = 1
    rest_between_rounds_s: int = 0

    def __attrs_post_init__(self) -> None:
        v.instance("role", self.role, SectionRole)
        v.instance("structure", self.structure, Structure)
        v.int_between("rounds", self.rounds, 1, 10)
        v.int_between("rest_between_rounds_s", self.rest_between_rounds_s, 0, 300, " seconds")
        if self.structure is not Structure.CIRCUIT:
            if self.rounds != 1:
                raise InvalidValue(
                    "rounds", self.rounds, "must be 1 unless the section is a circuit"
                )
            if self.rest_between_rounds_s:
                raise InvalidValue(
                    "rest_between_rounds_s",
                    self.rest_between_rounds_s,
                    "must be 0 unless the section is a circuit",
                )
        if self.structure is Structure.SUPERSET and len(self.blocks) < 2:
            raise InvalidValue(
                "blocks", len(self.blocks), "must hold at least two blocks in a superset"
            )


def slugify(title: Any) -> str:
    """A slug made from a title: ``"Desk reset"`` becomes ``"desk-reset"``."""
    if not isinstance(title, str):
        return "routine"
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:80].strip("-") or "routine"


def _check_sections(_: object, __: object, sections: Any) -> None:
    if not isinstance(sections, tuple) or not sections:
        raise InvalidValue("sections", sections, "must hold at least one section")
    previous = -1
    for i, section in enumerate(sections):
        v.instance(f"sections[{i}]", section, Section)
        if section.role.order < previous:
            raise InvalidValue(
                f"sections[{i}].role",
                section.role.value,
                "must not come before the role of an earlier section"
                " (warm_up, then main, then cool_down)",
            )
        previous = section.role.order


@attrs.frozen(kw_only=True)
class Routine:
    """A session plan: sections in role order, and how often to do it.

    Args:
        id: A stable slug.
        title: What the person sees.
        sections: At least one section, in role order.
        sessions_per_week: 1 to 7.
        tags: Free labels for apps, e.g. ``"desk"``.
        notes: A note for the person.

    .. versionadded:: 0.1.0
    """

    id: str
    title: str
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, validator=_check_sections)
    sessions_per_week: int = 3
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=to_frozenset)
    notes: str | None = None

    def __attrs_post_init__(self) -> None:
        v.slug("id", self.id)
        v.text("title", self.title, max_len=200)
        v.int_between("sessions_per_week", self.sessions_per_week, 1, 7)
        if not isinstance(self.tags, frozenset):
            raise InvalidValue("tags", self.tags, "must be a collection of text labels")
        v.texts("tags", sorted(self.tags, key=str), max_len=60)
        if self.notes is not None:
            v.text("notes", self.notes)

    @classmethod
    def of(
        cls,
        title: str,
        *,
        warm_up: Iterable[Block | Exercise] = (),
        main: Iterable[Block | Exercise] = (),
        cool_down: Iterable[Block | Exercise] = (),
        id: str | None = None,  # noqa: A002 - the field's name
        sessions_per_week: int = 3,
        tags: Iterable[str] = (),
        notes: str | None = None,
    ) -> Routine:
        """A routine of straight-set sections, the way a prescription is written.

        Exercises given without a dose use their default dose. Empty
        sections are left out; the id is made from the title unless given.
        """
        sections = tuple(
            Section(role=role, blocks=tuple(Block.of(item) for item in items))
            for role, items in (
                (SectionRole.WARM_UP, tuple(warm_up)),
                (SectionRole.MAIN, tuple(main)),
                (SectionRole.COOL_DOWN, tuple(cool_down)),
            )
            if items
        )
        return cls(
            id=slugify(title) if id is None else id,
            title=title,
            sections=sections,
            sessions_per_week=sessions_per_week,
            tags=frozenset(tags),
            notes=notes,
        )

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block, in session order."""
        return tuple(block for section in self.sections for block in section.blocks)
