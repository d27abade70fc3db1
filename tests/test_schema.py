"""The JSON Schema of every document kind holds what the library writes and reads."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from tests._explicit import explicit_converter
from upperback import _validate, cli, dose
from upperback import serialization as serialize
from upperback._codec.converter import default_converter
from upperback._codec.walk import structure
from upperback.serialization import _schema

DOCUMENTS = Path(__file__).parent / "documents"
KINDS = sorted(serialize.DOCUMENT_KINDS)


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(ub.json_schema(kind))


def saved(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (DOCUMENTS / f"v{ub.SCHEMA_VERSION}" / f"{kind}.json").read_text("utf-8")
    )
    return data


def schema_errors(kind: str, document: object) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(document)]


# -- every document the library writes is valid -------------------------------


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15)  # drawing whole routines and catalogs is the slow part
@given(data=st.data())
def test_every_written_document_is_valid(kind: str, data: st.DataObject) -> None:
    value = data.draw(st.from_type(serialize.DOCUMENT_KINDS[kind]))
    assert schema_errors(kind, ub.to_dict(value)) == []


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=8)
@given(data=st.data())
def test_documents_with_every_default_written_are_valid_and_read(
    kind: str, data: st.DataObject
) -> None:
    cls = serialize.DOCUMENT_KINDS[kind]
    value = data.draw(st.from_type(cls))
    document = {
        "upperback": ub.SCHEMA_VERSION,
        "kind": kind,
        "data": explicit_converter().unstructure(value),
    }
    assert schema_errors(kind, document) == []
    assert ub.from_dict(document, cls) == value


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_a_valid_2020_12_schema(kind: str) -> None:
    schema = ub.json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://upperback.invalid/schema/v{ub.SCHEMA_VERSION}/{kind}.json"
    assert schema["properties"]["kind"]["const"] == kind
    assert schema["properties"]["upperback"]["const"] == ub.SCHEMA_VERSION


@pytest.mark.parametrize("kind", KINDS)
def test_saved_documents_are_valid(kind: str) -> None:
    assert schema_errors(kind, saved(kind)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_forbids_unknown_keys(kind: str) -> None:
    schema = ub.json_schema(kind)
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    assert all(o["additionalProperties"] is False for o in objects)


def test_a_class_names_the_same_schema_as_its_kind() -> None:
    assert ub.json_schema(ub.Dose) == ub.json_schema("dose")
    assert ub.json_schema(ub.Routine) == ub.json_schema("routine")


def test_the_schema_is_deterministic() -> None:
    first = {kind: ub.json_schema(kind) for kind in KINDS}
    second = {kind: ub.json_schema(kind) for kind in reversed(KINDS)}
    assert first == second
    for kind in KINDS:
        text = json.dumps(first[kind], sort_keys=True)
        assert json.dumps(second[kind], sort_keys=True) == text
        assert json.dumps(first[kind]) == json.dumps(ub.json_schema(kind))


def test_the_schema_is_a_fresh_value_each_time() -> None:
    schema = ub.json_schema("dose")
    schema["$defs"].clear()
    assert ub.json_schema("dose")["$defs"]


# -- bad documents are refused by the schema and by the library --------------


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def _drop(document: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return changed


DOSE = {"upperback": ub.SCHEMA_VERSION, "kind": "dose", "data": {"sets": 2, "reps": 12}}

BAD = {
    "extra key in data": ("dose", _set(DOSE, ("data", "weight_kg"), 5)),
    "extra key in the envelope": ("dose", _set(DOSE, ("note",), "hi")),
    "extra key in a prop": ("kit", _set(saved("kit"), ("data", "props", 2, "diameter_cm"), 65)),
    "text for an integer": ("dose", _set(DOSE, ("data", "reps"), "12")),
    "a bool for an integer": ("dose", _set(DOSE, ("data", "reps"), True)),  # noqa: FBT003
    "an integer for a bool": ("dose", _set(DOSE, ("data", "per_side"), 1)),
    "null for a field without None": ("dose", _set(DOSE, ("data", "sets"), None)),
    "a list for an object": ("profile", _set(saved("profile"), ("data", "kit"), [])),
    "unknown text enum value": (
        "symptom_report",
        _set(saved("symptom_report"), ("data", "trend"), "sideways"),
    ),
    "unknown integer enum value": ("dose", _set(DOSE, ("data", "band_level"), 9)),
    "unknown enum value in a set": (
        "profile",
        _set(saved("profile"), ("data", "conditions"), ["gout"]),
    ),
    "unknown prop tag": ("kit", _set(saved("kit"), ("data", "props", 2, "type"), "trampoline")),
    "prop without a tag": ("kit", _drop(saved("kit"), ("data", "props", 2, "type"))),
    "missing required field": ("kit", _drop(saved("kit"), ("data", "props", 0, "diameter_cm"))),
    "missing required field in data": (
        "symptom_report",
        _drop(saved("symptom_report"), ("data", "trend")),
    ),
    "missing data": ("dose", _drop(DOSE, ("data",))),
    "newer schema version": ("dose", _set(DOSE, ("upperback",), ub.SCHEMA_VERSION + 1)),
    "another kind": ("dose", _set(DOSE, ("kind",), "kit")),
    "a dose above its bound": ("dose", _set(DOSE, ("data", "sets"), 11)),
    "a dose below its bound": ("dose", _set(DOSE, ("data", "rest_s"), -1)),
    "an id that is not a slug": ("exercise", _set(saved("exercise"), ("data", "id"), "Cat Camel")),
    "a fixed bound in a nested dose": (
        "routine",
        _set(saved("routine"), ("data", "sections", 0, "blocks", 0, "dose"), {"hold_s": 121}),
    ),
}


@pytest.mark.parametrize(("kind", "document"), BAD.values(), ids=BAD.keys())
def test_bad_documents_are_refused_by_schema_and_library(kind: str, document: object) -> None:
    assert schema_errors(kind, document)
    with pytest.raises(ub.InvalidDocument):
        ub.from_dict(document, serialize.DOCUMENT_KINDS[kind])


# -- the schema never refuses what the library reads --------------------------


def test_an_explicit_null_is_read_as_none_and_is_valid() -> None:
    document = _set(DOSE, ("data", "hold_s"), None)
    assert schema_errors("dose", document) == []
    assert ub.from_dict(document) == ub.Dose(sets=2, reps=12)


def test_a_repeated_item_in_a_set_is_refused_by_both() -> None:
    document = _set(saved("kit"), ("data", "props"), [{"type": "wall"}, {"type": "wall"}])
    assert schema_errors("kit", document) != []
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document)
    assert [str(p) for p in info.value.problems] == [
        '$.data.props[1]: must not repeat an earlier item (got {"type": "wall"})'
    ]


def test_an_integral_float_for_a_float_field_is_read() -> None:
    schema = _schema._Walker().type_schema(float, "x")
    assert schema == {"type": "number"}
    assert default_converter().structure(3, float) == 3.0


BASE_DOSE = ub.Dose(sets=2, reps=5, hold_s=5, tempo_s=2, max_pain=3, max_effort=3)
NUMERIC_BOUNDS = [
    (field, _schema.bound_keywords(bound))
    for field, bound in _validate.bounds(ub.Dose)
    if bound.kind == _validate.INTEGER
]


@pytest.mark.parametrize(("field", "bounds"), NUMERIC_BOUNDS, ids=str)
def test_numeric_bounds_are_the_librarys(field: str, bounds: dict[str, int]) -> None:
    document = ub.to_dict(BASE_DOSE)
    for value in (bounds["minimum"], bounds["maximum"]):
        changed = _set(document, ("data", field), value)
        assert schema_errors("dose", changed) == []
        assert getattr(ub.from_dict(changed, ub.Dose), field) == value
    for value in (bounds["minimum"] - 1, bounds["maximum"] + 1):
        changed = _set(document, ("data", field), value)
        assert schema_errors("dose", changed)
        with pytest.raises(ub.InvalidDocument, match=field):
            ub.from_dict(changed, ub.Dose)


def _is_slug(text: str) -> bool:
    try:
        ub.Substitution(original_id=text, replacement_id=None, reason="r", section=0, block=0)
    except ub.InvalidValue:
        return False
    return True


@given(st.text(alphabet="ab9-A _\n", max_size=12) | st.from_regex(r"[a-z]{1,3}(-[0-9]{1,2})*"))
def test_the_slug_pattern_admits_every_slug(text: str) -> None:
    schema = {"type": "string", **_schema.bound_keywords(_validate.SLUG_BOUND)}
    valid = jsonschema.Draft202012Validator(schema).is_valid(text)
    if _is_slug(text):
        assert valid
    elif "\n" not in text:
        # Python's re.search lets "$" match before a final newline; ECMA-262 does not.
        assert not valid


def test_a_slug_at_its_longest_is_valid() -> None:
    document = _set(saved("exercise"), ("data", "id"), "a" * 80)
    assert schema_errors("exercise", document) == []
    assert schema_errors("exercise", _set(document, ("data", "id"), "a" * 81))


# -- what the schema leaves to the library (documented) -----------------------


NECESSARY_NOT_SUFFICIENT = {
    "a cross-field rule": _drop(DOSE, ("data", "reps")),
    "tempo without reps": _set(DOSE, ("data",), {"hold_s": 5, "tempo_s": 2}),
    "an integral float for an integer": _set(DOSE, ("data", "reps"), 12.0),
}


@pytest.mark.parametrize(
    "document", NECESSARY_NOT_SUFFICIENT.values(), ids=NECESSARY_NOT_SUFFICIENT
)
def test_some_valid_documents_are_still_refused(document: dict[str, Any]) -> None:
    assert schema_errors("dose", document) == []
    with pytest.raises(ub.InvalidDocument):
        ub.from_dict(document)


def test_a_catalog_with_a_dangling_id_is_valid_but_refused() -> None:
    document = saved("catalog")
    document["data"]["exercises"][0]["harder"] = "no-such-exercise"
    assert schema_errors("catalog", document) == []
    with pytest.raises(ub.InvalidDocument, match="no-such-exercise"):
        ub.from_dict(document)


# -- the walker ---------------------------------------------------------------


def test_the_envelope_requires_its_three_keys() -> None:
    schema = ub.json_schema("kit")
    assert schema["required"] == ["upperback", "kind", "data"]
    assert schema["properties"]["data"] == {"$ref": "#/$defs/Kit"}
    assert schema["title"] == "upperback kit document"
    assert schema["description"].startswith("The props a person has to hand.")


def test_required_fields_are_those_without_a_default() -> None:
    defs = ub.json_schema("screen_report")["$defs"]
    for cls in (ub.Exercise, ub.Routine, ub.Block, ub.Dose, ub.Profile, ub.Rule):
        fields = attrs.fields(cls)
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert defs[cls.__name__].get("required", []) == required
        assert list(defs[cls.__name__]["properties"]) == [f.name for f in fields]


def test_fields_outside_init_are_left_out() -> None:
    catalog = ub.json_schema("catalog")["$defs"]["Catalog"]
    assert list(catalog["properties"]) == ["exercises"]
    assert "_by_id" in attrs.fields_dict(ub.Catalog)


def test_enums_are_their_values() -> None:
    defs = ub.json_schema("exercise")["$defs"]
    assert defs["Position"]["type"] == "string"
    assert defs["Position"]["enum"] == [member.value for member in ub.Position]
    assert defs["Level"] == {
        "title": "Level",
        "description": defs["Level"]["description"],
        "type": "integer",
        "enum": [member.value for member in ub.Level],
    }


def test_props_are_a_union_tagged_by_type() -> None:
    defs = ub.json_schema("kit")["$defs"]
    variants = [defs[ref["$ref"].rpartition("/")[2]] for ref in defs["Prop"]["oneOf"]]
    assert {v["properties"]["type"]["const"] for v in variants} == {k.value for k in ub.PropKind}
    assert all(v["required"][0] == "type" for v in variants)
    assert defs["SwissBallProp"]["required"] == ["type", "diameter_cm"]


def test_optional_fields_allow_null() -> None:
    reps = ub.json_schema("dose")["$defs"]["Dose"]["properties"]["reps"]
    assert reps["anyOf"] == [
        {"type": "integer", "minimum": 1, "maximum": dose.MAX_REPS},
        {"type": "null"},
    ]


def test_fields_are_described_from_the_docstring() -> None:
    hold = ub.json_schema("dose")["$defs"]["Dose"]["properties"]["hold_s"]["description"]
    assert hold == (
        "Seconds to hold, 1 to 120: the whole set for a static stretch, "
        "or the end of each rep when reps is given too. Left out, it is null."
    )
    tempo = ub.json_schema("dose")["$defs"]["Dose"]["properties"]["tempo_s"]["description"]
    assert tempo.endswith(
        f"when null, {dose.DEFAULT_TEMPO_S} is used for timing. Left out, it is null."
    )
    assert not re.search(r"``|:\w+:`", tempo)


def test_a_class_without_args_has_no_field_descriptions() -> None:
    assert _schema._field_docs(ub.Wall) == {}


@settings(max_examples=25)
@given(st.from_type(ub.Coverage))
def test_fixed_tuples_are_arrays_of_exactly_their_items(coverage: ub.Coverage) -> None:
    walker = _schema._Walker()
    schema = {"$defs": walker.defs, **walker.class_schema(ub.Coverage)}
    jsonschema.Draft202012Validator.check_schema(schema)
    pair = schema["properties"]["muscles"]["items"]
    assert pair["prefixItems"] == [{"$ref": "#/$defs/Muscle"}, {"type": "integer"}]
    assert "items" not in pair  # json-schema-to-typescript reads "items": false as never[]
    assert (pair["minItems"], pair["maxItems"]) == (2, 2)
    check = jsonschema.Draft202012Validator(schema)
    assert list(check.iter_errors(default_converter().unstructure(coverage))) == []
    for pair_of_three_or_one in (["rhomboids", 60, 1], ["rhomboids"]):
        assert not check.is_valid({"muscles": [pair_of_three_or_one]})
        with pytest.raises(ub.InvalidDocument):
            structure(pair_of_three_or_one, tuple[ub.Muscle, int])


@pytest.mark.parametrize(
    ("tp", "words"),
    [
        (dict[str, int], "X.y of type dict[str, int]"),
        (list[int], "X.y of type list[int]"),
        (int | str, "X.y: a union of"),
        (Any, "X.y of type typing.Any"),
        (tuple, "X.y of type <class 'tuple'>"),
        (frozenset, "X.y of type <class 'frozenset'>"),
        (attrs.make_class("Foreign", ["a"]), "Foreign'>."),
    ],
)
def test_an_unknown_type_is_an_error_not_an_open_schema(tp: Any, words: str) -> None:
    with pytest.raises(_schema.SchemaError, match=re.escape(words)):
        _schema._Walker().type_schema(tp, "X.y")


def test_bounds_on_a_type_without_them_are_an_error() -> None:
    with pytest.raises(_schema.SchemaError, match=r"Cannot apply .* to X.y"):
        _schema._Walker().type_schema(ub.Dose, "X.y", _validate.bound_of(ub.Dose, "sets"))


def test_two_definitions_of_one_name_are_an_error() -> None:
    @attrs.frozen
    class Dose:
        sets: int

    Dose.__module__ = "upperback.elsewhere"
    walker = _schema._Walker()
    walker.type_schema(ub.Dose, "a")
    with pytest.raises(_schema.SchemaError, match="Two schema definitions are named 'Dose'"):
        walker.type_schema(Dose, "b")


# -- the API and the command line ---------------------------------------------


@pytest.mark.parametrize("kind", ["dosee", "", ub.Block, dict])
def test_an_unknown_kind_is_an_invalid_value(kind: object) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.json_schema(kind)  # type: ignore[arg-type]
    assert info.value.field == "kind"
    assert info.value.value is kind
    assert f"must be one of {', '.join(sorted(serialize.DOCUMENT_KINDS))} (got " in str(info.value)


def test_cli_prints_a_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "routine"]) == 0
    assert json.loads(capsys.readouterr().out) == ub.json_schema("routine")


@pytest.mark.parametrize("argv", [["schema"], ["schema", "--list"]])
def test_cli_lists_the_kinds(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [row[0] for row in rows] == KINDS
    assert dict(rows)["dose"] == "How much of an exercise to do in one session."


def test_cli_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["schema", "dosee"])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    listed = ", ".join(repr(kind) for kind in sorted(serialize.DOCUMENT_KINDS)[:2])
    assert f"invalid choice: 'dosee' (choose from {listed}," in captured.err


def test_field_descriptions_join_continued_lines() -> None:
    class Documented:
        """A class.

        Args:
                a stray line before any entry is ignored
            first: One
                and more, see ``x``.
            second: Two.
        """

    assert _schema._field_docs(Documented) == {"first": "One and more, see x.", "second": "Two."}
