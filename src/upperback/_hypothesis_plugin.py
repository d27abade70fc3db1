"""Registers upperback's strategies with Hypothesis' ``from_type``.

Hypothesis calls :func:`_register` through the ``hypothesis`` entry point
when it is imported. Each strategy is built only when first resolved.
"""

from __future__ import annotations

from typing import Any


def _register() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only under Hypothesis

    from upperback import strategies  # noqa: PLC0415

    def resolve(cls: type) -> Any:
        return strategies._from_type_strategy(cls)  # noqa: SLF001 - our own package

    for cls in strategies._REGISTERED:  # noqa: SLF001
        st.register_type_strategy(cls, resolve)
