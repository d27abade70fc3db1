"""The words exercises are described with: movements, positions, kinds and more.

Every enum here is written to JSON by value. Values are lower-case,
use underscores, and never change meaning once released.
"""

from __future__ import annotations

import enum
from typing import Final

__all__ = [
    "STRETCH_KINDS",
    "Benefit",
    "ExerciseKind",
    "Feature",
    "KindFamily",
    "Laterality",
    "Level",
    "Movement",
    "Position",
]


class Movement(enum.StrEnum):
    """A movement an exercise trains or takes a joint through.

    Plain ``flexion``, ``extension``, ``rotation`` and ``lateral_flexion``
    are movements of the spine; the others name their joint.

    .. versionadded:: 0.1.0
    """

    FLEXION = "flexion"
    EXTENSION = "extension"
    ROTATION = "rotation"
    LATERAL_FLEXION = "lateral_flexion"
    SCAPULAR_RETRACTION = "scapular_retraction"
    SCAPULAR_PROTRACTION = "scapular_protraction"
    SCAPULAR_ELEVATION = "scapular_elevation"
    SCAPULAR_DEPRESSION = "scapular_depression"
    SCAPULAR_UPWARD_ROTATION = "scapular_upward_rotation"
    SHOULDER_FLEXION = "shoulder_flexion"
    SHOULDER_EXTENSION = "shoulder_extension"
    SHOULDER_HORIZONTAL_ABDUCTION = "shoulder_horizontal_abduction"
    SHOULDER_HORIZONTAL_ADDUCTION = "shoulder_horizontal_adduction"
    SHOULDER_EXTERNAL_ROTATION = "shoulder_external_rotation"
    SHOULDER_INTERNAL_ROTATION = "shoulder_internal_rotation"
    CERVICAL_RETRACTION = "cervical_retraction"
    CERVICAL_LATERAL_FLEXION = "cervical_lateral_flexion"
    CERVICAL_ROTATION = "cervical_rotation"


class Position(enum.StrEnum):
    """The starting position of an exercise.

    .. versionadded:: 0.1.0
    """

    STANDING = "standing"
    SEATED = "seated"
    KNEELING = "kneeling"
    QUADRUPED = "quadruped"
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side_lying"


class KindFamily(enum.StrEnum):
    """What a kind of exercise does to the muscles it targets (see :attr:`ExerciseKind.family`).

    A routine's coverage counts the muscles it lengthens and those it
    strengthens by family, and a substitute must be of the same family as
    the exercise it replaces: a stretch is not replaced by strengthening for
    the same muscles.

    .. versionadded:: 0.1.0
    """

    LENGTHEN = "lengthen"
    """Stretches (static or PNF) and dynamic mobility."""
    STRENGTHEN = "strengthen"
    """Strengthening and motor control."""
    BREATHE = "breathe"
    """Breathing exercises."""
    RELEASE = "release"
    """Self-massage, rolling a muscle over a foam roller or a ball.

    .. versionadded:: 0.2.0
    """


class ExerciseKind(enum.StrEnum):
    """What kind of exercise it is; it decides the shape of its dose.

    Two notions are read off it, each defined here only: its :attr:`family`
    (what it does to the muscles) and :attr:`is_stretch` (a held stretch,
    the kinds that safety rules cap and that scaling shortens by their hold).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``self_massage``.
    """

    STATIC_STRETCH = "static_stretch"
    DYNAMIC_MOBILITY = "dynamic_mobility"
    """Controlled, repeated movement through a range that grows with each
    repetition: the dynamic stretch as ACSM lists it [A2][A14]. It is the
    library's dynamic stretch; there is no separate kind for it."""
    PNF_STRETCH = "pnf_stretch"
    STRENGTHENING = "strengthening"
    MOTOR_CONTROL = "motor_control"
    BREATHING = "breathing"
    SELF_MASSAGE = "self_massage"
    """Rolling a muscle over a foam roller or a massage ball (family :attr:`KindFamily.RELEASE`).

    It is dosed by time (a hold of rolling, never reps) and never under an
    external load; the library's sources give no dose for it, so its default
    progression holds the dose as it is.

    .. versionadded:: 0.2.0
    """

    @property
    def family(self) -> KindFamily:
        """What this kind does to the muscles (lengthen, strengthen or breathe)."""
        return _FAMILIES[self]

    @property
    def is_stretch(self) -> bool:
        """Whether this kind is a held stretch (static or PNF), one of :data:`STRETCH_KINDS`.

        Every stretch lengthens; dynamic mobility lengthens too, but moves
        rather than holds, so it is not a stretch.
        """
        return self in STRETCH_KINDS


_FAMILIES: Final = {
    ExerciseKind.STATIC_STRETCH: KindFamily.LENGTHEN,
    ExerciseKind.PNF_STRETCH: KindFamily.LENGTHEN,
    ExerciseKind.DYNAMIC_MOBILITY: KindFamily.LENGTHEN,
    ExerciseKind.STRENGTHENING: KindFamily.STRENGTHEN,
    ExerciseKind.MOTOR_CONTROL: KindFamily.STRENGTHEN,
    ExerciseKind.BREATHING: KindFamily.BREATHE,
    ExerciseKind.SELF_MASSAGE: KindFamily.RELEASE,
}

