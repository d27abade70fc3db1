"""Fast field checks shared by the value classes.

attrs' stock ``ge``/``le`` validators cost several times more than these
inline checks on the hot path of every construction and every load
(STYLE.md); these raise :class:`~upperback.errors.InvalidValue` with the
house message shape.
"""

from __future__ import annotations

import enum
import math
import re
from typing import TYPE_CHECKING, Any

from upperback.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def int_between(field: str, value: Any, low: int, high: int, unit: str = "") -> None:
    """Require an ``int`` (not a bool) in ``[low, high]``."""
    if type(value) is not int or not low <= value <= high:
        raise InvalidValue(field, value, f"must be an integer between {low} and {high}{unit}")


def optional_int_between(field: str, value: Any, low: int, high: int, unit: str = "") -> None:
    """Like :func:`int_between`, but ``None`` is allowed."""
    if value is not None:
        int_between(field, value, low, high, unit)


def number_between(field: str, value: Any, low: float, high: float, unit: str = "") -> None:
    """Require a finite ``int`` or ``float`` (not a bool) in ``[low, high]``."""
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        raise InvalidValue(field, value, f"must be a number between {low} and {high}{unit}")


def text(field: str, value: Any, *, max_len: int = 2000) -> None:
    """Require a non-blank ``str`` without surrounding whitespace."""
    if type(value) is not str or not value or value.strip() != value or len(value) > max_len:
        raise InvalidValue(
            field,
            value,
            f"must be non-empty text of at most {max_len} characters"
            " without leading or trailing spaces",
        )


def texts(field: str, values: Iterable[Any], *, max_len: int = 2000) -> None:
    """Apply :func:`text` to every item, naming its index."""
    for i, value in enumerate(values):
        text(f"{field}[{i}]", value, max_len=max_len)


def slug(field: str, value: Any) -> None:
    """Require a stable identifier: lower-case words joined by single hyphens."""
    if type(value) is not str or len(value) > 80 or SLUG.fullmatch(value) is None:
        raise InvalidValue(
            field, value, "must be a slug of lower-case letters and digits joined by hyphens"
        )


def a(name: str) -> str:
    """A class name with its article: ``"a Trend"``, ``"an ExerciseKind"``."""
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


def choices(cls: type) -> str:
    """The members of an enum as Python names them, or ``""`` for another class."""
    if not issubclass(cls, enum.Enum):
        return ""
    names = [f"{cls.__name__}.{member.name}" for member in cls]
    return f" ({', '.join(names[:-1])} or {names[-1]})" if len(names) > 1 else f" ({names[0]})"


def members(field: str, values: Iterable[Any], enum_type: type) -> None:
    """Require every item to be a member of ``enum_type``.

    The exact value as a string (``"osteoporosis"``) is not a member: the
    Python API takes members, documents take values, everywhere alike.
    """
    for value in values:
        if not isinstance(value, enum_type):
            raise InvalidValue(
                field,
                value,
                f"must contain only {enum_type.__name__} members{choices(enum_type)}",
            )


def collection(field: str, values: Any, container: type, item: type) -> None:
    """Require a ``container`` (tuple or frozenset) of ``item`` values only.

    A wrong item of a tuple is named by its index (``props[2]``); sets have none.
    """
    if not isinstance(values, container):
        raise InvalidValue(field, values, f"must be a collection of {item.__name__} values")
    if isinstance(values, tuple):
        for i, value in enumerate(values):
            instance(f"{field}[{i}]", value, item)
    else:
        members(field, values, item)  # type: ignore[arg-type] # a frozenset is iterable


def instance(field: str, value: Any, cls: type | tuple[type, ...]) -> None:
    """Require ``value`` to be an instance of ``cls``."""
    if not isinstance(value, cls):
        classes = cls if isinstance(cls, tuple) else (cls,)
        names = a(" or ".join(c.__name__ for c in classes))
        listed = choices(classes[0]) if len(classes) == 1 else ""
        raise InvalidValue(field, value, f"must be {names}{listed}")
