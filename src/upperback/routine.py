"""Routines: blocks of exercise and dose, grouped into warm-up, main and cool-down."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.anatomy import Muscle, Region
from upperback.dose import MAX_HOLD_S, MAX_REPS, MAX_SETS, Dose
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.vocab import Benefit, ExerciseKind, Laterality, Movement

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from upperback.props import Kit
from typing import Any

__all__ = [
    "SWITCH_SIDES_S",
    "TRANSITION_S",
    "Block",
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
]

TRANSITION_S: Final = 10
"""Seconds allowed to get into position before every visit to an exercise.

Not a sourced number: the fact sheet gives none (DOMAIN.md has no
transition time). Ten seconds is a practical allowance to read the next
exercise, fetch a prop and set up; it is counted once before *every* visit
to an exercise (the first one of a session included, as "get ready"), so
that durations add up exactly when routines are joined with ``+``.
"""

MAX_ROUNDS: Final = 10
"""At most 10 rounds of a circuit."""

SWITCH_SIDES_S: Final = 5
"""Seconds allowed to change sides in a one-sided exercise done per side.

Not a sourced number (DOMAIN.md gives none): a short practical allowance.
Alternating exercises change side rep by rep and get no switch step.
"""


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
        v.int_between("rounds", self.rounds, 1, MAX_ROUNDS)
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

    def duration(self) -> dt.timedelta:
        """How long the section takes, transitions and rests included.

        Every visit to an exercise starts with :data:`TRANSITION_S`; a set
        is its work, on each side of a one-sided exercise dosed per side
        with :data:`SWITCH_SIDES_S` between the sides. Straight sets do
        every set of a block with its ``rest_s`` between them. A superset
        does passes of one set of each block that has sets left, resting the
        longest ``rest_s`` of the pass between passes. A circuit visits
        every block each round, doing its whole dose, with
        ``rest_between_rounds_s`` between rounds. Nothing is added between
        blocks, sections, or at the end.

        .. versionadded:: 0.1.0
        """
        from upperback._timing import section_s  # noqa: PLC0415 - it imports this module

        return dt.timedelta(seconds=section_s(self))


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

    def duration(self) -> dt.timedelta:
        """How long a session takes: the sum of its sections' durations.

        See :meth:`Section.duration` for what is counted. It equals the sum
        of the seconds of :meth:`session_script`, and it adds up when
        routines are joined: ``(a + b).duration() == a.duration() + b.duration()``.

        .. versionadded:: 0.1.0
        """
        from upperback._timing import section_s  # noqa: PLC0415 - it imports this module

        return dt.timedelta(seconds=sum(section_s(section) for section in self.sections))

    def session_script(self) -> tuple[Step, ...]:
        """The session as ordered, render-neutral steps a timer can follow.

        Each :class:`Step` is "get ready" (the first), a transition to the
        next exercise, work (a set, on one side or both), a switch of sides,
        or a rest, with a cue text and its seconds. The seconds add up to
        :meth:`duration` exactly.

        .. versionadded:: 0.1.0
        """
        from upperback._timing import steps  # noqa: PLC0415

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
        (strengthening needs 48–72 h between sessions for a muscle group [A7]).

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
                for the block; the field names the block by its path, e.g.
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

    def scaled(self, *, minutes: float) -> ScaleResult:
        """Fit the routine into a time budget by changing sets and holds.

        It never adds or removes an exercise and never changes reps,
        tempo or rest. It changes one step at a time:

        * stretches (static and PNF): holds by 5 s, never below 10 s or
          above 30 s, and sets (repetitions) never below 2 or above 4
          (ACSM: 10–30 s holds, 2–4 repetitions [A1][A2]); a value already
          outside those ranges is only ever moved towards them;
        * every other exercise: sets only, never below 1 or above 4
          (2–4 sets per muscle group [A7]).

        To shorten, it takes the cut that fits the budget removing the
        least time, or, while none fits, the cut removing the most. To
        lengthen, it takes the largest addition that stays within the
        budget, until none does. Ties go to the earlier block. Every dose
        stays within the bounds of :class:`~upperback.dose.Dose`.

        Args:
            minutes: The budget, 1 to 240 minutes.

        Returns:
            The new routine, what changed and why, and whether the budget
            was met: ``met`` is false when even the shortest routine the
            rules allow is longer than the budget; the routine is then the
            shortest one, never one missing an exercise.

        Raises:
            InvalidValue: ``minutes`` is not a number from 1 to 240.

        .. versionadded:: 0.1.0
        """
        from upperback._scaling import scale  # noqa: PLC0415 - it imports this module

        return scale(self, minutes)

    def substitute(self, kit: Kit, catalog: Iterable[Exercise]) -> SubstitutionResult:
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
        are kept.

        A block with no possible substitute stays in place and is reported
        with ``replacement_id=None``; nothing is dropped.

        .. versionadded:: 0.1.0
        """
        from upperback._substitution import substitute  # noqa: PLC0415

        return substitute(self, kit, catalog)

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
            if not blocks:
                continue
            structure = section.structure
            if structure is Structure.SUPERSET and len(blocks) < 2:
                structure = Structure.STRAIGHT
            sections.append(attrs.evolve(section, blocks=tuple(blocks), structure=structure))
        return attrs.evolve(self, sections=tuple(sections))


