"""Lossless, versioned JSON for every upperback value.

A document is an envelope around the value's data::

    {"upperback": 1, "kind": "exercise", "data": {...}}

``upperback`` is the schema version the document was written with; older
versions are upgraded on load by registered migrations, so nothing a user
saved is lost when the library moves on. A document from a newer library
is refused with a clear error rather than half-read.

Output omits fields that hold their default, so defaults are part of the
schema: changing a field's default changes what every saved document that
omits it means, and so needs a new schema version and a migration that writes
the old default in, like any other change to the shape of the data.

Documents are read and written by the codec's own engine; cattrs is imported
only when :func:`make_converter` or :func:`configure_converter` is used.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from upperback._codec.envelope import SCHEMA_VERSION, read
from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback._codec.text import parse
from upperback._codec.walk import structure, unstructure
from upperback.catalog.model import Catalog
from upperback.compose.composer import Composition
from upperback.compose.goal import Goal
from upperback.compose.prescription import Prescription
from upperback.dose import Dose
from upperback.exercise import Exercise
from upperback.progression import Adherence, Program, SessionLog
from upperback.props import Kit
from upperback.routine.model import Routine
from upperback.safety.profile import Profile
from upperback.safety.screen import ScreenReport
from upperback.safety.triage import Advice, SafetyPolicy, SymptomReport

if TYPE_CHECKING:
    from collections.abc import Mapping

    import cattrs

__all__ = [
    "DOCUMENT_KINDS",
    "SCHEMA_VERSION",
    "Limits",
    "configure_converter",
    "dumps",
    "from_data",
    "from_dict",
    "json_schema",
    "loads",
    "make_converter",
    "to_dict",
]

T = TypeVar("T")

DOCUMENT_KINDS: Final[Mapping[str, type]] = {
    "catalog": Catalog,
    "adherence": Adherence,
    "advice": Advice,
    "composition": Composition,
    "dose": Dose,
    "exercise": Exercise,
    "goal": Goal,
    "kit": Kit,
    "prescription": Prescription,
    "profile": Profile,
    "program": Program,
    "routine": Routine,
    "safety_policy": SafetyPolicy,
    "screen_report": ScreenReport,
    "session_log": SessionLog,
    "symptom_report": SymptomReport,
}
"""The kinds of document, by the name written in the envelope's ``kind``."""

_KIND_OF: Final = {cls: kind for kind, cls in DOCUMENT_KINDS.items()}


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """A new :class:`cattrs.Converter` configured for every upperback type.

    See :func:`configure_converter` for what it registers. A converter of
    upperback's own also reads bare ``int``, ``float``, ``str`` and
    ``bool`` strictly (a wrong JSON type is an error, never coerced).
    Keyword arguments go to :class:`cattrs.Converter`; they do not change how
    upperback's own classes are read, which is always strict and always
    reports every problem.
    """
    from upperback._codec.converter import make_converter as make  # noqa: PLC0415 - cattrs only for a converter

    return make(**kwargs)


def configure_converter(converter: cattrs.Converter) -> None:
    """Add upperback's hooks to an app's own cattrs converter.

    Hooks are registered for upperback's own classes, its enums and the
    prop union, and nothing else: the app's own types, and cattrs' handling
    of plain values outside upperback's classes, stay as they were. The
    hooks read and write exactly as :func:`from_data` and :func:`to_dict`
    do: strict JSON types, enums by value, sets as sorted lists (a repeated
    item refused), props tagged by ``"type"``, defaults omitted on output and
    unknown keys refused on input. A problem raises
    :class:`~upperback.errors.InvalidDocument` with every problem's path.
    """
    from upperback._codec.converter import configure_converter as configure  # noqa: PLC0415

    configure(converter)


def _kind_of(value: object) -> str:
    try:
        return _KIND_OF[type(value)]
    except KeyError:
        known = ", ".join(cls.__name__ for cls in _KIND_OF)
        message = f"Cannot serialize a {type(value).__name__}: not one of {known}."
        raise TypeError(message) from None


