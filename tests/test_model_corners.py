"""Corners of the value layer: declared bounds, error paths, the package's own namespace."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import attrs
import pytest

import upperback as ub
from upperback import _validate as v
from upperback.errors import InvalidDocument, Problem
from upperback.interop import free_exercise_db
from upperback.routine import Section
from upperback.serialization import _schema
from upperback.strategies._documents import _swap_type

SAVED = Path(__file__).parent / "documents" / "v1"


def test_dir_lists_every_public_name_before_it_is_loaded() -> None:
    names = dir(ub)
    assert names == sorted(names)
    assert set(ub.__all__) <= set(names)


@attrs.frozen(kw_only=True)
class _Ids:
    """A class declaring a collection of slugs, as upperback's classes declare bounds."""

    ids: tuple[str, ...] = attrs.field(metadata=v.items(item=v.SLUG_BOUND))
    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


def test_a_declared_collection_of_slugs_checks_each_item() -> None:
    assert _Ids(ids=("chin-tuck", "cat-camel")).ids == ("chin-tuck", "cat-camel")
    longest = int(v.SLUG_BOUND.high or 0)
    bad_ids: list[Any] = ["Chin Tuck", "chin--tuck", "x" * (longest + 1), 7]
    for bad in bad_ids:
        with pytest.raises(ub.InvalidValue) as info:
            _Ids(ids=("chin-tuck", bad))
        assert (info.value.field, info.value.value) == ("ids[1]", bad)
        assert info.value.reason == v.SLUG_BOUND.reason


def test_a_fixed_tuple_cannot_carry_a_collections_bound_in_the_schema() -> None:
    bound = v.items(min_items=1)[v.BOUND]
    with pytest.raises(_schema.SchemaError, match=r"to the fixed tuple Pair\.items\."):
        _schema._Walker().type_schema(tuple[int, str], "Pair.items", bound)


@pytest.mark.parametrize("value", [None, 5])
def test_a_section_and_a_routine_need_a_sequence(value: object) -> None:
    with pytest.raises(ub.InvalidValue) as block:
        Section(role=ub.SectionRole.MAIN, blocks=value)  # type: ignore[arg-type]
    assert (block.value.field, block.value.value) == ("blocks", value)
    assert block.value.reason == "must hold at least one block"
    with pytest.raises(ub.InvalidValue) as section:
        ub.Routine(id="r", title="R", sections=value)  # type: ignore[arg-type]
    assert (section.value.field, section.value.value) == ("sections", value)
    assert section.value.reason == "must hold at least one section"


def test_a_problem_path_whose_key_is_not_json_is_pointed_at_as_written() -> None:
    assert Problem(path='$["a/b~"]', message="x").pointer == "/a~1b~0"
    # An escape JSON does not know (\q): the key is kept as written.
    assert Problem(path='$["a\\qb"]', message="x").pointer == '/"a\\qb"'


def test_problem_details_name_the_instance_when_given() -> None:
    error = InvalidDocument([Problem(path="$.sets", message="must be at least 1 (got 0)")])
    assert "instance" not in error.to_problem_details()
    details = error.to_problem_details(instance="urn:upperback:request:7")
    assert details["instance"] == "urn:upperback:request:7"
    assert details["errors"] == error.to_problem_details()["errors"]


def test_an_imported_list_of_text_with_a_lone_surrogate_is_skipped() -> None:
    entry: dict[str, Any] = {
        "id": "Band_Drill",
        "name": "Band Drill",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "bands",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": [],
        "instructions": ["Pull \ud800 back."],
        "category": "strength",
        "images": [],
    }
    result = free_exercise_db.load([entry])
    assert len(result.catalog) == 0
    assert result.skipped == (
        free_exercise_db.Skipped(
            index=0, id="Band_Drill", reason="malformed: 'instructions' holds a lone surrogate"
        ),
    )


def test_a_type_swapped_null_is_refused() -> None:
    document = json.loads((SAVED / "profile.json").read_text(encoding="utf-8"))
    document["data"]["age_band"] = None
    swapped = [_swap_type(document, random.Random(seed)) for seed in range(200)]
    assert any('[[["nested"]]]' in text for text in swapped)  # the null was among them
    for text in swapped:
        with pytest.raises(ub.InvalidDocument):
            ub.loads(text)
