"""Corners of the codec that the document tests do not reach: each with what it promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import upperback as ub
from upperback._codec import walk
from upperback._codec.converter import make_converter
from upperback._codec.text import excerpt
from upperback.anatomy import Region
from upperback.interop import free_exercise_db

SAVED = Path(__file__).parent / "documents" / "v1"


def saved(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAVED / f"{kind}.json").read_text(encoding="utf-8"))
    return data


def problems_of_text(text: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.loads(text, **kwargs)
    return [str(problem) for problem in info.value.problems]


def problems_of(document: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document, **kwargs)
    return [str(problem) for problem in info.value.problems]


def depth(data: Any) -> int:
    """How deeply arrays and objects nest, the top one being 1 (0 for a scalar)."""
    if isinstance(data, dict):
        return 1 + max((depth(value) for value in data.values()), default=0)
    if isinstance(data, list):
        return 1 + max((depth(value) for value in data), default=0)
    return 0


# -- the text ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\ufeff{}", b"\xef\xbb\xbf{}"])
def test_a_byte_order_mark_is_refused(text: str | bytes) -> None:
    assert problems_of_text(text) == ["$: must not start with a byte-order mark"]


@pytest.mark.parametrize("value", [123, None, ["{}"]])
def test_what_is_not_text_is_refused_by_name(value: Any) -> None:
    assert problems_of_text(value) == [f"$: must be JSON text (got {excerpt(value)})"]


def test_the_size_limit_counts_bytes_not_characters() -> None:
    text = '{"x": "é"}'
    size = len(text.encode("utf-8"))
    assert len(text) < size
    limits = ub.Limits(max_bytes=len(text))
    assert problems_of_text(text, limits=limits) == [
        f"$: must be at most {len(text)} bytes of JSON (got {size} bytes)"
    ]


def test_a_repeated_key_is_named_where_the_object_first_goes_wrong() -> None:
    # "b" repeats before "a" does, so "b" is the key reported.
    assert problems_of_text('{"a": 1, "b": 2, "b": 3, "a": 4}') == [
        '$: repeats the key "b" in one object'
    ]


@pytest.mark.parametrize("kind", ["dose", "routine", "profile"])
def test_a_depth_limit_at_the_documents_depth_reads_it(kind: str) -> None:
    document = saved(kind)
    text = json.dumps(document)
    deepest = max(depth(document), 3)  # the smallest limit allowed is 3
    assert ub.loads(text, limits=ub.Limits(max_depth=deepest)) == ub.loads(text)
    if deepest > 3:
        assert problems_of_text(text, limits=ub.Limits(max_depth=deepest - 1)) == [
            f"$: nests more than {deepest - 1} levels deep"
        ]


@pytest.mark.parametrize(("value", "word"), [(False, "false"), (True, "true")])
def test_excerpt_writes_json_words(value: bool, word: str) -> None:
    assert excerpt(value) == word == json.dumps(value)


def test_excerpt_writes_an_enums_value() -> None:
    for region in Region:
        assert excerpt(region) == excerpt(region.value) == json.dumps(region.value)


def test_an_escaped_backslash_before_u_d800_is_text_not_a_lone_surrogate(tmp_path: Path) -> None:
    words = "Breathe out \\ud800 slowly."  # a backslash, then the letters "ud800"
    entry = {
        "id": "Band_Drill",
        "name": "Band Drill",
        "force": None,
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "bands",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": [],
        "instructions": [words],
        "category": "strength",
        "images": [],
    }
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps([entry]), encoding="utf-8")
    assert "\\\\ud800" in path.read_text(encoding="utf-8")
    result = free_exercise_db.load(path)
    assert result.skipped == ()
    (exercise,) = result.catalog
    assert any(words in cue for cue in exercise.cues)


# -- the converter's plain values ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tp", "reason"),
    [
        ("3", int, "must be an integer"),
        (True, int, "must be an integer"),
        (3.0, int, "must be an integer"),
        ("3", float, "must be a finite number"),
        (float("inf"), float, "must be a finite number"),
        (3, str, "must be text"),
        (1, bool, "must be true or false"),
        ("true", bool, "must be true or false"),
    ],
)
def test_a_converter_of_upperbacks_reads_plain_values_strictly(
    value: Any, tp: type, reason: str
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make_converter().structure(value, tp)
    assert (info.value.field, info.value.reason) == ("value", reason)


@pytest.mark.parametrize(
    ("value", "tp"), [(3, int), (3, float), (2.5, float), ("x", str), (False, bool)]
)
def test_a_converter_of_upperbacks_reads_right_plain_values_as_they_are(
    value: Any, tp: type
) -> None:
    read: object = make_converter().structure(value, tp)
    assert type(read) is tp
    assert read == value


# -- reading -------------------------------------------------------------------------


def test_an_odd_key_is_shown_quoted_in_the_path() -> None:
    document = saved("dose")
    document["data"]["odd key"] = 1
    (problem,) = problems_of(document)
    assert problem.startswith('$.data["odd key"]: is not a field of Dose')


def test_an_object_with_more_keys_than_the_limit_and_its_fields_allow() -> None:
    document = saved("dose")
    fields = [field for field in attrs.fields(ub.Dose) if field.init]
    allowed = len(fields) + 1
    extra = {f"k{i}": 1 for i in range(allowed + 1)}
    document["data"] = {**extra}
    assert problems_of(document, limits=ub.Limits(max_items=1)) == [
        f"$.data: must have at most {allowed} keys (got {len(extra)})"
    ]


def test_a_fixed_tuple_is_read_item_by_item() -> None:
    tp = tuple[int, str]
    assert walk.structure([1, "a"], tp) == (1, "a")
    for value, expected in [
        ("x", ['$: must be an array of 2 items (got "x")']),
        ([1], ["$: must be an array of 2 items (got 1 items)"]),
        (["a", 2], ['$[0]: must be an integer (got "a")', "$[1]: must be text (got 2)"]),
    ]:
        with pytest.raises(ub.InvalidDocument) as info:
            walk.structure(value, tp)
        assert [str(problem) for problem in info.value.problems] == expected


@pytest.mark.parametrize(
    ("field", "segments"),
    [
        ("default_dose.per_side", ["per_side", "default_dose"]),
        ("cues[2]", [2, "cues"]),
        ("a b", ["a b"]),  # not a path: the whole name is one segment
        ("cues[2", ["cues[2"]),
    ],
)
def test_a_fields_name_as_path_segments(field: str, segments: list[Any]) -> None:
    assert walk._segments(field) == segments


def test_a_type_the_engine_does_not_know_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="upperback cannot read a value of type"):
        walk.structure(1, complex)
    with pytest.raises(TypeError, match="upperback cannot write a value of type"):
        walk.unstructurer(complex)


# -- writing the general types, which nested fields fall back on -----------------------


@pytest.mark.parametrize(
    ("tp", "value", "plain"),
    [
        (tuple[int, ...], (3, 1, 2), [3, 1, 2]),
        (frozenset[int], frozenset({3, 1, 2}), [1, 2, 3]),
        (frozenset[str], frozenset({"b", "a"}), ["a", "b"]),
        (
            frozenset[Region],
            frozenset(Region),
            sorted(region.value for region in Region),
        ),
        (ub.Dose | None, None, None),
        (ub.Dose | None, ub.Dose(reps=5), {"reps": 5}),
    ],
)
def test_the_general_writer_writes_plain_data_that_reads_back(
    tp: Any, value: Any, plain: Any
) -> None:
    write = walk.unstructurer(tp)
    assert write is not None
    written = write(value)
    assert written == plain
    assert walk.structure(written, tp) == value


def test_an_optional_plain_value_needs_no_writer() -> None:
    assert walk.unstructurer(int | None) is None
    assert walk.unstructurer(str | None) is None
