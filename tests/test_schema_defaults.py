"""Every defaulted field states its default in the JSON Schema, and it is the library's.

Documents leave defaulted fields out, so a client in another language learns them
from the schema alone: ``default`` holds the value in its JSON form, and a default
taken from another field of the same object (a block's dose is its exercise's
default dose) is a Relative JSON Pointer under ``x-upperback-default-from``.

Two checks, neither of which can pass by checking nothing:

- for every class reachable from every document kind, and each of its defaulted
  fields, a document of the class without that field is read by the library, and
  the value the library filled in is the one the schema states;
- a client that fills every default of a whole document from the schema alone
  (:func:`filled`) gets the document with every default written out.
"""

from __future__ import annotations

import copy
import functools
import json
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import upperback as ub
from tests._explicit import explicit_converter
from upperback import Dose, Exercise
from upperback import serialization as serialize
from upperback._codec.walk import structure, unstructure
from upperback.serialization import _schema

KINDS = sorted(serialize.DOCUMENT_KINDS)
KEYWORD = _schema.DEFAULT_FROM


@functools.cache
def schemas() -> dict[str, dict[str, Any]]:
    return {kind: ub.json_schema(kind) for kind in KINDS}


@functools.cache
def reachable() -> dict[str, type]:
    """Every attrs class in the schemas, by its name in ``$defs``, from every kind."""
    walker = _schema._Walker()
    for kind in KINDS:
        walker.type_schema(serialize.DOCUMENT_KINDS[kind], kind)
    return {
        name: owner
        for name, owner in sorted(walker._owners.items())
        if isinstance(owner, type) and attrs.has(owner)
    }


def definition(name: str) -> dict[str, Any]:
    """The ``$defs`` entry of ``name``, the same in every kind's schema that holds it."""
    found: list[dict[str, Any]] = [
        schema["$defs"][name] for schema in schemas().values() if name in schema["$defs"]
    ]
    assert found
    assert all(entry == found[0] for entry in found)
    return found[0]


DEFAULTED = [
    (name, field.name)
    for name, cls in reachable().items()
    for field in attrs.fields(cls)
    if field.init and field.default is not attrs.NOTHING
]


def test_every_reachable_class_is_checked() -> None:
    # The classes each kind's schema defines are those the walk above found.
    in_schemas = {
        name
        for schema in schemas().values()
        for name, entry in schema["$defs"].items()
        if entry.get("type") == "object"
    }
    assert in_schemas == set(reachable())
    assert len(DEFAULTED) > 100


# -- the client's side: a relative JSON pointer and a schema-driven filler --------------


def relative(pointer: str, ancestors: list[Any]) -> Any:
    """A Relative JSON Pointer, from a field of ``ancestors[-1]`` (the object holding it)."""
    up, _, rest = pointer.partition("/")
    assert up.isdigit()
    assert int(up) >= 1  # the field itself is missing: the pointer starts above it
    value = ancestors[len(ancestors) - int(up)]
    for token in rest.split("/") if rest else ():
        value = value[token.replace("~1", "/").replace("~0", "~")]
    return value


def default_of(field: dict[str, Any], ancestors: list[Any]) -> Any:
    """What a client fills in for a missing field: its ``default``, or what it points at."""
    if "default" in field:
        return copy.deepcopy(field["default"])
    assert KEYWORD in field, "a field that is not required must state its default"
    return copy.deepcopy(relative(field[KEYWORD], ancestors))


def filled(root: dict[str, Any], schema: dict[str, Any], value: Any, ancestors: list[Any]) -> Any:
    """``value`` with every missing field filled in from the schema alone, as a client would.

    Sets (``uniqueItems``) come back sorted, so that two documents of one value compare equal.
    """
    while True:  # down to the schema of the value itself
        if "$ref" in schema:
            schema = root["$defs"][schema["$ref"].rpartition("/")[2]]
        elif "allOf" in schema:
            (schema,) = schema["allOf"]
        elif "anyOf" in schema and value is not None:
            schema = schema["anyOf"][0]  # the other is null
        elif "oneOf" in schema:
            (schema,) = [v for v in schema["oneOf"] if _tag(root, v) == value["type"]]
        else:
            break
    if value is None or schema.get("type") not in ("object", "array"):
        return value
    inner = [*ancestors, value]
    if schema["type"] == "object":
        return {
            name: filled(
                root, field, value[name] if name in value else default_of(field, inner), inner
            )
            for name, field in schema["properties"].items()
        }
    if "prefixItems" in schema:
        return [
            filled(root, s, v, inner) for s, v in zip(schema["prefixItems"], value, strict=True)
        ]
    items = [filled(root, schema["items"], item, inner) for item in value]
    if schema.get("uniqueItems"):
        items.sort(key=lambda item: json.dumps(item, sort_keys=True))
    return items


def _tag(root: dict[str, Any], variant: dict[str, Any]) -> str:
    tag: str = root["$defs"][variant["$ref"].rpartition("/")[2]]["properties"]["type"]["const"]
    return tag


# -- each defaulted field of each class, filled by the library and by the schema ---------


