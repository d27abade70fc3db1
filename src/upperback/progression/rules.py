"""Progression rules: typed, serializable values that say how a block's dose changes.

Every rule is an immutable attrs class with a ``TYPE`` constant (its tag in
a document) and a ``describe()`` method. Rules compose: a :class:`Chain` tries its
rules in order and the first that applies decides; a :class:`PainGate`
wraps any rule and lets it progress only when pain stays low, as the
pain-monitoring model has it [P7] (its "safe zone" of 0–3/10 is a common
convention, not from a study). :func:`~upperback.progression.decide.progress`
applies a rule to one block and its history.

A rule that cannot change the dose any further (a hold at its cap, a rep
range at its top with no set left to add) does not apply, so that the next
rule of a chain, such as :class:`Advance`, can take over.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, Final, Union

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.dose import MAX_HOLD_S, MAX_REPS, MAX_SETS, Dose
from upperback.errors import InvalidValue
from upperback.progression.engine import (
    Context,
    ProgressAction,
    Proposal,
    Unsettled,
    at_most,
    dose_text,
    easier_block,
    harder_block,
    harder_than,
    light,
    not_done,
    streak,
    unsettled,
    usable,
)
from upperback.progression.log import MAX_WEEKS
from upperback.props import THERABAND_COLOURS, BandLevel
from upperback.routine.scaling import HOLD_STEP_S
from upperback.safety.person import band_ceiling

if TYPE_CHECKING:
    from collections.abc import Callable

    from upperback.progression.log import Outcome

__all__ = [
    "RULE_TYPES",
    "Advance",
    "Chain",
    "Deload",
    "DoseField",
    "DoubleProgression",
    "Hold",
    "HoldProgression",
    "LinearProgression",
    "PainGate",
    "PercentProgression",
    "ProgressionRule",
    "RegressExercise",
    "SetOnWeek",
    "SetProgression",
    "StallDeload",
    "Suppress",
    "Then",
]

_MAX_BAND: Final = max(BandLevel)


class DoseField(enum.StrEnum):
    """A number of a dose that a rule may change.

    .. versionadded:: 0.1.0
    """

    SETS = "sets"
    REPS = "reps"
    HOLD_S = "hold_s"
    BAND_LEVEL = "band_level"

    @property
    def maximum(self) -> int:
        """The largest value a dose allows for this field."""
        return _MAXIMA[self]

    def of(self, dose: Dose) -> int | None:
        """The field's value in a dose (``None`` when the dose has none)."""
        value = getattr(dose, self.value)
        return None if value is None else int(value)

    def set(self, dose: Dose, value: int) -> Dose:
        """A copy of the dose with this field set to ``value``."""
        new: Any = BandLevel(value) if self is DoseField.BAND_LEVEL else value
        return attrs.evolve(dose, **{self.value: new})

    @property
    def unit(self) -> str:
        """The field's unit, as the person reads it."""
        return _UNITS[self]


_MAXIMA: Final = {
    DoseField.SETS: MAX_SETS,
    DoseField.REPS: MAX_REPS,
    DoseField.HOLD_S: MAX_HOLD_S,
    DoseField.BAND_LEVEL: int(_MAX_BAND),
}
_UNITS: Final = {
    DoseField.SETS: " sets",
    DoseField.REPS: " reps",
    DoseField.HOLD_S: " s",
    DoseField.BAND_LEVEL: "",
}


@attrs.frozen
class _Ceiling:
    """The most a field may reach for this block and person, and why (``None``: the dose's own)."""

    value: int
    why: str | None = None
    sources: tuple[str, ...] = ()


def _ceiling(ctx: Context, field: DoseField) -> _Ceiling:
    """The tightest limit on a field: the exercise's own, screening's hold cap, the person's band.

    Every rule reads it, so that a rule stops at it and the next rule of a
    chain can take over; the pain gate keeps any proposal within it too.
    """
    found = _Ceiling(field.maximum)
    exercise = ctx.block.exercise
    limit = exercise.dose_limits.of(field.value)
    if limit is not None and limit < found.value:
        found = _Ceiling(
            limit,
            f"{exercise.name} stops at {_LIMIT_WORDS[field].format(limit)},"
            " the limit of its own sources",
        )
    if (
        field is DoseField.HOLD_S
        and (cap := ctx.block.max_hold_s) is not None
        and cap < found.value
    ):
        rules = ", ".join(c.rule for c in ctx.block.cautions if c.max_hold_s == cap)
        found = _Ceiling(cap, f"screening caps the hold at {cap} s ({rules})")
    if field is DoseField.BAND_LEVEL and ctx.profile is not None and ctx.profile.level is not None:
        band = band_ceiling(ctx.profile.level)
        if band < found.value:
            found = _Ceiling(
                int(band),
                f"band level {int(band)} ({THERABAND_COLOURS[band - 1]} in Thera-Band's colours)"
                f" is the heaviest for a person at level {int(ctx.profile.level)}: tan and yellow"
                " are for early rehabilitation, red and green to start strengthening, blue and"
                " above for advanced users",
                ("D1",),
            )
    return found


_LIMIT_WORDS: Final = {
    DoseField.SETS: "{} sets",
    DoseField.REPS: "{} reps a set",
    DoseField.HOLD_S: "{} s holds",
}


def _top(ctx: Context, field: DoseField, own: int | None = None) -> int:
    """The most a rule takes ``field`` to: its own maximum, within :func:`_ceiling`."""
    ceiling = _ceiling(ctx, field).value
    return ceiling if own is None else min(own, ceiling)


