"""An exercise's own dose limits, a person's hold range and band ceiling (DOMAIN §1.1, §6, §7)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.dose import hold_range_s
from upperback.safety.person import BAND_CEILINGS, adjusted_dose, band_ceiling

CATALOG = ub.default_catalog()


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"sets": 0}, "sets", "must be an integer between 1 and 10"),
        ({"reps": 51}, "reps", "must be an integer between 1 and 50"),
        ({"hold_s": 121}, "hold_s", "must be an integer between 1 and 120 seconds"),
    ],
)
def test_a_limit_outside_a_doses_own_bounds_is_refused(
    fields: dict[str, int], field: str, reason: str
) -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.DoseLimits(**fields)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_limits_cap_only_the_numbers_above_them_and_say_what_they_are() -> None:
    limits = ub.DoseLimits(sets=3, reps=15, hold_s=10)
    assert limits.describe() == "sets up to 3, reps up to 15, holds up to 10 s"
    assert ub.DoseLimits().describe() == ""
    dose = ub.Dose(sets=4, reps=12, hold_s=12)
    assert limits.cap(dose) == ub.Dose(sets=3, reps=12, hold_s=10)
    within = ub.Dose(sets=2, reps=10)
    assert limits.cap(within) is within
    assert (limits.of("hold_s"), limits.of("band_level"), ub.DoseLimits().of("sets")) == (
        10,
        None,
        None,
    )
    assert [p.field for p in limits.problems(dose, "dose")] == ["dose.sets", "dose.hold_s"]


def test_an_exercises_default_dose_must_keep_within_its_own_limits() -> None:
    ball = CATALOG["thoracic-extension-swiss-ball"]
    with pytest.raises(ub.InvalidValue) as caught:
        attrs.evolve(ball, dose_limits=ub.DoseLimits(hold_s=10))
    assert caught.value.field == "default_dose.hold_s"
    assert caught.value.reason == (
        "must be at most 10 seconds, the exercise's own limit (dose_limits.hold_s)"
    )
    with pytest.raises(ub.InvalidValue) as caught:
        attrs.evolve(ball, dose_limits={"hold_s": 15})  # type: ignore[arg-type]
    assert caught.value.field == "dose_limits"


def test_a_document_gives_every_problem_of_its_limits_with_its_path() -> None:
    data = ub.to_dict(CATALOG["thoracic-extension-swiss-ball"])
    assert data["data"]["dose_limits"] == {"hold_s": 15}
    assert ub.from_dict(data) == CATALOG["thoracic-extension-swiss-ball"]
    assert "dose_limits" not in ub.to_dict(CATALOG["doorway-pec-stretch"])["data"]
    data["data"]["dose_limits"] = {"hold_s": 10}
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.from_dict(data)
    assert [p.path for p in caught.value.problems] == ["$.data.default_dose.hold_s"]
    data["data"]["dose_limits"] = {"hold_s": 0, "sets": "3"}
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.from_dict(data)
    assert sorted(p.path for p in caught.value.problems) == [
        "$.data.dose_limits.hold_s",
        "$.data.dose_limits.sets",
    ]


@settings(max_examples=50, deadline=None)
@given(exercise=ubst.exercises())
def test_every_drawn_exercise_keeps_its_default_dose_within_its_limits(
    exercise: ub.Exercise,
) -> None:
    assert exercise.dose_limits.cap(exercise.default_dose) == exercise.default_dose
    assert ub.loads(ub.dumps(exercise)) == exercise


def test_the_catalogs_limits_are_the_ones_its_dose_notes_give() -> None:
    # DOMAIN §7: the exercises whose own sources give a narrower dose than ACSM's.
    expected = {
        "thoracic-extension-swiss-ball": ub.DoseLimits(hold_s=15),  # 10–15 s [E11*]
        "chin-tuck": ub.DoseLimits(reps=15, hold_s=10),  # to 10 s, 10–15 reps
        "thoracic-extension-foam-roller": ub.DoseLimits(reps=5, hold_s=3),  # ~5, 2–3 s
        "quadruped-thoracic-rotation": ub.DoseLimits(reps=7),  # 5–7 each side [E9*]
        "wall-angel": ub.DoseLimits(sets=3, reps=15),  # 2–3 × 10–15 [E13*]
    }
    for exercise_id, limits in expected.items():
        assert CATALOG[exercise_id].dose_limits == limits
    for exercise in CATALOG:
        assert exercise.dose_limits.cap(exercise.default_dose) == exercise.default_dose


def test_an_exercises_limit_narrows_the_persons_hold_range() -> None:
    static = ub.ExerciseKind.STATIC_STRETCH
    limits = ub.DoseLimits(hold_s=15)
    assert hold_range_s(static, older_adult=False, limits=limits) == (10, 15)
    assert hold_range_s(static, older_adult=True, limits=ub.DoseLimits(hold_s=45)) == (30, 45)
    assert hold_range_s(static, older_adult=True, limits=ub.DoseLimits()) == (30, 60)
    with pytest.raises(ub.InvalidValue) as caught:
        hold_range_s(static, older_adult=True, limits={"hold_s": 15})  # type: ignore[arg-type]
    assert caught.value.field == "limits"


def test_a_starting_dose_keeps_within_the_exercises_limits() -> None:
    # An older adult holds 30–60 s [A1][A2], but not past an exercise's own 10–15 s.
    older = ub.Profile(age_band=ub.AgeBand.OVER_50)
    ball = CATALOG["thoracic-extension-swiss-ball"]
    assert older.starting_dose(ball) == ball.default_dose
    novice = ub.Dose(sets=2, reps=8)
    strength = ub.ExerciseKind.STRENGTHENING
    assert adjusted_dose(strength, novice, older_adult=False, novice=True).reps == 10
    capped = adjusted_dose(
        strength, novice, older_adult=False, novice=True, limits=ub.DoseLimits(reps=9)
    )
    assert capped.reps == 9


@pytest.mark.parametrize("level", list(ub.Level))
def test_each_level_has_a_band_ceiling_that_never_falls_as_the_level_rises(
    level: ub.Level,
) -> None:
    # DOMAIN §6 [D1]: tan/yellow early rehab, red/green to start, blue and above advanced.
    ceiling = band_ceiling(level)
    assert ceiling == BAND_CEILINGS[level]
    lower = [band_ceiling(other) for other in ub.Level if other < level]
    assert all(band <= ceiling for band in lower)
    if level <= ub.Level.MODERATE:
        assert ceiling <= ub.BandLevel.HEAVY  # green at most: no blue before "advanced"


def test_an_unknown_level_has_no_band_ceiling_and_a_wrong_one_is_refused() -> None:
    assert band_ceiling(None) is ub.BandLevel.MAX
    with pytest.raises(ub.InvalidValue) as caught:
        band_ceiling(3)  # type: ignore[arg-type]
    assert caught.value.field == "level"


@given(st.integers(1, 7))
def test_check_recovery_names_the_field_it_is_given(sessions: int) -> None:
    pull = [ub.Block(exercise=CATALOG["band-pull-apart"])]
    if sessions <= 3:
        ub.check_recovery(pull, sessions, field="goal.sessions_per_week")
        return
    with pytest.raises(ub.InvalidValue) as caught:
        ub.check_recovery(pull, sessions, field="goal.sessions_per_week")
    assert (caught.value.field, caught.value.value) == ("goal.sessions_per_week", sessions)


def test_the_frequency_rule_refuses_a_count_that_is_not_one_to_seven() -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.routine.recovery_problem(8)
    assert caught.value.field == "sessions_per_week"
