"""Registers upperback's strategies with Hypothesis' ``from_type``.

Registration happens when the second of the two libraries is imported:
Hypothesis' entry point (a shim outside this package, so that
``import hypothesis`` never imports upperback) calls :func:`register` if
upperback is already loaded, and ``upperback/__init__`` calls it if
Hypothesis already is. Each public value
type is registered with a resolver that imports
:mod:`upperback.strategies` on first use.
"""

from __future__ import annotations

import sys
from typing import Any


def register() -> None:
    """Register a lazy strategy for every public attrs class of upperback."""
    import attrs  # noqa: PLC0415 - only when both libraries are loaded
    from hypothesis import strategies as st  # noqa: PLC0415

    upperback = sys.modules["upperback"]

    def resolve(cls: type) -> Any:
        from upperback.strategies._values import _from_type_strategy  # noqa: PLC0415 - on first use

        return _from_type_strategy(cls)

    for name in upperback.__all__:
        value = getattr(upperback, name, None)
        if isinstance(value, type) and attrs.has(value):
            st.register_type_strategy(value, resolve)
