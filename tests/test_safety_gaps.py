"""Behaviour the mutation run of the safety package found untested (issue 8).

Each test pins a decision a mutant changed without any other test failing:
the order of verdicts, the superset collapse boundary, every trigger of a
rule, every kind a pain cap applies to, and the stricter triage ceiling.
"""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from tests.test_safety import ball, exercise, person
from upperback import strategies as ubst
from upperback.safety import (
    FINDINGS,
    Finding,
    findings,
    next_morning_ceiling,
    pain_ceiling,
    pain_findings,
)

C = ub.Condition
F = ub.Feature
L = ub.AdviceLevel
CODE = ub.AdviceCode
STRETCH = ub.ExerciseKind.STATIC_STRETCH
PREGNANT = [C.PREGNANCY_FIRST_TRIMESTER, C.PREGNANCY_SECOND_TRIMESTER, C.PREGNANCY_THIRD_TRIMESTER]
LATER = PREGNANT[1:]

# The clinical order of advice, written out here independently of the code.
ORDER = ["continue", "continue_with_care", "see_professional", "urgent", "emergency"]


# Verdicts ------------------------------------------------------------------------


def test_a_routine_with_one_excluded_and_one_modified_block_is_excluded() -> None:
    nerve = person(C.CERVICAL_RADICULOPATHY)
    neck = exercise(id="neck-stretch", kind=STRETCH, features={F.NECK_SIDE_BEND})
    tuck = exercise(id="chin-tuck")
    for blocks in ([neck, tuck], [tuck, neck]):
        report = ub.screen(ub.Routine.of("R", main=blocks), nerve)
        assert report.verdict is ub.Verdict.EXCLUDE
        assert [b.block.exercise.id for b in report.excluded] == ["neck-stretch"]
        assert [b.block.exercise.id for b in report.modified] == ["chin-tuck"]
        assert [b.exercise.id for b in report.safe_routine().blocks] == ["chin-tuck"]
    only_modified = ub.screen(ub.Routine.of("R", main=[tuck]), nerve)
    assert only_modified.verdict is ub.Verdict.MODIFY
    assert ub.screen(ub.Routine.of("R", main=[tuck]), ub.Profile()).verdict is ub.Verdict.OK


# The superset collapse -----------------------------------------------------------


def superset(*ids: str) -> ub.Section:
    return ub.Section(
        role=ub.SectionRole.MAIN,
        blocks=[ub.Block.of(exercise(id=i)) for i in ids],
        structure=ub.Structure.SUPERSET,
    )


@pytest.mark.parametrize(
    ("kept", "structure"),
    [(0, None), (1, ub.Structure.STRAIGHT), (2, ub.Structure.SUPERSET), (3, ub.Structure.SUPERSET)],
)
def test_a_superset_keeps_its_structure_from_two_blocks(
    kept: int, structure: ub.Structure | None
) -> None:
    section = superset("a", "b", "c")
    result = section.keeping(section.blocks[:kept])
    assert (result.structure if result else None) is structure
    if result is not None:
        assert result.blocks == section.blocks[:kept]


def test_screening_and_without_collapse_a_superset_the_same_way() -> None:
    ball_row = exercise(id="ball-row", props=ball())
    for ids, structure in (
        (("a", "b"), ub.Structure.STRAIGHT),
        (("a", "b", "c"), ub.Structure.SUPERSET),
    ):
        section = superset(*ids)
        section = attrs.evolve(section, blocks=(ub.Block.of(ball_row), *section.blocks[1:]))
        routine = ub.Routine(id="r", title="R", sections=[section])
        safe = ub.screen(routine, person(C.BALANCE_IMPAIRMENT)).safe_routine()
        assert safe.sections[0].structure is structure
        assert routine.without("ball-row") == safe
    circuit = ub.Section(
        role=ub.SectionRole.MAIN,
        blocks=[ub.Block.of(ball_row), ub.Block.of(exercise(id="a"))],
        structure=ub.Structure.CIRCUIT,
        rounds=2,
    )
    report = ub.screen(
        ub.Routine(id="r", title="R", sections=[circuit]), person(C.BALANCE_IMPAIRMENT)
    )
    assert report.safe_routine().sections[0].structure is ub.Structure.CIRCUIT


