"""Rendering: text, Markdown and HTML show the same sheet, built once from the values."""

from __future__ import annotations

import re

import html5lib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback import strategies as ubst
from upperback.compose import Goal, compose, desk_reset, prescribe
from upperback.render import _person, _sheet

CATALOG = ub.default_catalog()
DESK = ub.Routine.of(
    "Desk reset",
    warm_up=[CATALOG["cat-camel"]],
    main=[
        ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=2, reps=12)),
        CATALOG["chin-tuck"],
        CATALOG["upper-trapezius-stretch"],
    ],
    cool_down=[CATALOG["doorway-pec-stretch"]],
    sessions_per_week=3,
)
HTML_NS = "{http://www.w3.org/1999/xhtml}"


def page_text(page: str) -> str:
    """The text a browser shows, from a real HTML5 parser."""
    tree = html5lib.parse(page)
    body = tree.find(f"{HTML_NS}body")
    assert body is not None
    return " ".join(" ".join(body.itertext()).split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", [render.text, render.markdown])
def test_every_exercise_dose_and_cue_is_shown(fmt: object) -> None:
    assert callable(fmt)
    out = fmt(DESK)
    for block in DESK.blocks:
        assert block.exercise.name in out
        assert block.dose.describe() in out
        for cue in block.exercise.cues:
            assert cue in out or cue.replace("*", "\\*") in out


def test_the_html_page_shows_every_name_dose_and_cue() -> None:
    shown = page_text(render.html(DESK))
    for block in DESK.blocks:
        assert block.exercise.name in shown
        assert block.dose.describe() in shown
        for cue in block.exercise.cues:
            assert squash(cue) in shown


def test_the_html_page_is_self_contained() -> None:
    page = render.html(DESK)
    tree = html5lib.parse(page)
    assert tree.findall(f".//{HTML_NS}script") == []
    assert tree.findall(f".//{HTML_NS}link") == []
    assert tree.findall(f".//{HTML_NS}img") == []
    assert "@import" not in page
    assert "url(" not in page
    viewport = tree.find(f".//{HTML_NS}meta[@name='viewport']")
    assert viewport is not None
    assert "@media print" in page
    assert "size: A4" in page


def test_the_log_sheet_has_a_table_per_session_and_a_row_per_exercise() -> None:
    tree = html5lib.parse(render.html(DESK))
    log = [section for section in tree.iter(f"{HTML_NS}section") if section.get("class") == "log"]
    assert len(log) == 1
    tables = log[0].findall(f".//{HTML_NS}table")
    assert len(tables) == DESK.sessions_per_week
    for table in tables:
        rows = table.findall(f".//{HTML_NS}tr")
        header, *body = rows
        assert [squash("".join(th.itertext())) for th in header] == [
            "Exercise",
            "Sets done",
            "Pain during (0–10)",
            "Pain next morning (0–10)",
            "Effort (0–10)",
        ]
        assert len(body) == len(DESK.blocks)


def test_section_times_are_the_routines_own() -> None:
    sheet = _sheet.sheet_of(DESK)
    assert [part.seconds for part in sheet.parts] == [
        int(section.duration().total_seconds()) for section in DESK.sections
    ]
    assert sheet.seconds == sum(step.seconds for step in DESK.session_script())
    for part in sheet.parts:
        assert f"{part.title} ({_sheet.minutes(part.seconds)})" in render.text(DESK)


def test_an_exercise_card_lists_its_sources_with_their_addresses() -> None:
    exercise = CATALOG["chin-tuck"]
    page = render.html(exercise)
    for source in exercise.sources:
        assert f'href="{source.url}"' in page
    assert f"Sources: {', '.join(s.key for s in exercise.sources)}" in render.text(exercise)


def test_a_block_renders_its_own_dose() -> None:
    block = ub.Block(exercise=CATALOG["chin-tuck"], dose=ub.Dose(sets=3, reps=5, hold_s=10))
    assert "3 × 5 reps, 10 s hold each" in render.text(block)


@pytest.mark.parametrize("value", [42, "cat-camel", ub.Dose(reps=1), None])
def test_values_without_a_sheet_are_refused(value: object) -> None:
    with pytest.raises(
        ub.InvalidValue,
        match=(
            "must be one of Block, Composition, Exercise, Prescription, Program, Routine,"
            " ScreenReport"
        ),
    ):
        render.text(value)
    with pytest.raises(ub.InvalidValue):
        render.html(value)
    with pytest.raises(ub.InvalidValue):
        render.markdown(value)


def test_markup_in_names_is_escaped() -> None:
    tricky = ub.Exercise(
        id="tricky",
        name="Reach <script>alert(1)</script> & *hold*",
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.SEATED,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Reach [forward] | then `rest` #1"],
        default_dose=ub.Dose(sets=2, hold_s=20),
    )
    page = render.html(tricky)
    assert "<script>" not in page
    assert "Reach <script>alert(1)</script> & *hold*" in page_text(page)
    md = render.markdown(tricky)
    assert "\\*hold\\*" in md
    assert "\\[forward\\] \\| then \\`rest\\` \\#1" in md


# The notice is worded by the renderer, but its numbers are the policy's and its
# sources triage's: a person at the threshold it names gets that advice from triage.
@given(ubst.safety_policies())
@example(ub.DEFAULT_POLICY)
def test_the_safety_notice_agrees_with_triage(policy: ub.SafetyPolicy) -> None:
    lines = _person.notice(policy.pain_ceiling, (), policy)
    days = policy.not_improving_days
    assert f"no better after {days} days" in lines[0].text
    after = ub.triage(
        ub.SymptomReport(days_since_onset=days + 1, trend=ub.Trend.SAME), policy=policy
    )
    assert after.level is ub.AdviceLevel.SEE_PROFESSIONAL
    assert after.reasons[0].sources == lines[0].sources
    assert f"more than {policy.max_symptom_days} days" in lines[1].text
    assert f"more than {policy.max_days_worse_after_exercise} days" in lines[2].text
    assert f"at or below {policy.pain_ceiling}/10" in lines[3].text
    assert lines[-1].text == ub.SUPPORTS_NOT_REPLACES


def test_every_sheet_of_a_routine_ends_with_the_red_flags() -> None:
    out = render.text(DESK)
    for flag in ub.RedFlag:
        assert flag.question in out


@settings(max_examples=25)
@given(ubst.routines(max_blocks=4), st.sampled_from([render.text, render.markdown, render.html]))
def test_any_routine_renders_with_every_block(routine: ub.Routine, fmt: object) -> None:
    assert callable(fmt)
    out = fmt(routine)
    shown = page_text(out) if out.startswith("<!DOCTYPE") else out
    for number, block in enumerate(routine.blocks, start=1):
        assert re.search(rf"\b{number}\. ", shown)
        assert block.dose.describe() in shown


def test_a_composition_says_why_each_exercise_and_what_it_misses() -> None:
    goal = Goal.of(10, benefits=[ub.Benefit.FLEXIBILITY])
    composition = compose(CATALOG, goal, kit=ub.Kit.everyday())
    out = render.text(composition)
    assert "Why these exercises:" in out
    for choice in composition.choices:
        assert choice.reason in out
    for gap in composition.gaps:
        assert f"Not covered, {gap.what}: {gap.reason}" in out
    for block in composition.routine.blocks:
        assert block.exercise.name in out


def test_a_prescription_lists_every_change() -> None:
    profile = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    result = prescribe(
        desk_reset(CATALOG), CATALOG, profile=profile, kit=ub.Kit.everyday(), minutes=12
    )
    assert result.changes
    shown = page_text(render.html(result))
    for change in result.changes:
        assert squash(change.reason) in shown
        assert f"({change.kind.value})" in shown


def test_a_screen_report_renders_the_safe_routine_and_what_was_left_out() -> None:
    report = ub.screen(DESK, ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}))
    out = render.markdown(report)
    for block in report.safe_routine().blocks:
        assert block.exercise.name in out
    for item in report.excluded:
        assert f"Left out {item.block.exercise.name}" in out
