"""A person over time: the dated facts a profile may carry, and when each is in force.

A :class:`~upperback.safety.profile.Profile` lists the conditions that apply
now. A person changes: a pregnancy moves through its trimesters, an injury
settles after its first days, surgery is cleared. A profile can carry these
facts with their dates, and :meth:`Profile.on() <upperback.safety.profile.Profile.on>`
gives the person as they are on a day:

- a :class:`Pregnancy`, dated by its due date (or by its week on a day,
  :meth:`Pregnancy.at_week`), is in the trimester its week falls in
  (:data:`~upperback.safety.conditions.TRIMESTER_STARTS`). When it ends, or
  its due date passes, the trimester it reached stays in force until a
  clinician clears exercise after it: the library has no rules for after a
  birth, so it never lets back what pregnancy left out without a clearance
  (the cautious reading; ACOG's guidance covers the postpartum period [C5]);
- an :class:`Injury` is an acute soft-tissue injury for its first days: the
  day it happened and the :data:`PEACE_DAYS` after it [C10];
- a :class:`Surgery` is recent surgery from its day until a clinician clears
  exercise [E23];
- a :class:`DatedCondition` is any other condition from one day, until
  another, or both.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from upperback import _validate as v
from upperback.errors import InvalidValue
from upperback.safety.conditions import PREGNANCY, PREGNANCY_WEEKS, TRIMESTER_STARTS, Condition

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DATED_APART",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_NOTE",
    "PEACE_DAYS",
    "PREGNANCY_DAYS",
    "DatedCondition",
    "Injury",
    "Pregnancy",
    "Span",
    "Surgery",
]

PEACE_DAYS: Final = 3
"""Days after an injury that it stays in its first, protect phase; PEACE says 1–3 [C10].

The library takes the longer end: an :class:`Injury` is an acute injury on
the day it happened and the 3 days after, and stretching is left out on
those days (do not stretch a recently strained muscle [C10]). After them,
LOVE loads the tissue as symptoms allow, with pain guiding the
progression: the pain gate does that.
"""

PREGNANCY_DAYS: Final = 280
"""Days from the first day of the last period to the due date, 40 weeks.

The usual dating of a pregnancy (convention, no source found): the week of
pregnancy on a day is the whole weeks since then, so the due date is the
first day of week 40.
"""

MAX_NOTE: Final = 500
"""The longest a note on a profile, or on one of its dated facts, may be, in characters."""

DATED_APART: Final = frozenset({*PREGNANCY, Condition.ACUTE_INJURY, Condition.RECENT_SURGERY})
"""Conditions a :class:`DatedCondition` may not hold: each has its own dated fact.

A pregnancy is dated by a :class:`Pregnancy` (its trimester follows from
its week), an acute injury by an :class:`Injury` (it lasts its first days
only) and recent surgery by a :class:`Surgery` (it lasts until cleared).
"""

_TRIMESTERS: Final = (
    Condition.PREGNANCY_FIRST_TRIMESTER,
    Condition.PREGNANCY_SECOND_TRIMESTER,
    Condition.PREGNANCY_THIRD_TRIMESTER,
)


class Span(NamedTuple):
    """A condition in force from ``start`` (``None``: always before) up to ``end``, not included."""

    condition: Condition
    start: dt.date | None
    end: dt.date | None

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the condition is in force on any day from ``first`` to ``last``."""
        return (self.start is None or self.start <= last) and (self.end is None or first < self.end)


FIRST_DAY: Final = dt.date(1900, 1, 1)
"""The earliest day a dated fact may carry (a bound on input, not a clinical fact)."""

LAST_DAY: Final = dt.date(2199, 12, 31)
"""The latest day a dated fact may carry, so that every day worked out from it stays a date."""


def check_day(field: str, value: Any) -> None:
    """Require a date (not a datetime) from :data:`FIRST_DAY` to :data:`LAST_DAY`."""
    if type(value) is not dt.date:
        raise InvalidValue(field, value, "must be a date")
    if not FIRST_DAY <= value <= LAST_DAY:
        raise InvalidValue(
            field,
            value.isoformat(),
            f"must be a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}",
        )


def _check_optional_day(field: str, value: Any) -> None:
    if value is not None:
        check_day(field, value)


def _clearance(cleared: dt.date | None, note: str | None, after: str, since: dt.date) -> None:
    """A clearance has a day no earlier than ``since`` and says who gave it."""
    if cleared is None:
        if note is not None:
            raise InvalidValue("clearance_note", note, "may only be given with 'cleared'")
        return
    if cleared < since:
        raise InvalidValue(
            "cleared", cleared.isoformat(), f"must not be before {after} ({since.isoformat()})"
        )
    if note is None:
        raise InvalidValue(
            "clearance_note",
            None,
            "must say who cleared exercise, whenever 'cleared' is given: a clearance"
            " that cannot be traced is not accepted",
        )


