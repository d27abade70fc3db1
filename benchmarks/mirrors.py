"""pydantic v2 and msgspec models mirroring the routine document that ``dumps`` writes.

Same JSON shape (envelope, field names, defaults omitted, sets written sorted)
and, as far as each library can state it, the same validation contract:
strict JSON types (no ``"2"`` for 2, no ``true`` for 1), unknown keys refused,
the same numeric bounds, slugs and text rules, non-empty lists, a repeated
item in a set refused, "reps or hold_s" and the per-side rule across fields.
Not mirrored: the catalog links and the section-order rule (not in a routine
document's hot path), and the exact error messages.

Only the benchmarks import this module (the ``bench`` dependency group).
"""

import enum
from typing import Annotated, Any, Literal, Self

import msgspec
import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

from upperback.anatomy import Muscle
from upperback.media import MediaKind
from upperback.props import BandLevel, PropKind
from upperback.routine import SectionRole, Structure
from upperback.vocab import Benefit, ExerciseKind, Feature, Laterality, Level, Movement, Position

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TEXT = r"^\S(?:.*\S)?$"

# -- pydantic -------------------------------------------------------------------------


def _unique(values: tuple[Any, ...]) -> frozenset[Any]:
    result = frozenset(values)
    if len(result) != len(values):
        message = "must not repeat an item"
        raise ValueError(message)
    return result


def _sorted(values: frozenset[Any]) -> list[Any]:
    return sorted(values)


_SETS = (AfterValidator(_unique), PlainSerializer(_sorted))
# A JSON array of distinct items, held as a frozenset and written sorted.
MuscleSet = Annotated[tuple[Muscle, ...], *_SETS]
MovementSet = Annotated[tuple[Movement, ...], *_SETS]
BenefitSet = Annotated[tuple[Benefit, ...], *_SETS]
FeatureSet = Annotated[tuple[Feature, ...], *_SETS]


Text = Annotated[str, Field(min_length=1, max_length=2000, pattern=TEXT)]
Short = Annotated[str, Field(min_length=1, max_length=120, pattern=TEXT)]
Slug = Annotated[str, Field(max_length=80, pattern=SLUG)]
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class PDose(BaseModel):
    model_config = STRICT
    sets: Annotated[int, Field(ge=1, le=10)] = 1
    reps: Annotated[int, Field(ge=1, le=50)] | None = None
    hold_s: Annotated[int, Field(ge=1, le=120)] | None = None
    tempo_s: Annotated[int, Field(ge=1, le=10)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=300)] = 30
    per_side: bool = False
    max_pain: Annotated[int, Field(ge=0, le=10)] | None = None
    max_effort: Annotated[int, Field(ge=0, le=10)] | None = None
    band_level: BandLevel | None = None

    @pydantic.model_validator(mode="after")
    def _work(self) -> Self:
        if self.reps is None and self.hold_s is None:
            message = "reps or hold_s must be given"
            raise ValueError(message)
        if self.tempo_s is not None and self.reps is None:
            message = "tempo_s may only be given with reps"
            raise ValueError(message)
        return self


class PSource(BaseModel):
    model_config = STRICT
    key: Annotated[str, Field(min_length=1, max_length=20, pattern=TEXT)]
    url: Annotated[str, Field(max_length=2000, pattern=r"^https?://\S+$")]
    note: Text | None = None


class PPropNeed(BaseModel):
    model_config = STRICT
    kind: PropKind
    required: bool = True
    diameter_cm: Annotated[int, Field(ge=30, le=100)] | None = None
    name: Slug | None = None


class PMedia(BaseModel):
    model_config = STRICT
    url: Text
    kind: MediaKind
    alt: Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT)]
    author: Text | None = None
    licence: Annotated[str, Field(min_length=1, max_length=200, pattern=TEXT)] | None = None
    source_url: Text | None = None


class PExercise(BaseModel):
    model_config = STRICT
    id: Slug
    name: Short
    kind: ExerciseKind
    position: Position
    targets: Annotated[MuscleSet, Field(min_length=1)]
    cues: Annotated[tuple[Text, ...], Field(min_length=1)]
    default_dose: PDose
    aliases: tuple[Short, ...] = ()
    movements: MovementSet = ()
    benefits: BenefitSet = ()
    props: tuple[PPropNeed, ...] = ()
    laterality: Laterality = Laterality.BILATERAL
    level: Level = Level.GENTLE
    features: FeatureSet = ()
    easier: Slug | None = None
    harder: Slug | None = None
    precautions: tuple[Text, ...] = ()
    dose_note: Text | None = None
    sources: tuple[PSource, ...] = ()
    secondary_targets: MuscleSet = ()
    media: tuple[PMedia, ...] = ()

    @pydantic.model_validator(mode="after")
    def _sides(self) -> Self:
        if self.default_dose.per_side and self.laterality is Laterality.BILATERAL:
            message = "default_dose.per_side must be false for a bilateral exercise"
            raise ValueError(message)
        return self


class PBlock(BaseModel):
    model_config = STRICT
    exercise: PExercise
    dose: PDose | None = None
    notes: Text | None = None


class PSection(BaseModel):
    model_config = STRICT
    role: SectionRole
    blocks: Annotated[tuple[PBlock, ...], Field(min_length=1)]
    structure: Structure = Structure.STRAIGHT
    rounds: Annotated[int, Field(ge=1, le=10)] = 1
    rest_between_rounds_s: Annotated[int, Field(ge=0, le=300)] = 0


