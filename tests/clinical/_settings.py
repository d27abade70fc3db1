"""How many examples each clinical property draws: bounded by default, raised on demand.

The default test run must stay quick, so every property asks for a small,
fixed number of examples, weighed by how costly one example is. Setting
``UPPERBACK_CLINICAL`` to a factor (``python -m nox -s clinical`` sets 25)
multiplies every count for a long run on demand.
"""

from __future__ import annotations

import os
from typing import Final

from hypothesis import HealthCheck, Phase, settings

__all__ = ["FACTOR", "examples"]


def _factor() -> float:
    raw = os.environ.get("UPPERBACK_CLINICAL", "").strip()
    if not raw:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"UPPERBACK_CLINICAL must be a number (got {raw!r})") from None
    if value <= 0:
        raise ValueError(f"UPPERBACK_CLINICAL must be above 0 (got {raw!r})")
    return value


FACTOR: Final = _factor()
"""How many times the default number of examples each property draws."""


def examples(count: int, *, shrink: bool = True) -> settings:
    """Settings drawing ``count`` examples (times :data:`FACTOR`), no deadline.

    ``shrink=False`` is for a property marked as an expected failure: it
    fails on every run until its fix lands, so shrinking its counterexample
    would only cost time. The rest comes from the profile in force (the
    derandomized ``ci`` one under continuous integration).
    """
    phases = tuple(Phase) if shrink else (Phase.explicit, Phase.reuse, Phase.generate)
    return settings(
        max_examples=max(1, round(count * FACTOR)),
        phases=phases,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
