"""A profile from what a person answers in a form, in one call.

The entry point is :meth:`Profile.from_answers() <upperback.safety.profile.Profile.from_answers>`.

An app's form sends plain JSON values: a pregnancy week, equipment names, a
band colour, a height, an age, conditions by name, a level. This module
reads them the way the document reader reads a document: strict JSON types
(``true`` is not ``1`` and ``"60"`` is not ``60``), every problem reported
at once, each at its path (``$.equipment[2]``), as an
:class:`~upperback.errors.InvalidDocument` an app can return as it is
(:meth:`~upperback.errors.UpperbackError.to_problem_details`). An answer
left empty (``null``, or left out) is not answered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any, Final

from upperback.errors import InvalidDocument, InvalidValue, Problem
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, BandLevel, Kit, PropKind, ResistanceBand
from upperback.safety.conditions import AgeBand, Condition
from upperback.safety.dated import FIRST_DAY, LAST_DAY, Injury, Pregnancy, Surgery, check_day
from upperback.safety.profile import Profile
from upperback.vocab import Level

__all__ = ["ANSWERS", "MAX_AGE", "age_band", "profile_from_answers"]

ANSWERS: Final = (
    "pregnancy_week",
    "due_date",
    "equipment",
    "band_colour",
    "height_cm",
    "age",
    "conditions",
    "level",
    "injury_date",
    "surgery_date",
)
"""The questions :func:`profile_from_answers` reads, by the key an answer has.

- ``pregnancy_week``: the week of pregnancy on the day of the answers, 1 to
  42 (read as :meth:`Pregnancy.at_week() <upperback.safety.dated.Pregnancy.at_week>`
  does); or ``due_date``, the due date (``"YYYY-MM-DD"``); not both.
- ``equipment``: prop names, as :meth:`Kit.from_names() <upperback.props.Kit.from_names>`
  takes them (``"swiss_ball"``, ``"other:sandbag"``).
- ``band_colour``: the colour of the person's resistance band
  (:meth:`ResistanceBand.from_colour() <upperback.props.ResistanceBand.from_colour>`);
  it adds the band to the kit if ``equipment`` does not name one.
- ``height_cm``: standing height in cm (sizes a Swiss ball).
- ``age``: age in whole years, read as its :class:`~upperback.safety.conditions.AgeBand`.
- ``conditions``: condition names (:class:`~upperback.safety.conditions.Condition` values).
- ``level``: the level the person works at, 1 to 5.
- ``injury_date``: the day of an acute soft-tissue injury (``"YYYY-MM-DD"``).
- ``surgery_date``: the day of an operation not yet cleared for exercise.
"""

MAX_AGE: Final = 130
"""The oldest age an answer may give in whole years (a bound that catches nonsense)."""

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXCERPT: Final = 40
_WHAT: Final = "set of answers"


def age_band(age: int) -> AgeBand:
    """The age band of an age in whole years: under 20, 20 to 50, or over 50.

    New back pain before 20 or after 50 is a red flag [R2*][R8*], so
    50 itself is in the middle band.

    >>> [age_band(age).value for age in (19, 20, 50, 51)]
    ['under_20', '20_to_50', '20_to_50', 'over_50']

    Raises:
        InvalidValue: ``age`` is not a whole number of years from 0 to 130.
    """
    if type(age) is not int or not 0 <= age <= MAX_AGE:
        raise InvalidValue("age", age, f"must be a whole number of years from 0 to {MAX_AGE}")
    if age < 20:  # the red flag's ages, named in the docstring
        return AgeBand.UNDER_20
    if age > 50:
        return AgeBand.OVER_50
    return AgeBand.FROM_20_TO_50


def _shown(value: Any) -> str:
    """A value in JSON form, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


