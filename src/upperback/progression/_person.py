"""The person week by week in a plan, and the routine screened for each week (internal).

:func:`~upperback.progression.program.plan` screens each week for the person as they
are that week: every condition in force on any day of the week
(:meth:`Profile.during() <upperback.safety.profile.Profile.during>`, the
cautious reading). When the person changes, the week's routine is screened
again from the routine as planned: blocks a new condition excludes are left
out, blocks a lifted condition excluded come back at their starting dose,
and the week records each :class:`~upperback.safety.PersonChange`.

A trimester given without a date cannot be followed, so it is read as
ending with the plan's first week and the next trimester applies from week
2, the earliest it could: the later trimesters leave out more, never less.
Every other condition without a date stays for the whole plan.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import attrs

from upperback.errors import InvalidValue, NothingSafe
from upperback.progression.log import addresses
from upperback.safety import Action, Condition, Profile, Verdict, screen
from upperback.safety.changes import ChangeCode, ChangeEffect, PersonChange
from upperback.safety.conditions import TRIMESTER_STARTS
from upperback.safety.dated import Span, in_force, latest_trimester, next_trimester

if TYPE_CHECKING:
    from upperback.routine import Routine
    from upperback.safety import ScreenReport

__all__ = ["PersonOverTime", "PersonWeek", "Timeline"]

_NOMINAL_START: Final = dt.date(2001, 1, 1)
"""A Monday that places an undated plan's weeks; no date of it is ever shown."""

_WEEK: Final = dt.timedelta(weeks=1)
_LAST_DAY: Final = dt.timedelta(days=6)

_Address = tuple[int, int]

_STARTS: Final = {
    Condition.ACUTE_INJURY: ChangeCode.INJURY,
    Condition.RECENT_SURGERY: ChangeCode.SURGERY,
}
_ENDS: Final = {
    Condition.ACUTE_INJURY: ChangeCode.INJURY_SETTLED,
    Condition.RECENT_SURGERY: ChangeCode.SURGERY_CLEARED,
}


@attrs.frozen(kw_only=True)
class PersonWeek:
    """What changed in a week: the changes, and when the person changed, their new routine.

    ``moved`` maps the address of each block that stays to its address in
    ``routine``; it is ``None`` when the person did not change (a due date
    that passed changes no condition).
    """

    changes: tuple[PersonChange, ...] = ()
    person: Profile | None = None
    routine: Routine | None = None
    moved: dict[_Address, _Address] | None = None


def _assumed(profile: Profile, start: dt.date) -> tuple[Profile, tuple[Span, ...]]:
    """An undated trimester as spans: it ends with week 1, and each later one follows."""
    trimester = latest_trimester(profile.conditions)
    if trimester is None or next_trimester(trimester) is None:
        return profile, ()
    day = start + _WEEK
    spans = [Span(trimester, None, day)]
    following = next_trimester(trimester)
    while following is not None:
        after = next_trimester(following)
        end = None
        if after is not None:
            weeks = _start_week(after) - _start_week(following)
            end = day + dt.timedelta(weeks=weeks)
        spans.append(Span(following, day, end))
        day, following = end or day, after
    return attrs.evolve(profile, conditions=profile.conditions - {trimester}), tuple(spans)


def _start_week(trimester: Condition) -> int:
    order = (
        Condition.PREGNANCY_FIRST_TRIMESTER,
        Condition.PREGNANCY_SECOND_TRIMESTER,
        Condition.PREGNANCY_THIRD_TRIMESTER,
    )
    return TRIMESTER_STARTS[order.index(trimester)]


def _kept(report: ScreenReport) -> dict[_Address, _Address]:
    """Each kept block's address in the report's routine to its address in the safe routine."""
    found: dict[_Address, _Address] = {}
    screens = iter(report.blocks)
    sections = 0
    for i, section in enumerate(report.routine.sections):
        kept = 0
        for j in range(len(section.blocks)):
            if next(screens).verdict is not Verdict.EXCLUDE:
                found[(i, j)] = (sections, kept)
                kept += 1
        if kept:
            sections += 1
    return found


