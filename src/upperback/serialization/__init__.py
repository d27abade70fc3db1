"""Lossless, versioned JSON for every upperback document kind.

The public registry of document kinds
(:data:`~upperback.serialization.documents.DOCUMENT_KINDS`), the functions that
write and read them (:func:`dumps`, :func:`loads`, :func:`to_dict`,
:func:`from_dict`) and :func:`json_schema`. The converter, the envelope and
the schema walker they use are private; cattrs is imported only for a converter, not
when :mod:`upperback` is imported.
"""

from __future__ import annotations

from upperback.serialization.documents import (
    DOCUMENT_KINDS,
    SCHEMA_VERSION,
    Limits,
    configure_converter,
    dumps,
    from_data,
    from_dict,
    json_schema,
    loads,
    make_converter,
    to_dict,
)

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
