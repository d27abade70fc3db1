"""Hypothesis strategies for whole documents, valid and malformed.

Re-exported by :mod:`upperback.strategies` as :func:`documents` and
:func:`invalid_documents`. An app that puts upperback behind a web API or a
tool call can property-test its own error path with them: every text that
:func:`invalid_documents` draws is refused by :func:`upperback.serialization.loads` with an
:class:`~upperback.errors.InvalidDocument`, whatever the app does around it.

The malformations are plain functions of a :class:`random.Random`
(:func:`malform`), so a fuzz loop can run thousands of them without
Hypothesis' overhead per example.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from hypothesis import strategies as st

from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback.errors import InvalidValue
from upperback.serialization.documents import DOCUMENT_KINDS, to_dict

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

__all__ = ["MALFORMATIONS", "documents", "invalid_documents", "limits", "malform"]

Path = tuple[str | int, ...]


def _kinds(kind: str | type | None) -> list[str]:
    if kind is None:
        return sorted(DOCUMENT_KINDS)
    if isinstance(kind, str) and kind in DOCUMENT_KINDS:
        return [kind]
    for name, cls in DOCUMENT_KINDS.items():
        if cls is kind:
            return [name]
    raise InvalidValue("kind", kind, f"must be one of {', '.join(sorted(DOCUMENT_KINDS))}")


def documents(kind: str | type | None = None) -> st.SearchStrategy[str]:
    """The JSON text of valid documents of one kind (or of any kind).

    Each is what :func:`upperback.serialization.dumps` writes for a value drawn from that
    kind's strategy, so it shrinks as that value does, towards the simplest.

    Args:
        kind: A document kind (``"routine"``) or its class; ``None`` for any.
    """
    from upperback.strategies._values import _from_type_strategy  # noqa: PLC0415 - on first use

    return st.sampled_from(_kinds(kind)).flatmap(
        lambda name: _from_type_strategy(DOCUMENT_KINDS[name]).map(
            lambda value: json.dumps(to_dict(value), ensure_ascii=False)
        )
    )


def invalid_documents(kind: str | type | None = None) -> st.SearchStrategy[str]:
    """JSON text that upperback refuses, made by malforming valid documents.

    Every malformation is invalid by construction: a value of another JSON
    type, an unknown or repeated key, a missing envelope field, an integer
    or a string or an array over the default :class:`~upperback.serialization.Limits`,
    deep nesting, ``NaN``, a lone surrogate, text cut short. Loading any of
    them raises :class:`~upperback.errors.InvalidDocument` and nothing else.

    Args:
        kind: A document kind (``"routine"``) or its class; ``None`` for any.
    """
    return st.tuples(documents(kind), st.randoms(use_true_random=False)).map(
        lambda pair: malform(pair[0], pair[1])
    )


def limits() -> st.SearchStrategy[Limits]:
    """:class:`~upperback.serialization.Limits` values, from tight ones up to the defaults."""
    return st.builds(
        Limits,
        max_bytes=st.integers(1000, DEFAULT_LIMITS.max_bytes),
        max_depth=st.integers(8, DEFAULT_LIMITS.max_depth),
        max_int_digits=st.integers(4, DEFAULT_LIMITS.max_int_digits),
        max_str_length=st.integers(2000, DEFAULT_LIMITS.max_str_length),
        max_items=st.integers(100, DEFAULT_LIMITS.max_items),
        max_problems=st.integers(1, DEFAULT_LIMITS.max_problems),
    )


# -- malformations ---------------------------------------------------------------


def _places(data: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every value in ``data`` with its path (the top included)."""
    found = [(path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _places(value, (*path, i))
    return found


def _replace(data: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], tuple(rest), value)}
    copy = list(data)
    copy[int(head)] = _replace(data[head], tuple(rest), value)
    return copy


def _inside(document: dict[str, Any], rng: random.Random) -> tuple[Path, Any]:
    """A place inside the data (not the envelope), by preference."""
    places = [(path, value) for path, value in _places(document) if path[:1] == ("data",)]
    return rng.choice(places)


def _other_type(value: Any, rng: random.Random) -> Any:
    """A value of a JSON type other than ``value``'s, never ``null`` (optional fields take it)."""
    choices: list[Any] = ["text", 7, 2.5, True, [], {}, ["text"], {"key": 1}]
    if isinstance(value, bool):
        choices = [c for c in choices if not isinstance(c, bool | int | float)]
    elif isinstance(value, int | float):
        choices = [c for c in choices if isinstance(c, bool | str | list | dict)]
    elif isinstance(value, str):
        choices = [c for c in choices if not isinstance(c, str)]
    elif isinstance(value, list):
        choices = [c for c in choices if not isinstance(c, list)]
    else:  # an object (a null never comes here: _swap_type puts a list in its place)
        choices = [c for c in choices if not isinstance(c, dict)]
    return rng.choice(choices)


