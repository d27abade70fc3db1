"""The built-in catalog, checked exercise by exercise against DOMAIN.md's rules.

The rules are the fact sheet's (its sections in the comments); the tests read
the shipped data only, never the sheet, which does not ship.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import upperback as ub
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
    # Rolling stays on the thoracic region [E12*].
    assert exercise.targets <= {ub.Muscle.THORACIC_ERECTOR_SPINAE, ub.Muscle.RHOMBOIDS}
    assert "never under your lower back" in " ".join(exercise.cues)


def test_secondary_targets_are_the_ones_the_fact_sheet_names() -> None:
    named = {
        "seated-thoracic-extension-chair": ({ub.Muscle.ANTERIOR_DELTOID}, "E10"),  # §7 #9
        "thoracic-extension-swiss-ball": ({ub.Muscle.ABDOMINALS}, None),  # §7 #10, no key
        "prone-i-y-t-w-swiss-ball": ({ub.Muscle.ABDOMINALS}, "E15"),  # §7 #22 [E15]
    }
    assert {e.id for e in EXERCISES if e.secondary_targets} == set(named)
    for exercise_id, (muscles, key) in named.items():
        exercise = CATALOG[exercise_id]
        assert exercise.secondary_targets == muscles
        assert key is None or key in {source.key for source in exercise.sources}


def test_the_equipment_exercises_need_their_equipment() -> None:
    loaded = CATALOG["prone-y-light-weight"]
    assert ub.PropKind.DUMBBELL in loaded.required_props
    assert ub.Feature.EXTERNAL_LOAD in loaded.features
    assert not ub.Kit.from_names([]).satisfies_all(loaded.props)
    assert ub.Kit.from_names(["dumbbell"]).satisfies_all(loaded.props)
    # Its 1 lb to 2–3 lb progression is in the cues, and marked a convention (§7 #21).
    assert any("1 lb" in cue and "2–3 lb" in cue for cue in loaded.cues)
    assert f"2–3 lb is {ub.CONVENTION}" in (loaded.dose_note or "")
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
    assert 30 <= dose.rest_s <= 180  # 2–3 min [A6][A7]; shorter rests are a convention


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
    assert "physiotherapist or doctor" in text  # [E23][C5]
    if ub.Feature.NEEDS_BALANCE in exercise.features:
        assert "supervising" in text  # [B10]


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
    assert "never under the lower back" in text  # [E12*]


def test_no_weights_on_the_ball() -> None:
    for exercise in BALL:
        assert ub.Feature.EXTERNAL_LOAD not in exercise.features  # [B7][B10]
    for exercise_id in ("prone-i-y-t-w-swiss-ball", "seated-band-row-swiss-ball"):
        assert "Do not hold weights while on the ball." in CATALOG[exercise_id].precautions


@pytest.mark.parametrize("exercise_id", ["levator-scapulae-stretch", "upper-trapezius-stretch"])
def test_dizziness_in_a_neck_stretch_means_stop_and_seek_advice(exercise_id: str) -> None:
    # §7 #18 and §8 (balance row): dizziness with neck symptoms is a red flag [R4][R17].
    exercise = CATALOG[exercise_id]
    words = " ".join((*exercise.cues, *exercise.precautions)).lower()
    assert "dizzy" in words
    assert "turn the head less" not in words
    assert "stop" in words
    assert "advice" in words
    assert {"R4", "R17"} <= {source.key for source in exercise.sources}


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


# -- where each number of a dose comes from (DOMAIN.md §7, §12) --------------------

ACSM_DEFAULT = {
    # The entries DOMAIN §12 lists with no exercise-specific source: the ACSM default.
    "thread-the-needle": ub.ExerciseKind.STATIC_STRETCH,  # 2
    "childs-pose": ub.ExerciseKind.STATIC_STRETCH,  # 6
    "kneeling-lat-stretch-swiss-ball": ub.ExerciseKind.STATIC_STRETCH,  # 7
    "lateral-stretch-swiss-ball": ub.ExerciseKind.STATIC_STRETCH,  # 8
    "thoracic-extension-swiss-ball": ub.ExerciseKind.STATIC_STRETCH,  # 10
    "cross-body-shoulder-stretch": ub.ExerciseKind.STATIC_STRETCH,  # 14
    "upper-trapezius-stretch": ub.ExerciseKind.STATIC_STRETCH,  # 17
    "levator-scapulae-stretch": ub.ExerciseKind.STATIC_STRETCH,  # 18
    "wall-angel": ub.ExerciseKind.STRENGTHENING,  # 20
    "prone-cobra": ub.ExerciseKind.STRENGTHENING,  # 23
    "band-pull-apart": ub.ExerciseKind.STRENGTHENING,  # 24
}
AS_DIRECTED = {
    # The source describes it and leaves the dose to the physiotherapist [E7][E9][E12d*].
    "cat-camel": "E7",
    "quadruped-thoracic-rotation": "E9",
    "thoracic-extension-foam-roller": "E12d*",
}


def _given(exercise: ub.Exercise) -> dict[ub.DoseNumber, tuple[str, ...]]:
    return {
        number: tuple(s.key for s in exercise.sources if number in s.dose_numbers)
        for number in exercise.default_dose.numbers
    }


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids(EXERCISES))
def test_every_number_of_a_dose_is_sourced_or_a_convention(exercise: ub.Exercise) -> None:
    given = _given(exercise)
    unaccounted = [
        n for n, keys in given.items() if not keys and n not in exercise.dose_conventions
    ]
    assert unaccounted == []
    # The note says so in the library's words whenever a number is a convention.
    if exercise.dose_conventions:
        assert "not from a study" in (exercise.dose_note or "")
    assert "convention" in exercise.dose_origin() or not exercise.dose_conventions


@pytest.mark.parametrize("exercise_id", sorted(ACSM_DEFAULT))
def test_entries_without_an_exercise_specific_source_use_the_acsm_default(
    exercise_id: str,
) -> None:
    exercise = CATALOG[exercise_id]
    assert exercise.kind is ACSM_DEFAULT[exercise_id]
    given = _given(exercise)
    dose = exercise.default_dose
    if exercise.kind is ub.ExerciseKind.STATIC_STRETCH:
        assert given[ub.DoseNumber.SETS] == given[ub.DoseNumber.HOLD_S] == ("A2",)
        assert 10 <= (dose.hold_s or 0) <= 30  # [A1][A2]
    else:
        assert given[ub.DoseNumber.SETS] == given[ub.DoseNumber.REPS] == ("A7",)
        assert 2 <= dose.sets <= 4  # [A7]
        assert 8 <= (dose.reps or 0) <= 12  # [A7]
    assert "No exercise-specific dose was found" in (exercise.dose_note or "") or (
        "No acceptable source gives a dose" in (exercise.dose_note or "")
    )


@pytest.mark.parametrize("exercise_id", sorted(AS_DIRECTED))
def test_a_dose_the_source_leaves_to_the_clinician_says_so(exercise_id: str) -> None:
    exercise = CATALOG[exercise_id]
    assert AS_DIRECTED[exercise_id] in {source.key for source in exercise.sources}
    assert "as your clinician directs" in (exercise.dose_note or "")
    assert set(exercise.default_dose.numbers) <= exercise.dose_conventions | {
        n for n, keys in _given(exercise).items() if keys
    }


def test_dose_origin_words() -> None:
    assert CATALOG["chin-tuck"].dose_origin() == "Sets, reps and hold: [E19*]."
    assert CATALOG["doorway-pec-stretch"].dose_origin() == (
        f"Sets: [A2]. Hold: [E6*][A2]. Rest: {ub.CONVENTION}."
    )
    assert CATALOG["cat-camel"].dose_origin() == f"Sets, reps and tempo: {ub.CONVENTION}."
    bare = ub.Exercise(
        id="x",
        name="X",
        kind=ub.ExerciseKind.STRENGTHENING,
        position=ub.Position.STANDING,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Do it."],
        default_dose=ub.Dose(sets=1, reps=5),
    )
    assert bare.dose_origin() == "Sets and reps: no source given."


# -- the docs' table of where each dose comes from --------------------------------

CATALOG_DOCS = Path(__file__).parents[1] / "docs" / "catalog.md"
TABLE_START = "<!-- dose-sources: generated from the data; tests/test_default_catalog.py -->"
TABLE_END = "<!-- end dose-sources -->"


def dose_table() -> str:
    """The docs' table: for each built-in exercise, its sourced and convention numbers."""
    header = "| Exercise | Default dose | Numbers from a source | A common convention, not from a study |"  # noqa: E501
    rows = [
        header,
        "|---|---|---|---|",
    ]
    for exercise in EXERCISES:
        groups: dict[tuple[str, ...], list[str]] = {}
        for number, keys in _given(exercise).items():
            if keys:
                groups.setdefault(keys, []).append(number.words)
        sourced = "; ".join(
            f"{', '.join(words)} {''.join(f'[{key}]' for key in keys)}"
            for keys, words in groups.items()
        )
        conventions = ", ".join(
            n.words for n in exercise.default_dose.numbers if n in exercise.dose_conventions
        )
        dose = exercise.default_dose
        shown = dose.describe()
        if dose.tempo_s is not None:
            shown += f", {dose.tempo_s} s a rep"
        if ub.DoseNumber.REST_S in dose.numbers:
            shown += f", {dose.rest_s} s rest"
        rows.append(f"| `{exercise.id}` | {shown} | {sourced or '—'} | {conventions or '—'} |")
    return "\n".join(rows)


