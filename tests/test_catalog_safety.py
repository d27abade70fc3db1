"""The built-in catalog and the safety rules, reviewed together against DOMAIN.md §8.

Two tables pin what a person with each condition is spared: the safety
features of every built-in exercise, and the verdict screening gives the
exercises DOMAIN.md §8 names for each condition. A data edit that drops a
feature, or a rule edit that stops matching, fails here by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import upperback as ub
from tests._shared import shared_file

CATALOG = ub.default_catalog()
F = ub.Feature
C = ub.Condition
V = ub.Verdict

# Every safety feature of every built-in exercise (DOMAIN.md §7 number in the
# comment). Exercises §8 names are pinned for what its "Features to exclude/flag"
# column matches on; the others are pinned too, so a new feature is a reviewed
# change rather than a silent one.
FEATURES: dict[str, frozenset[ub.Feature]] = {
    # §7.1 thoracic mobility / stretches
    "cat-camel": frozenset({F.END_RANGE_FLEXION, F.HANDS_WEIGHT_BEARING, F.KNEELING}),  # 1
    "thread-the-needle": frozenset(  # 2
        {F.END_RANGE_ROTATION, F.END_RANGE_STRETCH, F.HANDS_WEIGHT_BEARING, F.KNEELING}
    ),
    "quadruped-thoracic-rotation": frozenset({F.HANDS_WEIGHT_BEARING, F.KNEELING}),  # 3
    "open-book": frozenset({F.END_RANGE_ROTATION}),  # 4
    "seated-thoracic-rotation": frozenset({F.END_RANGE_ROTATION}),  # 5
    "seated-thoracic-rotation-swiss-ball": frozenset({F.UNSTABLE_SURFACE, F.NEEDS_BALANCE}),
    "childs-pose": frozenset(  # 6
        {F.END_RANGE_FLEXION, F.END_RANGE_STRETCH, F.KNEELING, F.OVERHEAD}
    ),
    "kneeling-lat-stretch-swiss-ball": frozenset(  # 7
        {F.UNSTABLE_SURFACE, F.KNEELING, F.OVERHEAD, F.END_RANGE_STRETCH}
    ),
    "lateral-stretch-swiss-ball": frozenset(  # 8: lower knee on the floor
        {F.UNSTABLE_SURFACE, F.NEEDS_BALANCE, F.KNEELING, F.OVERHEAD, F.END_RANGE_STRETCH}
    ),
    "seated-thoracic-extension-chair": frozenset(),  # 9
    "thoracic-extension-swiss-ball": frozenset(  # 10
        {F.SUPINE, F.UNSTABLE_SURFACE, F.NEEDS_BALANCE, F.END_RANGE_STRETCH}
    ),
    "thoracic-extension-foam-roller": frozenset({F.SUPINE}),  # 11
    "thoracic-extension-towel-roll": frozenset({F.SUPINE}),  # 11's regression [E12]
    "upper-back-reach-stretch": frozenset({F.END_RANGE_FLEXION}),  # 12
    # §7.2 chest / shoulder / neck stretches
    "doorway-pec-stretch": frozenset({F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH}),  # 13
    "cross-body-shoulder-stretch": frozenset({F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH}),  # 14
    "sleeper-stretch": frozenset({F.SHOULDER_END_RANGE, F.END_RANGE_STRETCH}),  # 15
    "towel-shoulder-stretch": frozenset(  # 16
        {F.SHOULDER_END_RANGE, F.OVERHEAD, F.END_RANGE_STRETCH}
    ),
    "upper-trapezius-stretch": frozenset({F.NECK_SIDE_BEND}),  # 17
    "levator-scapulae-stretch": frozenset(  # 18
        {F.NECK_SIDE_BEND, F.NECK_ROTATION, F.END_RANGE_STRETCH}
    ),
    # §7.3 strengthening / motor control
    "chin-tuck": frozenset(),  # 19
    "chin-tuck-supine-head-lift": frozenset({F.SUPINE}),  # 19's progression [E19c*]
    "wall-angel": frozenset({F.OVERHEAD}),  # 20
    "prone-y-t-w": frozenset({F.PRONE, F.OVERHEAD}),  # 21
    "prone-i-y-t-w-swiss-ball": frozenset(  # 22
        {F.PRONE, F.OVERHEAD, F.UNSTABLE_SURFACE, F.NEEDS_BALANCE}
    ),
    "prone-cobra": frozenset({F.PRONE}),  # 23
    "band-pull-apart": frozenset(),  # 24
    "band-row-seated": frozenset(),  # 25
    "seated-band-row-swiss-ball": frozenset({F.UNSTABLE_SURFACE, F.NEEDS_BALANCE}),  # 25 on a ball
    "wall-push-up-plus": frozenset({F.HANDS_WEIGHT_BEARING}),  # 26
    "kneeling-push-up-plus": frozenset({F.HANDS_WEIGHT_BEARING, F.KNEELING}),  # 26
    "push-up-plus": frozenset({F.HANDS_WEIGHT_BEARING}),  # 26
    # Added with schema 2's vocabulary
    "prone-row": frozenset({F.PRONE}),  # 23's regression [E27*]
    "prone-y-light-weight": frozenset({F.PRONE, F.OVERHEAD, F.EXTERNAL_LOAD}),  # 21 loaded [E14]
    "band-row-single-arm": frozenset(),  # 25, one arm [E17]
    "foam-roller-upper-back-release": frozenset({F.SUPINE}),  # §6 foam roller [E12b*]
}


def test_every_built_in_exercise_has_its_features_pinned() -> None:
    assert set(FEATURES) == {exercise.id for exercise in CATALOG}


@pytest.mark.parametrize(("exercise_id", "features"), FEATURES.items(), ids=list(FEATURES))
def test_safety_features(exercise_id: str, features: frozenset[ub.Feature]) -> None:
    found = CATALOG[exercise_id].features
    assert features - found == set(), f"{exercise_id} lost {sorted(features - found)}"
    assert found - features == set(), f"{exercise_id} gained {sorted(found - features)}"


# -- screening the whole catalog, condition by condition (DOMAIN.md §8, §5.4) ------

BALL = frozenset(e.id for e in CATALOG if ub.PropKind.SWISS_BALL in e.required_props)
STRETCHES = frozenset(e.id for e in CATALOG if e.kind.is_stretch)
SUPINE = frozenset(
    {
        "thoracic-extension-foam-roller",
        "thoracic-extension-swiss-ball",
        "chin-tuck-supine-head-lift",
        "thoracic-extension-towel-roll",
        "foam-roller-upper-back-release",
    }
)
PRONE = frozenset(
    {"prone-y-t-w", "prone-i-y-t-w-swiss-ball", "prone-cobra", "prone-row", "prone-y-light-weight"}
)


def verdicts(*conditions: ub.Condition) -> dict[str, ub.BlockScreen]:
    profile = ub.Profile(conditions=frozenset(conditions))
    return {exercise.id: ub.screen(exercise, profile) for exercise in CATALOG}


def changed(item: ub.BlockScreen) -> ub.Block:
    assert item.verdict is V.MODIFY, item.block.exercise.id
    assert item.modified is not None
    return item.modified


def excluded(screens: dict[str, ub.BlockScreen]) -> frozenset[str]:
    return frozenset(i for i, s in screens.items() if s.verdict is V.EXCLUDE)


def test_the_ball_and_stretch_groups_are_what_the_fact_sheet_names() -> None:
    # §8 balance impairment names #7, #8, #10 and #22; the catalog adds two seated ones.
    assert {
        "kneeling-lat-stretch-swiss-ball",
        "lateral-stretch-swiss-ball",
        "thoracic-extension-swiss-ball",
        "prone-i-y-t-w-swiss-ball",
    } <= BALL
    assert len(BALL) == 6
    assert "doorway-pec-stretch" in STRETCHES


def test_osteoporosis() -> None:
    # End-range/loaded flexion, end-range rotation, balls [C1][C2][C3][C4][B11*].
    found = excluded(verdicts(C.OSTEOPOROSIS))
    flexion = {"cat-camel", "childs-pose", "upper-back-reach-stretch"}
    rotation = {"thread-the-needle", "seated-thoracic-rotation", "open-book"}
    assert found == flexion | rotation | BALL
    # Extension is favoured [C1][C4]; strengthening is kept.
    for kept in (
        "chin-tuck",
        "wall-angel",
        "band-pull-apart",
        "band-row-seated",
        "prone-y-t-w",
        "prone-cobra",
        "seated-thoracic-extension-chair",
        "thoracic-extension-foam-roller",
    ):
        assert kept not in found, kept


@pytest.mark.parametrize("trimester", [C.PREGNANCY_SECOND_TRIMESTER, C.PREGNANCY_THIRD_TRIMESTER])
def test_pregnancy_after_the_first_trimester(trimester: ub.Condition) -> None:
    screens = verdicts(trimester)
    found = excluded(screens)
    # Supine [C5*][C6*], prone [C6c*] (the full push-up is face down), balls [C5*][B12*].
    assert found == SUPINE | PRONE | BALL | {"push-up-plus"}
    for kept in ("chin-tuck", "wall-angel", "band-pull-apart", "band-row-seated"):
        assert screens[kept].verdict is V.OK, kept
    # Stretching to the limit and end-range spinal movement are flagged [C5c*][C8*].
    for flagged in ("thread-the-needle", "doorway-pec-stretch", "cat-camel", "open-book"):
        assert any("never to the limit" in cue for cue in changed(screens[flagged]).cues), flagged


def test_pregnancy_first_trimester_keeps_lying_down() -> None:
    # The supine limit is 16–20 weeks [C6*][C6b*]; balls are out from the start [C5*][B12*].
    found = excluded(verdicts(C.PREGNANCY_FIRST_TRIMESTER))
    assert found == BALL
    assert not ((SUPINE | PRONE) - BALL) & found


def test_hypermobility_caps_every_stretch_and_flags_end_range() -> None:
    screens = verdicts(C.HYPERMOBILITY)
    assert excluded(screens) == frozenset()
    flagged = {i for i, s in screens.items() if s.verdict is V.MODIFY}
    end_range = {
        e.id
        for e in CATALOG
        if e.features & {F.END_RANGE_STRETCH, F.END_RANGE_FLEXION, F.END_RANGE_ROTATION}
    }
    assert flagged == STRETCHES | end_range  # [C9*]
    for exercise_id in STRETCHES:
        dose = changed(screens[exercise_id]).dose
        assert dose.hold_s is not None
        assert dose.hold_s <= 30  # [C9*][A2]
    for kept in ("chin-tuck", "prone-y-t-w", "band-pull-apart", "wall-push-up-plus"):
        assert screens[kept].verdict is V.OK, kept  # strengthening is preferred [C9*][C9b]


def test_acute_injury() -> None:
    screens = verdicts(C.ACUTE_INJURY)
    assert excluded(screens) == STRETCHES  # [C10][C13*]
    for exercise_id, item in screens.items():
        if exercise_id not in STRETCHES:
            assert changed(item).dose.max_pain == 3  # [C10][P9*]


def test_recent_surgery_excludes_everything() -> None:
    assert excluded(verdicts(C.RECENT_SURGERY)) == {e.id for e in CATALOG}  # [E23][E10c*]


def test_balance_impairment() -> None:
    found = excluded(verdicts(C.BALANCE_IMPAIRMENT))
    assert found == BALL  # [B11*][B12*][B13*]
    for kept in ("wall-angel", "chin-tuck", "seated-thoracic-extension-chair"):
        assert kept not in found


def test_cervical_radiculopathy() -> None:
    screens = verdicts(C.CERVICAL_RADICULOPATHY)
    assert excluded(screens) == {"upper-trapezius-stretch", "levator-scapulae-stretch"}
    # Chin tucks are used early [C11*], within 0–3/10.
    assert changed(screens["chin-tuck"]).dose.max_pain == 3
    # Overhead work is kept light and small (derived from [C11*][C11b*]).
    assert any("overhead work unloaded" in cue for cue in changed(screens["wall-angel"]).cues)


def test_shoulder_instability() -> None:
    found = excluded(verdicts(C.SHOULDER_INSTABILITY))
    # Doorway and towel stretches [E6e*][E23], and end-range shoulder stretches.
    shoulder = {
        "doorway-pec-stretch",
        "towel-shoulder-stretch",
        "sleeper-stretch",
        "cross-body-shoulder-stretch",
    }
    assert shoulder <= found
    # Known over-reach: the doorway/towel rule cannot tell a towel under the
    # spine from one behind the back, so the towel-roll extension goes too.
    assert found == shoulder | {"thoracic-extension-towel-roll"}
    for kept in ("wall-angel", "band-pull-apart", "chin-tuck"):
        assert kept not in found


@pytest.mark.parametrize("exercise", [e for e in CATALOG if e.id in BALL], ids=sorted(BALL))
def test_every_ball_exercise_asks_for_supervision_with_poor_balance(exercise: ub.Exercise) -> None:
    assert any("supervising" in text for text in exercise.precautions)  # [B12*][B10]


# -- sources: the rules' keys, and the catalog's keys with their addresses ---------

DOMAIN = Path(__file__).parents[2] / "shared/DOMAIN.md"
_TOKEN = re.compile(
    r"(?:^- |; )(?P<key>[A-Z][0-9]{1,2}[a-z]?\*?)(?=[ :])|(?P<url>https?://[^\s;]+)"
)


def fact_sheet_sources() -> tuple[set[str], dict[str, str]]:
    """Every key of DOMAIN.md §11, and the key each address is listed under."""
    text = DOMAIN.read_text(encoding="utf-8")
    section = text[text.index("## 11. Sources") : text.index("## 12.")]
    keys: set[str] = set()
    owners: dict[str, str] = {}
    for line in section.splitlines():
        key = None
        for token in _TOKEN.finditer(line):
            if token["key"]:
                key = token["key"]
                keys.add(key)
            elif key is not None:
                owners.setdefault(token["url"], key)
    return keys, owners


def test_rule_sources_are_fact_sheet_keys() -> None:
    shared_file("DOMAIN.md")
    keys, _ = fact_sheet_sources()
    for rule in ub.RULES:
        assert set(rule.sources) <= keys, rule.id
        for cited in re.findall(r"\[([A-Z][0-9]{1,2}[a-z]?\*?)\]", rule.reason):
            assert cited in rule.sources, (rule.id, cited)  # reported with the verdict


def test_each_catalog_source_has_exactly_its_fact_sheet_key() -> None:
    shared_file("DOMAIN.md")
    # Stricter than a substring: "E16" for an "E16*" address (a dropped star) fails.
    _, owners = fact_sheet_sources()
    for exercise in CATALOG:
        for source in exercise.sources:
            assert owners.get(source.url) == source.key, (exercise.id, source.key, source.url)


# Each precaution DOMAIN.md names is traceable to its source in the exercise's own list.
PRECAUTION_SOURCES = [
    # (which exercises, words in a precaution, the keys it rests on)
    (BALL, "check the ball", {"B10"}),  # inspect, level clear floor [B7][B10]
    (BALL, "supervising", {"B12*"}),  # poor balance [B12*][B10]
    (BALL, "physiotherapist or doctor", {"B12*"}),  # injury, illness, pregnancy [B12*]
    (
        frozenset(e.id for e in CATALOG if ub.PropKind.RESISTANCE_BAND in e.required_props),
        "eye protection",
        {"D1c"},
    ),
    (frozenset({"levator-scapulae-stretch"}), "dizzy", {"E21c*"}),
    (
        frozenset({"thoracic-extension-foam-roller", "foam-roller-upper-back-release"}),
        "never under the lower back",
        {"E12b*"},
    ),
    (frozenset({"towel-shoulder-stretch"}), "shoulder problems", {"E23"}),
    (frozenset({"doorway-pec-stretch"}), "dislocated", {"E6e*"}),
]


@pytest.mark.parametrize(
    ("exercise_ids", "words", "keys"),
    PRECAUTION_SOURCES,
    ids=[words for _, words, _ in PRECAUTION_SOURCES],
)
def test_precautions_are_present_and_sourced(
    exercise_ids: frozenset[str], words: str, keys: set[str]
) -> None:
    assert exercise_ids
    for exercise_id in exercise_ids:
        exercise = CATALOG[exercise_id]
        text = " ".join((*exercise.precautions, *exercise.cues)).lower()
        assert words in text, exercise_id
        assert keys <= {source.key for source in exercise.sources}, exercise_id
