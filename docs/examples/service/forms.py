"""Reading what a client sends: every problem found at once, each at its JSON path.

The library checks its own values, and reads the profile form itself
(:meth:`upperback.Profile.from_answers`); this module reads the few things
around them (a request's fields, days and times written as text) and reports
problems in the library's shape, as :class:`upperback.UpperbackError` values,
so that one handler answers every bad request alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

import upperback as ub

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")

MAX_WEEKS: Final = 52
"""The longest program this service plans, in weeks (its own limit: a year)."""

_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME: Final = re.compile(r"\d{2}:\d{2}")


def key_path(key: object) -> str:
    """A key of an object at the root, as a JSON path: ``$.weeks``, or ``$["odd key"]``."""
    if isinstance(key, str) and key.isidentifier():
        return f"$.{key}"
    return f"$[{json.dumps(str(key), ensure_ascii=False)}]"


def under(path: str, error: ub.UpperbackError) -> list[ub.Problem]:
    """The error's problems, each moved from the root of a part (``$``) to ``path``."""
    return [
        ub.Problem(path=path + problem.path.removeprefix("$"), message=problem.message)
        for problem in error.problems
    ]


def day(text: Any) -> dt.date:
    """A day written ``YYYY-MM-DD``.

    Raises:
        upperback.InvalidValue: ``text`` is not such a day.
    """
    if isinstance(text, str) and _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ub.InvalidValue("", text, "must be a date written YYYY-MM-DD")


def time_of_day(text: Any) -> dt.time:
    """A time of day written ``HH:MM``.

    Raises:
        upperback.InvalidValue: ``text`` is not such a time.
    """
    if isinstance(text, str) and _TIME.fullmatch(text):
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            pass
    raise ub.InvalidValue("", text, "must be a time of day written HH:MM")


def weeks(value: Any) -> int:
    """A program's length in weeks, 1 to :data:`MAX_WEEKS`.

    Raises:
        upperback.InvalidValue: ``value`` is not a whole number of weeks in range.
    """
    if type(value) is not int or not 1 <= value <= MAX_WEEKS:
        raise ub.InvalidValue("", value, f"must be a whole number of weeks from 1 to {MAX_WEEKS}")
    return value


class Fields:
    """Reads a JSON object field by field, collecting every problem at its path.

    A body that is not an object is one problem, at ``$``. In an object, a
    key not in ``known`` is a problem; so is a required field left out, and
    each problem a field's reader raises, moved to the field's path. Only
    :meth:`check` raises, with every problem at once.
    """

    def __init__(self, body: Any, *, known: tuple[str, ...], what: str = "request") -> None:
        self.what = what
        self.problems: list[ub.Problem] = []
        self.is_object = isinstance(body, dict)
        self.body: Mapping[Any, Any] = body if self.is_object else {}
        if not self.is_object:
            self.refuse("$", body, f"must be a JSON object with the fields {', '.join(known)}")
        for key in self.body:
            if key not in known:
                self.refuse(
                    key_path(key),
                    key,
                    f"is not a field of the {what} (the fields are {', '.join(known)})",
                )

    def refuse(self, path: str, value: Any, reason: str) -> None:
        """Note a problem with ``value`` at ``path``, in the library's words."""
        self.problems += under(path, ub.InvalidValue("", value, reason))

    def add(self, error: ub.UpperbackError, *, at: str = "$") -> None:
        """Note every problem of a library error, each moved under ``at`` (see :func:`under`)."""
        self.problems += under(at, error)

    def take(
        self,
        key: str,
        read: Callable[[Any], T],
        *,
        required: bool = True,
    ) -> T | None:
        """The field ``key`` as ``read`` makes it, or ``None`` with its problems noted.

        A field left out (or ``null``) is a problem when it is required, and
        ``None`` when it is not.
        """
        value = self.body.get(key)
        if value is None:
            if required and self.is_object:  # else the one problem is at $
                self.problems.append(ub.Problem(path=key_path(key), message="is required"))
            return None
        try:
            return read(value)
        except ub.UpperbackError as error:
            self.add(error, at=key_path(key))
            return None

    @overload
    def check(self) -> None: ...
    @overload
    def check(self, first: A | None, /) -> A: ...
    @overload
    def check(self, first: A | None, second: B | None, /) -> tuple[A, B]: ...
    @overload
    def check(self, first: A | None, second: B | None, third: C | None, /) -> tuple[A, B, C]: ...
    def check(self, *values: object) -> object:
        """Raise every problem noted, at once; else give back the values of required fields.

        A required field is ``None`` only when a problem was noted for it, so
        once no problem is left, the values given are all there.

        Raises:
            upperback.InvalidDocument: Some problem was noted.
        """
        if self.problems:
            raise ub.InvalidDocument(self.problems, what=self.what)
        return values[0] if len(values) == 1 else values or None


def query_day(name: str, text: str | None, *, default: dt.date) -> dt.date:
    """A day given as a query parameter (``?on=2026-01-07``), or ``default`` when none is.

    Raises:
        upperback.InvalidDocument: ``text`` is not a day, at the path ``$.<name>``.
    """
    if text is None:
        return default
    fields = Fields({name: text}, known=(name,), what="query")
    return fields.check(fields.take(name, day))
