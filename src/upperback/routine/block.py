"""A block: one exercise in a routine, with its dose and the cautions rules put on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.dose import MAX_HOLD_S, MAX_PAIN, Dose
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.vocab import Laterality

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Block", "Caution"]


@attrs.frozen(kw_only=True)
class Caution:
    """What one safety rule put on a block: caps on its dose and a cue for the person.

    Screening (:func:`upperback.safety.screen.screen`) records one caution per
    rule that modified a block, by the rule's id; it never writes into the
    block's ``notes``. A cap is a constraint the block keeps: a block whose
    dose goes past one of its caps cannot be made, so a later change of dose
    (:meth:`~upperback.routine.Routine.map_doses`, :func:`~upperback.routine.scale`,
    a progression) cannot undo a rule.

    >>> Caution(rule="hypermobility-stretch-cap", max_hold_s=30).max_hold_s
    30

    Args:
        rule: The id of the rule, e.g. ``"hypermobility-stretch-cap"``.
        max_hold_s: The longest hold the rule allows, 1 to 120 s.
        max_pain: The most pain (0–10) the rule allows; the block's dose
            must state a pain ceiling no higher.
        cue: The instruction the rule gives the person.

    At least one of ``max_hold_s``, ``max_pain`` and ``cue`` is given.

    .. versionadded:: 0.1.0
    """

    rule: str = attrs.field(metadata=v.slug_id())
    max_hold_s: int | None = attrs.field(
        default=None, metadata=v.between(1, MAX_HOLD_S, " seconds")
    )
    max_pain: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    cue: str | None = attrs.field(default=None, metadata=v.text_up_to(300))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())
        if self.max_hold_s is None and self.max_pain is None and self.cue is None:
            raise InvalidValue("cue", None, "or 'max_hold_s' or 'max_pain' must be given")


def _check_cautions(_: object, __: object, cautions: Any) -> None:
    v.collection("cautions", cautions, tuple, Caution)
    seen: set[str] = set()
    for i, caution in enumerate(cautions):
        if caution.rule in seen:
            raise InvalidValue(
                f"cautions[{i}].rule", caution.rule, "must not repeat an earlier caution's rule"
            )
        seen.add(caution.rule)


def _tightest(caps: list[int]) -> int | None:
    return min(caps) if caps else None


def _within(dose: Dose, cautions: tuple[Caution, ...]) -> Dose:
    hold_cap = _tightest([c.max_hold_s for c in cautions if c.max_hold_s is not None])
    pain_cap = _tightest([c.max_pain for c in cautions if c.max_pain is not None])
    hold_s, max_pain = dose.hold_s, dose.max_pain
    if hold_cap is not None and hold_s is not None:
        hold_s = min(hold_s, hold_cap)
    if pain_cap is not None:
        max_pain = pain_cap if max_pain is None else min(max_pain, pain_cap)
    if (hold_s, max_pain) == (dose.hold_s, dose.max_pain):
        return dose
    return attrs.evolve(dose, hold_s=hold_s, max_pain=max_pain)


@attrs.frozen(kw_only=True)
class Block:
    """One exercise in a routine, with its dose, optional notes and safety cautions.

    The block carries the whole :class:`~upperback.exercise.Exercise`,
    so a saved routine is a complete document.

    Args:
        exercise: What to do.
        dose: How much; the exercise's default dose when not given.
            It must keep within every cap of ``cautions``.
        notes: A note for the person, e.g. "keep the range small this week".
            Screening never writes here.
        cautions: What safety rules put on the block, one per rule, in the
            order they were applied (see :class:`Caution`). Empty unless
            the block was screened for a person and a rule modified it.

    Raises:
        InvalidValue: The dose holds longer than ``max_hold_s``, or has no
            pain ceiling or a higher one than ``max_pain``.

    .. versionadded:: 0.1.0
    """

    exercise: Exercise
    dose: Dose = attrs.field()
    notes: str | None = attrs.field(default=None, metadata=v.text_up_to())
    cautions: tuple[Caution, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_cautions
    )

    @dose.default
    def _default_dose(self) -> Dose:
        exercise: Any = self.exercise  # checked in __attrs_post_init__, which runs later
        return exercise.default_dose if isinstance(exercise, Exercise) else Dose(reps=1)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("exercise", self.exercise, Exercise)
        v.instance("dose", self.dose, Dose)
        v.rules_report(self, self._bound_problems())

    def _rules(self) -> list[InvalidValue]:
        problems = []
        if self.dose.per_side and self.exercise.laterality is Laterality.BILATERAL:
            problems.append(
                InvalidValue(
                    "dose.per_side", self.dose.per_side, "must be false for a bilateral exercise"
                )
            )
        if self.cautions:
            problems += self._cap_problems()
        return problems

    def _cap_problems(self) -> list[InvalidValue]:
        problems = []
        hold_s, max_pain = self.dose.hold_s, self.dose.max_pain
        for caution in self.cautions:
            if (
                caution.max_hold_s is not None
                and hold_s is not None
                and hold_s > caution.max_hold_s
            ):
                problems.append(
                    InvalidValue(
                        "dose.hold_s",
                        hold_s,
                        f"must be at most {caution.max_hold_s} seconds, the cap of rule"
                        f" {caution.rule!r}",
                    )
                )
            if caution.max_pain is not None and (max_pain is None or max_pain > caution.max_pain):
                problems.append(
                    InvalidValue(
                        "dose.max_pain",
                        max_pain,
                        f"must be at most {caution.max_pain}, the cap of rule {caution.rule!r}",
                    )
                )
        return problems

    @property
    def max_hold_s(self) -> int | None:
        """The tightest hold cap of the block's cautions, or ``None`` when uncapped."""
        return _tightest([c.max_hold_s for c in self.cautions if c.max_hold_s is not None])

    @property
    def max_pain(self) -> int | None:
        """The tightest pain cap of the block's cautions, or ``None`` when uncapped."""
        return _tightest([c.max_pain for c in self.cautions if c.max_pain is not None])

    @property
    def cues(self) -> tuple[str, ...]:
        """The cues of the cautions, each once and in order, to show the person."""
        return tuple(dict.fromkeys(c.cue for c in self.cautions if c.cue is not None))

    def cap(self, dose: Dose) -> Dose:
        """``dose`` brought within this block's caps (it is returned as is when it fits).

        A hold longer than ``max_hold_s`` is shortened to it, and a pain
        ceiling missing or above ``max_pain`` is lowered to it; nothing
        else changes. A transform that wants a larger dose than a rule
        allows uses this to stay within the rule.

        >>> from upperback import default_catalog
        >>> stretch = default_catalog()["upper-trapezius-stretch"]
        >>> block = Block(exercise=stretch, dose=Dose(sets=2, hold_s=20, per_side=True),
        ...               cautions=[Caution(rule="hypermobility-stretch-cap", max_hold_s=20)])
        >>> block.cap(Dose(sets=2, hold_s=45, per_side=True)).hold_s
        20
        """
        return _within(dose, self.cautions)

    def with_cautions(self, cautions: Iterable[Caution]) -> Block:
        """This block with ``cautions`` recorded and its dose brought within their caps.

        A caution replaces one already recorded for the same rule, and
        none is ever removed, so recording the same cautions again changes
        nothing: this is what makes screening idempotent.
        """
        recorded = {caution.rule: caution for caution in self.cautions}
        for i, caution in enumerate(cautions):
            v.instance(f"cautions[{i}]", caution, Caution)
            recorded[caution.rule] = caution
        new = tuple(recorded.values())
        if new == self.cautions:
            return self
        return attrs.evolve(self, cautions=new, dose=_within(self.dose, new))

    @classmethod
    def of(cls, item: Block | Exercise) -> Block:
        """A block from a block (returned as is) or an exercise at its default dose."""
        return item if isinstance(item, Block) else cls(exercise=item)
