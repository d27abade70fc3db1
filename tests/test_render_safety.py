"""Sheets show what screening decided: cautions beside cues, one pain limit, each condition's lines.

DOMAIN §3.1 gives the pain limits (5/10 sourced, 0-3/10 for nerve-related pain),
§8 each condition's guidance, §5.4 the ball precautions; the issue's reproductions
are regression tests here.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re

import attrs
import html5lib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback import strategies as ubst
from upperback.compose import Goal, compose, desk_reset, prescribe
from upperback.render import _how_to, _person, _program, _sheet

html_module = importlib.import_module("upperback.render.html")
markdown_module = importlib.import_module("upperback.render.markdown")
text_module = importlib.import_module("upperback.render.text")

CATALOG = ub.default_catalog()
START = dt.date(2027, 1, 4)
NS = "{http://www.w3.org/1999/xhtml}"
FORMATS = [render.text, render.markdown, render.html]
NERVE = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
PREGNANT = ub.Profile(conditions={ub.Condition.PREGNANCY_SECOND_TRIMESTER})
BOTH = ub.Profile(
    conditions={ub.Condition.CERVICAL_RADICULOPATHY, ub.Condition.PREGNANCY_FIRST_TRIMESTER}
)
# Every built-in exercise that a person may do, in one routine (a ball needs a ball).
EVERYTHING = ub.Routine.of("Everything", main=list(CATALOG)[:12], cool_down=list(CATALOG)[12:])
JOINTS = "joints are looser in pregnancy"
ARM = "stop if pain spreads down the arm"


def shown(page: str) -> str:
    """What a reader sees: the text of an HTML page, or the text as it is."""
    if not page.startswith("<!DOCTYPE"):
        return " ".join(page.replace("\\", "").split())
    body = html5lib.parse(page).find(f"{NS}body")
    assert body is not None
    return " ".join(" ".join(body.itertext()).split())


def screened(profile: ub.Profile, routine: ub.Routine = EVERYTHING) -> ub.Routine:
    return ub.screen(routine, profile).safe_routine()


def kinds_for(profile: ub.Profile) -> dict[str, object]:
    """A routine, a screen report, a composition, a prescription and a program, for ``profile``."""
    routine = screened(profile, desk_reset(CATALOG))
    return {
        "routine": routine,
        "report": ub.screen(desk_reset(CATALOG), profile),
        "composition": compose(
            CATALOG,
            Goal.of(15, benefits=[ub.Benefit.FLEXIBILITY, ub.Benefit.STRENGTHEN_BACK]),
            profile=profile,
            kit=ub.Kit.everyday(),
        ),
        "prescription": prescribe(
            desk_reset(CATALOG), CATALOG, profile=profile, kit=ub.Kit.everyday(), minutes=15
        ),
        "program": ub.plan(routine, weeks=3, start=START, profile=profile, catalog=CATALOG),
    }


# --- 1. Cautions beside cues -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["routine", "report", "composition", "prescription", "program"])
@pytest.mark.parametrize("fmt", FORMATS, ids=["text", "markdown", "html"])
def test_every_kind_of_sheet_shows_the_cautions_screening_put_on_blocks(
    kind: str, fmt: object
) -> None:
    """The issue's reproduction: the pregnancy range cue and the nerve-pain cue were never shown."""
    assert callable(fmt)
    value = kinds_for(BOTH)[kind]
    out = shown(fmt(value))
    assert JOINTS in out
    assert ARM in out


def _card_blocks(value: object) -> list[tuple[_sheet.Card, ub.Block]]:
    if isinstance(value, ub.Program):
        weekly = _program.program_sheet(value)
        return list(zip(weekly.cards, [b for b, _ in _how_to.variants(value)], strict=True))
    sheet = _sheet.sheet_of(value)
    routine = value.safe_routine() if isinstance(value, ub.ScreenReport) else value
    assert isinstance(routine, ub.Routine)
    cards = [card for part in sheet.parts for card in part.cards]
    return list(zip(cards, routine.blocks, strict=True))


