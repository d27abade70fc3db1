"""Import the public free-exercise-db catalog (yuhonas/free-exercise-db).

That dataset lists 873 exercises of every kind, each with a name, one
primary and often several secondary muscles, equipment, a category, a level,
instructions and two images, but no doses, sides or safety data. :func:`load`
keeps the entries that belong in an upper-back catalog and reports every
other entry with the reason it was left out (:attr:`Skipped.code` groups
them); nothing is dropped silently.

**The line drawn.** An entry of the ``strength`` or ``stretching`` category
is imported when

1. its primary muscle is an upper-back one: ``middle back``, ``lats``,
   ``traps`` or ``neck`` (:data:`UPPER_BACK_MUSCLES`); or
2. it is strengthening for the back of the shoulder or the rotator cuff,
   which the dataset files under ``shoulders``: its name says reverse fly,
   rear delt, rear lateral, back fly, face pull, pull-apart, external or
   internal rotation, Cuban press, or a bent-over lateral raise
   (:data:`REAR_SHOULDER_WORDS`); or
3. it is a stretch of the chest or shoulders (primary ``chest`` or
   ``shoulders``), or a whole-back stretch with an upper-back secondary
   muscle (the cat stretch, child's pose).

Presses, front and side raises, chest and arm work are left out even though
they work the shoulder: they are not upper-back exercises. The other
categories (cardio, plyometrics, Olympic lifts, powerlifting, strongman) are
left out, four of them with a traps or lats primary among them. Of the
dataset's 873 entries the line admits 133; :func:`load` imports those it can
map faithfully (one, whose primary muscle is the hamstrings, cannot be).

How an entry is mapped:

- **Muscles with roles.** The primary muscles become ``targets`` and the
  secondary ones ``secondary_targets`` (a muscle never has both roles).
  ``middle back`` is the rhomboids and middle trapezius; ``traps`` is the
  upper trapezius unless the name says middle or lower; ``shoulders`` is
  split into the deltoid heads (and the rotator cuff) by the name's words,
  then the instructions', then the dataset's force (a pull works the back of
  the shoulder, a push the front; a chest stretch stretches the front), see
  :func:`shoulder_muscles`; ``neck`` is the neck extensors for face-down or
  harness work, the deep neck flexors and sternocleidomastoid for face-up
  work, and the upper trapezius and levator scapulae otherwise. Muscles
  upperback does not name (glutes, hamstrings, ...) are listed in the
  source note.
- **Equipment** maps to props (:data:`EQUIPMENT`): ``bands`` a resistance
  band, ``dumbbell``, ``kettlebells``, ``barbell``, ``cable`` a cable
  station, ``machine``, ``exercise ball`` a Swiss ball, ``foam roll``; and
  ``medicine ball`` and ``e-z curl bar`` as :class:`~upperback.props.OtherProp`.
  The instructions' words add the props they name (:data:`PROP_WORDS`): a
  bench, a pull-up bar, a stick or broomstick, suspension straps or rings,
  a weight plate, a wall, doorway, chair or towel, and, as other props, a
  rack, a partner, a sled, a rope, a head harness or a massage roller. An
  entry whose equipment is ``other`` and whose words name none of them is
  reported.
- **Kind.** ``strength`` is strengthening; a ``stretching`` entry is
  self-massage when its name ends in ``-SMR``, dynamic mobility when its name
  or words say circles, swings or dynamic, and a static stretch otherwise.
- **Laterality** follows the name and the words: "alternating" is
  alternating; one-arm, single-arm, "other side", "each side", "other arm"
  or "opposite arm" is unilateral (its dose is per side); bilateral
  otherwise.
- **Level.** ``beginner`` → 2, ``intermediate`` → 3, ``expert`` → 4
  (:data:`LEVELS`); level 1 is kept for the gentlest built-in exercises,
  which a foreign catalog cannot vouch for.
- **Position** from the words (:data:`POSITION_WORDS`: face down, a push-up
  plank or a chest on an incline bench; on your back, lying on a bench or
  hanging under a bar; on all fours, kneeling, on your side, seated),
  standing otherwise.
- **Safety features**, each one said, to review, or absent. The dataset
  has no safety data, so the importer reads the words (one sentence at a
  time, a phrase the sentence negates, "avoid swinging", not counting),
  the props and the kind. A feature the words say is set
  (:data:`FEATURE_WORDS`, and what follows from props and kind): free
  weights, cables, machines, plates, a sled or a medicine ball are an
  external load, and with a forward bend ("bend over", "hips back",
  "lean over", a torso parallel to the floor, a bent-over name) make
  ``loaded_flexion``; rounding the back, a chin pulled to the chest or
  sitting back on the heels is ``end_range_flexion``, and so is a stretch
  that bends forward; a pull-up bar, a hang or climbing a rope is
  ``hanging`` and overhead; a bar, a load or the hands behind the neck or
  head is ``behind_neck``; a bar or a weight behind the head, a partner's
  stretch, the arms pushed back "as far as possible" or against a wall, a
  dip, or the shoulder rotated "as far as you are able" or in the 90/90
  position is ``shoulder_end_range``; kipping, bouncing, swinging, jerking,
  jumping or "quickly, increasing speed" is ``ballistic``; a Swiss ball,
  straps, rings, a rope or kettlebells under the hands are an unstable
  surface, and standing on a bench or bar or climbing needs balance; neck
  work against a plate, a harness or the hands is ``loaded_neck``.
  A feature the words may mean but do not settle is marked for review
  (the exercise's ``unreviewed``, :data:`REVIEW_WORDS`):
  lying without saying face up or down (both), an incline bench, leaning
  back from straps or a bar (supine), a held chest, shoulder, lat or
  triceps stretch (shoulder end range), a strength exercise that speaks of
  a stretch, a stretch that bends or reaches toward the floor
  (``end_range_flexion``), a standing row with a load whose words do not
  say upright (``loaded_flexion``), a turn that is not of a hand, an arm or
  the head (``end_range_rotation``), neck work to the side or turning, a
  dynamic move not said to be slow (``ballistic``). Screening treats each
  as present and says "not reviewed"; a clinician settles them with
  :meth:`Exercise.reviewed() <upperback.exercise.Exercise.reviewed>`.
  Silence rules a feature out: the instructions describe the start and
  the movement, so a position, bend or hang they do not mention is taken
  to be absent. On the dataset, against hand labels of all 132 imported
  exercises, no safety feature a rule acts on is missed (said or marked,
  recall 1.0); see the interop docs for every feature's precision and
  recall.
- **Cues** are the instructions, in order; **ids** the dataset's ids,
  slugified (``"Band_Pull_Apart"`` → ``"band-pull-apart"``).
- **Media.** Each image becomes a :class:`~upperback.media.Media` at the
  dataset's public raw address (:data:`IMAGE_BASE_URL` plus the entry's
  path), so an app can show it without shipping the files (the library
  never downloads them); its alt text is the exercise's name and the
  picture's number, its author and source the dataset's public address, and
  no licence (:data:`IMAGE_LICENCE`): the dataset's text is under the
  Unlicense, but its maintainer does not know where the pictures come from,
  so their licence is not stated and an app must clear them before showing
  them.
- **Precautions.** The dataset has no safety data, so every imported
  exercise carries :data:`NOT_REVIEWED`, whether or not a feature is
  marked for review.
- **Default dose** by kind (:data:`DEFAULT_DOSES`; the dataset gives none),
  the plain adult defaults; :meth:`~upperback.safety.profile.Profile.starting_dose`
  fits them to a person (older adults, novices) from the same sources:

  - static stretch: 2 × 30 s, the top of ACSM's 10–30 s adult hold, 60 s
    in all [A2];
  - strengthening: 2 × 10 reps, 60 s rest, the conservative end of ACSM's
    2–4 sets of 8–12 [A7];
  - dynamic mobility: 2 × 5 slow reps, the low end of the 5–10 slow
    repetitions often used for dynamic moves: a common convention, not
    from a study;
  - self-massage: one 30 s bout. No source gives a dose for rolling, so it
    is kept no longer than one ACSM stretch hold [A2] (the cautious
    reading).

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   The line above (133 entries, from 14), equipment, secondary muscles,
   kinds, laterality, media and :attr:`Skipped.code`; features the words
   cannot rule out are marked for review (``unreviewed``), and the reading
   of positions, flexion, shoulder range, speed, hanging and falls is
   measured against hand labels.
"""

