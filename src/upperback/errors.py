"""The exceptions :mod:`upperback` raises.

Every error the library raises on purpose is an :class:`UpperbackError`.
The specific errors also subclass the builtin exception they refine,
so ``except ValueError`` keeps working in code that does not know upperback.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "InvalidCatalog",
    "InvalidDocument",
    "InvalidValue",
    "InvalidValues",
    "NothingFits",
    "NothingSafe",
    "Problem",
    "UnknownExercise",
    "UnknownReference",
    "UpperbackError",
]


class UpperbackError(Exception):
    """Base class of every error raised by :mod:`upperback`.

    .. versionadded:: 0.1.0
    """


class InvalidValue(UpperbackError, ValueError):  # noqa: N818 - the name reads as the domain says it
    """A field was given a value it cannot hold.

    Raised when a value is constructed, so that an invalid value never exists.

    Attributes:
        field: The field's name, or a dotted path such as ``"dose.hold_s"``.
        value: The offending value, as it was given.
        reason: What the field requires, e.g. ``"must be between 1 and 120 seconds"``.

    .. versionadded:: 0.1.0
    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field!r} {reason} (got {value!r}).")


class InvalidValues(InvalidValue):
    """Several fields of one value were given values they cannot hold.

    Raised instead of :class:`InvalidValue` when a value breaks more than one
    rule, so that all of them are reported at once::

        'sets' must be an integer between 1 and 10 (got 0).
        'reps' must be an integer between 1 and 50 (got 0).

    It is an :class:`InvalidValue` too: ``field``, ``value`` and ``reason`` are
    those of the first problem.

    Attributes:
        errors: Every problem, one :class:`InvalidValue` per field, in field order.
        problems: The same as :class:`Problem` values, each at its field's path
            (``"sets"``, ``"cues[1]"``), as :class:`InvalidDocument` lists them.

    .. versionadded:: 0.1.0
    """

    def __init__(self, errors: Iterable[InvalidValue]) -> None:
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.field, first.value, first.reason)
        self.args = ("\n".join(str(error) for error in self.errors),)
        self.problems = tuple(
            Problem(path=e.field, message=f"{e.reason} (got {e.value!r})") for e in self.errors
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document: where it is and what is wrong.

    Attributes:
        path: A JSON path into the document, e.g. ``"$.data.default_dose.hold_s"``.
        message: What is wrong there.

    .. versionadded:: 0.1.0
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    @property
    def pointer(self) -> str:
        """The path as a JSON Pointer (RFC 6901), e.g. ``"/data/default_dose/hold_s"``.

        >>> Problem(path='$.sections[0]["odd key"]', message="is bad").pointer
        '/sections/0/odd key'

        .. versionadded:: 0.1.0
        """
        parts = []
        for match in _PATH_PART.finditer(self.path.removeprefix("$")):
            name, index, quoted = match.groups()
            part = name if name is not None else index if index is not None else _unquote(quoted)
            parts.append(part.replace("~", "~0").replace("/", "~1"))
        return "".join(f"/{part}" for part in parts)

    def to_dict(self) -> dict[str, str]:
        """The problem as plain data: ``{"path": ..., "message": ...}``.

        .. versionadded:: 0.1.0
        """
        return {"path": self.path, "message": self.message}


_PATH_PART = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*"…?)\]')


def _unquote(quoted: str) -> str:
    try:
        text = json.loads(quoted.removesuffix("…"))
    except ValueError:
        return quoted
    return text if isinstance(text, str) else quoted


def _list_problems(what: str, problems: tuple[Problem, ...]) -> str:
    lines = "\n".join(f"  {problem}" for problem in problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return f"Invalid {what} ({len(problems)} {noun}):\n{lines}"


class InvalidDocument(UpperbackError, ValueError):  # noqa: N818
    """A document (JSON text or a dict) could not be loaded.

    Every problem found is listed, each with its path, so that a person
    fixing a hand-edited file sees all of them at once::

        $.data.default_dose.hold_s: must be between 1 and 120 seconds (got 300)

    Attributes:
        problems: Every :class:`Problem` found, in document order.

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[Problem], *, what: str = "document") -> None:
        self.problems = tuple(problems)
        self.what = what
        super().__init__(_list_problems(what, self.problems))

    def to_list(self) -> list[dict[str, str]]:
        """Every problem as plain data, ready for a JSON answer.

        >>> error = InvalidDocument([Problem(path="$.sets", message="must be at least 1 (got 0)")])
        >>> error.to_list()
        [{'path': '$.sets', 'message': 'must be at least 1 (got 0)'}]

        .. versionadded:: 0.1.0
        """
        return [problem.to_dict() for problem in self.problems]

    def to_problem_details(
        self,
        *,
        status: int = 422,
        type: str = "about:blank",  # noqa: A002 - the RFC's name for it
        instance: str | None = None,
    ) -> dict[str, Any]:
        """The error as an RFC 9457 problem-details object, for an HTTP answer.

        Each problem is in ``errors``, with its ``path``, the same place as a
        JSON Pointer (``pointer``) and its ``detail``. Serve it with the media
        type ``application/problem+json``:

        >>> error = InvalidDocument([Problem(path="$.sets", message="must be at least 1 (got 0)")])
        >>> error.to_problem_details()
        {'type': 'about:blank', 'title': 'Unprocessable Content', 'status': 422, 'detail': 'The document has 1 problem.', 'errors': [{'path': '$.sets', 'pointer': '/sets', 'detail': 'must be at least 1 (got 0)'}]}

        Args:
            status: The HTTP status code (422, or 400 for an app that prefers it).
            type: A URI naming the kind of problem; ``"about:blank"`` means the status says it.
            instance: A URI naming this occurrence, if the app has one.

        .. versionadded:: 0.1.0
        """  # noqa: E501
        noun = "problem" if len(self.problems) == 1 else "problems"
        details: dict[str, Any] = {
            "type": type,
            "title": _TITLES.get(status, "Invalid document"),
            "status": status,
            "detail": f"The {self.what} has {len(self.problems)} {noun}.",
            "errors": [
                {"path": p.path, "pointer": p.pointer, "detail": p.message} for p in self.problems
            ],
        }
        if instance is not None:
            details["instance"] = instance
        return details


_TITLES = {400: "Bad Request", 413: "Content Too Large", 422: "Unprocessable Content"}


class InvalidCatalog(UpperbackError, ValueError):  # noqa: N818
    """A catalog's exercises do not fit together.

    Raised when a :class:`~upperback.catalog.Catalog` is built, listing every
    problem at once, each at the path of the exercise and field at fault::

        exercises['cat-camel'].harder: names no exercise in the catalog (got "cat-camel-2")

    Attributes:
        problems: Every :class:`Problem` found, in exercise-id order.

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_list_problems("catalog", self.problems))


class UnknownExercise(UpperbackError, KeyError):  # noqa: N818
    """No exercise in a catalog has the id asked for.

    The message suggests the closest ids, so that a typo is easy to fix.

    Attributes:
        id: The id that was asked for.
        suggestions: Close ids that do exist, best first (maybe none).

    .. versionadded:: 0.1.0
    """

    def __init__(self, id: str, suggestions: Iterable[str] = ()) -> None:  # noqa: A002
        self.id = id
        self.suggestions = tuple(suggestions)
        message = f"No exercise has the id {id!r}."
        if self.suggestions:
            message += f" Did you mean {' or '.join(repr(s) for s in self.suggestions)}?"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would show the repr of its argument, quotes and all.
        return self.message


class NothingSafe(UpperbackError):  # noqa: N818 - the name reads as the domain says it
    """Screening left nothing of a routine that is safe for the person.

    Raised by :meth:`upperback.safety.screen.ScreenReport.safe_routine` when every
    block is excluded, rather than returning an empty routine that an app
    could show as "nothing to do today", and by the composer when screening
    left out everything else that would fit.

    Attributes:
        reasons: Why each block was left out, one line per block.

    .. versionadded:: 0.1.0
    """

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        lines = "\n".join(f"  {reason}" for reason in self.reasons)
        super().__init__(
            "Nothing in this routine is safe for this person; ask a healthcare"
            f" professional what to do instead:\n{lines}"
        )


class NothingFits(UpperbackError, ValueError):  # noqa: N818 - the name reads as the domain says it
    """No exercise can be done within the limits asked for.

    Raised by :func:`upperback.compose.composer.compose` when no exercise of the
    catalog meets the goal, the kit and the time budget together (when
    screening is what left nothing, it raises :class:`NothingSafe`), and by
    :func:`upperback.compose.prescription.prescribe` when even the shortest
    form of one exercise is longer than the budget.

    Attributes:
        reasons: Why each exercise could not be used, one line each.

    .. versionadded:: 0.1.0
    """

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        lines = "\n".join(f"  {reason}" for reason in self.reasons[:20])
        more = len(self.reasons) - 20
        if more > 0:
            lines += f"\n  and {more} more"
        super().__init__(f"No exercise fits these limits:\n{lines}")


class UnknownReference(UpperbackError, KeyError):  # noqa: N818
    """No source has the citation key asked for.

    Attributes:
        key: The key that was asked for.
        suggestions: Close keys that do exist, best first (maybe none).

    .. versionadded:: 0.1.0
    """

    def __init__(self, key: str, suggestions: Iterable[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        message = f"No source has the key {key!r}."
        if self.suggestions:
            message += f" Did you mean {' or '.join(repr(s) for s in self.suggestions)}?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would quote the whole message; show it as written.
        return str(self.args[0])