def _straight(section: Section) -> bool:
    return section.structure is Structure.STRAIGHT


class StepKind(enum.StrEnum):
    """What a step of a session script asks the person to do.

    .. versionadded:: 0.1.0
    """

    GET_READY = "get_ready"
    """Get into position for the first exercise."""
    TRANSITION = "transition"
    """Move on to the next exercise (or back to one, in a superset or circuit)."""
    WORK = "work"
    """Do one set (its reps or its hold), on one side or both."""
    SWITCH_SIDES = "switch_sides"
    """Change to the other side of a one-sided exercise."""
    REST = "rest"
    """Rest between sets, passes of a superset or rounds of a circuit."""


class Side(enum.StrEnum):
    """The side of the body a step works. Per-side work starts on the left.

    .. versionadded:: 0.1.0
    """

    LEFT = "left"
    RIGHT = "right"


MAX_STEP_S: Final = 86_400
"""The longest a step may be (a day): a bound that catches nonsense, not a prescription."""


@attrs.frozen(kw_only=True)
class Step:
    """One step of a session script: what to do, for how long, with its cue.

    Args:
        kind: What the step is.
        seconds: How long it lasts, at least 1.
        cue: Plain text to show or say, e.g. ``"Next: Cat–camel"``.
        exercise_id: The exercise the step belongs to; ``None`` for a rest
            between circuit rounds or superset passes.
        side: For work on one side: which.
        set_number: For work: which set, from 1.
        round_number: For work in a circuit: which round, from 1.
        reps: For work: the reps of the set, if any.
        hold_s: For work: the hold, of the set or of each rep, if any.

    .. versionadded:: 0.1.0
    """

    kind: StepKind
    seconds: int
    cue: str
    exercise_id: str | None = None
    side: Side | None = None
    set_number: int | None = None
    round_number: int | None = None
    reps: int | None = None
    hold_s: int | None = None

    def __attrs_post_init__(self) -> None:
        v.instance("kind", self.kind, StepKind)
        v.int_between("seconds", self.seconds, 1, MAX_STEP_S, " seconds")
        v.text("cue", self.cue)
        if self.exercise_id is not None:
            v.slug("exercise_id", self.exercise_id)
        elif self.kind is not StepKind.REST:
            raise InvalidValue("exercise_id", None, f"must be given for a {self.kind} step")
        work = self.kind is StepKind.WORK
        for field in ("side", "set_number", "round_number", "reps", "hold_s"):
            if not work and getattr(self, field) is not None:
                raise InvalidValue(field, getattr(self, field), "may only be given for work")
        if self.side is not None:
            v.instance("side", self.side, Side)
        if work:
            v.int_between("set_number", self.set_number, 1, MAX_SETS)
        v.optional_int_between("round_number", self.round_number, 1, MAX_ROUNDS)
        v.optional_int_between("reps", self.reps, 1, MAX_REPS)
        v.optional_int_between("hold_s", self.hold_s, 1, MAX_HOLD_S, " seconds")