@settings(max_examples=30, deadline=None)
@given(
    ubst.profiles(kits=st.just(ub.Kit.everyday())),
    st.sampled_from(["routine", "program"]),
)
@example(BOTH, "routine")
@example(ub.Profile(conditions={ub.Condition.HYPERMOBILITY}), "program")
def test_each_caution_is_on_its_card_or_said_once_for_every_exercise(
    profile: ub.Profile, kind: str
) -> None:
    try:
        routine = screened(profile)
    except ub.NothingSafe:
        return
    value: object = routine
    if kind == "program":
        value = ub.plan(routine, weeks=2, profile=profile, catalog=CATALOG)
    sheet = (
        _program.program_sheet(value) if isinstance(value, ub.Program) else _sheet.sheet_of(value)
    )
    shared = {line.text for line in sheet.for_you if line.text.startswith("Every exercise: ")}
    pairs = _card_blocks(value)
    for card, block in pairs:
        on_card = {line.text for line in card.cautions}
        for caution in block.cautions:
            for line in _person.caution_lines(caution, profile):
                assert line.text in on_card or f"Every exercise: {line.text}" in shared
                # said once: never both on the card and for every exercise
                assert not (line.text in on_card and f"Every exercise: {line.text}" in shared)
    for text in shared:
        # a caution said for every exercise is on every block
        assert all(
            any(
                f"Every exercise: {line.text}" == text
                for caution in block.cautions
                for line in _person.caution_lines(caution, profile)
            )
            for _, block in pairs
        )


def test_a_hold_cap_is_shown_beside_the_cues_with_its_rules_sources() -> None:
    profile = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    block = ub.screen(CATALOG["doorway-pec-stretch"], profile).safe_block
    assert block is not None
    assert block.max_hold_s == 30
    sheet = _sheet.sheet_of(block, profile)
    (card,) = sheet.cards
    rule = next(r for r in ub.RULES if r.id == "hypermobility-stretch-cap")
    assert _person.Cited(text="Hold each stretch for 30 s at most.", sources=rule.sources) in (
        card.cautions
    )


@pytest.mark.parametrize(
    ("module", "card_of"),
    [
        (text_module, lambda card: "\n".join(text_module._card(card, ""))),
        (
            markdown_module,
            lambda card: "\n".join(markdown_module._card(card, "##", remote_media=False)),
        ),
        (html_module, html_module._card),
    ],
    ids=["text", "markdown", "html"],
)
def test_cautions_come_right_after_the_cues_in_every_format(
    module: object, card_of: object
) -> None:
    assert callable(card_of)
    block = ub.screen(CATALOG["doorway-pec-stretch"], BOTH).safe_block
    assert block is not None
    card = _sheet.card(1, block, profile=BOTH)
    assert card.cautions
    out: str = card_of(card)
    plain = out.replace("\\", "")
    last_cue = max(plain.index(cue.replace("*", "")) for cue in card.cues)
    for caution in card.cautions:
        at = plain.index(caution.text)
        assert at > last_cue
        # before anything that is not the care list: the note, the pictures, the sources
        assert "Sources:" not in plain[last_cue:at]


def test_a_caution_on_every_exercise_is_said_once() -> None:
    sheet = _sheet.sheet_of(ub.screen(desk_reset(CATALOG), NERVE))
    nerve = next(r for r in ub.RULES if r.id == "radiculopathy-pain-ceiling")
    assert nerve.modification is not None
    cue = nerve.modification.cue
    assert cue is not None
    out = render.text(ub.screen(desk_reset(CATALOG), NERVE))
    assert out.count(cue) == 1
    assert f"Every exercise: {cue}" in [line.text for line in sheet.for_you]
    # a lone card says it beside its cues
    block = ub.screen(CATALOG["chin-tuck"], NERVE).safe_block
    assert block is not None
    (card,) = _sheet.sheet_of(block, NERVE).cards
    assert cue in [line.text for line in card.cautions]


