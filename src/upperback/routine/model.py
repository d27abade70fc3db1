"""Routines: blocks of exercise and dose, grouped into warm-up, main and cool-down."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.errors import InvalidValue
from upperback.routine.block import Block
from upperback.routine.coverage import Coverage
from upperback.routine.structure import (
    MAX_REST_BETWEEN_ROUNDS_S,
    MAX_ROUNDS,
    SectionRole,
    Structure,
)
from upperback.routine.timing import Step, section_s, steps

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from upperback.dose import Dose
    from upperback.exercise import Exercise

__all__ = ["Routine", "Section", "slugify"]


def _check_blocks(_: object, __: object, blocks: Any) -> None:
    if not isinstance(blocks, tuple):
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
    blocks: tuple[Block, ...] = attrs.field(
        converter=to_tuple,
        validator=_check_blocks,
        metadata=v.items(min_items=1, empty="must hold at least one block"),
    )
    structure: Structure = Structure.STRAIGHT
    rounds: int = attrs.field(default=1, metadata=v.between(1, MAX_ROUNDS))
    rest_between_rounds_s: int = attrs.field(
        default=0, metadata=v.between(0, MAX_REST_BETWEEN_ROUNDS_S, " seconds")
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("role", self.role, SectionRole)
        v.instance("structure", self.structure, Structure)
        v.rules_report(self, None)

    def _rules(self) -> list[InvalidValue]:
        problems = []
        if self.structure is not Structure.CIRCUIT:
            if self.rounds != 1:
                problems.append(
                    InvalidValue("rounds", self.rounds, "must be 1 unless the section is a circuit")
                )
            if self.rest_between_rounds_s:
                problems.append(
                    InvalidValue(
                        "rest_between_rounds_s",
                        self.rest_between_rounds_s,
                        "must be 0 unless the section is a circuit",
                    )
                )
        if self.structure is Structure.SUPERSET and len(self.blocks) < 2:
            problems.append(
                InvalidValue(
                    "blocks", len(self.blocks), "must hold at least two blocks in a superset"
                )
            )
        return problems

    def keeping(self, blocks: Iterable[Block]) -> Section | None:
        """This section with only ``blocks``, or ``None`` when none are left.

        The one rule for a section that loses blocks (leaving an exercise
        out, screening): a superset left with fewer than two blocks becomes
        straight sets, since a superset pairs exercises; every other
        structure is kept.

        .. versionadded:: 0.1.0
        """
        kept = tuple(blocks)
        if not kept:
            return None
        structure = self.structure
        if structure is Structure.SUPERSET and len(kept) < 2:
            structure = Structure.STRAIGHT
        return attrs.evolve(self, blocks=kept, structure=structure)

    def duration(self) -> dt.timedelta:
        """How long the section takes, transitions and rests included.

        Every visit to an exercise starts with :data:`~upperback.routine.timing.TRANSITION_S`; a set
        is its work, on each side of a one-sided exercise dosed per side
        with :data:`~upperback.routine.timing.SWITCH_SIDES_S` between the sides. Straight sets do
        every set of a block with its ``rest_s`` between them. A superset
        does passes of one set of each block that has sets left, resting the
        longest ``rest_s`` of the pass between passes. A circuit visits
        every block each round, doing its whole dose, with
        ``rest_between_rounds_s`` between rounds. Nothing is added between
        blocks, sections, or at the end.

        .. versionadded:: 0.1.0
        """
        return dt.timedelta(seconds=section_s(self))


def slugify(title: Any) -> str:
    """A slug made from a title: ``"Desk reset"`` becomes ``"desk-reset"``.

    A title with no letter or digit (or no title) gives ``"routine"``.
    """
    return (v.slugify(title) if isinstance(title, str) else "") or "routine"


def _check_sections(_: object, __: object, sections: Any) -> None:
    if not isinstance(sections, tuple):
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

    id: str = attrs.field(metadata=v.slug_id())
    title: str = attrs.field(metadata=v.text_up_to(200))
    sections: tuple[Section, ...] = attrs.field(
        converter=to_tuple,
        validator=_check_sections,
        metadata=v.items(min_items=1, empty="must hold at least one section"),
    )
    sessions_per_week: int = attrs.field(default=3, metadata=v.between(1, 7))
    tags: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, metadata=v.items(item=v.text_bound(60))
    )
    notes: str | None = attrs.field(default=None, metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        if not isinstance(self.tags, frozenset):
            raise InvalidValue("tags", self.tags, "must be a collection of text labels")
        v.rules_report(self, None)

    def _rules(self) -> list[InvalidValue]:
        return []  # the order of the sections' roles is the validator of ``sections``

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
            tags=tags,
            notes=notes,
        )

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block, in session order."""
        return tuple(block for section in self.sections for block in section.blocks)

    def duration(self) -> dt.timedelta:
        """How long a session takes: the sum of its sections' durations.

        See :meth:`Section.duration` for what is counted. It equals the sum
        of the seconds of :meth:`session_script`, and it adds up when
        routines are joined: ``(a + b).duration() == a.duration() + b.duration()``.

        .. versionadded:: 0.1.0
        """
        return dt.timedelta(seconds=sum(section_s(section) for section in self.sections))

    def session_script(self) -> tuple[Step, ...]:
        """The session as ordered, render-neutral steps a timer can follow.

        Each :class:`Step` is "get ready" (the first), a transition to the
        next exercise, work (a set, on one side or both), a switch of sides,
        or a rest, with a cue text and its seconds. The seconds add up to
        :meth:`duration` exactly.

        .. versionadded:: 0.1.0
        """
        return steps(self.sections)

    def coverage(self) -> Coverage:
        """What the routine works on, with the seconds of work spent on each.

        A block's work (holds and reps, every set, side and round; no rest
        or transitions) counts in full for each of its exercise's target
        muscles, their regions, its movements and its benefits.

        .. versionadded:: 0.1.0
        """
        return Coverage.of(
            (block, section.rounds) for section in self.sections for block in section.blocks
        )

    def __add__(self, other: object) -> Routine:
        """Join two routines into one session, section by section.

        The result has the warm-ups of both (left first), then the main
        sections of both, then the cool-downs. Where the left routine's
        last section of a role and the right one's first section of that
        role are both straight sets, they become one section; other
        sections are kept as they are, so durations add up exactly.

        The result keeps the left routine's ``id``, ``title`` and ``notes``
        (the right one's notes when the left has none), takes the union of
        the tags, and the *smaller* ``sessions_per_week``: the joined
        session is done at the frequency both prescriptions allow
        (strengthening needs at least 48 h between sessions for a muscle group [A6][A7]).

        .. versionadded:: 0.1.0
        """
        if not isinstance(other, Routine):
            return NotImplemented
        sections: list[Section] = []
        for role in SectionRole:
            left = [s for s in self.sections if s.role is role]
            right = [s for s in other.sections if s.role is role]
            if left and right and _straight(left[-1]) and _straight(right[0]):
                merged = attrs.evolve(left[-1], blocks=left[-1].blocks + right[0].blocks)
                sections += [*left[:-1], merged, *right[1:]]
            else:
                sections += [*left, *right]
        return attrs.evolve(
            self,
            sections=tuple(sections),
            sessions_per_week=min(self.sessions_per_week, other.sessions_per_week),
            tags=self.tags | other.tags,
            notes=self.notes if self.notes is not None else other.notes,
        )

    def map_doses(self, fn: Callable[[Block], Dose]) -> Routine:
        """A copy with each block's dose replaced by ``fn(block)``.

        ``fn`` receives the whole block, so it can decide by the exercise
        (its kind or laterality) as well as by the dose.

        Raises:
            InvalidValue: ``fn`` returned something that is not a valid dose
                for the block, or one past a cap of the block's
                ``cautions`` (use
                :meth:`Block.cap() <upperback.routine.Block.cap>` to stay within
                them); the field names the block by its path, e.g.
                ``sections[0].blocks[1].dose``.

        .. versionadded:: 0.1.0
        """
        return self._rebuild(lambda _, block: attrs.evolve(block, dose=fn(block)))

    def replace(self, exercise_id: str, new: Block | Exercise) -> Routine:
        """A copy with every block of an exercise replaced by ``new``.

        An exercise given without a dose gets its default dose.

        Raises:
            InvalidValue: No block of the routine does ``exercise_id``.

        .. versionadded:: 0.1.0
        """
        self._require(exercise_id)
        replacement = Block.of(new)
        return self._rebuild(
            lambda _, block: replacement if block.exercise.id == exercise_id else block
        )

    def without(self, exercise_id: str) -> Routine:
        """A copy without the blocks of an exercise.

        A section left with no block is dropped, and a superset left with
        one block becomes straight sets.

        Raises:
            InvalidValue: No block does ``exercise_id``, or every block does
                (a routine cannot be empty).

        .. versionadded:: 0.1.0
        """
        self._require(exercise_id)
        if all(block.exercise.id == exercise_id for block in self.blocks):
            raise InvalidValue(
                "exercise_id", exercise_id, "must not be the only exercise of the routine"
            )
        return self._rebuild(lambda _, block: None if block.exercise.id == exercise_id else block)

    def _require(self, exercise_id: str) -> None:
        if not any(block.exercise.id == exercise_id for block in self.blocks):
            raise InvalidValue("exercise_id", exercise_id, "must name an exercise in the routine")

    def _rebuild(self, fn: Callable[[tuple[int, int], Block], Block | None]) -> Routine:
        sections = []
        for i, section in enumerate(self.sections):
            blocks = []
            for j, block in enumerate(section.blocks):
                try:
                    new = fn((i, j), block)
                except InvalidValue as exc:
                    field = f"sections[{i}].blocks[{j}].{exc.field}"
                    raise InvalidValue(field, exc.value, exc.reason) from None
                if new is not None:
                    blocks.append(new)
            kept = section.keeping(blocks)
            if kept is not None:
                sections.append(kept)
        return attrs.evolve(self, sections=tuple(sections))


def _straight(section: Section) -> bool:
    return section.structure is Structure.STRAIGHT
