"""A profile from a form's answers (issue 19), and a goal that takes the person's level.

New back pain before 20 or after 50 is a red flag [R2*][R8*], so the
age bands are under 20, 20 to 50, and over 50; a Thera-Band's colour names
its level [D1].
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback.compose import compose, reach
from upperback.safety.answers import ANSWERS, age_band

CATALOG = ub.default_catalog()
DAY = dt.date(2027, 3, 1)


def test_a_whole_form_makes_the_profile_it_describes() -> None:
    answers = {
        "pregnancy_week": 14,
        "equipment": ["swiss_ball", "wall", "other:sandbag"],
        "band_colour": "yellow",
        "height_cm": 178,
        "age": 34,
        "conditions": ["hypermobility", "shoulder_instability"],
        "level": 2,
    }
    person = ub.Profile.from_answers(answers, on=DAY)
    assert person.pregnancy == ub.Pregnancy.at_week(14, on=DAY)
    assert person.on(DAY).conditions == {
        ub.Condition.HYPERMOBILITY,
        ub.Condition.SHOULDER_INSTABILITY,
        ub.Condition.PREGNANCY_SECOND_TRIMESTER,
    }
    assert person.kit == ub.Kit.of(
        ub.SwissBall.for_height(178),
        ub.Wall(),
        ub.OtherProp(name="sandbag"),
        ub.ResistanceBand.from_colour("yellow"),  # the colour adds the band
    )
    assert (person.height_cm, person.age_band, person.level) == (
        178.0,
        ub.AgeBand.FROM_20_TO_50,
        ub.Level.EASY,
    )


def test_a_band_named_with_its_colour_is_one_band_of_that_colour() -> None:
    person = ub.Profile.from_answers({"equipment": ["resistance_band"], "band_colour": "black"})
    assert person.kit == ub.Kit.of(ub.ResistanceBand.from_colour("black"))
    plain = ub.Profile.from_answers({"equipment": ["resistance_band"]})
    assert plain.kit == ub.Kit.from_names(["resistance_band"])


def test_dates_may_be_text_or_dates_and_make_dated_facts() -> None:
    person = ub.Profile.from_answers(
        {"due_date": "2027-08-02", "injury_date": dt.date(2027, 2, 3), "surgery_date": "2026-12-01"}
    )
    assert person.pregnancy == ub.Pregnancy(due=dt.date(2027, 8, 2))
    assert person.injuries == (ub.Injury(on=dt.date(2027, 2, 3)),)
    assert person.surgeries == (ub.Surgery(on=dt.date(2026, 12, 1)),)


def test_answers_left_empty_are_not_answered() -> None:
    assert ub.Profile.from_answers({}) == ub.Profile()
    assert ub.Profile.from_answers(dict.fromkeys(ANSWERS)) == ub.Profile()
    undated = ub.Profile.from_answers({"conditions": ["pregnancy_first_trimester"]})
    assert undated.conditions == {ub.Condition.PREGNANCY_FIRST_TRIMESTER}


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "under_20"),
        (19, "under_20"),
        (20, "20_to_50"),
        (50, "20_to_50"),
        (51, "over_50"),
        (130, "over_50"),
    ],
)
def test_an_age_is_read_as_its_band(age: int, band: str) -> None:
    assert age_band(age).value == band
    assert ub.Profile.from_answers({"age": age}).age_band == ub.AgeBand(band)


# Bad answers: every one reported, at its path ---------------------------------------------

BAD: dict[str, tuple[Any, str]] = {
    "pregnancy_week": (0, "$.pregnancy_week"),
    "equipment": (["wall", "swiss_bal"], "$.equipment[1]"),
    "band_colour": ("pink", "$.band_colour"),
    "height_cm": ("178", "$.height_cm"),
    "age": (True, "$.age"),
    "conditions": (["osteoporosis", "flu"], "$.conditions[1]"),
    "level": (6, "$.level"),
    "injury_date": ("2027-02-30", "$.injury_date"),
    "surgery_date": ("1 Dec 2026", "$.surgery_date"),
}


@given(st.lists(st.sampled_from(sorted(BAD)), min_size=1, unique=True))
@settings(max_examples=50)
def test_every_bad_answer_is_reported_at_its_path(keys: list[str]) -> None:
    answers = {key: BAD[key][0] for key in keys}
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.Profile.from_answers(answers, on=DAY)
    assert [problem.path for problem in caught.value.problems] == [BAD[key][1] for key in keys]
    details = caught.value.to_problem_details()
    assert details["status"] == 422
    assert [error["pointer"] for error in details["errors"]] == [
        BAD[key][1].removeprefix("$").replace(".", "/").replace("[", "/").rstrip("]")
        for key in keys
    ]
    json.dumps(details)  # plain data, ready for a JSON answer


@pytest.mark.parametrize(
    ("answers", "path", "words"),
    [
        ({"pregnancy_week": 43}, "$.pregnancy_week", "from 1 to 42 (got 43)"),
        ({"pregnancy_week": 14.0}, "$.pregnancy_week", "got 14.0"),
        ({"due_date": 20270802}, "$.due_date", "YYYY-MM-DD"),
        ({"equipment": "swiss_ball"}, "$.equipment", "must be a list of names"),
        ({"equipment": [7]}, "$.equipment[0]", "must be a name (text) (got 7)"),
        ({"conditions": [None]}, "$.conditions[0]", "must be a name (text) (got null)"),
        ({"conditions": ["osteoporosis", "osteoporosis"]}, "$.conditions[1]", "must not repeat"),
        ({"band_colour": 3}, "$.band_colour", "must be a band colour (text)"),
        ({"height_cm": 99}, "$.height_cm", "from 100 to 250"),
        ({"height_cm": float("nan")}, "$.height_cm", "from 100 to 250"),
        ({"age": 131}, "$.age", "from 0 to 130"),
        ({"level": "2"}, "$.level", 'got "2"'),
        ({"weight_kg": 70}, "$.weight_kg", "is not a question a profile reads"),
        ({"odd key": 1}, '$["odd key"]', "is not a question a profile reads"),
        ({3: 1}, "$[3]", "is not a question a profile reads"),
        ({"pregnancy_week": 20, "due_date": "2027-08-02"}, "$.due_date", "give one or the other"),
        ({"pregnancy_week": 20}, "$.pregnancy_week", "needs the day it was answered"),
        (
            {"due_date": "2027-08-02", "conditions": ["pregnancy_second_trimester"]},
            "$.conditions[0]",
            "must not be a trimester when",
        ),
        (
            {"conditions": ["pregnancy_first_trimester", "pregnancy_third_trimester"]},
            "$.conditions",
            "at most one pregnancy trimester",
        ),
    ],
)
def test_a_bad_answer_says_what_is_wanted(answers: dict[Any, Any], path: str, words: str) -> None:
    on = None if "pregnancy_week" in answers and "due_date" not in answers else DAY
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.Profile.from_answers(answers, on=on)
    problems = caught.value.problems
    assert [p.path for p in problems] == [path]
    assert words in problems[0].message
    assert str(caught.value).startswith("Invalid set of answers (1 problem)")


def test_answers_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.Profile.from_answers(["age", 30])  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", 'must be an object of answers (got ["age", 30])')
    ]
    with pytest.raises(ub.InvalidDocument, match=r"got <object"):
        ub.Profile.from_answers(object())  # type: ignore[arg-type]


def test_the_day_of_the_answers_must_be_a_date() -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.Profile.from_answers({}, on="2027-03-01")  # type: ignore[arg-type]
    assert caught.value.field == "on"


def test_a_long_bad_answer_is_shown_cut_short() -> None:
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.Profile.from_answers({"band_colour": "x" * 200})
    message = caught.value.problems[0].message
    assert message.endswith("…)")
    assert len(message) < 200


# Goal: the person's level by default ---------------------------------------------------------


@given(
    person_level=st.none() | st.sampled_from(ub.Level), stated=st.none() | st.sampled_from(ub.Level)
)
def test_a_goal_without_a_level_takes_the_persons(
    person_level: ub.Level | None, stated: ub.Level | None
) -> None:
    goal = ub.Goal.of(10, benefits=[ub.Benefit.FLEXIBILITY], level=stated)
    person = ub.Profile(level=person_level)
    expected = stated if stated is not None else person_level or ub.Level.MODERATE
    assert goal.level_for(person) == expected
    assert goal.level_for(None) == (stated or ub.Level.MODERATE)
    in_reach = 5 if person_level is None else min(5, int(person_level) + 1)
    assert reach(goal, person) == min(int(expected), in_reach)


def test_a_gentle_person_is_composed_a_gentle_routine_by_default() -> None:
    goal = ub.Goal.of(15, benefits=[ub.Benefit.FLEXIBILITY, ub.Benefit.STRENGTHEN_BACK])
    assert goal.level is None
    composed = compose(CATALOG, goal, profile=ub.Profile(level=ub.Level.GENTLE))
    assert composed.routine.blocks
    assert all(block.exercise.level == ub.Level.GENTLE for block in composed.routine.blocks)


def test_a_saved_goal_keeps_its_meaning() -> None:
    # A goal without "level" was saved as moderate, and still is; a goal that
    # leaves its level to the person says so with null.
    saved = (
        '{"upperback": 2, "kind": "goal",'
        ' "data": {"minutes": 10.0, "targets": [{"benefit": "flexibility"}]}}'
    )
    assert ub.loads(saved, ub.Goal).level is ub.Level.MODERATE
    assert (
        ub.Goal(minutes=10, targets=[ub.Target.of(ub.Benefit.FLEXIBILITY)]).level
        is ub.Level.MODERATE
    )
    goal = ub.Goal.of(10, benefits=[ub.Benefit.FLEXIBILITY])
    assert json.loads(ub.dumps(goal))["data"]["level"] is None
    assert ub.loads(ub.dumps(goal)) == goal
    with pytest.raises(ub.InvalidValue, match="'level' must be a Level"):
        ub.Goal(minutes=10, targets=[ub.Target.of(ub.Benefit.FLEXIBILITY)], level=3)  # type: ignore[arg-type]