# Every trigger of a rule ---------------------------------------------------------


@pytest.mark.parametrize("trimester", LATER)
def test_pregnancy_prone_by_each_trigger(trimester: ub.Condition) -> None:
    prone_id = "pregnancy-prone"
    by_feature = exercise(features={F.PRONE})
    by_position = exercise(position=ub.Position.PRONE)
    for item in (by_feature, by_position):
        result = ub.screen(item, person(trimester))
        assert result.verdict is ub.Verdict.EXCLUDE
        assert prone_id in [rule.id for rule in result.rules]
        # The first trimester keeps lying face down.
        assert ub.screen(item, person(C.PREGNANCY_FIRST_TRIMESTER)).verdict is ub.Verdict.OK
    assert ub.screen(exercise(), person(trimester)).verdict is ub.Verdict.OK


FALL_RISK = {
    "pregnancy-fall-risk": PREGNANT,
    "osteoporosis-fall-risk": [C.OSTEOPOROSIS],
    "balance-unstable-surface": [C.BALANCE_IMPAIRMENT],
}


@pytest.mark.parametrize(
    ("rule_id", "condition"),
    [(rule_id, c) for rule_id, conditions in FALL_RISK.items() for c in conditions],
)
def test_fall_risk_rules_by_each_trigger(rule_id: str, condition: ub.Condition) -> None:
    triggers = [
        exercise(features={F.UNSTABLE_SURFACE}),
        exercise(features={F.NEEDS_BALANCE}),
        exercise(props=ball(required=True)),
    ]
    for item in triggers:
        result = ub.screen(item, person(condition))
        assert result.verdict is ub.Verdict.EXCLUDE
        assert rule_id in [rule.id for rule in result.rules]
    # A ball the exercise can be done without is no reason to leave it out.
    assert (
        ub.screen(exercise(props=ball(required=False)), person(condition)).verdict is ub.Verdict.OK
    )


@pytest.mark.parametrize("kind", list(ub.ExerciseKind))
@pytest.mark.parametrize("condition", [C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY])
def test_the_pain_cap_applies_to_every_kind(kind: ub.ExerciseKind, condition: ub.Condition) -> None:
    result = ub.screen(exercise(kind=kind), person(condition))
    if condition is C.ACUTE_INJURY and kind.is_stretch:
        assert result.verdict is ub.Verdict.EXCLUDE  # no stretching in the first days [C10]
        return
    assert result.modified is not None
    assert result.modified.dose.max_pain == 3  # a convention, stricter than [P7]
    assert result.modified.max_pain == 3


# AdviceLevel order ---------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), list(itertools.product(ORDER, repeat=2)))
def test_advice_levels_compare_by_urgency(a: str, b: str) -> None:
    left, right = L(a), L(b)
    i, j = ORDER.index(a), ORDER.index(b)
    assert (left < right) is (i < j)
    assert (left <= right) is (i <= j)
    assert (left > right) is (i > j)
    assert (left >= right) is (i >= j)
    # A level compares with a JSON value by urgency too, from either side.
    assert (left < b) is (i < j)
    assert (a < right) is (i < j)
    assert (left >= b) is (i >= j)
    assert (left == right) is (i == j)


def test_a_referral_is_never_below_itself() -> None:
    assert not L.SEE_PROFESSIONAL < L.SEE_PROFESSIONAL
    assert not L.URGENT > L.URGENT
    assert L.SEE_PROFESSIONAL <= L.SEE_PROFESSIONAL
    assert sorted(L, reverse=True) == [L(value) for value in reversed(ORDER)]
    assert max(L) is L.EMERGENCY
    assert min(L) is L.CONTINUE
    with pytest.raises(ub.InvalidValue, match="'other' must be an AdviceLevel"):
        _ = L.URGENT < 3


