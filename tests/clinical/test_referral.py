"""Referral stops exercise until a clinician clears it (DOMAIN §4.2, §4.3, §8).

After a see-a-professional or urgent result, no later session is a session
to do; a clinician's clearance (who, when, what) lets planning resume from
its day, never lifts evidence that comes after it, and exists for every
referral the library can make.
"""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import upperback as ub
from tests.clinical import _checks as c
from tests.clinical import _domain as d
from tests.clinical._people import BUILT_IN, START, Pains, routine_of, week_logs
from tests.clinical._settings import examples

_CALM = ["chin-tuck", "upper-back-reach-stretch", "band-pull-apart", "wall-angel"]
_NOT_YET = (
    "issue 17, 'Referral stops exercise, visibly, until cleared': no check-in outside a session,"
    " no clearance and no referred session yet"
)


def resumption_violations(program: ub.Program, cleared: dt.date) -> list[str]:
    """§4.3, issue 17: after a clinician's clearance, the sessions are to be done again."""
    return [
        f"week {week.number} session {session.number} on {session.date} is still stopped"
        f" after the clearance of {cleared}"
        for week in program.weeks
        for session in week.sessions
        if session.date is not None and session.date > cleared and session not in c.to_do(week)
    ]


def test_ref2_checker_rejects_a_program_still_stopped_after_a_clearance() -> None:
    """REF-2: the checker rejects sessions still stopped after the day of a clearance.

    The program is a stand-in with the shape of a planned one, every session
    of it stopped by a referral.
    """
    program = ub.plan(ub.Routine.of("R", main=[BUILT_IN["chin-tuck"]]), weeks=2, start=START)
    weeks = [
        SimpleNamespace(
            number=week.number,
            sessions=tuple(
                SimpleNamespace(number=s.number, date=s.date, referred=True) for s in week.sessions
            ),
        )
        for week in program.weeks
    ]
    assert resumption_violations(SimpleNamespace(weeks=weeks), START)  # type: ignore[arg-type]


def _weeks_of_logs(
    routine: ub.Routine, weeks: int, rnd: random.Random, pains: Pains
) -> list[ub.SessionLog]:
    logs: list[ub.SessionLog] = []
    for number in range(1, weeks + 1):
        week = ub.plan(routine, weeks=number, start=START, logs=logs).weeks[-1]
        logs += week_logs(rnd, week, skip_some=False, missing=0.0, **pains)
    return logs


@examples(10)
@example(["chin-tuck"], 1, ub.RedFlag.CHEST_PAIN, 16)
@given(
    st.lists(st.sampled_from(_CALM), min_size=1, max_size=3, unique=True),
    st.integers(1, 3),
    st.sampled_from(sorted(ub.RedFlag)),
    st.integers(1, 60),
)
def test_ref1_a_red_flag_on_a_rest_day_stops_every_later_session(
    ids: list[str], sessions: int, flag: ub.RedFlag, day: int
) -> None:
    """REF-1 [§4.2 R3]: a red flag reported at a check-in between sessions stops what follows.

    The week's advice is urgent and no session after the check-in is
    presented as one to do.
    """
    routine = routine_of(ids, sessions)
    when = START + dt.timedelta(days=day)
    report = ub.SymptomReport(days_since_onset=1, trend=ub.Trend.SAME, red_flags={flag})
    check_in = ub.CheckIn(date=when, report=report)
    program = ub.plan(routine, weeks=12, start=START, check_ins=[check_in])
    assert c.referral_violations(program, when) == []
    later = [w for w in program.weeks if w.sessions[0].date and w.sessions[0].date > when]
    referrals = [getattr(w, "referral", None) for w in later]
    assert all(r is not None and r.level >= flag.level for r in referrals)
    if flag in d.EMERGENCY_FLAGS:
        assert all(r is not None and r.level is ub.AdviceLevel.EMERGENCY for r in referrals)


_HISTORIES: dict[str, Pains] = {
    "red flag": {"pain": (0, 2), "morning": (0, 2), "before": (0, 2)},
    "persisting": {"pain": (3, 3), "morning": (3, 3), "before": (3, 3)},
    "worse mornings": {"pain": (0, 2), "morning": (3, 5), "before": (0, 1)},
}


