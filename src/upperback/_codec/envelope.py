"""The document envelope and its migrations, for any set of document kinds.

A document is ``{"upperback": <schema version>, "kind": <kind>, "data": ...}``.
This module knows no model: the caller says which kinds it reads (the public
registry in :mod:`upperback.serialization` reads them all; the built-in
catalog's loader reads one), so the layers below serialization can load their
own package data through the same checks as any document.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback._codec.text import excerpt
from upperback._codec.walk import STRAY_ERRORS, render, structure
from upperback.errors import InvalidDocument, Problem

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "read"]

SCHEMA_VERSION: Final = 2
"""The schema version this library writes. It reads every version up to it.

Schema 2 (upperback 0.2.0) added equipment props and ``other`` props, a
prop need's ``name``, muscles, regions, the ``self_massage`` kind and its
``release`` family, and an exercise's ``secondary_targets`` and ``media``.
"""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[tuple[str, int], Migration] = {}
"""(kind, version) -> a function that turns that version's data into the next version's.

A change to the schema bumps :data:`SCHEMA_VERSION` and adds one entry per
kind; tests load a saved document of every older version.
"""

SCHEMA_1_KINDS: Final = (
    "advice",
    "catalog",
    "composition",
    "dose",
    "exercise",
    "goal",
    "kit",
    "prescription",
    "profile",
    "program",
    "routine",
    "safety_policy",
    "screen_report",
    "session_log",
    "symptom_report",
)
"""The document kinds schema 1 had."""


def _from_schema_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 data as schema 2 data: the same data.

    Schema 2 only added (new props, a prop need's optional ``name``, new
    muscles, regions and a kind, an exercise's optional ``secondary_targets``
    and ``media``, each defaulting to what schema 1 meant: no name, no
    secondary targets, no media). It renamed and removed nothing, and no
    schema-1 value changes meaning: ``posterior_deltoid`` is still the
    posterior deltoid and ``dynamic_mobility`` still the dynamic stretch.
    """
    return data


MIGRATIONS.update({(kind, 1): _from_schema_1 for kind in SCHEMA_1_KINDS})


def read(
    document: Any,
    kinds: Mapping[str, type],
    cls: type | None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """Open the envelope, migrate its data and read it as its kind.

    Raises:
        InvalidDocument: Listing every problem, each at its path from ``$``.
    """
    kind, data = _open_envelope(document, kinds, cls)
    return structure(data, kinds[kind], path="$.data", limits=limits)


def _open_envelope(document: Any, kinds: Mapping[str, type], cls: type | None) -> tuple[str, Any]:
    if not isinstance(document, dict):
        message = f"must be a JSON object with upperback, kind and data (got {excerpt(document)})"
        raise InvalidDocument([Problem(path="$", message=message)])
    problems = [
        Problem(path=f"$.{key}", message="is required")
        for key in ("upperback", "kind", "data")
        if key not in document
    ]
    extra = [key for key in document if key not in ("upperback", "kind", "data")]
    problems += [
        Problem(
            path="$" + render([key]),
            message="is not a document field (the fields are upperback, kind and data)",
        )
        if type(key) is str
        else Problem(path="$", message=f"must have text keys only (got {excerpt(key)})")
        for key in extra[:20]
    ]
    version: Any = document.get("upperback")
    kind: Any = document.get("kind")
    if "upperback" in document and (type(version) is not int or version < 1):
        problems.append(
            Problem(
                path="$.upperback",
                message=f"must be a schema version, an integer >= 1 (got {excerpt(version)})",
            )
        )
    elif type(version) is int and version > SCHEMA_VERSION:
        problems.append(
            Problem(
                path="$.upperback",
                message=f"was written by a newer upperback (schema {excerpt(version)}); "
                f"this one reads up to schema {SCHEMA_VERSION}",
            )
        )
    known = type(kind) is str and kind in kinds
    if "kind" in document and not known:
        problems.append(
            Problem(
                path="$.kind",
                message=f"must be one of {', '.join(sorted(kinds))} (got {excerpt(kind)})",
            )
        )
    elif cls is not None and known and kinds[kind] is not cls:
        problems.append(
            Problem(path="$.kind", message=f"must be {_kind_of(kinds, cls)} (got {excerpt(kind)})")
        )
    if problems:
        raise InvalidDocument(problems)
    return kind, _migrate(kind, version, document["data"])


def _migrate(kind: str, version: int, data: Any) -> Any:
    while version < SCHEMA_VERSION:
        migration = MIGRATIONS.get((kind, version))
        if migration is not None:
            try:
                data = migration(data)
            except STRAY_ERRORS:
                message = f"cannot be upgraded from schema {version}: it is not that schema's shape"
                raise InvalidDocument([Problem(path="$.data", message=message)]) from None
        version += 1
    return data


def _kind_of(kinds: Mapping[str, type], cls: type) -> str | None:
    return next((kind for kind, known in kinds.items() if known is cls), None)
