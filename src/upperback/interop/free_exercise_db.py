"""Import the public free-exercise-db catalog (yuhonas/free-exercise-db).

That dataset lists about 870 exercises of every kind, each with a name,
primary and secondary muscles, equipment, a category, a level and
instructions, but no doses, sides or safety data. :func:`load` keeps the
entries that fit an upper-back library and reports every other entry with
the reason it was left out; nothing is dropped silently.

How an entry is mapped:

- **Muscles.** An entry is kept only if one of its *primary* muscles is an
  upper-back muscle: ``lats`` (latissimus dorsi), ``middle back``
  (rhomboids and middle trapezius), ``traps`` (upper trapezius) or
  ``neck`` (upper trapezius and levator scapulae). Other muscles are added
  as targets when they fit: ``chest`` (pectoralis major), ``shoulders``
  (posterior deltoid: in the pulling and stretching entries that pass the
  test above, "shoulders" is mostly the back of the shoulder), ``triceps``.
- **Equipment.** ``exercise ball`` → Swiss ball, ``bands`` → resistance
  band, ``foam roll`` → foam roller, ``body only`` or none → no prop.
  Free weights, cables, machines and ``other`` have no upperback prop, so
  those entries are reported.
- **Category.** ``stretching`` → static stretch, ``strength`` →
  strengthening; the others (cardio, plyometrics, olympic weightlifting,
  powerlifting, strongman) are reported.
- **Level.** ``beginner`` → ``Level.EASY`` (2),
  ``intermediate`` → ``Level.MODERATE`` (3),
  ``expert`` → ``Level.HARD`` (4). Level 1 is kept for
  the gentlest built-in exercises, which a foreign catalog cannot vouch for.
- **Apparatus.** An entry whose instructions need something upperback has
  no prop for (a pull-up bar, a rack, a bench, a cable, free weights) is
  reported, even when its equipment says ``body only``.
- **Position** is read from the name's and instructions' words (lying face
  down, on your back, kneeling, on all fours, on your side, seated),
  standing otherwise. **Features** follow from the position, the equipment
  (a ball is an unstable surface and needs balance) and, conservatively,
  from words: "overhead", "twist" (end-range rotation), "lean forward" or
  "round your back" (end-range flexion), "tilt your head" (neck side-bend),
  "turn your head", "push-up", a pull into a stretch or "as far as you
  can" (end-range stretch). Every entry is **bilateral**. The dataset has
  no safety data, so each imported exercise also carries a precaution
  saying it was not reviewed.
- **Props** are the equipment's, plus a wall (or else a doorway), a chair
  or a towel when the instructions name one.
- **Ids** are the dataset's ids, lower-cased and slugified
  (``"Band_Pull_Apart"`` → ``"band-pull-apart"``); **cues** are the
  instructions, in order.
- **Default dose** (the dataset has none): the ACSM defaults [A2][A7] —
  a static stretch 2 × 30 s hold (60 s in all); strengthening
  2 × 10 reps with 60 s rest, the conservative end of 2–4 sets of 8–12
  (10–15 for older or novice exercisers).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback._codec.text import excerpt, has_lone_surrogate
from upperback._convert import to_tuple
from upperback._validate import slugify
from upperback.anatomy import Muscle
from upperback.catalog import Catalog
from upperback.dose import Dose
from upperback.errors import InvalidDocument, InvalidValue, Problem
from upperback.exercise import Exercise, Source
from upperback.props import PropKind, PropNeed
from upperback.vocab import ExerciseKind, Feature, Level, Position

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["DATASET_URL", "ImportResult", "Skipped", "load", "slugify"]

DATASET_URL: Final = "https://github.com/yuhonas/free-exercise-db"
"""Where the dataset is published (public domain)."""

UPPER_BACK_MUSCLES: Final[Mapping[str, frozenset[Muscle]]] = {
    "lats": frozenset({Muscle.LATISSIMUS_DORSI}),
    "middle back": frozenset({Muscle.RHOMBOIDS, Muscle.MIDDLE_TRAPEZIUS}),
    "traps": frozenset({Muscle.UPPER_TRAPEZIUS}),
    "neck": frozenset({Muscle.UPPER_TRAPEZIUS, Muscle.LEVATOR_SCAPULAE}),
}
"""The dataset's muscles that make an entry an upper-back exercise."""