# The findings table and the pain gate --------------------------------------------


@given(
    ubst.symptom_reports(),
    ubst.safety_policies(),
    st.none() | ubst.profiles(kits=st.just(ub.Kit())),
)
def test_triage_gives_the_findings(
    report: ub.SymptomReport, policy: ub.SafetyPolicy, profile: ub.Profile | None
) -> None:
    advice = ub.triage(report, policy, profile=profile)
    assert advice.reasons == findings(report, policy, profile=profile)


pains = st.none() | st.integers(0, 10)


@given(
    pains,
    pains,
    st.integers(0, 10),
    st.none() | ubst.profiles(kits=st.just(ub.Kit())),
    ubst.safety_policies(),
)
@example(5, 3, 3, None, ub.DEFAULT_POLICY)  # every threshold, just within
@example(6, 4, 4, None, ub.DEFAULT_POLICY)  # every threshold, just past
@example(4, None, 0, person(C.ACUTE_INJURY), ub.DEFAULT_POLICY)
@example(4, None, 0, person(C.CERVICAL_RADICULOPATHY), ub.SafetyPolicy(pain_ceiling=2))
def test_the_pain_gate_and_triage_agree(
    after: int | None,
    morning: int | None,
    days_worse: int,
    profile: ub.Profile | None,
    policy: ub.SafetyPolicy,
) -> None:
    gate = pain_findings(
        pain_after_exercise=after,
        pain_next_morning=morning,
        days_worse_after_exercise=days_worse,
        profile=profile,
        policy=policy,
    )
    report = ub.SymptomReport(
        days_since_onset=0,
        trend=ub.Trend.BETTER,
        pain_now=0,
        pain_after_exercise=after,
        pain_next_morning=morning,
        days_worse_after_exercise=days_worse,
    )
    assert gate == ub.triage(report, policy, profile=profile).reasons
    ceiling = pain_ceiling(profile, policy)
    assert (after is not None and after > ceiling) is (
        CODE.PAIN_ABOVE_CEILING in {r.code for r in gate}
    )
    settled = next_morning_ceiling(profile, policy)
    assert (morning is not None and morning > settled) is (
        CODE.NOT_SETTLED_NEXT_MORNING in {r.code for r in gate}
    )


@pytest.mark.parametrize("condition", list(C))
def test_the_pain_ceiling_of_each_condition(condition: ub.Condition) -> None:
    stricter = condition in {C.CERVICAL_RADICULOPATHY, C.ACUTE_INJURY}  # a convention; [C10]
    assert pain_ceiling(person(condition)) == (3 if stricter else 5)
    assert pain_ceiling(person(condition), ub.SafetyPolicy(pain_ceiling=2)) == 2
    assert next_morning_ceiling(person(condition)) == 3
    assert next_morning_ceiling(policy=ub.SafetyPolicy(settled_pain=1)) == 1
    assert pain_ceiling() == 5


def test_acute_injury_has_the_stricter_triage_ceiling() -> None:
    report = ub.SymptomReport(days_since_onset=2, trend=ub.Trend.BETTER, pain_after_exercise=4)
    assert ub.triage(report).level is L.CONTINUE
    advice = ub.triage(report, profile=person(C.ACUTE_INJURY))
    assert (advice.level, advice.code) == (L.CONTINUE_WITH_CARE, CODE.PAIN_ABOVE_CEILING)
    assert "above 3/10" in advice.reasons[0].text
    at_rest = ub.SymptomReport(days_since_onset=2, trend=ub.Trend.BETTER, pain_now=4)
    assert ub.triage(at_rest, profile=person(C.ACUTE_INJURY)).level is L.CONTINUE_WITH_CARE
    at_three = ub.SymptomReport(days_since_onset=2, trend=ub.Trend.BETTER, pain_after_exercise=3)
    assert ub.triage(at_three, profile=person(C.ACUTE_INJURY)).level is L.CONTINUE


