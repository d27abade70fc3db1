"""Sheets and calendars show what screening and triage decided (DOMAIN §3.1, §4.2–4.3, §8).

Every face a person sees (the text, Markdown and HTML sheets of a screened
routine, a composition, a prescription and a program, and the calendar of
a program) must carry each block's cautions beside it, state one pain limit
(the strictest that applies), list the red flags, say what a condition calls
for, and, after a referral, present no session as one to do.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import example, given, reject
from hypothesis import strategies as st

import upperback as ub
from tests.clinical import _checks as c
from tests.clinical._people import (
    BUILT_IN,
    START,
    Pains,
    goals,
    logged_program,
    people,
    routine_ids,
    routine_of,
    week_logs,
)
from tests.clinical._settings import examples
from upperback import render
from upperback.compose import compose
from upperback.progression.engine import dose_text

_FORMATS = {"text": render.text, "markdown": render.markdown, "html": render.html}


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[object, ub.Profile, tuple[ub.Block, ...]]:
    """Something a sheet is printed from, for a person: the value and the blocks it shows."""
    person = draw(people())
    kind = draw(st.sampled_from(["screen", "composition", "prescription"]))
    routine = routine_of(draw(routine_ids(max_blocks=5)), 2)
    try:
        if kind == "screen":
            value: object = ub.screen(routine, person)
            blocks = value.safe_routine().blocks  # type: ignore[attr-defined]
        elif kind == "composition":
            goal = draw(goals(sessions=st.integers(1, 3)))
            value = compose(BUILT_IN, goal, profile=person)
            blocks = value.routine.blocks
        else:
            value = ub.prescribe(routine, BUILT_IN, profile=person)
            blocks = value.routine.blocks
    except (ub.NothingSafe, ub.NothingFits):
        reject()
    return value, person, tuple(blocks)


@examples(30)
@given(_sheets(), st.sampled_from(sorted(_FORMATS)))
def test_sht1_to_4_every_sheet_says_what_screening_decided(
    drawn: tuple[object, ub.Profile, tuple[ub.Block, ...]], fmt: str
) -> None:
    """SHT-1…4 [§3.1 P7, §4.2 R3, §8 C1 C11]: what a sheet for a person must say.

    Every caution screening put on a block, beside it; one pain limit, the
    strictest that applies (≤5/10, ≤3/10 with nerve-related pain) and no
    looser one; every red-flag question; for osteoporosis, that back pain
    goes to a clinician. For a screen report, a composition and a
    prescription, in text, Markdown and HTML.
    """
    value, person, blocks = drawn
    profile = None if isinstance(value, ub.ScreenReport) else person
    sheet = _FORMATS[fmt](value, profile=profile)
    assert c.sheet_violations(sheet, blocks, person) == []


def test_sht1_checker_rejects_a_sheet_without_the_cautions() -> None:
    """SHT-1 [§8]: the checker rejects a sheet that drops a block's caution and the C1 line."""
    person = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY, ub.Condition.OSTEOPOROSIS})
    safe = ub.screen(ub.desk_reset(), person).safe_routine()
    bare = render.text(safe.map_doses(lambda block: block.dose))  # the sheet of no one
    stripped = ub.Routine.of(
        "Bare", main=[ub.Block(exercise=b.exercise, dose=b.dose) for b in safe.blocks]
    )
    found = c.sheet_violations(render.text(stripped), safe.blocks, person)
    assert any("caution" in v for v in found)
    assert any("osteoporosis" in v for v in found)
    assert c.sheet_violations(bare, safe.blocks, person)


def test_sht2_checker_rejects_two_pain_limits() -> None:
    """SHT-2 [§3.1]: the checker rejects a sheet with a 5/10 limit for a person capped at 3/10."""
    person = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    safe = ub.screen(ub.desk_reset(), person).safe_routine()
    sheet = (
        render.text(safe, profile=person)
        + "\nKeep pain at or below 5/10.\nStop above a mild level.\n"
    )
    found = c.sheet_violations(sheet, safe.blocks, person)
    assert any("looser" in v for v in found)
    assert any("mild" in v for v in found)


def test_sht3_checker_rejects_a_sheet_without_the_red_flags() -> None:
    """SHT-3 [§4.2]: the checker rejects a sheet that does not list the red flags."""
    assert any("red flag" in v for v in c.sheet_violations("Keep pain at or below 5/10.", (), None))


_PAINS: Pains = {"pain": (0, 10), "morning": (0, 10), "before": (0, 10)}


