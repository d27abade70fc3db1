"""A hand-labelled sample of free-exercise-db, for the imported-catalog invariants.

The entries and sentences below are copied verbatim from the free-exercise-db
dataset (https://github.com/yuhonas/free-exercise-db), which its authors
released into the public domain under the Unlicense (https://unlicense.org):
"This is free and unencumbered software released into the public domain.
Anyone is free to copy, modify, publish, use, compile, sell, or distribute
this software, either in source code form or as a compiled binary, for any
purpose, commercial or non-commercial, and by any means."

Each entry and sentence carries the safety features its words describe, as a
reader of the fact sheet labels them (DOMAIN §8: flexion, supine and prone
positions, ballistic speed, partner-forced end range, hanging and fall risk),
written before looking at what the importer detects. They are the truth the
importer and screening are checked against.
"""

from __future__ import annotations

from typing import Any, Final

from upperback import Feature as F

__all__ = ["ENTRIES", "LABELLED", "SENTENCES", "entry"]

ENTRIES: Final[dict[str, dict[str, Any]]] = {
    "Childs_Pose": {
        "name": "Child's Pose",
        "force": "static",
        "level": "beginner",
        "mechanic": None,
        "equipment": None,
        "primaryMuscles": ["lower back"],
        "secondaryMuscles": ["glutes", "middle back"],
        "instructions": [
            "Get on your hands and knees, walk your hands in front of you.",
            "Lower your buttocks down to sit on your heels. Let your arms drag along the floor as you sit back to stretch your entire spine.",
            'Once you settle onto your heels, bring your hands next to your feet and relax. "breathe" into your back. Rest your forehead on the floor. Avoid this position if you have knee problems.',
        ],
        "category": "stretching",
        "images": ["Childs_Pose/0.jpg", "Childs_Pose/1.jpg"],
        "id": "Childs_Pose",
    },
    "Cat_Stretch": {
        "name": "Cat Stretch",
        "force": "static",
        "level": "beginner",
        "mechanic": None,
        "equipment": None,
        "primaryMuscles": ["lower back"],
        "secondaryMuscles": ["middle back", "traps"],
        "instructions": [
            "Position yourself on the floor on your hands and knees.",
            "Pull your belly in and round your spine, lower back, shoulders, and neck, letting your head drop.",
            "Hold for 15 seconds.",
        ],
        "category": "stretching",
        "images": ["Cat_Stretch/0.jpg", "Cat_Stretch/1.jpg"],
        "id": "Cat_Stretch",
    },
    "Bent_Over_Barbell_Row": {
        "name": "Bent Over Barbell Row",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "barbell",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["biceps", "lats", "shoulders"],
        "instructions": [
            "Holding a barbell with a pronated grip (palms facing down), bend your knees slightly and bring your torso forward, by bending at the waist, while keeping the back straight until it is almost parallel to the floor. Tip: Make sure that you keep the head up. The barbell should hang directly in front of you as your arms hang perpendicular to the floor and your torso. This is your starting position.",
            "Now, while keeping the torso stationary, breathe out and lift the barbell to you. Keep the elbows close to the body and only use the forearms to hold the weight. At the top contracted position, squeeze the back muscles and hold for a brief pause.",
            "Then inhale and slowly lower the barbell back to the starting position.",
            "Repeat for the recommended amount of repetitions.",
        ],
        "category": "strength",
        "images": ["Bent_Over_Barbell_Row/0.jpg", "Bent_Over_Barbell_Row/1.jpg"],
        "id": "Bent_Over_Barbell_Row",
    },
    "Bent_Over_Two-Dumbbell_Row": {
        "name": "Bent Over Two-Dumbbell Row",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "dumbbell",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["biceps", "lats", "shoulders"],
        "instructions": [
            "With a dumbbell in each hand (palms facing your torso), bend your knees slightly and bring your torso forward by bending at the waist; as you bend make sure to keep your back straight until it is almost parallel to the floor. Tip: Make sure that you keep the head up. The weights should hang directly in front of you as your arms hang perpendicular to the floor and your torso. This is your starting position.",
            "While keeping the torso stationary, lift the dumbbells to your side (as you breathe out), keeping the elbows close to the body (do not exert any force with the forearm other than holding the weights). On the top contracted position, squeeze the back muscles and hold for a second.",
            "Slowly lower the weight again to the starting position as you inhale.",
            "Repeat for the recommended amount of repetitions.",
        ],
        "category": "strength",
        "images": ["Bent_Over_Two-Dumbbell_Row/0.jpg", "Bent_Over_Two-Dumbbell_Row/1.jpg"],
        "id": "Bent_Over_Two-Dumbbell_Row",
    },
    "Reverse_Grip_Bent-Over_Rows": {
        "name": "Reverse Grip Bent-Over Rows",
        "force": "pull",
        "level": "intermediate",
        "mechanic": "compound",
        "equipment": "barbell",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["biceps", "lats", "shoulders"],
        "instructions": [
            "Stand erect while holding a barbell with a supinated grip (palms facing up).",
            "Bend your knees slightly and bring your torso forward, by bending at the waist, while keeping the back straight until it is almost parallel to the floor. Tip: Make sure that you keep the head up. The barbell should hang directly in front of you as your arms hang perpendicular to the floor and your torso. This is your starting position.",
            "While keeping the torso stationary, lift the barbell as you breathe out, keeping the elbows close to the body and not doing any force with the forearm other than holding the weights. On the top contracted position, squeeze the back muscles and hold for a second.",
            "Slowly lower the weight again to the starting position as you inhale.",
            "Repeat for the recommended amount of repetitions.",
        ],
        "category": "strength",
        "images": ["Reverse_Grip_Bent-Over_Rows/0.jpg", "Reverse_Grip_Bent-Over_Rows/1.jpg"],
        "id": "Reverse_Grip_Bent-Over_Rows",
    },
    "Smith_Machine_Bent_Over_Row": {
        "name": "Smith Machine Bent Over Row",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "machine",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["biceps", "lats", "shoulders"],
        "instructions": [
            "Set the barbell attached to the smith machine to a height that is about 2 inches below your knees.",
            "Bend your knees slightly and bring your torso forward, by bending at the waist, while keeping the back straight until it is almost parallel to the floor. Tip: Make sure that you keep the head up.",
            "Now grasp the barbell using an overhand (pronated) grip and unlock it from the smith machine rack. Then let it hang directly in front of you as your arms hang extended perpendicular to the floor and your torso. This is your starting position.",
            "While keeping the torso stationary, lift the barbell as you breathe out, keeping the elbows close to the body and not doing any force with the forearm other than holding the weights. On the top contracted position, squeeze the back muscles and hold for a second.",
            "Slowly lower the weight again to the starting position as you inhale.",
            "Repeat for the recommended amount of repetitions.",
        ],
        "category": "strength",
        "images": ["Smith_Machine_Bent_Over_Row/0.jpg", "Smith_Machine_Bent_Over_Row/1.jpg"],
        "id": "Smith_Machine_Bent_Over_Row",
    },
    "Rope_Climb": {
        "name": "Rope Climb",
        "force": "pull",
        "level": "intermediate",
        "mechanic": "compound",
        "equipment": "other",
        "primaryMuscles": ["lats"],
        "secondaryMuscles": ["biceps", "forearms", "middle back", "shoulders"],
        "instructions": [
            "Grab the rope with both hands above your head. Pull down on the rope as you take a small jump.",
            "Wrap the rope around one leg, using your feet to pinch the rope. Reach up as high as possible with your arms, gripping the rope tightly.",
            "Release the rope from your feet as you pull yourself up with your arms, bringing your knees towards your chest.",
            "Resecure your feet on the rope, and then stand up to take another high hold on the rope. Continue until you reach the top of the rope.",
            "To lower yourself, loosen the grip of your feet on the rope as you slide down using a hand over hand motion.",
        ],
        "category": "strength",
        "images": ["Rope_Climb/0.jpg", "Rope_Climb/1.jpg"],
        "id": "Rope_Climb",
    },
    "Bent-Arm_Barbell_Pullover": {
        "name": "Bent-Arm Barbell Pullover",
        "force": "pull",
        "level": "intermediate",
        "mechanic": "compound",
        "equipment": "barbell",
        "primaryMuscles": ["lats"],
        "secondaryMuscles": ["chest", "lats", "shoulders", "triceps"],
        "instructions": [
            "Lie on a flat bench with a barbell using a shoulder grip width.",
            "Hold the bar straight over your chest with a bend in your arms. This will be your starting position.",
            "While keeping your arms in the bent arm position, lower the weight slowly in an arc behind your head while breathing in until you feel a stretch on the chest.",
            "At that point, bring the barbell back to the starting position using the arc through which the weight was lowered and exhale as you perform this movement.",
            "Hold the weight on the initial position for a second and repeat the motion for the prescribed number of repetitions.",
        ],
        "category": "strength",
        "images": ["Bent-Arm_Barbell_Pullover/0.jpg", "Bent-Arm_Barbell_Pullover/1.jpg"],
        "id": "Bent-Arm_Barbell_Pullover",
    },
    "Dynamic_Chest_Stretch": {
        "name": "Dynamic Chest Stretch",
        "force": "pull",
        "level": "beginner",
        "mechanic": None,
        "equipment": None,
        "primaryMuscles": ["chest"],
        "secondaryMuscles": ["middle back"],
        "instructions": [
            "Stand with your hands together, arms extended directly in front of you. This will be your starting position.",
            "Keeping your arms straight, quickly move your arms back as far as possible and back in again, similar to an exaggerated clapping motion. Repeat 5-10 times, increasing speed as you do so.",
        ],
        "category": "stretching",
        "images": ["Dynamic_Chest_Stretch/0.jpg", "Dynamic_Chest_Stretch/1.jpg"],
        "id": "Dynamic_Chest_Stretch",
    },
    "One_Arm_Against_Wall": {
        "name": "One Arm Against Wall",
        "force": "static",
        "level": "beginner",
        "mechanic": "isolation",
        "equipment": None,
        "primaryMuscles": ["lats"],
        "secondaryMuscles": [],
        "instructions": [
            "From a standing position, place a bent arm against a wall or doorway.",
            "Slowly lean toward your arm until you feel a stretch in your lats.",
        ],
        "category": "stretching",
        "images": ["One_Arm_Against_Wall/0.jpg", "One_Arm_Against_Wall/1.jpg"],
        "id": "One_Arm_Against_Wall",
    },
    "Seated_Front_Deltoid": {
        "name": "Seated Front Deltoid",
        "force": "static",
        "level": "expert",
        "mechanic": None,
        "equipment": "body only",
        "primaryMuscles": ["shoulders"],
        "secondaryMuscles": ["chest"],
        "instructions": [
            "Sit upright on the floor with your legs bent, your partner standing behind you. Stick your arms straight out to your sides, with your palms facing the ground. Attempt to move them as far behind you as possible, as your assistant holds your wrists. This will be your starting position.",
            "Keeping your elbows straight, attempt to move your arms to the front, with your partner gently restraining you to prevent any actual movement for 10-20 seconds.",
            "Now, relax your muscles and allow your partner to gently increase the stretch on the shoulders and chest. Hold for 10 to 20 seconds.",
        ],
        "category": "stretching",
        "images": ["Seated_Front_Deltoid/0.jpg", "Seated_Front_Deltoid/1.jpg"],
        "id": "Seated_Front_Deltoid",
    },
    "Behind_Head_Chest_Stretch": {
        "name": "Behind Head Chest Stretch",
        "force": "static",
        "level": "expert",
        "mechanic": "isolation",
        "equipment": "other",
        "primaryMuscles": ["chest"],
        "secondaryMuscles": ["shoulders"],
        "instructions": [
            "Sit upright on the floor with your partner behind you.",
            "Place your hands behind your hand, and push your elbows back as far as you can. Your partner should hold your elbows. This will be your starting position.",
            "Gently attempt to pull your elbows forward with your hands still behind your head for 10 or more seconds. Your partner should prevent your elbows from moving.",
            "Now, relax your muscles and have your partner gently pull the elbows back as far as it comfortable for you. Be sure to let your partner know when the stretch is adequate to prevent overstretching or injury.",
        ],
        "category": "stretching",
        "images": ["Behind_Head_Chest_Stretch/0.jpg", "Behind_Head_Chest_Stretch/1.jpg"],
        "id": "Behind_Head_Chest_Stretch",
    },
    "Chest_Stretch_on_Stability_Ball": {
        "name": "Chest Stretch on Stability Ball",
        "force": "static",
        "level": "beginner",
        "mechanic": "isolation",
        "equipment": "exercise ball",
        "primaryMuscles": ["chest"],
        "secondaryMuscles": [],
        "instructions": [
            "Get on your hands and knees next to an exercise ball.",
            "Place your elbows on top of the ball, keeping your arm out to your side. This will be your starting position.",
            "Lower your torso towards the floor, keeping your elbow on top of the ball. Hold the stretch for 20-30 seconds, and repeat with the other arm.",
        ],
        "category": "stretching",
        "images": [
            "Chest_Stretch_on_Stability_Ball/0.jpg",
            "Chest_Stretch_on_Stability_Ball/1.jpg",
        ],
        "id": "Chest_Stretch_on_Stability_Ball",
    },
    "Side_Neck_Stretch": {
        "name": "Side Neck Stretch",
        "force": "static",
        "level": "beginner",
        "mechanic": "isolation",
        "equipment": None,
        "primaryMuscles": ["neck"],
        "secondaryMuscles": [],
        "instructions": [
            "Start with your shoulders relaxed, gently tilt your head towards your shoulder.",
            "Assist stretch with a gentle pull on the side of the head.",
        ],
        "category": "stretching",
        "images": ["Side_Neck_Stretch/0.jpg", "Side_Neck_Stretch/1.jpg"],
        "id": "Side_Neck_Stretch",
    },
}
"""Real entries, by their dataset id (the issue's reproductions among them)."""