from __future__ import annotations

import enum
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

import attrs

from upperback._codec.text import excerpt, has_lone_surrogate
from upperback._convert import to_tuple
from upperback._validate import slug as validate_slug
from upperback._validate import slugify
from upperback.anatomy import Muscle
from upperback.catalog import Catalog
from upperback.dose import Dose
from upperback.errors import InvalidDocument, InvalidValue, Problem
from upperback.exercise import Exercise, Source
from upperback.interop import _safety
from upperback.media import Media, MediaKind
from upperback.props import PropKind, PropNeed
from upperback.vocab import ExerciseKind, Laterality, Level

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "CATEGORIES",
    "DATASET_URL",
    "DEFAULT_DOSES",
    "DOSE_NOTES",
    "EQUIPMENT",
    "FEATURE_WORDS",
    "IMAGE_BASE_URL",
    "IMAGE_LICENCE",
    "LEVELS",
    "NOT_REVIEWED",
    "OTHER_MUSCLES",
    "POSITION_WORDS",
    "PROP_WORDS",
    "REAR_SHOULDER_WORDS",
    "REVIEW_WORDS",
    "UPPER_BACK_MUSCLES",
    "ImportResult",
    "SkipCode",
    "Skipped",
    "load",
    "shoulder_muscles",
    "slugify",
]

