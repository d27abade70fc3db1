"""The health conditions and age bands that change what is safe for a person."""

from __future__ import annotations

import enum
from typing import Any, Final

from upperback.errors import InvalidValue

__all__ = [
    "ONSET_RED_FLAG_BANDS",
    "PREGNANCY",
    "PREGNANCY_WEEKS",
    "TRIMESTER_STARTS",
    "AgeBand",
    "Condition",
    "trimester",
]


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
    """Pregnant, weeks 1 to 12 (see :func:`trimester`) [C5][C6]."""
    PREGNANCY_SECOND_TRIMESTER = "pregnancy_second_trimester"
    """Pregnant, weeks 13 to 27; supine and prone positions are left out [C6][C5][C6c*]."""
    PREGNANCY_THIRD_TRIMESTER = "pregnancy_third_trimester"
    """Pregnant, week 28 to 42 [C6][C5][C6c*]."""
    HYPERMOBILITY = "hypermobility"
    """Hypermobile Ehlers–Danlos syndrome or a hypermobility spectrum disorder [C9*]."""
    ACUTE_INJURY = "acute_injury"
    """A soft-tissue injury in its first days, the "protect" phase of PEACE & LOVE [C10].

    Remove it from the profile once the injury has settled or a clinician says
    so, or give the injury's day instead
    (:class:`~upperback.safety.dated.Injury`): it then applies on its first
    days only.
    """
    RECENT_SURGERY = "recent_surgery"
    """Surgery not yet cleared for exercise by the surgeon or a clinician [E23].

    A :class:`~upperback.safety.dated.Surgery` dates it, until the clearance.
    """
    BALANCE_IMPAIRMENT = "balance_impairment"
    """Poor balance, vertigo or frailty [B10]."""
    CERVICAL_RADICULOPATHY = "cervical_radiculopathy"
    """Pain, tingling or weakness down the arm that comes from the neck [C11][R5]."""
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
    [R2*][R8*], so the bands' edges are the red flag's:
    :func:`~upperback.safety.triage.triage` reads the band
    (:data:`ONSET_RED_FLAG_BANDS`) and refers back pain in those bands to
    a professional. Older adults may hold stretches for
    30–60 s rather than 10–30 s [A1][A2], and starters from middle age use
    10–15 reps [A5]; the sources give no exact age, so the library gives
    those doses to the ``over_50`` band
    (:data:`~upperback.safety.person.OLDER_ADULT_BANDS`).

    .. versionadded:: 0.1.0
    """

    UNDER_20 = "under_20"
    FROM_20_TO_50 = "20_to_50"
    OVER_50 = "over_50"


ONSET_RED_FLAG_BANDS: Final = frozenset({AgeBand.UNDER_20, AgeBand.OVER_50})
"""The age bands in which new back pain is a red flag, onset before 20 or after 50 [R2*][R8*].

Triage refers back pain in these bands to a professional
(:class:`~upperback.safety.triage.AdviceCode` ``onset_age``): whether the pain
is new, and, over 50, whether it began after turning 50, only the person
can say.
"""

PREGNANCY_WEEKS: Final = (1, 42)
"""The weeks of pregnancy :func:`trimester` takes: 1 to 42, the end of a post-term pregnancy."""

TRIMESTER_STARTS: Final = (1, 13, 28)
"""The week each trimester starts, for weeks 1–12, 13–27 and 28 on.

These are the UK maternity services' boundaries
(https://maternity.sneewellbeing.org.uk/pregnancy-journey/pregnancy-journey-timeline/;
https://www.tommys.org/pregnancy-information/im-pregnant/week-by-week/second-trimester).
Another common convention starts the second trimester at week 14; the
library takes week 13, the earlier and more cautious start, since the
rules for lying on the back or front apply from the second trimester.
"""

_TRIMESTERS: Final = (
    Condition.PREGNANCY_FIRST_TRIMESTER,
    Condition.PREGNANCY_SECOND_TRIMESTER,
    Condition.PREGNANCY_THIRD_TRIMESTER,
)


def trimester(week: Any) -> Condition:
    """The pregnancy condition for a week of pregnancy, 1 to 42 (see :data:`TRIMESTER_STARTS`).

    >>> [trimester(week).value for week in (12, 13, 28)]
    ['pregnancy_first_trimester', 'pregnancy_second_trimester', 'pregnancy_third_trimester']

    Args:
        week: The week of pregnancy, a whole number from 1 to 42, counted
            as the person's midwife or doctor counts it.

    Raises:
        InvalidValue: ``week`` is not a whole number from 1 to 42.

    .. versionadded:: 0.1.0
    """
    low, high = PREGNANCY_WEEKS
    if type(week) is not int or not low <= week <= high:
        raise InvalidValue("week", week, f"must be a whole week of pregnancy from {low} to {high}")
    found = _TRIMESTERS[0]
    for start, condition in zip(TRIMESTER_STARTS, _TRIMESTERS, strict=True):
        if week >= start:
            found = condition
    return found
