"""A person who changes: pregnancy, injury, surgery and conditions that start or end (DOMAIN §8).

A profile carries dated facts; a plan of 12 to 52 weeks screens each week for
the person as they are on its days. The checker works out, from the dated
facts alone and the fact sheet's own thresholds, what applies on each day a
session falls on, and checks that no session to do holds what the person
must not do that day.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import attrs
from hypothesis import given, reject
from hypothesis import strategies as st

import upperback as ub
from tests.clinical import _checks as c
from tests.clinical import _domain as d
from tests.clinical._people import BUILT_IN, START, routine_ids, routine_of
from tests.clinical._settings import examples

SUPINE_FROM_WEEK = 16
"""§8 [C6]: "don't lie flat on the back for long periods, particularly after 16 weeks".

The sheet's cautious reading is the second trimester; NHS gives 16 weeks, the
latest any source allows, so the checker holds the library to that at least.
"""

PRONE_FROM_WEEK = 20
"""§8 [C6c*]: lying on the front becomes difficult after ~20 weeks."""

PROTECT_DAYS = 1
"""§8 [C10]: PEACE protects an injury for 1–3 days: at least the day itself and the next."""


def _pregnancy_on(pregnancy: ub.Pregnancy | None, day: dt.date) -> set[ub.Condition]:
    """§8 [C6][C6c*]: the trimester whose rules the sheet asks for on ``day``, at the least.

    Weeks counted from 40 weeks before the due date; lying on the back left
    out from week 16 (read here as the second trimester's rules), on the
    front from week 20 (the third's); what pregnancy left out stays until a
    clinician clears exercise after it.
    """
    if pregnancy is None or (pregnancy.cleared is not None and day >= pregnancy.cleared):
        return set()
    week = (day - (pregnancy.due - dt.timedelta(days=280))).days // 7
    if week >= PRONE_FROM_WEEK or (pregnancy.ended is not None and day >= pregnancy.ended):
        return {ub.Condition.PREGNANCY_THIRD_TRIMESTER}
    if week >= SUPINE_FROM_WEEK:
        return {ub.Condition.PREGNANCY_SECOND_TRIMESTER}
    return {ub.Condition.PREGNANCY_FIRST_TRIMESTER} if week >= 0 else set()


def conditions_on(profile: ub.Profile, day: dt.date) -> frozenset[ub.Condition]:
    """What the sheet says applies to a person with dated facts on ``day`` (the least it asks).

    Read from the dated facts themselves, not from the library's dating:
    the week of pregnancy counted from 40 weeks before the due date; an
    injury on its day and the next; surgery from its day until cleared; a
    dated condition between its days.
    """
    found = set(profile.conditions) | _pregnancy_on(profile.pregnancy, day)
    for injury in profile.injuries:
        if 0 <= (day - injury.on).days <= PROTECT_DAYS:
            found.add(ub.Condition.ACUTE_INJURY)
    for surgery in profile.surgeries:
        if surgery.on <= day and (surgery.cleared is None or day < surgery.cleared):
            found.add(ub.Condition.RECENT_SURGERY)
    for dated in profile.dated_conditions:
        if (dated.start is None or dated.start <= day) and (dated.end is None or day < dated.end):
            found.add(dated.condition)
    return frozenset(found)


def dated_violations(program: ub.Program) -> list[str]:
    """§8: every session to do keeps to what the person, as they are that day, must not do."""
    person = program.profile
    if person is None:
        return []
    found = []
    for week in program.weeks:
        for session in c.to_do(week):
            assert session.date is not None
            conditions = conditions_on(person, session.date)
            for block in week.routine.blocks:
                found += [
                    f"week {week.number}, {session.date}: {block.exercise.id} is excluded by"
                    f" {rule.key}"
                    for rule in d.EXCLUSIONS
                    if rule.applies_to(conditions) and rule.matches(block.exercise)
                ]
    return found


def test_per1_checker_rejects_lying_on_the_back_at_20_weeks() -> None:
    """PER-1 [§8 C6]: the checker rejects a towel-roll extension (supine) planned at week 20."""
    person = ub.Profile(pregnancy=ub.Pregnancy.at_week(20, on=START))
    routine = ub.Routine.of("R", main=[BUILT_IN["thoracic-extension-towel-roll"]])
    program = ub.plan(routine, weeks=1, start=START)  # planned for no one
    # A stand-in with the program's weeks and the person: a Program refuses to hold both.
    found = dated_violations(SimpleNamespace(profile=person, weeks=program.weeks))  # type: ignore[arg-type]
    assert any("supine" in v for v in found)


def test_per1_checker_rejects_stretching_on_the_day_after_an_injury() -> None:
    """PER-1 [§8 C10]: the checker rejects a stretch the day after an injury."""
    person = ub.Profile(injuries=[ub.Injury(on=START - dt.timedelta(days=1))])
    routine = ub.Routine.of("R", main=[BUILT_IN["doorway-pec-stretch"]])
    program = ub.plan(routine, weeks=1, start=START)
    assert dated_violations(SimpleNamespace(profile=person, weeks=program.weeks))  # type: ignore[arg-type]


_DAYS = st.integers(-30, 300).map(lambda n: START + dt.timedelta(days=n))


@st.composite
def dated_people(draw: st.DrawFn) -> ub.Profile:
    """A person with dated facts: a pregnancy, injuries, surgeries (cleared or not), conditions."""
    pregnancy = None
    if draw(st.booleans()):
        pregnancy = ub.Pregnancy.at_week(draw(st.integers(1, 40)), on=START)
    injuries = [ub.Injury(on=day) for day in draw(st.lists(_DAYS, max_size=2))]
    surgeries = []
    for day in draw(st.lists(_DAYS, max_size=1)) if draw(st.integers(0, 3)) == 0 else ():
        cleared = draw(st.none() | st.integers(1, 120))
        surgeries.append(
            ub.Surgery(
                on=day,
                cleared=None if cleared is None else day + dt.timedelta(days=cleared),
                clearance_note=None if cleared is None else "Mr Shah (surgeon).",
            )
        )
    dated = []
    for condition in draw(
        st.lists(
            st.sampled_from(
                [
                    ub.Condition.OSTEOPOROSIS,
                    ub.Condition.HYPERMOBILITY,
                    ub.Condition.BALANCE_IMPAIRMENT,
                    ub.Condition.CERVICAL_RADICULOPATHY,
                    ub.Condition.SHOULDER_INSTABILITY,
                ]
            ),
            max_size=2,
            unique=True,
        )
    ):
        start = draw(st.none() | _DAYS)
        end = draw(st.none() | _DAYS) if start is not None else draw(_DAYS)
        if start is not None and end is not None and end <= start:
            start, end = end - dt.timedelta(days=1), start
        dated.append(ub.DatedCondition(condition=condition, start=start, end=end))
    assume_dated = pregnancy is not None or injuries or surgeries or dated
    if not assume_dated:
        reject()
    return ub.Profile(
        pregnancy=pregnancy, injuries=injuries, surgeries=surgeries, dated_conditions=dated
    )


@examples(20)
@given(dated_people(), routine_ids(max_blocks=5), st.integers(1, 3), st.integers(12, 52))
def test_per1_every_session_keeps_to_the_person_as_they_are_that_day(
    person: ub.Profile, ids: list[str], sessions: int, weeks: int
) -> None:
    """PER-1 [§8 C5 C6 C6c* C10 E23]: a person who changes is planned as they are each day.

    Pregnancy leaves out lying on the back from week 16 at the latest and
    on the front from week 20; an injury's first days leave out stretching;
    surgery leaves out everything until cleared; a condition applies
    between its days. No session to do of a 12–52-week plan holds what the
    person, on that session's day, must not do.
    """
    try:
        program = ub.plan(
            routine_of(ids, sessions), weeks=weeks, profile=person, catalog=BUILT_IN, start=START
        )
    except ub.NothingSafe:
        return  # nothing is safe on some week: refusing to plan is safe
    assert dated_violations(program) == []


@examples(20)
@given(dated_people(), _DAYS, routine_ids(max_blocks=5))
def test_per2_screening_the_person_on_a_day_is_idempotent(
    person: ub.Profile, day: dt.date, ids: list[str]
) -> None:
    """PER-2 [§8]: the person taken on any day screens once and for all, as the sheet says."""
    today = person.on(day)
    try:
        safe = ub.screen(routine_of(ids, 2), today).safe_routine()
    except ub.NothingSafe:
        return
    assert ub.screen(safe, today).safe_routine() == safe
    must = conditions_on(person, day)
    assert must <= today.conditions | {  # the library may read more (earlier), never less
        c for c in must if c.is_pregnancy and (today.conditions & d.PREGNANCY)
    }
    assert c.exclusion_violations(attrs.evolve(today, conditions=must), safe.blocks, str(day)) == []


_ANSWERED = ("osteoporosis", "hypermobility", "balance_impairment", "shoulder_instability")


@st.composite
def answers(draw: st.DrawFn) -> dict[str, object]:
    """A form's plain answers, as an app posts them: any of the questions, some left out."""
    found: dict[str, object] = {}
    if draw(st.booleans()):
        found["pregnancy_week"] = draw(st.integers(1, 42))
    if draw(st.booleans()):
        found["age"] = draw(st.integers(12, 95))
    if draw(st.booleans()):
        found["conditions"] = sorted(draw(st.frozensets(st.sampled_from(_ANSWERED))))
    if draw(st.booleans()):
        found["injury_date"] = draw(_DAYS).isoformat()
    if draw(st.booleans()):
        found["level"] = draw(st.integers(1, 5))
    return found


@examples(30)
@given(answers(), _DAYS, routine_ids(max_blocks=5))
def test_per3_a_profile_from_a_forms_answers_screens_as_the_answers_say(
    given_answers: dict[str, object], day: dt.date, ids: list[str]
) -> None:
    """PER-3 [§1.1, §2, §8]: a person made from a form's answers is screened as the answers say.

    Answered on ``START``; on any later day the person taken that day keeps
    to what their pregnancy week, injury date and conditions exclude; an
    age over 50 gets the older adults' doses; a routine screened for them
    holds nothing the sheet excludes.
    """
    person = ub.Profile.from_answers(given_answers, on=START)
    when = max(day, START)
    today = person.on(when)
    age = given_answers.get("age")
    if isinstance(age, int):
        assert today.older_adult is (age > 50)  # 30–60 s holds and 10–15 reps past 50 [A1][A5]
    must = conditions_on(person, when)
    try:
        safe = ub.screen(routine_of(ids, 2), today).safe_routine()
    except ub.NothingSafe:
        return
    judged = attrs.evolve(today, conditions=must)
    assert c.exclusion_violations(judged, safe.blocks, when.isoformat()) == []