@attrs.frozen(kw_only=True)
class Pregnancy:
    """A pregnancy, dated by its due date.

    Its week on a day is the whole weeks since the first day of the last
    period, 40 weeks before the due date (:data:`PREGNANCY_DAYS`), and its
    trimester follows from the week (weeks 1–12, 13–27, 28 on:
    :data:`~upperback.safety.conditions.TRIMESTER_STARTS`). Lying on the back
    is left out from the second trimester, the cautious reading: NHS gives
    16 weeks [C6], ACOG "after the first trimester" [C5].

    >>> import datetime as dt
    >>> pregnancy = Pregnancy(due=dt.date(2027, 8, 2))
    >>> pregnancy.week_on(dt.date(2027, 3, 1)), pregnancy.condition_on(dt.date(2027, 3, 1)).value
    (18, 'pregnancy_second_trimester')

    When the pregnancy ends (``ended``), or its due date passes, the
    trimester it reached stays in force until a clinician clears exercise
    after it (``cleared``, with a ``clearance_note`` saying who and when):
    nothing pregnancy left out comes back before that.

    Args:
        due: The due date.
        ended: The day the pregnancy ended (a birth or a loss), if it has.
        cleared: The day a clinician cleared exercise after the pregnancy;
            only with ``ended``, and not before it.
        clearance_note: Who cleared it and when, in their words (required
            with ``cleared``).

    .. versionadded:: 0.3.0
    """

    due: dt.date
    ended: dt.date | None = None
    cleared: dt.date | None = None
    clearance_note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        check_day("due", self.due)
        _check_optional_day("ended", self.ended)
        _check_optional_day("cleared", self.cleared)
        if self.ended is not None and self.ended <= self.began:
            raise InvalidValue(
                "ended",
                self.ended.isoformat(),
                f"must be after the pregnancy began ({self.began.isoformat()},"
                f" {PREGNANCY_DAYS} days before the due date)",
            )
        if self.cleared is not None and self.ended is None:
            raise InvalidValue(
                "cleared",
                self.cleared.isoformat(),
                "may only be given with 'ended': exercise is cleared after the pregnancy",
            )
        _clearance(
            self.cleared, self.clearance_note, "the end of the pregnancy", self.ended or self.due
        )

    @classmethod
    def at_week(cls, week: int, *, on: dt.date) -> Pregnancy:
        """A pregnancy in week ``week`` on the day ``on``, as the person or their midwife says it.

        The week is read as ending on that day, so the next week starts the
        day after: the cautious reading, since a later week may leave more
        out. Week 12 on a Monday makes Tuesday the first day of week 13, the
        second trimester.

        >>> import datetime as dt
        >>> pregnancy = Pregnancy.at_week(12, on=dt.date(2027, 3, 1))
        >>> pregnancy.due.isoformat(), pregnancy.week_on(dt.date(2027, 3, 2))
        ('2027-09-07', 13)

        Raises:
            InvalidValue: ``week`` is not a whole week from 1 to 42, or ``on``
                is not a date.
        """
        low, high = PREGNANCY_WEEKS
        if type(week) is not int or not low <= week <= high:
            raise InvalidValue(
                "week", week, f"must be a whole week of pregnancy from {low} to {high}"
            )
        check_day("on", on)
        return cls(due=on + dt.timedelta(days=PREGNANCY_DAYS - (7 * week + 6)))

    @property
    def began(self) -> dt.date:
        """The first day of week 0, :data:`PREGNANCY_DAYS` before the due date."""
        return self.due - dt.timedelta(days=PREGNANCY_DAYS)

    def week_on(self, day: dt.date) -> int | None:
        """The week of pregnancy on ``day`` (whole weeks since it began), or ``None`` before it.

        The count goes on past the due date (week 40) and past the end:
        it is the dating, not whether the person is still pregnant.
        """
        check_day("day", day)
        days = (day - self.began).days
        return None if days < 0 else days // 7

    def condition_on(self, day: dt.date) -> Condition | None:
        """The pregnancy condition in force on ``day``, or ``None``."""
        check_day("day", day)
        return next((s.condition for s in self.spans() if s.overlaps(day, day)), None)

    def spans(self) -> tuple[Span, ...]:
        """Each trimester with the days it is in force; the last reached lasts until cleared."""
        starts = [self.began + dt.timedelta(weeks=week) for week in TRIMESTER_STARTS[1:]]
        bounds = list(zip([self.began, *starts], starts, strict=False))
        # The last trimester reached: each that began before the end (all, if none).
        last = len(starts) if self.ended is None else sum(day < self.ended for day in starts)
        reached = [
            Span(c, start, end)
            for c, (start, end) in zip(_TRIMESTERS[:last], bounds[:last], strict=True)
        ]
        start = self.began if last == 0 else starts[last - 1]
        return (*reached, Span(_TRIMESTERS[last], start, self.cleared))


