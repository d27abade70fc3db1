from __future__ import annotations

import copy
import json
from typing import Any

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import upperback as ub
from upperback import serialization as serialize
from upperback import strategies as ubst
from upperback._codec import envelope

EXERCISE = ub.Exercise(
    id="band-pull-apart",
    name="Band pull-apart",
    kind=ub.ExerciseKind.STRENGTHENING,
    position=ub.Position.STANDING,
    targets=[ub.Muscle.RHOMBOIDS, ub.Muscle.MIDDLE_TRAPEZIUS],
    cues=["Hold the band at shoulder height.", "Pull it apart, squeezing the shoulder blades."],
    default_dose=ub.Dose(sets=3, reps=12),
    props=[ub.PropNeed(kind=ub.PropKind.RESISTANCE_BAND)],
)


def document(value: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ub.dumps(value))
    return data


def problems(data: object, cls: type | None = None) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(data, cls)
    return [str(problem) for problem in info.value.problems]


@given(
    st.one_of(
        ubst.doses(),
        ubst.exercises(),
        ubst.kits(),
        ubst.routines(),
    )
)
def test_every_document_round_trips(value: object) -> None:
    text = ub.dumps(value)
    assert ub.loads(text) == value
    assert ub.loads(text, type(value)) == value
    assert ub.from_dict(ub.to_dict(value)) == value


@given(st.one_of(ubst.blocks(), ubst.sections(), ubst.props(), ubst.prop_needs(), ubst.sources()))
def test_every_value_round_trips_through_a_converter(value: object) -> None:
    converter = ub.make_converter()
    data = converter.unstructure(value)
    assert json.loads(json.dumps(data)) == data
    assert converter.structure(data, type(value)) == value


@given(ubst.routines())
def test_output_is_stable_and_plain_json(routine: ub.Routine) -> None:
    data = ub.to_dict(routine)
    assert json.loads(json.dumps(data)) == data
    assert ub.dumps(routine) == ub.dumps(ub.loads(ub.dumps(routine)))


def test_sets_are_sorted_and_defaults_omitted() -> None:
    data = document(EXERCISE)["data"]
    assert data["targets"] == ["middle_trapezius", "rhomboids"]
    assert data["default_dose"] == {"sets": 3, "reps": 12}
    assert "laterality" not in data
    assert data["props"] == [{"kind": "resistance_band"}]


def test_envelope() -> None:
    assert ub.to_dict(ub.Dose(reps=5)) == {"upperback": 2, "kind": "dose", "data": {"reps": 5}}
    assert ub.dumps(ub.Dose(reps=5), indent=2).startswith('{\n  "upperback": 2')


def test_bytes_load() -> None:
    assert ub.loads(ub.dumps(EXERCISE).encode()) == EXERCISE


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sets": "2"}, '$.data.sets: must be an integer (got "2")'),
        ({"sets": 3.9}, "$.data.sets: must be an integer (got 3.9)"),
        ({"sets": True}, "$.data.sets: must be an integer (got true)"),
        ({"sets": None}, "$.data.sets: must be an integer (got null)"),
        ({"per_side": 1}, "$.data.per_side: must be true or false (got 1)"),
        ({"band_level": "3"}, '$.data.band_level: must be one of 1, 2, 3, 4, 5, 6, 7, 8 (got "3")'),
        ({"band_level": 3.0}, "$.data.band_level: must be one of 1, 2, 3, 4, 5, 6, 7, 8 (got 3.0)"),
        ({"hold_s": 300}, "$.data.hold_s: must be an integer between 1 and 120 seconds (got 300)"),
        (
            {"colour": "red"},
            (
                "$.data.colour: is not a field of Dose (its fields are sets, reps, hold_s, tempo_s,"
                " rest_s, per_side, max_pain, max_effort, band_level)"
            ),
        ),
    ],
)
def test_wrong_types_are_errors_never_coerced(change: dict[str, Any], expected: str) -> None:
    data = {"upperback": 1, "kind": "dose", "data": {"reps": 5, **change}}
    assert problems(data) == [expected]


