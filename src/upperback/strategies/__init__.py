"""Hypothesis strategies for every upperback value, for property-based tests.

Install with the ``hypothesis`` extra: ``pip install "upperback[hypothesis]"``.
Every strategy builds valid values by construction, and shrinks towards the
simplest value a person would write: one set, the gentlest level, no props.

The package also registers these with :func:`hypothesis.strategies.from_type`
through Hypothesis' entry point, so ``st.from_type(upperback.Routine)`` works.
"""

from __future__ import annotations

from upperback._codec.limits import Limits
from upperback.strategies import _check  # noqa: F401 - first: names the extra if Hypothesis is missing
from upperback.strategies._documents import documents, invalid_documents, limits
from upperback.strategies._progression import *  # noqa: F403
from upperback.strategies._progression import FROM_TYPE as _PROGRESSION
from upperback.strategies._progression import __all__ as _progression_all
from upperback.strategies._values import *  # noqa: F403
from upperback.strategies._values import _FROM_TYPE
from upperback.strategies._values import __all__ as _values_all

_FROM_TYPE[Limits] = limits
_FROM_TYPE.update(_PROGRESSION)

__all__ = [*_values_all, "documents", "invalid_documents", "limits", *_progression_all]  # noqa: PLE0604
