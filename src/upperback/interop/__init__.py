"""Importers that turn other projects' exercise catalogs into upperback values.

Each importer is a module named after the format it reads, e.g.
:mod:`upperback.interop.free_exercise_db`. Importers never guess silently:
every entry they cannot map is reported with the reason.
"""

from __future__ import annotations

__all__: list[str] = []
