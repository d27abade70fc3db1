"""Symptom reports, red flags and triage."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.safety.triage import MAX_DAYS

L = ub.AdviceLevel
CODE = ub.AdviceCode


def report(**kwargs: Any) -> ub.SymptomReport:
    base: dict[str, Any] = {"days_since_onset": 2, "trend": ub.Trend.BETTER}
    return ub.SymptomReport(**(base | kwargs))


# DOMAIN.md §4.2: the NHS sends chest pain and the cauda-equina group to 999 or
# A&E, and pain between the shoulder blades to an urgent GP appointment or 111
# [R3]; a violent injury is an emergency too, every other flag urgent (the
# cautious readings).
EMERGENCIES = {
    ub.RedFlag.CHEST_PAIN,
    ub.RedFlag.BLADDER_BOWEL_OR_SADDLE,
    ub.RedFlag.RECENT_TRAUMA,
}


@pytest.mark.parametrize("flag", list(ub.RedFlag))
def test_every_red_flag_refers_at_its_tier(flag: ub.RedFlag) -> None:
    advice = ub.triage(report(red_flags={flag}))
    assert advice.level is flag.level
    assert flag.level is (L.EMERGENCY if flag in EMERGENCIES else L.URGENT)
    assert advice.code is CODE.RED_FLAG
    assert flag.question in advice.reasons[0].text
    assert advice.sources == flag.sources
    assert flag.question.endswith("?")
    assert flag.sources


def test_the_nhs_tiers_rest_on_the_nhs_page() -> None:
    for flag in (
        *EMERGENCIES - {ub.RedFlag.RECENT_TRAUMA},
        ub.RedFlag.BETWEEN_SHOULDER_BLADES_WITH_SYMPTOMS,
    ):
        assert "R3" in flag.sources
    # The cauda-equina question covers all three of its signs.
    question = ub.RedFlag.BLADDER_BOWEL_OR_SADDLE.question
    for words in ("bladder or bowel", "genitals or buttocks", "both legs"):
        assert words in question


def test_emergencies_come_first_and_set_the_level() -> None:
    both = ub.triage(report(red_flags={ub.RedFlag.CHEST_PAIN, ub.RedFlag.SEVERE_MORNING_STIFFNESS}))
    assert [reason.level for reason in both.reasons] == [L.EMERGENCY, L.URGENT]
    assert both.level is L.EMERGENCY
    assert "999" in both.message


def test_each_referral_says_exactly_where_to_go() -> None:
    emergency = ub.triage(report(red_flags={ub.RedFlag.CHEST_PAIN})).message
    urgent = ub.triage(report(red_flags={ub.RedFlag.BETWEEN_SHOULDER_BLADES_WITH_SYMPTOMS})).message
    routine = ub.triage(report(days_since_onset=60)).message
    assert emergency.startswith("Stop exercising and call 999 or go to A&E now")
    assert "local emergency number" in emergency
    assert urgent.startswith("Stop exercising and get an urgent appointment today")
    assert "urgent appointment" in urgent
    assert "NHS 111" in urgent
    assert "999" not in urgent
    assert routine.startswith("Book a routine appointment with your GP or a physiotherapist")
    assert "urgent" not in routine
    assert "111" not in routine
    # No message is more frightening than the sources: none names a disease.
    for text in (emergency, urgent, routine):
        for word in ("cancer", "fracture", "infection", "cauda equina", "heart attack"):
            assert word not in text.lower()


def test_advice_of_every_tier_round_trips_and_old_advice_still_loads() -> None:
    for flag in (ub.RedFlag.CHEST_PAIN, ub.RedFlag.RECENT_INFECTION):
        advice = ub.triage(report(red_flags={flag}))
        assert ub.loads(ub.dumps(advice)) == advice
    # Advice saved before the emergency tier existed gave every red flag "urgent":
    # it still loads as it was saved (a record of what was said then).
    old: dict[str, Any] = {
        "upperback": 1,
        "kind": "advice",
        "data": {
            "level": "urgent",
            "code": "red_flag",
            "message": "Please stop exercising and contact a doctor today.",
            "reasons": [
                {
                    "code": "red_flag",
                    "level": "urgent",
                    "text": "Red flag: Do you have chest pain as well as the back pain?",
                    "sources": ["R3"],
                }
            ],
        },
    }
    loaded = ub.loads(json.dumps(old), ub.Advice)
    assert loaded.level is L.URGENT
    assert ub.to_dict(loaded)["data"] == old["data"]
    assert "emergency" in json.dumps(ub.json_schema("advice"))


def test_red_flag_questions_cover_domain_list() -> None:
    # DOMAIN.md §4.2: one question for each row (cancer probability is a
    # note on the cancer row, and "unchanged for 2-4 weeks" is a time rule).
    assert len(ub.RedFlag) == 15


# One row per threshold of DOMAIN.md §4.3 and §3.1.
CASES = [
    pytest.param({}, L.CONTINUE, CODE.NO_CONCERNS, id="all-well"),
    pytest.param(
        {"days_since_onset": 13, "trend": ub.Trend.SAME},
        L.CONTINUE,
        CODE.NO_CONCERNS,
        id="day-13-same",
    ),
    pytest.param(
        {"days_since_onset": 14, "trend": ub.Trend.SAME},
        L.SEE_PROFESSIONAL,
        CODE.NOT_IMPROVING,
        id="day-14-same",
    ),
    pytest.param(
        {"days_since_onset": 16, "trend": ub.Trend.SAME},
        L.SEE_PROFESSIONAL,
        CODE.NOT_IMPROVING,
        id="design-sketch",
    ),
    pytest.param(
        {"days_since_onset": 27, "trend": ub.Trend.BETTER},
        L.CONTINUE,
        CODE.NO_CONCERNS,
        id="day-27-improving",
    ),
    pytest.param(
        {"days_since_onset": 29, "trend": ub.Trend.BETTER},
        L.SEE_PROFESSIONAL,
        CODE.SYMPTOMS_PAST_CEILING,
        id="past-four-weeks",
    ),
    pytest.param(
        {"days_since_onset": 28, "trend": ub.Trend.BETTER},
        L.CONTINUE,
        CODE.NO_CONCERNS,
        id="four-weeks-exactly",
    ),
    pytest.param(
        {"days_worse_after_exercise": 4},
        L.SEE_PROFESSIONAL,
        CODE.WORSE_AFTER_EXERCISE,
        id="worse-after-exercise-4-days",
    ),
    pytest.param({"days_worse_after_exercise": 3}, L.CONTINUE, CODE.NO_CONCERNS, id="worse-3-days"),
    pytest.param(
        {"pain_after_exercise": 6},
        L.CONTINUE_WITH_CARE,
        CODE.PAIN_ABOVE_CEILING,
        id="exercise-pain-above-5",
    ),
    pytest.param({"pain_after_exercise": 5}, L.CONTINUE, CODE.NO_CONCERNS, id="exercise-pain-5"),
    pytest.param(
        {"pain_now": 7}, L.CONTINUE_WITH_CARE, CODE.PAIN_ABOVE_CEILING, id="rest-pain-above-5"
    ),
    pytest.param(
        {"pain_next_morning": 4},
        L.CONTINUE_WITH_CARE,
        CODE.NOT_SETTLED_NEXT_MORNING,
        id="next-morning-not-settled",
    ),
    pytest.param({"pain_next_morning": 3}, L.CONTINUE, CODE.NO_CONCERNS, id="next-morning-3"),
    pytest.param(
        {"trend": ub.Trend.WORSE}, L.CONTINUE_WITH_CARE, CODE.GETTING_WORSE, id="getting-worse"
    ),
]


@pytest.mark.parametrize(("kwargs", "level", "code"), CASES)
def test_thresholds(kwargs: dict[str, Any], level: ub.AdviceLevel, code: ub.AdviceCode) -> None:
    advice = ub.triage(report(**kwargs))
    assert advice.level is level
    assert advice.code is code
    assert advice.message.endswith(ub.SUPPORTS_NOT_REPLACES)
    assert all(reason.sources for reason in advice.reasons)


def test_reasons_are_all_reported_most_pressing_first() -> None:
    advice = ub.triage(
        report(
            days_since_onset=50,
            trend=ub.Trend.WORSE,
            pain_now=8,
            pain_after_exercise=9,
            pain_next_morning=8,
            days_worse_after_exercise=5,
            red_flags={ub.RedFlag.CHEST_PAIN},
        )
    )
    assert advice.level is L.EMERGENCY
    codes = [reason.code for reason in advice.reasons]
    assert codes == [
        CODE.RED_FLAG,
        CODE.SYMPTOMS_PAST_CEILING,
        CODE.NOT_IMPROVING,
        CODE.WORSE_AFTER_EXERCISE,
        CODE.PAIN_ABOVE_CEILING,
        CODE.PAIN_ABOVE_CEILING,
        CODE.NOT_SETTLED_NEXT_MORNING,
        CODE.GETTING_WORSE,
    ]
    assert "R3" in advice.sources
    assert len(advice.sources) == len(set(advice.sources))


def test_messages_per_level() -> None:
    emergency = ub.triage(report(red_flags={ub.RedFlag.CHEST_PAIN}))
    urgent = ub.triage(report(red_flags={ub.RedFlag.FEVER_OR_WEIGHT_LOSS}))
    see = ub.triage(report(days_since_onset=60))
    care = ub.triage(report(trend=ub.Trend.WORSE))
    fine = ub.triage(report())
    assert "A&E" in emergency.message
    assert "today" in urgent.message
    assert "GP or a physiotherapist" in see.message
    assert "gently" in care.message
    assert "carry on" in fine.message
    # When to book an appointment, in the sources' words: "a few weeks" [R3],
    # pain worse "a few days" after exercise [P11*].
    assert "not getting better within a few weeks" in fine.message
    assert "stays worse for a few days after exercise" in care.message
    for advice in (emergency, urgent, see, care, fine):
        assert advice.message.endswith(ub.SUPPORTS_NOT_REPLACES)
        assert "does not replace" in advice.message


def test_stricter_policy() -> None:
    policy = ub.SafetyPolicy(pain_ceiling=3, not_improving_days=7)
    assert ub.triage(report(pain_after_exercise=4), policy).level is L.CONTINUE_WITH_CARE
    assert ub.triage(report(pain_after_exercise=4)).level is L.CONTINUE
    late = report(days_since_onset=8, trend=ub.Trend.SAME)
    assert ub.triage(late, policy).level is L.SEE_PROFESSIONAL
    assert ub.triage(late).level is L.CONTINUE


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pain_ceiling", 6),
        ("pain_ceiling", -1),
        ("settled_pain", 4),
        ("max_days_worse_after_exercise", 4),
        ("not_improving_days", 15),
        ("not_improving_days", 0),
        ("max_symptom_days", 29),
        ("max_symptom_days", 28.0),
    ],
)
def test_looser_policy_is_refused(field: str, value: Any) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.SafetyPolicy(**{field: value})
    assert info.value.field == field
    assert info.value.value == value
    assert "never looser" in str(info.value)


def test_default_policy_is_documented_defaults() -> None:
    documented = ub.SafetyPolicy(
        pain_ceiling=5,
        settled_pain=3,
        max_days_worse_after_exercise=3,
        not_improving_days=14,
        max_symptom_days=28,
    )
    assert documented == ub.DEFAULT_POLICY


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"days_since_onset": -1}, "days_since_onset", "between 0 and 36500"),
        ({"days_since_onset": 2.0}, "days_since_onset", "must be an integer"),
        ({"trend": "fine"}, "trend", "must be a Trend"),
        ({"trend": None}, "trend", "must be a Trend"),
        ({"pain_now": 11}, "pain_now", "between 0 and 10"),
        ({"pain_after_exercise": -1}, "pain_after_exercise", "between 0 and 10"),
        ({"pain_next_morning": True}, "pain_next_morning", "must be an integer"),
        ({"days_worse_after_exercise": -2}, "days_worse_after_exercise", "between 0"),
        ({"red_flags": "chest_pain"}, "red_flags", "must be a collection"),
        ({"red_flags": ["nosebleed"]}, "red_flags", "only RedFlag"),
    ],
)
def test_symptom_report_rejects(kwargs: dict[str, Any], field: str, text: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        report(**kwargs)
    assert info.value.field == field
    assert text in str(info.value)


def test_symptom_report_takes_members_not_their_text() -> None:
    # One rule for the whole Python API: enums take members; documents take values.
    with pytest.raises(ub.InvalidValue, match=r"must be a Trend \(Trend.BETTER, Trend.SAME or"):
        report(trend="worse")
    with pytest.raises(ub.InvalidValue, match="must contain only RedFlag members"):
        report(red_flags=["chest_pain"])


def test_profile_makes_triage_stricter() -> None:
    nerve = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    sore = report(pain_after_exercise=4)
    assert ub.triage(sore).level is L.CONTINUE
    assert ub.triage(sore, profile=nerve).level is L.CONTINUE_WITH_CARE
    assert ub.triage(sore, profile=ub.Profile()).level is L.CONTINUE
    strict = ub.SafetyPolicy(pain_ceiling=1)
    assert strict.for_profile(nerve) == strict
    assert ub.DEFAULT_POLICY.for_profile(ub.Profile()) is ub.DEFAULT_POLICY
    assert ub.DEFAULT_POLICY.for_profile(nerve).pain_ceiling == 3


def test_osteoporosis_back_pain_sees_a_clinician() -> None:
    bones = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    advice = ub.triage(report(pain_now=1), profile=bones)
    assert advice.level is L.SEE_PROFESSIONAL
    assert advice.code is CODE.OSTEOPOROSIS_BACK_PAIN
    assert advice.sources == ("C1",)


@pytest.mark.parametrize(
    ("pain_now", "trend", "referred"),
    [
        (0, ub.Trend.BETTER, False),
        (0, ub.Trend.SAME, True),
        (1, ub.Trend.BETTER, True),
        (None, ub.Trend.BETTER, True),  # pain not given: the cautious reading
    ],
)
def test_osteoporosis_referral_ends_only_when_there_is_no_pain_and_it_is_better(
    pain_now: int | None, trend: ub.Trend, referred: bool
) -> None:
    bones = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    advice = ub.triage(
        ub.SymptomReport(days_since_onset=3, trend=trend, pain_now=pain_now), profile=bones
    )
    codes = {reason.code for reason in advice.reasons}
    assert (CODE.OSTEOPOROSIS_BACK_PAIN in codes) is referred


def test_triage_rejects_wrong_types() -> None:
    with pytest.raises(ub.InvalidValue, match="'report' must be a SymptomReport"):
        ub.triage({"days_since_onset": 3})  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'policy' must be a SafetyPolicy"):
        ub.triage(report(), policy={})  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'profile' must be a Profile"):
        ub.triage(report(), profile={"conditions": []})  # type: ignore[arg-type]


def test_advice_level_order() -> None:
    assert list(ub.AdviceLevel) == sorted(ub.AdviceLevel, reverse=True)[::-1]
    assert L.CONTINUE < L.CONTINUE_WITH_CARE < L.SEE_PROFESSIONAL < L.URGENT < L.EMERGENCY
    assert L.URGENT >= L.URGENT
    assert L.EMERGENCY > "urgent"
    assert L.CONTINUE <= L.CONTINUE
    assert max(L) is L.EMERGENCY
    assert [level.rank for level in L] == [0, 1, 2, 3, 4]
    for compare in ("__lt__", "__le__", "__gt__", "__ge__"):
        with pytest.raises(ub.InvalidValue, match="'other' must be an AdviceLevel"):
            getattr(L.URGENT, compare)("a")


def test_reason_and_advice_reject() -> None:
    with pytest.raises(ub.InvalidValue, match="'code' must be an AdviceCode"):
        ub.Reason(code="red_flag", level=L.URGENT, text="x", sources=())  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'level' must be an AdviceLevel"):
        ub.Reason(code=CODE.RED_FLAG, level="urgent", text="x", sources=())  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'sources' must be a collection"):
        ub.Reason(code=CODE.RED_FLAG, level=L.URGENT, text="x", sources="R2")
    with pytest.raises(ub.InvalidValue, match="'text' must be non-empty"):
        ub.Reason(code=CODE.RED_FLAG, level=L.URGENT, text="", sources=())
    advice = ub.triage(report())
    with pytest.raises(ub.InvalidValue, match=r"'reasons\[0\]' must be a Reason"):
        attrs.evolve(advice, reasons=("x",))
    with pytest.raises(ub.InvalidValue, match="'reasons' must be a collection"):
        attrs.evolve(advice, reasons=3)  # type: ignore[arg-type]
    with pytest.raises(ub.InvalidValue, match="'message' must be non-empty"):
        attrs.evolve(advice, message="")


def test_advice_level_and_code_follow_the_reasons() -> None:
    advice = ub.triage(report(trend=ub.Trend.WORSE, days_worse_after_exercise=9))
    assert advice.level is L.SEE_PROFESSIONAL
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(advice, level=L.CONTINUE)
    assert info.value.field == "level"
    assert "(see_professional)" in str(info.value)
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(advice, code=CODE.GETTING_WORSE)
    assert info.value.field == "code"
    assert "(worse_after_exercise)" in str(info.value)
    with pytest.raises(ub.InvalidValue, match="'level' must be"):
        attrs.evolve(advice, reasons=())
    fine = ub.triage(report())
    with pytest.raises(
        ub.InvalidValue, match=r"'code' must be the first reason's code \(no_concerns\)"
    ):
        attrs.evolve(fine, code=CODE.RED_FLAG)


# Properties ---------------------------------------------------------------


@given(ubst.symptom_reports(red_flags=st.frozensets(st.sampled_from(ub.RedFlag), min_size=1)))
@example(
    ub.SymptomReport(
        days_since_onset=0, trend=ub.Trend.BETTER, pain_now=0, red_flags=set(ub.RedFlag)
    )
)
@example(
    ub.SymptomReport(
        days_since_onset=0, trend=ub.Trend.BETTER, red_flags={ub.RedFlag.SEVERE_MORNING_STIFFNESS}
    )
)
def test_any_red_flag_is_urgent_or_an_emergency(found: ub.SymptomReport) -> None:
    level = ub.triage(found).level
    assert level >= L.URGENT
    assert level is max(flag.level for flag in found.red_flags)


_TRENDS = list(ub.Trend)


@st.composite
def worse_pairs(draw: st.DrawFn) -> tuple[ub.SymptomReport, ub.SymptomReport]:
    """A report and one at least as bad in every respect."""
    first = draw(ubst.symptom_reports())

    def more_pain(value: int | None) -> int | None:
        # An unknown pain is not no pain (the conservative reading: it does not
        # clear an osteoporosis referral, and raises no pain finding of its own),
        # so it is not ordered against a known one: unknown stays unknown.
        if value is None:
            return None
        return draw(st.integers(value, 10))

    second = ub.SymptomReport(
        days_since_onset=first.days_since_onset
        + draw(st.integers(0, min(60, MAX_DAYS - first.days_since_onset))),
        trend=draw(st.sampled_from(_TRENDS[_TRENDS.index(first.trend) :])),
        pain_now=more_pain(first.pain_now),
        pain_after_exercise=more_pain(first.pain_after_exercise),
        pain_next_morning=more_pain(first.pain_next_morning),
        days_worse_after_exercise=first.days_worse_after_exercise
        + draw(st.integers(0, min(10, MAX_DAYS - first.days_worse_after_exercise))),
        red_flags=first.red_flags | draw(st.frozensets(st.sampled_from(ub.RedFlag), max_size=2)),
    )
    return first, second


def _pair(
    first: dict[str, Any], second: dict[str, Any]
) -> tuple[ub.SymptomReport, ub.SymptomReport]:
    # The reports are written as a document would hold them; Python takes members.
    def report(fields: dict[str, Any]) -> ub.SymptomReport:
        flags = frozenset(ub.RedFlag(flag) for flag in fields.get("red_flags", ()))
        return ub.SymptomReport(
            **{**fields, "trend": ub.Trend(fields["trend"]), "red_flags": flags}
        )

    return report(first), report(second)


_BONES = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
_NERVE = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY, ub.Condition.ACUTE_INJURY})
_SETTLED = {"days_since_onset": 0, "trend": "better", "pain_now": 0}


@given(worse_pairs(), ubst.safety_policies(), ubst.profiles(kits=st.just(ub.Kit())))
# Osteoporosis: settled (no pain, better) to any pain, and to a trend no longer better.
@example(_pair(_SETTLED, {**_SETTLED, "pain_now": 1}), ub.DEFAULT_POLICY, _BONES)
@example(_pair(_SETTLED, {**_SETTLED, "trend": "same"}), ub.DEFAULT_POLICY, _BONES)
# Each threshold crossed by one step, under the loosest and the strictest policy.
@example(
    _pair(
        {"days_since_onset": 13, "trend": "same", "pain_now": 5, "pain_next_morning": 3},
        {"days_since_onset": 14, "trend": "same", "pain_now": 6, "pain_next_morning": 4},
    ),
    ub.DEFAULT_POLICY,
    ub.Profile(),
)
@example(
    _pair(
        {"days_since_onset": 0, "trend": "better", "pain_after_exercise": 0},
        {"days_since_onset": 1, "trend": "worse", "pain_after_exercise": 1},
    ),
    ub.SafetyPolicy(
        pain_ceiling=0,
        settled_pain=0,
        max_days_worse_after_exercise=0,
        not_improving_days=1,
        max_symptom_days=1,
    ),
    _NERVE,
)
@example(
    _pair(
        {"days_since_onset": 28, "trend": "better", "days_worse_after_exercise": 3},
        {
            "days_since_onset": 29,
            "trend": "better",
            "days_worse_after_exercise": 4,
            "red_flags": {"chest_pain"},
        },
    ),
    ub.DEFAULT_POLICY,
    _NERVE,
)
def test_triage_is_monotone(
    pair: tuple[ub.SymptomReport, ub.SymptomReport], policy: ub.SafetyPolicy, person: ub.Profile
) -> None:
    milder, worse = pair
    assert ub.triage(worse, policy).level >= ub.triage(milder, policy).level
    assert ub.triage(worse).level >= ub.triage(milder).level
    with_person = ub.triage(worse, policy, profile=person).level
    assert with_person >= ub.triage(milder, policy, profile=person).level
    assert with_person >= ub.triage(worse, policy).level


_STRICTEST = ub.SafetyPolicy(
    pain_ceiling=0,
    settled_pain=0,
    max_days_worse_after_exercise=0,
    not_improving_days=1,
    max_symptom_days=1,
)


@given(ubst.symptom_reports(), ubst.safety_policies())
@example(ub.SymptomReport(days_since_onset=0, trend=ub.Trend.BETTER), _STRICTEST)
@example(
    ub.SymptomReport(
        days_since_onset=28,
        trend=ub.Trend.SAME,
        pain_now=5,
        pain_after_exercise=5,
        pain_next_morning=3,
        days_worse_after_exercise=3,
    ),
    _STRICTEST,
)
def test_stricter_policy_never_milder(found: ub.SymptomReport, policy: ub.SafetyPolicy) -> None:
    assert ub.triage(found, policy).level >= ub.triage(found).level


@given(ubst.advices())
def test_advice_is_consistent(advice: ub.Advice) -> None:
    assert advice.message.endswith(ub.SUPPORTS_NOT_REPLACES)
    if advice.reasons:
        assert advice.level is max(reason.level for reason in advice.reasons)
        assert advice.code is advice.reasons[0].code
    else:
        assert (advice.level, advice.code) == (L.CONTINUE, CODE.NO_CONCERNS)


def test_every_level_says_what_to_do_and_the_sheets_say_where_to_go() -> None:
    assert [level.action for level in L] == [
        "carry on",
        "carry on gently, without making the routine harder",
        "book a routine appointment with a GP or a physiotherapist",
        "get an urgent GP appointment or call NHS 111 today",
        "call 999 or go to A&E now",
    ]
    from upperback import render  # noqa: PLC0415 - the sheets are another layer

    tuck = ub.default_catalog()["chin-tuck"]
    sheet = render.text(ub.Routine.of("R", main=[tuck]))
    for flag in ub.RedFlag:
        if flag.level is L.EMERGENCY:
            assert f"{flag.question} If so, call 999 or go to A&E now." in sheet
        else:
            assert f"{flag.question} [" in sheet
    assert "A yes to any other: get an urgent GP appointment or call NHS 111 today. [R3]" in sheet
    # The exercise sheet says where each number of its dose comes from.
    assert "Where the dose comes from: Sets, reps and hold: [E19*]." in render.text(tuck)
    stretch = render.text(ub.default_catalog()["thread-the-needle"])
    assert f"Rest: {ub.CONVENTION}." in stretch