OTHER_MUSCLES: Final[Mapping[str, frozenset[Muscle]]] = {
    "chest": frozenset({Muscle.PECTORALIS_MAJOR}),
    "shoulders": frozenset({Muscle.POSTERIOR_DELTOID}),
    "triceps": frozenset({Muscle.TRICEPS}),
}
"""The dataset's muscles added as targets of an entry kept for another reason."""

EQUIPMENT: Final[Mapping[str | None, PropKind | None]] = {
    "exercise ball": PropKind.SWISS_BALL,
    "bands": PropKind.RESISTANCE_BAND,
    "foam roll": PropKind.FOAM_ROLLER,
    "body only": None,
    None: None,
}
"""The dataset's equipment that upperback has a prop for (``None``: no prop)."""

CATEGORIES: Final[Mapping[str, ExerciseKind]] = {
    "stretching": ExerciseKind.STATIC_STRETCH,
    "strength": ExerciseKind.STRENGTHENING,
}
"""The dataset's categories that upperback imports."""

LEVELS: Final[Mapping[str, Level]] = {
    "beginner": Level.EASY,
    "intermediate": Level.MODERATE,
    "expert": Level.HARD,
}
"""The dataset's levels, mapped to upperback's."""

DEFAULT_DOSES: Final[Mapping[ExerciseKind, Dose]] = {
    ExerciseKind.STATIC_STRETCH: Dose(sets=2, hold_s=30),
    ExerciseKind.STRENGTHENING: Dose(sets=2, reps=10, rest_s=60),
}
"""The dose each imported kind gets: ACSM defaults [A2][A7], conservative end."""

NOT_REVIEWED: Final = (
    "Imported from free-exercise-db, which has no safety data: "
    "not reviewed for conditions, so check with a professional if unsure."
)

_SOURCE_NOTE = "Imported entry {id!r} (public domain); dose from ACSM defaults"
_REQUIRED = ("id", "name", "level", "equipment", "primaryMuscles", "instructions", "category")