def test_unknown_pain_is_not_no_pain() -> None:
    # The conservative reading: osteoporosis back pain is referred [C1] unless
    # the report says the pain is 0 now and getting better; not saying is not 0.
    bones = person(C.OSTEOPOROSIS)
    unknown = ub.SymptomReport(days_since_onset=1, trend=ub.Trend.BETTER)
    assert ub.triage(unknown, profile=bones).code is CODE.OSTEOPOROSIS_BACK_PAIN
    none_now = ub.SymptomReport(days_since_onset=1, trend=ub.Trend.BETTER, pain_now=0)
    assert ub.triage(none_now, profile=bones).level is L.CONTINUE
    same = ub.SymptomReport(days_since_onset=1, trend=ub.Trend.SAME, pain_now=0)
    assert ub.triage(same, profile=bones).level is L.SEE_PROFESSIONAL
    # An unknown pain raises no pain finding of its own.
    assert pain_findings() == ()


def test_the_findings_table() -> None:
    gate = {finding.code for finding in FINDINGS if finding.pain_gate}
    assert gate == {
        CODE.WORSE_AFTER_EXERCISE,
        CODE.PAIN_ABOVE_CEILING,
        CODE.NOT_SETTLED_NEXT_MORNING,
    }
    for finding in FINDINGS:
        assert finding.sources
        assert finding.level in {L.CONTINUE_WITH_CARE, L.SEE_PROFESSIONAL}
    with pytest.raises(ub.InvalidValue, match="'check' must be callable"):
        Finding(code=CODE.GETTING_WORSE, level=L.CONTINUE, sources=(), check=3)  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'pain_gate' must be a bool"):
        Finding(
            code=CODE.GETTING_WORSE,
            level=L.CONTINUE,
            sources=(),
            check=lambda *_: (),
            pain_gate=1,  # type: ignore[arg-type]
        )
    with pytest.raises(ub.InvalidValue, match="'pain_after_exercise' must be"):
        pain_findings(pain_after_exercise=11)
    with pytest.raises(ub.InvalidValue, match="'profile' must be a Profile"):
        pain_ceiling("osteoporosis")  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'policy' must be a SafetyPolicy"):
        next_morning_ceiling(policy=5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "limit", "code"),
    [
        ("days_since_onset", "max_symptom_days", CODE.SYMPTOMS_PAST_CEILING),
        ("days_worse_after_exercise", "max_days_worse_after_exercise", CODE.WORSE_AFTER_EXERCISE),
        ("pain_now", "pain_ceiling", CODE.PAIN_ABOVE_CEILING),
        ("pain_after_exercise", "pain_ceiling", CODE.PAIN_ABOVE_CEILING),
        ("pain_next_morning", "settled_pain", CODE.NOT_SETTLED_NEXT_MORNING),
    ],
)
@pytest.mark.parametrize(
    "policy",
    [
        ub.DEFAULT_POLICY,
        ub.SafetyPolicy(
            pain_ceiling=2,
            settled_pain=1,
            max_days_worse_after_exercise=1,
            not_improving_days=7,
            max_symptom_days=10,
        ),
    ],
)
def test_each_threshold_is_strictly_above(
    field: str, limit: str, code: ub.AdviceCode, policy: ub.SafetyPolicy
) -> None:
    threshold = getattr(policy, limit)

    def report(value: int) -> ub.SymptomReport:
        fields: dict[str, object] = {"days_since_onset": 0, "trend": ub.Trend.BETTER, field: value}
        return ub.SymptomReport(**fields)  # type: ignore[arg-type]

    assert code not in {r.code for r in ub.triage(report(threshold), policy).reasons}
    assert code in {r.code for r in ub.triage(report(threshold + 1), policy).reasons}