@attrs.frozen(kw_only=True)
class Injury:
    """An acute soft-tissue injury, in force on its day and the :data:`PEACE_DAYS` after [C10].

    >>> import datetime as dt
    >>> Injury(on=dt.date(2027, 3, 3)).until.isoformat()
    '2027-03-07'

    Args:
        on: The day of the injury.
        note: What was injured, in the person's or clinician's words.

    .. versionadded:: 0.3.0
    """

    on: dt.date
    note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        check_day("on", self.on)

    @property
    def until(self) -> dt.date:
        """The first day the injury is past its first days (no longer an acute injury)."""
        return self.on + dt.timedelta(days=PEACE_DAYS + 1)

    def spans(self) -> tuple[Span, ...]:
        """The acute injury, from its day to :attr:`until`."""
        return (Span(Condition.ACUTE_INJURY, self.on, self.until),)


@attrs.frozen(kw_only=True)
class Surgery:
    """Surgery: recent surgery from its day until a clinician clears exercise [E23].

    Args:
        on: The day of the operation.
        cleared: The day the surgeon or a clinician cleared exercise, if
            they have; not before the operation.
        clearance_note: Who cleared it and when, in their words (required
            with ``cleared``).
        note: What the operation was.

    .. versionadded:: 0.3.0
    """

    on: dt.date
    cleared: dt.date | None = None
    clearance_note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))
    note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        check_day("on", self.on)
        _check_optional_day("cleared", self.cleared)
        _clearance(self.cleared, self.clearance_note, "the operation", self.on)

    def spans(self) -> tuple[Span, ...]:
        """Recent surgery, from the operation until cleared."""
        return (Span(Condition.RECENT_SURGERY, self.on, self.cleared),)


@attrs.frozen(kw_only=True)
class DatedCondition:
    """A condition in force from a day (``start``), until a day (``end``, not included), or both.

    >>> import datetime as dt
    >>> shoulder = DatedCondition(
    ...     condition=Condition.SHOULDER_INSTABILITY, start=dt.date(2027, 5, 3)
    ... )
    >>> shoulder.in_force(dt.date(2027, 5, 2)), shoulder.in_force(dt.date(2027, 5, 3))
    (False, True)

    Args:
        condition: The condition; not a pregnancy, an acute injury or recent
            surgery, which have their own dated facts.
        start: The first day it applies; ``None`` when it applied already.
        end: The first day it no longer applies; ``None`` when it goes on.
            Ending a condition lets back what it left out: give it only
            when a clinician says so.
        note: Why, or who said so.

    .. versionadded:: 0.3.0
    """

    condition: Condition
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("condition", self.condition, Condition)
        if self.condition in DATED_APART:
            raise InvalidValue(
                "condition",
                self.condition.value,
                "must not be a pregnancy, an acute injury or recent surgery: date those"
                " with a Pregnancy, an Injury or a Surgery",
            )
        _check_optional_day("start", self.start)
        _check_optional_day("end", self.end)
        if self.start is None and self.end is None:
            raise InvalidValue(
                "start", None, "or 'end' must be given: a dated condition has a date"
            )
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise InvalidValue(
                "end", self.end.isoformat(), f"must be after 'start' ({self.start.isoformat()})"
            )

    def in_force(self, day: dt.date) -> bool:
        """Whether the condition applies on ``day``."""
        check_day("day", day)
        return self.spans()[0].overlaps(day, day)

    def spans(self) -> tuple[Span, ...]:
        """The condition, from ``start`` to ``end``."""
        return (Span(self.condition, self.start, self.end),)


def in_force(spans: Iterable[Span], first: dt.date, last: dt.date) -> frozenset[Condition]:
    """The conditions in force on any day from ``first`` to ``last``; of trimesters, the latest.

    Several trimesters in one period (a week in which the second trimester
    begins) give the latest: each leaves out at least what the one before
    it does, so the period is screened as its strictest day.
    """
    found = {span.condition for span in spans if span.overlaps(first, last)}
    trimesters = [condition for condition in _TRIMESTERS if condition in found]
    return frozenset(found - set(trimesters[:-1]))


def latest_trimester(conditions: Iterable[Condition]) -> Condition | None:
    """The latest trimester among ``conditions``, or ``None``."""
    found = frozenset(conditions)
    return next((c for c in reversed(_TRIMESTERS) if c in found), None)


def next_trimester(condition: Condition) -> Condition | None:
    """The trimester after ``condition`` (a trimester), or ``None`` after the third."""
    i = _TRIMESTERS.index(condition)
    return _TRIMESTERS[i + 1] if i + 1 < len(_TRIMESTERS) else None