DATASET_URL: Final = "https://github.com/yuhonas/free-exercise-db"
"""Where the dataset is published (its text under the Unlicense)."""

IMAGE_BASE_URL: Final = "https://raw.githubusercontent.com/yuhonas/free-exercise-db/main/exercises/"
"""The public address an entry's image paths are relative to."""

IMAGE_LICENCE: Final = None
"""The licence given on every imported image, which is none.

The dataset's licence file (the Unlicense) covers its text. Its pictures come
from an earlier collection whose maintainer says they were scraped off the web
and that he does not own their copyright
(https://github.com/wrkout/exercises.json/blob/master/CONTRIBUTING.md), and the
dataset's maintainer does not know their origin
(https://github.com/yuhonas/free-exercise-db/issues/2). So no licence is
claimed for them: a sheet says "licence not stated", and an app clears an
image before it shows one.
"""

UPPER_BACK_MUSCLES: Final[Mapping[str, frozenset[Muscle]]] = {
    "lats": frozenset({Muscle.LATISSIMUS_DORSI}),
    "middle back": frozenset({Muscle.RHOMBOIDS, Muscle.MIDDLE_TRAPEZIUS}),
    "traps": frozenset({Muscle.UPPER_TRAPEZIUS}),
    "neck": frozenset({Muscle.UPPER_TRAPEZIUS, Muscle.LEVATOR_SCAPULAE}),
}
"""The dataset's muscles that make an entry an upper-back exercise (their plain mapping)."""

OTHER_MUSCLES: Final[Mapping[str, frozenset[Muscle]]] = {
    "chest": frozenset({Muscle.PECTORALIS_MAJOR}),
    "shoulders": frozenset({Muscle.POSTERIOR_DELTOID}),
    "triceps": frozenset({Muscle.TRICEPS}),
    "biceps": frozenset({Muscle.BICEPS}),
    "forearms": frozenset({Muscle.FOREARMS}),
    "lower back": frozenset({Muscle.LUMBAR_ERECTOR_SPINAE}),
    "abdominals": frozenset({Muscle.ABDOMINALS}),
}
"""The dataset's other muscles upperback names (see :func:`shoulder_muscles` for ``shoulders``)."""

REAR_SHOULDER_WORDS: Final = re.compile(
    r"rear[- ]delt|rear lateral|reverse fly|reverse flye|back fly|face pull|pull[- ]apart"
    r"|external rotation|internal rotation|cuban press|bent[- ]over.*lateral",
    re.IGNORECASE,
)
"""The names of the rear-shoulder and rotator-cuff strengthening entries (primary ``shoulders``)."""

_STRETCHED_HERE: Final = frozenset({"chest", "shoulders"})

_SHOULDER_HEADS: Final = (  # in the name first, then the words; all that match
    (
        Muscle.POSTERIOR_DELTOID,
        re.compile(r"rear|reverse fl|back fl|face pull|pull[- ]apart|bent[- ]over|posterior"),
    ),
    (Muscle.LATERAL_DELTOID, re.compile(r"lateral|side raise|deltoid raise|upright row")),
    (Muscle.ANTERIOR_DELTOID, re.compile(r"front|anterior|\bpress")),
    (Muscle.ROTATOR_CUFF, re.compile(r"external rotation|internal rotation|cuban|rotator")),
)

EQUIPMENT: Final[Mapping[str | None, PropNeed | None]] = {
    "bands": PropNeed(kind=PropKind.RESISTANCE_BAND),
    "dumbbell": PropNeed(kind=PropKind.DUMBBELL),
    "kettlebells": PropNeed(kind=PropKind.KETTLEBELL),
    "barbell": PropNeed(kind=PropKind.BARBELL),
    "cable": PropNeed(kind=PropKind.CABLE_STATION),
    "machine": PropNeed(kind=PropKind.MACHINE),
    "exercise ball": PropNeed(kind=PropKind.SWISS_BALL),
    "foam roll": PropNeed(kind=PropKind.FOAM_ROLLER),
    "medicine ball": PropNeed(kind=PropKind.OTHER, name="medicine-ball"),
    "e-z curl bar": PropNeed(kind=PropKind.OTHER, name="ez-curl-bar"),
    "other": None,
    "body only": None,
    None: None,
}
"""The prop the dataset's equipment needs (``None``: none, or for ``other`` what the words name)."""

