"""Adherence: how much of a program's plan the logs show was done."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.progression.log import SessionLog, addresses
from upperback.progression.program import Program, _place_logs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Adherence", "Tally", "adherence"]


_COUNT = v.between(0, 10**9)


@attrs.frozen(kw_only=True)
class Tally:
    """Done against planned: sessions, sets and seconds of work.

    Args:
        sessions_done: Sessions logged with at least one block not skipped.
        sessions_planned: Sessions planned.
        sets_done: Sets with work done (on every side of a per-side dose).
        sets_prescribed: Sets planned.
        seconds_done: Seconds of work done, counted as the dose counts them.
        seconds_prescribed: Seconds of work planned.

    .. versionadded:: 0.1.0
    """

    sessions_done: int = attrs.field(default=0, metadata=_COUNT)
    sessions_planned: int = attrs.field(default=0, metadata=_COUNT)
    sets_done: int = attrs.field(default=0, metadata=_COUNT)
    sets_prescribed: int = attrs.field(default=0, metadata=_COUNT)
    seconds_done: int = attrs.field(default=0, metadata=_COUNT)
    seconds_prescribed: int = attrs.field(default=0, metadata=_COUNT)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(
            **{
                field.name: getattr(self, field.name) + getattr(other, field.name)
                for field in attrs.fields(Tally)
            }
        )

    @property
    def sessions(self) -> float:
        """Sessions done of planned, 0 to 1 (1 when none was planned)."""
        return _ratio(self.sessions_done, self.sessions_planned)

    @property
    def sets(self) -> float:
        """Sets done of prescribed, 0 to 1 or more."""
        return _ratio(self.sets_done, self.sets_prescribed)

    @property
    def time(self) -> float:
        """Seconds of work done of prescribed, 0 to 1 or more."""
        return _ratio(self.seconds_done, self.seconds_prescribed)


def _ratio(done: int, planned: int) -> float:
    return done / planned if planned else 1.0


@attrs.frozen(kw_only=True)
class Adherence:
    """Adherence over a program, in all, per week and per block.

    Args:
        total: Over the whole program (up to its last logged week).
        weeks: One tally per week, from week 1 to the last logged week.
        blocks: ``((section, block), tally)`` per block address.

    .. versionadded:: 0.1.0
    """

    total: Tally
    weeks: tuple[Tally, ...] = attrs.field(converter=to_tuple)
    blocks: tuple[tuple[tuple[int, int], Tally], ...] = attrs.field(converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        v.instance("total", self.total, Tally)
        v.collection("weeks", self.weeks, tuple, Tally)
        v.collection("blocks", self.blocks, tuple, tuple)


def adherence(program: Program, logs: Iterable[SessionLog]) -> Adherence:
    """How much of the program the logs show was done, up to the last logged week.

    A week with no log counts as planned and not done. A session a referral
    reaches (``PlannedSession.referred``)
    is not planned, unless it was logged: the person was asked not to exercise.

    >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
    >>> program = plan(routine, weeks=2)
    >>> block = program.weeks[0].routine.blocks[0]
    >>> log = SessionLog(
    ...     date=program.weeks[0].sessions[0].date or __import__("datetime").date(2026, 1, 5),
    ...     routine_id="desk", week=1,
    ...     outcomes=[Outcome(section=0, block=0, exercise_id=block.exercise.id,
    ...                       dose=block.dose, done=(12, 12, 6))],
    ... )
    >>> result = adherence(program, [log])
    >>> result.total.sessions_done, result.total.sessions_planned, result.total.sets_done
    (1, 3, 3)

    Raises:
        InvalidValue: A log does not fit the program (see
            :func:`~upperback.progression.program.plan`).

    .. versionadded:: 0.1.0
    """
    v.instance("program", program, Program)
    per_week = program.routine.sessions_per_week
    placed = _place_logs(logs, len(program.weeks), per_week, program.start)
    last = max(placed, default=0)
    weeks: list[Tally] = []
    blocks: dict[tuple[int, int], Tally] = {}
    for week in program.weeks[:last]:
        planned = sum(1 for session in week.sessions if session.logged or not session.referred)
        week_logs = placed.get(week.number, [])
        tally = Tally(sessions_planned=planned)
        for at, block in addresses(week.routine):
            sets = block.dose.sets * planned
            seconds = block.dose.sets * block.dose.set_work_s  # on one side
            planned_tally = Tally(
                sessions_planned=planned, sets_prescribed=sets, seconds_prescribed=seconds * planned
            )
            blocks[at] = blocks.get(at, Tally()) + planned_tally
            tally += Tally(sets_prescribed=sets, seconds_prescribed=seconds * planned)
        for _, log in week_logs:
            done = [o for o in log.outcomes if not o.skipped]
            if done:
                tally += Tally(sessions_done=1)
            for outcome in done:
                each = Tally(
                    sessions_done=1,
                    sets_done=outcome.sets_done,
                    seconds_done=outcome.work_s // outcome.sides,
                )
                blocks[outcome.address] = blocks.get(outcome.address, Tally()) + each
                tally += Tally(sets_done=each.sets_done, seconds_done=each.seconds_done)
        weeks.append(tally)
    total = sum(weeks, Tally())
    return Adherence(total=total, weeks=tuple(weeks), blocks=tuple(sorted(blocks.items())))