_LABELS: Final[dict[str, frozenset[F]]] = {
    # A forward bend to end range: sit back on the heels, forehead to the floor.
    "Childs_Pose": frozenset({F.END_RANGE_FLEXION, F.KNEELING}),
    # "round your spine ... letting your head drop": end-range flexion.
    "Cat_Stretch": frozenset({F.END_RANGE_FLEXION, F.KNEELING}),
    # Bending at the waist with a bar or dumbbells: loaded flexion.
    "Bent_Over_Barbell_Row": frozenset({F.LOADED_FLEXION, F.EXTERNAL_LOAD}),
    "Bent_Over_Two-Dumbbell_Row": frozenset({F.LOADED_FLEXION, F.EXTERNAL_LOAD}),
    "Reverse_Grip_Bent-Over_Rows": frozenset({F.LOADED_FLEXION, F.EXTERNAL_LOAD}),
    "Smith_Machine_Bent_Over_Row": frozenset({F.LOADED_FLEXION, F.EXTERNAL_LOAD}),
    # Climbing a rope: hanging, and a fall from height.
    "Rope_Climb": frozenset({F.HANGING, F.NEEDS_BALANCE, F.OVERHEAD}),
    # "Lie on a flat bench": supine, with a bar lowered behind the head.
    "Bent-Arm_Barbell_Pullover": frozenset({F.SUPINE, F.EXTERNAL_LOAD, F.OVERHEAD}),
    # "quickly ... increasing speed": ballistic.
    "Dynamic_Chest_Stretch": frozenset({F.BALLISTIC}),
    # An arm against a wall or doorway, leaning in: the doorway stretch.
    "One_Arm_Against_Wall": frozenset({F.SHOULDER_END_RANGE}),
    # A partner increases the stretch: end range, forced.
    "Seated_Front_Deltoid": frozenset({F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH}),
    "Behind_Head_Chest_Stretch": frozenset(
        {F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH, F.BEHIND_NECK}
    ),
    # Kneeling with the elbow on a ball.
    "Chest_Stretch_on_Stability_Ball": frozenset({F.UNSTABLE_SURFACE, F.KNEELING}),
    "Side_Neck_Stretch": frozenset({F.NECK_SIDE_BEND}),
}