PROP_WORDS: Final = (
    (
        PropNeed(kind=PropKind.PULL_UP_BAR),
        re.compile(
            r"(pull|chin)-?up (bar|apparatus)|chinning bar|hang(ing)? (from|onto|on) (a|the) bar"
        ),
    ),
    (PropNeed(kind=PropKind.BENCH), re.compile(r"\bbench\b")),
    (PropNeed(kind=PropKind.DUMBBELL), re.compile(r"dumbbell")),
    (PropNeed(kind=PropKind.KETTLEBELL), re.compile(r"kettlebell")),
    (PropNeed(kind=PropKind.BARBELL), re.compile(r"barbell")),
    (PropNeed(kind=PropKind.CABLE_STATION), re.compile(r"\bcable|pulley")),
    (PropNeed(kind=PropKind.MACHINE), re.compile(r"machine")),
    (PropNeed(kind=PropKind.STICK), re.compile(r"broom ?stick|\bdowel|\bpvc\b")),
    (
        PropNeed(kind=PropKind.SUSPENSION_TRAINER),
        re.compile(r"suspension|\brings\b|\btrx\b|\bstraps\b"),
    ),
    (PropNeed(kind=PropKind.WEIGHT_PLATE), re.compile(r"\bplate\b")),
    (PropNeed(kind=PropKind.OTHER, name="rack"), re.compile(r"\brack\b")),
    (PropNeed(kind=PropKind.OTHER, name="partner"), re.compile(r"\bpartner")),
    (PropNeed(kind=PropKind.OTHER, name="sled"), re.compile(r"\bsled\b")),
    (PropNeed(kind=PropKind.OTHER, name="rope"), re.compile(r"climbing rope|rope climb")),
    (PropNeed(kind=PropKind.OTHER, name="head-harness"), re.compile(r"harness|neck strap")),
    (
        PropNeed(kind=PropKind.OTHER, name="massage-roller"),
        re.compile(r"rolling pin|muscle roller"),
    ),
    (PropNeed(kind=PropKind.WALL), re.compile(r"\bwall\b")),
    (PropNeed(kind=PropKind.DOORWAY), re.compile(r"doorway")),
    (PropNeed(kind=PropKind.CHAIR), re.compile(r"\bchair\b")),
    (PropNeed(kind=PropKind.TOWEL), re.compile(r"\btowel\b")),
)
"""Props the words of an entry name (checked against its lower-cased name and instructions).

A wall and a doorway named together ("a wall or doorway") need the wall only.
"""

CATEGORIES: Final[Mapping[str, ExerciseKind]] = {
    "stretching": ExerciseKind.STATIC_STRETCH,
    "strength": ExerciseKind.STRENGTHENING,
}
"""The dataset's categories that upperback imports (a stretch may become another kind)."""

LEVELS: Final[Mapping[str, Level]] = {
    "beginner": Level.EASY,
    "intermediate": Level.MODERATE,
    "expert": Level.HARD,
}
"""The dataset's levels, mapped to upperback's."""

DEFAULT_DOSES: Final[Mapping[ExerciseKind, Dose]] = {
    ExerciseKind.STATIC_STRETCH: Dose(sets=2, hold_s=30),
    ExerciseKind.STRENGTHENING: Dose(sets=2, reps=10, rest_s=60),
    ExerciseKind.DYNAMIC_MOBILITY: Dose(sets=2, reps=5),
    ExerciseKind.SELF_MASSAGE: Dose(sets=1, hold_s=30),
}
"""The plain adult dose each imported kind gets (a one-sided exercise's is per side)."""

DOSE_NOTES: Final[Mapping[ExerciseKind, str]] = {
    ExerciseKind.STATIC_STRETCH: (
        "The dataset gives no dose: ACSM's adult stretch, 2 × 30 s (10–30 s holds,"
        " about 60 s in all) [A2]."
    ),
    ExerciseKind.STRENGTHENING: (
        "The dataset gives no dose: the conservative end of ACSM's 2–4 sets of 8–12 reps [A7]."
    ),
    ExerciseKind.DYNAMIC_MOBILITY: (
        "The dataset gives no dose: the low end of the 5–10 slow repetitions often"
        " used for dynamic moves, a common convention, not from a study."
    ),
    ExerciseKind.SELF_MASSAGE: (
        "The dataset gives no dose and no source gives one for rolling: one bout"
        " no longer than one ACSM stretch hold, 30 s [A2] (the cautious reading)."
    ),
}
"""Why each kind's default dose is what it is, with the source keys."""

_DOSE_KEYS: Final[Mapping[ExerciseKind, tuple[str, ...]]] = {
    ExerciseKind.STATIC_STRETCH: ("A2",),
    ExerciseKind.STRENGTHENING: ("A7",),
    ExerciseKind.DYNAMIC_MOBILITY: (),
    ExerciseKind.SELF_MASSAGE: ("A2",),
}

NOT_REVIEWED: Final = (
    "Imported from free-exercise-db, which has no safety data: "
    "not reviewed for conditions, so check with a professional if unsure."
)
"""The precaution every imported exercise carries."""

_SOURCE_NOTE = "Imported entry {id!r} (text under the Unlicense)"
_REQUIRED = ("id", "name", "level", "equipment", "primaryMuscles", "instructions", "category")

