"""What the sub-commands share: reading their inputs, writing output, and user errors.

Every file a command reads goes through the library's own reader
(:func:`~upperback.serialization.loads`, within the default
:class:`~upperback.serialization.Limits`): a key repeated in one object, a
number of thousands of digits or nesting thousands of levels deep is refused
as a problem of the document, never read as "the last one wins" and never a
traceback. A routine's exercises are then taken from a catalog (the built-in
one, or ``--catalog FILE``), not from the document: each fact that differed
is reported on standard error.

A user's mistake (a missing file, a document with problems, a bad option, an
unknown exercise id) ends the command with exit code 2 and one paragraph on
standard error that names the problem; it is never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

import attrs

from upperback import render
from upperback._codec.limits import DEFAULT_LIMITS
from upperback._codec.text import parse
from upperback.catalog import Catalog, default_catalog, resolve_exercises
from upperback.cli._options import enum_option
from upperback.compose import Composition, Prescription
from upperback.errors import InvalidDocument, InvalidValue, Problem, UpperbackError
from upperback.progression import Program
from upperback.props import Kit
from upperback.routine import Routine
from upperback.safety import Condition, Profile
from upperback.serialization import DOCUMENT_KINDS, dumps, loads

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

T = TypeVar("T")

__all__ = [
    "FORMATS",
    "ROUTINE_HOLDERS",
    "Held",
    "UsageError",
    "add_catalog",
    "add_format",
    "add_person",
    "catalog_of",
    "emit",
    "note",
    "one_stdin",
    "person_of",
    "read_data",
    "read_document",
    "read_routine",
    "shown",
]

FORMATS: Final = ("text", "markdown", "html", "json")
"""The output formats of commands that show a value."""

ROUTINE_HOLDERS: Final = "a routine, composition, prescription or program document"
"""The documents a command that takes a routine reads it from."""


class UsageError(UpperbackError):
    """A mistake in how the command was called or in the file it was given: exit code 2.

    ``problems`` holds every problem of an invalid document, each with its path.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        if problems:
            self.problems = tuple(problems)


def _kind_name(cls: type | None) -> str:
    kinds = {known: kind for kind, known in DOCUMENT_KINDS.items()}
    return kinds.get(cls, "upperback").replace("_", " ") if cls is not None else "upperback"


def _read(path: str) -> bytes | str:
    """The text of a file (``-``: standard input), read no further than a document may be long."""
    most = DEFAULT_LIMITS.max_bytes + 1  # one byte more than allowed: the reader says "too big"
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin)
            text: bytes | str = stream.read(most)
            return text
        with Path(path).open("rb") as file:
            return file.read(most)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file.") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror}).") from None


def _refused(path: str, what: str, problems: tuple[Problem, ...]) -> UsageError:
    if len(problems) == 1 and problems[0].path == "$":
        # The text as a whole (not JSON, too big, too deep): say it of the file.
        return UsageError(f"{path}: {problems[0].message}.", problems)
    listed = "; ".join(f"{p.path}: {p.message}" for p in problems)
    return UsageError(f"{path}: is not a valid {what} document: {listed}.", problems)


@overload
def read_document(path: str, cls: type[T]) -> T: ...
@overload
def read_document(path: str, cls: None = None) -> object: ...
def read_document(path: str, cls: type[T] | None = None) -> T | object:
    """Read a document by :func:`~upperback.serialization.loads`, or raise :class:`UsageError`."""
    try:
        value: T | object = loads(_read(path), cls)
    except InvalidDocument as exc:
        raise _refused(path, _kind_name(cls), exc.problems) from None
    return value


def read_data(path: str) -> Any:
    """A file's JSON data, read within a document's limits, or raise :class:`UsageError`."""
    try:
        return parse(_read(path), DEFAULT_LIMITS, strings=True)
    except InvalidDocument as exc:
        raise _refused(path, "upperback", exc.problems) from None


def one_stdin(*paths: str | None) -> None:
    """Refuse more than one input from standard input (``-``): the second would read nothing."""
    if sum(path == "-" for path in paths) > 1:
        raise UsageError(
            "only one input can come from standard input (-); give the others as files."
        )


def note(message: str) -> None:
    """A note on standard error that does not stop the command."""
    print(f"upperback: note: {message}", file=sys.stderr)


# -- the catalog exercise facts come from ---------------------------------------------


def add_catalog(parser: argparse.ArgumentParser) -> None:
    """The ``--catalog FILE`` option."""
    parser.add_argument(
        "--catalog",
        metavar="FILE",
        help="a catalog document to take exercise facts from, instead of the built-in catalog:"
        " every exercise of the routine is taken from it by id",
    )


def catalog_of(args: argparse.Namespace) -> Catalog:
    """The catalog ``--catalog`` names, or the built-in one."""
    if args.catalog is None:
        return default_catalog()
    return read_document(args.catalog, Catalog)


# -- the routine a document holds ----------------------------------------------------


@attrs.frozen(kw_only=True)
class Held:
    """The routine a document holds, on the catalog's facts, and the person it holds, if any."""

    routine: Routine
    profile: Profile | None = None


def read_routine(path: str, catalog: Catalog) -> Held:
    """The routine of a routine, composition, prescription or program document.

    Its exercises are taken from ``catalog`` by id (each fact that differed is
    a note on standard error); an id the catalog lacks is a usage error.
    """
    value = read_document(path)
    profile = None
    at = "$.data.routine"
    if isinstance(value, Routine):
        routine, at = value, "$.data"
    elif isinstance(value, Composition | Prescription):
        routine = value.routine
    elif isinstance(value, Program):
        routine, profile = value.routine, value.profile
    else:
        kind = _kind_name(type(value))
        message = f"{path}: is a {kind} document, which holds no routine; give {ROUTINE_HOLDERS}."
        raise UsageError(message)
    return Held(routine=_resolved(routine, catalog, path, at), profile=profile)


def _resolved(routine: Routine, catalog: Catalog, path: str, at: str) -> Routine:
    try:
        resolved = resolve_exercises(routine, catalog)
    except InvalidValue as exc:
        problems = tuple(Problem(path=at + p.path[1:], message=p.message) for p in exc.problems)
        listed = "; ".join(str(problem) for problem in problems)
        raise UsageError(
            f"{path}: {listed}. Name the catalog its exercises come from with --catalog FILE.",
            problems,
        ) from None
    for mismatch in resolved.mismatches:
        where = at + mismatch.path[1:]
        note(
            f"{path}: {mismatch.exercise_id} at {where}: its {', '.join(mismatch.fields)}"
            " differ from the catalog; the catalog's are used."
        )
    return resolved.value


# -- the person ----------------------------------------------------------------------


def add_person(parser: argparse.ArgumentParser, what: str = "a condition of the person") -> None:
    """The ``--condition`` and ``--profile FILE`` options: the person, one way or the other."""
    enum_option(parser, "--condition", Condition, what)
    parser.add_argument(
        "--profile", metavar="FILE", help="a profile document: the person, instead of --condition"
    )


def person_of(args: argparse.Namespace, held: Profile | None = None) -> Profile | None:
    """The person ``--profile`` or ``--condition`` give, else the one the document held.

    ``--condition`` gives a person with those conditions and the everyday props.
    """
    if args.profile is not None and args.condition:
        message = "give --profile or --condition, not both: a profile holds the conditions."
        raise UsageError(message)
    if args.profile is not None:
        return read_document(args.profile, Profile)
    if args.condition:
        return Profile(conditions=frozenset(args.condition), kit=Kit.everyday())
    return held


# -- output --------------------------------------------------------------------------


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