class Timeline:
    """The person week by week from a plan's start: a pure view of a profile over time."""

    def __init__(self, profile: Profile, start: dt.date | None) -> None:
        if profile.dated and start is None:
            raise InvalidValue(
                "start",
                None,
                "must be given when the profile holds dated facts (a pregnancy, injuries,"
                " surgeries or dated conditions): each week is screened for the person as"
                " they are that week",
            )
        self.dates = start is not None
        self.start = _NOMINAL_START if start is None else start
        self.profile, self.assumed = _assumed(profile, self.start)
        self.spans = self.profile.spans() + self.assumed

    def window(self, week: int) -> tuple[dt.date, dt.date]:
        """The first and last day of week ``week``."""
        first = self.start + (week - 1) * _WEEK
        return first, first + _LAST_DAY

    def person_in(self, week: int) -> Profile:
        """The person in week ``week``: every condition in force on any of its days."""
        return self.person_between(week, week)

    def person_between(self, first_week: int, last_week: int) -> Profile:
        """The person over weeks ``first_week`` to ``last_week``: every condition of any day."""
        first, last = self.window(first_week)[0], self.window(last_week)[1]
        person = self.profile.during(first, last)
        if self.assumed:
            conditions = person.conditions | in_force(self.assumed, first, last)
            person = attrs.evolve(person, conditions=conditions)
        return person


