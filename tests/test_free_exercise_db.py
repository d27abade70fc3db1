from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import upperback as ub
from tests._shared import shared_file
from upperback.interop import free_exercise_db as fedb

SHARED_COPY = Path(__file__).parents[2] / "shared/data/free-exercise-db/exercises.json"


def entry(**changes: Any) -> dict[str, Any]:
    """An entry in the dataset's format (written for these tests)."""
    data: dict[str, Any] = {
        "id": "Seated_Band_Row",
        "name": "Seated Band Row",
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "bands",
        "primaryMuscles": ["middle back"],
        "secondaryMuscles": ["lats", "shoulders", "biceps"],
        "instructions": [
            "Sit on the floor with your legs straight and the band around your feet.",
            "  Pull the handles to your waist, squeezing your shoulder blades.  ",
            "",
            "Return slowly.",
        ],
        "category": "strength",
        "images": ["Seated_Band_Row/0.jpg"],
    }
    data.update(changes)
    return data


def test_a_good_strength_entry() -> None:
    result = fedb.load([entry()])
    assert result.skipped == ()
    exercise = result.catalog["seated-band-row"]
    assert exercise.name == "Seated Band Row"
    assert exercise.kind is ub.ExerciseKind.STRENGTHENING
    assert exercise.targets == {
        ub.Muscle.RHOMBOIDS,
        ub.Muscle.MIDDLE_TRAPEZIUS,
        ub.Muscle.LATISSIMUS_DORSI,
        ub.Muscle.POSTERIOR_DELTOID,
    }  # biceps has no upperback muscle and is left out of the targets
    assert exercise.props == (ub.PropNeed(kind=ub.PropKind.RESISTANCE_BAND),)
    assert exercise.level is ub.Level.EASY
    assert exercise.position is ub.Position.SEATED
    assert exercise.cues == (
        "Sit on the floor with your legs straight and the band around your feet.",
        "Pull the handles to your waist, squeezing your shoulder blades.",
        "Return slowly.",
    )
    assert exercise.default_dose == ub.Dose(sets=2, reps=10, rest_s=60)
    assert exercise.laterality is ub.Laterality.BILATERAL
    assert exercise.precautions == (fedb.NOT_REVIEWED,)
    (source,) = exercise.sources
    assert source.key == "free-exercise-db"
    assert source.url == fedb.DATASET_URL
    assert source.note is not None
    assert "'Seated_Band_Row'" in source.note


def test_a_good_stretch_on_a_ball() -> None:
    catalog, skipped = fedb.load(
        [
            entry(
                id="Ball_Lat_Stretch",
                name="Ball Lat Stretch",
                equipment="exercise ball",
                category="stretching",
                level="expert",
                primaryMuscles=["lats"],
                secondaryMuscles=[],
                instructions=["Kneel in front of the ball.", "Roll it forward."],
            )
        ]
    )
    assert skipped == ()
    exercise = catalog["ball-lat-stretch"]
    assert exercise.kind is ub.ExerciseKind.STATIC_STRETCH
    assert exercise.default_dose == ub.Dose(sets=2, hold_s=30)
    assert exercise.props == (ub.PropNeed(kind=ub.PropKind.SWISS_BALL),)
    assert exercise.level is ub.Level.HARD
    assert exercise.position is ub.Position.KNEELING
    assert {ub.Feature.KNEELING, ub.Feature.UNSTABLE_SURFACE, ub.Feature.NEEDS_BALANCE} <= (
        exercise.features
    )


@pytest.mark.parametrize(
    ("words", "position", "feature"),
    [
        ("Lie face down on the mat.", ub.Position.PRONE, ub.Feature.PRONE),
        ("Lie on your back.", ub.Position.SUPINE, ub.Feature.SUPINE),
        ("Get on all fours.", ub.Position.QUADRUPED, ub.Feature.HANDS_WEIGHT_BEARING),
        ("Lie on your side.", ub.Position.SIDE_LYING, None),
        ("Stand tall.", ub.Position.STANDING, None),
    ],
)
def test_position_and_features_from_the_instructions(
    words: str, position: ub.Position, feature: ub.Feature | None
) -> None:
    catalog, _ = fedb.load([entry(name="Band Drill", instructions=[words], equipment="foam roll")])
    (exercise,) = catalog
    assert exercise.position is position
    assert exercise.props == (ub.PropNeed(kind=ub.PropKind.FOAM_ROLLER),)
    if feature is not None:
        assert feature in exercise.features


