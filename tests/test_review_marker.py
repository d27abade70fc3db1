"""Features no one has reviewed (``Exercise.unreviewed``) are screened as if present.

An imported exercise whose source cannot rule a safety feature out is never
called safe for a condition whose rules act on that feature: screening
excludes or modifies it, and says "not reviewed" (issue 17; DESIGN promise 5).
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst

CATALOG = ub.default_catalog()
BAND = CATALOG["band-pull-apart"]  # reviewed, no features: ok for every condition
RULES = {rule.id: rule for rule in ub.RULES}
SECOND_TRIMESTER = ub.Profile(conditions={ub.Condition.PREGNANCY_SECOND_TRIMESTER})


def unsure(*features: ub.Feature, exercise: ub.Exercise = BAND) -> ub.Exercise:
    return attrs.evolve(exercise, unreviewed=frozenset(features))


def test_built_in_exercises_are_reviewed() -> None:
    assert all(exercise.unreviewed == frozenset() for exercise in CATALOG)


def test_an_unreviewed_feature_is_excluded_as_if_present_and_says_not_reviewed() -> None:
    screened = ub.screen(unsure(ub.Feature.SUPINE), SECOND_TRIMESTER)
    assert screened.verdict is ub.Verdict.EXCLUDE
    assert [rule.id for rule in screened.rules] == ["pregnancy-supine"]
    assert screened.not_reviewed == {ub.Feature.SUPINE}
    (reason,) = screened.reasons
    assert reason.startswith(
        "Not reviewed: its source does not rule out supine, and no clinician has checked,"
        " so it is screened as if it did. "
    )
    assert reason.endswith(RULES["pregnancy-supine"].reason)
    # The same exercise, reviewed: it is not supine, and it is safe.
    assert ub.screen(unsure(ub.Feature.SUPINE).reviewed(), SECOND_TRIMESTER).verdict is (
        ub.Verdict.OK
    )


def test_an_unreviewed_feature_under_a_modifying_rule_is_flagged() -> None:
    radiculopathy = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    screened = ub.screen(unsure(ub.Feature.OVERHEAD), radiculopathy)
    assert screened.verdict is ub.Verdict.MODIFY
    assert screened.not_reviewed == {ub.Feature.OVERHEAD}
    assert "radiculopathy-overhead" in [rule.id for rule in screened.rules]
    assert screened.reasons[0].startswith("Not reviewed: its source does not rule out overhead")
    # The rule that matches every exercise is not a "not reviewed" one.
    assert not screened.reasons[1].startswith("Not reviewed")


def test_a_rule_met_by_a_reviewed_fact_is_not_marked_not_reviewed() -> None:
    # The ball arch is supine (reviewed); an unreviewed feature of the same rule adds nothing.
    arch = CATALOG["thoracic-extension-swiss-ball"]
    assert ub.Feature.SUPINE in arch.features
    item = unsure(ub.Feature.PRONE, exercise=arch)
    screened = ub.screen(item, SECOND_TRIMESTER)
    assert screened.not_reviewed == {ub.Feature.PRONE}
    assert RULES["pregnancy-supine"].not_reviewed(item) == frozenset()
    assert RULES["pregnancy-prone"].not_reviewed(item) == {ub.Feature.PRONE}
    assert RULES["osteoporosis-flexion-rotation"].not_reviewed(item) == frozenset()


@pytest.mark.parametrize(
    ("feature", "condition", "rule_id"),
    [
        (ub.Feature.END_RANGE_FLEXION, ub.Condition.OSTEOPOROSIS, "osteoporosis-flexion-rotation"),
        (ub.Feature.LOADED_FLEXION, ub.Condition.OSTEOPOROSIS, "osteoporosis-flexion-rotation"),
        (ub.Feature.NEEDS_BALANCE, ub.Condition.OSTEOPOROSIS, "osteoporosis-fall-risk"),
        (ub.Feature.BALLISTIC, ub.Condition.HYPERMOBILITY, "hypermobility-ballistic"),
        (ub.Feature.HANGING, ub.Condition.PREGNANCY_FIRST_TRIMESTER, "pregnancy-hanging"),
        (
            ub.Feature.SHOULDER_END_RANGE,
            ub.Condition.SHOULDER_INSTABILITY,
            "shoulder-instability-end-range",
        ),
        (ub.Feature.LOADED_NECK, ub.Condition.CERVICAL_RADICULOPATHY, "radiculopathy-loaded-neck"),
        (ub.Feature.END_RANGE_STRETCH, ub.Condition.ACUTE_INJURY, "acute-injury-end-range"),
    ],
)
def test_each_condition_excludes_what_it_cannot_rule_out(
    feature: ub.Feature, condition: ub.Condition, rule_id: str
) -> None:
    screened = ub.screen(unsure(feature), ub.Profile(conditions={condition}))
    assert screened.verdict is ub.Verdict.EXCLUDE
    assert rule_id in [rule.id for rule in screened.rules]
    assert screened.not_reviewed == {feature}


def test_a_clinicians_avoid_list_excludes_an_unreviewed_feature() -> None:
    person = ub.Profile(avoid_features={ub.Feature.UPRIGHT_ROW})
    screened = ub.screen(unsure(ub.Feature.UPRIGHT_ROW), person)
    assert screened.verdict is ub.Verdict.EXCLUDE
    assert screened.not_reviewed == {ub.Feature.UPRIGHT_ROW}


def test_a_catalog_without_a_feature_leaves_out_those_that_may_have_it() -> None:
    tuck = attrs.evolve(CATALOG["chin-tuck"], harder=None)
    catalog = ub.Catalog(exercises=[unsure(ub.Feature.SUPINE), tuck])
    assert catalog.where(without=ub.Feature.SUPINE).ids == ("chin-tuck",)
    assert catalog.where(features=ub.Feature.SUPINE).ids == ()


def test_reviewed_settles_every_unreviewed_feature() -> None:
    item = unsure(ub.Feature.SUPINE, ub.Feature.OVERHEAD)
    found = item.reviewed([ub.Feature.SUPINE])
    assert found.features == {ub.Feature.SUPINE}
    assert found.unreviewed == frozenset()
    assert item.reviewed().features == BAND.features
    with pytest.raises(ub.InvalidValue, match="'present'"):
        item.reviewed(["supine"])  # type: ignore[list-item]
    with pytest.raises(ub.InvalidValue, match="'present'"):
        item.reviewed("supine")  # type: ignore[arg-type]


def test_a_feature_is_known_or_unreviewed_never_both() -> None:
    with pytest.raises(ub.InvalidValue, match="'unreviewed' must not repeat a feature") as raised:
        attrs.evolve(
            CATALOG["chin-tuck-supine-head-lift"],
            unreviewed={ub.Feature.SUPINE, ub.Feature.PRONE},
        )
    assert "a feature is known or not reviewed: supine in both)" in str(raised.value)
    with pytest.raises(ub.InvalidValue, match="'unreviewed'"):
        attrs.evolve(BAND, unreviewed={"supine"})


def test_a_self_massage_is_never_possibly_loaded() -> None:
    roller = CATALOG["foam-roller-upper-back-release"]
    with pytest.raises(ub.InvalidValue, match="'unreviewed' must not include external_load"):
        attrs.evolve(roller, unreviewed={ub.Feature.EXTERNAL_LOAD})


def test_documents_keep_the_marker_and_omit_it_when_reviewed() -> None:
    item = unsure(ub.Feature.SUPINE, ub.Feature.BALLISTIC)
    text = ub.dumps(item)
    assert json.loads(text)["data"]["unreviewed"] == ["ballistic", "supine"]
    assert ub.loads(text) == item
    assert "unreviewed" not in json.loads(ub.dumps(BAND))["data"]
    assert "unreviewed" in ub.json_schema("exercise")["$defs"]["Exercise"]["properties"]
    routine = ub.Routine.of("Imported", main=[item])
    report = ub.screen(routine, SECOND_TRIMESTER)
    assert ub.loads(ub.dumps(report)) == report


def test_a_document_that_puts_a_feature_in_both_is_refused_with_its_path() -> None:
    data = json.loads(ub.dumps(CATALOG["chin-tuck-supine-head-lift"]))
    data["data"]["unreviewed"] = ["supine"]
    with pytest.raises(ub.InvalidDocument, match=r"\$\.data\.unreviewed: must not repeat"):
        ub.loads(json.dumps(data))


def test_a_saved_report_cannot_drop_a_not_reviewed_exclusion() -> None:
    routine = ub.Routine.of("Imported", main=[unsure(ub.Feature.SUPINE), CATALOG["chin-tuck"]])
    report = ub.screen(routine, SECOND_TRIMESTER)
    ok = ub.BlockScreen(block=report.blocks[0].block, verdict=ub.Verdict.OK)
    with pytest.raises(ub.InvalidValue, match=r"blocks\[0\]\.verdict"):
        attrs.evolve(report, blocks=(ok, report.blocks[1]))


rules = st.sampled_from(ub.RULES)


@settings(max_examples=60, deadline=None)
@given(ubst.exercises(), rules)
def test_an_unreviewed_feature_matches_as_a_present_one(
    exercise: ub.Exercise, rule: ub.Rule
) -> None:
    as_present = exercise.reviewed(exercise.unreviewed)
    assert rule.matches(exercise) == rule.matches(as_present)
    unsure_only = rule.not_reviewed(exercise)
    assert bool(unsure_only) == (rule.matches(exercise) and not rule.matches(exercise.reviewed()))
    assert unsure_only <= exercise.unreviewed & rule.features


@settings(max_examples=60, deadline=None)
@given(ubst.exercises(), ubst.profiles())
def test_screening_never_calls_safe_what_it_could_not_judge(
    exercise: ub.Exercise, profile: ub.Profile
) -> None:
    screened = ub.screen(exercise, profile)
    as_present = ub.screen(exercise.reviewed(exercise.unreviewed), profile)
    # Treated exactly as if every unreviewed feature were present ...
    assert screened.verdict is as_present.verdict
    assert [rule.id for rule in screened.rules] == [rule.id for rule in as_present.rules]
    # ... so no rule of the person's that acts on one of them is left out, and each says so.
    for rule in profile.rules():
        admitted = (not rule.kinds or exercise.kind in rule.kinds) and (
            not rule.levels or exercise.level in rule.levels
        )
        if admitted and not rule.features.isdisjoint(exercise.unreviewed):
            assert rule in screened.rules
            assert screened.verdict is not ub.Verdict.OK
    marked = [r.startswith("Not reviewed") for r in screened.reasons]
    assert marked == [bool(rule.not_reviewed(exercise)) for rule in screened.rules]
    assert screened.not_reviewed <= exercise.unreviewed


def test_every_face_says_not_reviewed() -> None:
    # The sheet, the command line and a prescription show the reason screening gave.
    from upperback.cli.screen import describe  # noqa: PLC0415 - the command line's own text

    doubtful = unsure(ub.Feature.SUPINE)
    routine = ub.Routine.of("Imported", main=[doubtful, CATALOG["chin-tuck"]])
    report = ub.screen(routine, SECOND_TRIMESTER)
    assert "Left out Band pull-apart: Not reviewed: its source does not rule out supine" in (
        ub.render.text(report)
    )
    assert "pregnancy-supine (exclude): Not reviewed: its source" in describe(report)
    catalog = ub.Catalog(exercises=[doubtful, attrs.evolve(CATALOG["chin-tuck"], harder=None)])
    band = ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.MEDIUM))
    prescription = ub.prescribe(routine, catalog, profile=SECOND_TRIMESTER, kit=band)
    assert any(
        change.reason.startswith("Not reviewed: its source does not rule out supine")
        for change in prescription.changes
    )
