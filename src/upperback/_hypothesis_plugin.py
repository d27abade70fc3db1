"""Registers upperback's strategies with Hypothesis' ``from_type``.

Hypothesis calls :func:`_register` through the ``hypothesis`` entry point
while it is itself being imported, so this module must not import
:mod:`upperback.strategies` (which imports Hypothesis): every public value
type is registered with a resolver that imports the strategies on first use.
"""

from __future__ import annotations

from typing import Any


def _register() -> None:
    import attrs  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415 - only under Hypothesis

    import upperback  # noqa: PLC0415

    def resolve(cls: type) -> Any:
        from upperback.strategies import _from_type_strategy  # noqa: PLC0415

        return _from_type_strategy(cls)

    for name in upperback.__all__:
        value = getattr(upperback, name)
        if isinstance(value, type) and attrs.has(value):
            st.register_type_strategy(value, resolve)
