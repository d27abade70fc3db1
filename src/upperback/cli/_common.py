"""What the sub-commands share: reading documents, writing output, and user errors.

A user's mistake (a missing file, malformed JSON, an invalid document, a bad
option) ends the command with exit code 2 and one paragraph on standard error
that names the problem; it is never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from upperback import render
from upperback.errors import InvalidDocument, InvalidValue, Problem, UpperbackError
from upperback.serialization import DOCUMENT_KINDS, dumps, from_dict

if TYPE_CHECKING:
    import enum

T = TypeVar("T")

__all__ = [
    "FORMATS",
    "UsageError",
    "add_format",
    "choice",
    "emit",
    "integer",
    "invalid",
    "number",
    "read_document",
    "repeatable",
    "shown",
]

FORMATS: Final = ("text", "markdown", "html", "json")
"""The output formats of commands that show a value."""


class UsageError(UpperbackError):
    """A mistake in how the command was called or in the file it was given: exit code 2.

    ``problems`` holds every problem of an invalid document, each with its path.
    """

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        if problems:
            self.problems = problems


def _kind_name(cls: type | None) -> str:
    kinds = {known: kind for kind, known in DOCUMENT_KINDS.items()}
    return kinds.get(cls, "upperback").replace("_", " ") if cls is not None else "upperback"


@overload
def read_document(path: str, cls: type[T]) -> T: ...
@overload
def read_document(path: str, cls: None = None) -> object: ...
def read_document(path: str, cls: type[T] | None = None) -> T | object:
    """Read a document from a file (``-`` for standard input), or raise :class:`UsageError`."""
    what = _kind_name(cls)
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: is not UTF-8 text, so it cannot be a document.") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"{path}: is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        raise UsageError(message) from None
    try:
        value: T | object = from_dict(data, cls)
    except InvalidDocument as exc:
        problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
        message = f"{path}: is not a valid {what} document: {problems}."
        raise UsageError(message, tuple(exc.problems)) from None
    return value


def emit(text: str, out: str | None) -> None:
    """Write the output to ``out`` (a file) or to standard output."""
    if not text.endswith("\n"):
        text += "\n"
    if out is None or out == "-":
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: cannot be written ({exc.strerror}).") from None


def shown(value: object, fmt: str) -> str:
    """A value in one of :data:`FORMATS` (json: its document, with every reason it holds)."""
    if fmt == "json":
        return dumps(value, indent=2)
    renderer = {"text": render.text, "markdown": render.markdown, "html": render.html}[fmt]
    return renderer(value)


def add_format(parser: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS) -> None:
    """The ``--format`` and ``-o`` options."""
    parser.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help=f"how to write it; one of {', '.join(formats)} (default: {formats[0]})",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not standard output")


def repeatable(
    parser: argparse.ArgumentParser, flag: str, values: type[enum.StrEnum], what: str
) -> None:
    """An option that takes one of an enum's values and may be given again."""
    parser.add_argument(
        flag,
        action="append",
        type=choice(values),
        metavar=flag.removeprefix("--").upper(),
        help=f"{what}; repeatable; one of {', '.join(values)}",
    )


def choice(values: type[enum.StrEnum]) -> Any:
    """An argparse type: one of an enum's values, or an error listing them all."""

    def parse(text: str) -> enum.StrEnum:
        try:
            return values(text)
        except ValueError:
            message = f"must be one of {', '.join(values)} (got {text!r})"
            raise argparse.ArgumentTypeError(message) from None

    return parse


def integer(low: int, high: int) -> Any:
    """An argparse type: a whole number within bounds, or an error listing them."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            message = f"must be a whole number from {low} to {high} (got {text!r})"
            raise argparse.ArgumentTypeError(message)
        return value

    return parse


def number(low: float, high: float, unit: str) -> Any:
    """An argparse type: a finite number within bounds, or an error listing them."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not low <= value <= high:  # also false for nan
            message = f"must be a number from {low:g} to {high:g}{unit} (got {text!r})"
            raise argparse.ArgumentTypeError(message)
        return value

    return parse


def invalid(exc: InvalidValue) -> UsageError:
    """A value the library refused, as a usage error."""
    return UsageError(str(exc))
