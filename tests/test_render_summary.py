"""A clinician's summary of adherence, as text and as HTML with a valid, escaped SVG chart."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback.progression import BlockTally

CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)
DAY = dt.timedelta(days=1)
SVG = "{http://www.w3.org/2000/svg}"
ROUTINE = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"], CATALOG["chin-tuck"]])
PROGRAM = ub.plan(ROUTINE, weeks=3, start=MONDAY, rules=ub.Hold())


def _logs(pains: list[int], *, weeks: int = 2) -> list[ub.SessionLog]:
    """Every session of the first weeks done, pain during each week's sessions as given."""
    return [
        ub.SessionLog(
            date=session.date or MONDAY,
            routine_id=ROUTINE.id,
            pain_before=1,
            outcomes=[
                ub.Outcome.as_prescribed(b, at=at, pain_during=pains[week.number - 1])
                for at, b in ub.addresses(week.routine)
            ],
        )
        for week in PROGRAM.weeks[:weeks]
        for session in week.sessions
    ]


def svg_of(page: str) -> ET.Element:
    """The page's one inline SVG, parsed by the standard library's XML parser."""
    (found,) = re.findall(r"<svg .*?</svg>", page, flags=re.DOTALL)
    return ET.fromstring(found)  # noqa: S314 - our own output, not untrusted XML


def test_the_text_summary_gives_done_of_prescribed_and_pain_per_week() -> None:
    result = ub.adherence(PROGRAM, _logs([2, 4]), on=MONDAY + 16 * DAY)
    text = render.summary_text(result)
    lines = text.splitlines()
    assert lines[:3] == [
        "Desk: adherence",
        "As of Wednesday 21 January 2026.",
        "Weeks 1 to 3 of the program, from Monday 05 January 2026.",
    ]
    assert "Sessions done: 6 of 7 (86%)" in lines
    assert (
        "Pain trend: worse: more pain than the week before, and under the pain-monitoring model"
        " pain should not increase from week to week [P7] (worst 4/10 in week 2, 2/10 in week 1)."
    ) in lines
    week_3 = next(line for line in lines if line.startswith("  Week 3"))
    assert week_3.startswith("  Week 3 (Mon 19 Jan – Wed 21 Jan): sessions 0 of 1 (0%)")
    assert "    worst pain: 1/10 before a session, 4/10 with exercise, – the next morning" in lines
    assert any(line.startswith("  Band pull-apart: sessions 6 of 7 (86%)") for line in lines)
    assert "    worst pain: 4/10 with exercise, – the next morning" in lines  # no pain before
    assert text.endswith("a healthcare professional's judgement.\n")


def test_the_pain_trend_is_worded_for_each_direction_and_when_unknown() -> None:
    def trend_line(pains: list[int], weeks: int = 2) -> str:
        result = ub.adherence(PROGRAM, _logs(pains, weeks=weeks))
        return next(line for line in render.summary_text(result).splitlines() if "trend" in line)

    assert trend_line([4, 2]).startswith("Pain trend: better: less pain than the week before")
    assert trend_line([3, 3]).startswith("Pain trend: the same as the week before")
    assert trend_line([3], weeks=1) == (
        "Pain trend: not enough weeks with a pain rating (two are needed)."
    )


def test_nothing_due_yet_says_so_and_draws_no_chart() -> None:
    early = ub.adherence(PROGRAM, [], on=MONDAY - DAY)
    assert "No session was due yet." in render.summary_text(early)
    page = render.summary_html(early)
    assert "<svg" not in page
    assert "No session was due yet." in page
    assert "Sessions done: none due" in page


def test_the_html_page_has_tables_and_a_chart_of_pain_and_work() -> None:
    result = ub.adherence(PROGRAM, _logs([2, 4]), on=MONDAY + 16 * DAY)
    page = render.summary_html(result)
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Desk: adherence</h1>" in page
    assert "<th>Days</th>" in page
    assert "<td>Mon 19 Jan – Wed 21 Jan</td>" in page
    svg = svg_of(page)
    assert svg.findtext(f"{SVG}title") == "Pain and work done, week by week"
    assert svg.get("aria-label") == "Pain and work done, week by week"
    lines = [text.text for text in svg.iter(f"{SVG}text")]
    assert "Pain with exercise (0–10)" in lines
    assert "Work done" in lines
    assert "Pain next morning (0–10)" not in lines  # none was reported
    points = [title.text for circle in svg.iter(f"{SVG}circle") for title in circle]
    assert "Week 2: 4/10" in points
    # Week 3: Monday's session missed, nothing done of one session's work.
    work = sum(b.dose.sets * b.dose.set_work_s for b in ROUTINE.blocks)
    assert f"Week 3: 0 min 00 s of {work // 60} min {work % 60:02d} s" in points


def test_data_is_escaped_in_the_page_and_in_the_chart() -> None:
    nasty = '</svg><script>alert("x")</script> & <b>'
    result = ub.adherence(PROGRAM, _logs([2, 3]), on=MONDAY + 13 * DAY)
    entry = result.blocks[0]
    tricked = attrs.evolve(
        result, title=nasty, blocks=(attrs.evolve(entry, name=nasty), *result.blocks[1:])
    )
    page = render.summary_html(tricked)
    assert "<script>" not in page
    assert "<b>" not in page
    assert "&lt;/svg&gt;&lt;script&gt;" in page
    svg_of(page)  # still one well-formed SVG
    assert nasty in render.summary_text(tricked)  # plain text shows it as it is


def test_a_program_without_dates_has_no_days_column() -> None:
    undated = ub.plan(ROUTINE, weeks=2, rules=ub.Hold())
    log = attrs.evolve(_logs([1], weeks=1)[0], week=1)
    result = ub.adherence(undated, [log])
    page = render.summary_html(result)
    assert "<th>Days</th>" not in page
    text = render.summary_text(result)
    assert "As of" not in text
    assert "Week 1 of the program." in text
    assert "  Week 1: sessions 1 of 1 (100%)" in text
    svg_of(page)


def test_a_summary_renders_the_same_from_its_document() -> None:
    result = ub.adherence(PROGRAM, _logs([2, 4]), on=MONDAY + 16 * DAY)
    loaded = ub.loads(ub.dumps(result), ub.Adherence)
    assert render.summary_html(loaded) == render.summary_html(result)
    assert render.summary_text(loaded) == render.summary_text(result)


@pytest.mark.parametrize("render_it", [render.summary_text, render.summary_html])
def test_only_adherence_is_summarised(render_it: Any) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        render_it(PROGRAM)
    assert info.value.field == "adherence"


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(ub.Adherence), st.text(min_size=1, max_size=30).map(str.strip))
def test_every_summary_chart_is_valid_svg(result: ub.Adherence, name: str) -> None:
    if name and result.blocks:
        first = result.blocks[0]
        result = attrs.evolve(result, blocks=(attrs.evolve(first, name=name), *result.blocks[1:]))
    page = render.summary_html(result)
    if result.weeks:
        svg = svg_of(page)
        assert svg.tag == f"{SVG}svg"
    else:
        assert "<svg" not in page
    assert render.summary_text(result).endswith("\n")


def test_block_tallies_show_in_order_of_the_routine() -> None:
    result = ub.adherence(PROGRAM, _logs([1, 1]))
    assert [entry.at for entry in result.blocks] == [(0, 0), (0, 1)]
    assert isinstance(result.blocks[0], BlockTally)
    page = render.summary_html(result)
    assert page.index("Band pull-apart") < page.index("Chin tuck")