@examples(12)
@given(
    person=people(avoid=False),
    ids=routine_ids(max_blocks=3),
    weeks=st.integers(12, 52),
    logged=st.integers(1, 4),
    rnd=st.randoms(use_true_random=False),
    fmt=st.sampled_from(sorted(_FORMATS)),
)
def test_sht5_a_program_sheet_says_what_screening_decided(
    *, person: ub.Profile, ids: list[str], weeks: int, logged: int, rnd: random.Random, fmt: str
) -> None:
    """SHT-5 [§3.1, §4.2, §8]: a 12–52-week program's sheet, logged with pain, keeps to SHT-1…4."""
    routine = routine_of(ids, 2)
    try:
        ub.plan(routine, weeks=1, profile=person, start=START)
    except (ub.NothingSafe, ub.InvalidValue):
        reject()
    program, _ = logged_program(
        routine,
        weeks=weeks,
        logged=logged,
        logs_for=lambda week: week_logs(rnd, week, **_PAINS),
        profile=person,
        catalog=BUILT_IN,
    )
    blocks = {b for week in program.weeks for b in week.routine.blocks}
    sheet = _FORMATS[fmt](program)
    assert c.sheet_violations(sheet, tuple(blocks), person) == []


def _flagged_program(
    ids: list[str], weeks: int, flag_week: int, flag: ub.RedFlag
) -> tuple[ub.Program, dt.date]:
    """A program whose session of week ``flag_week`` reported a red flag: the day it did."""
    routine = routine_of(ids, 3)
    logs: list[ub.SessionLog] = []
    for number in range(1, flag_week + 1):
        week = ub.plan(routine, weeks=number, start=START, logs=logs).weeks[-1]
        flags = (flag,) if number == flag_week else ()
        logs += week_logs(
            random.Random(number),
            week,
            skip_some=False,
            flags=flags,
            pain=(0, 1),
            morning=(0, 1),
            before=(0, 1),
        )
    program = ub.plan(routine, weeks=weeks, start=START, logs=logs)
    flagged = min(log.date for log in logs if log.symptoms is not None)
    return program, flagged


def stopped_sheet_violations(sheet: str, program: ub.Program, since: dt.date) -> list[str]:
    """§4.2–4.3: on a program's text sheet, the weeks after a referral list no exercise to do.

    Each such week says what to do instead (see a professional, or get
    urgent help) rather than listing doses.
    """
    found = []
    chunks = re.split(r"\n(?=Week \d+)", sheet.split("\nHow to do each exercise", maxsplit=1)[0])
    by_number = {
        int(m.group(1)): chunk for chunk in chunks if (m := re.match(r"Week (\d+)", chunk))
    }
    for week in program.weeks:
        first = week.sessions[0].date
        if first is None or first <= since:
            continue
        chunk = by_number.get(week.number, "")
        listed = [
            b.exercise.name
            for b in week.routine.blocks
            if f"{b.exercise.name}: {dose_text(b.dose)}" in chunk
        ]
        if listed:
            found.append(f"week {week.number} after the referral lists {listed} to do")
        if chunk and not re.search(r"professional|urgent|999|111|doctor", chunk, re.IGNORECASE):
            found.append(f"week {week.number} after the referral does not say what to do instead")
    return found


@examples(6)
@example(["chin-tuck"], 12, 1, ub.RedFlag.CHEST_PAIN)
@given(
    routine_ids(max_blocks=3),
    st.integers(12, 30),
    st.integers(1, 4),
    st.sampled_from(sorted(ub.RedFlag)),
)
def test_sht6_a_program_sheet_lists_no_exercise_after_a_referral(
    ids: list[str], weeks: int, flag_week: int, flag: ub.RedFlag
) -> None:
    """SHT-6 [§4.2 R3, §4.3]: after a red flag, the sheet's later weeks hold no exercise to do."""
    program, since = _flagged_program(ids, weeks, flag_week, flag)
    assert stopped_sheet_violations(render.text(program), program, since) == []


def test_sht6_checker_rejects_a_sheet_with_exercises_after_a_referral() -> None:
    """SHT-6 [§4.3]: the checker rejects a sheet listing week 2's doses after a day-1 referral."""
    program = ub.plan(ub.Routine.of("R", main=[BUILT_IN["chin-tuck"]]), weeks=3, start=START)
    assert stopped_sheet_violations(render.text(program), program, START)


def calendar_violations(ics: bytes, program: ub.Program, since: dt.date | None = None) -> list[str]:
    """§4.2–4.3, §8: what a program's calendar events must carry.

    Each event of a session to do carries every block's dose, its exercise's
    cues and the cautions screening put on it. After a referral (``since``),
    an event is cancelled, or says so and lists no dose.
    """
    import icalendar  # noqa: PLC0415 - the extra

    calendar = icalendar.Calendar.from_ical(ics)
    by_day = {
        session.date: week
        for week in program.weeks
        for session in week.sessions
        if session.date is not None
    }
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        day = start.date() if isinstance(start, dt.datetime) else start  # all-day: a date
        week = by_day.get(day)
        if week is None:
            continue
        text = c.readable(str(event.get("description", "")) + " " + str(event.get("summary", "")))
        cancelled = str(event.get("status", "")).upper() == "CANCELLED"
        if since is not None and day > since:
            doses = [b.exercise.name for b in week.routine.blocks if dose_text(b.dose) in text]
            if not cancelled and (
                doses or not re.search(r"professional|urgent|999|111", text, re.IGNORECASE)
            ):
                found.append(f"{day}: the event after the referral of {since} is still a session")
            continue
        for block in week.routine.blocks:
            wanted = [
                dose_text(block.dose),
                *block.exercise.cues,
                *(x.cue for x in block.cautions if x.cue),
            ]
            missing = [w for w in wanted if " ".join(w.split()) not in text]
            if missing:
                found.append(f"{day}: the event for {block.exercise.id} lacks {missing[0]!r}")
    return found


