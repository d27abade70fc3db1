"""The fact sheet's clinical rules, read afresh for the tests (not from the library's tables).

Each table here restates a section of DOMAIN (the team's fact sheet, whose
sources the library cites by key) in the test suite's own words, so that a
checker compares the library's outputs with the sheet, never with the
library's own rules. Where the sheet leaves a choice, the cautious reading is
taken and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from upperback import (
    AdviceLevel,
    BandLevel,
    Condition,
    ExerciseKind,
    Feature,
    Level,
    Position,
    PropKind,
    RedFlag,
)

if TYPE_CHECKING:
    from upperback import Exercise

__all__ = [
    "ADULT_HOLD_S",
    "AFTER_FIRST_TRIMESTER",
    "BALL_LOADS",
    "CAUTIONS",
    "EMERGENCY_FLAGS",
    "EXCLUSIONS",
    "MAX_STRENGTH_SESSIONS",
    "MIN_HOURS_BETWEEN_STRENGTH",
    "NERVE_PAIN_CEILING",
    "NOT_IMPROVING_DAYS",
    "OLDER_ADULT_HOLD_S",
    "OLDER_OR_NOVICE_REPS",
    "PAIN_CEILING",
    "PREGNANCY",
    "REFERRAL",
    "SETTLED_PAIN",
    "STRENGTH_MAX_SETS",
    "STRETCHES",
    "SYMPTOM_CEILING_DAYS",
    "URGENT_GP_FLAGS",
    "WORSE_AFTER_EXERCISE_DAYS",
    "Contraindication",
    "band_ceiling",
    "features_of",
]

PREGNANCY: Final = frozenset(
    {
        Condition.PREGNANCY_FIRST_TRIMESTER,
        Condition.PREGNANCY_SECOND_TRIMESTER,
        Condition.PREGNANCY_THIRD_TRIMESTER,
    }
)
AFTER_FIRST_TRIMESTER: Final = PREGNANCY - {Condition.PREGNANCY_FIRST_TRIMESTER}

STRETCHES: Final = frozenset({ExerciseKind.STATIC_STRETCH, ExerciseKind.PNF_STRETCH})
"""§1.2: the held stretches (static and PNF)."""

_FALL_RISK: Final = frozenset({Feature.UNSTABLE_SURFACE, Feature.NEEDS_BALANCE})


def features_of(exercise: Exercise) -> frozenset[Feature]:
    """An exercise's features, with any feature no one has reviewed counted as present.

    What cannot be judged is not called safe (issue 17, "Imported exercises
    are screened as strictly as built-in ones"): a feature an importer could
    not rule out counts as if it were there.
    """
    unreviewed: frozenset[Feature] = getattr(exercise, "unreviewed", frozenset())
    return exercise.features | unreviewed


@dataclass(frozen=True)
class Contraindication:
    """What the fact sheet says a person with any of ``conditions`` must not do, or do with care.

    An exercise matches when it is of one of ``kinds`` (any kind when empty)
    and has one of ``features``, starts in one of ``positions`` or requires
    one of ``props``; with none of those three given, the kinds alone match.
    """

    key: str
    conditions: frozenset[Condition]
    features: frozenset[Feature] = field(default=frozenset())
    positions: frozenset[Position] = field(default=frozenset())
    props: frozenset[PropKind] = field(default=frozenset())
    kinds: frozenset[ExerciseKind] = field(default=frozenset())

    def applies_to(self, conditions: frozenset[Condition]) -> bool:
        """Whether a person with these conditions is concerned."""
        return not self.conditions.isdisjoint(conditions)

    def matches(self, exercise: Exercise) -> bool:
        """Whether the exercise is what the sheet warns about."""
        if self.kinds and exercise.kind not in self.kinds:
            return False
        if not (self.features or self.positions or self.props):
            return True
        required = frozenset(need.kind for need in exercise.props if need.required)
        return (
            not self.features.isdisjoint(features_of(exercise))
            or exercise.position in self.positions
            or not self.props.isdisjoint(required)
        )


EXCLUSIONS: Final[tuple[Contraindication, ...]] = (
    Contraindication(
        key="§8 osteoporosis: end-range or loaded flexion, end-range rotation [C1][C2][C3][C4]",
        conditions=frozenset({Condition.OSTEOPOROSIS}),
        features=frozenset(
            {Feature.END_RANGE_FLEXION, Feature.LOADED_FLEXION, Feature.END_RANGE_ROTATION}
        ),
    ),
    Contraindication(
        key="§8 osteoporosis: unstable surfaces (ball) where falls are plausible [C2]",
        conditions=frozenset({Condition.OSTEOPOROSIS}),
        features=_FALL_RISK,
        props=frozenset({PropKind.SWISS_BALL}),
    ),
    Contraindication(
        key="§8 pregnancy: supine positions from the second trimester [C5][C6]",
        conditions=AFTER_FIRST_TRIMESTER,
        features=frozenset({Feature.SUPINE}),
        positions=frozenset({Position.SUPINE}),
    ),
    Contraindication(
        # The sheet says "later in pregnancy" and "after ~20 weeks"; a trimester
        # holding week 20 or later (the second does) is read cautiously.
        key="§8 pregnancy: prone-on-abdomen positions later in pregnancy [C6c*]",
        conditions=AFTER_FIRST_TRIMESTER,
        features=frozenset({Feature.PRONE}),
        positions=frozenset({Position.PRONE}),
    ),
    Contraindication(
        key="§8 pregnancy: ballistic stretching; jerky or bouncy moves [C8*]",
        conditions=PREGNANCY,
        features=frozenset({Feature.BALLISTIC}),
    ),
    Contraindication(
        key="§8 pregnancy: ball work with fall risk; activities with fall risk [C5][§5.4]",
        conditions=PREGNANCY,
        features=_FALL_RISK | {Feature.HANGING},
        props=frozenset({PropKind.SWISS_BALL}),
    ),
    Contraindication(
        key="§8 hypermobility: ballistic stretching [C9*]",
        conditions=frozenset({Condition.HYPERMOBILITY}),
        features=frozenset({Feature.BALLISTIC}),
    ),
    Contraindication(
        key="§8 acute injury: stretching the injured muscle in the first days [C10]",
        conditions=frozenset({Condition.ACUTE_INJURY}),
        kinds=STRETCHES,
    ),
    Contraindication(
        key="§8 recent surgery: the whole routine pending clinician clearance [E23]",
        conditions=frozenset({Condition.RECENT_SURGERY}),
        kinds=frozenset(ExerciseKind),
    ),
    Contraindication(
        key="§8 cervical radiculopathy: neck side-bend and rotation stretches [C11]",
        conditions=frozenset({Condition.CERVICAL_RADICULOPATHY}),
        features=frozenset({Feature.NECK_SIDE_BEND, Feature.NECK_ROTATION}),
    ),
    Contraindication(
        key="§8 cervical radiculopathy: positions straining the neck (loaded neck) [C11]",
        conditions=frozenset({Condition.CERVICAL_RADICULOPATHY}),
        features=frozenset({Feature.LOADED_NECK}),
    ),
    Contraindication(
        key="§8 balance impairment: Swiss-ball entries unsupervised [B10]",
        conditions=frozenset({Condition.BALANCE_IMPAIRMENT}),
        features=_FALL_RISK,
        props=frozenset({PropKind.SWISS_BALL}),
    ),
    Contraindication(
        key="§8 shoulder instability: end-range horizontal abduction [E6e*][E23]",
        conditions=frozenset({Condition.SHOULDER_INSTABILITY}),
        features=frozenset({Feature.SHOULDER_END_RANGE}),
    ),
    Contraindication(
        key="§8 shoulder instability: doorway stretch, towel stretch [E6e*][E23]",
        conditions=frozenset({Condition.SHOULDER_INSTABILITY}),
        props=frozenset({PropKind.DOORWAY, PropKind.TOWEL}),
        kinds=STRETCHES,
    ),
)
"""§8: what each condition excludes (the "features to exclude" column, cautious reading)."""

CAUTIONS: Final[tuple[Contraindication, ...]] = (
    Contraindication(
        key="§8 pregnancy: end-range stretching (joint laxity) [C8*]",
        conditions=PREGNANCY,
        features=frozenset(
            {Feature.END_RANGE_STRETCH, Feature.END_RANGE_FLEXION, Feature.END_RANGE_ROTATION}
        ),
    ),
    Contraindication(
        key="§8 pregnancy: stretching to the limit (joint laxity) [C8*]",
        conditions=PREGNANCY,
        kinds=STRETCHES,
    ),
    Contraindication(
        key="§8 hypermobility: end-range static and PNF stretching, or cap intensity [C9*]",
        conditions=frozenset({Condition.HYPERMOBILITY}),
        kinds=STRETCHES,
    ),
    Contraindication(
        key="§8 cervical radiculopathy: loaded overhead work if symptomatic [C11]",
        conditions=frozenset({Condition.CERVICAL_RADICULOPATHY}),
        features=frozenset({Feature.OVERHEAD}),
    ),
)
"""§8: what a person may do only with a caution beside it (the guidance the sheet flags)."""

PAIN_CEILING: Final = 5
"""§3.1 [P7]: pain may reach but not exceed 5/10 during exercise and afterwards."""

NERVE_PAIN_CEILING: Final = 3
"""§3.1 and §8 cervical radiculopathy: 0–3/10 during and after (convention, the stricter)."""

SETTLED_PAIN: Final = 3
"""§3.1: the top of the "safe" zone, ≤3/10 (convention); above it next morning, not settled."""

ADULT_HOLD_S: Final = (10, 30)
"""§1.1 [A1][A2]: hold a static stretch 10–30 s (most adults)."""

OLDER_ADULT_HOLD_S: Final = (30, 60)
"""§1.1 [A1][A2]: older adults hold 30–60 s."""

OLDER_OR_NOVICE_REPS: Final = (10, 15)
"""§2 [A5][A3]: middle-aged and older starters, 10–15 reps."""

STRENGTH_MAX_SETS: Final = 4
"""§2 [A7][A8]: 2–4 sets per muscle group."""

MIN_HOURS_BETWEEN_STRENGTH: Final = 48
"""§2 [A6][A7]: at least 48 h between sessions for the same muscle group."""

MAX_STRENGTH_SESSIONS: Final = 3
"""§2, derived: with 48 h between sessions, no more than 3 in any 7 days (4 × 48 h > 168 h)."""

NOT_IMPROVING_DAYS: Final = 14
"""§4.3 design note (c): symptoms not improving after ~2 weeks of self-management refer."""

SYMPTOM_CEILING_DAYS: Final = 42
"""§4.3 design note: a hard ceiling at 4–6 weeks; 6 weeks is the latest any reading allows."""

WORSE_AFTER_EXERCISE_DAYS: Final = 3
"""§4.3 design note (b), [P11*]: exercise-related pain worse for more than "a few days" refers."""

REFERRAL: Final = AdviceLevel.SEE_PROFESSIONAL
"""The least pressing advice that sends the person to a professional; every level above does too."""

EMERGENCY_FLAGS: Final = frozenset({RedFlag.CHEST_PAIN, RedFlag.BLADDER_BOWEL_OR_SADDLE})
"""§4.2 [R3]: chest pain, bladder/bowel change, saddle numbness: call 999 or go to A&E."""

URGENT_GP_FLAGS: Final = frozenset({RedFlag.BETWEEN_SHOULDER_BLADES_WITH_SYMPTOMS})
"""§4.2 [R3]: pain between the shoulder blades: an urgent GP appointment or 111, not A&E."""

BALL_LOADS: Final = frozenset(
    {PropKind.DUMBBELL, PropKind.BARBELL, PropKind.KETTLEBELL, PropKind.WEIGHT_PLATE}
)
"""§5.4 [B7][B10]: hand weights, dumbbells or barbells are not used on a fitness ball."""


def band_ceiling(level: Level | None) -> BandLevel | None:
    """§6 [D1]: blue and above are for advanced users; below them, green at most.

    Tan and yellow are for early rehabilitation, red and green to start
    strengthening; the sheet names no level for "advanced", so the tests
    read levels 1–3 as not advanced (the cautious reading) and do not judge
    an unknown level.
    """
    if level is None or level >= Level.HARD:
        return None
    return BandLevel.HEAVY  # green, Thera-Band's fourth colour
