"""Catalogs of exercises: the :class:`Catalog` model and the built-in :func:`default_catalog`."""

from __future__ import annotations

from upperback.catalog.builtin import default_catalog
from upperback.catalog.model import Catalog

__all__ = ["Catalog", "default_catalog"]
