"""A hand-labelled sample of free-exercise-db, for the imported-catalog invariants.

The entries are read from the copy of the free-exercise-db dataset the
tests ship (``tests/data/free-exercise-db``, with its licence); the
sentences below are copied verbatim from it. The dataset
(https://github.com/yuhonas/free-exercise-db) is in the public domain under
the Unlicense (https://unlicense.org).

Each entry and sentence carries the safety features its words describe, as a
reader of the fact sheet labels them (DOMAIN §8: flexion, supine and prone
positions, ballistic speed, partner-forced end range, hanging and fall risk),
written before looking at what the importer detects. They are the truth the
importer and screening are checked against.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from upperback import Feature

__all__ = ["ENTRIES", "LABELLED", "SENTENCES", "entry"]

_LABELS: Final[dict[str, frozenset[Feature]]] = {
    # A forward bend to end range: sit back on the heels, forehead to the floor.
    "Childs_Pose": frozenset({Feature.END_RANGE_FLEXION, Feature.KNEELING}),
    # "round your spine ... letting your head drop": end-range flexion.
    "Cat_Stretch": frozenset({Feature.END_RANGE_FLEXION, Feature.KNEELING}),
    # Bending at the waist with a bar or dumbbells: loaded flexion.
    "Bent_Over_Barbell_Row": frozenset({Feature.LOADED_FLEXION, Feature.EXTERNAL_LOAD}),
    "Bent_Over_Two-Dumbbell_Row": frozenset({Feature.LOADED_FLEXION, Feature.EXTERNAL_LOAD}),
    "Reverse_Grip_Bent-Over_Rows": frozenset({Feature.LOADED_FLEXION, Feature.EXTERNAL_LOAD}),
    "Smith_Machine_Bent_Over_Row": frozenset({Feature.LOADED_FLEXION, Feature.EXTERNAL_LOAD}),
    # Climbing a rope: hanging, and a fall from height.
    "Rope_Climb": frozenset({Feature.HANGING, Feature.NEEDS_BALANCE, Feature.OVERHEAD}),
    # "Lie on a flat bench": supine, with a bar lowered behind the head.
    "Bent-Arm_Barbell_Pullover": frozenset(
        {Feature.SUPINE, Feature.EXTERNAL_LOAD, Feature.OVERHEAD}
    ),
    # "quickly ... increasing speed": ballistic.
    "Dynamic_Chest_Stretch": frozenset({Feature.BALLISTIC}),
    # An arm against a wall or doorway, leaning in: the doorway stretch.
    "One_Arm_Against_Wall": frozenset({Feature.SHOULDER_END_RANGE}),
    # A partner increases the stretch: end range, forced.
    "Seated_Front_Deltoid": frozenset({Feature.SHOULDER_END_RANGE, Feature.END_RANGE_STRETCH}),
    "Behind_Head_Chest_Stretch": frozenset(
        {Feature.SHOULDER_END_RANGE, Feature.END_RANGE_STRETCH, Feature.BEHIND_NECK}
    ),
    # Kneeling with the elbow on a ball.
    "Chest_Stretch_on_Stability_Ball": frozenset({Feature.UNSTABLE_SURFACE, Feature.KNEELING}),
    "Side_Neck_Stretch": frozenset({Feature.NECK_SIDE_BEND}),
}

_LABELLED_IDS: Final = frozenset(_LABELS)

_DATASET: Final = Path(__file__).parents[1] / "data" / "free-exercise-db" / "exercises.json"

ENTRIES: Final[dict[str, dict[str, Any]]] = {
    entry["id"]: entry
    for entry in json.loads(_DATASET.read_text(encoding="utf-8"))
    if entry["id"] in _LABELLED_IDS
}
"""Real entries, by their dataset id (the issue's reproductions among them)."""


LABELLED: Final[tuple[tuple[dict[str, Any], frozenset[Feature]], ...]] = tuple(
    (ENTRIES[key], features) for key, features in _LABELS.items()
)
"""Each real entry with the features its words describe."""

SENTENCES: Final[tuple[tuple[str, frozenset[Feature]], ...]] = (
    ("Lie on your back, with one leg extended straight out.", frozenset({Feature.SUPINE})),
    (
        "Lie on a flat bench with a barbell using a shoulder grip width.",
        frozenset({Feature.SUPINE}),
    ),
    (
        (
            "Lie face down on a hyperextension bench, tucking your ankles securely under"
            " the footpads."
        ),
        frozenset({Feature.PRONE}),
    ),
    (
        (
            "Pull your belly in and round your spine, lower back, shoulders, and neck,"
            " letting your head drop."
        ),
        frozenset({Feature.END_RANGE_FLEXION}),
    ),
    (
        (
            "Bend forward until your torso is as close to parallel with the floor as you can"
            " and keep your knees slightly bent."
        ),
        frozenset({Feature.LOADED_FLEXION}),
    ),
    (
        (
            "Keeping your arms straight, quickly move your arms back as far as possible and"
            " back in again, similar to an exaggerated clapping motion. Repeat 5-10 times,"
            " increasing speed as you do so."
        ),
        frozenset({Feature.BALLISTIC}),
    ),
    (
        (
            "Hang from a pull-up bar using a pronated grip. Your arms and legs should be"
            " extended. This will be your starting position."
        ),
        frozenset({Feature.HANGING, Feature.OVERHEAD}),
    ),
    (
        "Start with your shoulders relaxed, gently tilt your head towards your shoulder.",
        frozenset({Feature.NECK_SIDE_BEND}),
    ),
    (
        (
            "Now, relax your muscles and allow your partner to gently increase the stretch on"
            " the shoulders and chest. Hold for 10 to 20 seconds."
        ),
        frozenset({Feature.SHOULDER_END_RANGE, Feature.END_RANGE_STRETCH}),
    ),
    ("Repeat for the recommended amount of repetitions.", frozenset()),
    (
        (
            "Stand up with your torso upright and a dumbbell in each hand being held at arms"
            " length. The elbows should be close to the torso."
        ),
        frozenset(),
    ),
)
"""Real sentences, each with the features it describes (none for a neutral one)."""


def entry(**fields: Any) -> dict[str, Any]:
    """An entry in the dataset's format, for ``fields`` over a plain strength entry."""
    data: dict[str, Any] = {
        "id": "Generated",
        "name": "Generated",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": None,
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": [],
        "instructions": ["Repeat for the recommended amount of repetitions."],
        "category": "strength",
        "images": [],
    }
    data.update(fields)
    return data
