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
    ARMS = "arms"
    """.. versionadded:: 0.2.0"""
    LOWER_BACK = "lower_back"
    """.. versionadded:: 0.2.0"""
    ABDOMEN = "abdomen"
    """.. versionadded:: 0.2.0"""


class Muscle(enum.StrEnum):
    """A muscle (or muscle group) that an exercise stretches or strengthens.

    The deltoid has three heads, each its own member (anterior, lateral,
    posterior). The muscles below the upper back (biceps, forearms, the
    lumbar erectors, the abdominals) are here as *secondary* targets, the
    muscles an upper-back exercise also works (an
    :class:`~upperback.exercise.Exercise`'s ``secondary_targets``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``anterior_deltoid``, ``lateral_deltoid``, ``cervical_extensors``,
       ``sternocleidomastoid``, ``biceps``, ``forearms``,
       ``lumbar_erector_spinae`` and ``abdominals``.
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
    ANTERIOR_DELTOID = "anterior_deltoid"
    LATERAL_DELTOID = "lateral_deltoid"
    CERVICAL_EXTENSORS = "cervical_extensors"
    """The neck extensors (splenius, semispinalis and the suboccipitals)."""
    STERNOCLEIDOMASTOID = "sternocleidomastoid"
    BICEPS = "biceps"
    FOREARMS = "forearms"
    """The wrist and finger flexors and extensors (the grip)."""
    LUMBAR_ERECTOR_SPINAE = "lumbar_erector_spinae"
    """The erector spinae of the lower back."""
    ABDOMINALS = "abdominals"
    """Rectus abdominis and transversus abdominis."""

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
    Muscle.ANTERIOR_DELTOID: Region.SHOULDERS,
    Muscle.LATERAL_DELTOID: Region.SHOULDERS,
    Muscle.CERVICAL_EXTENSORS: Region.NECK,
    Muscle.STERNOCLEIDOMASTOID: Region.NECK,
    Muscle.BICEPS: Region.ARMS,
    Muscle.FOREARMS: Region.ARMS,
    Muscle.LUMBAR_ERECTOR_SPINAE: Region.LOWER_BACK,
    Muscle.ABDOMINALS: Region.ABDOMEN,
}
