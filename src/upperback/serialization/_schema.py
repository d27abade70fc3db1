"""JSON Schema 2020-12 for upperback documents, read off ``attrs.fields()``.

The walker mirrors what :mod:`upperback._codec.converter` writes and accepts:

- an attrs class of upperback's own is an ``object`` of its ``init`` fields
  under their attribute names, ``required`` holding the fields without a
  default (the converter omits defaults on output and fills them in on
  input), and ``additionalProperties: false`` (it forbids unknown keys);
- every other field states its ``default`` in its JSON form, as the converter
  writes it (a factory's value too: every factory of the library makes the same
  value each time); a default taken from another field of the same object (a
  block's dose is its exercise's default dose) is named instead by
  :data:`DEFAULT_FROM`, and said in the field's description;
- ``int`` is ``integer``, ``float`` is ``number``, ``str`` is ``string``,
  ``bool`` is ``boolean``; ``X | None`` also allows ``null`` (it is read as
  ``None``, though ``None`` defaults are never written);
- a ``StrEnum`` or ``IntEnum`` is the ``enum`` of its values;
- ``tuple[T, ...]`` and ``frozenset[T]`` are arrays (a set's items unique), a fixed tuple such as
  ``tuple[Muscle, int]`` an array of exactly those items (``prefixItems`` and as many
  ``minItems`` and ``maxItems``);
- the prop union is a ``oneOf`` of objects tagged by ``"type"``.

Sets carry ``uniqueItems``: the converter refuses a repeated item in a set
rather than quietly dropping it, and the schema says the same.

Any other type (a dict, a list, an untagged union, another library's
attrs class) is an error when the schema is built, never a permissive
``{}``. Classes and enums go to ``$defs`` under their class names.

Every bound a field declares (its attrs metadata, the same declaration the
library's own checks read) is stated: ``minimum``/``maximum`` of integers,
``minLength``/``maxLength`` and a pattern of texts and slugs, ``minItems`` of
collections and the bounds of their items. Cross-field rules stay in the
library: a document valid against the schema can still be refused by
:func:`upperback.serialization.loads`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import json
import re
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._codec.walk import tagged_members, unstructure
from upperback.errors import InvalidValue
from upperback.props import PROP_TYPES
from upperback.routine.block import Block

if TYPE_CHECKING:
    from collections.abc import Mapping

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect every schema declares in ``$schema``."""

ID_BASE: Final = "https://upperback.invalid/schema"
"""The stem of every ``$id``. ``.invalid`` never resolves (RFC 2606): an ``$id`` names a schema, it is never fetched."""  # noqa: E501

TAG: Final = "type"
"""The key naming a prop's kind; the same as ``upperback._codec.converter.TAG``."""

DEFAULT_FROM: Final = "x-upperback-default-from"
"""The keyword of a field whose default is the value of another field of the same document.

Its value is a Relative JSON Pointer from the field's own place: ``"1/exercise/default_dose"``
is the ``default_dose`` of the ``exercise`` of the object that holds the field. An annotation,
as ``default`` is: a validator that refuses unknown keywords (ajv's strict mode) is told of it
(``ajv.addKeyword("x-upperback-default-from")``)."""

# Where each default made from the object itself comes from, as a Relative JSON Pointer:
# such a default is a function, which the walker cannot read, so each one is declared here.
_DEFAULTS_FROM: Final[Mapping[tuple[type, str], str]] = {
    (Block, "dose"): "1/exercise/default_dose",
}

# A text has no leading or trailing white space; newlines inside are allowed.
_TRIMMED: Final = r"^\S(?:[\s\S]*\S)?$"
# A web address starts with its scheme and has no trailing white space either.
_WEB: Final = r"^https?://(?:[\s\S]*\S)?$"


