"""A sample prescription, public so that apps can start from it: :func:`desk_reset`."""

from __future__ import annotations

from typing import Final

from upperback import _validate as v
from upperback.catalog import Catalog, default_catalog
from upperback.routine import Routine, SectionRole

__all__ = ["DESK_RESET", "desk_reset"]

DESK_RESET: Final[dict[SectionRole, tuple[str, ...]]] = {
    SectionRole.WARM_UP: ("cat-camel", "open-book"),
    SectionRole.MAIN: ("band-pull-apart", "wall-angel", "chin-tuck", "prone-i-y-t-w-swiss-ball"),
    SectionRole.COOL_DOWN: (
        "thoracic-extension-swiss-ball",
        "doorway-pec-stretch",
        "upper-trapezius-stretch",
    ),
}
"""The exercise ids of the desk-worker prescription, by section.

Mobility to warm up, scapular and deep-neck strengthening [V5][V13], and
stretches to cool down [A2]. Read-only by convention: build a routine
with :func:`desk_reset`.
"""


def desk_reset(catalog: Catalog | None = None) -> Routine:
    """A clinician-style sample prescription for a desk worker, at default doses.

    It is written for a full kit (a Swiss ball, a band, a wall and a
    doorway); adapt it to a person with :func:`~upperback.compose.prescription.prescribe`.
    The library does not prescribe: apps and clinicians do, and this sample
    shows how the parts fit together.

    >>> [block.exercise.id for block in desk_reset().blocks][:2]
    ['cat-camel', 'open-book']

    Args:
        catalog: Where the exercises come from; the built-in catalog when ``None``.
            It must hold every id of :data:`DESK_RESET`.

    Raises:
        UnknownExercise: The catalog lacks one of the exercises.
    """
    source = default_catalog() if catalog is None else catalog
    v.instance("catalog", source, Catalog)
    return Routine.of(
        "Desk reset",
        warm_up=[source[i] for i in DESK_RESET[SectionRole.WARM_UP]],
        main=[source[i] for i in DESK_RESET[SectionRole.MAIN]],
        cool_down=[source[i] for i in DESK_RESET[SectionRole.COOL_DOWN]],
        tags={"desk", "sample"},
    )