@examples(10)
@example(
    ids=["band-pull-apart"],
    sessions=3,
    weeks=5,
    history="persisting",
    rnd=random.Random(0),
    delay=2,
)
@given(
    ids=st.lists(st.sampled_from(_CALM), min_size=1, max_size=2, unique=True),
    sessions=st.integers(1, 3),
    weeks=st.integers(4, 6),
    history=st.sampled_from(sorted(_HISTORIES)),
    rnd=st.randoms(use_true_random=False),
    delay=st.integers(0, 10),
)
def test_ref2_every_referral_has_a_clearance_and_planning_resumes_from_it(
    *, ids: list[str], sessions: int, weeks: int, history: str, rnd: random.Random, delay: int
) -> None:
    """REF-2, REF-3 [§4.2–4.3; issue 17 "every referral needs a clearance path"].

    Whatever referred (a red flag, persisting pain, worse mornings), a
    clinician's clearance of that referral, dated on or after it, lifts it:
    the history no longer refers on its day, and the sessions after it are
    to be done again; the sessions between the referral and the clearance
    are not.
    """
    routine = routine_of(ids, sessions)
    logs = _weeks_of_logs(routine, weeks, rnd, _HISTORIES[history])
    if history == "red flag":
        flagged = ub.SymptomReport(
            days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
        )
        logs[-1] = attrs.evolve(logs[-1], symptoms=flagged)
    assume(c.expected_referral(logs) is not None)  # the sheet's thresholds are reached
    found = ub.triage_history(logs)
    assert found.referral is not None, "the history was meant to refer"
    since = found.referral.date
    day = max(log.date for log in logs) + dt.timedelta(days=delay)
    clearance = ub.Clearance.of_referral(found.referral, by="Dr A. Okafor (GP)", date=day)
    assert not ub.triage_history(logs, clearances=[clearance], as_of=day).referred
    program = ub.plan(routine, weeks=weeks + 6, start=START, logs=logs, clearances=[clearance])
    assert c.referral_violations(program, since, cleared=day) == []
    assert resumption_violations(program, day) == []


@examples(10)
@example(ub.RedFlag.CHEST_PAIN, 3, 4)
@given(st.sampled_from(sorted(ub.RedFlag)), st.integers(0, 20), st.integers(1, 20))
def test_ref4_a_clearance_never_lifts_what_comes_after_it(
    flag: ub.RedFlag, cleared_on: int, after: int
) -> None:
    """REF-4 [§4.2 R3]: a red flag answered yes after a clearance refers again."""
    report = ub.SymptomReport(days_since_onset=1, trend=ub.Trend.SAME, red_flags={flag})
    first = ub.CheckIn(date=START, report=report)
    day = START + dt.timedelta(days=cleared_on)
    again = ub.CheckIn(date=day + dt.timedelta(days=after), report=report)
    referral = ub.triage_history(check_ins=[first]).referral
    assert referral is not None
    clearance = ub.Clearance.of_referral(referral, by="Dr A. Okafor (GP)", date=day)
    assert not ub.triage_history(check_ins=[first], clearances=[clearance], as_of=day).referred
    later = ub.triage_history(check_ins=[first, again], clearances=[clearance])
    assert later.referred
    assert later.advice.level >= ub.AdviceLevel.URGENT


@examples(5)
@example(2, 3)
@given(st.integers(1, 5), st.integers(1, 10))
def test_ref5_back_pain_with_osteoporosis_can_be_cleared(pain: int, delay: int) -> None:
    """REF-5 [§8 C1]: back pain with osteoporosis refers; a clinician can clear it."""
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    block = ub.Block(exercise=BUILT_IN["chin-tuck"])
    log = ub.SessionLog(
        date=START,
        routine_id="r",
        pain_before=pain,
        outcomes=[ub.Outcome.as_prescribed(block, at=(0, 0), pain_during=pain)],
    )
    found = ub.triage_history([log], profile=person)
    assert found.referral is not None
    clearance = ub.Clearance.of_referral(
        found.referral, by="Dr A. Okafor (GP)", date=START + dt.timedelta(days=delay)
    )
    cleared = ub.triage_history([log], profile=person, clearances=[clearance], as_of=clearance.date)
    assert not cleared.referred


@examples(20)
@given(st.sampled_from(sorted((r for r in ub.RULES if r.conditions), key=lambda rule: rule.id)))
def test_ref6_a_clinicians_clearance_must_be_traceable(rule: ub.Rule) -> None:
    """REF-6 [§8 E23]: a condition's rule is cleared only with a note of who cleared it, when."""
    conditions = {min(rule.conditions)}  # one of them: at most one trimester at a time
    with pytest.raises(ub.InvalidValue, match="clearance_note"):
        ub.Profile(conditions=conditions, cleared_rules={rule.id})
    person = ub.Profile(
        conditions=conditions,
        cleared_rules={rule.id},
        clearance_note="Dr A. Okafor (GP), 2027-02-01.",
    )
    assert rule.id not in {r.id for r in person.rules()}
    assert rule in person.cleared()