@pytest.mark.parametrize(("equipment", "props"), [("body only", ()), (None, ())])
def test_no_equipment_means_no_props(equipment: str | None, props: tuple[ub.PropNeed]) -> None:
    (exercise,) = fedb.load([entry(equipment=equipment)]).catalog
    assert exercise.props == props


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"primaryMuscles": ["quadriceps"]},
            "no upper-back target: primary muscles are quadriceps",
        ),
        ({"primaryMuscles": []}, "no upper-back target: primary muscles are none"),
        (
            {"primaryMuscles": ["chest"], "secondaryMuscles": ["middle back"]},
            "no upper-back target: primary muscles are chest",
        ),
        ({"equipment": "barbell"}, "equipment 'barbell' has no upperback prop"),
        ({"equipment": "kettlebells"}, "equipment 'kettlebells' has no upperback prop"),
        (
            {"category": "plyometrics"},
            "category 'plyometrics' is not imported (only stretching and strength)",
        ),
        ({"instructions": ["", "  "]}, "has no instructions to use as cues"),
        ({"level": "elite"}, "malformed: unknown level 'elite'"),
        ({"name": 3}, "malformed: 'name' must be a str (got 3)"),
        ({"equipment": 7}, "malformed: 'equipment' must be a str (got 7)"),
        ({"instructions": "Do it."}, """malformed: 'instructions' must be a list (got "Do it.")"""),
        (
            {"primaryMuscles": ["lats", 2]},
            """malformed: 'primaryMuscles' must be a list of text (got ["lats", 2])""",
        ),
    ],
)
def test_bad_entries_are_reported_with_a_reason(changes: dict[str, Any], reason: str) -> None:
    result = fedb.load([entry(**changes)])
    assert len(result.catalog) == 0
    assert result.skipped == (fedb.Skipped(index=0, id="Seated_Band_Row", reason=reason),)
    assert str(result.skipped[0]) == f"[0] Seated_Band_Row: {reason}"


def test_malformed_entries_never_crash() -> None:
    no_id = entry()
    del no_id["id"]
    del no_id["category"]
    long_name = entry(id="Long", name="x" * 200)
    result = fedb.load(
        [
            "not an object",
            no_id,
            entry(id=5),
            long_name,
            entry(id="!!!"),
            entry(),
            entry(id="seated band row"),
        ]
    )
    reasons = {s.index: s.reason for s in result.skipped}
    assert reasons[0] == "malformed: must be an object (got str)"
    assert reasons[1] == "malformed: missing 'id', 'category'"
    assert reasons[2] == "malformed: 'id' must be a str (got 5)"
    assert reasons[3].startswith("does not make a valid exercise: 'name'")
    assert reasons[4].startswith("does not make a valid exercise: 'id'")
    assert reasons[6] == "its id 'seated-band-row' repeats entry 5"
    assert [s.id for s in result.skipped] == [None, None, None, "Long", "!!!", "seated band row"]
    assert str(result.skipped[0]) == "[0] ?: malformed: must be an object (got str)"
    assert result.catalog.ids == ("seated-band-row",)


def test_secondary_muscles_may_be_absent() -> None:
    data = entry()
    del data["secondaryMuscles"]
    (exercise,) = fedb.load([data]).catalog
    assert exercise.targets == {ub.Muscle.RHOMBOIDS, ub.Muscle.MIDDLE_TRAPEZIUS}


def test_load_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps([entry()]), encoding="utf-8")
    assert fedb.load(path).catalog.ids == ("seated-band-row",)
    assert fedb.load(str(path)).catalog.ids == ("seated-band-row",)


def test_a_file_that_is_not_a_list_of_entries(tmp_path: Path) -> None:
    path = tmp_path / "exercises.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ub.InvalidDocument, match=r"\$: is not valid JSON"):
        fedb.load(path)
    path.write_text('{"id": "x"}', encoding="utf-8")
    with pytest.raises(ub.InvalidDocument, match=r"\$: must be a list of exercise entries"):
        fedb.load(path)
    with pytest.raises(FileNotFoundError):
        fedb.load(tmp_path / "missing.json")


def test_imported_catalog_merges_with_the_built_in_one() -> None:
    imported = fedb.load([entry()]).catalog
    merged = ub.default_catalog().merge(imported)
    assert len(merged) == len(ub.default_catalog()) + 1
    assert ub.loads(ub.dumps(imported)) == imported


