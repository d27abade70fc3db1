"""The options the sub-commands share: enum values, numbers within bounds, a kit."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from upperback.errors import InvalidValue
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit, PropKind
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

__all__ = [
    "DISCLAIMER",
    "HEIGHT",
    "MINUTES",
    "bounded",
    "enum_option",
    "kit_option",
    "member",
    "prop_name",
    "prop_names",
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


HEIGHT = bounded("height", MIN_HEIGHT_CM, MAX_HEIGHT_CM, "cm")
MINUTES = bounded("minutes", MIN_MINUTES, MAX_MINUTES, "minutes")


def enum_option(
    parser: argparse.ArgumentParser, flag: str, values: type[enum.StrEnum], what: str
) -> None:
    """An option that takes one of an enum's values and may be given again."""
    name = flag.removeprefix("--")
    parser.add_argument(
        flag,
        action="append",
        type=member(values, name),
        metavar=name.upper(),
        help=f"{what}; repeatable; one of {', '.join(values)}",
    )


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


def prop_names(text: str) -> list[str]:
    """An option's type: a comma-separated list of prop names."""
    return [prop_name(item.strip()) for item in text.split(",") if item.strip()]


prop_names.__name__ = "prop list"


def kit_option(parser: argparse.ArgumentParser, default: str) -> None:
    """The ``--kit`` option: prop names, comma-separated."""
    parser.add_argument(
        "--kit",
        type=prop_names,
        metavar="PROPS",
        help=f"the props to hand, comma-separated (default: {default}); "
        f"from {PROP_CHOICES}, or other:<slug> for other equipment",
    )
