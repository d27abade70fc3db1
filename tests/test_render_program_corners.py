"""Programs rendered at their corners: advice in force, a referral, an empty notice, a ZoneInfo."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest

import upperback as ub
from upperback import render
from upperback.render._program import program_sheet
from upperback.render.html import render_program

CATALOG = ub.default_catalog()
START = dt.date(2027, 1, 4)
ROUTINE = ub.Routine.of("Desk reset", main=[CATALOG["band-pull-apart"]])


def referred_program() -> ub.Program:
    """Symptoms 40 days on and no better in week 1: week 2 on is referred, with advice in force."""
    block = ROUTINE.blocks[0]
    flagged = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        outcomes=[ub.Outcome.as_prescribed(block, at=(0, 0))],
        pain_before=1,
        symptoms=ub.SymptomReport(days_since_onset=40, trend=ub.Trend.SAME),
    )
    return ub.plan(ROUTINE, weeks=3, start=START, logs=[flagged], catalog=CATALOG)


PROGRAM = referred_program()


def test_the_fixture_has_advice_in_force_and_referred_weeks() -> None:
    week = PROGRAM.weeks[1]
    assert week.advice is not None
    assert week.advice.level is ub.AdviceLevel.SEE_PROFESSIONAL
    assert week.advice.reasons
    assert week.referred


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_every_format_shows_the_advice_in_force_and_that_progression_stopped(fmt: object) -> None:
    assert callable(fmt)
    out = fmt(PROGRAM)
    advice = PROGRAM.weeks[1].advice
    assert advice is not None
    level = advice.level.value.replace("_", " ")
    assert f"Advice in force: {level}: " in out
    assert "Progression stopped: see a healthcare professional." in out
    referred = sum(1 for week in PROGRAM.weeks if week.referred)
    assert out.count("Progression stopped: see a healthcare professional.") == referred


def test_describe_names_the_advice_level_of_a_week() -> None:
    advice = PROGRAM.weeks[1].advice
    assert advice is not None
    lines = PROGRAM.describe().splitlines()
    week_two = lines.index(next(line for line in lines if line.startswith("Week 2")))
    assert lines[week_two + 1] == f"  Advice: {advice.level.value.replace('_', ' ')}"


def test_the_advice_cites_the_first_reasons_sources() -> None:
    sheet = program_sheet(PROGRAM)
    advice = PROGRAM.weeks[1].advice
    assert advice is not None
    cited = sheet.weeks[1].advice
    assert cited is not None
    assert cited.sources == advice.reasons[0].sources
    assert cited.text.endswith(advice.reasons[0].text)


def test_a_sheet_with_no_safety_lines_has_no_safety_heading_but_keeps_the_warning_signs() -> None:
    sheet = attrs.evolve(program_sheet(PROGRAM), notice=())
    out = render_program(sheet)
    assert "<h2>Safety</h2>" not in out
    assert "Stop and get urgent help" in out


def test_a_zoneinfo_is_taken_as_the_zone() -> None:
    zone = ZoneInfo("Europe/London")
    by_name = render.ical(PROGRAM, tz="Europe/London", time=dt.time(7, 30))
    by_zone = render.ical(PROGRAM, tz=zone, time=dt.time(7, 30))
    assert by_zone == by_name
    events = [c for c in icalendar.Calendar.from_ical(by_zone).walk() if c.name == "VEVENT"]
    assert events
    assert all(event.decoded("dtstart").tzinfo.key == "Europe/London" for event in events)
