"""attrs converters that only normalise a container, never guess.

A value that is not an iterable (or is a string, which is iterable but is
never meant as a collection here) is passed through unchanged, so that the
field's validator rejects it with an error that names the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Turn any iterable but a string into a frozenset."""
    if type(value) is frozenset:  # the common case, tested first: this runs on every construction
        return value
    if isinstance(value, frozenset | str | bytes):
        return value  # type: ignore[return-value]
    if not isinstance(value, Iterable):
        return value  # type: ignore[unreachable]
    return frozenset(value)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn any iterable but a string into a tuple, keeping its order."""
    if type(value) is tuple:  # the common case, tested first: this runs on every construction
        return value
    if isinstance(value, tuple | str | bytes):
        return value  # type: ignore[return-value]
    if not isinstance(value, Iterable):
        return value  # type: ignore[unreachable]
    return tuple(value)