def test_enums_are_read_by_value_only() -> None:
    data = document(EXERCISE)
    data["data"]["kind"] = "STRENGTHENING"
    data["data"]["targets"] = ["rhomboids", 3]
    assert problems(data) == [
        (
            '$.data.kind: must be one of "static_stretch", "dynamic_mobility", "pnf_stretch", '
            '"strengthening", "motor_control", "breathing", "self_massage" (got "STRENGTHENING")'
        ),
        "$.data.targets[1]: must be one of "
        + ", ".join(f'"{m.value}"' for m in ub.Muscle)
        + " (got 3)",
    ]


def test_missing_fields_are_named() -> None:
    data = document(EXERCISE)
    del data["data"]["name"]
    del data["data"]["default_dose"]
    assert problems(data) == [
        "$.data.name: is required",
        "$.data.default_dose: is required",
    ]


def test_float_fields_take_json_integers_but_not_text() -> None:
    converter = ub.make_converter()
    assert converter.structure(3, float) == 3.0
    with pytest.raises(ub.InvalidValue, match="must be a finite number"):
        converter.structure("3", float)
    with pytest.raises(ub.InvalidValue, match="must be text"):
        converter.structure(3, str)


def test_nested_problems_have_full_paths() -> None:
    routine = ub.Routine.of("Desk reset", main=[ub.Block(exercise=EXERCISE, dose=ub.Dose(reps=5))])
    data = document(routine)
    data["data"]["sections"][0]["blocks"][0]["exercise"]["default_dose"]["hold_s"] = 300
    data["data"]["sections"][0]["blocks"][0]["dose"]["rest_s"] = -5
    assert problems(data) == [
        (
            "$.data.sections[0].blocks[0].exercise.default_dose.hold_s: "
            "must be an integer between 1 and 120 seconds (got 300)"
        ),
        (
            "$.data.sections[0].blocks[0].dose.rest_s: "
            "must be an integer between 0 and 300 seconds (got -5)"
        ),
    ]


def test_cross_field_problems_name_the_field() -> None:
    routine = ub.Routine.of("Desk reset", main=[EXERCISE], cool_down=[EXERCISE])
    data = document(routine)
    data["data"]["sections"][0]["role"] = "cool_down"
    data["data"]["sections"][1]["role"] = "warm_up"
    assert problems(data) == [
        (
            "$.data.sections[1].role: must not come before the role of an earlier section "
            '(warm_up, then main, then cool_down) (got "warm_up")'
        )
    ]


def test_prop_union_is_tagged_and_input_is_not_mutated() -> None:
    kit = ub.Kit.of(ub.SwissBall(diameter_cm=65), ub.Mat())
    data = document(kit)
    assert data["data"]["props"] == [{"type": "swiss_ball", "diameter_cm": 65}, {"type": "mat"}]
    before = copy.deepcopy(data)
    assert ub.from_dict(data) == kit
    assert data == before


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ([{"type": "ball"}], '$.data.props[0].type: must be one of "swiss_ball", '),
        ([{"diameter_cm": 65}], '$.data.props[0].type: is required: one of "swiss_ball", '),
        (["mat"], """$.data.props[0]: must be an object with a 'type' key (got "mat")"""),
        (
            [{"type": "swiss_ball", "diameter_cm": 20}],
            "$.data.props[0].diameter_cm: must be an integer",
        ),
        ([{"type": "mat", "size": 1}], "$.data.props[0].size: is not a field of Mat"),
    ],
)
def test_bad_props(props: list[Any], expected: str) -> None:
    (problem,) = problems({"upperback": 1, "kind": "kit", "data": {"props": props}})
    assert problem.startswith(expected)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], ["$: must be a JSON object with upperback, kind and data (got [])"]),
        ({}, ["$.upperback: is required", "$.kind: is required", "$.data: is required"]),
        (
            {"upperback": 1, "kind": "dose", "data": {"reps": 1}, "extra": 1},
            ["$.extra: is not a document field (the fields are upperback, kind and data)"],
        ),
        (
            {"upperback": 0, "kind": "dose", "data": {}},
            ["$.upperback: must be a schema version, an integer >= 1 (got 0)"],
        ),
        (
            {"upperback": "1", "kind": "dose", "data": {}},
            ['$.upperback: must be a schema version, an integer >= 1 (got "1")'],
        ),
        (
            {"upperback": 99, "kind": "dose", "data": {}},
            [
                (
                    "$.upperback: was written by a newer upperback (schema 99);"
                    " this one reads up to schema 2"
                )
            ],
        ),
        (
            {"upperback": 1, "kind": "workout", "data": {}},
            [
                (
                    f"$.kind: must be one of {', '.join(sorted(serialize.DOCUMENT_KINDS))}"
                    ' (got "workout")'
                )
            ],
        ),
    ],
)
def test_envelope_problems(data: object, expected: list[str]) -> None:
    assert problems(data) == expected


