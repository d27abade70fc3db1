from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

import upperback as ub
from upperback import strategies as ubst


def make(**changes: Any) -> ub.Exercise:
    fields: dict[str, Any] = {
        "id": "wall-angel",
        "name": "Wall angel",
        "kind": ub.ExerciseKind.STRENGTHENING,
        "position": ub.Position.STANDING,
        "targets": [ub.Muscle.LOWER_TRAPEZIUS, ub.Muscle.SERRATUS_ANTERIOR],
        "cues": ["Stand with your back to a wall.", "Slide your arms up slowly."],
        "default_dose": ub.Dose(sets=2, reps=10),
        "props": [ub.PropNeed(kind=ub.PropKind.WALL)],
        "sources": [ub.Source(key="A7", url="https://doi.org/10.1249/MSS.0b013e318213fefb")],
    }
    fields.update(changes)
    return ub.Exercise(**fields)


def test_a_valid_exercise_normalises_its_containers() -> None:
    exercise = make(aliases=["Wall slide"], movements=[ub.Movement.SCAPULAR_UPWARD_ROTATION])
    assert exercise.targets == frozenset({ub.Muscle.LOWER_TRAPEZIUS, ub.Muscle.SERRATUS_ANTERIOR})
    assert exercise.cues == ("Stand with your back to a wall.", "Slide your arms up slowly.")
    assert exercise.aliases == ("Wall slide",)
    assert exercise.regions == {ub.Region.SHOULDER_BLADES}
    assert exercise.required_props == {ub.PropKind.WALL}
    assert not exercise.is_one_sided


def test_optional_props_are_not_required() -> None:
    exercise = make(props=[ub.PropNeed(kind=ub.PropKind.MAT, required=False)])
    assert exercise.required_props == frozenset()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "Wall Angel"}, "id"),
        ({"id": "wall--angel"}, "id"),
        ({"id": ""}, "id"),
        ({"name": ""}, "name"),
        ({"name": " Wall angel"}, "name"),
        ({"kind": "strengthening"}, "kind"),
        ({"position": "standing"}, "position"),
        ({"targets": []}, "targets"),
        ({"targets": ["rhomboids"]}, "targets"),
        ({"targets": "rhomboids"}, "targets"),
        ({"cues": []}, "cues"),
        ({"cues": "Stand."}, "cues"),
        ({"cues": ["Stand.", ""]}, "cues[1]"),
        ({"default_dose": {"reps": 5}}, "default_dose"),
        ({"aliases": ["A", "A"]}, "aliases"),
        ({"movements": ["extension"]}, "movements"),
        ({"benefits": [1]}, "benefits"),
        ({"props": [ub.PropKind.WALL]}, "props[0]"),
        ({"props": [ub.PropNeed(kind=ub.PropKind.WALL)] * 2}, "props"),
        ({"laterality": "bilateral"}, "laterality"),
        ({"level": 2}, "level"),
        ({"features": ["supine"]}, "features"),
        ({"easier": "Not A Slug"}, "easier"),
        ({"harder": "wall-angel"}, "harder"),
        ({"easier": "a", "harder": "a"}, "harder"),
        ({"precautions": [" x"]}, "precautions[0]"),
        ({"dose_note": ""}, "dose_note"),
        ({"sources": ["E13*"]}, "sources[0]"),
        ({"sources": [ub.Source(key="A", url="https://a.org")] * 2}, "sources"),
        ({"default_dose": ub.Dose(reps=5, per_side=True)}, "default_dose.per_side"),
    ],
)
def test_invalid_exercises_name_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make(**changes)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field!r} ")


def test_a_per_side_dose_suits_a_one_sided_exercise() -> None:
    exercise = make(
        laterality=ub.Laterality.UNILATERAL, default_dose=ub.Dose(hold_s=30, per_side=True)
    )
    assert exercise.is_one_sided


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": ""}, "key"),
        ({"url": "ftp://x"}, "url"),
        ({"url": ""}, "url"),
        ({"note": ""}, "note"),
    ],
)
def test_invalid_sources(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Source(**{"key": "A2", "url": "https://a.org", **changes})
    assert info.value.field == field


def test_secondary_sources_are_marked() -> None:
    assert ub.Source(key="E13*", url="https://a.org").is_secondary
    assert not ub.Source(key="A2", url="https://a.org").is_secondary


@given(ubst.exercises())
def test_generated_exercises_are_valid_and_evolve_is_validated(exercise: ub.Exercise) -> None:
    assert attrs.evolve(exercise) == exercise
    with pytest.raises(ub.InvalidValue):
        attrs.evolve(exercise, targets=frozenset())


def test_every_benefit_states_its_evidence_with_a_source() -> None:
    for benefit in ub.Benefit:
        assert "[" in benefit.evidence
    assert "Weakly supported" in ub.Benefit.WELL_BEING.evidence


def test_every_muscle_has_a_region() -> None:
    assert {muscle.region for muscle in ub.Muscle} <= set(ub.Region)


def test_stretch_kinds() -> None:
    assert ub.ExerciseKind.STATIC_STRETCH.is_stretch
    assert ub.ExerciseKind.PNF_STRETCH.is_stretch
    assert not ub.ExerciseKind.STRENGTHENING.is_stretch