@examples(6)
@example(ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY}), ["chin-tuck"], 12)
@given(people(avoid=False), routine_ids(max_blocks=3), st.integers(12, 20))
def test_sht7_calendar_events_carry_the_dose_the_cues_and_the_cautions(
    person: ub.Profile, ids: list[str], weeks: int
) -> None:
    """SHT-7 [§8]: each calendar event carries every block's dose, cues and cautions."""
    routine = routine_of(ids, 2)
    try:
        program = ub.plan(routine, weeks=weeks, profile=person, start=START)
    except (ub.NothingSafe, ub.InvalidValue):
        reject()
    ics = render.ical(program, tz="Europe/London", time=dt.time(8))
    assert calendar_violations(ics, program) == []


@examples(4)
@example(["chin-tuck"], 12, 1, ub.RedFlag.CHEST_PAIN)
@given(
    routine_ids(max_blocks=2),
    st.integers(12, 20),
    st.integers(1, 3),
    st.sampled_from(sorted(ub.RedFlag)),
)
def test_sht8_the_calendar_cancels_the_sessions_after_a_referral(
    ids: list[str], weeks: int, flag_week: int, flag: ub.RedFlag
) -> None:
    """SHT-8 [§4.2 R3, §4.3]: after a red flag, the later events are cancelled, and say so."""
    program, since = _flagged_program(ids, weeks, flag_week, flag)
    ics = render.ical(program, tz="Europe/London", time=dt.time(8))
    assert [v for v in calendar_violations(ics, program, since) if "referral" in v] == []


def _bare_calendar(program: ub.Program) -> bytes:
    """A handmade calendar: one event a session, its exercises' names and doses only."""
    import icalendar  # noqa: PLC0415 - the extra

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//clinical tests//EN")
    calendar.add("version", "2.0")
    for week in program.weeks:
        for session in week.sessions:
            assert session.date is not None
            event = icalendar.Event()
            event.add("uid", f"w{week.number}-s{session.number}@example.invalid")
            event.add("dtstart", dt.datetime.combine(session.date, dt.time(8)))
            event.add("summary", f"Week {week.number}, session {session.number}")
            event.add(
                "description",
                "\n".join(f"{b.exercise.name}: {dose_text(b.dose)}" for b in week.routine.blocks),
            )
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def test_sht7_checker_rejects_an_event_without_the_cues() -> None:
    """SHT-7, SHT-8: the checker rejects events of a name and a dose only, and after a referral."""
    program = ub.plan(ub.Routine.of("R", main=[BUILT_IN["chin-tuck"]]), weeks=2, start=START)
    ics = _bare_calendar(program)
    assert any("lacks" in v for v in calendar_violations(ics, program))
    assert any("referral" in v for v in calendar_violations(ics, program, START))


_HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "**bold** _it_ `code` [link](https://evil.invalid)",
        "# Heading\n---",
        "&amp; &lt;b&gt;",
    ]
)


def injection_violations(sheet: str, fmt: str) -> list[str]:
    """Issue 17 'Trust boundaries': text from data never becomes markup on a sheet."""
    found = []
    if fmt == "html" and re.search(r"<script|<img src=x", sheet, re.IGNORECASE):
        found.append("markup from data reached the HTML sheet unescaped")
    if fmt == "markdown" and re.search(
        r"(?<!\\)\]\(javascript:|(?<![\\`<])\[link\]\(https://evil", sheet
    ):
        found.append("a link from data reached the Markdown sheet unescaped")
    return found


@examples(20)
@given(_HOSTILE, _HOSTILE, st.sampled_from(["html", "markdown"]))
def test_sht9_text_from_data_never_becomes_markup(name: str, cue: str, fmt: str) -> None:
    """SHT-9 [issue 17 trust boundaries]: names, cues and source URLs from data are escaped."""
    import attrs  # noqa: PLC0415

    base = BUILT_IN["chin-tuck"]
    source = ub.Source(key="X1*", url="https://example.invalid/a)[x](javascript:alert(1)")
    exercise = attrs.evolve(
        base, name=" ".join(name.split())[:100] or "x", cues=(cue,), sources=(source,)
    )
    sheet = _FORMATS[fmt](ub.Routine.of("R", main=[exercise]))
    assert injection_violations(sheet, fmt) == []


def test_sht9_checker_rejects_raw_markup() -> None:
    """SHT-9: the checker rejects a raw script tag in HTML and a javascript: link in Markdown."""
    assert injection_violations("<p><script>alert(1)</script></p>", "html")
    assert injection_violations("[a](javascript:alert(1))", "markdown")