class Then(enum.StrEnum):
    """What :class:`DoubleProgression` does once every set reaches the top of the range.

    .. versionadded:: 0.1.0
    """

    BAND = "band"
    """The next band level, reps back to the bottom of the range."""
    SET = "set"
    """One more set, reps back to the bottom of the range."""
    BAND_OR_SET = "band_or_set"
    """The next band level for a banded dose, else one more set."""
    NOTHING = "nothing"
    """No further step; the rule no longer applies, so the next rule of a chain can."""


def _done(outcome: Outcome) -> bool:
    return not outcome.skipped


def _completed(outcome: Outcome) -> bool:
    return outcome.completed


def _short(outcome: Outcome) -> bool:
    return not outcome.completed


_PER_FIELD_MAX: Final = max(_MAXIMA.values())
"""The largest value any dose field allows (a rule's own cap is checked against its field)."""


def _checked(rule: Any) -> None:
    """Raise the problems of a rule's declared bounds, all at once."""
    if problems := rule._bound_problems():  # noqa: SLF001 - the classes of this module
        v.report(problems)


def _progress(rule: str, dose: Dose, new: Dose, why: str, sources: tuple[str, ...]) -> Proposal:
    return Proposal(
        action=ProgressAction.PROGRESS,
        dose=new,
        rule=rule,
        text=f"{why}: {dose_text(dose)} becomes {dose_text(new)}.",
        sources=sources,
    )


def _hold(rule: str, text: str, sources: tuple[str, ...] = ()) -> Proposal:
    return Proposal(action=ProgressAction.HOLD, rule=rule, text=text, sources=sources)


@attrs.frozen(kw_only=True)
class HoldProgression:
    """Lengthen a hold by ``step_s`` after a session with every hold done, up to ``max_s``.

    >>> HoldProgression(step_s=5, max_s=60).describe()
    'hold progression: +5 s a hold after a session with every hold done, up to 60 s'

    Args:
        step_s: Seconds added, 1 to 60.
        max_s: The longest hold, 1 to 120 s; a safety cap from screening
            is never exceeded either.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "hold_progression"

    step_s: int = attrs.field(default=5, metadata=v.between(1, 60, " seconds"))
    max_s: int = attrs.field(default=30, metadata=v.between(1, MAX_HOLD_S, " seconds"))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _checked(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return (
            f"hold progression: +{self.step_s} s a hold after a session with every hold done,"
            f" up to {self.max_s} s"
        )

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        top = _top(ctx, DoseField.HOLD_S, self.max_s)
        if dose.hold_s is None or dose.hold_s >= top:
            return None
        if (why := not_done(ctx)) is not None:
            return _hold(self.TYPE, why)
        new = attrs.evolve(dose, hold_s=min(dose.hold_s + self.step_s, top))
        return _progress(self.TYPE, dose, new, "Every hold was done", ("A1", "A2"))

    def _back(self, dose: Dose) -> Dose | None:
        if dose.hold_s is None or dose.hold_s - self.step_s < 1:
            return None
        return attrs.evolve(dose, hold_s=dose.hold_s - self.step_s)


@attrs.frozen(kw_only=True)
class DoubleProgression:
    """Add reps until every set reaches the top of the range, then load or a set.

    After a session in which every prescribed set reached the prescribed
    reps, the reps go up by ``step`` (or to the fewest reps any set did,
    when that is more), up to ``high``. Once every set reaches ``high``,
    the dose moves as ``then`` says, reps back to ``low``; for bands,
    adding load is the next band level [D1]. Double progression is a
    coaching convention, not from a study, built on ACSM's rule of adding
    load once the target reps are exceeded [A9].
    Unlike a gate on the bottom of the range, nothing moves until *every*
    set reaches the top.

    >>> DoubleProgression(low=8, high=12).describe()
    'double progression over 8–12 reps: +1 rep until every set reaches 12, then the next band level (or one more set, up to 4), back to 8 reps'

    Args:
        low: The bottom of the rep range, 1 to 49.
        high: The top of the range, 2 to 50 and above ``low``.
        step: Reps added, 1 to 10.
        then: What comes once every set reaches ``high``.
        max_sets: The most sets a ``set`` step may reach, 1 to 10.

    .. versionadded:: 0.1.0
    """  # noqa: E501

    TYPE: ClassVar[str] = "double_progression"

    low: int = attrs.field(metadata=v.between(1, MAX_REPS - 1, " reps"))
    high: int = attrs.field(metadata=v.between(2, MAX_REPS, " reps"))
    step: int = attrs.field(default=1, metadata=v.between(1, 10, " reps"))
    then: Then = Then.BAND_OR_SET
    max_sets: int = attrs.field(default=4, metadata=v.between(1, MAX_SETS, " sets"))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("then", self.then, Then)
        _checked(self)
        if self.high <= self.low:
            raise InvalidValue(
                "high",
                self.high,
                f"must be an integer between {self.low + 1} and {MAX_REPS} reps (above 'low')",
            )

    def describe(self) -> str:
        """What the rule does, in plain words."""
        then = {
            Then.BAND: "the next band level",
            Then.SET: f"one more set, up to {self.max_sets}",
            Then.BAND_OR_SET: f"the next band level (or one more set, up to {self.max_sets})",
            Then.NOTHING: "",
        }[self.then]
        rep = "rep" if self.step == 1 else "reps"
        text = (
            f"double progression over {self.low}–{self.high} reps: +{self.step} {rep}"
            f" until every set reaches {self.high}"
        )
        return f"{text}, then {then}, back to {self.low} reps" if then else text

    def _loaded(self, ctx: Context, low: int) -> tuple[Dose, str, tuple[str, ...]] | None:
        """The dose one load step up, reps back to ``low``, with why and the step's sources."""
        dose = ctx.block.dose
        band = dose.band_level
        heaviest = _ceiling(ctx, DoseField.BAND_LEVEL)
        banded = self.then in (Then.BAND, Then.BAND_OR_SET) and band is not None
        if banded and band is not None and band < heaviest.value:
            new = attrs.evolve(dose, band_level=BandLevel(band + 1), reps=low)
            return new, "", ("A9", "D1")
        if self.then in (Then.SET, Then.BAND_OR_SET) and dose.sets < _top(
            ctx, DoseField.SETS, self.max_sets
        ):
            new = attrs.evolve(dose, sets=dose.sets + 1, reps=low)
            if banded and heaviest.why is not None:
                return new, f"; {heaviest.why}, so one more set", ("A9", "A7", "D1")
            return new, "", ("A9", "A7")
        return None

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        if dose.reps is None:
            return None
        high = _top(ctx, DoseField.REPS, self.high)
        low = min(self.low, high)
        unfinished = not_done(ctx)
        if dose.reps >= high:
            loaded = self._loaded(ctx, low)
            if loaded is None:
                return None
            if unfinished is not None:
                return _hold(self.TYPE, unfinished)
            new, also, sources = loaded
            why = f"Every set reached the top of the {low}–{high} range{also}"
            return _progress(self.TYPE, dose, new, why, sources)
        if unfinished is not None:
            return _hold(self.TYPE, unfinished)
        fewest = min(min(outcome.per_set) for _, outcome in ctx.recent if not outcome.skipped)
        reps = min(high, max(dose.reps + self.step, fewest))
        new = attrs.evolve(dose, reps=reps)
        return _progress(self.TYPE, dose, new, "Every set reached its reps", ("A9",))

    def _back(self, dose: Dose) -> Dose | None:
        if dose.reps is None or dose.reps - self.step < 1:
            return None
        return attrs.evolve(dose, reps=dose.reps - self.step)


