"""A person with dated facts is read the same way everywhere a program goes.

A program planned for a profile with dated facts (a pregnancy dated by its
week, an injury) screens each week for the person as they are; the next
session, the sheets and the calendar read the person over the whole program
(every condition in force on any day of it: the cautious reading), never
refusing the program's own profile.
"""

from __future__ import annotations

import datetime as dt

import pytest

import upperback as ub
from upperback import render

MONDAY = dt.date(2026, 1, 5)
ROUTINE = ub.Routine.of("Desk", main=[ub.default_catalog()["band-pull-apart"]])
PREGNANT = ub.Profile.from_answers({"pregnancy_week": 22}, on=MONDAY)
PROGRAM = ub.plan(ROUTINE, weeks=10, profile=PREGNANT, start=MONDAY)


def test_the_person_over_a_program_holds_every_condition_of_any_of_its_days() -> None:
    person = PROGRAM.person
    assert person is not None
    assert not person.dated
    # Week 22 on the start day reaches the third trimester (week 28) within ten weeks.
    assert ub.trimester(30) in person.conditions
    assert PROGRAM.person_in(1) == PREGNANT.on(MONDAY)
    undated = ub.plan(ROUTINE, weeks=2, profile=ub.Profile())
    assert undated.person == ub.Profile()
    assert ub.plan(ROUTINE, weeks=2).person is None


def test_the_next_session_triages_a_dated_person() -> None:
    log = ub.SessionLog.from_form(PROGRAM, date=MONDAY, answers={})
    found = ub.next_session(PROGRAM, on=MONDAY + dt.timedelta(days=1), logs=[log])
    assert found.status is ub.NextStatus.PLANNED
    chest = ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    )
    stopped = ub.next_session(
        PROGRAM, on=MONDAY + dt.timedelta(days=1), check_ins=[ub.CheckIn(date=MONDAY, report=chest)]
    )
    assert stopped.status is ub.NextStatus.REFERRED


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_every_sheet_shows_a_program_planned_for_a_dated_person(fmt: object) -> None:
    assert callable(fmt)
    out = fmt(PROGRAM)
    assert ROUTINE.blocks[0].exercise.name in out
    assert fmt(PROGRAM, profile=PREGNANT) == out


def test_the_calendar_shows_a_program_planned_for_a_dated_person() -> None:
    data = render.ical(PROGRAM, tz="Europe/London", time=dt.time(8))
    assert data.count(b"BEGIN:VEVENT") == 3 * 10


@pytest.mark.parametrize(
    ("answers", "path"),
    [
        ({"due_date": "0001-01-01"}, "$.due_date"),
        ({"injury_date": "9999-12-31"}, "$.injury_date"),
        ({"surgery_date": "1899-12-31"}, "$.surgery_date"),
    ],
)
def test_a_day_out_of_range_is_refused_at_its_path_never_an_overflow(
    answers: dict[str, str], path: str
) -> None:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.Profile.from_answers(answers, on=MONDAY)
    assert [problem.path for problem in info.value.problems] == [path]
    with pytest.raises(ub.InvalidValue, match="must be a day from 1900-01-01 to 2199-12-31"):
        ub.Injury(on=dt.date(9999, 12, 31))
    with pytest.raises(ub.InvalidValue, match="must be a day from 1900-01-01 to 2199-12-31"):
        ub.Pregnancy(due=dt.date(1, 1, 1))
