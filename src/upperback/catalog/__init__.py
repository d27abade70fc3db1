"""Catalogs of exercises: the :class:`Catalog` model and the built-in :func:`default_catalog`.

:func:`resolve_exercises` takes a value's exercise facts from a catalog.
"""

from __future__ import annotations

from upperback.catalog.builtin import default_catalog
from upperback.catalog.model import Catalog
from upperback.catalog.resolve import Mismatch, Resolved, resolve_exercises

__all__ = ["Catalog", "Mismatch", "Resolved", "default_catalog", "resolve_exercises"]
