"""The health conditions and age bands that change what is safe for a person."""

from __future__ import annotations

import enum
from typing import Final

__all__ = ["PREGNANCY", "AgeBand", "Condition"]


class Condition(enum.StrEnum):
    """A condition that rules out or changes some exercises; each rule cites its sources.

    A person's :class:`~upperback.safety.profile.Profile` lists the conditions
    that apply to them now; the rules in :data:`~upperback.safety.rules.RULES`
    say what each one excludes or changes. A clinician's own list of movements
    to avoid goes in the profile's ``avoid_features``.

    .. versionadded:: 0.1.0
    """

    OSTEOPOROSIS = "osteoporosis"
    """Osteoporosis or low bone density [C1][C2][C3][C4]."""
    PREGNANCY_FIRST_TRIMESTER = "pregnancy_first_trimester"
    """Pregnant, weeks 1 to 13 [C5*]."""
    PREGNANCY_SECOND_TRIMESTER = "pregnancy_second_trimester"
    """Pregnant, weeks 14 to 27; supine and prone positions are left out [C5*][C6*][C6c*]."""
    PREGNANCY_THIRD_TRIMESTER = "pregnancy_third_trimester"
    """Pregnant, week 28 on [C5*][C6*][C6c*]."""
    HYPERMOBILITY = "hypermobility"
    """Hypermobile Ehlers–Danlos syndrome or a hypermobility spectrum disorder [C9*]."""
    ACUTE_INJURY = "acute_injury"
    """A soft-tissue injury in its first days, the "protect" phase of PEACE & LOVE [C10].

    Remove it from the profile once the injury has settled or a clinician says so.
    """
    RECENT_SURGERY = "recent_surgery"
    """Surgery not yet cleared for exercise by the surgeon or a clinician [E23][E10c*]."""
    BALANCE_IMPAIRMENT = "balance_impairment"
    """Poor balance, vertigo or frailty [B11*][B12*][B13*][C12*]."""
    CERVICAL_RADICULOPATHY = "cervical_radiculopathy"
    """Pain, tingling or weakness down the arm that comes from the neck [C11*]."""
    SHOULDER_INSTABILITY = "shoulder_instability"
    """A shoulder that has dislocated or subluxed, or a frozen shoulder [E6e*][E23]."""

    @property
    def is_pregnancy(self) -> bool:
        """Whether this is one of the three pregnancy trimesters, in :data:`PREGNANCY`."""
        return self in PREGNANCY


PREGNANCY: Final = frozenset(
    {
        Condition.PREGNANCY_FIRST_TRIMESTER,
        Condition.PREGNANCY_SECOND_TRIMESTER,
        Condition.PREGNANCY_THIRD_TRIMESTER,
    }
)
"""The three pregnancy trimesters, which a rule for every stage of pregnancy names."""


class AgeBand(enum.StrEnum):
    """A person's age, in the bands the red-flag questions use.

    New back pain that starts before 20 or after 50 is a red flag
    [R2][R8][R13*] (some sources say after 55; the library takes the lower,
    more cautious age). Older adults may hold stretches for 30–60 s rather
    than 10–30 s [A1][A2]; the sources do not give the age at which that
    starts, so the library does not infer it from the band.

    .. versionadded:: 0.1.0
    """

    UNDER_20 = "under_20"
    FROM_20_TO_50 = "20_to_50"
    OVER_50 = "over_50"
