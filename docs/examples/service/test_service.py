"""The example service through FastAPI's test client: every route, bad input included.

Properties: any valid profile form and any valid session form round-trip through the
service to the values the library makes of them; any request, however malformed, is
answered with a success or in the library's problem-details shape (422, 404, 409), each
problem at a path into what was sent, and never with a server error.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

import attrs
import icalendar
import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given, settings
from hypothesis import strategies as st

import upperback as ub
from service.app import PROBLEM_JSON, create_app
from service.forms import MAX_WEEKS
from upperback.dose import MAX_HOLD_S, MAX_REPS
from upperback.safety.answers import ANSWERS
from upperback.strategies import goals

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import httpx2

MONDAY = dt.date(2026, 1, 5)
"""The day the tests' service thinks it is: the first day of every program they plan."""

SAM: dict[str, Any] = {
    "height_cm": 165,
    "pregnancy_week": 22,
    "equipment": ["chair", "wall", "doorway", "towel", "swiss_ball"],
    "band_colour": "red",
}
"""The tutorial's person: 165 cm, 22 weeks pregnant, a red band and what most homes have."""

GOAL = {"minutes": 15, "targets": [{"region": "shoulder_blades"}]}

CATALOG = ub.default_catalog()

DESK = ub.Routine.of(
    "Desk",
    main=[CATALOG["band-pull-apart"], CATALOG["wall-angel"]],
    cool_down=[CATALOG["cross-body-shoulder-stretch"]],
)
"""A routine with a dose of reps, of reps held, and of holds on each side."""


def _client(database: str | Path = ":memory:") -> TestClient:
    return TestClient(create_app(database, today=lambda: MONDAY))


@pytest.fixture
def client() -> Iterator[TestClient]:
    with _client() as client:
        yield client


@pytest.fixture(scope="module")
def shared() -> Iterator[TestClient]:
    """One service for the property tests, with person 1 (no answers) and their program 1.

    The examples make people and programs of their own where what they do would
    change what the next example sees.
    """
    with _client() as client:
        a_program(client, a_person(client, {}))
        yield client