# All checked against the lower-cased name and instructions. The dataset has
# no safety data, so its words are read conservatively: a phrase that may
# mean a flagged movement sets the feature.
_POSITION_WORDS: Final = (  # first match wins
    (Position.PRONE, re.compile(r"face down|prone|on your (stomach|belly)")),
    (
        Position.SUPINE,
        re.compile(r"on your back|supine|back on the floor|(lie|lay|lying) (down )?on the floor"),
    ),
    (Position.QUADRUPED, re.compile(r"all fours|hands and knees")),
    (Position.KNEELING, re.compile(r"\bkneel")),
    (Position.SIDE_LYING, re.compile(r"on your (left |right )?side|side[- ]lying")),
    (Position.SEATED, re.compile(r"\bseated\b|\bsit\b|\bsitting\b")),
)
_POSITION_FEATURES: Final[Mapping[Position, frozenset[Feature]]] = {
    Position.PRONE: frozenset({Feature.PRONE}),
    Position.SUPINE: frozenset({Feature.SUPINE}),
    Position.QUADRUPED: frozenset({Feature.KNEELING, Feature.HANDS_WEIGHT_BEARING}),
    Position.KNEELING: frozenset({Feature.KNEELING}),
}
_FEATURE_WORDS: Final = (
    (Feature.OVERHEAD, re.compile(r"overhead|over your head|above your head")),
    (Feature.END_RANGE_ROTATION, re.compile(r"\btwist")),
    (
        Feature.END_RANGE_FLEXION,
        re.compile(r"(lean|bend) forward|round your (back|shoulders)|to your chest"),
    ),
    (
        Feature.NECK_SIDE_BEND,
        re.compile(r"tilt your head|head towards? your shoulder|ear towards? your shoulder"),
    ),
    (Feature.NECK_ROTATION, re.compile(r"(turn|rotate) your head")),
    (Feature.HANDS_WEIGHT_BEARING, re.compile(r"push-?ups?\b|plank|all fours|hands and knees")),
    (
        Feature.END_RANGE_STRETCH,
        re.compile(r"\bpull\b.*\bstretch|\bstretch\b.*\bpull\b|as far as you can"),
    ),
)
# Everyday props named in the instructions; the first that matches of a
# group of alternatives ("a wall or doorway") is the one needed.
_PROP_WORDS: Final = (
    ((PropKind.WALL, re.compile(r"\bwall\b")), (PropKind.DOORWAY, re.compile(r"doorway"))),
    ((PropKind.CHAIR, re.compile(r"\bchair\b")),),
    ((PropKind.TOWEL, re.compile(r"\btowel\b")),),
)
# Apparatus upperback has no prop for, named in instructions even when the
# dataset's equipment is "body only" (pull-ups need a bar).
_APPARATUS: Final = re.compile(
    r"pull-up bar|chin-up bar|\bv-bar\b|\bbar\b|\brack\b|smith machine|\bbench\b"
    r"|\bcable\b|dumbbell|barbell|kettlebell|\bmachine\b"
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


def load(source: str | os.PathLike[str] | list[Any]) -> ImportResult:
    """Import free-exercise-db entries as upperback exercises.

    Args:
        source: The path of the dataset's ``exercises.json``, or its
            already-parsed list of entries.

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
    ...     "primaryMuscles": ["shoulders"], "secondaryMuscles": ["middle back"],
    ...     "instructions": ["Hold the band in front of you.", "Pull it apart."],
    ...     "category": "strength", "images": [],
    ... }
    >>> catalog, skipped = load([entry])
    >>> skipped
    (Skipped(index=0, id='Band_Pull_Apart', reason='no upper-back target: primary muscles are shoulders'),)
    """  # noqa: E501
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
            exercise = _exercise(entry)
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


def _exercise(entry: Any) -> Exercise:
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
    primary = _strings(entry, "primaryMuscles")
    secondary = _strings(entry, "secondaryMuscles") if "secondaryMuscles" in entry else []
    cues = [line.strip() for line in _strings(entry, "instructions") if line.strip()]

    if category not in CATEGORIES:
        raise _Skip(f"category {category!r} is not imported (only stretching and strength)")
    if level not in LEVELS:
        raise _Skip(f"malformed: unknown level {level!r}")
    if equipment not in EQUIPMENT:
        raise _Skip(f"equipment {equipment!r} has no upperback prop")
    if not any(muscle in UPPER_BACK_MUSCLES for muscle in primary):
        shown = ", ".join(primary) or "none"
        raise _Skip(f"no upper-back target: primary muscles are {shown}")
    if not cues:
        raise _Skip("has no instructions to use as cues")
    words = " ".join([name, *cues]).lower()
    apparatus = _APPARATUS.search(words)
    if apparatus is not None:
        raise _Skip(
            f"its instructions need a {apparatus.group()!r}, which upperback has no prop for"
        )

    mapping = {**OTHER_MUSCLES, **UPPER_BACK_MUSCLES}
    targets = frozenset().union(
        *(mapping.get(muscle, frozenset()) for muscle in primary + secondary)
    )
    kind = CATEGORIES[category]
    prop = EQUIPMENT[equipment]
    position = _position(words)
    features = set(_POSITION_FEATURES.get(position, frozenset()))
    features |= {feature for feature, pattern in _FEATURE_WORDS if pattern.search(words)}
    if prop is PropKind.SWISS_BALL:
        features |= {Feature.UNSTABLE_SURFACE, Feature.NEEDS_BALANCE}
    return Exercise(
        id=slugify(entry_id),
        name=name,
        kind=kind,
        position=position,
        targets=targets,
        cues=cues,
        default_dose=DEFAULT_DOSES[kind],
        props=_props(prop, words),
        level=LEVELS[level],
        features=features,
        precautions=(NOT_REVIEWED,),
        dose_note="The dataset gives no dose; ACSM defaults are used [A2][A7].",
        sources=(
            Source(key="free-exercise-db", url=DATASET_URL, note=_SOURCE_NOTE.format(id=entry_id)),
        ),
    )


def _props(equipment: PropKind | None, words: str) -> tuple[PropNeed, ...]:
    kinds = [] if equipment is None else [equipment]
    for group in _PROP_WORDS:
        kinds += next(([kind] for kind, pattern in group if pattern.search(words)), [])
    return tuple(PropNeed(kind=kind) for kind in kinds)


def _position(words: str) -> Position:
    for position, pattern in _POSITION_WORDS:
        if pattern.search(words):
            return position
    return Position.STANDING