@pytest.mark.parametrize(("name", "field"), DEFAULTED, ids=[".".join(p) for p in DEFAULTED])
# One value each: a static default does not depend on the value; the one default made from
# the object (a block's dose) has a test of its own and is met in the whole documents below.
@settings(max_examples=1, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_the_schema_states_the_default_the_library_fills_in(
    name: str, field: str, data: st.DataObject
) -> None:
    cls = reachable()[name]
    stated = definition(name)["properties"][field]
    assert field not in definition(name).get("required", ())
    assert ("default" in stated) != (KEYWORD in stated)  # one or the other, never both
    # The description says it too: generated types carry descriptions, not defaults.
    said = json.dumps(stated["default"]) if "default" in stated else "this object's "
    assert f"Left out, it is {said}" in stated["description"]
    without = {
        key: value
        for key, value in unstructure(data.draw(st.from_type(cls)), cls).items()
        if key != field
    }
    try:
        read = structure(without, cls)
    except ub.InvalidDocument:
        reject()  # this value needs the field (a rule across fields): draw another
    library = unstructure(getattr(read, field), typing.get_type_hints(cls)[field])
    assert default_of(stated, [without]) == library


def test_a_block_without_a_dose_takes_its_exercises_default_dose() -> None:
    block = ub.json_schema("routine")["$defs"]["Block"]["properties"]["dose"]
    assert block[KEYWORD] == "1/exercise/default_dose"
    assert "default" not in block
    assert block["description"].endswith("Left out, it is this object's exercise.default_dose.")
    stretch = ub.default_catalog()["doorway-pec-stretch"]
    data = {"exercise": unstructure(stretch)}
    assert relative(block[KEYWORD], [data]) == unstructure(stretch.default_dose)
    assert structure(data, ub.Block).dose == stretch.default_dose


@pytest.mark.parametrize(
    ("kind", "name", "field", "default"),
    [
        ("dose", "Dose", "sets", 1),
        ("dose", "Dose", "rest_s", 30),
        ("dose", "Dose", "per_side", False),
        ("dose", "Dose", "hold_s", None),
        ("profile", "Profile", "kit", {}),  # a factory: Kit(), written as the converter writes it
        ("program", "Program", "rules", {}),
        ("program", "Deload", "fields", ["sets"]),  # a set of enums, by value
        ("exercise", "Exercise", "laterality", "bilateral"),  # an enum, by value, beside a $ref
        ("exercise", "Exercise", "aliases", []),
        ("goal", "Target", "weight", 1.0),
    ],
)
def test_defaults_are_written_in_their_json_form(
    kind: str, name: str, field: str, default: object
) -> None:
    stated = ub.json_schema(kind)["$defs"][name]["properties"][field]
    assert stated["default"] == default
    assert type(stated["default"]) is type(default)


def test_a_default_beside_a_reference_is_wrapped_for_generators() -> None:
    laterality = ub.json_schema("exercise")["$defs"]["Exercise"]["properties"]["laterality"]
    assert laterality["allOf"] == [{"$ref": "#/$defs/Laterality"}]
    assert "$ref" not in laterality


def test_a_field_without_a_default_or_description_is_a_bare_reference() -> None:
    @attrs.frozen
    class Holder:
        dose: Dose

    Holder.__module__ = "upperback.exercise"  # whose names its annotation is read with
    schema = _schema._Walker().class_schema(Holder)
    assert schema["properties"]["dose"] == {"$ref": "#/$defs/Dose"}
    assert schema["required"] == ["dose"]


def test_a_default_made_from_the_object_must_say_where_it_comes_from() -> None:
    @attrs.frozen
    class Undeclared:
        """A class.

        Args:
            size: How big.
            twice: Twice the size.
        """

        size: int
        twice: int = attrs.field(default=attrs.Factory(lambda self: 2 * self.size, takes_self=True))

    Undeclared.__module__ = "upperback.elsewhere"
    with pytest.raises(_schema.SchemaError, match=r"Undeclared\.twice has a default made from"):
        _schema._Walker().class_schema(Undeclared)


def test_a_default_from_the_object_without_a_description_is_still_said() -> None:
    @attrs.frozen
    class Quiet:
        exercise: Exercise
        dose: Dose = attrs.field(
            default=attrs.Factory(lambda self: self.exercise.default_dose, takes_self=True)
        )

    Quiet.__module__ = "upperback.exercise"  # whose names its annotations are read with
    declared = {**_schema._DEFAULTS_FROM, (Quiet, "dose"): "1/exercise/default_dose"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_schema, "_DEFAULTS_FROM", declared)
        dose = _schema._Walker().class_schema(Quiet)["properties"]["dose"]
    assert dose == {
        "allOf": [{"$ref": "#/$defs/Dose"}],
        "description": "Left out, it is this object's exercise.default_dose.",
        KEYWORD: "1/exercise/default_dose",
    }


# -- a whole document, filled by a client from the schema alone --------------------------


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=4)  # whole catalogs and programs are slow to draw
@given(data=st.data())
def test_a_client_filling_defaults_from_the_schema_gets_the_whole_value(
    kind: str, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(serialize.DOCUMENT_KINDS[kind]))
    schema = schemas()[kind]
    compact = ub.to_dict(value)
    explicit = {**compact, "data": explicit_converter().unstructure(value)}
    assert filled(schema, schema, compact, []) == filled(schema, schema, explicit, [])