class PersonOverTime(Timeline):
    """Who the person is each week of a plan, and the routine screened for them."""

    def __init__(self, routine: Routine, profile: Profile, start: dt.date | None) -> None:
        super().__init__(profile, start)
        self.routine = routine
        self.person = self.person_in(1)
        report = screen(routine, self.person)
        self.base = report.safe_routine()
        # The address in ``routine`` of each block of the planned routine.
        self.origin = {new: old for old, new in _kept(report).items()}

    def week(self, number: int, base: Routine) -> PersonWeek:
        """Week ``number`` (from 2) of a plan whose routine stands at ``base``."""
        person = self.person_in(number)
        stays = self._stays(number)
        if person == self.person:
            return PersonWeek(changes=stays)
        full = self._full(base)
        before, after = screen(full, self.person), screen(full, person)
        changes = self._changes(number, before, after) + stays
        try:
            routine = after.safe_routine()
        except NothingSafe as exc:
            why = [f"Week {number}: {change.headline}" for change in changes]
            raise NothingSafe([*why, *exc.reasons]) from None
        kept = _kept(after)
        moved = {at: kept[old] for at, old in self.origin.items() if old in kept}
        lifted = {rule.id for rule in self.person.rules()} - {rule.id for rule in person.rules()}
        self.person = person
        self.origin = {new: old for old, new in kept.items()}
        if lifted:
            routine = self._lift(routine, lifted)
        return PersonWeek(changes=changes, person=person, routine=routine, moved=moved)

    def _lift(self, routine: Routine, lifted: set[str]) -> Routine:
        """The routine without the cautions of rules no longer in force.

        A lifted pain cap gives the block back the ceiling it was planned
        with (within the cautions that stay); a shortened hold stays as it
        is, for progression to lengthen again.
        """
        planned = dict(addresses(self.routine))
        sections = []
        for i, section in enumerate(routine.sections):
            blocks = []
            for j, block in enumerate(section.blocks):
                if all(caution.rule not in lifted for caution in block.cautions):
                    blocks.append(block)
                    continue
                ceiling = planned[self.origin[(i, j)]].dose.max_pain
                bare = attrs.evolve(
                    block, cautions=(), dose=attrs.evolve(block.dose, max_pain=ceiling)
                )
                blocks.append(bare.with_cautions(c for c in block.cautions if c.rule not in lifted))
            sections.append(attrs.evolve(section, blocks=tuple(blocks)))
        return attrs.evolve(routine, sections=tuple(sections))

    def _full(self, base: Routine) -> Routine:
        """The routine with every block as planned so far; a block left out is as it started."""
        current = {self.origin[at]: block for at, block in addresses(base)}
        sections = []
        for i, section in enumerate(self.routine.sections):
            blocks = tuple(current.get((i, j), block) for j, block in enumerate(section.blocks))
            sections.append(attrs.evolve(section, blocks=blocks))
        return attrs.evolve(self.routine, sections=tuple(sections))

    def _day(self, day: dt.date) -> dt.date | None:
        return day if self.dates else None

    def _changes(
        self, number: int, before: ScreenReport, after: ScreenReport
    ) -> tuple[PersonChange, ...]:
        first, last = self.window(number)
        started = after.profile.conditions - before.profile.conditions
        ended = before.profile.conditions - after.profile.conditions
        new_trimester = latest_trimester(started) is not None
        pregnancy = self.profile.pregnancy
        found = []
        for condition in Condition:
            if condition in started:
                day = min(
                    (s.start for s in self._spans(condition, first, last) if s.start is not None),
                    default=first,
                )
                if condition.is_pregnancy:
                    code = ChangeCode.TRIMESTER if pregnancy else ChangeCode.TRIMESTER_ASSUMED
                else:
                    code = _STARTS.get(condition, ChangeCode.CONDITION_STARTS)
            elif condition in ended and not (condition.is_pregnancy and new_trimester):
                before_first, _ = self.window(number - 1)
                day = max(
                    (
                        s.end
                        for s in self._spans(condition, before_first, before_first + _LAST_DAY)
                        if s.end is not None
                    ),
                    default=first,
                )
                code = (
                    ChangeCode.PREGNANCY_CLEARED
                    if condition.is_pregnancy
                    else _ENDS.get(condition, ChangeCode.CONDITION_ENDS)
                )
            else:
                continue
            week = None
            if code is ChangeCode.TRIMESTER and pregnancy is not None:
                week = pregnancy.week_on(day)
            found.append(
                self._change(
                    code=code, condition=condition, day=day, week=week, before=before, after=after
                )
            )
        return tuple(found)

    def _spans(self, condition: Condition, first: dt.date, last: dt.date) -> list[Span]:
        return [s for s in self.spans if s.condition is condition and s.overlaps(first, last)]

    def _change(
        self,
        *,
        code: ChangeCode,
        condition: Condition,
        day: dt.date,
        week: int | None,
        before: ScreenReport,
        after: ScreenReport,
    ) -> PersonChange:
        starts = code.effect is ChangeEffect.STARTS
        now, then = (after, before) if starts else (before, after)
        moved: list[str] = []
        for new, old in zip(now.blocks, then.blocks, strict=True):
            if (
                new.verdict is Verdict.EXCLUDE
                and old.verdict is not Verdict.EXCLUDE
                and any(
                    rule.action is Action.EXCLUDE and condition in rule.conditions
                    for rule in new.rules
                )
            ):
                moved.append(new.block.exercise.id)
        had = {rule.id for item in then.blocks for rule in item.rules}
        rules = dict.fromkeys(
            rule.id
            for item in now.blocks
            for rule in item.rules
            if rule.id not in had and condition in rule.conditions
        )
        ids = tuple(dict.fromkeys(moved))
        return PersonChange(
            code=code,
            condition=condition,
            day=self._day(day),
            pregnancy_week=week,
            left_out=ids if starts else (),
            back=() if starts else ids,
            rules=tuple(rules),
        )

    def _stays(self, number: int) -> tuple[PersonChange, ...]:
        """A due date that passed and a pregnancy that ended this week: its rules stay."""
        pregnancy = self.profile.pregnancy
        if pregnancy is None:
            return ()
        first, last = self.window(number)
        reached = pregnancy.spans()[-1].condition
        found = []
        if first <= pregnancy.due <= last and (
            pregnancy.ended is None or pregnancy.ended > pregnancy.due
        ):
            found.append(
                PersonChange(
                    code=ChangeCode.DUE_DATE_PASSED,
                    condition=reached,
                    day=pregnancy.due,
                    pregnancy_week=pregnancy.week_on(pregnancy.due),
                )
            )
        if pregnancy.ended is not None and first <= pregnancy.ended <= last:
            found.append(
                PersonChange(
                    code=ChangeCode.PREGNANCY_ENDED,
                    condition=reached,
                    day=pregnancy.ended,
                    pregnancy_week=pregnancy.week_on(pregnancy.ended),
                )
            )
        return tuple(found)
