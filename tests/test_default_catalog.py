"""The built-in catalog, checked exercise by exercise against DOMAIN.md's rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import upperback as ub
from tests._shared import shared_file
from upperback.catalog import builtin as catalog_module

CATALOG = ub.default_catalog()
EXERCISES = list(CATALOG)
STRETCHES = [e for e in EXERCISES if e.kind is ub.ExerciseKind.STATIC_STRETCH]
STRENGTH = [e for e in EXERCISES if e.kind is ub.ExerciseKind.STRENGTHENING]
REPEATED = [
    e
    for e in EXERCISES
    if e.kind in {ub.ExerciseKind.DYNAMIC_MOBILITY, ub.ExerciseKind.MOTOR_CONTROL}
]
ONE_SIDED = [e for e in EXERCISES if e.laterality is not ub.Laterality.BILATERAL]
BALL = [e for e in EXERCISES if ub.PropKind.SWISS_BALL in e.required_props]
SOURCE_KEY = re.compile(r"[A-Z][0-9]{1,2}[a-z]?\*?")


def ids(exercises: list[ub.Exercise]) -> list[str]:
    return [e.id for e in exercises]


def test_size_and_cache() -> None:
    assert len(CATALOG) >= 26
    assert ub.default_catalog() is CATALOG  # cached


def test_the_loader_under_the_cache_reads_the_same_catalog() -> None:
    assert catalog_module._load_default_catalog() == CATALOG
    assert catalog_module._load_default_catalog() is not CATALOG


def test_data_file_is_a_versioned_catalog_document() -> None:
    path = resources.files("upperback.catalog").joinpath("data", catalog_module.DATA_FILE)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["upperback"] == ub.SCHEMA_VERSION
    assert document["kind"] == "catalog"
    # The data file is an ordinary document: it loads through the public loader.
    assert ub.loads(json.dumps(document), ub.Catalog) == CATALOG


def test_import_does_not_load_the_catalog() -> None:
    code = (
        "import upperback, upperback.catalog as c, sys;"
        "assert c.default_catalog.cache_info().currsize == 0;"
        "assert 'difflib' not in sys.modules and 'cattrs' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603


# -- coverage of DOMAIN.md §7 -------------------------------------------------


def test_every_benefit_and_muscle_is_covered() -> None:
    assert {b for e in EXERCISES for b in e.benefits} == set(ub.Benefit)
    # The muscles schema 2 added name secondary targets and imported entries;
    # the built-in exercises target every other muscle.
    added = {
        ub.Muscle.ANTERIOR_DELTOID,
        ub.Muscle.LATERAL_DELTOID,
        ub.Muscle.CERVICAL_EXTENSORS,
        ub.Muscle.STERNOCLEIDOMASTOID,
        ub.Muscle.BICEPS,
        ub.Muscle.FOREARMS,
        ub.Muscle.LUMBAR_ERECTOR_SPINAE,
        ub.Muscle.ABDOMINALS,
    }
    assert {m for e in EXERCISES for m in e.targets} >= set(ub.Muscle) - added
    assert {m for e in EXERCISES for m in e.muscles} & added


@pytest.mark.parametrize(
    "kind",
    [
        ub.PropKind.FOAM_ROLLER,
        ub.PropKind.RESISTANCE_BAND,
        ub.PropKind.TOWEL,
        ub.PropKind.CHAIR,
        ub.PropKind.WALL,
        ub.PropKind.DOORWAY,
    ],
)
def test_each_everyday_prop_is_used(kind: ub.PropKind) -> None:
    assert CATALOG.where(requires=kind)


def test_swiss_ball_exercises() -> None:
    assert len(BALL) >= 4
    for required in (
        "kneeling-lat-stretch-swiss-ball",
        "thoracic-extension-swiss-ball",
        "prone-i-y-t-w-swiss-ball",
    ):
        assert required in ids(BALL)
    assert any(e.position is ub.Position.SEATED for e in BALL)


@pytest.mark.parametrize(
    "kind",
    [
        ub.ExerciseKind.STATIC_STRETCH,
        ub.ExerciseKind.DYNAMIC_MOBILITY,
        ub.ExerciseKind.STRENGTHENING,
        ub.ExerciseKind.MOTOR_CONTROL,
        ub.ExerciseKind.SELF_MASSAGE,
    ],
)
def test_kinds_present(kind: ub.ExerciseKind) -> None:
    assert CATALOG.where(kind=kind)


MASSAGE = [e for e in EXERCISES if e.kind is ub.ExerciseKind.SELF_MASSAGE]


@pytest.mark.parametrize("exercise", MASSAGE, ids=ids(MASSAGE))
def test_self_massage_is_dosed_by_time_no_longer_than_one_stretch_hold(
    exercise: ub.Exercise,
) -> None:
    dose = exercise.default_dose
    assert dose.reps is None
    assert dose.hold_s is not None
    assert dose.hold_s <= 30  # no source doses rolling: one ACSM hold at most [A2]
    assert "A2" in {source.key for source in exercise.sources}
    assert ub.Feature.EXTERNAL_LOAD not in exercise.features
    # Rolling stays on the thoracic region [E12b*].
    assert exercise.targets <= {ub.Muscle.THORACIC_ERECTOR_SPINAE, ub.Muscle.RHOMBOIDS}
    assert "never under your lower back" in " ".join(exercise.cues)


def test_secondary_targets_are_the_ones_the_fact_sheet_names() -> None:
    named = {
        "seated-thoracic-extension-chair": ({ub.Muscle.ANTERIOR_DELTOID}, "E10*"),  # §7 #9
        "thoracic-extension-swiss-ball": ({ub.Muscle.ABDOMINALS}, "E11*"),  # §7 #10
        "prone-i-y-t-w-swiss-ball": ({ub.Muscle.ABDOMINALS}, "B6"),  # §7 #22 [E15]
    }
    assert {e.id for e in EXERCISES if e.secondary_targets} == set(named)
    for exercise_id, (muscles, key) in named.items():
        exercise = CATALOG[exercise_id]
        assert exercise.secondary_targets == muscles
        assert key in {source.key for source in exercise.sources}


def test_the_equipment_exercises_need_their_equipment() -> None:
    loaded = CATALOG["prone-y-light-weight"]
    assert ub.PropKind.DUMBBELL in loaded.required_props
    assert ub.Feature.EXTERNAL_LOAD in loaded.features
    assert not ub.Kit.from_names([]).satisfies_all(loaded.props)
    assert ub.Kit.from_names(["dumbbell"]).satisfies_all(loaded.props)
    # Its 1 lb to 2–3 lb progression is in the cues [E14].
    assert any("1 lb" in cue and "2–3 lb" in cue for cue in loaded.cues)
    one_arm = CATALOG["band-row-single-arm"]
    both = CATALOG["band-row-seated"]
    assert one_arm.laterality is ub.Laterality.UNILATERAL
    assert one_arm.targets == both.targets  # the same row, one arm at a time [E17]
    assert one_arm.default_dose.per_side


# -- doses (DOMAIN §1.1, §2, §7) -----------------------------------------------


@pytest.mark.parametrize("exercise", STRETCHES, ids=ids(STRETCHES))
def test_static_stretch_dose(exercise: ub.Exercise) -> None:
    dose = exercise.default_dose
    assert dose.reps is None
    assert dose.hold_s is not None
    assert 10 <= dose.hold_s <= 30  # [A1][A2]
    assert 2 <= dose.sets <= 4  # [A2]
    assert dose.sets * dose.hold_s == 60  # per side where one-sided [A2][A3]


@pytest.mark.parametrize("exercise", STRENGTH, ids=ids(STRENGTH))
def test_strengthening_dose(exercise: ub.Exercise) -> None:
    dose = exercise.default_dose
    assert dose.reps is not None
    assert 2 <= dose.sets <= 3
    assert 8 <= dose.reps <= 15  # [A5][A7]
    assert dose.hold_s is None or dose.hold_s <= 5
    assert 30 <= dose.rest_s <= 180  # [A6*][A7][A10*]


@pytest.mark.parametrize("exercise", REPEATED, ids=ids(REPEATED))
def test_mobility_and_motor_control_doses_are_short_sets(exercise: ub.Exercise) -> None:
    dose = exercise.default_dose
    assert dose.reps is not None
    assert 5 <= dose.reps <= 10
    assert dose.sets <= 2
    assert dose.hold_s is None or dose.hold_s <= 5


@pytest.mark.parametrize("exercise", ONE_SIDED, ids=ids(ONE_SIDED))
def test_one_sided_exercises_dose_each_side(exercise: ub.Exercise) -> None:
    assert exercise.default_dose.per_side


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_dose_differing_from_acsm_is_explained(exercise: ub.Exercise) -> None:
    assert exercise.dose_note, "every built-in dose says where it comes from"


# -- content and safety features --------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_every_exercise_is_complete_and_sourced(exercise: ub.Exercise) -> None:
    assert exercise.name
    assert len(exercise.cues) >= 3
    assert exercise.benefits
    assert exercise.movements
    assert exercise.sources
    for source in exercise.sources:
        assert SOURCE_KEY.fullmatch(source.key), source.key
        assert source.url.startswith(("https://", "http://"))
    assert all(len(cue) < 200 for cue in exercise.cues)


POSITION_FEATURES = {
    ub.Position.SUPINE: ub.Feature.SUPINE,
    ub.Position.PRONE: ub.Feature.PRONE,
}


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_features_match_position_and_props(exercise: ub.Exercise) -> None:
    # Lying on the back or front is flagged (push-up plus counts as prone: face down).
    feature = POSITION_FEATURES.get(exercise.position)
    if feature is not None and exercise.id != "push-up-plus":
        assert feature in exercise.features
    if exercise.position in {ub.Position.QUADRUPED, ub.Position.KNEELING}:
        assert ub.Feature.KNEELING in exercise.features
    if exercise.position is ub.Position.QUADRUPED:
        assert ub.Feature.HANDS_WEIGHT_BEARING in exercise.features
    ball = ub.PropKind.SWISS_BALL in exercise.required_props
    assert (ub.Feature.UNSTABLE_SURFACE in exercise.features) == ball
    if ub.Feature.NEEDS_BALANCE in exercise.features:
        assert ball
    if ub.Movement.CERVICAL_LATERAL_FLEXION in exercise.movements:
        assert ub.Feature.NECK_SIDE_BEND in exercise.features
    if ub.Movement.CERVICAL_ROTATION in exercise.movements:
        assert ub.Feature.NECK_ROTATION in exercise.features


@pytest.mark.parametrize("exercise", BALL, ids=ids(BALL))
def test_ball_exercises_carry_the_ball_precautions(exercise: ub.Exercise) -> None:
    text = " ".join(exercise.precautions).lower()
    assert "check the ball" in text  # [B7][B10]
    assert "physiotherapist or doctor" in text  # [B12*]
    if ub.Feature.NEEDS_BALANCE in exercise.features:
        assert "supervising" in text  # [B12*][B10]


def test_named_safety_features() -> None:
    expect = {
        "cat-camel": ub.Feature.END_RANGE_FLEXION,
        "childs-pose": ub.Feature.END_RANGE_FLEXION,
        "thread-the-needle": ub.Feature.END_RANGE_ROTATION,
        "seated-thoracic-rotation": ub.Feature.END_RANGE_ROTATION,
        "upper-trapezius-stretch": ub.Feature.NECK_SIDE_BEND,
        "levator-scapulae-stretch": ub.Feature.NECK_ROTATION,
        "thoracic-extension-foam-roller": ub.Feature.SUPINE,
        "thoracic-extension-swiss-ball": ub.Feature.SUPINE,
        "prone-y-t-w": ub.Feature.PRONE,
        "wall-angel": ub.Feature.OVERHEAD,
        "push-up-plus": ub.Feature.HANDS_WEIGHT_BEARING,
        "doorway-pec-stretch": ub.Feature.SHOULDER_END_RANGE,
    }
    for exercise_id, feature in expect.items():
        assert feature in CATALOG[exercise_id].features, exercise_id


def test_foam_roller_precaution_keeps_it_off_the_lower_back() -> None:
    text = " ".join(CATALOG["thoracic-extension-foam-roller"].precautions)
    assert "never under the lower back" in text  # [E12][E12b*]


def test_no_weights_on_the_ball() -> None:
    for exercise in BALL:
        assert ub.Feature.EXTERNAL_LOAD not in exercise.features  # [B10]


# -- progression chains (DOMAIN §7 neighbours) -------------------------------


@pytest.mark.parametrize(
    "chain",
    [
        (
            "seated-thoracic-extension-chair",
            "thoracic-extension-towel-roll",
            "thoracic-extension-foam-roller",
        ),
        ("open-book", "quadruped-thoracic-rotation", "thread-the-needle"),
        ("childs-pose", "kneeling-lat-stretch-swiss-ball"),
        ("chin-tuck", "chin-tuck-supine-head-lift"),
        ("prone-row", "prone-cobra", "prone-y-t-w", "prone-i-y-t-w-swiss-ball"),
        ("band-row-seated", "seated-band-row-swiss-ball"),
        ("wall-push-up-plus", "kneeling-push-up-plus", "push-up-plus"),
    ],
)
def test_domain_chains(chain: tuple[str, ...]) -> None:
    assert tuple(e.id for e in CATALOG.chain(chain[-1])) == chain


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_end_range_stretch_only_on_stretches(exercise: ub.Exercise) -> None:
    if ub.Feature.END_RANGE_STRETCH in exercise.features:
        assert exercise.kind is ub.ExerciseKind.STATIC_STRETCH


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_keys_cited_in_dose_notes_are_listed_as_sources(exercise: ub.Exercise) -> None:
    cited = set(re.findall(r"\[([A-Z][0-9]{1,2}[a-z]?\*?)\]", exercise.dose_note or ""))
    assert cited <= {source.key for source in exercise.sources}


DOMAIN = Path(__file__).parents[2] / "shared/DOMAIN.md"


def test_every_source_is_a_key_and_address_of_the_fact_sheet() -> None:
    shared_file("DOMAIN.md")
    text = DOMAIN.read_text(encoding="utf-8")
    lines = text[text.index("## 11. Sources") :].splitlines()
    for exercise in EXERCISES:
        for source in exercise.sources:
            line = next((line for line in lines if source.url in line), "")
            assert source.key in line, (exercise.id, source.key)
            assert line.index(source.key) < line.index(source.url), (exercise.id, source.key)
