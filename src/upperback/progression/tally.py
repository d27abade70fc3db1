"""Adherence: how much of a program's plan the logs show was done, as of a day.

:func:`adherence` counts, week by week and exercise by exercise, the
sessions, sets and seconds of work done against those that were due, and
the worst pain reported, into an :class:`Adherence` value that is also a
document (``ub.dumps(adherence(...))``): the clinician's summary an app
shows or sends on (:mod:`upperback.render` draws it as text or HTML).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.dose import MAX_PAIN
from upperback.errors import InvalidValue
from upperback.progression.log import MAX_BLOCKS, SessionLog, addresses
from upperback.progression.program import (
    Program,
    Week,
    _check_log,
    _place_logs,
    _session_numbers,
)
from upperback.safety.triage import Trend

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Adherence", "BlockTally", "Tally", "adherence"]


_COUNT: Final = v.between(0, 10**9)
_PAIN: Final = v.between(0, MAX_PAIN)


def _worse(a: int | None, b: int | None) -> int | None:
    """The higher of two optional pain ratings."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


@attrs.frozen(kw_only=True)
class Tally:
    """Done against due: sessions, sets and seconds of work, and the worst pain reported.

    >>> tally = Tally(sessions_done=2, sessions_planned=3, worst_pain_with_exercise=4)
    >>> round(tally.sessions, 2), tally.worst_pain
    (0.67, 4)

    Args:
        sessions_done: Sessions logged with at least one block not skipped.
        sessions_planned: Sessions due: planned on a day before the tally's
            date, or logged (a session done early, or on the day, is due).
        sets_done: Sets with work done (on every side of a per-side dose).
        sets_prescribed: Sets due.
        seconds_done: Seconds of work done, counted as the dose counts them
            (on one side of a per-side dose).
        seconds_prescribed: Seconds of work due, counted the same way.
        worst_pain_before: The worst pain at rest before a session, 0 to 10
            (``None`` when none was reported).
        worst_pain_with_exercise: The worst pain during or right after
            exercise, 0 to 10.
        worst_pain_next_morning: The worst pain the morning after a session, 0 to 10.

    .. versionadded:: 0.1.0
    """

    sessions_done: int = attrs.field(default=0, metadata=_COUNT)
    sessions_planned: int = attrs.field(default=0, metadata=_COUNT)
    sets_done: int = attrs.field(default=0, metadata=_COUNT)
    sets_prescribed: int = attrs.field(default=0, metadata=_COUNT)
    seconds_done: int = attrs.field(default=0, metadata=_COUNT)
    seconds_prescribed: int = attrs.field(default=0, metadata=_COUNT)
    worst_pain_before: int | None = attrs.field(default=None, metadata=_PAIN)
    worst_pain_with_exercise: int | None = attrs.field(default=None, metadata=_PAIN)
    worst_pain_next_morning: int | None = attrs.field(default=None, metadata=_PAIN)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)

    def __add__(self, other: object) -> Tally:
        """Counts added, pains the worse of the two."""
        if not isinstance(other, Tally):
            return NotImplemented
        fields: dict[str, Any] = {
            field.name: (
                _worse(getattr(self, field.name), getattr(other, field.name))
                if field.name.startswith("worst_")
                else getattr(self, field.name) + getattr(other, field.name)
            )
            for field in attrs.fields(Tally)
        }
        return Tally(**fields)

    @property
    def sessions(self) -> float:
        """Sessions done of due, 0 to 1 (1 when none was due)."""
        return _ratio(self.sessions_done, self.sessions_planned)

    @property
    def sets(self) -> float:
        """Sets done of prescribed, 0 to 1 (1 when none was due)."""
        return _ratio(self.sets_done, self.sets_prescribed)

    @property
    def time(self) -> float:
        """Seconds of work done of prescribed, 0 to 1 or more (holding longer counts)."""
        return _ratio(self.seconds_done, self.seconds_prescribed)

    @property
    def worst_pain(self) -> int | None:
        """The worst pain of any rating (before, with exercise, next morning), or ``None``."""
        return _worse(
            _worse(self.worst_pain_before, self.worst_pain_with_exercise),
            self.worst_pain_next_morning,
        )


def _ratio(done: int, planned: int) -> float:
    return done / planned if planned else 1.0


