"""The reader's fast path, and every problem of an object reported in one answer.

The fast path makes a valid object field by field and runs only what its JSON
types do not already guarantee (the declared bounds, the fields' validators and
the class's rules across fields). These tests hold it to the constructor: the
same values for valid documents, the same problems for invalid ones, and no
detour through the general loop for a valid document.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import _validate as v
from upperback import strategies as ust
from upperback._codec import walk
from upperback._codec.text import parse
from upperback.serialization import DOCUMENT_KINDS

SAVED = Path(__file__).parent / "documents" / "v1"


def saved(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAVED / f"{kind}.json").read_text(encoding="utf-8"))
    return data


def problems_of(document: Any) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document)
    return [str(problem) for problem in info.value.problems]


def general_codec() -> walk._Codec:
    """A codec that reads every object through the general loop and the class itself."""
    codec = walk._Codec(ub.Limits())

    def general_only(*args: Any) -> Any:
        return args[-1]

    codec._fast = general_only  # type: ignore[method-assign,assignment]
    return codec


def spying_codec(detours: list[type]) -> walk._Codec:
    """A codec whose fast readers note each class they hand to the general loop."""
    codec = walk._Codec(ub.Limits())
    fast = codec._fast

    def spying(cl: type, tag: str | None, fields: Any, hints: Any, slow: Any) -> Any:
        def noted(data: Any) -> Any:
            detours.append(cl)
            return slow(data)

        return fast(cl, tag, fields, hints, noted)

    codec._fast = spying  # type: ignore[method-assign]
    return codec


def outcome(codec: walk._Codec, cls: type, data: Any) -> tuple[str, Any]:
    try:
        return ("value", codec.get(cls)(data))
    except walk.Bad as bad:
        problems = walk.problems_of(bad, "$.data", ub.Limits())
        return ("problems", [str(problem) for problem in problems])


# -- the fast path ------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
@settings(max_examples=8)
@given(data=st.data())
def test_a_valid_document_is_read_by_the_fast_path_alone_as_the_constructor_makes_it(
    kind: str, data: st.DataObject
) -> None:
    document = json.loads(data.draw(ust.documents(kind)))
    cls = DOCUMENT_KINDS[kind]
    detours: list[type] = []
    fast = spying_codec(detours).get(cls)(document["data"])
    assert detours == []
    assert fast == general_codec().get(cls)(document["data"])


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_a_saved_document_is_read_by_the_fast_path_alone(kind: str) -> None:
    if (SAVED / f"{kind}.json").exists():
        document = saved(kind)
    else:  # a kind schema 1 did not have
        current = SAVED.parent / f"v{ub.SCHEMA_VERSION}" / f"{kind}.json"
        document = json.loads(current.read_text(encoding="utf-8"))
    cls = DOCUMENT_KINDS[kind]
    detours: list[type] = []
    assert spying_codec(detours).get(cls)(document["data"]) == ub.from_dict(document)
    assert detours == []


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
@settings(max_examples=10)
@given(data=st.data())
def test_the_fast_path_refuses_what_the_constructor_refuses_with_the_same_problems(
    kind: str, data: st.DataObject
) -> None:
    try:
        document = parse(data.draw(ust.invalid_documents(kind)))
    except ub.InvalidDocument:
        return  # refused before any reader is asked
    found = document.get("kind") if isinstance(document, dict) else None
    if not isinstance(found, str) or found not in DOCUMENT_KINDS or "data" not in document:
        return  # the envelope's own problems: no reader is asked
    cls = DOCUMENT_KINDS[found]
    body = document["data"]
    assert outcome(walk._Codec(ub.Limits()), cls, body) == outcome(general_codec(), cls, body)


def _classes_with_rules() -> list[type]:
    seen: dict[type, None] = {}
    todo = list(DOCUMENT_KINDS.values())
    while todo:
        cls = todo.pop()
        if cls in seen or not attrs.has(cls):
            continue
        seen[cls] = None
        todo += _types_in(cls)
    return [cls for cls in seen if hasattr(cls, v.RULES)]


def _types_in(cls: type) -> list[Any]:
    import typing  # noqa: PLC0415 - only this helper needs it

    found: list[Any] = []
    stack = list(typing.get_type_hints(cls).values())
    while stack:
        tp = stack.pop()
        if attrs.has(tp):
            found.append(tp)
        stack.extend(typing.get_args(tp))
    return found


@pytest.mark.parametrize("cls", _classes_with_rules(), ids=lambda cls: cls.__name__)
def test_a_class_with_rules_runs_them_from_its_init_through_rules_report(cls: type) -> None:
    # The reader runs ``_rules`` and nothing else of __attrs_post_init__: a class that
    # has rules must hand them over there, or its constructor and the reader disagree.
    source = inspect.getsource(cls.__attrs_post_init__)  # type: ignore[attr-defined]
    assert "v.rules_report(self" in source


_TYPE_CHECKS = {"instance", "collection", "members", "wrong_type", "report", "rules_report"}


def _calls_and_comparisons(cls: type) -> list[str]:
    """What ``__attrs_post_init__`` does beyond checking types and bounds, as source text."""
    source = textwrap.dedent(inspect.getsource(cls.__attrs_post_init__))  # type: ignore[attr-defined]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            callee = ast.unparse(node.func)
            module, _, name = callee.rpartition(".")
            allowed = (module == "v" and name in _TYPE_CHECKS) or callee in {
                "self._bound_problems",
                "isinstance",
                "InvalidValue",
                "problems.append",
            }
            if not allowed:
                found.append(ast.unparse(node))
        elif isinstance(node, ast.Compare) and not all(
            isinstance(op, ast.Is | ast.IsNot)
            and isinstance(right, ast.Constant)
            and right.value is None
            for op, right in zip(node.ops, node.comparators, strict=True)
        ):
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("cls", _classes_with_rules(), ids=lambda cls: cls.__name__)
def test_a_class_with_rules_checks_only_types_and_bounds_outside_them(cls: type) -> None:
    # A comparison or a call of anything but a type or bound check in __attrs_post_init__
    # would be a rule the reader never runs: every rule of such a class lives in _rules.
    assert _calls_and_comparisons(cls) == []


def test_the_hot_classes_have_their_rules_apart() -> None:
    names = {cls.__name__ for cls in _classes_with_rules()}
    assert {"Exercise", "Source", "Dose", "PropNeed", "Block", "Section"} <= names


def test_a_block_without_a_dose_takes_its_exercises_default_on_the_fast_path() -> None:
    routine = saved("routine")
    block = routine["data"]["sections"][0]["blocks"][0]
    block.pop("dose", None)
    block["exercise"]["default_dose"] = {"sets": 3, "hold_s": 20}
    detours: list[type] = []
    value = spying_codec(detours).get(ub.Routine)(routine["data"])
    assert detours == []
    assert value.sections[0].blocks[0].dose == ub.Dose(sets=3, hold_s=20)


def test_a_rule_across_fields_refuses_on_the_fast_path_too() -> None:
    routine = saved("routine")
    block = routine["data"]["sections"][0]["blocks"][0]
    block["exercise"]["easier"] = block["exercise"]["id"]
    assert problems_of(routine) == [
        (
            "$.data.sections[0].blocks[0].exercise.easier: must not be the exercise's own id"
            f" (got {json.dumps(block['exercise']['id'])})"
        )
    ]


# -- every problem of an object -----------------------------------------------------


def dose(data: dict[str, Any]) -> dict[str, Any]:
    return {"upperback": 1, "kind": "dose", "data": data}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"sets": 0, "reps": 0, "hold_s": 999},
            [
                "$.data.sets: must be an integer between 1 and 10 (got 0)",
                "$.data.reps: must be an integer between 1 and 50 (got 0)",
                "$.data.hold_s: must be an integer between 1 and 120 seconds (got 999)",
            ],
        ),
        (
            {"sets": "2", "reps": 0, "hold_s": 999},
            [
                '$.data.sets: must be an integer (got "2")',
                "$.data.reps: must be an integer between 1 and 50 (got 0)",
                "$.data.hold_s: must be an integer between 1 and 120 seconds (got 999)",
            ],
        ),
        (
            {"sets": True, "hold_s": 10, "tempo_s": 30},
            [
                "$.data.sets: must be an integer (got true)",
                "$.data.tempo_s: must be an integer between 1 and 10 seconds (got 30)",
                "$.data.tempo_s: may only be given with 'reps' (got 30)",
            ],
        ),
        (
            {"rest_s": [], "per_side": "no"},
            [
                "$.data.rest_s: must be an integer (got [])",
                '$.data.per_side: must be true or false (got "no")',
                "$.data.reps: or 'hold_s' must be given (got null)",
            ],
        ),
    ],
)
def test_a_wrong_type_no_longer_hides_the_ranges_and_rules_of_its_siblings(
    data: dict[str, Any], expected: list[str]
) -> None:
    assert problems_of(dose(data)) == expected


def test_an_exercise_lists_its_type_bound_and_rule_problems_together() -> None:
    # In the order of the document's keys: name, kind, cues, ..., easier.
    routine = saved("routine")
    exercise = routine["data"]["sections"][0]["blocks"][0]["exercise"]
    exercise["kind"] = 3
    exercise["name"] = " padded "
    exercise["easier"] = exercise["id"]
    exercise["cues"] = ["ok", ""]
    at = "$.data.sections[0].blocks[0].exercise"
    assert problems_of(routine) == [
        (
            f"{at}.name: must be non-empty text of at most 120 characters without leading or"
            ' trailing spaces (got " padded ")'
        ),
        f"{at}.kind: must be one of "
        + ", ".join(json.dumps(kind.value) for kind in ub.ExerciseKind)
        + " (got 3)",
        (
            f"{at}.cues[1]: must be non-empty text of at most 2000 characters without leading"
            ' or trailing spaces (got "")'
        ),
        f"{at}.easier: must not be the exercise's own id (got {json.dumps(exercise['id'])})",
    ]


def test_a_set_reports_its_repeats_beside_its_bad_items() -> None:
    routine = saved("routine")
    exercise = routine["data"]["sections"][0]["blocks"][0]["exercise"]
    exercise["targets"] = ["rhomboids", 7, "rhomboids", "nope"]
    at = "$.data.sections[0].blocks[0].exercise.targets"
    found = problems_of(routine)
    assert f'{at}[2]: must not repeat an earlier item (got "rhomboids")' in found
    assert any(problem.startswith(f"{at}[1]: must be one of") for problem in found)
    assert any(problem.startswith(f"{at}[3]: must be one of") for problem in found)
    assert len(found) == 3


def test_a_section_reports_its_rules_beside_a_bad_field() -> None:
    routine = saved("routine")
    section = routine["data"]["sections"][0]
    section["role"] = 1
    section["structure"] = "superset"
    section["blocks"] = section["blocks"][:1]
    section["rounds"] = 3
    at = "$.data.sections[0]"
    assert problems_of(routine) == [
        f'{at}.role: must be one of "warm_up", "main", "cool_down" (got 1)',
        f"{at}.blocks: must hold at least two blocks in a superset (got 1)",
        f"{at}.rounds: must be 1 unless the section is a circuit (got 3)",
    ]


def test_a_rule_that_needs_a_field_that_could_not_be_read_is_left_out() -> None:
    # Block's per-side rule needs its exercise's laterality: with no exercise, it
    # cannot be evaluated, and the answer names only what is wrong.
    routine = saved("routine")
    block = routine["data"]["sections"][0]["blocks"][0]
    block["exercise"] = "cat-camel"
    block["dose"] = {"sets": 2, "reps": 5, "per_side": True, "max_pain": 11}
    at = "$.data.sections[0].blocks[0]"
    assert problems_of(routine) == [
        f'{at}.exercise: must be an object of Exercise fields (got "cat-camel")',
        f"{at}.dose.max_pain: must be an integer between 0 and 10 (got 11)",
    ]


def test_a_missing_required_field_does_not_hide_the_others() -> None:
    document = {"upperback": 1, "kind": "exercise", "data": saved("exercise")["data"]}
    del document["data"]["name"]
    document["data"]["level"] = 9
    document["data"]["harder"] = "Not A Slug"
    assert problems_of(document) == [
        "$.data.level: must be one of 1, 2, 3, 4, 5 (got 9)",
        (
            "$.data.harder: must be a slug of lower-case letters and digits joined by hyphens"
            ' (got "Not A Slug")'
        ),
        "$.data.name: is required",
    ]


def test_the_python_constructor_still_refuses_as_before() -> None:
    with pytest.raises(ub.InvalidValue, match="must not be the exercise's own id"):
        attrs.evolve(ub.default_catalog()["cat-camel"], easier="cat-camel")
    with pytest.raises(ub.InvalidValue, match="or 'hold_s' must be given"):
        ub.Dose(sets=2)
    with pytest.raises(ub.InvalidValue, match="may only be given for a swiss_ball"):
        ub.PropNeed(kind=ub.PropKind.FOAM_ROLLER, diameter_cm=55)