def test_a_document_of_another_kind_is_refused() -> None:
    assert problems(ub.to_dict(ub.Dose(reps=1)), ub.Kit) == ['$.kind: must be kit (got "dose")']


def test_not_json() -> None:
    with pytest.raises(ub.InvalidDocument, match=r"\$: is not valid JSON"):
        ub.loads("{")
    with pytest.raises(ub.InvalidDocument, match=r"\$: is not UTF-8 text"):
        ub.loads(b"\xff")


def test_only_document_kinds_serialize() -> None:
    with pytest.raises(TypeError, match="Cannot serialize a Towel"):
        ub.dumps(ub.Towel())
    with pytest.raises(TypeError, match="Cannot load a"):
        ub.from_dict(ub.to_dict(ub.Dose(reps=1)), ub.Towel)


def test_older_documents_are_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the library moved to schema 3, where doses renamed nothing but
    # doubled sets: a schema-1 or -2 document must be upgraded on load.
    monkeypatch.setattr(envelope, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(
        envelope.MIGRATIONS, ("dose", 2), lambda data: {**data, "sets": data.get("sets", 1) * 2}
    )
    for version in (1, 2):
        old = {"upperback": version, "kind": "dose", "data": {"sets": 2, "reps": 5}}
        assert ub.from_dict(old) == ub.Dose(sets=4, reps=5)
    assert ub.from_dict(
        {"upperback": 3, "kind": "dose", "data": {"sets": 2, "reps": 5}}
    ) == ub.Dose(sets=2, reps=5)
    # Kinds without a migration for a version pass through unchanged.
    assert ub.from_dict({"upperback": 2, "kind": "kit", "data": {}}) == ub.Kit()


def test_configure_an_apps_own_converter() -> None:
    converter = cattrs.Converter()
    ub.configure_converter(converter)
    data = converter.unstructure(EXERCISE)
    assert converter.structure(data, ub.Exercise) == EXERCISE
    with pytest.raises(ub.InvalidDocument, match=r"\$\.unknown: is not a field of Exercise"):
        converter.structure({**data, "unknown": 1}, ub.Exercise)


def test_a_fast_converter_for_trusted_input() -> None:
    converter = ub.make_converter(detailed_validation=False)
    data = converter.unstructure(EXERCISE)
    assert converter.structure(data, ub.Exercise) == EXERCISE


def test_problems_without_detailed_validation_still_have_paths() -> None:
    converter = ub.make_converter(detailed_validation=False)
    with pytest.raises(ub.InvalidDocument) as info:
        converter.structure({"hold_s": 300}, ub.Dose)
    assert [str(p) for p in info.value.problems] == [
        "$.hold_s: must be an integer between 1 and 120 seconds (got 300)"
    ]


def test_to_dict_gives_plain_json_types() -> None:
    data = ub.to_dict(EXERCISE)["data"]
    assert type(data["kind"]) is str
    assert all(type(target) is str for target in data["targets"])
    level = ub.to_dict(ub.Dose(reps=1, band_level=ub.BandLevel.HEAVY))["data"]["band_level"]
    assert type(level) is int


def test_a_repeated_item_in_a_set_is_an_error_not_dropped() -> None:
    routine = ub.Routine.of("Desk reset", main=[EXERCISE])
    data = document(routine)
    data["data"]["sections"][0]["blocks"][0]["exercise"]["targets"] = ["rhomboids", "rhomboids"]
    assert problems(data) == [
        (
            "$.data.sections[0].blocks[0].exercise.targets[1]: must not repeat an earlier item"
            ' (got "rhomboids")'
        )
    ]
    data = document(routine)
    data["data"]["tags"] = ["desk", "desk"]
    assert problems(data) == ['$.data.tags[1]: must not repeat an earlier item (got "desk")']