def created(response: httpx2.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def problems(response: httpx2.Response, status: int = 422) -> dict[str, str]:
    """The answer's problems by path, once its shape is checked: the library's problem details."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    details = response.json()
    assert set(details) == {"type", "title", "status", "detail", "errors", "instance"}
    assert details["status"] == status
    assert details["instance"] == response.request.url.path
    assert details["errors"]
    return {error["path"]: error["detail"] for error in details["errors"]}


def a_person(client: TestClient, answers: dict[str, Any] = SAM) -> int:
    person: int = created(client.post("/people", json=answers))["id"]
    return person


def a_program(
    client: TestClient, person: int, routine: ub.Routine = DESK, *, weeks: int = 2
) -> int:
    body = {"routine": ub.to_dict(routine)["data"], "weeks": weeks, "start": MONDAY.isoformat()}
    program: int = created(client.post(f"/people/{person}/programs", json=body))["id"]
    return program


def stored(client: TestClient, program: int) -> ub.Program:
    return ub.loads(client.get(f"/programs/{program}").text, ub.Program)


def days(program: ub.Program) -> list[dt.date]:
    return [s.date for week in program.weeks for s in week.sessions if s.date is not None]


# -- a person from the form ----------------------------------------------------------------


def test_a_person_from_the_form_keeps_the_pregnancy_dated(client: TestClient) -> None:
    answer = created(client.post("/people", json=SAM))
    profile = ub.from_dict(answer["profile"], ub.Profile)
    assert profile == ub.Profile.from_answers(SAM, on=MONDAY)
    assert profile.pregnancy is not None
    assert profile.pregnancy.week_on(MONDAY) == 22  # the week answered, on the day answered
    assert profile.conditions == set()  # the trimester follows from the day
    assert profile.on(MONDAY).conditions == {ub.Condition.PREGNANCY_SECOND_TRIMESTER}
    # DOMAIN §8: the third trimester from week 28, six weeks on.
    assert profile.on(MONDAY + dt.timedelta(weeks=6)).conditions == {
        ub.Condition.PREGNANCY_THIRD_TRIMESTER
    }
    assert profile.kit.names == {*SAM["equipment"], "resistance_band"}
    assert ub.SwissBall.for_height(165) in profile.kit.props
    assert ub.ResistanceBand.from_colour("red") in profile.kit.props
    assert client.get(f"/people/{answer['id']}").json() == answer


def test_the_days_of_an_injury_and_an_operation_are_kept(client: TestClient) -> None:
    answers = {"injury_date": "2026-01-03", "surgery_date": "2025-12-01", "age": 58}
    profile = ub.from_dict(created(client.post("/people", json=answers))["profile"], ub.Profile)
    assert profile.injuries == (ub.Injury(on=dt.date(2026, 1, 3)),)
    assert profile.surgeries == (ub.Surgery(on=dt.date(2025, 12, 1)),)
    assert profile.age_band is ub.AgeBand.OVER_50
    # DOMAIN §8 [C10]: an acute injury for its day and the 3 after; surgery until cleared.
    assert profile.on(MONDAY).conditions == {
        ub.Condition.ACUTE_INJURY,
        ub.Condition.RECENT_SURGERY,
    }
    assert profile.on(MONDAY + dt.timedelta(days=2)).conditions == {ub.Condition.RECENT_SURGERY}


def test_every_bad_answer_is_refused_at_once_each_at_its_path(client: TestClient) -> None:
    answers = {
        "height_cm": "tall",
        "pregnancy_week": 50,
        "equipment": ["chair", "sofa", 3],
        "band_colour": "pink",
        "conditions": ["flu"],
        "level": 9,
        "age": 200,
        "injury_date": "2026-02-30",
        "mood": "fine",
    }
    found = problems(client.post("/people", json=answers))
    assert set(found) == {
        "$.height_cm",
        "$.pregnancy_week",
        "$.equipment[1]",
        "$.equipment[2]",
        "$.band_colour",
        "$.conditions[0]",
        "$.level",
        "$.age",
        "$.injury_date",
        "$.mood",
    }
    assert found["$.pregnancy_week"] == "must be a whole week of pregnancy from 1 to 42 (got 50)"
    assert found["$.level"] == "must be a whole level from 1 to 5 (got 9)"
    assert found["$.injury_date"] == 'must be a date written YYYY-MM-DD (got "2026-02-30")'
    assert found["$.mood"].startswith("is not a question a profile reads")


@pytest.mark.parametrize(
    ("answers", "path"),
    [
        ({"equipment": "chair"}, "$.equipment"),
        ({"conditions": "osteoporosis"}, "$.conditions"),
        ({"conditions": ["osteoporosis", 7]}, "$.conditions[1]"),
        ({"conditions": ["osteoporosis", "osteoporosis"]}, "$.conditions[1]"),
        ({"level": True}, "$.level"),
        ({"height_cm": 300}, "$.height_cm"),
        ({"pregnancy_week": "22"}, "$.pregnancy_week"),
        ({"due_date": "soon"}, "$.due_date"),
        ({"surgery_date": 20260101}, "$.surgery_date"),
        ({"age": -1}, "$.age"),
        ({"band_colour": 3}, "$.band_colour"),
        ({"odd key": 1}, '$["odd key"]'),
        ([SAM], "$"),
    ],
)
def test_a_bad_answer_at_its_path(client: TestClient, answers: Any, path: str) -> None:
    assert list(problems(client.post("/people", json=answers))) == [path]


@pytest.mark.parametrize(
    ("answers", "path", "message"),
    [
        (
            {"pregnancy_week": 30, "conditions": ["pregnancy_first_trimester"]},
            "$.conditions[0]",
            "must not be a trimester when pregnancy_week or due_date dates the pregnancy",
        ),
        (
            {"pregnancy_week": 30, "due_date": "2026-03-01"},
            "$.due_date",
            "must not be given with pregnancy_week",
        ),
        (
            {"conditions": ["pregnancy_first_trimester", "pregnancy_third_trimester"]},
            "$.conditions",
            "must hold at most one pregnancy trimester",
        ),
    ],
)
def test_answers_that_contradict_each_other_are_refused(
    client: TestClient, answers: dict[str, Any], path: str, message: str
) -> None:
    found = problems(client.post("/people", json=answers))
    assert list(found) == [path]
    assert found[path].startswith(message)


@pytest.mark.parametrize("equipment", [[], ["resistance_band"]])
def test_the_band_colour_is_the_kits_band(client: TestClient, equipment: list[str]) -> None:
    answer = created(client.post("/people", json={"band_colour": "green", "equipment": equipment}))
    profile = ub.from_dict(answer["profile"], ub.Profile)
    assert profile.kit.props == {ub.ResistanceBand.from_colour("green")}


def test_an_answer_left_empty_is_not_answered(client: TestClient) -> None:
    answer = created(client.post("/people", json=dict.fromkeys(ANSWERS)))
    assert ub.from_dict(answer["profile"], ub.Profile) == ub.Profile()


_PROP_NAMES = sorted(kind.value for kind in ub.PropKind if kind is not ub.PropKind.OTHER)
_PLAIN_CONDITIONS = sorted(c.value for c in ub.Condition if not c.is_pregnancy)
_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)).map(dt.date.isoformat)

_PREGNANCY: st.SearchStrategy[dict[str, Any]] = (
    st.one_of(  # none, or dated by its week today or by its due date
        st.just({}),
        st.integers(1, 42).map(lambda week: {"pregnancy_week": week}),
        _DAYS.map(lambda due: {"due_date": due}),
    )
)
profile_forms = st.tuples(
    st.fixed_dictionaries(
        {},
        optional={
            "height_cm": st.integers(100, 250) | st.floats(100, 250),
            "equipment": st.lists(
                st.sampled_from([*_PROP_NAMES, "other:sandbag"]), max_size=6, unique=True
            ),
            "band_colour": st.sampled_from(ub.THERABAND_COLOURS),
            "age": st.integers(0, 130),
            "conditions": st.lists(st.sampled_from(_PLAIN_CONDITIONS), max_size=3, unique=True),
            "level": st.integers(1, 5),
            "injury_date": _DAYS,
            "surgery_date": _DAYS,
        },
    ),
    _PREGNANCY,
).map(lambda parts: {**parts[0], **parts[1]})


@settings(max_examples=40, deadline=None)
@given(answers=profile_forms)
@example(answers={})
@example(answers={"equipment": ["swiss_ball", "resistance_band"], "height_cm": 250})
@example(answers={"pregnancy_week": 12})  # the last week of the first trimester, today
@example(answers={"due_date": "2026-01-05"})  # due today
def test_any_valid_profile_form_round_trips(shared: TestClient, answers: dict[str, Any]) -> None:
    """What the service stores is what the library makes of the answers, given today."""
    answer = created(shared.post("/people", json=answers))
    assert shared.get(f"/people/{answer['id']}").json() == answer
    profile = ub.from_dict(answer["profile"], ub.Profile)
    assert profile == ub.Profile.from_answers(answers, on=MONDAY)
    assert profile.height_cm == answers.get("height_cm")
    assert profile.level == answers.get("level")
    assert profile.conditions == {ub.Condition(c) for c in answers.get("conditions", [])}
    if "pregnancy_week" in answers:
        assert profile.pregnancy is not None
        assert profile.pregnancy.week_on(MONDAY) == answers["pregnancy_week"]
        today = profile.on(MONDAY).conditions
        assert ub.trimester(answers["pregnancy_week"]) in today
    if "due_date" in answers:
        assert profile.pregnancy == ub.Pregnancy(due=dt.date.fromisoformat(answers["due_date"]))
    band = {"resistance_band"} if "band_colour" in answers else set()
    assert profile.kit.names == set(answers.get("equipment", [])) | band
    if band:
        assert ub.ResistanceBand.from_colour(answers["band_colour"]) in profile.kit.props
    if "swiss_ball" in profile.kit.names and "height_cm" in answers:
        assert ub.SwissBall.for_height(answers["height_cm"]) in profile.kit.props


# -- compose and plan ----------------------------------------------------------------------


def test_compose_then_plan_for_the_person(client: TestClient) -> None:
    person = a_person(client)
    answer = client.post(f"/people/{person}/compose", json=GOAL)
    assert answer.status_code == 200, answer.text
    composed = ub.from_dict(answer.json(), ub.Composition)
    sam = ub.from_dict(client.get(f"/people/{person}").json()["profile"], ub.Profile)
    assert ub.screen(composed.routine, sam.on(MONDAY)).excluded == ()
    program_id = a_program(client, person, composed.routine, weeks=4)
    program = stored(client, program_id)
    assert program.profile == sam  # dated: each week screened for Sam as she is that week
    assert program.start == MONDAY
    assert len(program.weeks) == 4
    assert program.routine == composed.routine  # already screened: nothing changes


def test_compose_is_for_the_person_as_they_are_today(client: TestClient) -> None:
    """An injury today leaves the stretches out; one a week ago, settled, does not [C10]."""
    today = a_person(client, {"injury_date": MONDAY.isoformat()})
    last_week = a_person(client, {"injury_date": (MONDAY - dt.timedelta(weeks=1)).isoformat()})
    stretches = {}
    for person in (today, last_week):
        answer = client.post(f"/people/{person}/compose", json=GOAL)
        assert answer.status_code == 200, answer.text
        routine = ub.from_dict(answer.json(), ub.Composition).routine
        stretches[person] = [b.exercise.id for b in routine.blocks if b.exercise.kind.is_stretch]
    assert stretches[today] == []
    assert stretches[last_week] != []


def test_a_posted_routine_is_screened_and_its_facts_taken_from_the_catalog(
    client: TestClient,
) -> None:
    person = a_person(client)
    tampered = attrs.evolve(CATALOG["band-row-seated"], cues=("Pull hard.",))
    routine = ub.Routine.of("Mine", main=[tampered, CATALOG["prone-cobra"]])
    body = {"routine": ub.to_dict(routine)["data"], "weeks": 1, "start": MONDAY.isoformat()}
    answer = created(client.post(f"/people/{person}/programs", json=body))
    assert answer["mismatches"] == [
        {
            "path": "$.routine.sections[0].blocks[0].exercise",
            "detail": "band-row-seated at $.sections[0].blocks[0].exercise:"
            " its cues differ from the catalog",
        }
    ]
    assert [item["exercise_id"] for item in answer["left_out"]] == ["prone-cobra"]
    program = stored(client, answer["id"])
    assert [block.exercise for block in program.routine.blocks] == [CATALOG["band-row-seated"]]
    assert answer["changes"] == []  # Sam stays in the second trimester all week


_LYING = ({ub.Position.SUPINE, ub.Position.PRONE}, {ub.Feature.SUPINE, ub.Feature.PRONE})


def _lying(block: ub.Block) -> bool:
    """Whether the block is done lying on the back or on the front."""
    positions, features = _LYING
    return block.exercise.position in positions or bool(block.exercise.features & features)


def test_a_pregnancy_is_followed_week_by_week_through_the_service(client: TestClient) -> None:
    """10 weeks pregnant, planned for 30 weeks: nothing lying down from the second trimester.

    DOMAIN §8 (Pregnancy): supine positions from the second trimester (the cautious
    reading; NHS gives 16 weeks [C6]), prone ones later in pregnancy (the library leaves
    them out from the second trimester too [C6c*]). The second trimester starts in week
    13; week 10 answered today is read as ending today, so week 13 starts two weeks and
    a day later: the Tuesday of the program's third week.
    """
    person = a_person(
        client, {"pregnancy_week": 10, "equipment": ["doorway"], "band_colour": "red"}
    )
    back_care = ub.Routine.of(
        "Back care",
        main=[CATALOG["prone-cobra"], CATALOG["band-pull-apart"]],
        cool_down=[CATALOG["chin-tuck-supine-head-lift"], CATALOG["doorway-pec-stretch"]],
    )
    lying = sorted(block.exercise.id for block in back_care.blocks if _lying(block))
    assert lying == ["chin-tuck-supine-head-lift", "prone-cobra"]  # one on the back, one prone
    body = {"routine": ub.to_dict(back_care)["data"], "weeks": 30, "start": MONDAY.isoformat()}
    answer = created(client.post(f"/people/{person}/programs", json=body))
    assert answer["left_out"] == []  # the first trimester: nothing lying down is left out yet
    first = answer["changes"][0]
    assert (first["week"], first["code"], sorted(first["left_out"])) == (3, "trimester", lying)
    second_trimester = MONDAY + dt.timedelta(weeks=2, days=1)
    program = stored(client, answer["id"])
    assert len(program.weeks) == 30
    for week in program.weeks:
        last_day = MONDAY + dt.timedelta(weeks=week.number - 1, days=6)
        lying_now = sorted(b.exercise.id for b in week.routine.blocks if _lying(b))
        assert lying_now == ([] if last_day >= second_trimester else lying), week.number
        assert week.routine.blocks  # something is still left to do
    for weeks_on in range(30):  # and the next session the app shows, any day of the plan
        on = MONDAY + dt.timedelta(weeks=weeks_on, days=2)
        found = client.get(f"/programs/{answer['id']}/next", params={"on": on.isoformat()}).json()
        routine = ub.from_dict(found["routine"], ub.Routine)
        assert any(_lying(b) for b in routine.blocks) == (on < second_trimester), on


def test_a_bad_goal_is_refused_at_its_paths(client: TestClient) -> None:
    person = a_person(client)
    found = problems(client.post(f"/people/{person}/compose", json={"minutes": 0, "x": 1}))
    assert set(found) == {"$.minutes", "$.targets", "$.x"}


def test_a_bad_plan_request_is_refused_with_every_problem(client: TestClient) -> None:
    person = a_person(client)
    body = {"routine": {"title": 3}, "weeks": MAX_WEEKS + 1, "start": "2026-02-30", "x": 0}
    found = problems(client.post(f"/people/{person}/programs", json=body))
    assert set(found) == {
        "$.x",
        "$.routine.id",
        "$.routine.title",
        "$.routine.sections",
        "$.weeks",
        "$.start",
    }
    found = problems(client.post(f"/people/{person}/programs", json={"odd key": 1}))
    assert list(found) == ['$["odd key"]', "$.routine", "$.weeks", "$.start"]
    found = problems(client.post(f"/people/{person}/programs", json=[body]))
    assert list(found) == ["$"]
    assert found["$"].startswith("must be a JSON object with the fields routine, weeks, start")


def test_a_routine_with_nothing_safe_or_an_unknown_exercise_is_refused_at_its_paths(
    client: TestClient,
) -> None:
    person = a_person(client)
    prone = ub.Routine.of("Prone", main=[CATALOG["prone-cobra"]])
    body = {"routine": ub.to_dict(prone)["data"], "weeks": 1, "start": MONDAY.isoformat()}
    assert list(problems(client.post(f"/people/{person}/programs", json=body))) == ["$.routine"]
    body["routine"]["sections"][0]["blocks"][0]["exercise"]["id"] = "prone-cobr"
    found = problems(client.post(f"/people/{person}/programs", json=body))
    assert list(found) == ["$.routine.sections[0].blocks[0].exercise.id"]
    assert "did you mean 'prone-cobra'" in found["$.routine.sections[0].blocks[0].exercise.id"]


@settings(max_examples=15, deadline=None)
@given(goal=goals(max_minutes=30))
def test_any_goal_is_composed_safely_or_refused_with_reasons(
    shared: TestClient, goal: ub.Goal
) -> None:
    answer = shared.post("/people/1/compose", json=ub.to_dict(goal)["data"])
    if answer.status_code == 200:
        composed = ub.from_dict(answer.json(), ub.Composition)
        assert composed.goal == goal
        assert ub.screen(composed.routine, ub.Profile()).excluded == ()
    else:
        assert set(problems(answer)) == {"$"}  # nothing fits: each reason at the root


# -- a log from the phone, and what follows from it ----------------------------------------


def test_a_log_from_the_phone_and_the_program_planned_again_with_it(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    answers = {"pain_during": 2, "blocks": {"band-pull-apart": {"done": [12, 12, 9]}}}
    answer = created(
        client.post(f"/programs/{program_id}/logs", json={"date": "2026-01-05", "answers": answers})
    )
    log = ub.from_dict(answer["log"], ub.SessionLog)
    assert (log.week, log.session, log.outcomes[0].done) == (1, 1, (12, 12, 9))
    assert client.get(f"/programs/{program_id}/logs").json() == {"logs": [answer["log"]]}
    assert stored(client, program_id).weeks[0].sessions[0].logged
    again = client.post(f"/programs/{program_id}/logs", json={"date": "2026-01-05"})
    assert problems(again, 409) == {
        "$.date": 'must be a day not logged yet for this program (got "2026-01-05")'
    }


def test_a_log_with_no_answers_is_the_session_as_prescribed(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    body = {"date": "2026-01-07", "answers": None}
    log = ub.from_dict(
        created(client.post(f"/programs/{program_id}/logs", json=body))["log"], ub.SessionLog
    )
    assert [o.done for o in log.outcomes] == [
        o.done
        for o in ub.SessionLog.from_form(
            stored(client, program_id), date=MONDAY, answers={}
        ).outcomes
    ]


def test_a_person_who_missed_the_first_week_logs_the_second(client: TestClient) -> None:
    """Nothing logged in week 1: week 2's sessions are logged at the doses the plan gave them."""
    program_id = a_program(client, a_person(client, {}), weeks=4)
    planned = stored(client, program_id)
    second_week = days(planned)[3:6]  # three sessions a week
    assert second_week[0] == MONDAY + dt.timedelta(weeks=1)
    logged = []
    for day in second_week:
        before = stored(client, program_id)
        answer = created(
            client.post(f"/programs/{program_id}/logs", json={"date": day.isoformat()})
        )
        log = ub.from_dict(answer["log"], ub.SessionLog)
        assert log == ub.SessionLog.from_form(before, date=day, answers={})
        assert (log.date, log.week) == (day, 2)
        logged.append(log)
    # The doses the first plan gave week 2, before anything was logged.
    assert [o.dose for o in logged[0].outcomes] == [b.dose for b in planned.weeks[1].routine.blocks]
    program = stored(client, program_id)
    assert [s.logged for s in program.weeks[0].sessions] == [False] * 3
    assert [s.logged for s in program.weeks[1].sessions] == [True] * 3
    assert program == ub.plan(
        DESK, weeks=4, profile=ub.Profile(), catalog=CATALOG, start=MONDAY, logs=logged
    )


def test_every_bad_answer_of_a_log_is_refused_at_its_path(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    body = {
        "date": "2026-01-05",
        "answers": {"pain_during": 11, "blocks": {"chin-tuk": {}, "wall-angel": {"done": [1]}}},
        "symptoms": {"trend": "sideways"},
        "mood": "fine",
    }
    assert set(problems(client.post(f"/programs/{program_id}/logs", json=body))) == {
        "$.mood",
        "$.answers.pain_during",
        '$.answers.blocks["chin-tuk"]',
        '$.answers.blocks["wall-angel"].done',
        "$.symptoms.trend",
        "$.symptoms.days_since_onset",
    }
    no_session = client.post(f"/programs/{program_id}/logs", json={"date": "2026-01-06"})
    assert problems(no_session) == {
        "$.date": "must be the day of a planned session"
        ' (the nearest are 2026-01-05 and 2026-01-07) (got "2026-01-06")'
    }
    assert list(problems(client.post(f"/programs/{program_id}/logs", json={}))) == ["$.date"]
    assert client.get(f"/programs/{program_id}/logs").json() == {"logs": []}


def _block_answers(block: ub.Block) -> st.SearchStrategy[dict[str, Any]]:
    """What a phone's form may answer for a block: what was done, ratings, or why it was skipped."""
    dose = block.dose
    counts = [dose.sets, 2 * dose.sets] if dose.per_side else [dose.sets]
    most = MAX_REPS if dose.reps is not None else MAX_HOLD_S
    done = st.sampled_from(counts).flatmap(
        lambda n: st.lists(st.integers(0, most), min_size=n, max_size=n)
    )
    rating = st.integers(0, 10)
    ratings = dict.fromkeys(("pain_during", "pain_after", "pain_next_morning", "effort"), rating)
    reason = st.from_regex(r"[A-Za-z][A-Za-z ,.]{0,30}[a-z.]", fullmatch=True)
    return st.fixed_dictionaries({}, optional={"done": done, **ratings}) | st.fixed_dictionaries(
        {"skip_reason": reason}, optional=ratings
    )


def _session_answers(routine: ub.Routine) -> st.SearchStrategy[dict[str, Any]]:
    """What a phone's form may send for a session of ``routine``: only what the person changed."""
    blocks = st.fixed_dictionaries(
        {}, optional={block.exercise.id: _block_answers(block) for block in routine.blocks}
    )
    return st.fixed_dictionaries({"blocks": blocks}, optional={"pain_before": st.integers(0, 10)})


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_any_valid_session_form_round_trips_and_the_program_follows(
    shared: TestClient, data: st.DataObject
) -> None:
    """A person logs their first sessions in order, each as the program then prescribes it."""
    program_id = a_program(shared, 1)
    count = data.draw(st.integers(1, 4), label="sessions logged")
    expected = []
    for day in days(stored(shared, program_id))[:count]:
        before = stored(shared, program_id)
        week = next(w for w in before.weeks if any(s.date == day for s in w.sessions))
        answers = data.draw(_session_answers(week.routine), label=str(day))
        body = {"date": day.isoformat(), "answers": answers}
        answer = created(shared.post(f"/programs/{program_id}/logs", json=body))
        expected.append(ub.SessionLog.from_form(before, date=day, answers=answers))
        assert answer["log"] == ub.to_dict(expected[-1])
    stored_logs = shared.get(f"/programs/{program_id}/logs").json()["logs"]
    assert stored_logs == [ub.to_dict(log) for log in expected]
    assert stored(shared, program_id) == ub.plan(
        DESK, weeks=2, profile=ub.Profile(), catalog=CATALOG, start=MONDAY, logs=expected
    )


def test_the_next_session_with_the_advice_in_force(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    today = client.get(f"/programs/{program_id}/next").json()
    assert (today["on"], today["status"], today["date"], today["advice"]) == (
        "2026-01-05",
        "planned",
        "2026-01-05",
        None,
    )
    assert ub.from_dict(today["routine"], ub.Routine) == stored(client, program_id).weeks[0].routine
    answers = {"pain_during": 6}  # above the pain ceiling, 5/10: take care
    created(
        client.post(f"/programs/{program_id}/logs", json={"date": "2026-01-05", "answers": answers})
    )
    tuesday = client.get(f"/programs/{program_id}/next", params={"on": "2026-01-06"}).json()
    assert (tuesday["status"], tuesday["week"], tuesday["session"], tuesday["date"]) == (
        "planned",
        1,
        2,
        "2026-01-07",
    )
    assert ub.from_dict(tuesday["advice"], ub.Advice).level is ub.AdviceLevel.CONTINUE_WITH_CARE
    check_in = {"date": "2026-01-06", "report": {"days_since_onset": 30, "trend": "same"}}
    created(client.post(f"/programs/{program_id}/checkins", json=check_in))
    stopped = client.get(f"/programs/{program_id}/next", params={"on": "2026-01-06"}).json()
    assert (stopped["status"], stopped["session"], stopped["routine"]) == ("referred", None, None)
    assert stopped["reason"].startswith("See a healthcare professional before exercising again")


def test_after_the_last_session_the_program_has_ended(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}), weeks=1)
    ended = client.get(f"/programs/{program_id}/next", params={"on": "2026-02-01"}).json()
    assert (ended["status"], ended["date"]) == ("ended", None)


def test_a_bad_check_in_or_day_is_refused_at_its_path(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    check_in = {"date": "monday", "report": {"days_since_onset": -1, "trend": "same"}}
    found = problems(client.post(f"/programs/{program_id}/checkins", json=check_in))
    assert set(found) == {"$.date", "$.report.days_since_onset"}
    for route in ("next", "adherence", "adherence.html"):
        asked = client.get(f"/programs/{program_id}/{route}", params={"on": "5 Jan"})
        assert problems(asked) == {"$.on": 'must be a date written YYYY-MM-DD (got "5 Jan")'}


# -- the sheet, the calendar, the clinician's summary --------------------------------------


def test_the_sheet_is_the_programs_page(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    page = client.get(f"/programs/{program_id}/sheet")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    program = stored(client, program_id)
    assert page.text == ub.render.html(program, profile=program.profile)


def test_the_calendar_has_an_event_for_each_session_at_the_time_asked(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    answer = client.get(
        f"/programs/{program_id}/calendar.ics", params={"tz": "Europe/London", "time": "07:30"}
    )
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    assert [start.date() for start in starts] == days(stored(client, program_id))
    assert {(start.time(), str(start.tzinfo)) for start in starts} == {
        (dt.time(7, 30), "Europe/London")
    }


def test_a_bad_calendar_query_is_refused_at_its_paths(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    route = f"/programs/{program_id}/calendar.ics"
    assert set(problems(client.get(route))) == {"$.tz", "$.time"}
    found = problems(client.get(route, params={"tz": "Europe/London", "time": "7.30"}))
    assert found == {"$.time": 'must be a time of day written HH:MM (got "7.30")'}
    found = problems(client.get(route, params={"tz": "Mars/Olympus", "time": "25:00"}))
    assert set(found) == {"$.time"}
    assert set(problems(client.get(route, params={"tz": "Mars/Olympus", "time": "07:30"}))) == {
        "$.tz"
    }


def test_adherence_as_of_a_day_and_the_clinicians_page(client: TestClient) -> None:
    program_id = a_program(client, a_person(client, {}))
    body = {"date": "2026-01-05", "answers": {"blocks": {"wall-angel": {"skip_reason": "Tired."}}}}
    created(client.post(f"/programs/{program_id}/logs", json=body))
    logs = [
        ub.from_dict(d, ub.SessionLog)
        for d in client.get(f"/programs/{program_id}/logs").json()["logs"]
    ]
    program = stored(client, program_id)
    thursday = client.get(f"/programs/{program_id}/adherence", params={"on": "2026-01-08"})
    done = ub.from_dict(thursday.json(), ub.Adherence)
    assert done == ub.adherence(program, logs, on=dt.date(2026, 1, 8))
    assert (done.total.sessions_done, done.total.sessions_planned) == (1, 2)
    today = ub.from_dict(client.get(f"/programs/{program_id}/adherence").json(), ub.Adherence)
    assert today == ub.adherence(program, logs, on=MONDAY)
    page = client.get(f"/programs/{program_id}/adherence.html", params={"on": "2026-01-08"})
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text == ub.render.summary_html(done)
    assert "<svg" in page.text


# -- what is not there, and what is not JSON ------------------------------------------------

_ROUTES = [
    ("GET", "/people/{}"),
    ("POST", "/people/{}/compose"),
    ("POST", "/people/{}/programs"),
    ("GET", "/programs/{}"),
    ("POST", "/programs/{}/logs"),
    ("GET", "/programs/{}/logs"),
    ("POST", "/programs/{}/checkins"),
    ("GET", "/programs/{}/next"),
    ("GET", "/programs/{}/sheet"),
    ("GET", "/programs/{}/calendar.ics"),
    ("GET", "/programs/{}/adherence"),
    ("GET", "/programs/{}/adherence.html"),
]


@pytest.mark.parametrize(("method", "route"), _ROUTES)
def test_nothing_is_there_at_an_unknown_id(client: TestClient, method: str, route: str) -> None:
    what = "person" if route.startswith("/people") else "program"
    for id_ in ("999", "abc"):
        answer = client.request(method, route.format(id_), json={})
        details = answer.json()
        assert problems(answer, 404) == {"$": f"No {what} has the id {id_}."}
        assert details["title"] == "Not Found"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "must be given: a JSON object"),
        (b"   ", "must be given: a JSON object"),
        (b'{"height_cm": ', "must be JSON (Expecting value, line 1 column 15)"),
        (b'"\xff"', "must be JSON in UTF-8"),
        (b"[" * 100_000, "must be JSON nested less deeply"),
    ],
)
def test_a_body_that_is_not_json_is_refused_at_the_root(
    client: TestClient, body: bytes, message: str
) -> None:
    assert problems(client.post("/people", content=body)) == {"$": message}


def test_numbers_json_cannot_hold_are_refused_at_their_paths(client: TestClient) -> None:
    found = problems(client.post("/people", content=b'{"height_cm": NaN, "level": Infinity}'))
    assert found == {
        "$.height_cm": "must be a number of centimetres from 100 to 250 (got NaN)",
        "$.level": "must be a whole level from 1 to 5 (got Infinity)",
    }


# -- documents in SQLite --------------------------------------------------------------------


def test_every_value_is_stored_as_its_json_document(tmp_path: Path) -> None:
    database = tmp_path / "service.sqlite3"
    with _client(database) as client:
        program_id = a_program(client, a_person(client))
        created(client.post(f"/programs/{program_id}/logs", json={"date": "2026-01-05"}))
        check_in = {"date": "2026-01-06", "report": {"days_since_onset": 3, "trend": "better"}}
        created(client.post(f"/programs/{program_id}/checkins", json=check_in))
    with sqlite3.connect(database) as db:
        columns = {
            "profile": "SELECT profile FROM person",
            "program": "SELECT program FROM program",
            "session_log": "SELECT log FROM session_log",
            "symptom_report": "SELECT report FROM checkin",
        }
        for kind, sql in columns.items():
            (text,) = db.execute(sql).fetchone()
            assert json.loads(text)["kind"] == kind
            assert ub.dumps(ub.loads(text)) == text
    with _client(database) as again:  # the same people and programs, read back
        assert (
            ub.loads(again.get(f"/programs/{program_id}").text, ub.Program)
            .weeks[0]
            .sessions[0]
            .logged
        )


def test_the_database_is_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_DATABASE", str(tmp_path / "from-env.sqlite3"))
    with TestClient(create_app(today=lambda: MONDAY)) as client:
        a_person(client)
    assert (tmp_path / "from-env.sqlite3").exists()


# -- any request: a success or the library's problem details, never a server error ----------

_KEYS = st.sampled_from(
    [
        *ANSWERS,
        "minutes",
        "targets",
        "routine",
        "weeks",
        "start",
        "date",
        "answers",
        "blocks",
        "symptoms",
        "report",
        "trend",
        "days_since_onset",
    ]
) | st.text(max_size=6)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


def _resolves(document: Any, pointer: str) -> bool:
    """Whether a JSON Pointer names a place in ``document``."""
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, dict) and key in document:
            document = document[key]
        elif isinstance(document, list) and key.isdigit() and int(key) < len(document):
            document = document[int(key)]
        else:
            return False
    return True


def _answered_well(answer: httpx2.Response, body: Any) -> None:
    """A success, or problem details whose every path is in the body or a key it lacks."""
    if answer.status_code in (200, 201):
        return
    problems(answer, answer.status_code)
    assert answer.status_code in (409, 422)
    for error in answer.json()["errors"]:
        parent = error["pointer"].rsplit("/", 1)[0]
        assert _resolves(body, error["pointer"]) or _resolves(body, parent), error


_VALID_BODIES = {
    "/people": SAM,
    "/people/1/compose": GOAL,
    "/people/1/programs": {
        "routine": ub.to_dict(DESK)["data"],
        "weeks": 2,
        "start": "2026-01-05",
    },
    "/programs/1/logs": {
        "date": "2026-01-07",
        "answers": {"pain_during": 3, "blocks": {"wall-angel": {"done": [10, 8]}}},
        "symptoms": {"days_since_onset": 3, "trend": "better"},
    },
    "/programs/1/checkins": {
        "date": "2026-01-06",
        "report": {"days_since_onset": 3, "trend": "better", "pain_now": 2},
    },
}


def _near(value: Any) -> st.SearchStrategy[Any]:
    """Any JSON, or ``value`` with one place in it changed so, or a key added or taken away."""
    options: list[st.SearchStrategy[Any]] = [_JSON]
    if isinstance(value, dict):
        options += [_key_changed(value, key) for key in value]
        options.append(st.tuples(_KEYS, _JSON).map(lambda pair: {**value, pair[0]: pair[1]}))
    if isinstance(value, list):
        options += [_item_changed(value, i) for i in range(len(value))]
    return st.one_of(options)


def _key_changed(body: dict[str, Any], key: str) -> st.SearchStrategy[Any]:
    rest = {k: v for k, v in body.items() if k != key}

    def put(new: Any) -> dict[str, Any]:
        return {**rest, key: new}

    return st.just(rest) | st.deferred(lambda: _near(body[key])).map(put)


def _item_changed(items: list[Any], i: int) -> st.SearchStrategy[Any]:
    def put(new: Any) -> list[Any]:
        return [*items[:i], new, *items[i + 1 :]]

    return st.deferred(lambda: _near(items[i])).map(put)


_REQUESTS = st.one_of(
    [st.tuples(st.just(route), _near(body)) for route, body in _VALID_BODIES.items()]
)


@settings(max_examples=80, deadline=None)
@given(request=_REQUESTS)
@example(request=("/people", {**SAM, "equipment": ["chair", 3]}))
@example(request=("/people/1/compose", {"minutes": 5, "targets": [{"region": "elbow"}]}))
@example(request=("/programs/1/logs", {"date": "2026-01-07", "answers": {"blocks": []}}))
def test_any_body_gets_a_success_or_problems_at_its_paths(
    shared: TestClient, request: tuple[str, Any]
) -> None:
    route, body = request
    _answered_well(shared.post(route, json=body), body)


_QUERY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=30, deadline=None)
@given(
    route=st.sampled_from(["next", "adherence", "adherence.html", "calendar.ics"]),
    on=_QUERY_TEXT,
    tz=_QUERY_TEXT,
    time=_QUERY_TEXT,
)
@example(route="calendar.ics", on="", tz="../../etc/passwd", time="07:30")
@example(route="next", on="2026-01-31", tz="", time="")
def test_any_query_gets_a_success_or_problems_at_its_parameters(
    shared: TestClient, route: str, on: str, tz: str, time: str
) -> None:
    params = {"tz": tz, "time": time} if route == "calendar.ics" else {"on": on}
    answer = shared.get(f"/programs/1/{route}", params=params)
    _answered_well(answer, params)
