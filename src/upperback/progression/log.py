"""Session logs: what a person did in a session, how it felt, and how much of the plan they did.

A :class:`SessionLog` records one session: its date, the routine it
followed, and one :class:`Outcome` per block. An outcome names its block by
its address in the routine, ``(section, block)``, so that a routine holding
the same exercise twice is never ambiguous, and carries the dose that was
prescribed, so that a log says on its own what "done" meant.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.dose import MAX_EFFORT, MAX_HOLD_S, MAX_PAIN, MAX_REPS, Dose
from upperback.errors import InvalidValue, excerpt
from upperback.safety.triage import SymptomReport

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from upperback.progression.program import Program
    from upperback.routine import Block, Routine

__all__ = ["EFFORT_SCALE", "MAX_BLOCKS", "MAX_WEEKS", "Outcome", "SessionLog", "addresses"]

MAX_BLOCKS: Final = 100
"""The highest section or block index an address may hold (a bound that catches nonsense)."""

MAX_WEEKS: Final = 520
"""The longest program, in weeks (ten years)."""

_PAIN: Final = v.between(0, MAX_PAIN)
"""A 0–10 pain rating; ``None`` when it was not given."""

EFFORT_SCALE: Final = (
    (0, "no effort at all"),
    (2, "easy"),
    (4, "moderate: you notice the work"),
    (6, "hard: you have to push"),
    (8, "very hard: only a few more would be possible"),
    (10, "the hardest you could do"),
)
"""Words for the 0–10 effort rating, in the library's own, neutral wording.

Effort is the person's own rating of how hard the exercise felt. The
wording is not a published scale: the Borg CR10 anchors are licensed [P16].
"""


@attrs.frozen(kw_only=True)
class Outcome:
    """How one block of a session went.

    >>> dose = Dose(sets=2, reps=12)
    >>> outcome = Outcome(
    ...     section=0, block=0, exercise_id="band-pull-apart", dose=dose, done=(12, 10)
    ... )
    >>> outcome.completed, outcome.per_set
    (False, (12, 10))

    Args:
        section: The block's section, counted from 0 in the routine followed.
        block: The block's place in its section, counted from 0.
        exercise_id: The exercise done, which must be the block's.
        dose: The dose that was prescribed for the block that session.
        done: Per set, the reps done (a dose with reps) or the seconds held
            (a hold); for a per-side dose two numbers a set, left then right.
            Empty when the block was skipped.
        pain_during: Pain during the exercise, 0 (none) to 10 (worst imaginable).
        pain_after: Pain right after the session, 0 to 10.
        pain_next_morning: Pain the next morning, 0 to 10.
        effort: How hard it felt, 0 to 10 (see :data:`EFFORT_SCALE`).
        skip_reason: Why the block was skipped; given exactly when it was.

    .. versionadded:: 0.1.0
    """

    section: int = attrs.field(metadata=v.between(0, MAX_BLOCKS))
    block: int = attrs.field(metadata=v.between(0, MAX_BLOCKS))
    exercise_id: str = attrs.field(metadata=v.slug_id())
    dose: Dose
    done: tuple[int, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=v.items(item=v.between(0, MAX_HOLD_S, " seconds")[v.BOUND]),
    )
    pain_during: int | None = attrs.field(default=None, metadata=_PAIN)
    pain_after: int | None = attrs.field(default=None, metadata=_PAIN)
    pain_next_morning: int | None = attrs.field(default=None, metadata=_PAIN)
    effort: int | None = attrs.field(default=None, metadata=v.between(0, MAX_EFFORT))
    skip_reason: str | None = attrs.field(default=None, metadata=v.text_up_to(500))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("dose", self.dose, Dose)
        v.collection("done", self.done, tuple, int)
        if self.dose.reps is not None:
            # Each number's declared bound is the longest hold; reps stop lower.
            for i, value in enumerate(self.done):
                v.int_between(f"done[{i}]", value, 0, MAX_REPS, " reps")
        if problems := self._bound_problems():
            v.report(problems)
        if self.skip_reason is not None:
            if self.done:
                raise InvalidValue("done", list(self.done), "must be empty for a skipped block")
            return
        expected = self.dose.sets * self.sides
        if len(self.done) != expected:
            each = " (two a set, left then right, for a per-side dose)" if self.sides == 2 else ""
            raise InvalidValue(
                "done",
                len(self.done),
                f"must hold {expected} numbers for the prescribed {self.dose.describe()}{each};"
                " give 'skip_reason' for a skipped block",
            )

    @classmethod
    def as_prescribed(cls, block: Block, *, at: tuple[int, int], **ratings: Any) -> Outcome:
        """An outcome with every set of a block done exactly as prescribed.

        Args:
            block: The block done.
            at: Its address, ``(section, block)``.
            ratings: Any of ``pain_during``, ``pain_after``,
                ``pain_next_morning`` and ``effort``.
        """
        dose = block.dose
        target = dose.reps if dose.reps is not None else dose.hold_s
        sides = 2 if dose.per_side else 1
        return cls(
            section=at[0],
            block=at[1],
            exercise_id=block.exercise.id,
            dose=dose,
            done=(target,) * (dose.sets * sides),
            **ratings,
        )

    @property
    def address(self) -> tuple[int, int]:
        """The block's address, ``(section, block)``."""
        return (self.section, self.block)

    @property
    def skipped(self) -> bool:
        """Whether the block was skipped."""
        return self.skip_reason is not None

    @property
    def sides(self) -> int:
        """How many numbers are logged per set (2 for a per-side dose, else 1)."""
        return 2 if self.dose.per_side else 1

    @property
    def target(self) -> int:
        """What each set asked for (the prescribed reps, or seconds held)."""
        dose = self.dose
        return dose.reps if dose.reps is not None else dose.hold_s or 0

    @property
    def per_set(self) -> tuple[int, ...]:
        """Per set, what was done; for a per-side dose, the weaker side's number."""
        if self.sides == 1:
            return self.done
        return tuple(min(self.done[i], self.done[i + 1]) for i in range(0, len(self.done), 2))

    @property
    def completed(self) -> bool:
        """Whether every prescribed set reached its target (a skipped block did not)."""
        return not self.skipped and all(value >= self.target for value in self.per_set)

    @property
    def pain(self) -> int | None:
        """The worse of pain during and right after, or ``None`` when neither was given."""
        given = [p for p in (self.pain_during, self.pain_after) if p is not None]
        return max(given) if given else None

    @property
    def sets_done(self) -> int:
        """Sets with any work done on every side."""
        return sum(1 for value in self.per_set if value > 0)

    @property
    def work_s(self) -> int:
        """Seconds of work done, counted as the dose counts them (reps at their tempo)."""
        dose = self.dose
        if dose.reps is None:
            return sum(self.done)
        per_rep = dose.set_work_s // dose.reps
        return sum(self.done) * per_rep