def test_two_rules_giving_the_same_cue_show_it_once_citing_both() -> None:
    block = ub.screen(CATALOG["doorway-pec-stretch"], PREGNANT).safe_block
    assert block is not None
    ids = [caution.rule for caution in block.cautions]
    assert {"pregnancy-stretch-range", "pregnancy-end-range"} <= set(ids)
    (card,) = _sheet.sheet_of(block, PREGNANT).cards
    texts = [line.text for line in card.cautions]
    assert len(texts) == len(set(texts))
    (range_line,) = [line for line in card.cautions if JOINTS in line.text]
    for rule in ub.RULES:
        if rule.id in ids and rule.modification and rule.modification.cue == range_line.text:
            assert set(rule.sources) <= set(range_line.sources)


# --- 2. One pain limit per person ---------------------------------------------------------

LIMIT = re.compile(r"(\d+)\s*/\s*10")


def _limits_said(sheet: _sheet.Sheet | _program.ProgramSheet) -> set[int]:
    """Every N/10 a sheet states, outside the reasons that explain a change (they cite numbers)."""
    if isinstance(sheet, _program.ProgramSheet):
        quiet = attrs.evolve(sheet, weeks=())
        out = text_module.render_program(quiet)
    else:
        out = text_module.render_sheet(attrs.evolve(sheet, changes=()))
    return {int(n) for n in LIMIT.findall(out)}


@settings(max_examples=40, deadline=None)
@given(ubst.profiles(kits=st.just(ub.Kit.everyday())), st.booleans())
@example(profile=BOTH, program=True)
@example(profile=ub.Profile(conditions={ub.Condition.ACUTE_INJURY}), program=False)
@example(profile=ub.Profile(), program=False)
def test_a_sheet_states_one_pain_limit_the_strictest_that_applies(
    profile: ub.Profile, program: bool
) -> None:
    try:
        routine = screened(profile)
    except ub.NothingSafe:
        return
    expected = ub.pain_ceiling(profile)
    if program:
        sheet: _sheet.Sheet | _program.ProgramSheet = _program.program_sheet(
            ub.plan(routine, weeks=2, profile=profile, catalog=CATALOG)
        )
    else:
        sheet = _sheet.sheet_of(ub.screen(EVERYTHING, profile))
    assert sheet.pain_limit == expected
    assert _limits_said(sheet) == {expected}
    pain_lines = [line for line in sheet.notice if "/10" in line.text]
    assert len(pain_lines) == 1
    assert f"at or below {expected}/10" in pain_lines[0].text


def test_the_notice_said_5_on_a_sheet_capped_at_3() -> None:
    """The issue's reproduction: 'mild', 3/10 and 5/10 on one page."""
    for fmt in FORMATS:
        out = shown(fmt(ub.screen(desk_reset(CATALOG), NERVE)))
        assert "at or below 3/10" in out
        assert "at or below 5/10" not in out
        assert "mild level" not in out
        assert "stop short of pain above" not in out


@given(st.sampled_from(ub.RULES))
def test_every_rule_that_caps_pain_caps_it_at_the_persons_ceiling(rule: ub.Rule) -> None:
    """Screening's caps and triage's ceiling are one limit: a sheet never has to pick one."""
    if rule.modification is None or rule.modification.max_pain is None:
        return
    for condition in rule.conditions:
        assert rule.modification.max_pain == ub.pain_ceiling(ub.Profile(conditions={condition}))


def test_a_caution_cap_lowers_the_limit_of_a_routine_rendered_without_its_profile() -> None:
    routine = screened(NERVE, desk_reset(CATALOG))
    sheet = _sheet.sheet_of(routine)
    assert sheet.pain_limit == 3
    (pain,) = [line for line in sheet.notice if "/10" in line.text]
    nerve = next(r for r in ub.RULES if r.id == "radiculopathy-pain-ceiling")
    assert set(nerve.sources) <= set(pain.sources)


def test_a_lower_ceiling_on_one_block_is_said_for_that_exercise_only() -> None:
    chin = CATALOG["chin-tuck"]
    lower = ub.Block(exercise=chin, dose=attrs.evolve(chin.default_dose, max_pain=2))
    higher = ub.Block(
        exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=2, reps=10, max_pain=7)
    )
    routine = ub.Routine.of("Two", main=[lower, higher])
    out = render.text(routine)
    assert "in this exercise, keep pain at or below 2/10" in out
    assert "7/10" not in out  # looser than the person's limit: the limit governs
    assert "at or below 5/10 during and after" in out


