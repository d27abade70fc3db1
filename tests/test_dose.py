from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.dose import DEFAULT_TEMPO_S, MAX_HOLD_S, MAX_REPS, MAX_REST_S, MAX_SETS


@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"sets": 0, "reps": 5}, "sets", 0),
        ({"sets": MAX_SETS + 1, "reps": 5}, "sets", MAX_SETS + 1),
        ({"sets": 2.0, "reps": 5}, "sets", 2.0),
        ({"sets": True, "reps": 5}, "sets", True),
        ({"reps": 0}, "reps", 0),
        ({"reps": MAX_REPS + 1}, "reps", MAX_REPS + 1),
        ({"reps": "10"}, "reps", "10"),
        ({"hold_s": 0}, "hold_s", 0),
        ({"hold_s": MAX_HOLD_S + 1}, "hold_s", MAX_HOLD_S + 1),
        ({"hold_s": 300}, "hold_s", 300),
        ({}, "reps", None),
        ({"reps": 5, "tempo_s": 0}, "tempo_s", 0),
        ({"hold_s": 30, "tempo_s": 3}, "tempo_s", 3),
        ({"reps": 5, "rest_s": -1}, "rest_s", -1),
        ({"reps": 5, "rest_s": MAX_REST_S + 1}, "rest_s", MAX_REST_S + 1),
        ({"reps": 5, "per_side": 1}, "per_side", 1),
        ({"reps": 5, "max_pain": 11}, "max_pain", 11),
        ({"reps": 5, "max_effort": -1}, "max_effort", -1),
        ({"reps": 5, "band_level": 3}, "band_level", 3),
    ],
)
def test_invalid_doses_name_field_and_value(
    kwargs: dict[str, Any], field: str, value: object
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Dose(**kwargs)
    assert info.value.field == field
    assert info.value.value == value
    assert str(info.value).startswith(f"{field!r} ")
    assert f"(got {value!r})" in str(info.value)


def test_hold_bounds_are_stated_in_the_message() -> None:
    with pytest.raises(
        ub.InvalidValue, match=r"'hold_s' must be an integer between 1 and 120 seconds \(got 300\)"
    ):
        ub.Dose(hold_s=300)


@pytest.mark.parametrize(
    ("dose", "laterality", "seconds"),
    [
        (ub.Dose(hold_s=30), ub.Laterality.BILATERAL, 30),
        (ub.Dose(sets=2, hold_s=30), ub.Laterality.BILATERAL, 30 + 30 + 30),
        (ub.Dose(sets=2, hold_s=30, rest_s=0, per_side=True), ub.Laterality.UNILATERAL, 120),
        (ub.Dose(sets=2, hold_s=30, rest_s=0, per_side=False), ub.Laterality.UNILATERAL, 60),
        (
            ub.Dose(sets=3, reps=10, rest_s=60),
            ub.Laterality.BILATERAL,
            3 * 10 * DEFAULT_TEMPO_S + 2 * 60,
        ),
        (ub.Dose(reps=10, tempo_s=4), ub.Laterality.BILATERAL, 40),
        (ub.Dose(reps=10, tempo_s=2, hold_s=5), ub.Laterality.BILATERAL, 70),
        (ub.Dose(reps=8, tempo_s=2, per_side=True), ub.Laterality.ALTERNATING, 32),
    ],
)
def test_duration(dose: ub.Dose, laterality: ub.Laterality, seconds: int) -> None:
    assert dose.duration_s(laterality) == seconds


@given(ubst.doses(), st.sampled_from(ub.Laterality))
@example(ub.Dose(sets=MAX_SETS - 1, hold_s=120, rest_s=300), ub.Laterality.UNILATERAL)
def test_one_more_set_adds_one_set_and_one_rest(dose: ub.Dose, laterality: ub.Laterality) -> None:
    if dose.sets < MAX_SETS:
        more = attrs.evolve(dose, sets=dose.sets + 1)
        one = attrs.evolve(dose, sets=1)
        added = more.duration_s(laterality) - dose.duration_s(laterality)
        assert added == one.duration_s(laterality) + dose.rest_s
        assert more.work_s(laterality) - dose.work_s(laterality) == one.work_s(laterality)


@given(ubst.doses(), st.sampled_from(ub.Laterality))
def test_a_single_set_has_no_rest(dose: ub.Dose, laterality: ub.Laterality) -> None:
    one = attrs.evolve(dose, sets=1)
    assert one.duration_s(laterality) == attrs.evolve(one, rest_s=0).duration_s(laterality)
    assert one.duration_s(laterality) == one.work_s(laterality) > 0


def test_a_dose_alone_is_not_a_session() -> None:
    # 1 x 30 s per side: 60 s of work; as a routine's only block, 10 s to get ready,
    # 30 s, 5 s to switch sides and 30 s more.
    dose = ub.Dose(hold_s=30, per_side=True)
    assert dose.duration_s(ub.Laterality.UNILATERAL) == 60
    exercise = ub.Exercise(
        id="side-stretch",
        name="Side stretch",
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.STANDING,
        targets={ub.Muscle.LATISSIMUS_DORSI},
        cues=["Reach up and over."],
        default_dose=dose,
        laterality=ub.Laterality.UNILATERAL,
    )
    routine = ub.Routine.of("Side", main=[exercise])
    assert routine.duration().total_seconds() == 75


@given(ubst.doses(per_side=True))
def test_per_side_doubles_work_only_for_one_sided_exercises(dose: ub.Dose) -> None:
    both = dose.work_s(ub.Laterality.BILATERAL)
    assert dose.work_s(ub.Laterality.UNILATERAL) == 2 * both
    assert dose.work_s(ub.Laterality.ALTERNATING) == 2 * both


@given(ubst.doses(), st.integers(1, MAX_SETS))
def test_more_sets_never_take_less_time(dose: ub.Dose, sets: int) -> None:
    other = ub.Dose(**{**_fields(dose), "sets": sets})
    if sets >= dose.sets:
        assert other.duration_s(ub.Laterality.BILATERAL) >= dose.duration_s(ub.Laterality.BILATERAL)


def _fields(dose: ub.Dose) -> dict[str, Any]:
    return attrs.asdict(dose, recurse=False)


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (ub.Dose(sets=2, reps=12), "2 × 12 reps"),
        (ub.Dose(sets=3, hold_s=30, per_side=True), "3 × 30 s hold, each side"),
        (ub.Dose(sets=1, reps=10, hold_s=5), "1 × 10 reps, 5 s hold each"),
    ],
)
def test_describe(dose: ub.Dose, text: str) -> None:
    assert dose.describe() == text


def test_doses_are_immutable_values() -> None:
    dose = ub.Dose(reps=5)
    with pytest.raises(AttributeError):
        dose.reps = 6  # type: ignore[misc]
    assert dose == ub.Dose(reps=5)
    assert hash(dose) == hash(ub.Dose(reps=5))