POSITION_WORDS: Final = _safety.POSITION_WORDS
"""The starting position an entry's words name (the first that matches), standing otherwise.

A face-down position includes a push-up plank and a chest on an incline
bench; a face-up one a bench to lie on (a gym's "lie on a flat bench" is on
the back) and hanging under a bar in an inverted row.
"""

FEATURE_WORDS: Final = _safety.FEATURE_WORDS
"""The features an entry's words say, each with the phrases that say it.

Checked one sentence at a time against the lower-cased name and
instructions; a phrase its sentence negates ("avoid swinging") does not
count. More features follow from the props and the kind (see the module's
notes): a load and a forward bend make ``loaded_flexion``; a bar or a load
behind the head, a partner's stretch, the arms pushed back or against a
wall, a dip or end-range shoulder rotation make ``shoulder_end_range``.
"""

REVIEW_WORDS: Final = _safety.REVIEW_WORDS
"""Phrases that may mean a feature the words do not settle, which is marked for review.

More doubts follow from the position, the kind and the muscles (see the
module's notes).
"""

_PULL_UP: Final = re.compile(r"pull-?ups?\b|chin-?ups?\b|\bchins\b|muscle[- ]ups?\b")
_SMR: Final = re.compile(r"-smr\b")
_DYNAMIC: Final = re.compile(r"circles|swing|dynamic")
_ALTERNATING: Final = re.compile(r"\balternat(e|ing)\b")
_ONE_SIDED: Final = re.compile(
    r"one[- ]arm|single[- ]arm|one[- ]handed|other side|(on|for|to) each side|other arm"
    r"|opposite arm"
    r"|switch sides|each arm"
)
_IMAGE_PATH: Final = re.compile(r"[A-Za-z0-9_()'.,-]+(/[A-Za-z0-9_()'.,-]+)*")


class SkipCode(enum.StrEnum):
    """Why an entry was not imported, in one word (:attr:`Skipped.code`).

    .. versionadded:: 0.2.0
    """

    MALFORMED = "malformed"
    """A field is missing or of the wrong type."""
    CATEGORY = "category"
    """Cardio, plyometrics, an Olympic lift, powerlifting or strongman."""
    NOT_UPPER_BACK = "not_upper_back"
    """Outside the line drawn, with no upper-back primary muscle, not rear-shoulder
    or rotator-cuff strengthening, and not a chest, shoulder or back stretch."""
    NO_MUSCLE = "no_muscle"
    """Its primary muscle is one upperback does not name."""
    NO_EQUIPMENT = "no_equipment"
    """Its equipment is ``other`` and its words name nothing upperback knows."""
    NO_CUES = "no_cues"
    """It has no instructions to use as cues."""
    INVALID = "invalid"
    """Its fields do not make a valid exercise (a name too long, ...)."""
    REPEATED = "repeated"
    """Its id repeats an earlier entry's."""


_CODE_OF_PREFIX: Final = (
    ("malformed:", SkipCode.MALFORMED),
    ("category ", SkipCode.CATEGORY),
    ("not an upper-back exercise", SkipCode.NOT_UPPER_BACK),
    ("its primary muscle", SkipCode.NO_MUSCLE),
    ("its equipment", SkipCode.NO_EQUIPMENT),
    ("has no instructions", SkipCode.NO_CUES),
    ("does not make a valid exercise", SkipCode.INVALID),
    ("its id ", SkipCode.REPEATED),
)


@attrs.frozen(kw_only=True)
class Skipped:
    """An entry that was not imported, and why.

    Attributes:
        index: Its position in the dataset's list.
        id: Its id in the dataset, when it has a readable one.
        reason: Why it was left out, e.g. ``"no upper-back target: primary
            muscles are quadriceps"``.

    .. versionadded:: 0.1.0
    """

    index: int
    id: str | None
    reason: str

    def __str__(self) -> str:
        return f"[{self.index}] {self.id or '?'}: {self.reason}"

    @property
    def code(self) -> SkipCode:
        """Why it was left out, in one word, read from the start of :attr:`reason`.

        .. versionadded:: 0.2.0
        """
        return next(
            (code for prefix, code in _CODE_OF_PREFIX if self.reason.startswith(prefix)),
            SkipCode.INVALID,  # a reason this module did not write
        )


@attrs.frozen(kw_only=True)
class ImportResult:
    """What :func:`load` made of a dataset: a catalog and the entries left out.

    It unpacks like a pair: ``catalog, skipped = load(path)``.

    Attributes:
        catalog: The imported exercises.
        skipped: Every entry not imported, in dataset order, with its reason.

    .. versionadded:: 0.1.0
    """

    catalog: Catalog
    skipped: tuple[Skipped, ...] = attrs.field(default=(), converter=to_tuple)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.catalog, self.skipped))


