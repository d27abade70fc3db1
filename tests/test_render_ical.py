"""Calendars that update and show what screening decided (issues 17 and 19).

Every file is read back by two independent iCalendar readers, ``icalendar``
(which writes it) and ``vobject``, and the two must agree. The clinical
facts come from DOMAIN: the pain limit is 5/10 during and after exercise
(§3.1 [P7][P11*]) and 3/10 with cervical radiculopathy (§8); a red flag
refers at once, and a referral stops exercise until a clinician clears it
(§4.1, §4.2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import icalendar
import pytest
import vobject
from hypothesis import example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback.progression import addresses
from upperback.progression.engine import dose_text
from upperback.render._calendar import event_text
from upperback.render._person import pain_limit
from upperback.render._sheet import PAIN_RULE_PRECAUTIONS, plain
from upperback.render.ical import MAX_SEQUENCE, UID_DOMAIN

CATALOG = ub.default_catalog()
START = dt.date(2027, 1, 4)  # a Monday
ROUTINE = ub.Routine.of(
    "Desk reset",
    warm_up=[CATALOG["cat-camel"]],
    main=[CATALOG["band-pull-apart"], CATALOG["chin-tuck"]],
    cool_down=[CATALOG["doorway-pec-stretch"]],
)
PROGRAM = ub.plan(ROUTINE, weeks=4, start=START, catalog=CATALOG)
STAMP = dt.datetime(2027, 1, 3, 18, 30, tzinfo=dt.UTC)
CHEST = ub.CheckIn(
    date=START + dt.timedelta(days=9),  # the Wednesday of week 2
    report=ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    ),
)
NAMESPACES = st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)


def calendar(program: ub.Program = PROGRAM, **kw: Any) -> bytes:
    return render.ical(program, tz=kw.pop("tz", "Europe/London"), time=dt.time(7, 30), **kw)


@attrs.frozen
class Seen:
    """One event as a reader decoded it."""

    uid: str
    sequence: int
    status: str
    summary: str
    description: str
    start: dt.datetime | dt.date
    alarms: tuple[dt.timedelta, ...]
    stamp: dt.datetime

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def by_icalendar(data: bytes) -> list[Seen]:
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return [
        Seen(
            uid=str(event["uid"]),
            sequence=int(event.decoded("sequence")),
            status=str(event["status"]),
            summary=str(event["summary"]),
            description=str(event["description"]),
            start=event.decoded("dtstart"),
            alarms=tuple(alarm.decoded("trigger") for alarm in event.walk("VALARM")),
            stamp=event.decoded("dtstamp"),
        )
        for event in events
    ]


def by_vobject(data: bytes) -> list[Seen]:
    found = vobject.readOne(data.decode("utf-8"))
    return [
        Seen(
            uid=event.uid.value,
            sequence=int(event.sequence.value),
            status=event.status.value,
            summary=event.summary.value,
            description=event.description.value,
            start=event.dtstart.value,
            alarms=tuple(alarm.trigger.value for alarm in event.contents.get("valarm", [])),
            stamp=event.dtstamp.value,
        )
        for event in found.vevent_list
    ]


def read(data: bytes) -> list[Seen]:
    """The events, as both readers agree they are."""
    first, second = by_icalendar(data), by_vobject(data)
    assert first == second
    return first


def sessions(data: bytes) -> list[Seen]:
    return [event for event in read(data) if not event.all_day]


def referred(**kw: Any) -> ub.Program:
    return ub.plan(ROUTINE, weeks=4, start=START, catalog=CATALOG, check_ins=[CHEST], **kw)


# -- the file: two readers, folding, escaping --------------------------------------


def test_both_readers_read_every_event_alike() -> None:
    data = calendar(referred(), uid_namespace="p-1", stamp=STAMP, reminder=dt.timedelta(minutes=10))
    events = read(data)
    assert len([e for e in events if not e.all_day]) == 4 * ROUTINE.sessions_per_week
    assert {e.status for e in events} == {"CONFIRMED", "CANCELLED"}


def test_every_line_is_folded_to_75_octets() -> None:
    data = calendar(referred(), uid_namespace="x" * 64, stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # there were lines to fold
    assert b"\n" not in data.replace(b"\r\n", b"")


HOSTILE = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [",", ";", ":", "\\", "\\n", "\\N", "\n", "\r", "\r\n", "\t", "\x00", "\x1b"]
        ),
        st.sampled_from(["\ud800", "×", "é", "\u2028", "\U0001f600"]),
    ),
    min_size=1,
    max_size=60,
).map(lambda pieces: f"a{''.join(pieces)}z")  # no leading or trailing space, as text fields need


@settings(max_examples=60, deadline=None)
@given(title=HOSTILE, name=HOSTILE, cue=HOSTILE, note=HOSTILE, by=HOSTILE)
@example(
    title="Reset, stretch; go",
    name="Cat\\ncamel",
    cue="Cancelled (referral: urgent):\nno exercise",
    note="C:\\Notes\\N",
    by="Dr A; B, C",
)
def test_text_from_data_reads_back_exactly_and_forges_no_line(
    title: str, name: str, cue: str, note: str, by: str
) -> None:
    exercise = attrs.evolve(CATALOG["chin-tuck"], name=name, cues=(cue,))
    routine = ub.Routine.of(title, id="hostile", main=[ub.Block(exercise=exercise, notes=note)])
    clearance = ub.Clearance(
        by=by, date=START + dt.timedelta(days=15), findings={ub.AdviceCode.RED_FLAG}
    )
    program = ub.plan(routine, weeks=3, start=START, check_ins=[CHEST], clearances=[clearance])
    data = render.ical(program, tz="UTC", time=dt.time(9), uid_namespace="p-1")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    events = read(data)
    assert all(event_text(title) in event.summary for event in events)
    resumed = [e for e in events if e.status == "CONFIRMED" and "Cleared by" in e.description]
    assert resumed  # the week of the clearance
    for event in events:
        if event.status == "CANCELLED" or event.all_day:
            continue
        lines = event.description.split("\n")
        assert any(line.startswith(f"1. {event_text(name)}: ") for line in lines)
        assert f"   - {event_text(cue)}" in lines
        assert f"   Note: {event_text(note)}" in lines
        assert not any(line.startswith(("Cancelled", "no exercise")) for line in lines)
    assert resumed[0].description.startswith(f"{event_text(title)}: week 3, session ")
    assert f".\nCleared by {event_text(by)} on 2027-01-19: red_flag." in resumed[0].description


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("two\nlines", "two lines"),
        ("  spaced \t out  ", "spaced out"),
        ("bell\x07", "bell\ufffd"),
        ("lone \ud800 half", "lone \ufffd half"),
        ("C:\\new", "C:\u29f5new"),
    ],
)
def test_event_text_is_one_printable_line_without_a_backslash(text: str, shown: str) -> None:
    assert event_text(text) == shown
    assert plain("a\x1bb") == "a\ufffdb"


# -- UIDs: a namespace, stable across re-plans, never shared ---------------------


def test_uids_are_the_namespace_the_routine_the_week_and_the_session() -> None:
    uids = [event.uid for event in sessions(calendar(uid_namespace="p-1042"))]
    expected = [
        f"p-1042.{ROUTINE.id}.w{week.number}-s{session.number}@{UID_DOMAIN}"
        for week in PROGRAM.weeks
        for session in week.sessions
    ]
    assert uids == expected


def test_without_a_namespace_the_uids_are_those_of_0_1() -> None:
    # An app that imported a 0.1 calendar keeps updating its events.
    uids = [event.uid for event in read(calendar())]
    assert uids[0] == f"{ROUTINE.id}-{START.isoformat()}-w1-s1@{UID_DOMAIN}"
    assert len(set(uids)) == len(uids)


def test_two_people_with_the_same_routine_and_start_no_longer_collide() -> None:
    # Issue 19: the UID was the routine's id and the date, the same for both.
    alice, bob = referred(), PROGRAM
    assert {e.uid for e in read(calendar(alice))} & {e.uid for e in read(calendar(bob))}
    first = {e.uid for e in read(calendar(alice, uid_namespace="alice-7"))}
    second = {e.uid for e in read(calendar(bob, uid_namespace="bob-8"))}
    assert not first & second


@settings(max_examples=40, deadline=None)
@given(NAMESPACES, NAMESPACES)
@example("a-b", "a")  # a hyphen is part of a namespace, never a separator
@example("a", "a_")
def test_no_two_namespaces_share_a_uid(one: str, other: str) -> None:
    first = {e.uid for e in by_icalendar(calendar(uid_namespace=one))}
    second = {e.uid for e in by_icalendar(calendar(uid_namespace=other))}
    assert len(first) == len(PROGRAM.weeks) * ROUTINE.sessions_per_week
    if one != other:
        assert not first & second
    else:
        assert first == second


def test_a_person_with_two_programs_gets_two_sets_of_uids() -> None:
    other = ub.plan(ub.Routine.of("Evening", main=[CATALOG["chin-tuck"]]), weeks=4, start=START)
    one = {e.uid for e in read(calendar(uid_namespace="p-1"))}
    two = {e.uid for e in read(calendar(other, uid_namespace="p-1"))}
    assert not one & two


def test_a_re_plan_keeps_the_uid_of_every_session_and_moves_it_with_the_start() -> None:
    block = ROUTINE.blocks[1]
    log = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        outcomes=[ub.Outcome.as_prescribed(block, at=(1, 0), pain_during=6)],
        pain_before=0,
    )
    replanned = ub.plan(ROUTINE, weeks=4, start=START, catalog=CATALOG, logs=[log])
    before = sessions(calendar(uid_namespace="p-1"))
    after = sessions(calendar(replanned, uid_namespace="p-1"))
    assert [e.uid for e in after] == [e.uid for e in before]
    assert [e.description for e in after] != [e.description for e in before]
    moved = sessions(calendar(replanned, uid_namespace="p-1", start=dt.date(2027, 2, 1)))
    assert [e.uid for e in moved] == [e.uid for e in before]
    assert {m.start - a.start for m, a in zip(moved, after, strict=True)} == {dt.timedelta(28)}


@settings(max_examples=15, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_the_same_session_has_the_same_uid_in_every_export(
    weeks: int, more: int, moved: dt.date
) -> None:
    # A re-plan may add weeks or move the start; a session's UID never changes.
    short = ub.plan(ROUTINE, weeks=weeks, start=START, catalog=CATALOG)
    long = ub.plan(ROUTINE, weeks=weeks + more, start=START, catalog=CATALOG)
    first = [e.uid for e in by_icalendar(calendar(short, uid_namespace="p-1"))]
    later = [e.uid for e in by_icalendar(calendar(long, uid_namespace="p-1", start=moved))]
    assert later[: len(first)] == first
    assert len(set(later)) == len(later)


@pytest.mark.parametrize(
    "value",
    ["", "a.b", "p@example.org", "Ada Lovelace", "x" * 65, "é", 42, b"p-1"],
)
def test_a_namespace_that_is_not_an_opaque_id_is_refused(value: object) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        calendar(uid_namespace=value)
    assert info.value.field == "uid_namespace"
    assert "never a name or an e-mail address" in str(info.value)


# -- SEQUENCE and DTSTAMP from the app ---------------------------------------------


def test_without_a_stamp_the_export_is_the_same_bytes_with_sequence_0() -> None:
    assert calendar() == calendar()
    events = read(calendar())
    assert {e.sequence for e in events} == {0}
    assert {e.stamp for e in events} == {dt.datetime(2027, 1, 4, tzinfo=dt.UTC)}
    assert b"LAST-MODIFIED" not in calendar()


@settings(max_examples=30, deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(2020, 1, 1),  # noqa: DTZ001 - the bounds are naive in Hypothesis
        max_value=dt.datetime(2080, 1, 1),  # noqa: DTZ001
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))]),
    ),
    st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=400)),
)
@example(dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.timedelta(seconds=1))  # the epoch: 0, then 1
def test_a_later_stamp_always_gives_a_higher_sequence(
    stamp: dt.datetime, later: dt.timedelta
) -> None:
    first, second = by_icalendar(calendar(stamp=stamp)), by_icalendar(calendar(stamp=stamp + later))
    assert {e.stamp for e in first} == {stamp.astimezone(dt.UTC).replace(microsecond=0)}
    (one,) = {e.sequence for e in first}
    (two,) = {e.sequence for e in second}
    assert 0 <= one < two <= MAX_SEQUENCE


def test_a_sequence_the_app_keeps_is_written_as_given() -> None:
    events = read(calendar(sequence=7, stamp=STAMP))
    assert {e.sequence for e in events} == {7}
    assert {e.stamp for e in events} == {STAMP}
    # A stamp from before the sequence's epoch is fine when the app gives the sequence.
    old = dt.datetime(2019, 6, 1, tzinfo=dt.UTC)
    assert {e.sequence for e in read(calendar(sequence=3, stamp=old))} == {3}


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"sequence": -1}, "sequence"),
        ({"sequence": MAX_SEQUENCE + 1}, "sequence"),
        ({"sequence": True}, "sequence"),
        ({"sequence": 2.0}, "sequence"),
        ({"sequence": "3"}, "sequence"),
        ({"stamp": dt.datetime(2027, 1, 3, 18, 30)}, "stamp"),  # noqa: DTZ001 - the point
        ({"stamp": dt.date(2027, 1, 3)}, "stamp"),
        ({"stamp": "2027-01-03T18:30Z"}, "stamp"),
        ({"stamp": dt.datetime(2019, 12, 31, 23, 59, tzinfo=dt.UTC)}, "stamp"),
        ({"stamp": dt.datetime(2090, 1, 1, tzinfo=dt.UTC)}, "stamp"),
        ({"reminder": dt.timedelta(minutes=-5)}, "reminder"),
        ({"reminder": dt.timedelta(days=7, minutes=1)}, "reminder"),
        ({"reminder": dt.timedelta(seconds=90)}, "reminder"),
        ({"reminder": 15}, "reminder"),
        ({"tz": 42}, "tz"),
        ({"tz": ""}, "tz"),
    ],
)
def test_bad_update_arguments_are_refused_by_name(kw: dict[str, Any], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        calendar(**kw)
    assert info.value.field == field


def test_a_cancellation_outranks_the_export_it_updates() -> None:
    # Issue 17 and 19: the re-export after a referral must win over the events
    # a calendar program already holds: same UIDs, a higher sequence.
    before = {e.uid: e for e in read(calendar(uid_namespace="p-1", stamp=STAMP))}
    later = STAMP + dt.timedelta(days=10)
    after = read(calendar(referred(), uid_namespace="p-1", stamp=later))
    cancelled = [e for e in after if e.status == "CANCELLED"]
    assert cancelled
    for event in cancelled:
        assert event.uid in before
        assert event.sequence > before[event.uid].sequence
        assert before[event.uid].status == "CONFIRMED"


# -- reminders ---------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [0, 15, 90, 7 * 24 * 60])
def test_a_reminder_is_on_every_session_to_do_and_nowhere_else(minutes: int) -> None:
    events = read(calendar(referred(), reminder=dt.timedelta(minutes=minutes)))
    for event in events:
        if event.status == "CONFIRMED" and not event.all_day:
            assert event.alarms == (-dt.timedelta(minutes=minutes),)
        else:
            assert event.alarms == ()
    assert b"ACTION:DISPLAY" in calendar(reminder=dt.timedelta(minutes=minutes))


def test_no_reminder_unless_asked() -> None:
    assert all(event.alarms == () for event in read(calendar()))
    assert b"VALARM" not in calendar()


# -- what screening decided: dose, cues, cautions, the pain limit -------------------


def test_every_session_says_each_dose_cue_and_precaution() -> None:
    weeks = [week for week in PROGRAM.weeks for _ in week.sessions]
    for event, week in zip(read(calendar()), weeks, strict=True):
        lines = event.description.split("\n")
        for _, block in addresses(week.routine):
            assert any(f"{block.exercise.name}: {dose_text(block.dose)}" in line for line in lines)
            for cue in block.exercise.cues:
                assert f"   - {cue}" in lines
            # The pain precaution is the one pain limit, said once at the top.
            for precaution in set(block.exercise.precautions) - PAIN_RULE_PRECAUTIONS:
                assert f"   Precaution: {precaution}" in lines


def test_the_pain_limit_is_5_by_default_and_3_with_nerve_pain() -> None:
    # DOMAIN §3.1: at most 5/10 during and after; §8: 0–3/10 with cervical radiculopathy.
    default = read(calendar())
    assert all("keep pain at or below 5/10 during and after" in e.description for e in default)
    nerve = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    program = ub.plan(ROUTINE, weeks=2, start=START, catalog=CATALOG, profile=nerve)
    events = read(calendar(program))
    for event in events:
        assert "Your pain limit: keep pain at or below 3/10 during and after" in event.description
        assert "5/10" not in event.description
        assert event.description.count("Your pain limit") == 1
        # The rule's caution, beside each block's cues (issue 17: it was never shown).
        assert event.description.count("   Caution: Keep pain at 3/10 or less during") == len(
            program.weeks[0].routine.blocks
        )


def test_the_pain_limit_is_the_strictest_cap_a_caution_puts_on_any_block() -> None:
    capped = ub.Caution(rule="acute-injury-pain-ceiling", max_pain=2, cue="Go gently.")
    block = ROUTINE.blocks[0].with_cautions([capped])
    assert pain_limit(None, [block, *ROUTINE.blocks[1:]]) == 2
    assert pain_limit(None, ROUTINE.blocks) == 5
    profile = ub.Profile(conditions={ub.Condition.ACUTE_INJURY})
    assert pain_limit(profile, ROUTINE.blocks) == 3


def test_a_pregnant_persons_events_carry_screenings_caution() -> None:
    # Issue 17 quotes it: "joints are looser in pregnancy…" was on no sheet or calendar.
    profile = ub.Profile(conditions={ub.trimester(20)})
    stretches = ub.Routine.of("Stretch", main=[CATALOG["doorway-pec-stretch"]])
    program = ub.plan(stretches, weeks=1, start=START, catalog=CATALOG, profile=profile)
    (block,) = program.weeks[0].routine.blocks
    assert block.cues
    for event in read(calendar(program)):
        for cue in block.cues:
            assert f"   Caution: {cue}" in event.description.split("\n")
        assert "joints are looser in pregnancy" in event.description


def test_a_week_of_advice_and_a_deload_say_so() -> None:
    rules = ub.RuleSet(default=ub.Chain(rules=(ub.Deload(every_weeks=2, percent=50), ub.Hold())))
    program = ub.plan(ROUTINE, weeks=2, start=START, catalog=CATALOG, rules=rules)
    assert program.weeks[1].deload
    week_2 = [e for e in read(calendar(program)) if "week 2" in e.summary]
    assert all("week 2 (deload)" in e.summary and "(deload)" in e.description for e in week_2)
    block = ROUTINE.blocks[1]
    sore = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        outcomes=[ub.Outcome.as_prescribed(block, at=(1, 0), pain_during=6)],
        pain_before=0,
    )
    careful = ub.plan(ROUTINE, weeks=2, start=START, catalog=CATALOG, logs=[sore])
    advice = careful.weeks[1].advice
    assert advice is not None
    assert advice.level is ub.AdviceLevel.CONTINUE_WITH_CARE
    line = f"Advice in force (continue with care): {advice.reasons[0].text}"
    assert all(line in e.description for e in read(calendar(careful)) if "week 2" in e.summary)


# -- a referral cancels, a clearance resumes ---------------------------------------


def test_after_a_red_flag_every_later_session_is_cancelled_and_says_why() -> None:
    # Issue 17: "render.ical keeps every event with no warning at all".
    program = referred()
    events = read(calendar(program, uid_namespace="p-1", reminder=dt.timedelta(minutes=5)))
    timed = [e for e in events if not e.all_day]
    flags = [s.referred for week in program.weeks for s in week.sessions]
    assert [e.status == "CANCELLED" for e in timed] == flags
    assert flags == [False] * 4 + [True] * 8
    referral = program.referral
    assert referral is not None
    for event in timed[4:]:
        assert event.summary.startswith("Cancelled (referral: emergency): Desk reset: week")
        assert referral.advice.message in event.description
        assert "Red flag: Do you have chest pain as well as the back pain?" in event.description
        assert "clearance is recorded" in event.description
        assert not any(block.exercise.name in event.description for block in ROUTINE.blocks)
        assert "pain limit" not in event.description


def test_a_referral_adds_one_all_day_note_on_the_first_session_it_cancels() -> None:
    events = read(calendar(referred(), uid_namespace="p-1"))
    notes = [e for e in events if e.all_day]
    (note,) = notes
    assert note.start == CHEST.date  # the Wednesday session it cancels first
    assert note.uid == f"p-1.{ROUTINE.id}.referral-20270113@{UID_DOMAIN}"
    assert note.status == "CONFIRMED"
    assert "no exercise until a clinician's clearance (referral: emergency)" in note.summary
    assert "Instead: Stop exercising and call 999 or go to A&E now" in note.description
    following = events[events.index(note) + 1]
    assert following.status == "CANCELLED"
    assert isinstance(following.start, dt.datetime)
    assert following.start.date() == note.start


def test_a_clearance_resumes_the_sessions_after_it_under_the_same_uids() -> None:
    cleared = ub.Clearance(
        by="Dr A. Okafor (GP)",
        date=START + dt.timedelta(days=15),  # the Tuesday of week 3
        findings={ub.AdviceCode.RED_FLAG},
        note="Cardiac causes ruled out.",
    )
    stopped = read(calendar(referred(), uid_namespace="p-1", stamp=STAMP))
    resumed = read(
        calendar(
            referred(clearances=[cleared]),
            uid_namespace="p-1",
            stamp=STAMP + dt.timedelta(days=12),
        )
    )
    assert [e.uid for e in resumed] == [e.uid for e in stopped]
    statuses = [e.status for e in resumed if not e.all_day]
    assert statuses == ["CONFIRMED"] * 4 + ["CANCELLED"] * 3 + ["CONFIRMED"] * 5
    week_3 = [e for e in resumed if "week 3" in e.summary and e.status == "CONFIRMED"]
    assert all(
        "Cleared by Dr A. Okafor (GP) on 2027-01-19: red_flag. Cardiac causes ruled out."
        " Exercise resumes." in e.description
        for e in week_3
    )
    week_4 = [e for e in resumed if "week 4" in e.summary]
    assert all("Cleared by" not in e.description for e in week_4)
    assert all(ROUTINE.blocks[0].exercise.name in e.description for e in week_4)
    assert all(
        later.sequence > earlier.sequence for later, earlier in zip(resumed, stopped, strict=True)
    )


def test_an_escalated_referral_of_the_same_date_has_one_note_with_the_more_urgent_advice() -> None:
    # Pain past the ceiling refers (see a professional, DOMAIN §4.3); chest pain a
    # week later, while that referral is in force, makes the same referral an
    # emergency (DOMAIN §4.2, the NHS tiers [R3]).
    lasting = ub.CheckIn(
        date=START + dt.timedelta(days=2),
        report=ub.SymptomReport(days_since_onset=30, trend=ub.Trend.SAME),
    )
    program = ub.plan(ROUTINE, weeks=3, start=START, catalog=CATALOG, check_ins=[lasting, CHEST])
    referrals = [r for _, r in program.referrals]
    assert {r.date for r in referrals} == {lasting.date}
    assert referrals[0].level is ub.AdviceLevel.SEE_PROFESSIONAL
    assert referrals[-1].level is ub.AdviceLevel.EMERGENCY
    events = read(calendar(program))
    (note,) = [e for e in events if e.all_day]
    assert note.start == lasting.date
    assert "(referral: emergency)" in note.summary
    cancelled = [e for e in events if e.status == "CANCELLED"]
    assert "(referral: see professional)" in cancelled[0].summary
    assert "(referral: emergency)" in cancelled[-1].summary


# -- what did not change -----------------------------------------------------------


def test_events_are_private_and_cancelled_ones_do_not_block_time() -> None:
    data = calendar(referred())
    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert {str(e["class"]) for e in parsed} == {"PRIVATE"}
    for event in parsed:
        busy = str(event.get("transp", "OPAQUE"))
        assert (busy == "TRANSPARENT") == (
            str(event["status"]) == "CANCELLED"
            or not isinstance(event.decoded("dtstart"), dt.datetime)
        )


def test_a_namespace_is_any_opaque_id_an_app_uses() -> None:
    for namespace in ["0", "123456789", "0b6f4d7e-6a11-4c07-9c2b-3f0a1f2b9e44", "P_1", "-"]:
        uids = [e.uid for e in read(calendar(uid_namespace=namespace))]
        assert all(uid.startswith(f"{namespace}.{ROUTINE.id}.w") for uid in uids)


def test_a_referral_partly_cleared_keeps_its_note_and_says_what_is_left() -> None:
    # Chest pain and pain for 30 days, reported on one day: a clinician clears
    # the red flag; the pain past the ceiling still refers (DOMAIN §4.3).
    both = ub.CheckIn(
        date=START + dt.timedelta(days=2),
        report=ub.SymptomReport(
            days_since_onset=30, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
        ),
    )
    cleared = ub.Clearance(
        by="Dr Okafor (GP)", date=START + dt.timedelta(days=8), findings={ub.AdviceCode.RED_FLAG}
    )
    program = ub.plan(
        ROUTINE, weeks=3, start=START, catalog=CATALOG, check_ins=[both], clearances=[cleared]
    )
    levels = [r.level for _, r in program.referrals]
    assert levels == [ub.AdviceLevel.EMERGENCY, ub.AdviceLevel.SEE_PROFESSIONAL]
    events = read(calendar(program))
    (note,) = [e for e in events if e.all_day]
    assert "(referral: emergency)" in note.summary
    cancelled = [e for e in events if e.status == "CANCELLED"]
    assert "(referral: emergency)" in cancelled[0].summary
    assert "(referral: see professional)" in cancelled[-1].summary
    assert "Red flag" not in cancelled[-1].description


def test_of_two_referrals_of_one_date_the_more_pressing_holds_in_either_order() -> None:
    from upperback.render import _calendar  # noqa: PLC0415 - the private rule under test

    day = dt.date(2027, 1, 6)
    chest = ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    )
    lasting = ub.SymptomReport(days_since_onset=40, trend=ub.Trend.SAME)
    found = [
        ub.triage_history(check_ins=[ub.CheckIn(date=day, report=report)]).referral
        for report in (chest, lasting)
    ]
    emergency, routine = found
    assert emergency is not None
    assert routine is not None
    assert emergency.level is ub.AdviceLevel.EMERGENCY
    assert routine.level is ub.AdviceLevel.SEE_PROFESSIONAL
    assert _calendar._most_pressing([emergency, routine]) is emergency
    assert _calendar._most_pressing([routine, emergency]) is emergency