def _swap_type(document: dict[str, Any], rng: random.Random) -> str:
    path, value = _inside(document, rng)
    if value is None:
        # A null is only ever an optional field's; a list where a nullable scalar belongs.
        return _text(_replace(document, path, [[["nested"]]]))
    return _text(_replace(document, path, _other_type(value, rng)))


def _unknown_key(document: dict[str, Any], rng: random.Random) -> str:
    objects = [(p, v) for p, v in _places(document) if isinstance(v, dict)]
    path, value = rng.choice(objects)
    return _text(_replace(document, path, {**value, "not_a_field": rng.choice([0, "x", None])}))


def _repeat_key(document: dict[str, Any], rng: random.Random) -> str:
    objects = [(p, v) for p, v in _places(document) if isinstance(v, dict) and v]
    path, value = rng.choice(objects)
    key = rng.choice(list(value))
    marker = "\x00repeat\x00"
    text = _text(_replace(document, path, {**value, marker: None}))
    return text.replace(json.dumps(marker), json.dumps(key), 1)


def _drop_envelope_field(document: dict[str, Any], rng: random.Random) -> str:
    key = rng.choice(["upperback", "kind", "data"])
    return _text({k: v for k, v in document.items() if k != key})


def _bad_envelope(document: dict[str, Any], rng: random.Random) -> str:
    key, value = rng.choice(
        [
            ("upperback", 0),
            ("upperback", 99),
            ("upperback", "1"),
            ("upperback", 1.0),
            ("kind", "workout"),
            ("kind", ["routine"]),
            ("kind", {"routine": 1}),
            ("data", []),
            ("data", "x"),
            ("data", None),
            ("data", 1),
        ]
    )
    return _text({**document, key: value})


def _huge_number(document: dict[str, Any], rng: random.Random) -> str:
    # There is always one: the envelope's version, ``"upperback": 1``.
    numbers = [(p, v) for p, v in _places(document) if type(v) is int]
    path, _ = rng.choice(numbers)
    marker = "\x00number\x00"
    text = _text(_replace(document, path, marker))
    digits = rng.choice([DEFAULT_LIMITS.max_int_digits + 1, 400, 5000])
    big = rng.choice(["", "-"]) + "9" * digits
    return text.replace(json.dumps(marker), rng.choice([big, "1e400", "NaN", "-Infinity"]), 1)


def _long_string(document: dict[str, Any], rng: random.Random) -> str:
    texts = [(p, v) for p, v in _places(document) if isinstance(v, str) and p[:1] == ("data",)]
    if not texts:
        return _swap_type(document, rng)
    path, _ = rng.choice(texts)
    return _text(_replace(document, path, "a" * (DEFAULT_LIMITS.max_str_length + 1)))


def _long_array(document: dict[str, Any], rng: random.Random) -> str:
    arrays = [(p, v) for p, v in _places(document) if isinstance(v, list)]
    if not arrays:
        return _swap_type(document, rng)
    path, _ = rng.choice(arrays)
    return _text(_replace(document, path, [0] * (DEFAULT_LIMITS.max_items + 1)))


def _deep(document: dict[str, Any], rng: random.Random) -> str:
    path, _ = _inside(document, rng)
    marker = "\x00deep\x00"
    text = _text(_replace(document, path, marker))
    depth = rng.choice([DEFAULT_LIMITS.max_depth + 1, 3000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return text.replace(json.dumps(marker), opener * depth + "1" + closer * depth, 1)


def _lone_surrogate(document: dict[str, Any], rng: random.Random) -> str:
    texts = [(p, v) for p, v in _places(document) if isinstance(v, str) and p[:1] == ("data",)]
    if not texts:
        return _swap_type(document, rng)
    path, _ = rng.choice(texts)
    marker = "\x00surrogate\x00"
    text = _text(_replace(document, path, marker))
    return text.replace(json.dumps(marker), rng.choice(['"\\ud800"', '"a\\udfff"']), 1)


def _cut_short(document: dict[str, Any], rng: random.Random) -> str:
    text = _text(document)
    return text[: rng.randrange(len(text) - 1)]


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False)


MALFORMATIONS: Final[tuple[Callable[[dict[str, Any], random.Random], str], ...]] = (
    _swap_type,
    _swap_type,
    _swap_type,
    _unknown_key,
    _repeat_key,
    _drop_envelope_field,
    _bad_envelope,
    _huge_number,
    _long_string,
    _long_array,
    _deep,
    _lone_surrogate,
    _cut_short,
)
"""Each turns a valid document into JSON text that upperback must refuse (swaps weigh more)."""


def malform(text: str, rng: random.Random) -> str:
    """One malformation of a valid document's text, chosen by ``rng``."""
    return rng.choice(MALFORMATIONS)(json.loads(text), rng)