class PRoutine(BaseModel):
    model_config = STRICT
    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=200, pattern=TEXT)]
    sections: Annotated[tuple[PSection, ...], Field(min_length=1)]
    sessions_per_week: Annotated[int, Field(ge=1, le=7)] = 3
    tags: Annotated[
        tuple[Annotated[str, Field(min_length=1, max_length=60, pattern=TEXT)], ...], *_SETS
    ] = ()
    notes: Text | None = None


class PDocument(BaseModel):
    model_config = STRICT
    upperback: Literal[2]
    kind: Literal["routine"]
    data: PRoutine


# -- msgspec ----------------------------------------------------------------------------

MText = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=TEXT)]
MShort = Annotated[str, msgspec.Meta(min_length=1, max_length=120, pattern=TEXT)]
MSlug = Annotated[str, msgspec.Meta(max_length=80, pattern=SLUG)]


def _check_unique(*groups: tuple[Any, ...]) -> None:
    for group in groups:
        if len(set(group)) != len(group):
            message = "must not repeat an item"
            raise ValueError(message)


class Options(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    """The settings every mirror struct shares."""


class MDose(Options, frozen=True):
    sets: Annotated[int, msgspec.Meta(ge=1, le=10)] = 1
    reps: Annotated[int, msgspec.Meta(ge=1, le=50)] | None = None
    hold_s: Annotated[int, msgspec.Meta(ge=1, le=120)] | None = None
    tempo_s: Annotated[int, msgspec.Meta(ge=1, le=10)] | None = None
    rest_s: Annotated[int, msgspec.Meta(ge=0, le=300)] = 30
    per_side: bool = False
    max_pain: Annotated[int, msgspec.Meta(ge=0, le=10)] | None = None
    max_effort: Annotated[int, msgspec.Meta(ge=0, le=10)] | None = None
    band_level: BandLevel | None = None

    def __post_init__(self) -> None:
        if self.reps is None and self.hold_s is None:
            message = "reps or hold_s must be given"
            raise ValueError(message)
        if self.tempo_s is not None and self.reps is None:
            message = "tempo_s may only be given with reps"
            raise ValueError(message)


class MSource(Options, frozen=True):
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=20, pattern=TEXT)]
    url: Annotated[str, msgspec.Meta(max_length=2000, pattern=r"^https?://\S+$")]
    note: MText | None = None


class MPropNeed(Options, frozen=True):
    kind: PropKind
    required: bool = True
    diameter_cm: Annotated[int, msgspec.Meta(ge=30, le=100)] | None = None
    name: MSlug | None = None


class MMedia(Options, frozen=True):
    url: MText
    kind: MediaKind
    alt: Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=TEXT)]
    author: MText | None = None
    licence: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=TEXT)] | None = None
    source_url: MText | None = None


class MExercise(Options, frozen=True):
    id: MSlug
    name: MShort
    kind: ExerciseKind
    position: Position
    targets: Annotated[tuple[Muscle, ...], msgspec.Meta(min_length=1)]
    cues: Annotated[tuple[MText, ...], msgspec.Meta(min_length=1)]
    default_dose: MDose
    aliases: tuple[MShort, ...] = ()
    movements: tuple[Movement, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    props: tuple[MPropNeed, ...] = ()
    laterality: Laterality = Laterality.BILATERAL
    level: Level = Level.GENTLE
    features: tuple[Feature, ...] = ()
    easier: MSlug | None = None
    harder: MSlug | None = None
    precautions: tuple[MText, ...] = ()
    dose_note: MText | None = None
    sources: tuple[MSource, ...] = ()
    secondary_targets: tuple[Muscle, ...] = ()
    media: tuple[MMedia, ...] = ()

    def __post_init__(self) -> None:
        # Sets are held as tuples (msgspec would drop a repeat from a frozenset).
        _check_unique(
            self.targets, self.movements, self.benefits, self.features, self.secondary_targets
        )
        if self.default_dose.per_side and self.laterality is Laterality.BILATERAL:
            message = "default_dose.per_side must be false for a bilateral exercise"
            raise ValueError(message)


class MBlock(Options, frozen=True):
    exercise: MExercise
    dose: MDose | None = None
    notes: MText | None = None


class MSection(Options, frozen=True):
    role: SectionRole
    blocks: Annotated[tuple[MBlock, ...], msgspec.Meta(min_length=1)]
    structure: Structure = Structure.STRAIGHT
    rounds: Annotated[int, msgspec.Meta(ge=1, le=10)] = 1
    rest_between_rounds_s: Annotated[int, msgspec.Meta(ge=0, le=300)] = 0


class MRoutine(Options, frozen=True):
    id: MSlug
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=TEXT)]
    sections: Annotated[tuple[MSection, ...], msgspec.Meta(min_length=1)]
    sessions_per_week: Annotated[int, msgspec.Meta(ge=1, le=7)] = 3
    tags: tuple[Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=TEXT)], ...] = ()
    notes: MText | None = None

    def __post_init__(self) -> None:
        _check_unique(self.tags)


class MDocument(Options, frozen=True):
    upperback: Literal[2]
    kind: Literal["routine"]
    data: MRoutine


M_DECODER = msgspec.json.Decoder(MDocument)
M_ENCODER = msgspec.json.Encoder()

_ = enum  # the enums above are upperback's own StrEnum and IntEnum classes
