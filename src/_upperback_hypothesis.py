"""Hypothesis' entry point for upperback, kept outside the package on purpose.

Hypothesis loads this module while it is itself being imported. A module
inside ``upperback`` would import the whole package first, so every project
with upperback installed would pay for it on ``import hypothesis``. This
shim registers upperback's strategies only if upperback is already loaded;
otherwise ``upperback/__init__`` registers them when it is imported.
"""

from __future__ import annotations

import sys


def _register() -> None:
    if sys.modules.get("upperback") is not None:
        from upperback._hypothesis_plugin import register  # noqa: PLC0415

        register()
