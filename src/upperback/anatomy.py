"""Muscles and body regions that upper-back exercises target.

Values are written to JSON and never change meaning.
"""

from __future__ import annotations

import enum

__all__ = ["Muscle", "Region"]


class Region(enum.StrEnum):
    """A body region, coarser than a muscle: what an app shows a person.

    .. versionadded:: 0.1.0
    """

    NECK = "neck"
    UPPER_BACK = "upper_back"
    SHOULDER_BLADES = "shoulder_blades"
    SHOULDERS = "shoulders"
    CHEST = "chest"
    SIDES = "sides"


class Muscle(enum.StrEnum):
    """A muscle (or muscle group) that an exercise stretches or strengthens.

    .. versionadded:: 0.1.0
    """

    RHOMBOIDS = "rhomboids"
    UPPER_TRAPEZIUS = "upper_trapezius"
    MIDDLE_TRAPEZIUS = "middle_trapezius"
    LOWER_TRAPEZIUS = "lower_trapezius"
    LEVATOR_SCAPULAE = "levator_scapulae"
    LATISSIMUS_DORSI = "latissimus_dorsi"
    PECTORALIS_MAJOR = "pectoralis_major"
    PECTORALIS_MINOR = "pectoralis_minor"
    THORACIC_ERECTOR_SPINAE = "thoracic_erector_spinae"
    SERRATUS_ANTERIOR = "serratus_anterior"
    POSTERIOR_DELTOID = "posterior_deltoid"
    ROTATOR_CUFF = "rotator_cuff"
    DEEP_NECK_FLEXORS = "deep_neck_flexors"
    SCALENES = "scalenes"
    OBLIQUES = "obliques"
    TRICEPS = "triceps"

    @property
    def region(self) -> Region:
        """The region this muscle belongs to, for summaries."""
        return _REGION_OF[self]


_REGION_OF: dict[Muscle, Region] = {
    Muscle.RHOMBOIDS: Region.SHOULDER_BLADES,
    Muscle.UPPER_TRAPEZIUS: Region.NECK,
    Muscle.MIDDLE_TRAPEZIUS: Region.SHOULDER_BLADES,
    Muscle.LOWER_TRAPEZIUS: Region.SHOULDER_BLADES,
    Muscle.LEVATOR_SCAPULAE: Region.NECK,
    Muscle.LATISSIMUS_DORSI: Region.UPPER_BACK,
    Muscle.PECTORALIS_MAJOR: Region.CHEST,
    Muscle.PECTORALIS_MINOR: Region.CHEST,
    Muscle.THORACIC_ERECTOR_SPINAE: Region.UPPER_BACK,
    Muscle.SERRATUS_ANTERIOR: Region.SHOULDER_BLADES,
    Muscle.POSTERIOR_DELTOID: Region.SHOULDERS,
    Muscle.ROTATOR_CUFF: Region.SHOULDERS,
    Muscle.DEEP_NECK_FLEXORS: Region.NECK,
    Muscle.SCALENES: Region.NECK,
    Muscle.OBLIQUES: Region.SIDES,
    Muscle.TRICEPS: Region.SHOULDERS,
}
