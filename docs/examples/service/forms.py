"""Reading what a client sends: every problem found at once, each at its JSON path.

The library checks its own values; this module reads the few things around
them (a request's fields, days and times written as text, the profile form)
and reports problems in the library's shape, as :class:`upperback.UpperbackError`
values, so that one handler answers every bad request alike.
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

PROFILE_ANSWERS: Final = (
    "pregnancy_week",
    "equipment",
    "band_colour",
    "height_cm",
    "conditions",
    "level",
)
"""The questions of the profile form, by the key each answer has."""

_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME: Final = re.compile(r"\d{2}:\d{2}")


def key_path(key: object) -> str:
    """A key of an object at the root, as a JSON path: ``$.weeks``, or ``$["odd key"]``."""
    if isinstance(key, str) and key.isidentifier():
        return f"$.{key}"
    return f"$[{json.dumps(str(key), ensure_ascii=False)}]"


def under(path: str, error: ub.UpperbackError, *, named: str | None = None) -> list[ub.Problem]:
    """The error's problems, each moved from the root of a part to ``path``.

    ``named`` is the name a library call gives the part (``Kit.from_names``
    calls its argument ``names``): its problems are at ``$.names[1]``, and
    here at ``path`` followed by ``[1]``.
    """
    strip = "$" if named is None else f"$.{named}"
    return [
        ub.Problem(path=path + problem.path.removeprefix(strip), message=problem.message)
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

    A key not in ``known`` is a problem; so is a required field left out, and
    each problem a field's reader raises, moved to the field's path. Only
    :meth:`check` raises, with every problem at once.
    """

    def __init__(self, body: Any, *, known: tuple[str, ...], what: str = "request") -> None:
        self.what = what
        self.problems: list[ub.Problem] = []
        self.body: Mapping[Any, Any] = body if isinstance(body, dict) else {}
        if not isinstance(body, dict):
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

    def add(self, error: ub.UpperbackError, *, at: str = "$", named: str | None = None) -> None:
        """Note every problem of a library error, each moved under ``at`` (see :func:`under`)."""
        self.problems += under(at, error, named=named)

    def take(
        self,
        key: str,
        read: Callable[[Any], T],
        *,
        required: bool = True,
        named: str | None = None,
    ) -> T | None:
        """The field ``key`` as ``read`` makes it, or ``None`` with its problems noted.

        A field left out (or ``null``) is a problem when it is required, and
        ``None`` when it is not. ``named`` is the name ``read`` gives its
        argument in its problems' paths, if any (see :func:`under`).
        """
        value = self.body.get(key)
        if value is None:
            if required:
                self.problems.append(ub.Problem(path=key_path(key), message="is required"))
            return None
        try:
            return read(value)
        except ub.UpperbackError as error:
            self.add(error, at=key_path(key), named=named)
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


def _each(values: Any, read: Callable[[Any], object], what: str) -> list[Any]:
    """``values`` if it is a list whose every item ``read`` takes; else every problem, by index."""
    if not isinstance(values, list):
        raise ub.InvalidValue("", values, f"must be a list of {what}")
    errors = []
    for i, value in enumerate(values):
        try:
            read(value)
        except ub.InvalidValue as error:
            errors.append(ub.InvalidValue(f"[{i}]", error.value, error.reason))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ub.InvalidValues(errors)
    return values


def _prop_names(names: Any) -> list[Any]:
    return _each(names, lambda name: ub.Kit.from_names([name]), "prop names")


_CONDITIONS: Final = {condition.value: condition for condition in ub.Condition}


def _condition(name: Any) -> ub.Condition:
    if isinstance(name, str) and name in _CONDITIONS:
        return _CONDITIONS[name]
    raise ub.InvalidValue("", name, f"must be one of {', '.join(_CONDITIONS)}")


def _conditions(names: Any) -> frozenset[ub.Condition]:
    return frozenset(_condition(name) for name in _each(names, _condition, "condition names"))


def _level(value: Any) -> ub.Level:
    if type(value) is int and value in set(ub.Level):
        return ub.Level(value)
    raise ub.InvalidValue("", value, f"must be one of {', '.join(str(int(x)) for x in ub.Level)}")


def _height(value: Any) -> Any:
    ub.SwissBall.for_height(value)  # the heights a ball is sized for, as a profile's
    return value


def profile_from_answers(answers: Any, *, on: dt.date) -> ub.Profile:  # noqa: ARG001 - see below
    """A profile from what a person answered in the profile form (see :data:`PROFILE_ANSWERS`).

    ``pregnancy_week`` (1–42) gives the trimester; ``equipment`` names props
    as :meth:`upperback.Kit.from_names` reads them, the Swiss ball sized for
    ``height_cm``; ``band_colour`` is the band's colour, and adds a band;
    ``conditions`` are :class:`upperback.Condition` values; ``level`` is 1–5.
    An answer left out or ``null`` is not answered. ``on`` is the day of the
    answers, when the pregnancy was in that week: the profile made here holds
    that week's trimester, and does not follow the pregnancy on by itself
    (the app asks again, or a profile that follows it is made from the day).

    Raises:
        upperback.InvalidDocument: Every bad answer, each at its path (``$.equipment[1]``).
    """
    fields = Fields(answers, known=PROFILE_ANSWERS, what="set of answers")
    height = fields.take("height_cm", _height, required=False, named="height_cm")
    names = fields.take("equipment", _prop_names, required=False) or []
    band = fields.take("band_colour", ub.ResistanceBand.from_colour, required=False, named="colour")
    pregnancy = fields.take("pregnancy_week", ub.trimester, required=False, named="week")
    conditions = fields.take("conditions", _conditions, required=False) or frozenset()
    level = fields.take("level", _level, required=False)
    fields.check()
    props = ub.Kit.from_names(names, height_cm=height).props
    if band is not None:
        props = frozenset(p for p in props if not isinstance(p, ub.ResistanceBand)) | {band}
    try:
        return ub.Profile(
            conditions=conditions | ({pregnancy} if pregnancy else set()),
            level=level,
            height_cm=height,
            kit=ub.Kit(props=props),
        )
    except ub.UpperbackError as error:  # a rule across answers, such as two trimesters
        raise ub.InvalidDocument(error.problems, what=fields.what) from None
