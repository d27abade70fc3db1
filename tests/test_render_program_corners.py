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
    """Symptoms 40 days on and no better on day 1: every later session is referred."""
    block = ROUTINE.blocks[0]
    flagged = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        outcomes=[ub.Outcome.as_prescribed(block, at=(0, 0))],
        pain_before=1,
        symptoms=ub.SymptomReport(days_since_onset=40, trend=ub.Trend.SAME),
    )
    return ub.plan(ROUTINE, weeks=3, start=START, logs=[flagged], catalog=CATALOG)


def careful_program() -> ub.Program:
    """Pain 6/10 during week 1: week 2 is planned with advice to take care in force."""
    block = ROUTINE.blocks[0]
    sore = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        outcomes=[ub.Outcome.as_prescribed(block, at=(0, 0), pain_during=6)],
        pain_before=0,
    )
    return ub.plan(ROUTINE, weeks=3, start=START, logs=[sore], catalog=CATALOG)


PROGRAM = referred_program()
CAREFUL = careful_program()


def test_the_fixtures_have_advice_in_force_and_referred_weeks() -> None:
    week = PROGRAM.weeks[1]
    assert week.advice is not None
    assert week.advice.level is ub.AdviceLevel.SEE_PROFESSIONAL
    assert week.referral is not None
    assert week.referral.advice == week.advice
    assert [week.stopped for week in PROGRAM.weeks] == [False, True, True]
    assert [s.referred for s in PROGRAM.weeks[0].sessions] == [False, True, True]
    careful = CAREFUL.weeks[1]
    assert careful.advice is not None
    assert careful.advice.level is ub.AdviceLevel.CONTINUE_WITH_CARE
    assert not careful.referred


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_every_format_shows_the_advice_in_force(fmt: object) -> None:
    assert callable(fmt)
    advice = CAREFUL.weeks[1].advice
    assert advice is not None
    assert f"Advice in force: {advice.level.value.replace('_', ' ')}: " in fmt(CAREFUL)
    # A referral says what to do instead; it is not shown as "advice in force".
    assert "Advice in force" not in fmt(PROGRAM)


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_every_format_lists_no_exercise_after_a_referral_and_says_what_to_do(
    fmt: object,
) -> None:
    assert callable(fmt)
    out = fmt(PROGRAM)
    referral = PROGRAM.weeks[1].referral
    assert referral is not None
    assert out.count("No exercise this week") == 2
    assert out.count("No exercise on Wed 06 Jan, Fri 08 Jan") == 1
    assert out.count("Exercise resumes only when a healthcare professional") == 3
    # What to do instead, and why, said once, in the first week the referral reaches.
    first_words = referral.advice.message.split(",")[0]
    assert out.count(first_words) == 1
    for reason in referral.advice.reasons:
        assert out.count(reason.text) == 1
    # No exercise is listed from week 2 on.
    later = out[out.index("Week 2") : out.index("How to do each exercise")]
    assert ROUTINE.blocks[0].exercise.name not in later
    assert "Progression stopped" not in out


def test_the_html_page_has_no_log_table_for_a_session_not_to_do() -> None:
    page = render.html(PROGRAM)
    assert page.count("<h3>Mon 04 Jan</h3>") == 1
    assert "<h3>Wed 06 Jan</h3>" not in page
    assert "Log sheet: week 2" not in page
    assert "Log sheet: week 1" in page


def test_the_chart_has_no_point_in_a_week_with_no_session_to_do() -> None:
    sheet = program_sheet(PROGRAM)
    assert [point[0] for point in sheet.series[0].points] == [1]


def test_describe_names_the_advice_level_of_a_week() -> None:
    advice = CAREFUL.weeks[1].advice
    assert advice is not None
    lines = CAREFUL.describe().splitlines()
    week_two = lines.index(next(line for line in lines if line.startswith("Week 2")))
    assert lines[week_two + 1] == f"  Advice: {advice.level.value.replace('_', ' ')}"


def test_describe_says_why_a_week_has_no_exercise() -> None:
    lines = PROGRAM.describe().splitlines()
    week_two = lines.index(next(line for line in lines if line.startswith("Week 2")))
    assert lines[week_two + 1].startswith("  Referred since 2027-01-04 (see professional): ")
    assert lines[week_two + 2] == "  No exercise until a clinician's clearance is recorded."
    assert lines[week_two + 3].startswith("Week 3")


def test_the_advice_cites_the_first_reasons_sources() -> None:
    sheet = program_sheet(CAREFUL)
    advice = CAREFUL.weeks[1].advice
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
    events = [  # the timed ones: a referral's note is an all-day event, in no zone
        c
        for c in icalendar.Calendar.from_ical(by_zone).walk("VEVENT")
        if isinstance(c.decoded("dtstart"), dt.datetime)
    ]
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