def load(source: str | os.PathLike[str] | list[Any], *, id_prefix: str = "") -> ImportResult:
    """Import free-exercise-db entries as upperback exercises.

    Args:
        source: The path of the dataset's ``exercises.json``, or its
            already-parsed list of entries.
        id_prefix: Put before every id (``"fedb-"`` gives
            ``"fedb-band-pull-apart"``), so that the import merges with a
            catalog that has an exercise of the same id, as the built-in one
            has ``band-pull-apart`` and ``childs-pose``.

    Returns:
        The catalog of imported exercises and every skipped entry with
        its reason. Each entry is either imported or reported.

    Raises:
        InvalidDocument: The file is not UTF-8 JSON within the default
            :class:`~upperback.serialization.Limits` (it repeats a key, nests too deeply, ...),
            or is not a list of entries.
        OSError: The file cannot be read.

    >>> entry = {
    ...     "id": "Band_Pull_Apart", "name": "Band Pull Apart", "force": "pull",
    ...     "level": "beginner", "mechanic": "isolation", "equipment": "bands",
    ...     "primaryMuscles": ["shoulders"], "secondaryMuscles": ["middle back", "traps"],
    ...     "instructions": ["Hold the band in front of you.", "Pull it apart."],
    ...     "category": "strength", "images": ["Band_Pull_Apart/0.jpg"],
    ... }
    >>> catalog, skipped = load([entry, {**entry, "id": "Squat", "primaryMuscles": ["quadriceps"]}])
    >>> exercise = catalog["band-pull-apart"]
    >>> sorted(m.value for m in exercise.targets)
    ['posterior_deltoid']
    >>> sorted(m.value for m in exercise.secondary_targets)
    ['middle_trapezius', 'rhomboids', 'upper_trapezius']
    >>> exercise.media[0].url, exercise.media[0].licence
    ('https://raw.githubusercontent.com/yuhonas/free-exercise-db/main/exercises/Band_Pull_Apart/0.jpg', None)
    >>> [(s.id, s.code.value) for s in skipped]
    [('Squat', 'not_upper_back')]
    """  # noqa: E501
    if type(id_prefix) is not str or (id_prefix and _fails_as_slug(id_prefix + "x")):
        raise InvalidValue("id_prefix", id_prefix, "must be the start of an id, such as 'fedb-'")
    entries = _read(source) if isinstance(source, str | os.PathLike) else source
    if not isinstance(entries, list):
        raise InvalidDocument(
            [Problem(path="$", message="must be a list of exercise entries")],
            what="free-exercise-db file",
        )
    exercises: list[Exercise] = []
    skipped: list[Skipped] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        raw_id = entry.get("id") if isinstance(entry, dict) else None
        shown_id = raw_id if isinstance(raw_id, str) else None
        try:
            exercise = _exercise(entry, id_prefix)
        except _Skip as skip:
            skipped.append(Skipped(index=index, id=shown_id, reason=skip.reason))
            continue
        except InvalidValue as exc:
            reason = f"does not make a valid exercise: {exc}"
            skipped.append(Skipped(index=index, id=shown_id, reason=reason))
            continue
        if exercise.id in seen:
            reason = f"its id {exercise.id!r} repeats entry {seen[exercise.id]}"
            skipped.append(Skipped(index=index, id=shown_id, reason=reason))
            continue
        seen[exercise.id] = index
        exercises.append(exercise)
    return ImportResult(catalog=Catalog(exercises=exercises), skipped=skipped)


def _fails_as_slug(text: str) -> bool:
    try:
        validate_slug("id", text)
    except InvalidValue:
        return True
    return False


def _read(path: str | os.PathLike[str]) -> Any:
    # Through the same edge as every document: size, nesting, repeated keys,
    # UTF-8 and lone surrogates are checked before anything is imported.
    from upperback._codec.text import parse  # noqa: PLC0415 - only when a file is read

    return parse(Path(path).read_bytes(), what="free-exercise-db file", strings=True)


class _Skip(Exception):  # noqa: N818 - internal control flow, never escapes
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _field(entry: dict[str, Any], key: str, kind: type, allow_none: bool = False) -> Any:
    value = entry[key]
    if value is None and allow_none:
        return None
    if not isinstance(value, kind):
        raise _Skip(f"malformed: {key!r} must be a {kind.__name__} (got {excerpt(value)})")
    if isinstance(value, str) and has_lone_surrogate(value):
        raise _Skip(f"malformed: {key!r} holds a lone surrogate (got {excerpt(value)})")
    return value


def _strings(entry: dict[str, Any], key: str) -> list[str]:
    values: list[str] = _field(entry, key, list)
    if not all(isinstance(value, str) for value in values):
        raise _Skip(f"malformed: {key!r} must be a list of text (got {excerpt(values)})")
    if any(has_lone_surrogate(value) for value in values):
        raise _Skip(f"malformed: {key!r} holds a lone surrogate")
    return values