STRETCH_KINDS: Final = frozenset({ExerciseKind.STATIC_STRETCH, ExerciseKind.PNF_STRETCH})
"""The held stretches, the kinds for which :attr:`ExerciseKind.is_stretch` is true."""


class Benefit(enum.StrEnum):
    """The six benefits upper-back routines are given for.

    They are the aims routines are composed for, not promises:
    the strength of the evidence differs a great deal between them
    (see :attr:`evidence`), and the library makes no claim beyond it.

    .. versionadded:: 0.1.0
    """

    STRETCH_UPPER_SPINE = "stretch_upper_spine"
    STRENGTHEN_BACK = "strengthen_back"
    FLEXIBILITY = "flexibility"
    REDUCE_TENSION = "reduce_tension"
    BLOOD_FLOW = "blood_flow"
    WELL_BEING = "well_being"

    @property
    def evidence(self) -> str:
        """A one-sentence, sourced summary of what the evidence supports."""
        return _EVIDENCE[self]


_EVIDENCE: dict[Benefit, str] = {
    Benefit.STRETCH_UPPER_SPINE: (
        "Static stretching reliably increases range of motion, acutely and over weeks "
        "(Ingram 2024 [V1]; Arntz 2023 [V3])."
    ),
    Benefit.STRENGTHEN_BACK: (
        "Specific strengthening is the main route to strength; stretching alone gives "
        "small gains (Arntz 2023 [V3]; Cochrane, Gross 2015 [V5])."
    ),
    Benefit.FLEXIBILITY: (
        "Strong evidence that stretching increases range of motion (Ingram 2024 [V1]); "
        "the gains of a single bout fade within about 30 minutes (Behm 2016 [V4])."
    ),
    Benefit.REDUCE_TENSION: (
        "Moderate evidence that strengthening reduces chronic neck pain; stretching alone "
        "gives small effects (Gross 2015 [V5]; Andersen 2008 [V6]; Tunwattanapong 2016 [V7])."
    ),
    Benefit.BLOOD_FLOW: (
        "Stretching improved vascular function in lower-limb and whole-body trials; "
        "no trial of upper-back routines was found (Bisconti 2020 [V10]; meta-analysis [V11])."
    ),
    Benefit.WELL_BEING: (
        "Weakly supported: no direct trial of upper-back stretching on mood was found; "
        "physical activity in general supports psychological health [C5]."
    ),
}


class Laterality(enum.StrEnum):
    """How an exercise uses the two sides of the body.

    .. versionadded:: 0.1.0
    """

    BILATERAL = "bilateral"
    """Both sides at once."""
    UNILATERAL = "unilateral"
    """One side, then the other; a per-side dose is done twice."""
    ALTERNATING = "alternating"
    """Sides alternate rep by rep; a per-side dose is done twice, interleaved."""


class Level(enum.IntEnum):
    """How demanding an exercise is, from 1 (gentlest) to 5.

    Levels order progression chains: going harder never lowers the level.

    .. versionadded:: 0.1.0
    """

    GENTLE = 1
    EASY = 2
    MODERATE = 3
    HARD = 4
    ADVANCED = 5


class Feature(enum.StrEnum):
    """A property of an exercise that safety rules act on.

    Features are facts about the movement (it is done lying on the back,
    it rotates the spine to end range, it loads the spine in flexion),
    not judgements; :mod:`upperback.safety` maps conditions to them.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``hanging``, ``upright_row``, ``behind_neck``, ``loaded_neck`` and ``ballistic``.
    """

    LOADED_FLEXION = "loaded_flexion"
    END_RANGE_FLEXION = "end_range_flexion"
    END_RANGE_ROTATION = "end_range_rotation"
    END_RANGE_STRETCH = "end_range_stretch"
    SUPINE = "supine"
    PRONE = "prone"
    UNSTABLE_SURFACE = "unstable_surface"
    NEEDS_BALANCE = "needs_balance"
    OVERHEAD = "overhead"
    HANDS_WEIGHT_BEARING = "hands_weight_bearing"
    NECK_SIDE_BEND = "neck_side_bend"
    NECK_ROTATION = "neck_rotation"
    SHOULDER_END_RANGE = "shoulder_end_range"
    EXTERNAL_LOAD = "external_load"
    KNEELING = "kneeling"
    HANGING = "hanging"
    """Hanging from a bar, rings or straps by the hands (pull-ups, chin-ups, a dead hang).

    .. versionadded:: 0.2.0
    """
    UPRIGHT_ROW = "upright_row"
    """Pulling a load up the front of the body to the chest or chin, elbows high
    (an upright row or a high pull).

    .. versionadded:: 0.2.0
    """
    BEHIND_NECK = "behind_neck"
    """A bar, a load or the hands behind the neck or head (a behind-the-neck press or
    pulldown, a behind-head stretch).

    .. versionadded:: 0.2.0
    """
    LOADED_NECK = "loaded_neck"
    """The neck working against a load, such as a plate, a harness or the hands.

    .. versionadded:: 0.2.0
    """
    BALLISTIC = "ballistic"
    """Bouncing, swinging or kipping, moving by momentum rather than control.

    .. versionadded:: 0.2.0
    """