def _check_outcomes(_: object, __: object, outcomes: Any) -> None:
    v.collection("outcomes", outcomes, tuple, Outcome)
    seen: set[tuple[int, int]] = set()
    for i, outcome in enumerate(outcomes):
        if outcome.address in seen:
            raise InvalidValue(
                f"outcomes[{i}]", list(outcome.address), "must not repeat a block's address"
            )
        seen.add(outcome.address)


@attrs.frozen(kw_only=True)
class SessionLog:
    """One session as the person did it.

    Args:
        date: The day of the session.
        routine_id: The id of the routine followed.
        week: The program week it belongs to, from 1, when known; a plan
            with a start date can work it out from ``date``.
        session: The session of that week, from 1, when known.
        outcomes: One outcome per block done or skipped, each at its own address.
        pain_before: Pain at rest before the session (0–10): the baseline
            that next-morning pain is compared with.
        symptoms: The person's answers to the check-in of that day (red
            flags, days since the pain began, its trend), read by
            :func:`~upperback.safety.triage.triage`.
        notes: The person's own note.

    .. versionadded:: 0.1.0
    """

    date: dt.date
    routine_id: str = attrs.field(metadata=v.slug_id())
    outcomes: tuple[Outcome, ...] = attrs.field(converter=to_tuple, validator=_check_outcomes)
    week: int | None = attrs.field(default=None, metadata=v.between(1, MAX_WEEKS))
    session: int | None = attrs.field(default=None, metadata=v.between(1, 7))
    pain_before: int | None = attrs.field(default=None, metadata=_PAIN)
    symptoms: SymptomReport | None = None
    notes: str | None = attrs.field(default=None, metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")
        if self.symptoms is not None:
            v.instance("symptoms", self.symptoms, SymptomReport)
        if problems := self._bound_problems():
            v.report(problems)
        if self.session is not None and self.week is None:
            raise InvalidValue("session", self.session, "may only be given with 'week'")

    @classmethod
    def from_form(
        cls,
        program: Program,
        *,
        date: dt.date,
        answers: Mapping[str, Any],
        symptoms: SymptomReport | None = None,
    ) -> SessionLog:
        """The log of the session planned on ``date``, from what a person answered in a form.

        The form gives only what differs from the plan. The session is found
        by its day in ``program`` (which needs a start date); every block of
        that week's routine is filled in as prescribed (a per-side dose with
        two numbers a set, left then right), then each answer replaces what
        it names. ``answers`` is plain data, as an app's form sends it:

        - ``pain_before`` (0–10) and ``notes``, for the session;
        - ``pain_during``, ``pain_after``, ``pain_next_morning`` and
          ``effort`` (0–10): for every block that does not give its own;
        - ``blocks``: per block, named by its exercise id (or by its
          address, ``"section.block"``, when the exercise is in the routine
          twice), any of ``done`` (one number a set, the reps or the seconds
          held; for a per-side dose one a set for both sides alike, or two a
          set, left then right), the four ratings, or ``skip_reason`` for a
          block not done.

        >>> from upperback import Routine, default_catalog, plan
        >>> import datetime as dt
        >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
        >>> program = plan(routine, weeks=2, start=dt.date(2026, 1, 5))
        >>> log = SessionLog.from_form(
        ...     program,
        ...     date=dt.date(2026, 1, 7),
        ...     answers={"pain_during": 2, "blocks": {"band-pull-apart": {"done": [12, 12, 9]}}},
        ... )
        >>> log.week, log.session, log.outcomes[0].done, log.outcomes[0].pain_during
        (1, 2, (12, 12, 9), 2)

        Args:
            program: The program the person follows, planned with the logs so far.
            date: The day of the session, a day the program plans one.
            answers: The form's answers.
            symptoms: The person's check-in of that day, if any.

        Raises:
            InvalidValue: The date has no planned session (the message names
                the nearest), or an answer is invalid: every bad answer is
                reported at once (as :class:`~upperback.errors.InvalidValues`
                when there are several), each by its path, such as
                ``answers.blocks["band-pull-apart"].pain_during``.

        .. versionadded:: 0.1.0
        """
        from upperback.progression._form import from_form  # noqa: PLC0415 - it reads programs

        return from_form(program, date=date, answers=answers, symptoms=symptoms)

    def outcome(self, at: tuple[int, int]) -> Outcome | None:
        """The outcome of the block at an address, or ``None`` when it was not logged."""
        for outcome in self.outcomes:
            if outcome.address == at:
                return outcome
        return None

    def check(self, routine: Routine) -> None:
        """Check that every outcome names a block of ``routine``, its exercise and its dose.

        Raises:
            InvalidValue: The log follows another routine, or an outcome's
                address, exercise or dose does not match the routine; the
                field names the outcome by its index.
        """
        if self.routine_id != routine.id:
            raise InvalidValue(
                "routine_id", self.routine_id, f"must be the id of the routine ({routine.id!r})"
            )
        blocks = dict(addresses(routine))
        for i, outcome in enumerate(self.outcomes):
            block = blocks.get(outcome.address)
            if block is None:
                raise InvalidValue(
                    f"outcomes[{i}]",
                    list(outcome.address),
                    "must be the (section, block) address of a block of the routine",
                )
            if block.exercise.id != outcome.exercise_id:
                raise InvalidValue(
                    f"outcomes[{i}].exercise_id",
                    outcome.exercise_id,
                    f"must be the exercise of the block at {list(outcome.address)}"
                    f" ({block.exercise.id!r})",
                )
            if block.dose != outcome.dose:
                raise InvalidValue(
                    f"outcomes[{i}].dose",
                    outcome.dose.describe(),
                    f"must be the dose the routine prescribed ({block.dose.describe()});"
                    f" it differs in {_differences(block.dose, outcome.dose)}",
                )


def _differences(prescribed: Dose, logged: Dose) -> str:
    """Each field in which two doses differ, with both values.

    E.g. ``rest_s (30 prescribed, 60 logged)``.
    """
    return ", ".join(
        f"{field.name} ({excerpt(getattr(prescribed, field.name))} prescribed,"
        f" {excerpt(getattr(logged, field.name))} logged)"
        for field in attrs.fields(Dose)
        if getattr(prescribed, field.name) != getattr(logged, field.name)
    )


def addresses(routine: Routine) -> tuple[tuple[tuple[int, int], Block], ...]:
    """Every block of a routine with its address ``(section, block)``, in session order."""
    return tuple(
        ((i, j), block)
        for i, section in enumerate(routine.sections)
        for j, block in enumerate(section.blocks)
    )


def sorted_logs(logs: Iterable[SessionLog]) -> Sequence[SessionLog]:
    """Logs in date order (a stable sort: same-day logs keep their order)."""
    items = to_tuple(logs)
    v.collection("logs", items, tuple, SessionLog)
    return sorted(items, key=lambda log: log.date)