def to_dict(value: object) -> dict[str, Any]:
    """The versioned document of a value, as plain JSON-ready data.

    Raises:
        TypeError: The value is not of a document kind.
    """
    kind = _kind_of(value)
    return {"upperback": SCHEMA_VERSION, "kind": kind, "data": unstructure(value)}


def dumps(value: object, *, indent: int | None = None) -> str:
    """The versioned JSON document of a value.

    >>> from upperback import Dose
    >>> dumps(Dose(sets=2, reps=12))
    '{"upperback": 2, "kind": "dose", "data": {"sets": 2, "reps": 12}}'
    """
    # A document is a tree: the encoder need not look for cycles.
    return json.dumps(to_dict(value), indent=indent, ensure_ascii=False, check_circular=False)


def json_schema(kind: str | type) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one kind of document, envelope and all.

    It lets apps in other languages check a document, generate types from it
    (json-schema-to-typescript, zod, ajv) or declare it as a tool's input.
    The schema is necessary, not sufficient: it holds every document that
    :func:`to_dict` writes and every one :func:`from_dict` reads, but a
    document valid against it can still be refused for a rule across fields
    (a dose with neither ``reps`` nor ``hold_s``), across values (duplicate
    or dangling exercise ids in a catalog), a rule on text (no surrounding
    spaces), or a bound it does not state. ``upperback`` is the ``const``
    of :data:`~upperback.serialization.SCHEMA_VERSION`: an older document is
    read, and upgraded, by the library. ``$id`` is under
    ``https://upperback.invalid/``, a name that is never fetched.

    >>> schema = json_schema("dose")
    >>> schema["$id"], schema["properties"]["data"]
    ('https://upperback.invalid/schema/v2/dose.json', {'$ref': '#/$defs/Dose'})

    A document leaves out the fields that hold their default, and every such
    field states it: ``default`` is the value in its JSON form, as
    :func:`to_dict` writes it. A default that is another field's value is
    named instead, by a Relative JSON Pointer from the field under
    ``x-upperback-default-from`` (a block's ``dose`` has
    ``"1/exercise/default_dose"``: its exercise's default dose), and the
    field's description says so. It is an annotation; a validator that refuses
    keywords it does not know (ajv's strict mode) is told of it.

    >>> dose = schema["$defs"]["Dose"]["properties"]
    >>> dose["sets"]["default"], dose["rest_s"]["default"], dose["per_side"]["default"]
    (1, 30, False)
    >>> json_schema("routine")["$defs"]["Block"]["properties"]["dose"]["x-upperback-default-from"]
    '1/exercise/default_dose'

    Args:
        kind: A kind from :data:`~upperback.serialization.documents.DOCUMENT_KINDS`, or its class.

    Raises:
        InvalidValue: The kind is not a document kind.

    .. versionadded:: 0.1.0
    """
    from upperback.serialization._schema import document_schema, unknown_kind  # noqa: PLC0415

    if not isinstance(kind, str | type):
        raise unknown_kind(kind, DOCUMENT_KINDS)
    if isinstance(kind, str):
        if kind not in DOCUMENT_KINDS:
            raise unknown_kind(kind, DOCUMENT_KINDS)
        return document_schema(kind, DOCUMENT_KINDS[kind], SCHEMA_VERSION)
    if kind not in _KIND_OF:
        raise unknown_kind(kind, DOCUMENT_KINDS)
    return document_schema(_KIND_OF[kind], kind, SCHEMA_VERSION)


def _class_of(cls: Any) -> type | None:
    if cls is None:
        return None
    if isinstance(cls, type) and cls in _KIND_OF:
        return cls
    known = ", ".join(c.__name__ for c in _KIND_OF)
    message = f"Cannot load a {cls!r}: not one of {known}."
    raise TypeError(message)


@overload
def from_dict(document: Any, cls: type[T], *, limits: Limits | None = None) -> T: ...
@overload
def from_dict(document: Any, cls: None = None, *, limits: Limits | None = None) -> object: ...
def from_dict(
    document: Any, cls: type[T] | None = None, *, limits: Limits | None = None
) -> T | object:
    """Load a value from its document (as made by :func:`to_dict`).

    The document is plain data, as a JSON or YAML reader gives it: objects
    are dicts with text keys, arrays are lists.

    Args:
        document: The envelope, as plain data.
        cls: The type expected; a document of another kind is an error.
        limits: The most the document may hold; :class:`Limits` by default.

    Raises:
        InvalidDocument: Listing every problem with its path.
        TypeError: ``cls`` is not a document kind (a mistake in the calling code).
    """
    expected = _class_of(cls)
    value: T | object = read(document, DOCUMENT_KINDS, expected, limits or DEFAULT_LIMITS)
    return value


@overload
def loads(text: str | bytes, cls: type[T], *, limits: Limits | None = None) -> T: ...
@overload
def loads(text: str | bytes, cls: None = None, *, limits: Limits | None = None) -> object: ...
def loads(
    text: str | bytes, cls: type[T] | None = None, *, limits: Limits | None = None
) -> T | object:
    """Load a value from its JSON document (as made by :func:`dumps`).

    >>> from upperback import Dose
    >>> loads('{"upperback": 1, "kind": "dose", "data": {"sets": 2, "reps": 12}}')
    Dose(sets=2, reps=12, hold_s=None, tempo_s=None, rest_s=30, per_side=False, max_pain=None, max_effort=None, band_level=None)

    The text is read within ``limits`` (size, nesting, integer digits,
    string lengths, collection sizes); a key repeated in one object, ``NaN``
    and lone surrogates are refused.

    Args:
        text: JSON text, or its UTF-8 bytes.
        cls: The type expected; a document of another kind is an error.
        limits: The most the document may hold; :class:`Limits` by default.

    Raises:
        InvalidDocument: The text is not JSON, or the document has problems;
            every problem is listed with its path.
        TypeError: ``cls`` is not a document kind (a mistake in the calling code).
    """  # noqa: E501
    expected = _class_of(cls)
    chosen = limits or DEFAULT_LIMITS
    value: T | object = read(parse(text, chosen), DOCUMENT_KINDS, expected, chosen)
    return value


@overload
def from_data(data: Any, kind: type[T], *, limits: Limits | None = None) -> T: ...
@overload
def from_data(data: Any, kind: str, *, limits: Limits | None = None) -> object: ...
def from_data(data: Any, kind: type[T] | str, *, limits: Limits | None = None) -> T | object:
    """Read a value from its bare data, without the envelope.

    For request bodies and tool calls, where the kind is known from the
    route and the client sends only what :func:`to_dict` puts under
    ``"data"``. Problems have paths from the data itself (``$.sets``, not
    ``$.data.sets``), so a web app can answer them as they are:

    >>> from upperback import Dose, InvalidDocument
    >>> try:
    ...     from_data({"sets": 0, "reps": "12"}, Dose)
    ... except InvalidDocument as error:
    ...     error.to_list()
    [{'path': '$.sets', 'message': 'must be an integer between 1 and 10 (got 0)'},
     {'path': '$.reps', 'message': 'must be an integer (got "12")'}]

    Args:
        data: The value's data, as plain JSON data.
        kind: A document kind (``"dose"``) or its class (:class:`~upperback.dose.Dose`).
        limits: The most the data may hold; :class:`Limits` by default.

    Raises:
        InvalidDocument: Listing every problem with its path.
        InvalidValue: ``kind`` is not a document kind (a mistake in the calling code).

    .. versionadded:: 0.1.0
    """
    from upperback.serialization._schema import unknown_kind  # noqa: PLC0415

    if isinstance(kind, str) and kind in DOCUMENT_KINDS:
        cls: type = DOCUMENT_KINDS[kind]
    elif isinstance(kind, type) and kind in _KIND_OF:
        cls = kind
    else:
        raise unknown_kind(kind, DOCUMENT_KINDS)
    value: T | object = structure(data, cls, path="$", limits=limits or DEFAULT_LIMITS)
    return value