def test_precautions_that_restate_the_pain_rule_leave_the_cards() -> None:
    exercise = CATALOG["band-pull-apart"]
    restated = set(exercise.precautions) & _sheet.PAIN_RULE_PRECAUTIONS
    assert restated
    (card,) = _sheet.sheet_of(exercise).cards
    assert not restated & set(card.precautions)
    assert set(card.precautions) == set(exercise.precautions) - restated


# Precautions of the built-in catalog that speak of pain without being a pain limit.
TECHNIQUE = {
    "Stretch to mild tightness, never pain, and do not bounce.",
    "Rolling should feel like firm pressure, never sharp pain.",
    "Stop and get advice if it sends pain, tingling or numbness down the arm, or makes you dizzy.",
}


def test_every_built_in_precaution_about_pain_is_either_a_limit_or_technique() -> None:
    """A reworded precaution fails here, so the one pain limit cannot silently gain a second."""
    about_pain = {
        precaution
        for exercise in CATALOG
        for precaution in exercise.precautions
        if "pain" in precaution.lower()
    }
    assert about_pain == set(_sheet.PAIN_RULE_PRECAUTIONS) | TECHNIQUE


# --- 3. The lines DOMAIN §8 requires ---------------------------------------------------------


def test_every_condition_has_guidance_with_sources_the_library_knows() -> None:
    for condition in ub.Condition:
        lines = ub.condition_guidance({condition})
        assert lines, condition
        for line in lines:
            assert line.sources
            for key in line.sources:
                assert ub.reference(key).urls


def test_an_osteoporosis_program_says_back_pain_goes_to_a_clinician() -> None:
    """The issue's reproduction [C1]: a program sheet for osteoporosis never said it."""
    profile = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    routine = screened(profile, desk_reset(CATALOG))
    program = ub.plan(routine, weeks=4, start=START, profile=profile, catalog=CATALOG)
    for fmt in FORMATS:
        out = shown(fmt(program))
        assert "Back pain with osteoporosis should be checked by a clinician" in out
        assert "[C1]" in out or "C1" in out


@settings(max_examples=25, deadline=None)
@given(
    ubst.profiles(kits=st.just(ub.Kit.everyday())),
    st.sampled_from(["routine", "report", "composition", "prescription", "program"]),
    st.sampled_from(FORMATS),
)
def test_each_condition_of_the_profile_gets_its_lines_on_every_kind_of_sheet(
    profile: ub.Profile, kind: str, fmt: object
) -> None:
    assert callable(fmt)
    try:
        value = kinds_for(profile)[kind]
    except ub.NothingSafe:
        return
    out = shown(fmt(value, profile=profile))
    for line in ub.condition_guidance(profile.conditions):
        assert " ".join(line.text.split()) in out


