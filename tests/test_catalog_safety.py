"""The built-in catalog and the safety rules, reviewed together against DOMAIN.md §8.

Two tables pin what a person with each condition is spared: the safety
features of every built-in exercise, and the verdict screening gives the
exercises DOMAIN.md §8 names for each condition. A data edit that drops a
feature, or a rule edit that stops matching, fails here by name. The keys
in the comments are the fact sheet's; the tests check the shipped data, never
the sheet, which does not ship.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

import upperback as ub

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
    "thoracic-extension-towel-roll": frozenset({F.SUPINE}),  # 11's regression [E12*]
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
    "chin-tuck-supine-head-lift": frozenset({F.SUPINE}),  # 19's progression [E19*]
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
    "prone-row": frozenset({F.PRONE}),  # 23's regression (a convention)
    "prone-y-light-weight": frozenset({F.PRONE, F.OVERHEAD, F.EXTERNAL_LOAD}),  # 21 loaded
    "band-row-single-arm": frozenset(),  # 25, one arm [E17]
    "foam-roller-upper-back-release": frozenset({F.SUPINE}),  # §6 foam roller [E12*]
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
    # End-range/loaded flexion, end-range rotation, balls [C1][C2][C3][C4][B10].
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
    # Supine [C6][C5], prone [C6c*] (the full push-up is face down), balls [C5][E23].
    assert found == SUPINE | PRONE | BALL | {"push-up-plus"}
    for kept in ("chin-tuck", "wall-angel", "band-pull-apart", "band-row-seated"):
        assert screens[kept].verdict is V.OK, kept
    # Stretching to the limit and end-range spinal movement are flagged [C8*].
    for flagged in ("thread-the-needle", "doorway-pec-stretch", "cat-camel", "open-book"):
        assert any("never to the limit" in cue for cue in changed(screens[flagged]).cues), flagged


def test_pregnancy_first_trimester_keeps_lying_down() -> None:
    # Supine: after 16 weeks [C6]; balls are out from the start [C5][E23].
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
    assert excluded(screens) == STRETCHES  # [C10]
    for exercise_id, item in screens.items():
        if exercise_id not in STRETCHES:
            assert changed(item).dose.max_pain == 3  # [C10]; 3/10 is a convention


def test_recent_surgery_excludes_everything() -> None:
    assert excluded(verdicts(C.RECENT_SURGERY)) == {e.id for e in CATALOG}  # [E23]


def test_balance_impairment() -> None:
    found = excluded(verdicts(C.BALANCE_IMPAIRMENT))
    assert found == BALL  # [B10]
    for kept in ("wall-angel", "chin-tuck", "seated-thoracic-extension-chair"):
        assert kept not in found


def test_cervical_radiculopathy() -> None:
    screens = verdicts(C.CERVICAL_RADICULOPATHY)
    assert excluded(screens) == {"upper-trapezius-stretch", "levator-scapulae-stretch"}
    # Chin tucks are used early [C11], within 0–3/10 (a convention).
    assert changed(screens["chin-tuck"]).dose.max_pain == 3
    # Overhead work is kept light and small (derived from [C11]).
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
    assert any("supervising" in text for text in exercise.precautions)  # [B10]


# -- no weights on the ball, for anyone (DOMAIN.md §5.4) [B7][B10] ---------------

WEIGHTS = {
    ub.PropKind.DUMBBELL,
    ub.PropKind.KETTLEBELL,
    ub.PropKind.WEIGHT_PLATE,
    ub.PropKind.BARBELL,
}


@pytest.mark.parametrize("exercise", [e for e in CATALOG if e.id in BALL], ids=sorted(BALL))
def test_no_ball_exercise_holds_a_weight(exercise: ub.Exercise) -> None:
    assert ub.Feature.EXTERNAL_LOAD not in exercise.features
    assert not {need.kind for need in exercise.props} & WEIGHTS  # not even as an option


def _loaded(exercise: ub.Exercise, **changes: Any) -> ub.Exercise:
    return attrs.evolve(exercise, id=f"{exercise.id}-loaded", **changes)


@pytest.mark.parametrize(
    "loaded",
    [
        _loaded(
            CATALOG["prone-i-y-t-w-swiss-ball"],
            features=CATALOG["prone-i-y-t-w-swiss-ball"].features | {F.EXTERNAL_LOAD},
        ),
        _loaded(
            CATALOG["seated-band-row-swiss-ball"],
            props=(*CATALOG["seated-band-row-swiss-ball"].props, ub.PropNeed.named("dumbbell")),
        ),
    ],
    ids=["loaded", "with-dumbbells"],
)
def test_an_exercise_with_weights_on_a_ball_is_screened_out_for_everyone(
    loaded: ub.Exercise,
) -> None:
    for profile in (ub.Profile(), ub.Profile(conditions={C.HYPERMOBILITY})):
        item = ub.screen(loaded, profile)
        assert item.verdict is V.EXCLUDE
        assert [rule.id for rule in item.rules if rule.action is ub.Action.EXCLUDE] == [
            "swiss-ball-no-weights"
        ]
        assert item.sources == ("B10", "B7")
        assert "No weights on the ball" in item.reasons[-1]


def test_weights_or_a_ball_alone_are_not_screened_out() -> None:
    everyone = ub.Profile()
    assert ub.screen(CATALOG["prone-y-light-weight"], everyone).verdict is V.OK
    assert ub.screen(CATALOG["prone-i-y-t-w-swiss-ball"], everyone).verdict is V.OK
    assert {e.id for e in CATALOG if ub.screen(e, everyone).verdict is not V.OK} == set()


def test_rule_reasons_cite_only_their_own_sources() -> None:
    for rule in ub.RULES:
        for cited in re.findall(r"\[([A-Z][0-9]{1,2}[a-z]?\*?)\]", rule.reason):
            assert cited in rule.sources, (rule.id, cited)  # reported with the verdict
        # A number no source gives is marked, and the reason says so.
        assert (rule.convention is not None) is (ub.CONVENTION in rule.reason), rule.id


def test_pregnancy_advice_marks_what_is_not_yet_confirmed() -> None:
    # ACOG CO 804 [C5] replaced the 2002 opinion; its wording on supine
    # exercise and falls is not yet confirmed, so the rules say UNVERIFIED.
    by_id = {rule.id: rule for rule in ub.RULES}
    for rule_id in ("pregnancy-supine", "pregnancy-fall-risk", "pregnancy-hanging"):
        rule = by_id[rule_id]
        assert "C5" in rule.sources
        assert "UNVERIFIED" in rule.reason
    assert "16 weeks [C6]" in by_id["pregnancy-supine"].reason


# Each precaution DOMAIN.md names is traceable to its source in the exercise's own list.
PRECAUTION_SOURCES = [
    # (which exercises, words in a precaution, the keys it rests on)
    (BALL, "check the ball", {"B10", "B7"}),  # inspect, level clear floor [B7][B10]
    (BALL, "supervising", {"B10"}),  # poor balance [B10]
    (BALL, "physiotherapist or doctor", {"E23", "C5"}),  # injury, surgery, pregnancy §5.4
    (
        frozenset(e.id for e in CATALOG if ub.PropKind.RESISTANCE_BAND in e.required_props),
        "eye protection",
        {"D1c"},
    ),
    # Dizziness in a neck stretch: stop and seek advice (§7 #18, §8) [R4][R17].
    (
        frozenset({"levator-scapulae-stretch", "upper-trapezius-stretch"}),
        "dizzy",
        {"R4", "R17"},
    ),
    (
        frozenset({"thoracic-extension-foam-roller", "foam-roller-upper-back-release"}),
        "never under the lower back",
        {"E12*"},
    ),
    (SUPINE, "16 weeks of pregnancy", {"C6"}),  # §8 [C6]
    (PRONE, "later in pregnancy", {"C6c*"}),  # §8 [C6c*]
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


def test_the_ball_care_is_the_makers() -> None:
    # §5.2 and §5.4: inflate as the ball's own instructions say [B5][B7], the
    # TheraGuard maker's staged inflation [B5], no over-inflation [B10], no
    # weights on the ball [B7][B10]; each step names its sources.
    care = " ".join(ub.BALL_CARE)
    assert ub.BALL_CARE[0] == "Inflate the ball as its own instructions say [B5][B7]."
    for words in ("about 80%", "at least 4 hours", "after 24 hours [B5]", "over-inflate"):
        assert words in care
    assert "No weights on the ball" in care
    for text in ub.BALL_CARE:
        assert re.search(r"\[[A-Z][0-9]+\*?\]\.$", text), text
