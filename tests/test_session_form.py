"""A session log from a phone form: the session found by its day, the plan, then the answers.

Pain ratings are 0–10 as in the pain-monitoring model (DOMAIN.md §3.1).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst

CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)
WEDNESDAY = MONDAY + dt.timedelta(days=2)

# The band pull-apart twice (once in the warm-up), and a per-side hold.
ROUTINE = ub.Routine.of(
    "Desk",
    warm_up=[ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=1, reps=10))],
    main=[CATALOG["band-pull-apart"], CATALOG["upper-trapezius-stretch"]],
)
PROGRAM = ub.plan(ROUTINE, weeks=3, start=MONDAY)
STRETCH = "upper-trapezius-stretch"  # 2 × 30 s hold, each side, at (1, 1)


def form(answers: dict[str, Any], *, date: dt.date = WEDNESDAY, **extra: Any) -> ub.SessionLog:
    return ub.SessionLog.from_form(PROGRAM, date=date, answers=answers, **extra)


def test_an_empty_form_is_the_session_as_prescribed() -> None:
    log = form({})
    week = PROGRAM.weeks[0]
    assert (log.date, log.routine_id, log.week, log.session) == (WEDNESDAY, ROUTINE.id, 1, 2)
    assert log.outcomes == tuple(
        ub.Outcome.as_prescribed(b, at=at) for at, b in ub.addresses(week.routine)
    )
    stretch = log.outcome((1, 1))
    assert stretch is not None
    assert stretch.done == (30, 30, 30, 30)  # two sets, left then right
    # It fits the program it was made from.
    assert ub.plan(ROUTINE, weeks=3, start=MONDAY, logs=[log]).weeks[0].sessions[1].logged


def test_the_session_is_found_by_its_day_in_a_later_week() -> None:
    friday_week_2 = MONDAY + dt.timedelta(days=11)
    log = form({}, date=friday_week_2)
    assert (log.week, log.session) == (2, 3)
    week = PROGRAM.weeks[1]
    assert [o.dose for o in log.outcomes] == [b.dose for b in week.routine.blocks]


def test_only_what_changed_is_given_and_session_ratings_fill_every_block() -> None:
    log = form(
        {
            "pain_before": 1,
            "pain_during": 2,
            "effort": 5,
            "notes": "Felt stiff.",
            "blocks": {
                STRETCH: {"done": [30, 20], "pain_during": 4},
                "1.0": {"pain_next_morning": 3},
                "0.0": {"skip_reason": "No band at hand."},
            },
        }
    )
    warm, pull, stretch = log.outcomes
    assert warm.skipped
    assert (warm.skip_reason, warm.done, warm.pain_during) == ("No band at hand.", (), 2)
    assert pull.done == (12, 12, 12)
    assert (pull.pain_during, pull.pain_next_morning, pull.effort) == (2, 3, 5)
    assert stretch.done == (30, 30, 20, 20)  # one number a set: both sides alike
    assert (stretch.pain_during, stretch.effort) == (4, 5)
    assert (log.pain_before, log.notes) == (1, "Felt stiff.")


def test_a_per_side_block_takes_two_numbers_a_set_left_then_right() -> None:
    log = form({"blocks": {STRETCH: {"done": [30, 25, 30, 20]}}})
    stretch = log.outcome((1, 1))
    assert stretch is not None
    assert stretch.done == (30, 25, 30, 20)
    assert stretch.per_set == (25, 20)


def test_the_check_in_of_the_day_is_kept() -> None:
    check_in = ub.SymptomReport(days_since_onset=5, trend=ub.Trend.BETTER, pain_now=1)
    assert form({}, symptoms=check_in).symptoms == check_in


# -- bad input ----------------------------------------------------------------


def refused(answers: Any, *, date: dt.date = WEDNESDAY, **extra: Any) -> list[tuple[str, str]]:
    """Every problem, as (field, reason)."""
    with pytest.raises(ub.InvalidValue) as info:
        ub.SessionLog.from_form(PROGRAM, date=date, answers=answers, **extra)
    error = info.value
    errors = error.errors if isinstance(error, ub.InvalidValues) else (error,)
    return [(e.field, e.reason) for e in errors]


def test_a_day_with_no_session_names_the_nearest() -> None:
    [(field, reason)] = refused({}, date=MONDAY + dt.timedelta(days=1))
    assert field == "date"
    assert reason == (
        "must be the day of a planned session (the nearest are 2026-01-05 and 2026-01-07)"
    )
    for outside in (MONDAY - dt.timedelta(days=1), MONDAY + dt.timedelta(days=21)):
        [(field, reason)] = refused({}, date=outside)
        assert (field, reason) == (
            "date",
            "must fall within the program's sessions, 2026-01-05 to 2026-01-23",
        )


def test_an_unknown_or_ambiguous_block_is_refused() -> None:
    assert refused({"blocks": {"chin-tuck": {}}}) == [
        (
            'answers.blocks["chin-tuck"]',
            (
                "must name a block of the session: an exercise id (band-pull-apart,"
                ' upper-trapezius-stretch) or an address such as "0.0"'
            ),
        )
    ]
    assert refused({"blocks": {"band-pull-apart": {"pain_during": 2}}}) == [
        (
            'answers.blocks["band-pull-apart"]',
            'names 2 blocks: name one by its address, "0.0" and "1.0"',
        )
    ]
    assert refused({"blocks": {STRETCH: {}, "1.1": {}}}) == [
        ('answers.blocks["1.1"]', "names a block already answered")
    ]
    assert refused({"blocks": {"2.0": {}}})[0][0] == 'answers.blocks["2.0"]'
    assert refused({"blocks": {3: {}}})[0][0] == "answers.blocks"


def test_a_pain_out_of_range_is_refused_where_it_was_given() -> None:
    assert refused({"pain_during": 11, "pain_before": -1}) == [
        ("answers.pain_before", "must be an integer between 0 and 10"),
        ("answers.pain_during", "must be an integer between 0 and 10"),
    ]
    assert refused({"blocks": {STRETCH: {"pain_next_morning": "3", "effort": True}}}) == [
        (f'answers.blocks["{STRETCH}"].pain_next_morning', "must be an integer between 0 and 10"),
        (f'answers.blocks["{STRETCH}"].effort', "must be an integer between 0 and 10"),
    ]


def test_what_was_done_must_fit_the_prescribed_dose() -> None:
    where = f'answers.blocks["{STRETCH}"].done'
    assert refused({"blocks": {STRETCH: {"done": [30, 30, 30]}}}) == [
        (
            where,
            (
                "must hold 2 numbers, one a set, or 4, left then right, for the prescribed"
                " 2 × 30 s hold, each side"
            ),
        ),
    ]
    assert refused({"blocks": {"1.0": {"done": [12]}}}) == [
        (
            'answers.blocks["1.0"].done',
            "must hold 3 numbers, one a set, for the prescribed 3 × 12 reps",
        )
    ]
    assert refused({"blocks": {STRETCH: {"done": 30}}}) == [
        (where, "must be a list of numbers, one a set")
    ]
    assert refused({"blocks": {STRETCH: {"done": [30, 30.5]}}}) == [
        (f"{where}[1]", "must be an integer")
    ]
    assert refused({"blocks": {STRETCH: {"done": [30, 30], "skip_reason": "Sore."}}}) == [
        (where, "must not be given for a skipped block")
    ]


def test_a_number_done_out_of_bounds_is_named_by_its_place_in_the_answer() -> None:
    where = f'answers.blocks["{STRETCH}"].done'
    # One number a set, given for both sides: reported once, at its own place.
    assert refused({"blocks": {STRETCH: {"done": [121, 30]}}}) == [
        (f"{where}[0]", "must be an integer between 0 and 120 seconds")
    ]
    assert refused({"blocks": {STRETCH: {"done": [30, 30, 30, 200]}}}) == [
        (f"{where}[3]", "must be an integer between 0 and 120 seconds")
    ]
    assert refused({"blocks": {"1.0": {"done": [12, 60, 12]}}}) == [
        ('answers.blocks["1.0"].done[1]', "must be an integer between 0 and 50 reps")
    ]


def test_unknown_answers_and_wrong_shapes_are_refused() -> None:
    assert refused({"colour": "red"})[0] == (
        'answers["colour"]',
        (
            "is not an answer the form may give (the answers are pain_before, notes, pain_during,"
            " pain_after, pain_next_morning, effort, blocks)"
        ),
    )
    assert (
        refused({"blocks": {STRETCH: {"sets": 2}}})[0][0] == f'answers.blocks["{STRETCH}"]["sets"]'
    )
    assert refused({"blocks": [STRETCH]}) == [
        ("answers.blocks", "must be a mapping from block to its answers")
    ]
    assert refused({"blocks": {STRETCH: 30}}) == [
        (f'answers.blocks["{STRETCH}"]', "must be a mapping of answers")
    ]
    assert refused({"notes": "  "}) == [
        (
            "answers.notes",
            "must be non-empty text of at most 2000 characters without leading or trailing spaces",
        )
    ]
    assert refused({"blocks": {STRETCH: {"skip_reason": ""}}})[0][0] == (
        f'answers.blocks["{STRETCH}"].skip_reason'
    )
    assert refused([("pain_during", 2)]) == [("answers", "must be a mapping of the form's answers")]


def test_every_bad_answer_is_reported_at_once() -> None:
    problems = refused(
        {
            "pain_during": 12,
            "blocks": {
                "nope": {},
                STRETCH: {"done": [500, 30], "effort": 11},
                "1.0": {"done": [1]},
            },
        }
    )
    assert [field for field, _ in problems] == [
        "answers.pain_during",
        'answers.blocks["nope"]',
        'answers.blocks["1.0"].done',
        f'answers.blocks["{STRETCH}"].effort',
        f'answers.blocks["{STRETCH}"].done[0]',
    ]


def test_bad_arguments_are_refused_by_name() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.SessionLog.from_form("program", date=WEDNESDAY, answers={})  # type: ignore[arg-type]
    assert info.value.field == "program"
    assert refused({}, date="2026-01-07")[0][0] == "date"  # type: ignore[arg-type]
    assert refused({}, symptoms={"pain_now": 2})[0][0] == "symptoms"
    undated = ub.plan(ROUTINE, weeks=1)
    with pytest.raises(ub.InvalidValue) as info:
        ub.SessionLog.from_form(undated, date=WEDNESDAY, answers={})
    assert info.value.field == "program.start"


# -- properties ---------------------------------------------------------------


@st.composite
def _answers(draw: st.DrawFn, week: ub.Week) -> dict[str, Any]:
    """Valid answers for some blocks of a week's routine, named by address."""
    ratings = st.none() | st.integers(0, 10)
    blocks: dict[str, Any] = {}
    for at, b in ub.addresses(week.routine):
        if not draw(st.booleans()):
            continue
        answer: dict[str, Any] = {}
        if draw(st.booleans()):
            top = b.dose.reps if b.dose.reps is not None else b.dose.hold_s or 0
            count = b.dose.sets * draw(st.sampled_from((1, 2) if b.dose.per_side else (1,)))
            answer["done"] = draw(st.lists(st.integers(0, top), min_size=count, max_size=count))
        pain = draw(ratings)
        if pain is not None:
            answer["pain_during"] = pain
        blocks[f"{at[0]}.{at[1]}"] = answer
    pain_after = draw(ratings)
    return {"blocks": blocks} | ({} if pain_after is None else {"pain_after": pain_after})


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_log_from_any_valid_form_fits_the_program_and_keeps_every_answer(
    data: st.DataObject,
) -> None:
    program = data.draw(ubst.programs(max_weeks=2))
    if program.start is None:
        program = ub.plan(
            program.routine, weeks=len(program.weeks), rules=program.rules, start=MONDAY
        )
    week = data.draw(st.sampled_from(program.weeks))
    session = data.draw(st.sampled_from(week.sessions))
    assert session.date is not None
    answers = data.draw(_answers(week))
    log = ub.SessionLog.from_form(program, date=session.date, answers=answers)
    log.check(week.routine)
    assert (log.week, log.session) == (week.number, session.number)
    for outcome in log.outcomes:
        given_ = answers["blocks"].get(f"{outcome.section}.{outcome.block}", {})
        assert outcome.pain_after == answers.get("pain_after")
        assert outcome.pain_during == given_.get("pain_during")
        if "done" in given_ and len(given_["done"]) == outcome.dose.sets:
            assert outcome.per_set == tuple(given_["done"])
        elif "done" not in given_:
            assert outcome.completed
