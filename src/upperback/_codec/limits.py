"""How much a document may hold: :class:`Limits`, checked at the loading edge."""

from __future__ import annotations

from typing import Final

import attrs

from upperback.errors import InvalidValue

__all__ = ["DEFAULT_LIMITS", "Limits"]

_BOUNDS: Final = {
    "max_bytes": (2, 1 << 31),
    "max_depth": (3, 500),
    "max_int_digits": (1, 4300),
    "max_str_length": (1, 1 << 24),
    "max_items": (1, 1 << 24),
    "max_problems": (1, 100_000),
}


@attrs.frozen(kw_only=True)
class Limits:
    """The most a document may hold before it is refused, unread.

    The defaults fit every real document with room to spare (a catalog of
    10,000 fully described exercises is about 15 MB) while refusing input
    that could only be a mistake or an attack: a thousand levels of
    nesting, a number of thousands of digits, an array of a million items.
    Every limit is checked before the part it bounds is read, and breaking
    one is a :class:`~upperback.errors.InvalidDocument` problem like any
    other.

    >>> from upperback import Limits, loads
    >>> loads('{"upperback": 1, "kind": "kit", "data": {}}', limits=Limits(max_bytes=20))
    Traceback (most recent call last):
    ...
    upperback.errors.InvalidDocument: Invalid document (1 problem):
      $: must be at most 20 bytes of JSON (got 43 bytes)

    Args:
        max_bytes: The size of the JSON text, in UTF-8 bytes (32 MiB).
        max_depth: How deeply arrays and objects may nest (64). No document
            kind needs more than a dozen levels.
        max_int_digits: Digits of an integer (20).
        max_str_length: Characters of one string (10,000).
        max_items: Items of one array, or keys of one object (10,000).
        max_problems: Problems listed in one error (100); the rest are counted.

    .. versionadded:: 0.1.0
    """

    max_bytes: int = 32 * 1024 * 1024
    max_depth: int = 64
    max_int_digits: int = 20
    max_str_length: int = 10_000
    max_items: int = 10_000
    max_problems: int = 100

    def __attrs_post_init__(self) -> None:
        for name, (low, high) in _BOUNDS.items():
            value = getattr(self, name)
            if type(value) is not int or not low <= value <= high:
                raise InvalidValue(name, value, f"must be an integer between {low} and {high}")


DEFAULT_LIMITS: Final = Limits()
"""The limits used when a caller gives none."""
