"""Programs rendered at their corners: advice in force, a referral, an empty notice, a ZoneInfo."""

from __future__ import annotations

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest

import upperback as ub
from upperback import render
from upperback.render import _how_to
from upperback.render._program import program_sheet
from upperback.render.html import render_program

# The modules, not the functions of the same names that the package exports.
render_html = importlib.import_module("upperback.render.html")
render_markdown = importlib.import_module("upperback.render.markdown")
render_text = importlib.import_module("upperback.render.text")

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


def _with_a_note_from_week(program: ub.Program, first: int, note: str) -> ub.Program:
    """The program with its first block noted from week ``first`` on (as a clinician might)."""
    weeks = []
    for week in program.weeks:
        changed = week
        if week.number >= first:
            block = attrs.evolve(week.routine.blocks[0], notes=note)
            section = attrs.evolve(week.routine.sections[0], blocks=(block,))
            changed = attrs.evolve(week, routine=attrs.evolve(week.routine, sections=(section,)))
        weeks.append(changed)
    return attrs.evolve(program, weeks=tuple(weeks))


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_an_exercise_that_changes_over_the_weeks_has_a_card_for_each_form(fmt: object) -> None:
    assert callable(fmt)
    program = _with_a_note_from_week(
        ub.plan(ROUTINE, weeks=4, start=START, catalog=CATALOG), 3, "Keep the range small."
    )
    sheet = program_sheet(program)
    assert [card.weeks for card in sheet.cards] == ["weeks 1 to 2", "weeks 3 to 4"]
    assert [card.note for card in sheet.cards] == [None, "Keep the range small."]
    out = fmt(program)
    assert "(weeks 1 to 2)" in out
    assert "(weeks 3 to 4)" in out


@pytest.mark.parametrize(
    ("weeks", "words"),
    [
        ([1], "week 1"),
        ([1, 2, 3], "weeks 1 to 3"),
        ([1, 2, 3, 6], "weeks 1 to 3 and 6"),
        ([1, 3, 5, 6], "weeks 1, 3 and 5 to 6"),
    ],
)
def test_the_weeks_of_a_card_are_said_in_runs(weeks: list[int], words: str) -> None:
    assert _how_to.span(weeks) == words


def test_an_exercise_twice_in_a_week_has_one_card() -> None:
    chin = CATALOG["chin-tuck"]
    twice = ub.Routine.of("Twice", warm_up=[chin], main=[chin])
    sheet = program_sheet(ub.plan(twice, weeks=2, catalog=CATALOG))
    (card,) = sheet.cards
    assert card.weeks is None


@pytest.mark.parametrize("module", [render_text, render_markdown, render_html])
def test_a_program_sheet_without_cards_has_no_how_to_heading(module: object) -> None:
    sheet = attrs.evolve(program_sheet(PROGRAM), cards=())
    out: str = module.render_program(sheet)  # type: ignore[attr-defined]
    assert "How to do each exercise" not in out
    assert "How to do each exercise" in module.render_program(program_sheet(PROGRAM))  # type: ignore[attr-defined]