def test_guidance_is_for_the_persons_conditions_only() -> None:
    lines = ub.condition_guidance({ub.Condition.OSTEOPOROSIS})
    assert all(ub.Condition.OSTEOPOROSIS in line.conditions for line in lines)
    assert ub.condition_guidance(()) == ()
    assert len(ub.condition_guidance(ub.Condition)) == len(ub.CONDITION_GUIDANCE)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"conditions": set(), "text": "x", "sources": ["C1"]}, "conditions"),
        ({"conditions": ["osteoporosis"], "text": "x", "sources": ["C1"]}, "conditions"),
        ({"conditions": {ub.Condition.OSTEOPOROSIS}, "text": "", "sources": ["C1"]}, "text"),
        ({"conditions": {ub.Condition.OSTEOPOROSIS}, "text": "x", "sources": []}, "sources"),
        ({"conditions": {ub.Condition.OSTEOPOROSIS}, "text": "x", "sources": 3}, "sources"),
    ],
)
def test_bad_guidance_is_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.ConditionGuidance(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_guidance_for_something_that_is_not_a_condition_is_refused() -> None:
    with pytest.raises(ub.InvalidValue, match="conditions"):
        ub.condition_guidance(["osteoporosis"])  # type: ignore[list-item]


def test_a_clearance_is_shown_with_who_cleared_it() -> None:
    profile = ub.Profile(
        conditions={ub.Condition.RECENT_SURGERY},
        cleared_rules={"recent-surgery-clearance"},
        clearance_note="Cleared by Dr Ames, 3 March 2027.",
    )
    out = render.text(desk_reset(CATALOG), profile=profile)
    assert "Cleared by your clinician (recent-surgery-clearance): Cleared by Dr Ames" in out
    assert "After recent surgery, talk with your surgeon or doctor before exercising." in out


def referred_program() -> ub.Program:
    routine = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
    flagged = ub.SessionLog(
        date=START,
        routine_id=routine.id,
        outcomes=[ub.Outcome.as_prescribed(routine.blocks[0], at=(0, 0))],
        pain_before=1,
        symptoms=ub.SymptomReport(days_since_onset=40, trend=ub.Trend.SAME),
    )
    return ub.plan(routine, weeks=3, start=START, logs=[flagged], catalog=CATALOG)


@pytest.mark.parametrize("fmt", FORMATS, ids=["text", "markdown", "html"])
def test_a_referred_program_says_so_first(fmt: object) -> None:
    assert callable(fmt)
    program = referred_program()
    number, first = program.referrals[0]
    sheet = _program.program_sheet(program)
    line = sheet.for_you[0]
    assert line.text.startswith(f"From week {number}, progression stopped to refer you")
    assert f"week {number} says what to do instead, and why" in line.text
    out = shown(fmt(program))
    assert out.index("progression stopped to refer you") < out.index("Week 1")
    # What to do instead is said once, in the week, not again at the top.
    assert out.count(first.advice.message.split(",")[0]) == 1


def test_a_program_with_no_referral_has_no_referral_line() -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
    assert _how_to.referral(ub.plan(routine, weeks=2)) == ()


# --- A sheet for a person shows only what screening decided for them -----------------------


@pytest.mark.parametrize("fmt", FORMATS, ids=["text", "markdown", "html"])
def test_an_unscreened_routine_is_refused_for_a_person(fmt: object) -> None:
    assert callable(fmt)
    profile = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    with pytest.raises(
        ub.InvalidValue, match=r"osteoporosis-flexion-rotation leave it out.*got 'cat-camel'"
    ) as info:
        fmt(desk_reset(CATALOG), profile=profile)
    assert info.value.field.startswith("blocks[")
    with pytest.raises(ub.InvalidValue, match="change it"):
        fmt(CATALOG["doorway-pec-stretch"], profile=PREGNANT)
    fmt(screened(profile, desk_reset(CATALOG)), profile=profile)  # screened: fine


@pytest.mark.parametrize("fmt", FORMATS, ids=["text", "markdown", "html"])
def test_a_report_or_program_is_for_its_own_person(fmt: object) -> None:
    assert callable(fmt)
    report = ub.screen(desk_reset(CATALOG), NERVE)
    program = ub.plan(screened(NERVE, desk_reset(CATALOG)), weeks=1, profile=NERVE)
    for value in (report, program):
        assert fmt(value, profile=NERVE) == fmt(value)
        with pytest.raises(ub.InvalidValue, match="must be the profile") as info:
            fmt(value, profile=PREGNANT)
        assert info.value.field == "profile"


@pytest.mark.parametrize("bad", ["osteoporosis", 3, {"conditions": []}])
def test_a_profile_that_is_not_one_is_refused(bad: object) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        render.text(CATALOG["chin-tuck"], profile=bad)  # type: ignore[arg-type]
    assert info.value.field == "profile"


@pytest.mark.parametrize("kind", ["report", "composition", "prescription"])
def test_the_log_sheet_has_a_table_per_session_of_the_routine_behind_any_value(kind: str) -> None:
    value = kinds_for(NERVE)[kind]
    routine = value.safe_routine() if isinstance(value, ub.ScreenReport) else value.routine  # type: ignore[attr-defined]
    tree = html5lib.parse(render.html(value))
    (log,) = [s for s in tree.iter(f"{NS}section") if s.get("class") == "log"]
    assert len(log.findall(f".//{NS}table")) == routine.sessions_per_week