def test_slugify() -> None:
    assert fedb.slugify("3_4_Sit-Up") == "3-4-sit-up"
    assert fedb.slugify("Dumbbell__Row  (One Arm)") == "dumbbell-row-one-arm"


def test_the_whole_shared_dataset_is_imported_or_reported() -> None:
    shared_file("data/free-exercise-db/exercises.json")
    entries = json.loads(SHARED_COPY.read_text(encoding="utf-8"))
    assert len(entries) == 873
    result = fedb.load(SHARED_COPY)
    imported = {e.sources[0].note for e in result.catalog}
    skipped_indexes = [s.index for s in result.skipped]
    assert len(result.catalog) + len(result.skipped) == len(entries)
    assert len(set(skipped_indexes)) == len(skipped_indexes)
    for index, raw in enumerate(entries):
        note = fedb._SOURCE_NOTE.format(id=raw["id"])
        assert (note in imported) != (index in skipped_indexes), raw["id"]
    assert all(s.reason for s in result.skipped)
    # Every imported exercise targets the upper back and needs its equipment's prop.
    upper = {m for muscles in fedb.UPPER_BACK_MUSCLES.values() for m in muscles}
    raw_by_slug = {fedb.slugify(raw["id"]): raw for raw in entries}
    for exercise in result.catalog:
        assert exercise.targets & upper
        prop = fedb.EQUIPMENT[raw_by_slug[exercise.id]["equipment"]]
        if prop is not None:
            assert prop in exercise.required_props
        assert ub.PropKind.MAT not in exercise.required_props
    assert len(result.catalog) >= 10


@pytest.mark.parametrize(
    ("words", "feature"),
    [
        ("Raise your arms overhead.", ub.Feature.OVERHEAD),
        ("Twist at your waist.", ub.Feature.END_RANGE_ROTATION),
        ("Lean forward slowly.", ub.Feature.END_RANGE_FLEXION),
        ("Round your back.", ub.Feature.END_RANGE_FLEXION),
        ("Gently tilt your head towards your shoulder.", ub.Feature.NECK_SIDE_BEND),
        ("Turn your head to the left.", ub.Feature.NECK_ROTATION),
        ("Do a push-up.", ub.Feature.HANDS_WEIGHT_BEARING),
        ("Stretch, then pull on your wrist.", ub.Feature.END_RANGE_STRETCH),
        ("Turn as far as you can.", ub.Feature.END_RANGE_STRETCH),
    ],
)
def test_features_from_the_words(words: str, feature: ub.Feature) -> None:
    (exercise,) = fedb.load([entry(name="Drill", instructions=[words])]).catalog
    assert feature in exercise.features


def test_plain_words_set_no_features() -> None:
    (exercise,) = fedb.load([entry(name="Drill", instructions=["Stand tall."])]).catalog
    assert exercise.features == frozenset()


@pytest.mark.parametrize(
    ("words", "props"),
    [
        ("Lean against a wall or doorway.", (ub.PropKind.RESISTANCE_BAND, ub.PropKind.WALL)),
        ("Stand in a doorway.", (ub.PropKind.RESISTANCE_BAND, ub.PropKind.DOORWAY)),
        (
            "Sit on a chair holding a towel.",
            (ub.PropKind.RESISTANCE_BAND, ub.PropKind.CHAIR, ub.PropKind.TOWEL),
        ),
    ],
)
def test_everyday_props_from_the_words(words: str, props: tuple[ub.PropKind, ...]) -> None:
    (exercise,) = fedb.load([entry(name="Drill", instructions=[words])]).catalog
    assert tuple(need.kind for need in exercise.props) == props
    assert all(need.required for need in exercise.props)


@pytest.mark.parametrize(
    ("words", "apparatus"),
    [
        ("Grab the pull-up bar.", "pull-up bar"),
        ("Lie on a flat bench.", "bench"),
        ("Set the bar in a rack.", "bar"),
        ("Hold a dumbbell.", "dumbbell"),
    ],
)
def test_entries_needing_apparatus_are_reported(words: str, apparatus: str) -> None:
    result = fedb.load([entry(equipment="body only", instructions=[words])])
    assert len(result.catalog) == 0
    (skipped,) = result.skipped
    assert (
        skipped.reason == f"its instructions need a {apparatus!r}, which upperback has no prop for"
    )
