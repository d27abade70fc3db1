"""Where a section sits in a session, and how its blocks are run."""

from __future__ import annotations

import enum
from typing import Final

__all__ = [
    "MAX_INDEX",
    "MAX_REST_BETWEEN_ROUNDS_S",
    "MAX_ROUNDS",
    "SectionRole",
    "Structure",
]

MAX_INDEX: Final = 1000
"""The highest section or block index a record (a change, a substitution) may name."""
MAX_ROUNDS: Final = 10
"""At most 10 rounds of a circuit."""
MAX_REST_BETWEEN_ROUNDS_S: Final = 300
"""At most 300 s rest between the rounds of a circuit."""


class SectionRole(enum.StrEnum):
    """Where a section sits in a session. Sections run in this order.

    .. versionadded:: 0.1.0
    """

    WARM_UP = "warm_up"
    MAIN = "main"
    COOL_DOWN = "cool_down"

    @property
    def order(self) -> int:
        """0 for warm-up, 1 for main, 2 for cool-down."""
        return _ROLE_ORDER[self]


_ROLE_ORDER = {SectionRole.WARM_UP: 0, SectionRole.MAIN: 1, SectionRole.COOL_DOWN: 2}


class Structure(enum.StrEnum):
    """How the blocks of a section are run.

    .. versionadded:: 0.1.0
    """

    STRAIGHT = "straight"
    """Every set of one block, then the next block."""
    SUPERSET = "superset"
    """Alternate between the blocks set by set (at least two blocks)."""
    CIRCUIT = "circuit"
    """One set of each block in turn, for a number of rounds."""