@pytest.mark.parametrize("policy", [ub.DEFAULT_POLICY, ub.SafetyPolicy(not_improving_days=7)])
def test_not_improving_from_the_day_of_the_limit(policy: ub.SafetyPolicy) -> None:
    days = policy.not_improving_days
    for trend in (ub.Trend.SAME, ub.Trend.WORSE):
        before = ub.SymptomReport(days_since_onset=days - 1, trend=trend)
        on = ub.SymptomReport(days_since_onset=days, trend=trend)
        assert CODE.NOT_IMPROVING not in {r.code for r in ub.triage(before, policy).reasons}
        assert CODE.NOT_IMPROVING in {r.code for r in ub.triage(on, policy).reasons}
    better = ub.SymptomReport(days_since_onset=days, trend=ub.Trend.BETTER)
    assert ub.triage(better, policy).level is L.CONTINUE


def test_the_documented_default_thresholds() -> None:
    # 5/10 ceiling [P7][P11*], settled by 3/10 (a convention), a few days [P11*],
    # two weeks [R3][R15], four weeks [R2*][R5]: as numbers, not names.
    def codes(**fields: object) -> set[ub.AdviceCode]:
        fields.setdefault("days_since_onset", 0)
        fields.setdefault("trend", ub.Trend.BETTER)
        return {r.code for r in ub.triage(ub.SymptomReport(**fields)).reasons}  # type: ignore[arg-type]

    assert CODE.PAIN_ABOVE_CEILING not in codes(pain_now=5)
    assert CODE.PAIN_ABOVE_CEILING in codes(pain_now=6)
    assert CODE.NOT_SETTLED_NEXT_MORNING not in codes(pain_next_morning=3)
    assert CODE.NOT_SETTLED_NEXT_MORNING in codes(pain_next_morning=4)
    assert CODE.WORSE_AFTER_EXERCISE not in codes(days_worse_after_exercise=3)
    assert CODE.WORSE_AFTER_EXERCISE in codes(days_worse_after_exercise=4)
    assert CODE.NOT_IMPROVING not in codes(days_since_onset=13, trend=ub.Trend.SAME)
    assert CODE.NOT_IMPROVING in codes(days_since_onset=14, trend=ub.Trend.SAME)
    assert CODE.SYMPTOMS_PAST_CEILING not in codes(days_since_onset=28)
    assert CODE.SYMPTOMS_PAST_CEILING in codes(days_since_onset=29)
    for field, loosest in (
        ("pain_ceiling", 5),
        ("settled_pain", 3),
        ("max_days_worse_after_exercise", 3),
        ("not_improving_days", 14),
        ("max_symptom_days", 28),
    ):
        assert getattr(ub.SafetyPolicy(**{field: loosest}), field) == loosest
        with pytest.raises(ub.InvalidValue, match="never looser"):
            ub.SafetyPolicy(**{field: loosest + 1})


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(PREGNANT, 2)))
def test_one_trimester_at_a_time(a: ub.Condition, b: ub.Condition) -> None:
    with pytest.raises(ub.InvalidValue, match="at most one pregnancy trimester"):
        person(a, b)
    assert [c for c in C if c.is_pregnancy] == PREGNANT


def test_the_nerve_pain_cue() -> None:
    # Nerve pain: 0-3/10, and stop if pain spreads down the arm (conventions).
    result = ub.screen(exercise(), person(C.CERVICAL_RADICULOPATHY))
    assert result.modified is not None
    [caution] = result.modified.cautions
    assert caution.rule == "radiculopathy-pain-ceiling"
    assert caution.max_pain == 3
    assert caution.cue is not None
    assert "spreads down the arm" in caution.cue
    injury = ub.screen(exercise(), person(C.ACUTE_INJURY))
    assert injury.modified is not None
    assert [c.cue is not None and "3/10" in c.cue for c in injury.modified.cautions] == [True]


def test_a_report_that_does_not_say_has_no_days_worse_after_exercise() -> None:
    strictest = ub.SafetyPolicy(max_days_worse_after_exercise=0)
    quiet = ub.SymptomReport(days_since_onset=0, trend=ub.Trend.BETTER)
    assert quiet.days_worse_after_exercise == 0
    assert ub.triage(quiet, strictest).level is L.CONTINUE