@attrs.frozen(kw_only=True)
class BlockTally:
    """One exercise at one place in the routine, and how much of it was done.

    A block that advanced to another exercise starts a new entry at the same address.

    Args:
        section: The block's section, counted from 0 in the routine.
        block: The block's place in its section, counted from 0.
        exercise_id: The exercise.
        name: The exercise's name, as the summary shows it.
        tally: Done against due for that exercise at that address.

    .. versionadded:: 0.1.0
    """

    section: int = attrs.field(metadata=v.between(0, MAX_BLOCKS))
    block: int = attrs.field(metadata=v.between(0, MAX_BLOCKS))
    exercise_id: str = attrs.field(metadata=v.slug_id())
    name: str = attrs.field(metadata=v.text_up_to(200))
    tally: Tally

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("tally", self.tally, Tally)

    @property
    def at(self) -> tuple[int, int]:
        """The block's address, ``(section, block)``."""
        return (self.section, self.block)


def _check_items(_: object, attribute: Any, values: Any) -> None:
    v.collection(attribute.name, values, tuple, _ITEM_TYPES[attribute.name])


@attrs.frozen(kw_only=True)
class Adherence:
    """How much of a program was done as of a day: in all, per week and per exercise.

    It is a document (kind ``adherence``): an app stores it or sends it on
    as it is, and :func:`upperback.render.summary_text` and
    :func:`upperback.render.summary_html` show it to a clinician.

    Args:
        total: Over every week counted.
        weeks: One tally per week, from week 1 to the week of ``on``
            (to the last logged week for a program without dates).
        blocks: One entry per exercise at each address, in routine order.
        on: The day it is counted as of: the day asked for, or the last
            log's day; ``None`` for a program without dates.
        start: The program's first day, if its sessions are dated.
        title: The routine's title.

    .. versionadded:: 0.1.0
    """

    total: Tally
    weeks: tuple[Tally, ...] = attrs.field(converter=to_tuple, validator=_check_items)
    blocks: tuple[BlockTally, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_items
    )
    on: dt.date | None = None
    start: dt.date | None = None
    title: str | None = attrs.field(default=None, metadata=v.text_up_to(200))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("total", self.total, Tally)
        if problems := self._bound_problems():
            v.report(problems)
        for name in ("on", "start"):
            value = getattr(self, name)
            if value is not None and type(value) is not dt.date:
                raise InvalidValue(name, value, "must be a date")

    @property
    def pain_trend(self) -> Trend | None:
        """Whether pain went up or down from one week to the next.

        The worst pain of the last week with a pain rating against the
        week with a rating before it: ``Trend.WORSE`` when higher,
        ``Trend.BETTER`` when lower, ``Trend.SAME`` when equal, ``None``
        with fewer than two such weeks. Pain must not increase from week
        to week under the pain-monitoring model [P7].
        """
        rated = [week.worst_pain for week in self.weeks if week.worst_pain is not None]
        if len(rated) < 2:
            return None
        before, last = rated[-2], rated[-1]
        if last > before:
            return Trend.WORSE
        return Trend.BETTER if last < before else Trend.SAME

    def week_dates(self, number: int) -> tuple[dt.date, dt.date] | None:
        """The first and last day of week ``number`` counted (the last is ``on`` at most).

        ``None`` for a program without dates.
        """
        if self.start is None:
            return None
        first = self.start + dt.timedelta(weeks=number - 1)
        last = first + dt.timedelta(days=6)
        if self.on is not None:
            last = min(last, self.on)
        return first, last


_ITEM_TYPES: Final[dict[str, type]] = {"weeks": Tally, "blocks": BlockTally}


def _due(week: Week, filled: set[int], on: dt.date | None, last_of_undated: bool) -> set[int]:
    """The week's sessions due: done or logged, or planned on a day before ``on``.

    A session a referral reaches (``PlannedSession.referred``) is not due
    unless it was logged: the person was asked not to exercise.
    """
    to_do = {s.number for s in week.sessions if not s.referred}
    if on is not None:
        return (
            filled | {s.number for s in week.sessions if s.date is not None and s.date < on} & to_do
        )
    if last_of_undated:
        return filled | set(range(1, max(filled, default=0) + 1)) & to_do
    return filled | to_do