_STRETCH_KINDS = frozenset(
    {ExerciseKind.STATIC_STRETCH, ExerciseKind.PNF_STRETCH, ExerciseKind.DYNAMIC_MOBILITY}
)
_STRENGTH_KINDS = frozenset({ExerciseKind.STRENGTHENING, ExerciseKind.MOTOR_CONTROL})

_ORDER: dict[type, dict[Any, int]] = {
    cls: {member: i for i, member in enumerate(cls)} for cls in (Muscle, Region, Movement, Benefit)
}


def _check_pairs(field: str, pairs: Any, cls: type) -> None:
    if not isinstance(pairs, tuple):
        raise InvalidValue(field, pairs, f"must be a tuple of ({cls.__name__}, seconds) pairs")
    order = _ORDER[cls]
    previous = -1
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], cls)):
            raise InvalidValue(f"{field}[{i}]", pair, f"must be a ({cls.__name__}, seconds) pair")
        v.int_between(f"{field}[{i}][1]", pair[1], 1, 10**9, " seconds")
        if order[pair[0]] <= previous:
            raise InvalidValue(
                f"{field}[{i}]", str(pair[0]), f"must follow {cls.__name__} order, once each"
            )
        previous = order[pair[0]]


def _pairs(seconds: dict[Any, int], cls: type) -> tuple[tuple[Any, int], ...]:
    return tuple(sorted(seconds.items(), key=lambda item: _ORDER[cls][item[0]]))


def _added(a: tuple[tuple[Any, int], ...], b: tuple[tuple[Any, int], ...], cls: type) -> Any:
    total = dict(a)
    for key, seconds in b:
        total[key] = total.get(key, 0) + seconds
    return _pairs(total, cls)


@attrs.frozen(kw_only=True)
class Coverage:
    """What a routine works on, and for how many seconds of work each.

    Each mapping is a tuple of ``(item, seconds)`` pairs in the order the
    enum defines, listing only what the routine covers. A block's work
    (every set, side and round; not rest or transitions) counts in full for
    each of its targets, their regions, its movements and its benefits, so
    the seconds of different muscles overlap and do not add up to
    ``work_s``.

    >>> coverage = Coverage(work_s=60, muscles=((Muscle.RHOMBOIDS, 60),))
    >>> coverage.seconds(Muscle.RHOMBOIDS), coverage.seconds(Muscle.SCALENES)
    (60, 0)

    Args:
        work_s: Seconds of work in the whole routine.
        muscles: Seconds of work per target muscle.
        regions: Seconds of work per body region.
        movements: Seconds of work per movement.
        benefits: Seconds of work per benefit (of the six).
        stretches: Seconds of stretching per muscle (static, PNF and
            dynamic mobility exercises).
        strengthens: Seconds of strengthening per muscle (strengthening and
            motor-control exercises).

    .. versionadded:: 0.1.0
    """

    work_s: int = 0
    muscles: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)
    regions: tuple[tuple[Region, int], ...] = attrs.field(default=(), converter=to_tuple)
    movements: tuple[tuple[Movement, int], ...] = attrs.field(default=(), converter=to_tuple)
    benefits: tuple[tuple[Benefit, int], ...] = attrs.field(default=(), converter=to_tuple)
    stretches: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)
    strengthens: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        v.int_between("work_s", self.work_s, 0, 10**9, " seconds")
        for field, cls in _COVERAGE_FIELDS:
            _check_pairs(field, getattr(self, field), cls)

    @classmethod
    def of(cls, blocks: Iterable[tuple[Block, int]]) -> Coverage:
        """The coverage of blocks, each done a number of times (circuit rounds)."""
        totals: dict[str, dict[Any, int]] = {field: {} for field, _ in _COVERAGE_FIELDS}
        work = 0
        for block, times in blocks:
            exercise = block.exercise
            seconds = block.dose.work_s(exercise.laterality) * times
            work += seconds
            keys: dict[str, Iterable[Any]] = {
                "muscles": exercise.targets,
                "regions": exercise.regions,
                "movements": exercise.movements,
                "benefits": exercise.benefits,
                "stretches": exercise.targets if exercise.kind in _STRETCH_KINDS else (),
                "strengthens": exercise.targets if exercise.kind in _STRENGTH_KINDS else (),
            }
            for field, items in keys.items():
                bucket = totals[field]
                for item in items:
                    bucket[item] = bucket.get(item, 0) + seconds
        return cls(
            work_s=work,
            **{field: _pairs(totals[field], kind) for field, kind in _COVERAGE_FIELDS},
        )

    def seconds(self, item: Muscle | Region | Movement | Benefit) -> int:
        """Seconds of work on a muscle, region, movement or benefit; 0 if none."""
        field = _FIELD_OF.get(type(item))
        if field is None:
            raise InvalidValue("item", item, "must be a Muscle, Region, Movement or Benefit")
        found: int = dict(getattr(self, field)).get(item, 0)
        return found

    def __add__(self, other: object) -> Coverage:
        """The coverage of two routines done together: the union, seconds added."""
        if not isinstance(other, Coverage):
            return NotImplemented
        return Coverage(
            work_s=self.work_s + other.work_s,
            **{
                field: _added(getattr(self, field), getattr(other, field), cls)
                for field, cls in _COVERAGE_FIELDS
            },
        )


