"""How long a section takes, and the step-by-step script a timer follows.

Both are worked out from the same rules, stated once here and in
:meth:`upperback.routine.Section.duration`:

* every visit to an exercise starts with a transition of
  :data:`~upperback.routine.TRANSITION_S` (the first of a session is
  "get ready");
* a set is its work (:attr:`Dose.set_work_s`), done once, or on each side
  of a one-sided exercise dosed per side with a switch of
  :data:`~upperback.routine.SWITCH_SIDES_S` between the sides (an
  alternating exercise changes sides rep by rep, in one step of twice the
  work);
* straight sets: all sets of a block with its ``rest_s`` between them;
* superset: passes of one set of each block that has sets left, with the
  longest ``rest_s`` of the pass between passes;
* circuit: each round visits every block and does its whole dose, with
  ``rest_between_rounds_s`` between rounds;
* nothing is added between blocks, sections or at the end.

The duration is the sum of the script's seconds, exactly; a property test
holds the two to it.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from upperback import _validate as v
from upperback.dose import MAX_HOLD_S, MAX_REPS, MAX_SETS
from upperback.errors import InvalidValue
from upperback.routine.structure import MAX_ROUNDS, Structure
from upperback.vocab import Laterality

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from upperback.routine.block import Block

__all__ = [
    "MAX_STEP_S",
    "SWITCH_SIDES_S",
    "TRANSITION_S",
    "Side",
    "Step",
    "StepKind",
    "section_s",
    "steps",
]

TRANSITION_S: Final = 10
"""Seconds allowed to get into position before every visit to an exercise.

Not a sourced number: the sources give no
transition time. Ten seconds is a practical allowance to read the next
exercise, fetch a prop and set up; it is counted once before *every* visit
to an exercise (the first one of a session included, as "get ready"), so
that durations add up exactly when routines are joined with ``+``.
"""

SWITCH_SIDES_S: Final = 5
"""Seconds allowed to change sides in a one-sided exercise done per side.

Not a sourced number (the sources give none): a short practical allowance.
Alternating exercises change side rep by rep and get no switch step.
"""


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
    seconds: int = attrs.field(metadata=v.between(1, MAX_STEP_S, " seconds"))
    cue: str = attrs.field(metadata=v.text_up_to())
    exercise_id: str | None = attrs.field(default=None, metadata=v.slug_id())
    side: Side | None = None
    set_number: int | None = attrs.field(default=None, metadata=v.between(1, MAX_SETS))
    round_number: int | None = attrs.field(default=None, metadata=v.between(1, MAX_ROUNDS))
    reps: int | None = attrs.field(default=None, metadata=v.between(1, MAX_REPS))
    hold_s: int | None = attrs.field(default=None, metadata=v.between(1, MAX_HOLD_S, " seconds"))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("kind", self.kind, StepKind)
        if problems := self._bound_problems():
            v.report(problems)
        if self.exercise_id is None and self.kind is not StepKind.REST:
            raise InvalidValue("exercise_id", None, f"must be given for a {self.kind} step")
        work = self.kind is StepKind.WORK
        for field in ("side", "set_number", "round_number", "reps", "hold_s"):
            if not work and getattr(self, field) is not None:
                raise InvalidValue(field, getattr(self, field), "may only be given for work")
        if self.side is not None:
            v.instance("side", self.side, Side)
        if work and self.set_number is None:
            raise InvalidValue("set_number", None, "must be given for work")


class Timed(Protocol):
    """What timing reads of a section: its structure, rounds, rest and blocks."""

    @property
    def structure(self) -> Structure: ...
    @property
    def rounds(self) -> int: ...
    @property
    def rest_between_rounds_s(self) -> int: ...
    @property
    def blocks(self) -> tuple[Block, ...]: ...


def set_s(block: Block) -> int:
    """Seconds of one set of a block, both sides and the switch included."""
    dose = block.dose
    sides = dose.sides(block.exercise.laterality)
    switches = SWITCH_SIDES_S if sides == 2 and _switches(block) else 0
    return dose.set_work_s * sides + switches


def _switches(block: Block) -> bool:
    return block.exercise.laterality is Laterality.UNILATERAL


def visit_s(block: Block) -> int:
    """Seconds of a visit doing the block's whole dose: transition, sets and rests."""
    sets = block.dose.sets
    return TRANSITION_S + sets * set_s(block) + (sets - 1) * block.dose.rest_s