class _Reader:
    """Reads one form's answers, collecting every problem with its path."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str, value: Any = None, *, shown: bool = True) -> None:
        got = f" (got {_shown(value)})" if shown else ""
        where = f"${path}" if path.startswith("[") else f"$.{path}"
        self.problems.append(Problem(path=where, message=f"{message}{got}"))

    def refused(self, path: str, error: InvalidValue) -> None:
        self.problem(path, error.reason, error.value)

    def get(self, key: str) -> Any:
        return self.answers.get(key)

    def whole(self, key: str, low: int, high: int, what: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if type(value) is not int or not low <= value <= high:
            self.problem(key, f"must be {what} from {low} to {high}", value)
            return None
        return value

    def day(self, key: str) -> dt.date | None:
        value = self.get(key)
        if value is None:
            return None
        day = None
        if type(value) is dt.date:
            day = value
        elif type(value) is str and _ISO_DATE.fullmatch(value):
            with contextlib.suppress(ValueError):
                day = dt.date.fromisoformat(value)
        if day is None:
            self.problem(key, "must be a date written YYYY-MM-DD", value)
            return None
        if not FIRST_DAY <= day <= LAST_DAY:
            self.problem(
                key, f"must be a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}", value
            )
            return None
        return day

    def names(self, key: str) -> list[tuple[int, Any]]:
        """The items of a list of names, each with its index (or none, reported, if not a list)."""
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.problem(key, "must be a list of names", value)
            return []
        return list(enumerate(value))

    def text(self, path: str, item: Any) -> bool:
        """Whether ``item`` is text; if not, the problem is reported."""
        if type(item) is str:
            return True
        self.problem(path, "must be a name (text)", item)
        return False

    def in_order(self) -> list[Problem]:
        """The problems in the order of the answers they are about."""
        order = {key: i for i, key in enumerate(self.answers)}

        def place(problem: Problem) -> int:
            key = problem.path.removeprefix("$.").split("[")[0]
            return order.get(key, -1)

        return sorted(self.problems, key=place)


def profile_from_answers(answers: Mapping[str, Any], *, on: dt.date | None = None) -> Profile:
    """A profile from a form's answers (see :data:`ANSWERS`).

    See :meth:`Profile.from_answers() <upperback.safety.profile.Profile.from_answers>`.
    """
    if on is not None:
        check_day("on", on)
    if not isinstance(answers, Mapping):
        raise InvalidDocument(
            [Problem(path="$", message=f"must be an object of answers (got {_shown(answers)})")],
            what=_WHAT,
        )
    reader = _Reader(answers)
    _unknown(reader)
    fields = _fields(reader, on)
    if reader.problems:
        raise InvalidDocument(reader.in_order(), what=_WHAT)
    try:
        return Profile(**fields)
    except InvalidValue as error:  # a rule across answers, such as two trimesters
        message = f"{error.reason} (got {_shown(error.value)})"
        raise InvalidDocument(
            [Problem(path=f"$.{error.field}", message=message)], what=_WHAT
        ) from None


def _unknown(reader: _Reader) -> None:
    for key in reader.answers:
        if key not in ANSWERS:
            reader.problem(
                key if type(key) is str and key.isidentifier() else f"[{_shown(key)}]",
                f"is not a question a profile reads (they are: {', '.join(ANSWERS)})",
                shown=False,
            )


def _fields(reader: _Reader, on: dt.date | None) -> dict[str, Any]:
    """The profile's fields from the answers, each bad answer reported."""
    pregnancy = _pregnancy(reader, on)
    height = _height(reader)
    fields: dict[str, Any] = {
        "height_cm": height,
        "kit": _kit(reader, height),
        "age_band": _age(reader),
        "level": _level(reader),
        "conditions": _conditions(reader, dated=pregnancy is not None),
        "pregnancy": pregnancy,
    }
    injury = reader.day("injury_date")
    if injury is not None:
        fields["injuries"] = (Injury(on=injury),)
    surgery = reader.day("surgery_date")
    if surgery is not None:
        fields["surgeries"] = (Surgery(on=surgery),)
    return fields


def _age(reader: _Reader) -> AgeBand | None:
    age = reader.get("age")
    if age is None:
        return None
    try:
        return age_band(age)
    except InvalidValue as error:
        reader.refused("age", error)
        return None


def _level(reader: _Reader) -> Level | None:
    level = reader.whole("level", int(min(Level)), int(max(Level)), "a whole level")
    return None if level is None else Level(level)


def _pregnancy(reader: _Reader, on: dt.date | None) -> Pregnancy | None:
    low, high = 1, 42
    week = reader.whole("pregnancy_week", low, high, "a whole week of pregnancy")
    due = reader.day("due_date")
    if reader.get("pregnancy_week") is not None and reader.get("due_date") is not None:
        reader.problem(
            "due_date", "must not be given with pregnancy_week: give one or the other", shown=False
        )
        return None
    if due is not None:
        return Pregnancy(due=due)
    if week is None:
        return None
    if on is None:
        reader.problem(
            "pregnancy_week",
            "needs the day it was answered: pass on=day to Profile.from_answers",
            week,
        )
        return None
    return Pregnancy.at_week(week, on=on)


def _height(reader: _Reader) -> float | None:
    value = reader.get("height_cm")
    if value is None:
        return None
    if (
        type(value) not in (int, float)
        or not math.isfinite(value)
        or not MIN_HEIGHT_CM <= value <= MAX_HEIGHT_CM
    ):
        reader.problem(
            "height_cm",
            f"must be a number of centimetres from {MIN_HEIGHT_CM:g} to {MAX_HEIGHT_CM:g}",
            value,
        )
        return None
    return float(value)


def _kit(reader: _Reader, height: float | None) -> Kit:
    band_level = BandLevel.MEDIUM
    colour = reader.get("band_colour")
    band = None
    if colour is not None:
        if type(colour) is not str:
            reader.problem("band_colour", "must be a band colour (text)", colour)
        else:
            try:
                band = ResistanceBand.from_colour(colour)
            except InvalidValue as error:
                reader.refused("band_colour", error)
            else:
                band_level = band.level
    names = []
    for i, name in reader.names("equipment"):
        if not reader.text(f"equipment[{i}]", name):
            continue
        try:
            Kit.from_names([name])
        except InvalidValue as error:
            reader.refused(f"equipment[{i}]", error)
        else:
            names.append(name)
    if band is not None and PropKind.RESISTANCE_BAND.value not in names:
        names.append(PropKind.RESISTANCE_BAND.value)
    return Kit.from_names(names, height_cm=height, band_level=band_level)


def _conditions(reader: _Reader, *, dated: bool) -> frozenset[Condition]:
    known = {condition.value: condition for condition in Condition}
    found: set[Condition] = set()
    for i, name in reader.names("conditions"):
        if not reader.text(f"conditions[{i}]", name):
            continue
        condition = known.get(name)
        if condition is None:
            reader.problem(f"conditions[{i}]", f"must be one of {', '.join(known)}", name)
        elif condition in found:
            reader.problem(f"conditions[{i}]", "must not repeat a condition", name)
        elif condition.is_pregnancy and dated:
            reader.problem(
                f"conditions[{i}]",
                "must not be a trimester when pregnancy_week or due_date dates the pregnancy:"
                " its trimester follows from the day",
                name,
            )
        else:
            found.add(condition)
    return frozenset(found)