_FIELD_OF: dict[type, str] = {
    Muscle: "muscles",
    Region: "regions",
    Movement: "movements",
    Benefit: "benefits",
}

_COVERAGE_FIELDS: tuple[tuple[str, type], ...] = (
    ("muscles", Muscle),
    ("regions", Region),
    ("movements", Movement),
    ("benefits", Benefit),
    ("stretches", Muscle),
    ("strengthens", Muscle),
)


@attrs.frozen(kw_only=True)
class DoseChange:
    """A dose :meth:`Routine.scaled` changed, and why.

    Args:
        exercise_id: The exercise whose dose changed.
        section: The index of its section in the routine.
        block: The index of the block in its section.
        before: The dose it had.
        after: The dose it has now.
        reason: Why, in words a clinician can check.

    .. versionadded:: 0.1.0
    """

    exercise_id: str
    section: int
    block: int
    before: Dose
    after: Dose
    reason: str

    def __attrs_post_init__(self) -> None:
        v.slug("exercise_id", self.exercise_id)
        v.int_between("section", self.section, 0, 1000)
        v.int_between("block", self.block, 0, 1000)
        v.instance("before", self.before, Dose)
        v.instance("after", self.after, Dose)
        v.text("reason", self.reason)


@attrs.frozen(kw_only=True)
class ScaleResult:
    """What :meth:`Routine.scaled` made: the routine, its changes, and whether it fits.

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
    budget_s: int
    met: bool

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        if not isinstance(self.changes, tuple):
            raise InvalidValue("changes", self.changes, "must be a tuple of DoseChange values")
        for i, change in enumerate(self.changes):
            v.instance(f"changes[{i}]", change, DoseChange)
        v.int_between("budget_s", self.budget_s, 60, 240 * 60, " seconds")
        v.instance("met", self.met, bool)

    @property
    def duration(self) -> dt.timedelta:
        """The scaled routine's duration."""
        return self.routine.duration()


@attrs.frozen(kw_only=True)
class Substitution:
    """A block :meth:`Routine.substitute` had to swap, and what it chose.

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

    original_id: str
    replacement_id: str | None
    reason: str
    section: int
    block: int

    def __attrs_post_init__(self) -> None:
        v.slug("original_id", self.original_id)
        if self.replacement_id is not None:
            v.slug("replacement_id", self.replacement_id)
        v.text("reason", self.reason)
        v.int_between("section", self.section, 0, 1000)
        v.int_between("block", self.block, 0, 1000)

    @property
    def satisfied(self) -> bool:
        """Whether a replacement was found."""
        return self.replacement_id is not None


@attrs.frozen(kw_only=True)
class SubstitutionResult:
    """What :meth:`Routine.substitute` made: the routine and every swap.

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
