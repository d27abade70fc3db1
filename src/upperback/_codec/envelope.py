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

from upperback.errors import InvalidDocument, Problem

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "read"]

SCHEMA_VERSION: Final = 1
"""The schema version this library writes. It reads every version up to it."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[tuple[str, int], Migration] = {}
"""(kind, version) -> a function that turns that version's data into the next version's.

A change to the schema bumps :data:`SCHEMA_VERSION` and adds one entry per
kind it touches; tests load a saved document of every older version.
"""


def read(document: Any, kinds: Mapping[str, type], cls: type | None) -> Any:
    """Open the envelope, migrate its data and structure it as its kind."""
    from upperback._codec.converter import default_converter, structure  # noqa: PLC0415 - cattrs on first use

    kind, data = _open_envelope(document, kinds, cls)
    return structure(default_converter(), data, kinds[kind], "$.data")


def _open_envelope(document: Any, kinds: Mapping[str, type], cls: type | None) -> tuple[str, Any]:
    if not isinstance(document, dict):
        raise InvalidDocument([Problem(path="$", message="must be a JSON object")])
    problems = [
        Problem(path=f"$.{key}", message="is required")
        for key in ("upperback", "kind", "data")
        if key not in document
    ]
    problems += [
        Problem(path=f"$.{key}", message="is not a document field")
        for key in sorted(set(document) - {"upperback", "kind", "data"}, key=str)
    ]
    version: Any = document.get("upperback")
    kind: Any = document.get("kind")
    if "upperback" in document and (type(version) is not int or version < 1):
        problems.append(
            Problem(path="$.upperback", message=f"must be a schema version >= 1 (got {version!r})")
        )
    elif type(version) is int and version > SCHEMA_VERSION:
        problems.append(
            Problem(
                path="$.upperback",
                message=f"was written by a newer upperback (schema {version}); "
                f"this one reads up to schema {SCHEMA_VERSION}",
            )
        )
    if "kind" in document and kind not in kinds:
        problems.append(
            Problem(
                path="$.kind",
                message=f"must be one of {', '.join(sorted(kinds))} (got {kind!r})",
            )
        )
    elif cls is not None and kind in kinds and kinds[kind] is not cls:
        problems.append(
            Problem(path="$.kind", message=f"must be {_kind_of(kinds, cls)!r} (got {kind!r})")
        )
    if problems:
        raise InvalidDocument(problems)
    return kind, _migrate(kind, version, document["data"])


def _migrate(kind: str, version: int, data: Any) -> Any:
    while version < SCHEMA_VERSION:
        migration = MIGRATIONS.get((kind, version))
        if migration is not None:
            data = migration(data)
        version += 1
    return data


def _kind_of(kinds: Mapping[str, type], cls: type) -> str | None:
    return next((kind for kind, known in kinds.items() if known is cls), None)