def bound_keywords(bound: v.Bound) -> dict[str, Any]:
    """The JSON Schema keywords of a field's declared bound (of its items, for a collection)."""
    if bound.kind in (v.INTEGER, v.NUMBER):
        low = "exclusiveMinimum" if bound.above else "minimum"
        return {low: bound.low, "maximum": bound.high}
    if bound.kind == v.TEXT:
        return {"minLength": bound.low, "maxLength": bound.high, "pattern": _TRIMMED}
    if bound.kind == v.URL:
        return {"minLength": bound.low, "maxLength": bound.high, "pattern": _WEB}
    if bound.kind == v.SLUG_KIND:
        return {"pattern": f"^{v.SLUG.pattern}$", "maxLength": bound.high}
    size: dict[str, Any] = {"minItems": bound.low} if bound.low else {}
    return {**size, "uniqueItems": True} if bound.unique else size


_SCALARS: Final[Mapping[type, str]] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
}

_PROP_MEMBERS: Final = frozenset(PROP_TYPES.values())


class SchemaError(TypeError):
    """A type the schema walker does not know: a bug in the library, not in a document."""


def _first_line(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return json_words(_plain(doc.strip().split("\n\n", 1)[0].replace("\n", " ")), cls)


# Phrases of the docstrings that point into the Python API, as a JSON client reads them.
_PHRASES: Final[Mapping[str, str]] = {
    "rules in upperback.safety.rules.RULES": "the library's safety rules",
    "; any number upperback.props.SwissBall.for_height takes": "",
    ", read by upperback.safety.triage.triage": "",
    "The upperback.compose.scoring.objective of the routine": "The composer's score of the routine",
}
_SEE: Final = re.compile(r"\s*\(see [^()]*\)")
_CONSTANT: Final = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_JSON_WORDS: Final = {"None": "null", "True": "true", "False": "false"}
_PYTHON_WORD: Final = re.compile(r"\b(?:None|True|False)\b")


def json_words(text: str, owner: type) -> str:
    """A docstring's text in the words of a JSON client (a TypeScript app, a tool-calling model).

    ``None``, ``True`` and ``False`` read ``null``, ``true`` and ``false``; a "(see ...)"
    pointer into the Python API is dropped; a module constant of ``owner``'s module, such
    as ``DEFAULT_TEMPO_S``, reads as its value.
    """
    for phrase, words in _PHRASES.items():
        text = text.replace(phrase, words)
    text = _SEE.sub("", text)
    module = inspect.getmodule(owner)

    def value_of(match: re.Match[str]) -> str:
        value = getattr(module, match[0], None)
        return str(value) if type(value) in (int, float, str) else match[0]

    text = _CONSTANT.sub(value_of, text)
    return _PYTHON_WORD.sub(lambda match: _JSON_WORDS[match[0]], text)


_ARG = re.compile(r"^(\w+): (.*)$")
_MARKUP = re.compile(r":\w+:`~?([^`]+)`|``([^`]+)``")


def _plain(text: str) -> str:
    """Text without reStructuredText roles and literals: ``x`` and :data:`X` read x and X."""
    return _MARKUP.sub(lambda match: match[1] or match[2], text)


def _field_docs(cls: type) -> dict[str, str]:
    """The text of each entry in a Google-style ``Args:`` section."""
    docs: dict[str, str] = {}
    lines = (inspect.getdoc(cls) or "").splitlines()
    try:
        start = lines.index("Args:") + 1
    except ValueError:
        return docs
    name = None
    for line in lines[start:]:
        if not line.startswith(" "):
            break  # a blank line or the next section ends the list
        match = _ARG.match(line.strip())
        if match is not None and len(line) - len(line.lstrip()) == 4:
            name = match[1]
            docs[name] = match[2]
        elif name is not None:
            docs[name] += " " + line.strip()
    return {key: json_words(_plain(value), cls) for key, value in docs.items()}


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return None


class _Walker:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, object] = {}

    def _define(self, name: str, owner: object, build: typing.Callable[[], dict[str, Any]]) -> Any:
        known = self._owners.get(name)
        if known is None:
            self._owners[name] = owner
            self.defs[name] = {}  # taken first, so that a class holding itself cannot recurse
            self.defs[name] = build()
        elif known != owner:
            message = f"Two schema definitions are named {name!r}: {known!r} and {owner!r}."
            raise SchemaError(message)
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any, where: str, bound: v.Bound | None = None) -> Any:
        """The schema of a value of type ``tp`` within ``bound``; ``where`` names it in errors."""
        if tp in _SCALARS and (bound is None or bound.kind != v.ITEMS):
            return {"type": _SCALARS[tp], **(bound_keywords(bound) if bound else {})}
        if tp is dt.date and bound is None:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        args = _union_args(tp)
        if args is not None:
            return self._union(args, where, bound)
        if typing.get_origin(tp) in (tuple, frozenset) and (bound is None or bound.kind == v.ITEMS):
            return self._array(tp, where, bound)
        if bound is not None:
            message = f"Cannot apply {bound!r} to {where} of type {tp!r}."
            raise SchemaError(message)
        if isinstance(tp, type) and issubclass(tp, enum.StrEnum | enum.IntEnum):
            return self._define(tp.__name__, tp, lambda: self._enum(tp))
        if isinstance(tp, type) and attrs.has(tp) and tp.__module__.startswith("upperback."):
            # The converter's strict hooks cover upperback's classes only.
            return self._define(tp.__name__, tp, lambda: self.class_schema(tp))
        message = f"No JSON Schema for {where} of type {tp!r}."
        raise SchemaError(message)

    def _array(self, tp: Any, where: str, bound: v.Bound | None) -> dict[str, Any]:
        args = typing.get_args(tp)
        item = bound.item if bound is not None else None
        size = bound_keywords(bound) if bound is not None else {}
        if typing.get_origin(tp) is frozenset:
            # The converter refuses a repeated item in a set, as this does.
            items = self.type_schema(args[0], f"{where}[]", item)
            return {"type": "array", "items": items, "uniqueItems": True, **size}
        if len(args) == 2 and args[1] is Ellipsis:
            items = self.type_schema(args[0], f"{where}[]", item)
            return {"type": "array", "items": items, **size}
        if bound is not None:
            message = f"Cannot apply {bound!r} to the fixed tuple {where}."
            raise SchemaError(message)
        items = [self.type_schema(arg, f"{where}[{i}]") for i, arg in enumerate(args)]
        # maxItems, not "items": false, ends the tuple: json-schema-to-typescript reads
        # "items": false as never[], and both satisfy ajv's strict tuples.
        return {
            "type": "array",
            "prefixItems": items,
            "minItems": len(items),
            "maxItems": len(items),
        }

    def _union(self, args: tuple[Any, ...], where: str, bound: v.Bound | None) -> Any:
        members = tuple(arg for arg in args if arg is not type(None))
        if len(members) < len(args):
            inner = members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007
            return {"anyOf": [self.type_schema(inner, where, bound), {"type": "null"}]}
        if frozenset(members) == _PROP_MEMBERS and bound is None:
            return self._define("Prop", "Prop", self._props)
        tagged = tagged_members(typing.Union[members])  # noqa: UP007
        if tagged is not None and bound is None:
            return self._define("ProgressionRule", tagged, functools.partial(self._rules, tagged))
        message = f"No JSON Schema for {where}: a union of {members!r} is not tagged."
        raise SchemaError(message)

    def _props(self) -> dict[str, Any]:
        variants = [
            self._define(f"{cls.__name__}Prop", cls, functools.partial(self._tagged, cls))
            for cls in PROP_TYPES.values()
        ]
        return {
            "title": "Prop",
            "description": f"Any prop, named by its {TAG!r}.",
            "oneOf": variants,
        }

    def _rules(self, members: tuple[type, ...]) -> dict[str, Any]:
        variants = [
            self._define(cls.__name__, cls, functools.partial(self._tagged, cls, cls.TYPE))  # type: ignore[attr-defined]
            for cls in members
        ]
        return {
            "title": "ProgressionRule",
            "description": f"Any progression rule, named by its {TAG!r}.",
            "oneOf": variants,
        }

    def _tagged(self, cls: type, tag_value: str | None = None) -> dict[str, Any]:
        schema = self.class_schema(cls)
        value = cls.kind.value if tag_value is None else tag_value  # type: ignore[attr-defined]
        tag = {"type": "string", "const": value}
        schema["properties"] = {TAG: tag, **schema["properties"]}
        schema["required"] = [TAG, *schema.get("required", ())]
        return schema

    @staticmethod
    def _enum(members: type[enum.Enum]) -> dict[str, Any]:
        return {
            "title": members.__name__,
            "description": _first_line(members),
            "type": "integer" if issubclass(members, int) else "string",
            "enum": [member.value for member in members],
        }

    def class_schema(self, cls: type) -> dict[str, Any]:
        """An attrs class as an object of its ``init`` fields."""
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            if not field.init:
                continue  # cattrs neither writes nor reads these
            where = f"{cls.__name__}.{field.name}"
            schema = self.type_schema(hints[field.name], where, field.metadata.get(v.BOUND))
            notes = {"description": docs[field.name]} if field.name in docs else {}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                notes |= _default_notes(cls, field, hints[field.name], notes.get("description"))
            properties[field.name] = _annotated(schema, notes)
        schema = {
            "title": cls.__name__,
            "description": _first_line(cls),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema


def _default_notes(
    cls: type, field: attrs.Attribute[Any], tp: Any, description: str | None
) -> dict[str, Any]:
    """The keywords that state a field's default: ``default``, or :data:`DEFAULT_FROM`.

    The description says it too, for the readers of descriptions alone: the types
    json-schema-to-typescript writes carry descriptions as comments, not defaults.

    Raises:
        SchemaError: The default is made from the object and not declared in
            ``_DEFAULTS_FROM`` (a bug in the library).
    """
    default: Any = field.default
    pointer = None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            pointer = _DEFAULTS_FROM.get((cls, field.name))
            if pointer is None:
                message = (
                    f"{cls.__name__}.{field.name} has a default made from the object:"
                    " say where it comes from in _DEFAULTS_FROM."
                )
                raise SchemaError(message)
        else:
            default = default.factory()
    if pointer is not None:
        said = f"Left out, it is this object's {'.'.join(pointer.split('/')[1:])}."
        notes = {DEFAULT_FROM: pointer}
    else:
        value = unstructure(default, tp)
        said = f"Left out, it is {json.dumps(value, ensure_ascii=False)}."
        notes = {"default": value}
    return {"description": f"{description} {said}" if description else said, **notes}


def _annotated(schema: dict[str, Any], notes: Mapping[str, Any]) -> dict[str, Any]:
    """A field's schema with the field's own notes (description, default), where generators keep them.

    A ``description`` beside a bare ``$ref`` is read by json-schema-to-typescript as a
    new type (``Dose1``) and by others as the shared type's text, so the reference is
    wrapped as ``allOf: [{"$ref": ...}]`` with the field's notes beside it.
    """  # noqa: E501
    if not notes:
        return schema
    if schema.keys() == {"$ref"}:
        return {"allOf": [schema], **notes}
    return {**schema, **notes}


def document_schema(kind: str, cls: type, version: int) -> dict[str, Any]:
    """The schema of the whole envelope of one kind of document.

    Raises:
        SchemaError: A field's type has no schema (a bug in the library).
    """
    walker = _Walker()
    data = walker.type_schema(cls, kind)
    return {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}/v{version}/{kind}.json",
        "title": f"upperback {kind} document",
        "description": f"{_first_line(cls)} In upperback's versioned envelope, schema {version}.",
        "type": "object",
        "properties": {
            "upperback": {
                "description": "The schema version. Older documents are read by the "
                "library, which upgrades them; this schema checks the current one.",
                "type": "integer",
                "const": version,
            },
            "kind": {"description": "The kind of document.", "type": "string", "const": kind},
            "data": data,
        },
        "required": ["upperback", "kind", "data"],
        "additionalProperties": False,
        "$defs": dict(sorted(walker.defs.items())),
    }


def unknown_kind(kind: object, known: Mapping[str, type]) -> InvalidValue:
    """The error for a kind (or class) that is not a document kind."""
    return InvalidValue("kind", kind, f"must be one of {', '.join(sorted(known))}")
