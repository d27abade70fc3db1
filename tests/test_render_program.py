"""Programs rendered: every week's doses and changes, the SVG chart, paper logs, and iCalendar."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import html5lib
import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback.progression import addresses
from upperback.progression.engine import dose_text

CATALOG = ub.default_catalog()
ROUTINE = ub.Routine.of(
    "Desk reset",
    warm_up=[CATALOG["cat-camel"]],
    main=[CATALOG["band-pull-apart"], CATALOG["chin-tuck"]],
    cool_down=[CATALOG["doorway-pec-stretch"]],
)
START = dt.date(2027, 1, 4)
PROGRAM = ub.plan(ROUTINE, weeks=8, start=START, catalog=CATALOG)
NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def deloaded() -> ub.Program:
    rules = ub.RuleSet(default=ub.Chain(rules=(ub.Deload(every_weeks=4, percent=50), ub.Hold())))
    return ub.plan(ROUTINE, weeks=8, start=START, catalog=CATALOG, rules=rules)


@pytest.mark.parametrize("fmt", [render.text, render.markdown, render.html])
def test_every_week_shows_every_dose(fmt: object) -> None:
    assert callable(fmt)
    out = fmt(PROGRAM)
    for week in PROGRAM.weeks:
        assert f"Week {week.number}" in out
        for _, block in addresses(week.routine):
            assert dose_text(block.dose) in out


def test_the_text_names_each_change_and_its_reason() -> None:
    out = render.text(PROGRAM)
    for decision in PROGRAM.decisions:
        if decision.action is ub.ProgressAction.HOLD:
            continue
        assert f"({decision.action.value.replace('_', ' ')})" in out
        for reason in decision.reasons:
            assert reason.text in out


def test_the_chart_has_a_line_per_block_and_a_point_per_week() -> None:
    tree = html5lib.parse(render.html(PROGRAM))
    svg = tree.find(f".//{SVG}svg")
    assert svg is not None
    lines = svg.findall(f"{SVG}polyline")
    assert len(lines) == len(ROUTINE.blocks)
    points = svg.findall(f"{SVG}circle")
    assert len(points) == len(ROUTINE.blocks) * len(PROGRAM.weeks)
    titles = ["".join(point.itertext()) for point in points]
    last = PROGRAM.weeks[-1].routine
    for _, block in addresses(last):
        assert f"Week 8: {dose_text(block.dose)}" in titles


def test_deload_weeks_are_marked_everywhere() -> None:
    program = deloaded()
    weeks = [week.number for week in program.weeks if week.deload]
    assert weeks
    assert all(f"Week {n} (deload)" in render.text(program) for n in weeks)
    assert all(f"## Week {n} (deload)" in render.markdown(program) for n in weeks)
    tree = html5lib.parse(render.html(program))
    shaded = tree.findall(f".//{SVG}rect")
    assert len(shaded) == len(weeks)


def test_the_html_has_a_log_page_per_week_with_a_table_per_session() -> None:
    tree = html5lib.parse(render.html(PROGRAM))
    logs = [s for s in tree.iter(f"{NS}section") if s.get("class") == "session-log"]
    assert len(logs) == len(PROGRAM.weeks)
    for week, log in zip(PROGRAM.weeks, logs, strict=True):
        tables = log.findall(f".//{NS}table")
        assert len(tables) == len(week.sessions)
        headings = ["".join(h.itertext()) for h in log.findall(f".//{NS}h3")]
        assert headings == [
            session.date.strftime("%a %d %b") for session in week.sessions if session.date
        ]


def parse(data: bytes) -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_the_calendar_has_an_event_per_session_in_its_zone() -> None:
    events = parse(render.ical(PROGRAM, tz="Europe/London", time=dt.time(7, 30)))
    sessions = [(week, session) for week in PROGRAM.weeks for session in week.sessions]
    assert len(events) == len(sessions)
    duration = ROUTINE.duration()
    for event, (week, session) in zip(events, sessions, strict=True):
        begin = event.decoded("dtstart")
        assert session.date is not None
        assert begin == dt.datetime.combine(
            session.date, dt.time(7, 30), tzinfo=ZoneInfo("Europe/London")
        )
        assert str(begin.tzinfo) == "Europe/London"
        assert event.decoded("dtend") - begin == duration
        assert f"week {week.number}" in str(event["summary"])
        description = str(event["description"])
        for _, block in addresses(week.routine):
            assert f"{block.exercise.name}: {dose_text(block.dose)}" in description


def test_re_exports_update_rather_than_duplicate() -> None:
    first = render.ical(PROGRAM, tz="Europe/London", time=dt.time(7, 30))
    again = render.ical(PROGRAM, tz="Europe/London", time=dt.time(7, 30))
    assert first == again
    uids = [str(event["uid"]) for event in parse(first)]
    assert len(set(uids)) == len(uids)
    later = render.ical(PROGRAM, tz="Europe/London", time=dt.time(18, 0))
    assert [str(event["uid"]) for event in parse(later)] == uids


def test_moving_the_start_keeps_the_spacing() -> None:
    moved = parse(render.ical(PROGRAM, tz="UTC", time=dt.time(9), start=dt.date(2027, 2, 1)))
    original = parse(render.ical(PROGRAM, tz="UTC", time=dt.time(9)))
    gaps = [
        b.decoded("dtstart") - a.decoded("dtstart") for a, b in zip(original, moved, strict=True)
    ]
    assert set(gaps) == {dt.timedelta(days=28)}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tz": "Mars/Olympus", "time": dt.time(7)}, "tz"),
        ({"tz": "UTC", "time": "07:00"}, "time"),
        ({"tz": "UTC", "time": dt.time(7, tzinfo=dt.UTC)}, "time"),
        ({"tz": "UTC", "time": dt.time(7), "start": "2027-01-01"}, "start"),
    ],
)
def test_bad_calendar_arguments(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        render.ical(PROGRAM, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_an_undated_program_cannot_be_a_calendar() -> None:
    with pytest.raises(ub.InvalidValue, match="start="):
        render.ical(ub.plan(ROUTINE, weeks=1), tz="UTC", time=dt.time(7))
    with pytest.raises(ub.InvalidValue, match="must be a Program"):
        render.ical(ROUTINE, tz="UTC", time=dt.time(7))  # type: ignore[arg-type]


def test_importing_render_does_not_import_icalendar() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import sys, upperback.render; print('icalendar' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "False"


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 6), st.sampled_from(["UTC", "America/New_York", "Asia/Tokyo"]))
def test_any_length_of_program_round_trips_through_icalendar(weeks: int, tz: str) -> None:
    program = ub.plan(ROUTINE, weeks=weeks, start=START, catalog=CATALOG)
    events = parse(render.ical(program, tz=tz, time=dt.time(6, 15)))
    assert len(events) == weeks * ROUTINE.sessions_per_week
    days = [event.decoded("dtstart").date() for event in events]
    assert days == sorted(days)
    assert days[0] == START


def test_without_icalendar_the_error_names_the_extra() -> None:
    code = (
        "import sys, datetime as dt; sys.modules['icalendar'] = None\n"
        "import upperback as ub\n"
        "from upperback import render\n"
        "r = ub.Routine.of('D', main=[ub.default_catalog()['chin-tuck']])\n"
        "p = ub.plan(r, weeks=1, start=dt.date(2027, 1, 4))\n"
        "try:\n"
        "    render.ical(p, tz='UTC', time=dt.time(7))\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert 'pip install "upperback[ical]"' in out
