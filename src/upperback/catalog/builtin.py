"""The exercises that ship with upperback: :func:`default_catalog`.

The loader sits beside the catalog model, not inside it: it reads package
data through the codec core, which the model never imports.
"""

from __future__ import annotations

import functools
from typing import Final

from upperback.catalog.model import Catalog

__all__ = ["DATA_FILE", "default_catalog"]

DATA_FILE: Final = "exercises.json"
"""The built-in catalog document, in the ``upperback.catalog`` package's ``data`` folder."""

_KINDS: Final = {"catalog": Catalog}


def _load_default_catalog() -> Catalog:
    """Read and validate the built-in catalog document; not cached."""
    import json  # noqa: PLC0415 - keeps import upperback cheap
    from importlib import resources  # noqa: PLC0415

    from upperback._codec.envelope import read  # noqa: PLC0415 - the codec on first use

    path = resources.files("upperback.catalog").joinpath("data", DATA_FILE)
    catalog: Catalog = read(json.loads(path.read_text(encoding="utf-8")), _KINDS, Catalog)
    return catalog


@functools.cache
def default_catalog() -> Catalog:
    """The exercises that ship with upperback, as a validated catalog.

    They come from ``upperback/catalog/data/exercises.json``, a catalog
    document read through the same envelope, migrations and converter as
    :func:`~upperback.serialization.from_dict`, so the shipped data passes
    the same checks as any document. The file is read on the
    first call, not on import, and the catalog is cached.

    Every exercise names its sources (the keys of the project's fact
    sheet, with addresses), and its default dose follows ACSM: static
    stretches 10–30 s holds, 2–4 times, about 60 s in all; strengthening
    2–3 sets of 8–15 reps; a source's own dose where it gives one, the
    more conservative where sources disagree (see each ``dose_note``).

    Safety features are set from what the exercise does, erring towards
    setting them: lying on the back or front, kneeling, hands bearing
    weight, arms overhead, an unstable ball (and ``needs_balance`` where
    the ball must be balanced on), neck side-bends and rotations, deep
    spinal flexion or rotation, and ``end_range_stretch`` for passive
    stretches where body weight, a hand or a prop takes the joint to the
    end of its range.

    >>> len(default_catalog()) >= 26
    True

    .. versionadded:: 0.1.0
    """
    return _load_default_catalog()
