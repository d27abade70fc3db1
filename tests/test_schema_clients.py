"""The schemas refuse what the library refuses for a bound, and read well in other languages.

The documents come from ``tools/check_schema_clients.py``, which runs the same sets
through ajv, json-schema-to-typescript and jsonschema-rs on demand (it needs npm);
here they go through the ``jsonschema`` package.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import _validate, strategies
from upperback.compose import Prescription, Target
from upperback.serialization import DOCUMENT_KINDS, _schema

ROOT = Path(__file__).resolve().parents[1]
KINDS = sorted(DOCUMENT_KINDS)


@functools.cache
def tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "check_schema_clients", ROOT / "tools" / "check_schema_clients.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(ub.json_schema(kind))


def verdicts(cases: list[dict[str, Any]]) -> list[bool]:
    return [validator(case["kind"]).is_valid(json.loads(case["text"])) for case in cases]


# -- every bound the library enforces is in the schema ------------------------------------------


# The progression values' bounds are being declared in their own change; until then their
# own fields (not the routines, doses and reasons inside them) may be left to the library.
PROGRESSION_KINDS = {"program", "session_log"}
_NESTED = re.compile(r"\.(?:routine|dose|profile)\b")


def _pending(case: dict[str, Any]) -> bool:
    return case["kind"] in PROGRESSION_KINDS and not any(
        _NESTED.search(problem.partition(": ")[0]) for problem in case["problems"]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_documents_refused_for_a_bound_are_refused_by_the_schema(kind: str) -> None:
    cases = tool().documents(kind, valid=1, changes=80)
    found = verdicts(cases)
    counts = tool().tally(cases, found)
    pending = [c for c, valid in zip(cases, found, strict=True) if not c["accepted"] and valid]
    checked = [c for c in cases if not (c in pending and _pending(c))]
    assert tool().mismatches(checked, verdicts(checked)) == []
    # Not vacuous: valid documents and documents refused for a bound are both there.
    assert counts["accepted"] >= 2
    assert counts["bound"] >= 10
    assert counts["accepted_valid"] == counts["accepted"]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_drawn_document_is_valid(kind: str, data: st.DataObject) -> None:
    text = data.draw(strategies.documents(kind))
    assert list(validator(kind).iter_errors(json.loads(text))) == []


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_malformed_json_documents_are_refused_by_the_schema(kind: str, data: st.DataObject) -> None:
    text = data.draw(strategies.invalid_documents(kind))
    value = tool().strict_json(text)
    if value is None:
        return  # not plain JSON: refused before any schema is read
    case = tool()._verdict(kind, "malformed", value)
    assert not case["accepted"]
    if case["bound"] and not _pending(case):
        assert not validator(kind).is_valid(value), case["problems"]


BOUND_CASES = {
    "a pain above 10": ("symptom_report", ("pain_now",), 11),
    "a negative day count": ("symptom_report", ("days_since_onset",), -1),
    "a target weight of 0": ("goal", ("targets", 0, "weight"), 0),
    "a target weight above 100": ("goal", ("targets", 0, "weight"), 100.5),
    "a goal without targets": ("goal", ("targets",), []),
    "an alias repeated": ("exercise", ("aliases",), ["Twin", "Twin"]),
    "a source that is not a web address": ("exercise", ("sources", 0, "url"), "example.org"),
}


def _golden(kind: str) -> dict[str, Any]:
    text = (ROOT / "tests" / "documents" / "v1" / f"{kind}.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@pytest.mark.parametrize(("kind", "path", "value"), BOUND_CASES.values(), ids=BOUND_CASES)
def test_named_bounds_are_refused_by_both(kind: str, path: tuple[Any, ...], value: Any) -> None:
    document = _golden(kind)
    target = document["data"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator(kind).is_valid(document)
    with pytest.raises(ub.InvalidDocument):
        ub.from_dict(document)


@given(st.floats(-1, 101, allow_nan=False))
@example(0.0)
@example(100.0)
@example(1e-9)
@example(100.000001)
def test_a_weight_is_above_0_and_at_most_100_in_both(weight: float) -> None:
    schema = _schema._Walker().class_schema(Target)["properties"]["weight"]
    in_schema = jsonschema.Draft202012Validator(schema).is_valid(weight)
    if 0 < weight <= 100:
        assert Target(region=ub.Region.NECK, weight=weight).weight == weight
        assert in_schema
    else:
        with pytest.raises(ub.InvalidValue, match="above 0 and at most 100"):
            Target(region=ub.Region.NECK, weight=weight)
        assert not in_schema


def test_the_inline_bounds_are_declared() -> None:
    weight = _validate.bound_of(Target, "weight")
    assert (weight.low, weight.above, weight.high) == (0, True, 100)
    budget = _validate.bound_of(Prescription, "budget_s")
    assert (budget.low, budget.high, budget.optional) == (60, 240 * 60, True)
    assert _validate.bound_of(ub.Exercise, "aliases").unique
    assert _validate.bound_of(ub.Source, "url") == _validate.URL_BOUND


@given(st.text(alphabet="hts:/ ab\n", max_size=12) | st.sampled_from(["https://", "http://a"]))
@example(" https://a")
@example("https://a ")
@example("https://")
def test_the_web_address_pattern_is_the_librarys(url: str) -> None:
    schema = {"type": "string", **_schema.bound_keywords(_validate.URL_BOUND)}
    in_schema = jsonschema.Draft202012Validator(schema).is_valid(url)
    try:
        ub.Source(key="A1", url=url)
    except ub.InvalidValue:
        assert not in_schema or url.endswith("\n")  # Python's "$" and ECMA-262's differ
    else:
        assert in_schema


def test_a_repeated_alias_is_reported_with_the_other_problems() -> None:
    exercise = ub.default_catalog().exercises[0]
    document = ub.to_dict(exercise)
    document["data"]["aliases"] = ["Twin", "Twin"]
    document["data"]["name"] = ""
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document)
    messages = [str(problem) for problem in info.value.problems]
    assert '$.data.aliases: must not repeat an entry (got "Twin")' in messages
    assert any(message.startswith("$.data.name:") for message in messages)


# -- descriptions that other languages keep -------------------------------------------------------


def _nodes(schema: Any) -> list[dict[str, Any]]:
    if isinstance(schema, dict):
        return [schema, *(node for value in schema.values() for node in _nodes(value))]
    if isinstance(schema, list):
        return [node for value in schema for node in _nodes(value)]
    return []


PYTHON_WORDS = re.compile(
    r"\b(?:None|True|False|RULES)\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\.(?:md|py)\b"
    r"|upperback\.\w|\w\(\)|``|:\w+:`"
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_ref_has_no_siblings(kind: str) -> None:
    # json-schema-to-typescript makes a new type (Dose1) of a $ref with a description.
    refs = [node for node in _nodes(ub.json_schema(kind)) if "$ref" in node]
    assert refs
    assert all(node.keys() == {"$ref"} for node in refs)


@pytest.mark.parametrize("kind", KINDS)
def test_descriptions_are_in_json_words(kind: str) -> None:
    schema = ub.json_schema(kind)
    texts = [node["description"] for node in _nodes(schema) if "description" in node]
    assert len(texts) > 3
    assert [text for text in texts if PYTHON_WORDS.search(text)] == []


def test_a_field_description_sits_beside_its_reference() -> None:
    exercise = ub.json_schema("exercise")["$defs"]["Exercise"]
    position = exercise["properties"]["position"]
    assert position["allOf"] == [{"$ref": "#/$defs/Position"}]
    assert position["description"] == _schema._field_docs(ub.Exercise)["position"]
    shared = ub.json_schema("exercise")["$defs"]["Position"]["description"]
    assert shared != position["description"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("when None, DEFAULT_TEMPO_S is used", "when null, 3 is used"),
        ("True for one side, False else", "true for one side, false else"),
        ("A key (see upperback.sources.reference), e.g. A2", "A key, e.g. A2"),
        ("Nonetheless NO_SUCH_NAME stays", "Nonetheless NO_SUCH_NAME stays"),
    ],
)
def test_json_words(text: str, words: str) -> None:
    assert _schema.json_words(text, ub.Dose) == words


# -- the tool's plain parts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": [1, 2.5, "x", null, true]}', {"a": [1, 2.5, "x", None, True]}),
        ('{"a": 1, "a": 2}', None),
        ('{"a": {"b": 1, "b": 1}}', None),
        ('{"a": NaN}', None),
        ('{"a": -Infinity}', None),
        ('{"a": 1e400}', None),
        ('{"a": "\\ud800"}', None),
        ('{"a": ' + "9" * 5000 + "}", None),
        ("[" * 100_000 + "]" * 100_000, None),
        ('{"a": 1', None),
    ],
)
def test_strict_json_keeps_only_what_every_client_reads_alike(text: str, value: Any) -> None:
    assert tool().strict_json(text) == value


def test_duplicate_types_are_the_numbered_copies() -> None:
    typescript = (
        "export interface Dose {\n}\nexport interface Dose1 {\n}\n"
        "export type Level = 1 | 2;\nexport type Vec3 = number[];\nexport type Level12 = 1;\n"
    )
    assert tool().duplicate_types(typescript) == ["Dose1", "Level12"]
    assert tool().duplicate_types("export type Vec3 = number[];\n") == []


def test_mismatches_and_tally_follow_the_librarys_verdict() -> None:
    cases = [
        {"kind": "dose", "name": "ok", "accepted": True, "bound": False},
        {"kind": "dose", "name": "big", "accepted": False, "bound": True, "problems": ["x"]},
        {"kind": "dose", "name": "rule", "accepted": False, "bound": False, "problems": ["y"]},
    ]
    assert tool().mismatches(cases, [True, False, True]) == []
    assert tool().mismatches(cases, [True, False, False]) == []
    assert tool().mismatches(cases, [False, True, True]) == [
        "dose ok: accepted by the library, refused",
        "dose big: refused by the library (x)",
    ]
    assert tool().tally(cases, [True, False, True]) == {
        "accepted": 1,
        "accepted_valid": 1,
        "bound": 1,
        "bound_valid": 0,
        "library_only": 1,
        "library_only_valid": 1,
    }


def test_edge_integers_hold_every_declared_edge() -> None:
    edges = set(tool().edge_integers())
    for cls in (ub.Dose, ub.SymptomReport, ub.SafetyPolicy, ub.Routine):
        for _, bound in _validate.bounds(cls):
            if bound.kind == _validate.INTEGER and bound.high is not None:
                assert {bound.low - 1, bound.low, bound.high, bound.high + 1} <= edges


def test_a_rule_across_fields_is_left_to_the_library() -> None:
    document = _golden("dose")
    document["data"] = {"sets": 2, "hold_s": 5, "tempo_s": 2}
    case = tool()._verdict("dose", "tempo without reps", document)
    assert (case["accepted"], case["bound"]) == (False, False)
    document["data"]["sets"] = 11
    case = tool()._verdict("dose", "and a bound", document)
    assert (case["accepted"], case["bound"]) == (False, True)


def test_the_document_sets_are_the_same_for_the_same_seed() -> None:
    first = tool().document_sets(["dose", "kit"], valid=1, changes=10)
    second = tool().document_sets(["dose", "kit"], valid=1, changes=10)
    assert [case["text"] for case in first] == [case["text"] for case in second]
    assert {case["kind"] for case in first} == {"dose", "kit"}