@attrs.frozen(kw_only=True)
class SetProgression:
    """Add a set after a session with every set done, up to ``max_sets``.

    >>> SetProgression(max_sets=4, max_total_s=60).describe()
    'set progression: +1 set after a session with every set done, up to 4 sets or 60 s in all'

    Args:
        max_sets: The most sets, 1 to 10.
        step: Sets added, 1 to 5.
        max_total_s: Stop once the sets add up to this many seconds of
            work on a side (a stretch's 60 s per exercise [A2]), if given.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "set_progression"

    max_sets: int = attrs.field(metadata=v.between(1, MAX_SETS, " sets"))
    step: int = attrs.field(default=1, metadata=v.between(1, 5, " sets"))
    max_total_s: int | None = attrs.field(
        default=None, metadata=v.between(1, MAX_SETS * MAX_HOLD_S, " seconds")
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _checked(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        unit = "set" if self.step == 1 else "sets"
        total = "" if self.max_total_s is None else f" or {self.max_total_s} s in all"
        return (
            f"set progression: +{self.step} {unit} after a session with every set done,"
            f" up to {self.max_sets} sets{total}"
        )

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        top = _top(ctx, DoseField.SETS, self.max_sets)
        if dose.sets >= top:
            return None
        if self.max_total_s is not None and dose.sets * dose.set_work_s >= self.max_total_s:
            return None
        if (why := not_done(ctx)) is not None:
            return _hold(self.TYPE, why)
        new = attrs.evolve(dose, sets=min(dose.sets + self.step, top))
        sources = ("A2",) if self.max_total_s is not None else ("A7",)
        return _progress(self.TYPE, dose, new, "Every set was done", sources)

    def _back(self, dose: Dose) -> Dose | None:
        return attrs.evolve(dose, sets=dose.sets - 1) if dose.sets > 1 else None


@attrs.frozen(kw_only=True)
class LinearProgression:
    """Add a step after N successes in a row, drop one after M failures in a row.

    The counts are read from the history, never stored: a success is a
    session at the current dose with every set done (and, with
    ``beyond_last_set``, that many reps or seconds over the target in the
    last set); a failure is one with a set short of it; a skipped block is
    neither and breaks neither run. The "2-for-2" rule, a common convention,
    not from a study, built on ACSM's rule of adding load once the target
    reps are exceeded [A9], is
    ``LinearProgression(field=DoseField.BAND_LEVEL, step=1, after_successes=2,
    beyond_last_set=2)``.

    >>> LinearProgression(field=DoseField.REPS, step=1, after_successes=2).describe()
    'linear progression: +1 reps after 2 successful sessions in a row'

    Args:
        field: The number that changes.
        step: How much it goes up, 1 to 60.
        after_successes: Successes in a row before a step, 1 to 20.
        drop: How much it goes down after ``after_failures``; 0 never drops.
        after_failures: Failures in a row before a drop, 1 to 20.
        beyond_last_set: Reps (or seconds) over the target the last set
            must reach for a success, 0 to 20.
        maximum: The highest value the field may reach, if lower than the dose allows.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "linear_progression"

    field: DoseField
    step: int = attrs.field(metadata=v.between(1, 60))
    after_successes: int = attrs.field(default=1, metadata=v.between(1, 20))
    drop: int = attrs.field(default=0, metadata=v.between(0, 60))
    after_failures: int = attrs.field(default=2, metadata=v.between(1, 20))
    beyond_last_set: int = attrs.field(default=0, metadata=v.between(0, 20))
    maximum: int | None = attrs.field(default=None, metadata=v.between(1, _PER_FIELD_MAX))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("field", self.field, DoseField)
        _checked(self)
        _within_field("maximum", self.maximum, self.field)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        unit = self.field.unit or " band levels"
        text = f"linear progression: +{self.step}{unit} after {self.after_successes}"
        text += " successful session" + ("s in a row" if self.after_successes > 1 else "")
        if self.beyond_last_set:
            text += f" with {self.beyond_last_set} over the target in the last set"
        if self.maximum is not None:
            text += f", up to {self.maximum}"
        if self.drop:
            text += f"; -{self.drop} after {self.after_failures} failed sessions in a row"
        return text

    def _success(self, outcome: Any) -> bool:
        return bool(
            outcome.completed and outcome.per_set[-1] >= outcome.target + self.beyond_last_set
        )

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        value = self.field.of(dose)
        if value is None:
            return None
        cap = _top(ctx, self.field, self.maximum)
        wins = streak(ctx, self._success, breaks=_done, enough=self.after_successes)
        losses = streak(ctx, _short, breaks=_done, enough=self.after_failures)
        if self.drop and losses >= self.after_failures and value > 1:
            new = self.field.set(dose, max(1, value - self.drop))
            return Proposal(
                action=ProgressAction.REGRESS,
                dose=new,
                rule=self.TYPE,
                text=(
                    f"{losses} sessions in a row fell short of {dose_text(dose)}"
                    f" (the rule drops after {self.after_failures}):"
                    f" {dose_text(dose)} becomes {dose_text(new)}."
                ),
                sources=(),
            )
        if value >= cap:
            return None
        if wins >= self.after_successes:
            new = self.field.set(dose, min(cap, value + self.step))
            why = f"{wins} successful sessions in a row (the rule needs {self.after_successes})"
            return _progress(self.TYPE, dose, new, why, ("A9",))
        return _hold(
            self.TYPE,
            f"{wins} of the {self.after_successes} successful sessions in a row needed"
            f" at {dose_text(dose)}.",
        )

    def _back(self, dose: Dose) -> Dose | None:
        value = self.field.of(dose)
        step = self.drop or self.step
        if value is None or value - step < 1:
            return None
        return self.field.set(dose, value - step)


