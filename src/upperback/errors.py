"""The exceptions :mod:`upperback` raises, and the one shape an app answers them in.

Every error the library raises on purpose is an :class:`UpperbackError`.
The specific errors also subclass the builtin exception they refine,
so ``except ValueError`` keeps working in code that does not know upperback.

Every error lists its :attr:`~UpperbackError.problems`, each a :class:`Problem`
at a JSON path (``$.sessions_per_week``), and gives them as an RFC 9457
problem-details object (:meth:`~UpperbackError.to_problem_details`), so an
app returns any of them to a client the same way. Values are shown in
messages in JSON form and cut short.
"""

from __future__ import annotations

import ast
import enum
import json
import math
import re
from typing import TYPE_CHECKING, Any, ClassVar, Final

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

    Every error, whatever its class, answers a client in one shape:
    :attr:`problems` (each at a JSON path) and :meth:`to_problem_details`.

    Attributes:
        status: The HTTP status :meth:`to_problem_details` gives by default (422).

    .. versionadded:: 0.1.0
    """

    status: ClassVar[int] = 422

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem, each at a JSON path; the input as a whole (``$``) when no part is named.

        .. versionadded:: 0.2.0
        """
        found: tuple[Problem, ...] | None = self.__dict__.get("_problems")
        if found is not None:
            return found
        return (Problem(path="$", message=self.detail),)

    @problems.setter
    def problems(self, problems: Iterable[Problem]) -> None:
        self.__dict__["_problems"] = tuple(problems)

    def to_list(self) -> list[dict[str, str]]:
        """Every problem as plain data, ready for a JSON answer.

        >>> error = InvalidDocument([Problem(path="$.sets", message="must be at least 1 (got 0)")])
        >>> error.to_list()
        [{'path': '$.sets', 'message': 'must be at least 1 (got 0)'}]

        .. versionadded:: 0.1.0
        """
        return [Problem(path=json_path(p.path), message=p.message).to_dict() for p in self.problems]

    @property
    def detail(self) -> str:
        """The problem-details ``detail``, what went wrong in one sentence.

        .. versionadded:: 0.2.0
        """
        first = str(self).split("\n", 1)[0].rstrip(":").strip()
        return first if first.endswith((".", "?", "!")) else f"{first}."

    def to_problem_details(
        self,
        *,
        status: int | None = None,
        type: str = "about:blank",  # noqa: A002 - the RFC's name for it
        instance: str | None = None,
    ) -> dict[str, Any]:
        """The error as an RFC 9457 problem-details object, for an HTTP answer.

        Each problem is in ``errors``, with its ``path`` (a JSON path from the
        input's root, ``$``), the same place as a JSON Pointer (``pointer``)
        and its ``detail``. Serve it with the media type
        ``application/problem+json``; every :class:`UpperbackError` gives the
        same shape, so one handler answers them all:

        >>> error = InvalidValue("names[0]", "", "must not be empty")
        >>> error.to_problem_details()
        {'type': 'about:blank', 'title': 'Unprocessable Content', 'status': 422, 'detail': 'The value has 1 problem.', 'errors': [{'path': '$.names[0]', 'pointer': '/names/0', 'detail': 'must not be empty (got "")'}]}

        Args:
            status: The HTTP status code; the class's :attr:`status` (422) by default.
            type: A URI naming the kind of problem; ``"about:blank"`` means the status says it.
            instance: A URI naming this occurrence, if the app has one.

        .. versionadded:: 0.1.0
        """  # noqa: E501
        code = self.status if status is None else status
        details: dict[str, Any] = {
            "type": type,
            "title": _TITLES.get(code, "Error"),
            "status": code,
            "detail": self.detail,
            "errors": [
                {"path": path, "pointer": Problem(path=path, message="").pointer, "detail": message}
                for path, message in ((json_path(p.path), p.message) for p in self.problems)
            ],
        }
        if instance is not None:
            details["instance"] = instance
        return details


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
        self.problems = (
            Problem(path=json_path(field), message=f"{reason} (got {excerpt(value)})"),
        )

    @property
    def detail(self) -> str:
        """``"The value has N problems."``, each in ``problems`` at its path.

        .. versionadded:: 0.2.0
        """
        return _count("value", self.problems)


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
        problems: The same as :class:`Problem` values, each at its field's JSON
            path (``"$.sets"``, ``"$.cues[1]"``), as :class:`InvalidDocument` lists them.

    .. versionchanged:: 0.2.0
       ``problems`` are at JSON paths (``$.sets``, not ``sets``), values in JSON form.

    .. versionadded:: 0.1.0
    """

    def __init__(self, errors: Iterable[InvalidValue]) -> None:
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.field, first.value, first.reason)
        self.args = ("\n".join(str(error) for error in self.errors),)
        self.problems = tuple(problem for error in self.errors for problem in error.problems)


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

    @property
    def detail(self) -> str:
        """``"The document has N problems."``, each in ``problems`` at its path.

        .. versionadded:: 0.2.0
        """
        return _count(self.what, self.problems)


_TITLES: Final = {
    400: "Bad Request",
    404: "Not Found",
    409: "Conflict",
    413: "Content Too Large",
    422: "Unprocessable Content",
}


def _count(what: str, problems: tuple[Problem, ...]) -> str:
    noun = "problem" if len(problems) == 1 else "problems"
    return f"The {what} has {len(problems)} {noun}."


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

    @property
    def detail(self) -> str:
        """``"The catalog has N problems."``, each in ``problems`` at its path.

        .. versionadded:: 0.2.0
        """
        return _count("catalog", self.problems)


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
        self.problems = tuple(Problem(path="$", message=reason) for reason in self.reasons)


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
        self.problems = tuple(Problem(path="$", message=reason) for reason in self.reasons)


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


_FIELD_PART: Final = re.compile(
    r"(?:^|\.)([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]"
)


def json_path(field: str) -> str:
    """A field's path as a JSON path from the input's root, ``$``.

    A field named in Python's words (``names[0]``, ``exercises['cat-camel'].harder``)
    becomes the same place in JSON's; a JSON path is kept as it is; text that is
    no path at all names a key of the root.

    >>> json_path("names[0]"), json_path("exercises['cat-camel'].harder")
    ('$.names[0]', '$.exercises["cat-camel"].harder')
    >>> json_path("$.data.sets"), json_path(""), json_path("odd key")
    ('$.data.sets', '$', '$["odd key"]')

    .. versionadded:: 0.2.0
    """
    if field.startswith("$"):
        return field
    parts: list[str] = []
    position = 0
    for match in _FIELD_PART.finditer(field):
        if match.start() != position:
            break
        name, index, quoted = match.groups()
        if name is not None:
            parts.append(f".{name}")
        elif index is not None:
            parts.append(f"[{index}]")
        else:
            parts.append(f"[{json.dumps(ast.literal_eval(quoted), ensure_ascii=False)}]")
        position = match.end()
    if position != len(field):
        return f"$[{json.dumps(field, ensure_ascii=False)}]"
    return "$" + "".join(parts)


SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A surrogate code point: in a decoded string, always a lone one, which UTF-8 cannot encode."""


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point that UTF-8 cannot encode."""
    return not text.isascii() and SURROGATE.search(text) is not None


_EXCERPT_CHARS: Final = 40
_EXCERPT_ITEMS: Final = 4


def excerpt(value: Any, *, limit: int = _EXCERPT_CHARS) -> str:
    """``value`` in JSON form, cut to about ``limit`` characters, as messages show it.

    Safe on any input: a million-item list or a thousand levels of nesting cost it nothing.

    >>> excerpt(True), excerpt(None), excerpt("desk"), excerpt([1, 2, 3, 4, 5, 6])
    ('true', 'null', '"desk"', '[1, 2, 3, 4, …]')
    >>> excerpt("x" * 1_000_000)
    '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (1000000 characters)'
    """
    return _show(value, limit, 3)


def _show(value: Any, limit: int, depth: int) -> str:  # noqa: C901, PLR0911, PLR0912 - one case per JSON type
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
        return str(int(value))
    if isinstance(value, float):
        return json.dumps(value) if math.isfinite(value) else "NaN"
    if isinstance(value, str):
        if len(value) <= limit:
            return json.dumps(value, ensure_ascii=has_lone_surrogate(value))
        cut = json.dumps(value[:limit], ensure_ascii=has_lone_surrogate(value[:limit]))
        return f'{cut[:-1]}…" ({len(value)} characters)'
    if isinstance(value, dict):
        if depth == 0 or not value:
            return "{…}" if value else "{}"
        shown = [
            f"{_show(key, 20, 0)}: {_show(item, 20, depth - 1)}"
            for key, item in list(value.items())[:_EXCERPT_ITEMS]
        ]
        more = ", …" if len(value) > _EXCERPT_ITEMS else ""
        return _cut("{" + ", ".join(shown) + more + "}", limit)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        if depth == 0 or not items:
            return "[…]" if items else "[]"
        shown = [_show(item, 20, depth - 1) for item in list(items[:_EXCERPT_ITEMS])]
        more = ", …" if len(items) > _EXCERPT_ITEMS else ""
        return _cut("[" + ", ".join(shown) + more + "]", limit)
    return "{…}"  # an object of the library's own, shown as the JSON object it writes


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit * 2 else text[: limit * 2] + "…"