def adherence(
    program: Program, logs: Iterable[SessionLog], *, on: dt.date | None = None
) -> Adherence:
    """How much of the program the logs show was done, as of the day ``on``.

    A session is due once its day is over, or once it is logged (a session
    done on its day, or early, counts at once): a session planned for
    later, or for today and not yet logged, is not missed. So someone who
    has done every session so far has done all of them (1.0), whatever the
    day of the week. Logs after ``on`` are not counted.

    A session a referral reaches (``PlannedSession.referred``) is not due
    unless it was logged: the person was asked not to exercise.

    Without ``on``, adherence is counted as of the last log's day; a
    program without dates is counted to the last logged session, each
    week before it in full.

    >>> import datetime as dt
    >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
    >>> monday = dt.date(2026, 1, 5)
    >>> program = plan(routine, weeks=2, start=monday)
    >>> block = program.weeks[0].routine.blocks[0]
    >>> log = SessionLog(
    ...     date=monday, routine_id="desk",
    ...     outcomes=[Outcome(section=0, block=0, exercise_id=block.exercise.id,
    ...                       dose=block.dose, done=(12, 12, 6))],
    ... )
    >>> result = adherence(program, [log], on=monday + dt.timedelta(days=1))
    >>> result.total.sessions_done, result.total.sessions_planned, result.total.sets_done
    (1, 1, 3)
    >>> adherence(program, [log], on=monday + dt.timedelta(days=5)).total.sessions_planned
    3

    Args:
        program: The program the logs followed (planned with them, so
            that every week's doses are those the logs record).
        logs: The sessions logged.
        on: The day to count as of; only for a program with a start date.

    Raises:
        InvalidValue: A log does not fit the program (see
            :func:`~upperback.progression.program.plan`), or ``on`` is not
            a date or is given for a program without dates.

    .. versionadded:: 0.1.0
    """
    v.instance("program", program, Program)
    if on is not None:
        if type(on) is not dt.date:
            raise InvalidValue("on", on, "must be a date")
        if program.start is None:
            raise InvalidValue(
                "on", on.isoformat(), "needs a program with a start date (its sessions are dated)"
            )
    per_week = program.routine.sessions_per_week
    placed = _place_logs(logs, len(program.weeks), per_week, program.start)
    if on is None and program.start is not None:
        on = max((log.date for found in placed.values() for _, log in found), default=None)
    if on is not None:
        placed = {
            week: kept
            for week, found in placed.items()
            if (kept := [(i, log) for i, log in found if log.date <= on])
        }
    if on is None:
        last = max(placed, default=0)
    else:
        start = program.start or on  # a program with ``on`` has a start
        last = 0 if on < start else min((on - start).days // 7 + 1, len(program.weeks))
    counter = _Counter()
    for week in program.weeks[:last]:
        week_logs = placed.get(week.number, [])
        for index, log in week_logs:
            _check_log(log, week.routine, index)
        filled = set(_session_numbers(week_logs, per_week, week.number))
        due = _due(week, filled, on, last_of_undated=week.number == last)
        counter.week(week, len(due), [log for _, log in week_logs])
    return Adherence(
        total=sum(counter.weeks, Tally()),
        weeks=tuple(counter.weeks),
        blocks=tuple(sorted(counter.blocks.values(), key=lambda entry: entry.at)),
        on=on,
        start=program.start,
        title=program.routine.title,
    )


class _Counter:
    """The tallies so far: one per week, one per exercise at an address."""

    def __init__(self) -> None:
        self.weeks: list[Tally] = []
        self.blocks: dict[tuple[tuple[int, int], str], BlockTally] = {}

    def _add(self, at: tuple[int, int], exercise_id: str, name: str, tally: Tally) -> None:
        key = (at, exercise_id)
        found = self.blocks.get(key)
        if found is None:
            self.blocks[key] = BlockTally(
                section=at[0], block=at[1], exercise_id=exercise_id, name=name, tally=tally
            )
        else:
            self.blocks[key] = attrs.evolve(found, tally=found.tally + tally)

    def week(self, week: Week, due: int, logs: list[SessionLog]) -> None:
        tally = Tally(sessions_planned=due)
        blocks = dict(addresses(week.routine))
        for at, block in blocks.items():
            dose = block.dose
            planned = Tally(
                sessions_planned=due,
                sets_prescribed=dose.sets * due,
                seconds_prescribed=dose.sets * dose.set_work_s * due,  # on one side
            )
            self._add(at, block.exercise.id, block.exercise.name, planned)
            tally += attrs.evolve(planned, sessions_planned=0)
        for log in logs:
            done = [o for o in log.outcomes if not o.skipped]
            tally += Tally(
                sessions_done=1 if done else 0,
                worst_pain_before=log.pain_before,
            )
            for outcome in log.outcomes:
                each = Tally(
                    sessions_done=0 if outcome.skipped else 1,
                    sets_done=outcome.sets_done,
                    seconds_done=outcome.work_s // outcome.sides,
                    worst_pain_with_exercise=outcome.pain,
                    worst_pain_next_morning=outcome.pain_next_morning,
                )
                block = blocks[outcome.address]
                self._add(outcome.address, block.exercise.id, block.exercise.name, each)
                tally += attrs.evolve(each, sessions_done=0)
        self.weeks.append(tally)