def test_the_docs_table_of_dose_sources_is_the_datas() -> None:
    text = CATALOG_DOCS.read_text(encoding="utf-8")
    shown = text[text.index(TABLE_START) + len(TABLE_START) : text.index(TABLE_END)].strip()
    assert shown == dose_table(), "replace the table in docs/catalog.md with:\n" + dose_table()


# -- the accounting refuses what cannot be true --------------------------------------

_PLAIN: dict[str, Any] = {
    "id": "x",
    "name": "X",
    "kind": ub.ExerciseKind.STATIC_STRETCH,
    "position": ub.Position.SEATED,
    "targets": {ub.Muscle.RHOMBOIDS},
    "cues": ["Hold."],
    "default_dose": ub.Dose(sets=2, hold_s=30),
}
_A2 = "https://doi.org/10.1249/MSS.0b013e318213fefb"


@pytest.mark.parametrize(
    ("changes", "field", "value", "reason"),
    [
        pytest.param(
            {"sources": [ub.Source(key="A2", url=_A2, dose_numbers={ub.DoseNumber.REPS})]},
            "sources[0].dose_numbers",
            ["reps"],
            "must name only numbers the default dose states (sets, hold_s, rest_s)",
            id="a-source-gives-a-number-the-dose-lacks",
        ),
        pytest.param(
            {
                "sources": [ub.Source(key="A2", url=_A2, dose_numbers={ub.DoseNumber.HOLD_S})],
                "dose_conventions": {ub.DoseNumber.HOLD_S, ub.DoseNumber.REST_S},
            },
            "dose_conventions",
            ["hold_s"],
            "must not name a number a source gives: a number is sourced or a convention",
            id="sourced-and-a-convention",
        ),
        pytest.param(
            {"dose_conventions": {ub.DoseNumber.REPS}},
            "dose_conventions",
            ["reps"],
            "must name only numbers the default dose states (sets, hold_s, rest_s)",
            id="a-convention-the-dose-lacks",
        ),
        pytest.param(
            {"dose_conventions": "rest_s"},
            "dose_conventions",
            "rest_s",
            "must be a collection of DoseNumber values",
            id="not-a-collection",
        ),
    ],
)
def test_a_dose_account_that_cannot_be_true_is_refused(
    changes: dict[str, Any], field: str, value: object, reason: str
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Exercise(**{**_PLAIN, **changes})
    assert (info.value.field, info.value.value) == (field, value)
    assert info.value.reason.startswith(reason)


def test_a_source_names_dose_numbers_as_members() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Source(key="A2", url=_A2, dose_numbers={"sets"})
    assert info.value.field == "dose_numbers"
    assert ub.Source(key="A2", url=_A2).dose_numbers == frozenset()


def test_the_account_round_trips_and_a_bad_number_is_named_in_a_document() -> None:
    exercise = CATALOG["doorway-pec-stretch"]
    assert ub.loads(ub.dumps(exercise)) == exercise
    document = json.loads(ub.dumps(exercise))
    document["data"]["dose_conventions"] = ["rests"]
    with pytest.raises(ub.InvalidDocument) as info:
        ub.loads(json.dumps(document))
    assert "$.data.dose_conventions[0]" in str(info.value)