def _exercise(entry: Any, id_prefix: str) -> Exercise:
    if not isinstance(entry, dict):
        raise _Skip(f"malformed: must be an object (got {type(entry).__name__})")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise _Skip(f"malformed: missing {', '.join(repr(key) for key in missing)}")
    entry_id = _field(entry, "id", str)
    name = _field(entry, "name", str).strip()
    category = _field(entry, "category", str)
    level = _field(entry, "level", str)
    equipment = _field(entry, "equipment", str, allow_none=True)
    force = _field(entry, "force", str, allow_none=True) if "force" in entry else None
    primary = _strings(entry, "primaryMuscles")
    secondary = _strings(entry, "secondaryMuscles") if "secondaryMuscles" in entry else []
    cues = [line.strip() for line in _strings(entry, "instructions") if line.strip()]
    images = _strings(entry, "images") if "images" in entry else []

    _check_line(category, level, equipment, name, primary, secondary, cues)
    lowered_name = name.lower()
    words = ". ".join([lowered_name, *(cue.lower() for cue in cues)])
    chest_stretch = category == "stretching" and "chest" in primary
    targets, unnamed = _muscles(primary, lowered_name, words, force, chest_stretch)
    if not targets:
        raise _Skip(
            f"its primary muscle {', '.join(primary)} is not one upperback names"
            " (its upper-back muscles are only secondary)"
        )
    secondary_targets, unnamed_secondary = _muscles(
        secondary, lowered_name, words, force, chest_stretch
    )
    props = _props(EQUIPMENT[equipment], words)
    if equipment == "other" and not props:
        raise _Skip("its equipment is 'other' and its instructions name no prop upperback knows")
    kind = _kind(category, lowered_name, words)
    laterality = _laterality(words)
    position = _safety.position(words)
    features, unreviewed = _safety.read_safety(
        name=lowered_name,
        words=words,
        kind=kind,
        start=position,
        props=[(need.kind, need.name) for need in props],
        targets=targets,
        neck="neck" in primary,
    )
    default = DEFAULT_DOSES[kind]
    if laterality is not Laterality.BILATERAL:
        default = attrs.evolve(default, per_side=True)
    note = _SOURCE_NOTE.format(id=entry_id)
    if unnamed or unnamed_secondary:
        note += f"; muscles upperback does not name: {', '.join(unnamed + unnamed_secondary)}"
    return Exercise(
        id=id_prefix + slugify(entry_id),
        name=name,
        kind=kind,
        position=position,
        targets=targets,
        secondary_targets=secondary_targets - targets,
        cues=cues,
        default_dose=default,
        props=props,
        laterality=laterality,
        level=LEVELS[level],
        features=features,
        unreviewed=unreviewed,
        precautions=(NOT_REVIEWED,),
        dose_note=DOSE_NOTES[kind],
        sources=(
            Source(key="free-exercise-db", url=DATASET_URL, note=note),
            *(_reference(key) for key in _DOSE_KEYS[kind]),
        ),
        media=_media(name, images),
    )


def _check_line(  # noqa: PLR0917 - one call site, the entry's fields in order
    category: str,
    level: str,
    equipment: str | None,
    name: str,
    primary: list[str],
    secondary: list[str],
    cues: list[str],
) -> None:
    if category not in CATEGORIES:
        raise _Skip(f"category {category!r} is not imported (only stretching and strength)")
    if level not in LEVELS:
        raise _Skip(f"malformed: unknown level {level!r}")
    if equipment not in EQUIPMENT:
        raise _Skip(f"malformed: unknown equipment {equipment!r}")
    if not _belongs(name, category, primary, secondary):
        shown = ", ".join(primary) or "none"
        raise _Skip(
            f"not an upper-back exercise: {category} with primary muscles {shown}, not"
            " rear-shoulder or rotator-cuff strengthening, nor a chest, shoulder or back stretch"
        )
    if not cues:
        raise _Skip("has no instructions to use as cues")


def _belongs(name: str, category: str, primary: list[str], secondary: list[str]) -> bool:
    if any(muscle in UPPER_BACK_MUSCLES for muscle in primary):
        return True
    if category == "strength":
        return "shoulders" in primary and REAR_SHOULDER_WORDS.search(name) is not None
    return bool(_STRETCHED_HERE.intersection(primary)) or any(
        muscle in UPPER_BACK_MUSCLES for muscle in secondary
    )