def section_s(section: Timed) -> int:
    """Seconds the section takes, by the rules in the module docstring."""
    if section.structure is Structure.STRAIGHT:
        return sum(visit_s(block) for block in section.blocks)
    if section.structure is Structure.CIRCUIT:
        one_round = sum(visit_s(block) for block in section.blocks)
        return section.rounds * one_round + (section.rounds - 1) * section.rest_between_rounds_s
    total = 0
    passes = max(block.dose.sets for block in section.blocks)
    for number in range(1, passes + 1):
        in_pass = [block for block in section.blocks if block.dose.sets >= number]
        total += sum(TRANSITION_S + set_s(block) for block in in_pass)
        if number < passes:
            total += max(block.dose.rest_s for block in in_pass)
    return total


def steps(sections: Iterable[Timed]) -> tuple[Step, ...]:
    """The session script of sections, in order."""
    script: list[Step] = []
    for section in sections:
        script.extend(_section_steps(section, first=not script))
    return tuple(script)


def _section_steps(section: Timed, *, first: bool) -> Iterator[Step]:
    if section.structure is Structure.SUPERSET:
        passes = max(block.dose.sets for block in section.blocks)
        for number in range(1, passes + 1):
            in_pass = [block for block in section.blocks if block.dose.sets >= number]
            for block in in_pass:
                yield _transition(block, first=first)
                first = False
                yield from _set_steps(block, number, None)
            rest = max(block.dose.rest_s for block in in_pass)
            if number < passes and rest:
                yield Step(kind=StepKind.REST, seconds=rest, cue=f"Rest {rest} s")
        return
    for round_number in range(1, section.rounds + 1):
        circuit = section.structure is Structure.CIRCUIT
        for block in section.blocks:
            yield _transition(block, first=first)
            first = False
            yield from _visit_steps(block, round_number if circuit else None)
        rest = section.rest_between_rounds_s
        if round_number < section.rounds and rest:
            yield Step(
                kind=StepKind.REST,
                seconds=rest,
                cue=f"Rest {rest} s before round {round_number + 1} of {section.rounds}",
            )


def _transition(block: Block, *, first: bool) -> Step:
    name = block.exercise.name
    return Step(
        kind=StepKind.GET_READY if first else StepKind.TRANSITION,
        seconds=TRANSITION_S,
        cue=f"Get ready: {name}" if first else f"Next: {name}",
        exercise_id=block.exercise.id,
    )


def _visit_steps(block: Block, round_number: int | None) -> Iterator[Step]:
    dose = block.dose
    for number in range(1, dose.sets + 1):
        yield from _set_steps(block, number, round_number)
        if number < dose.sets and dose.rest_s:
            yield Step(
                kind=StepKind.REST,
                seconds=dose.rest_s,
                cue=f"Rest {dose.rest_s} s",
                exercise_id=block.exercise.id,
            )


def _set_steps(block: Block, number: int, round_number: int | None) -> Iterator[Step]:
    dose = block.dose
    sides = dose.sides(block.exercise.laterality)
    if sides == 1 or not _switches(block):
        alternate = ", alternating sides" if sides == 2 else ""
        yield _work(block, number, round_number, None, dose.set_work_s * sides, alternate)
        return
    yield _work(block, number, round_number, Side.LEFT, dose.set_work_s, ", left side")
    yield Step(
        kind=StepKind.SWITCH_SIDES,
        seconds=SWITCH_SIDES_S,
        cue="Switch sides",
        exercise_id=block.exercise.id,
    )
    yield _work(block, number, round_number, Side.RIGHT, dose.set_work_s, ", right side")


def _work(  # noqa: PLR0917 - a private helper with one caller
    block: Block,
    number: int,
    round_number: int | None,
    side: Side | None,
    seconds: int,
    where: str,
) -> Step:
    dose = block.dose
    what = dose.set_description
    return Step(
        kind=StepKind.WORK,
        seconds=seconds,
        cue=f"{block.exercise.name}: set {number} of {dose.sets}, {what}{where}",
        exercise_id=block.exercise.id,
        side=side,
        set_number=number,
        round_number=round_number,
        reps=dose.reps,
        hold_s=dose.hold_s,
    )