LABELLED: Final[tuple[tuple[dict[str, Any], frozenset[F]], ...]] = tuple(
    (ENTRIES[key], features) for key, features in _LABELS.items()
)
"""Each real entry with the features its words describe."""

SENTENCES: Final[tuple[tuple[str, frozenset[F]], ...]] = (
    ("Lie on your back, with one leg extended straight out.", frozenset({F.SUPINE})),
    ("Lie on a flat bench with a barbell using a shoulder grip width.", frozenset({F.SUPINE})),
    (
        "Lie face down on a hyperextension bench, tucking your ankles securely under the footpads.",
        frozenset({F.PRONE}),
    ),
    (
        "Pull your belly in and round your spine, lower back, shoulders, and neck, letting"
        " your head drop.",
        frozenset({F.END_RANGE_FLEXION}),
    ),
    (
        "Bend forward until your torso is as close to parallel with the floor as you can and"
        " keep your knees slightly bent.",
        frozenset({F.LOADED_FLEXION}),
    ),
    (
        "Keeping your arms straight, quickly move your arms back as far as possible and back"
        " in again, similar to an exaggerated clapping motion. Repeat 5-10 times, increasing"
        " speed as you do so.",
        frozenset({F.BALLISTIC}),
    ),
    (
        "Hang from a pull-up bar using a pronated grip. Your arms and legs should be extended."
        " This will be your starting position.",
        frozenset({F.HANGING, F.OVERHEAD}),
    ),
    (
        "Start with your shoulders relaxed, gently tilt your head towards your shoulder.",
        frozenset({F.NECK_SIDE_BEND}),
    ),
    (
        "Now, relax your muscles and allow your partner to gently increase the stretch on the"
        " shoulders and chest. Hold for 10 to 20 seconds.",
        frozenset({F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH}),
    ),
    ("Repeat for the recommended amount of repetitions.", frozenset()),
    (
        "Stand up with your torso upright and a dumbbell in each hand being held at arms"
        " length. The elbows should be close to the torso.",
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