def shoulder_muscles(name: str, words: str = "", force: str | None = None) -> frozenset[Muscle]:
    """The deltoid heads (and the rotator cuff) the dataset's ``shoulders`` means in an entry.

    The name's words decide first, then the instructions' (``words``), then
    the dataset's ``force``: a pull works the back of the shoulder, a push
    its front. A stretch with no such word (``force`` ``"static"``) is taken
    to stretch the back of the shoulder, except a chest stretch, which
    stretches the front (pass ``force="chest stretch"``).

    >>> sorted(m.value for m in shoulder_muscles("Reverse Flyes With External Rotation"))
    ['posterior_deltoid', 'rotator_cuff']
    >>> sorted(m.value for m in shoulder_muscles("Seated Front Deltoid"))
    ['anterior_deltoid']
    >>> sorted(m.value for m in shoulder_muscles("Shoulder Press - With Bands", force="push"))
    ['anterior_deltoid']
    >>> sorted(m.value for m in shoulder_muscles("Band Drill", force="pull"))
    ['posterior_deltoid']

    .. versionadded:: 0.2.0
    """
    for text in (name.lower(), words.lower()):
        heads = {head for head, pattern in _SHOULDER_HEADS if pattern.search(text)}
        if Muscle.POSTERIOR_DELTOID in heads:  # a rear or bent-over lateral raise
            heads.discard(Muscle.LATERAL_DELTOID)
        if heads:
            return frozenset(heads)
    if force in ("push", "chest stretch"):
        return frozenset({Muscle.ANTERIOR_DELTOID})
    return frozenset({Muscle.POSTERIOR_DELTOID})


def _traps(name: str) -> frozenset[Muscle]:
    if re.search(r"middle (back|trap)", name):
        return frozenset({Muscle.MIDDLE_TRAPEZIUS})
    if re.search(r"lower trap", name):
        return frozenset({Muscle.LOWER_TRAPEZIUS})
    return frozenset({Muscle.UPPER_TRAPEZIUS})


def _neck(name: str, words: str) -> frozenset[Muscle]:
    if re.search(r"face ?up|forehead", words):
        return frozenset({Muscle.DEEP_NECK_FLEXORS, Muscle.STERNOCLEIDOMASTOID})
    if re.search(r"face ?down|harness|back of (your|the) head|front and back|chin to", words):
        muscles = {Muscle.CERVICAL_EXTENSORS}
        if "front and back" in name:
            muscles |= {Muscle.DEEP_NECK_FLEXORS, Muscle.STERNOCLEIDOMASTOID}
        return frozenset(muscles)
    return UPPER_BACK_MUSCLES["neck"]


def _muscles(
    names: Iterable[str], name: str, words: str, force: str | None, chest_stretch: bool
) -> tuple[frozenset[Muscle], list[str]]:
    found: set[Muscle] = set()
    unnamed: list[str] = []
    for muscle in names:
        if muscle == "shoulders":
            found |= shoulder_muscles(name, words, "chest stretch" if chest_stretch else force)
        elif muscle == "traps":
            found |= _traps(name)
        elif muscle == "neck":
            found |= _neck(name, words)
        elif muscle in UPPER_BACK_MUSCLES:
            found |= UPPER_BACK_MUSCLES[muscle]
        elif muscle in OTHER_MUSCLES:
            found |= OTHER_MUSCLES[muscle]
        else:
            unnamed.append(muscle)
    return frozenset(found), unnamed


def _kind(category: str, name: str, words: str) -> ExerciseKind:
    kind = CATEGORIES[category]
    if kind is ExerciseKind.STATIC_STRETCH:
        if _SMR.search(name):
            return ExerciseKind.SELF_MASSAGE
        if _DYNAMIC.search(words):
            return ExerciseKind.DYNAMIC_MOBILITY
    return kind


def _laterality(words: str) -> Laterality:
    if _ALTERNATING.search(words):
        return Laterality.ALTERNATING
    if _ONE_SIDED.search(words):
        return Laterality.UNILATERAL
    return Laterality.BILATERAL


def _props(equipment: PropNeed | None, words: str) -> tuple[PropNeed, ...]:
    needs = [] if equipment is None else [equipment]
    for need, pattern in PROP_WORDS:
        if need in needs or not pattern.search(words):
            continue
        if need.kind is PropKind.DOORWAY and PropNeed(kind=PropKind.WALL) in needs:
            continue
        needs.append(need)
    if (
        equipment is None
        and PropNeed(kind=PropKind.PULL_UP_BAR) not in needs
        and _PULL_UP.search(words)
        and re.search(r"\bbar\b", words)
    ):
        needs.append(PropNeed(kind=PropKind.PULL_UP_BAR))
    return tuple(needs)


def _media(name: str, images: list[str]) -> tuple[Media, ...]:
    found = []
    for number, path in enumerate(images, start=1):
        if _IMAGE_PATH.fullmatch(path) is None or ".." in path.split("/"):
            raise _Skip(f"malformed: image path {excerpt(path)} is not a relative path")
        found.append(
            Media(
                url=IMAGE_BASE_URL + quote(path),
                kind=MediaKind.IMAGE,
                alt=f"{name}, picture {number} of {len(images)}",
                author=f"free-exercise-db ({DATASET_URL})",
                licence=IMAGE_LICENCE,
                source_url=DATASET_URL,
            )
        )
    return tuple(found)


def _reference(key: str) -> Source:
    from upperback.sources import reference  # noqa: PLC0415 - loads the table on first use

    return Source(key=key, url=reference(key).urls[0])
