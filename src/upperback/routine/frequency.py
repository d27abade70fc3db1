"""How often a routine may be done: the recovery strengthening needs between sessions.

One rule, read by the composer (:func:`~upperback.compose.composer.compose`
leaves strengthening out of a routine meant for more sessions than it
allows) and by planning (:func:`~upperback.progression.program.plan`
refuses such a routine), so that the two never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from upperback import _validate as v
from upperback.errors import InvalidValue
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.routine.block import Block

__all__ = [
    "MAX_STRENGTH_SESSIONS",
    "RECOVERY_KINDS",
    "check_recovery",
    "needs_recovery",
    "recovery_problem",
]

MAX_STRENGTH_SESSIONS: Final = 3
"""At most 3 sessions a week for a routine with strengthening.

Each muscle group 2–3 days a week [A3][A7], with at least 48 h between
sessions for the same muscle group [A6][A7]. A routine works the same
muscles every session, and a fourth session in seven days would leave less
than 48 h after one of them (derived: 4 × 48 h is more than a week).
"""

RECOVERY_KINDS: Final = frozenset({ExerciseKind.STRENGTHENING})
"""The kinds of exercise that need 48 h between sessions, resistance exercise [A6][A7]."""


def needs_recovery(blocks: Iterable[Block]) -> bool:
    """Whether any of the blocks is strengthening, which needs 48 h between sessions.

    .. versionadded:: 0.1.0
    """
    return any(block.exercise.kind in RECOVERY_KINDS for block in blocks)


def recovery_problem(sessions_per_week: int) -> str | None:
    """Why strengthening cannot be done ``sessions_per_week`` times a week, or ``None``.

    >>> recovery_problem(3) is None
    True
    >>> print(recovery_problem(7))
    must be at most 3 for a routine with strengthening: each muscle group 2–3 days a week, at least 48 h apart [A3][A6][A7]

    .. versionadded:: 0.1.0
    """  # noqa: E501
    v.int_between("sessions_per_week", sessions_per_week, 1, 7)
    if sessions_per_week <= MAX_STRENGTH_SESSIONS:
        return None
    return (
        f"must be at most {MAX_STRENGTH_SESSIONS} for a routine with strengthening: each muscle"
        " group 2–3 days a week, at least 48 h apart [A3][A6][A7]"
    )


def check_recovery(
    blocks: Iterable[Block], sessions_per_week: int, *, field: str = "sessions_per_week"
) -> None:
    """Refuse strengthening more often than recovery allows.

    The limit is :data:`~upperback.routine.frequency.MAX_STRENGTH_SESSIONS`.

    Raises:
        InvalidValue: The blocks hold strengthening and ``sessions_per_week``
            is above 3; the error names ``field``.

    .. versionadded:: 0.1.0
    """
    problem = recovery_problem(sessions_per_week)
    if problem is not None and needs_recovery(blocks):
        raise InvalidValue(field, sessions_per_week, problem)
