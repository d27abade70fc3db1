"""Fuzzing the loading edge: whatever a client sends, only InvalidDocument comes back.

The loop malforms saved documents of every kind (``MALFORMATIONS``: type
swaps, unknown and repeated keys, envelope damage, boundary numbers, oversize
strings and arrays, deep nesting, lone surrogates, truncation) and checks
that each is refused with an :class:`~upperback.errors.InvalidDocument`
whose messages are short and in the library's words. Neutral changes (set
order, a dropped or nulled field) may be accepted, and then the value must be
what the text says. ``UPPERBACK_FUZZ=100000`` runs a longer campaign
(``nox -s fuzz``); ``UPPERBACK_FUZZ_SEED`` replays one.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import upperback as ub
from upperback import strategies as ust
from upperback.serialization import DOCUMENT_KINDS
from upperback.strategies._documents import MALFORMATIONS, _places, _replace, malform

SAVED = {
    path.stem: path.read_text(encoding="utf-8")
    for path in (Path(__file__).parent / "documents" / f"v{ub.SCHEMA_VERSION}").glob("*.json")
    if path.stem in DOCUMENT_KINDS
}
RUNS = int(os.environ.get("UPPERBACK_FUZZ", "10000"))
SEED = int(os.environ.get("UPPERBACK_FUZZ_SEED", str(random.SystemRandom().randrange(2**32))))

# Python's words, never the library's: a message that holds one leaked an exception.
PYTHON_WORDS = re.compile(
    r"NoneType|unhashable|object is not|has no attribute|Traceback|<class|<upperback"
    r"|object at 0x|\(got '|got True|got False|got None|got \(\)|frozenset\("
    r"|Expecting|Unterminated|delimiter"
)
MAX_MESSAGE = 700  # the longest enum, Muscle, lists its 24 values


def check_refusal(error: ub.InvalidDocument, where: str) -> None:
    assert error.problems, where
    assert len(error.problems) <= ub.Limits().max_problems + 1, where
    for problem in error.problems:
        assert problem.path.startswith("$"), (where, problem)
        assert len(problem.path) <= MAX_MESSAGE, (where, problem.path[:400])
        assert len(problem.message) <= MAX_MESSAGE, (where, problem.message[:400])
        assert not PYTHON_WORDS.search(problem.message), (where, problem.message)


def refuses(text: str, where: str) -> None:
    try:
        value = ub.loads(text)
    except ub.InvalidDocument as error:
        check_refusal(error, where)
    except Exception as error:  # noqa: BLE001 - the point: nothing else may escape
        pytest.fail(f"{where}: {type(error).__name__}: {str(error)[:300]}")
    else:
        pytest.fail(f"{where}: accepted {type(value).__name__} from {text[:300]!r}")


def agrees(sent: Any, written: Any) -> bool:
    """Whether what was read (and written back) is what was sent, defaults and set order aside."""
    if isinstance(written, dict):
        return isinstance(sent, dict) and all(
            key in sent and agrees(sent[key], value) for key, value in written.items()
        )
    if isinstance(written, list):
        if not isinstance(sent, list) or len(sent) != len(written):
            return False
        if all(agrees(a, b) for a, b in zip(sent, written, strict=True)):
            return True
        key = json.dumps  # a set is written sorted: compare as multisets
        return sorted(map(key, sent)) == sorted(map(key, written)) or all(
            any(agrees(a, b) for a in sent) for b in written
        )
    return type(sent) is type(written) and sent == written


def neutral(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A change that may or may not make the document invalid."""
    data = document["data"]
    if not isinstance(data, dict) or not data:
        return document
    key = rng.choice(list(data))
    choice = rng.randrange(3)
    if choice == 0:
        data = {k: v for k, v in data.items() if k != key}
    elif choice == 1:
        data = {**data, key: None}
    elif isinstance(data[key], list):
        items = list(data[key])
        rng.shuffle(items)
        data = {**data, key: items}
    return {**document, "data": data}


def test_ten_thousand_malformed_documents_are_refused_cleanly() -> None:
    rng = random.Random(SEED)
    kinds = sorted(SAVED)
    assert set(kinds) == set(DOCUMENT_KINDS)
    for run in range(RUNS):
        kind = kinds[run % len(kinds)]
        malformation = rng.choice(MALFORMATIONS)
        text = malformation(json.loads(SAVED[kind]), rng)
        refuses(text, f"seed {SEED}, run {run}, {kind}, {malformation.__name__}")


@functools.cache
def schema_of(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(ub.json_schema(kind))


def test_neutral_changes_are_refused_or_read_as_sent() -> None:
    rng = random.Random(SEED)
    for run in range(max(RUNS // 10, 200)):
        kind = sorted(SAVED)[run % len(SAVED)]
        document = neutral(json.loads(SAVED[kind]), rng)
        where = f"seed {SEED}, run {run}, {kind}"
        try:
            value = ub.from_dict(document)
        except ub.InvalidDocument as error:
            check_refusal(error, where)
            continue
        assert agrees(document["data"], ub.to_dict(value)["data"]), where
        assert ub.from_dict(ub.to_dict(value)) == value, where
        # A second reader of the same contract: what the library accepts, its schema holds.
        if run % 5 == 0:
            assert schema_of(kind).is_valid(document), where


PYTHON_ONLY: list[Any] = [
    {1: "a"},
    {None: 1},
    {("a",): 1},
    b"bytes",
    float("nan"),
    float("inf"),
    10**5000,
    {"a"},
    (),
    object(),
    [[[[[[[[[[[[[[]]]]]]]]]]]]]],
]


def test_python_only_values_from_dict_are_refused_cleanly() -> None:
    rng = random.Random(SEED)
    for run in range(max(RUNS // 10, 300)):
        kind = sorted(SAVED)[run % len(SAVED)]
        document = json.loads(SAVED[kind])
        places = [path for path, _ in _places(document)]
        path = rng.choice(places)
        changed = _replace(document, path, rng.choice(PYTHON_ONLY))
        where = f"seed {SEED}, run {run}, {kind}, {path}"
        try:
            value = ub.from_dict(changed)
        except ub.InvalidDocument as error:
            check_refusal(error, where)
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"{where}: {type(error).__name__}: {str(error)[:300]}")
        else:
            # Only an empty tuple for an empty array may pass: from_dict reads tuples as arrays.
            assert ub.from_dict(ub.to_dict(value)) == value, where


@settings(max_examples=50)
@given(ust.invalid_documents())
def test_the_public_strategy_draws_only_refused_documents(text: str) -> None:
    refuses(text, "invalid_documents()")


@settings(max_examples=20)
@given(ust.documents())
def test_the_public_strategy_draws_valid_documents(text: str) -> None:
    assert ub.dumps(ub.loads(text)) == ub.dumps(ub.loads(ub.dumps(ub.loads(text))))


@pytest.mark.parametrize("kind", [*DOCUMENT_KINDS, *DOCUMENT_KINDS.values()])
def test_every_kind_has_both_strategies(kind: str | type) -> None:
    assert ust.documents(kind) is not None
    assert ust.invalid_documents(kind) is not None


def test_an_unknown_kind_is_refused_by_the_strategies() -> None:
    with pytest.raises(ub.InvalidValue, match="'kind' must be one of"):
        ust.documents("workout")


def test_malform_is_reproducible() -> None:
    text = SAVED["routine"]
    assert malform(text, random.Random(3)) == malform(text, random.Random(3))
