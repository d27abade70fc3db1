"""The options the sub-commands share, each parsed one way everywhere.

One rule for every option that takes several values (``--kit``,
``--condition``, ``--benefit``, ``--red-flag`` ...): it may be repeated, and
each value may be a comma-separated list, so ``--kit chair --kit wall`` and
``--kit chair,wall`` are the same kit. A value that is not one of the
choices is refused with every valid one listed; a number out of range is
refused with the range.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from typing import TYPE_CHECKING, Any, TypeVar

from upperback.errors import InvalidValue
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit, PropKind
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Sequence

T = TypeVar("T")

__all__ = [
    "DISCLAIMER",
    "HEIGHT",
    "MINUTES",
    "PROP_CHOICES",
    "bounded",
    "date",
    "enum_option",
    "kit_for",
    "kit_option",
    "member",
    "prop_name",
    "time_of_day",
    "whole",
]

DISCLAIMER = (
    "upperback supports clinicians and apps; it does not replace a healthcare "
    "professional. Most back pain starts to ease within two weeks and settles within "
    "six; if it is not improving within a few weeks, see a GP or a physiotherapist, "
    "and get help at once for any warning sign."
)


def member(values: type[enum.StrEnum], what: str) -> Callable[[str], enum.StrEnum]:
    """An option's type: one of an enum's values, or an error that lists them all."""

    def parse(text: str) -> enum.StrEnum:
        try:
            return values(text)
        except ValueError:
            message = f"{text!r} is not a {what}; choose from {', '.join(values)}"
            raise argparse.ArgumentTypeError(message) from None

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def bounded(what: str, low: float, high: float, unit: str) -> Callable[[str], float]:
    """An option's type: a finite number from ``low`` to ``high``, or an error saying so."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            message = f"{what} must be a number from {low:g} to {high:g} {unit} (got {text!r})"
            raise argparse.ArgumentTypeError(message)
        return value

    parse.__name__ = what
    return parse


def whole(what: str, low: int, high: int) -> Callable[[str], int]:
    """An option's type: a whole number from ``low`` to ``high``, or an error saying so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            message = f"{what} must be a whole number from {low} to {high} (got {text!r})"
            raise argparse.ArgumentTypeError(message)
        return value

    parse.__name__ = what
    return parse


def date(text: str) -> dt.date:
    """An option's type: a date as ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = f"must be a date as YYYY-MM-DD (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def time_of_day(text: str) -> dt.time:
    """An option's type: a time of day as ``HH:MM``."""
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        message = f"must be a time of day as HH:MM (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


HEIGHT = bounded("height", MIN_HEIGHT_CM, MAX_HEIGHT_CM, "cm")
MINUTES = bounded("minutes", MIN_MINUTES, MAX_MINUTES, "minutes")


class _Items(argparse.Action):
    """Gathers an option's values: it may be repeated, and each value may list several."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002 - argparse's signature
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        items: list[Any] = list(getattr(namespace, self.dest, None) or [])
        items.extend(value for value in values if value not in items)
        setattr(namespace, self.dest, items)


def _items(parse: Callable[[str], T]) -> Callable[[str], list[T]]:
    """An option's type: a comma-separated list, each item read by ``parse``."""

    def parse_items(text: str) -> list[T]:
        return [parse(item.strip()) for item in text.split(",") if item.strip()]

    parse_items.__name__ = getattr(parse, "__name__", "value")
    return parse_items


def _list_option(
    parser: argparse.ArgumentParser,
    flag: str,
    parse: Callable[[str], Any],
    what: str,
) -> None:
    parser.add_argument(
        flag,
        action=_Items,
        type=_items(parse),
        metavar=flag.removeprefix("--").upper(),
        help=f"{what}; repeat it or separate values with commas",
    )


def enum_option(
    parser: argparse.ArgumentParser, flag: str, values: type[enum.StrEnum], what: str
) -> None:
    """An option that takes one or more of an enum's values."""
    name = flag.removeprefix("--")
    _list_option(parser, flag, member(values, name), f"{what}; from {', '.join(values)}")


PROP_CHOICES = ", ".join(kind.value for kind in PropKind if kind is not PropKind.OTHER)
"""The prop names an option takes, besides ``other:<slug>``."""


def prop_name(text: str) -> str:
    """An option's type: a prop name (as :meth:`Kit.from_names` reads), or an error listing them."""
    try:
        Kit.from_names([text])
    except InvalidValue:
        message = f"{text!r} is not a prop; choose from {PROP_CHOICES}, or other:<slug>"
        raise argparse.ArgumentTypeError(message) from None
    return text


prop_name.__name__ = "prop"


def kit_option(parser: argparse.ArgumentParser, default: str) -> None:
    """The ``--kit`` option: the props to hand, one or more."""
    _list_option(
        parser,
        "--kit",
        prop_name,
        f"the props to hand (default: {default}); from {PROP_CHOICES}, or other:<slug>"
        " for other equipment",
    )


def kit_for(names: Sequence[str], height_cm: float) -> Kit:
    """The props named, by :meth:`Kit.from_names`: a ball sized for the height, a red band [D1]."""
    return Kit.from_names(names, height_cm=height_cm)