def _field_words(field: DoseField) -> str:
    return field.value.replace("_", " ")


@attrs.frozen(kw_only=True)
class PercentProgression:
    """Raise one number of the dose by a percentage after N successes in a row (wger's percent).

    The step is ``percent`` of the current value, rounded to the nearest whole
    unit and never less than one, so that a small number still moves; a
    success is a session at the current dose with every set done.

    >>> PercentProgression(field=DoseField.HOLD_S, percent=10).describe()
    'percent progression: +10% hold s after 1 successful session'

    Args:
        field: The number that changes.
        percent: The step, 1 to 100 percent of the current value.
        after_successes: Successes in a row before a step, 1 to 20.
        maximum: The highest value the field may reach, if lower than the dose allows.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "percent_progression"

    field: DoseField
    percent: int = attrs.field(metadata=v.between(1, 100, "%"))
    after_successes: int = attrs.field(default=1, metadata=v.between(1, 20))
    maximum: int | None = attrs.field(default=None, metadata=v.between(1, _PER_FIELD_MAX))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("field", self.field, DoseField)
        _checked(self)
        _within_field("maximum", self.maximum, self.field)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        sessions = "session" if self.after_successes == 1 else "sessions in a row"
        text = (
            f"percent progression: +{self.percent}% {_field_words(self.field)} after"
            f" {self.after_successes} successful {sessions}"
        )
        return text if self.maximum is None else f"{text}, up to {self.maximum}"

    def _change(self, value: int) -> int:
        return max(1, (value * self.percent + 50) // 100)

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        value = self.field.of(dose)
        cap = _top(ctx, self.field, self.maximum)
        if value is None or value >= cap:
            return None
        wins = streak(ctx, _completed, breaks=_done, enough=self.after_successes)
        if wins < self.after_successes:
            return _hold(
                self.TYPE,
                f"{wins} of the {self.after_successes} successful sessions in a row needed"
                f" at {dose_text(dose)}.",
            )
        new = self.field.set(dose, min(cap, value + self._change(value)))
        why = f"{wins} successful sessions in a row, +{self.percent}%"
        return _progress(self.TYPE, dose, new, why, ())

    def _back(self, dose: Dose) -> Dose | None:
        value = self.field.of(dose)
        if value is None or value - self._change(value) < 1:
            return None
        return self.field.set(dose, value - self._change(value))


@attrs.frozen(kw_only=True)
class SetOnWeek:
    """Set one number of the dose to a value in a given week, from then on (wger's replace).

    In other weeks the rule does not apply, so that the next rule of a
    :class:`Chain` decides. A value above the current one is a progression
    (screened again, as every harder block is), below it a regression.

    >>> SetOnWeek(week=5, field=DoseField.SETS, value=3).describe()
    'set on week 5: sets to 3'

    Args:
        week: The week, 1 to 520.
        field: The number that is set.
        value: Its value from that week on, 1 to 120 and at most what a dose
            allows for the field.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "set_on_week"

    week: int = attrs.field(metadata=v.between(1, MAX_WEEKS))
    field: DoseField
    value: int = attrs.field(metadata=v.between(1, _PER_FIELD_MAX))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("field", self.field, DoseField)
        _checked(self)
        _within_field("value", self.value, self.field)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return f"set on week {self.week}: {_field_words(self.field)} to {self.value}"

    def _step(self, ctx: Context) -> Proposal | None:
        dose = ctx.block.dose
        current = self.field.of(dose)
        if ctx.week != self.week or current is None:
            return None
        if current == self.value:
            return _hold(self.TYPE, f"Week {self.week} keeps {dose_text(dose)}, as set.")
        new = self.field.set(dose, self.value)
        return Proposal(
            action=ProgressAction.PROGRESS if self.value > current else ProgressAction.REGRESS,
            dose=new,
            rule=self.TYPE,
            text=f"Set for week {self.week}: {dose_text(dose)} becomes {dose_text(new)}.",
        )

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


def _within_field(name: str, value: int | None, field: DoseField) -> None:
    if value is not None and value > field.maximum:
        raise InvalidValue(
            name,
            value,
            f"must be an integer between 1 and {field.maximum}"
            f" (the most a dose allows for {field.value})",
        )


@attrs.frozen(kw_only=True)
class Advance:
    """Move to the harder exercise of the catalog's chain, at its starting dose.

    It applies when the block's exercise has a harder neighbour in the
    catalog given to :func:`~upperback.progression.decide.progress`; put it after
    the rules that grow the dose, so that it takes over once they reach
    their caps. The harder exercise is screened for the person, and a
    block whose harder exercise is excluded holds, saying why.

    >>> Advance().describe()
    "advance to the catalog's harder exercise after 1 successful session at the dose's limit"

    Args:
        after_successes: Sessions in a row with every set done, 1 to 20.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "advance"

    after_successes: int = attrs.field(default=1, metadata=v.between(1, 20))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _checked(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        sessions = "session" if self.after_successes == 1 else "sessions in a row"
        return (
            f"advance to the catalog's harder exercise after {self.after_successes}"
            f" successful {sessions} at the dose's limit"
        )

    def _step(self, ctx: Context) -> Proposal | None:
        harder = harder_block(ctx)
        if harder is None:
            return None
        wins = streak(ctx, _completed, breaks=_done, enough=self.after_successes)
        if wins < self.after_successes:
            return _hold(
                self.TYPE,
                f"{wins} of the {self.after_successes} successful sessions needed before"
                f" moving on to {harder.exercise.name}.",
            )
        return Proposal(
            action=ProgressAction.ADVANCE,
            block=harder,
            rule=self.TYPE,
            text=(
                f"{ctx.block.exercise.name} went well at {dose_text(ctx.block.dose)}:"
                f" on to the harder {harder.exercise.name} at {dose_text(harder.dose)}."
            ),
            sources=tuple(source.key for source in harder.exercise.sources)[:3],
        )

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


@attrs.frozen(kw_only=True)
class RegressExercise:
    """Move to the easier exercise of the catalog's chain after failures in a row.

    >>> RegressExercise(after_failures=2).describe()
    "regress to the catalog's easier exercise after 2 failed sessions in a row"

    Args:
        after_failures: Sessions in a row with a set short of the dose, 1 to 20.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "regress_exercise"

    after_failures: int = attrs.field(default=2, metadata=v.between(1, 20))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _checked(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return (
            f"regress to the catalog's easier exercise after {self.after_failures}"
            " failed sessions in a row"
        )

    def _step(self, ctx: Context) -> Proposal | None:
        easier = easier_block(ctx)
        losses = streak(ctx, _short, breaks=_done, enough=self.after_failures)
        if easier is None or losses < self.after_failures:
            return None
        return Proposal(
            action=ProgressAction.REGRESS_EXERCISE,
            block=easier,
            rule=self.TYPE,
            text=(
                f"{losses} sessions in a row fell short of {dose_text(ctx.block.dose)}:"
                f" back to the easier {easier.exercise.name} at {dose_text(easier.dose)}."
            ),
        )

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


def _scale(dose: Dose, fields: frozenset[DoseField], percent: int) -> Dose:
    new = dose
    for field in sorted(fields):
        value = field.of(new)
        if value is not None:
            new = field.set(new, max(1, value * percent // 100))
    return new


DELOAD_PERCENT: Final = (10, 90)
"""What a deload may leave of each scaled number, in percent: one bound for both deloads."""

_PERCENT: Final = v.between(*DELOAD_PERCENT, "%")
_SCALED: Final = v.items(min_items=1, empty="must name at least one dose field to scale")


def _check_deload(rule: Deload | StallDeload) -> None:
    v.collection("fields", rule.fields, frozenset, DoseField)
    _checked(rule)


@attrs.frozen(kw_only=True)
class Deload:
    """A planned lighter week: every ``every_weeks``-th week, scale the dose to ``percent``.

    A deload is a planned reduction in training demand, most often fewer
    sets or reps, typically every 4–6 weeks; there is no agreed size [P6],
    so the rule asks for one. The week after, the dose is what it was before.

    >>> Deload(every_weeks=4, percent=50).describe()
    'planned deload: every 4th week, sets at 50%'

    Args:
        every_weeks: The deload's period in weeks, 2 to 52.
        percent: What is left of each scaled number, 10 to 90 (rounded
            down, never below 1).
        fields: The numbers to scale: sets by default.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "deload"

    every_weeks: int = attrs.field(metadata=v.between(2, 52, " weeks"))
    percent: int = attrs.field(metadata=_PERCENT)
    fields: frozenset[DoseField] = attrs.field(
        default=frozenset({DoseField.SETS}), converter=to_frozenset, metadata=_SCALED
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _check_deload(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        fields = ", ".join(field.value.replace("_", " ") for field in sorted(self.fields))
        return f"planned deload: every {_nth(self.every_weeks)} week, {fields} at {self.percent}%"

    def _step(self, ctx: Context) -> Proposal | None:
        if ctx.week % self.every_weeks:
            return None
        return _lighter(
            self.TYPE,
            ctx.block.dose,
            self.fields,
            self.percent,
            lambda dose, new: (
                f"Week {ctx.week} is a planned deload week: {dose_text(dose)} becomes"
                f" {dose_text(new)} for the week."
            ),
        )

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


def _lighter(
    rule: str,
    dose: Dose,
    fields: frozenset[DoseField],
    percent: int,
    why: Callable[[Dose, Dose], str],
) -> Proposal:
    """A deload's proposal: the dose scaled to ``percent``, said by ``why(dose, new)`` [P6].

    A deload that would change nothing (one set at 50% is still one set) is
    no deload: the dose holds, saying so, and the week is not labelled one.
    """
    new = _scale(dose, fields, percent)
    if new == dose:
        scaled = ", ".join(_field_words(field) for field in sorted(fields))
        return _hold(
            rule,
            f"A lighter week is due, but {dose_text(dose)} cannot be made lighter with"
            f" {scaled} at {percent}%: it stays as it is.",
            ("P6",),
        )
    return Proposal(
        action=ProgressAction.DELOAD, dose=new, rule=rule, text=why(dose, new), sources=("P6",)
    )


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@attrs.frozen(kw_only=True)
class StallDeload:
    """A reactive lighter week after a stall: ``after_sessions`` failures in a row at one dose.

    >>> StallDeload(after_sessions=3, percent=50).describe()
    'reactive deload: after 3 failed sessions in a row at one dose, sets at 50% for a week'

    Args:
        after_sessions: Failed sessions in a row at the current dose, 1 to 20.
        percent: What is left of each scaled number, 10 to 90.
        fields: The numbers to scale: sets by default.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "stall_deload"

    after_sessions: int = attrs.field(metadata=v.between(1, 20))
    percent: int = attrs.field(metadata=_PERCENT)
    fields: frozenset[DoseField] = attrs.field(
        default=frozenset({DoseField.SETS}), converter=to_frozenset, metadata=_SCALED
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        _check_deload(self)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        fields = ", ".join(field.value.replace("_", " ") for field in sorted(self.fields))
        return (
            f"reactive deload: after {self.after_sessions} failed sessions in a row at one dose,"
            f" {fields} at {self.percent}% for a week"
        )

    def _step(self, ctx: Context) -> Proposal | None:
        losses = streak(ctx, _short, breaks=_done, enough=self.after_sessions)
        if losses < self.after_sessions:
            return None
        return _lighter(
            self.TYPE,
            ctx.block.dose,
            self.fields,
            self.percent,
            lambda dose, new: (
                f"{losses} sessions in a row fell short of {dose_text(dose)}: a lighter week"
                f" at {dose_text(new)}, then back to it."
            ),
        )

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


@attrs.frozen(kw_only=True)
class Hold:
    """Never progress: keep the dose as it is (Liftosaur's ``progress: none``).

    >>> Hold().describe()
    'hold: the dose stays as it is'

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "hold"

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return "hold: the dose stays as it is"

    def _step(self, ctx: Context) -> Proposal | None:
        return _hold(self.TYPE, f"{ctx.block.exercise.name} is set to stay at its dose.")

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


def _check_weeks(rule: Any, _: object, weeks: Any) -> None:
    # A validator, not __attrs_post_init__: the document reader builds the rule field by field.
    v.collection("weeks", weeks, frozenset, int)
    _checked(rule)


@attrs.frozen(kw_only=True)
class Suppress:
    """Skip progression in the given weeks only (a one-off suppress); other weeks pass on.

    Put it first in a :class:`Chain`.

    >>> Suppress(weeks={3}).describe()
    'suppress: no progression in week 3'

    Args:
        weeks: The weeks, from 1, in which nothing progresses.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "suppress"

    weeks: frozenset[int] = attrs.field(
        converter=to_frozenset,
        validator=_check_weeks,
        metadata=v.items(
            item=v.between(1, MAX_WEEKS)[v.BOUND], min_items=1, empty="must name at least one week"
        ),
    )

    _bound_problems = v.checker()

    def describe(self) -> str:
        """What the rule does, in plain words."""
        weeks = ", ".join(str(week) for week in sorted(self.weeks))
        return f"suppress: no progression in week{'s' if len(self.weeks) > 1 else ''} {weeks}"

    def _step(self, ctx: Context) -> Proposal | None:
        if ctx.week not in self.weeks:
            return None
        return _hold(self.TYPE, f"Progression is suppressed in week {ctx.week}.")

    def _back(self, dose: Dose) -> Dose | None:  # noqa: ARG002 - the rule interface
        return None


def _check_chain(chain: Any, _: object, rules: Any) -> None:
    if not isinstance(rules, tuple):
        raise InvalidValue("rules", rules, "must be a collection of progression rules")
    for i, rule in enumerate(rules):
        v.instance(f"rules[{i}]", rule, RULE_TYPES)
    _checked(chain)


@attrs.frozen(kw_only=True)
class Chain:
    """Rules tried in order: the first that applies decides.

    >>> Chain(rules=[HoldProgression(), SetProgression(max_sets=3)]).describe()
    'first of: hold progression: +5 s a hold after a session with every hold done, up to 30 s; then set progression: +1 set after a session with every set done, up to 3 sets'

    Args:
        rules: At least one rule.

    .. versionadded:: 0.1.0
    """  # noqa: E501

    TYPE: ClassVar[str] = "chain"

    rules: tuple[ProgressionRule, ...] = attrs.field(
        converter=to_tuple,
        validator=_check_chain,
        metadata=v.items(min_items=1, empty="must hold at least one rule"),
    )

    _bound_problems = v.checker()

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return "first of: " + "; then ".join(rule.describe() for rule in self.rules)

    def _step(self, ctx: Context) -> Proposal | None:
        for rule in self.rules:
            step = rule._step(ctx)  # noqa: SLF001 - one package's protocol
            if step is not None:
                return step
        return None

    def _back(self, dose: Dose) -> Dose | None:
        for rule in self.rules:
            back = rule._back(dose)  # noqa: SLF001
            if back is not None:
                return back
        return None


@attrs.frozen(kw_only=True)
class PainGate:
    """The pain-monitoring model wrapped around any rule [P7].

    :func:`~upperback.progression.decide.progress` and
    :func:`~upperback.progression.program.plan` put every rule behind the
    gate, whether or not the app did (:meth:`around`): an app's own rule is
    never a way around it. Over the sessions since the last decision, with
    the thresholds of the :class:`~upperback.safety.triage.SafetyPolicy`
    given to them (made stricter for the person's conditions, as
    :func:`~upperback.safety.triage.triage` does):

    - red, regress: pain during or right after above ``pain_ceiling``, or
      next-morning pain worse than the pain before the session (above
      ``settled_pain`` when no pain before was logged) [P7][P11*];
    - amber, hold: pain above ``settled_pain``, the top of the safe zone,
      up to the ceiling, or next-morning pain above ``settled_pain``
      (not settled) [P7][P11*]; also when no pain rating was logged. The
      zones' edges (0–3/10 safe) are a common convention, not from a
      study; the 5/10 ceiling is the model's [P7]. An
      inner rule that makes the dose lighter (a deload, a step back) still
      applies;
    - green: the inner rule decides.

    Until pain has settled (a session whose pain stays in the safe zone and
    has subsided by the next morning [P7]), the block is never harder than
    the dose at which pain went past the ceiling or rose overnight, nor than
    the hardest dose at which pain was above the safe zone: a deload week,
    a chain or a rule of the app's cannot bring a painful block back above
    it, and nothing advances. A regression steps back from the lower of the
    two (the inner rule's step back; else the catalog's easier exercise;
    else one set, one band level, one rep or 5 s less), so pain at a
    deload week's dose takes the block below that dose.

    Around every rule, the gate also keeps each number within the block's
    ceilings: the exercise's own limits
    (``dose_limits`` (:class:`~upperback.dose.DoseLimits`)), screening's hold
    cap, and the heaviest band for the person's level
    (:func:`~upperback.safety.person.band_ceiling`) [D1]; each rule stops at
    them, so that the next rule of a chain can take over, and a decision
    held there says which ceiling. A deload that would change nothing holds.

    Referral on a red flag or persisting pain is not the gate's:
    :func:`~upperback.progression.decide.progress` triages every session
    whatever the rule.

    >>> PainGate(inner=Hold()).describe()
    'pain-gated (progress only when pain stays in the safe zone): hold: the dose stays as it is'

    Args:
        inner: The rule that decides when pain allows.
        easier_first: Regress to the easier exercise before a smaller dose.

    .. versionadded:: 0.1.0
    """

    TYPE: ClassVar[str] = "pain_gate"

    inner: ProgressionRule
    easier_first: bool = False

    def __attrs_post_init__(self) -> None:
        v.instance("inner", self.inner, RULE_TYPES)
        v.instance("easier_first", self.easier_first, bool)

    @classmethod
    def around(cls, rule: ProgressionRule) -> PainGate:
        """``rule`` behind the gate: a gate as it is, any other rule wrapped in one.

        Wrapping twice changes nothing, so that planning can gate every rule:

        >>> PainGate.around(Hold()) == PainGate.around(PainGate.around(Hold()))
        True

        Raises:
            InvalidValue: ``rule`` is not a progression rule.
        """
        v.instance("rule", rule, RULE_TYPES)
        return rule if isinstance(rule, PainGate) else cls(inner=rule)

    def describe(self) -> str:
        """What the rule does, in plain words."""
        return (
            "pain-gated (progress only when pain stays in the safe zone): " + self.inner.describe()
        )

    def _step(self, ctx: Context) -> Proposal | None:
        colour, text, sources = light(ctx)
        pain = unsettled(ctx)
        if colour == "red":
            return self._regress(ctx, text, sources, pain)
        step = self.inner._step(ctx)  # noqa: SLF001
        if colour == "amber" and (step is None or step.action not in _LIGHTER):
            # Amber holds; a planned deload or a step back of the rule's still applies.
            step = _hold(self.TYPE, text, sources)
        return _bounded(ctx, step, pain)

    def _regress(
        self, ctx: Context, text: str, sources: tuple[str, ...], pain: Unsettled | None
    ) -> Proposal:
        current = ctx.block.dose
        start = current if pain is None else at_most(current, pain.cap)
        smaller = self.inner._back(start)  # noqa: SLF001
        easier = easier_block(ctx)
        if easier is not None and not usable(ctx, easier):
            easier = None  # one the person cannot take up would leave the painful dose

        came = "" if start == current else f" The pain came at {dose_text(start)}:"

        def smaller_dose(new: Dose | None) -> Proposal | None:
            if new is None or new == start or harder_than(new, start):
                return None
            return Proposal(
                action=ProgressAction.REGRESS,
                dose=new,
                rule=self.TYPE,
                text=f"{text}{came} {dose_text(current)} becomes {dose_text(new)}.",
                sources=sources,
            )

        def easier_exercise() -> Proposal | None:
            if easier is None:
                return None
            return Proposal(
                action=ProgressAction.REGRESS_EXERCISE,
                block=easier,
                rule=self.TYPE,
                text=f"{text} Back to the easier {easier.exercise.name}.",
                sources=sources,
            )

        options: list[Callable[[], Proposal | None]] = [
            lambda: smaller_dose(smaller),
            easier_exercise,
        ]
        if self.easier_first:
            options.reverse()
        options.append(lambda: smaller_dose(_eased(start)))
        for option in options:
            step = option()
            if step is not None:
                return step
        if start != current:
            return Proposal(
                action=ProgressAction.REGRESS,
                dose=start,
                rule=self.TYPE,
                text=f"{text} {dose_text(current)} becomes {dose_text(start)}, where the pain"
                " was, and no less: there is no smaller dose or easier exercise.",
                sources=sources,
            )
        return _hold(
            self.TYPE,
            f"{text} There is no smaller dose or easier exercise to go back to: it stays as it"
            " is; ease off within it.",
            sources,
        )

    def _back(self, dose: Dose) -> Dose | None:
        return self.inner._back(dose)  # noqa: SLF001


def _eased(dose: Dose) -> Dose | None:
    """One step lighter when the rule has none of its own: a set, a band level, a rep or 5 s."""
    if dose.sets > 1:
        return attrs.evolve(dose, sets=dose.sets - 1)
    if dose.band_level is not None and dose.band_level > min(BandLevel):
        return attrs.evolve(dose, band_level=BandLevel(dose.band_level - 1))
    if dose.reps is not None and dose.reps > 1:
        return attrs.evolve(dose, reps=dose.reps - 1)
    if dose.hold_s is not None and dose.hold_s > 1:
        return attrs.evolve(dose, hold_s=max(1, dose.hold_s - HOLD_STEP_S))
    return None


_SETTLE = (
    "nothing is made harder until a session at or below it keeps pain in the safe zone and"
    " has settled by the next morning"
)


def _bounded(ctx: Context, step: Proposal | None, pain: Unsettled | None) -> Proposal | None:
    """A proposal kept within the block's ceilings and below pain that has not settled."""
    current = ctx.block.dose
    if step is not None and step.action.harder and pain is not None:
        step = _hold(
            PainGate.TYPE,
            f"Pain has not settled since {pain.text}: {_SETTLE}.",
            _UNSETTLED_SOURCES,
        )
    if step is None:
        if pain is None or not harder_than(current, pain.cap):
            return _at_ceilings(ctx)
        step = _hold(PainGate.TYPE, f"Pain has not settled since {pain.text}.", _UNSETTLED_SOURCES)
    if step.block is not None:  # an easier exercise (a harder one was refused above)
        if pain is None or usable(ctx, step.block):
            return step
        step = _hold(
            step.rule,
            f"{step.text} {step.block.exercise.name} is not one the person can take up"
            f" (their kit or screening), and pain has not settled since {pain.text}.",
            _UNSETTLED_SOURCES,
        )
    proposed = step.dose or current
    new, limited = _within_ceilings(ctx, current, proposed)
    if step.action.harder and not harder_than(new, current):
        new = current  # what is left of a harder step within the ceilings is no step
    text, sources = step.text, step.sources
    if limited:
        text = f"{text} Kept within its limits: {'; '.join(limited)}."
        sources = tuple(dict.fromkeys((*sources, *_ceiling_sources(ctx))))
    if pain is not None and harder_than(new, pain.cap):
        new = at_most(new, pain.cap)
        text = (
            f"{text} Pain has not settled since {pain.text}: no harder than"
            f" {dose_text(pain.cap)}, and {_SETTLE}."
        )
        sources = tuple(dict.fromkeys((*sources, *_UNSETTLED_SOURCES)))
    action = _action(step.action, new, current)
    if (action, new, text) == (step.action, proposed, step.text):
        return step
    return Proposal(
        action=action,
        dose=None if new == current else new,
        rule=step.rule,
        text=text,
        sources=sources,
    )


def _action(proposed: ProgressAction, new: Dose, current: Dose) -> ProgressAction:
    """What a step to ``new`` is, once kept within the caps: the action proposed, if still true."""
    if new == current:
        return ProgressAction.HOLD
    if harder_than(new, current):
        return proposed if proposed.harder else ProgressAction.PROGRESS
    return proposed if proposed in _LIGHTER else ProgressAction.REGRESS


_UNSETTLED_SOURCES: Final = ("P7", "P11*")


def _within_ceilings(ctx: Context, current: Dose, proposed: Dose) -> tuple[Dose, list[str]]:
    """``proposed`` with no number raised past its ceiling, and the ceilings that bound it.

    A number is never lowered for a ceiling: a dose the app set above one is kept.
    """
    new = proposed
    limited = []
    for field in DoseField:
        before, after = field.of(current), field.of(proposed)
        if before is None or after is None or after <= before:
            continue
        ceiling = _ceiling(ctx, field)
        most = max(ceiling.value, before)
        if after > most:
            new = field.set(new, most)
            limited.append(ceiling.why or f"{field.value} at most {ceiling.value}")
    return new, limited


def _ceiling_sources(ctx: Context) -> tuple[str, ...]:
    return tuple(key for field in DoseField for key in _ceiling(ctx, field).sources)


def _at_ceilings(ctx: Context) -> Proposal | None:
    """A hold that names the ceilings the dose has reached, or ``None`` when it reached none."""
    dose = ctx.block.dose
    reached = []
    sources: list[str] = []
    for field in DoseField:
        value = field.of(dose)
        ceiling = _ceiling(ctx, field)
        if value is not None and ceiling.why is not None and value >= ceiling.value:
            reached.append(ceiling.why)
            sources += ceiling.sources
    if not reached:
        return None
    return _hold(
        PainGate.TYPE,
        f"{dose_text(dose)} has reached its limits: {'; '.join(reached)}.",
        tuple(dict.fromkeys(sources)),
    )


_LIGHTER: Final = frozenset(
    {ProgressAction.DELOAD, ProgressAction.REGRESS, ProgressAction.REGRESS_EXERCISE}
)

ProgressionRule = Union[  # noqa: UP007 - a runtime alias cattrs and the schema walker read
    HoldProgression,
    DoubleProgression,
    SetProgression,
    LinearProgression,
    PercentProgression,
    SetOnWeek,
    Advance,
    RegressExercise,
    Deload,
    StallDeload,
    Hold,
    Suppress,
    Chain,
    PainGate,
]
"""Any progression rule (a tagged union, each member named in a document by its ``TYPE``)."""

RULE_TYPES: Final[tuple[type, ...]] = (
    HoldProgression,
    DoubleProgression,
    SetProgression,
    LinearProgression,
    PercentProgression,
    SetOnWeek,
    Advance,
    RegressExercise,
    Deload,
    StallDeload,
    Hold,
    Suppress,
    Chain,
    PainGate,
)
"""Every rule class, in the order of :data:`ProgressionRule`."""
