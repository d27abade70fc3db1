"""The safety values round-trip through JSON and are known to Hypothesis."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import upperback as ub
from tests.test_safety import screenable_exercises
from upperback import strategies as ubst
from upperback.serialization import DOCUMENT_KINDS

SAFETY_KINDS = {
    "advice": ub.Advice,
    "profile": ub.Profile,
    "safety_policy": ub.SafetyPolicy,
    "screen_report": ub.ScreenReport,
    "symptom_report": ub.SymptomReport,
}


def test_document_kinds() -> None:
    for kind, cls in SAFETY_KINDS.items():
        assert DOCUMENT_KINDS[kind] is cls


def _round_trips(value: object) -> None:
    text = ub.dumps(value)
    assert ub.loads(text) == value
    assert ub.loads(text, type(value)) == value


@given(st.one_of(ubst.profiles(), ubst.symptom_reports(), ubst.safety_policies(), ubst.advices()))
def test_round_trip(value: object) -> None:
    _round_trips(value)


# Whole exercises are costly to draw and their round trip is tested with
# exercises; here the exercises vary only in what the rules read.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    ubst.screen_reports(
        routines=ubst.routines(blocks=ubst.blocks(exercises=screenable_exercises), max_blocks=3)
    )
)
def test_screen_report_round_trip(value: ub.ScreenReport) -> None:
    _round_trips(value)


@pytest.mark.parametrize(
    "cls",
    [ub.Profile, ub.Rule, ub.ScreenReport, ub.SymptomReport, ub.SafetyPolicy, ub.Advice],
)
def test_from_type(cls: type) -> None:
    # Only that from_type resolves is tested here; the values are tested above.
    @settings(max_examples=3, suppress_health_check=[HealthCheck.too_slow])
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


def test_profile_document_shape() -> None:
    profile = ub.Profile(
        conditions={ub.Condition.OSTEOPOROSIS, ub.Condition.HYPERMOBILITY},
        height_cm=178,
        kit=ub.Kit.of(ub.SwissBall(diameter_cm=65)),
    )
    assert ub.to_dict(profile)["data"] == {
        "conditions": ["hypermobility", "osteoporosis"],
        "height_cm": 178,
        "kit": {"props": [{"type": "swiss_ball", "diameter_cm": 65}]},
    }


def test_bad_documents_name_every_problem() -> None:
    document = {
        "upperback": 1,
        "kind": "symptom_report",
        "data": {"days_since_onset": -3, "trend": "meh", "pain_now": 12},
    }
    with pytest.raises(ub.InvalidDocument) as info:
        ub.loads(json.dumps(document))
    paths = [problem.path for problem in info.value.problems]
    assert "$.data.trend" in paths
    bad_profile = {
        "upperback": 1,
        "kind": "profile",
        "data": {"cleared_rules": ["no-such-rule"]},
    }
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(bad_profile)
    assert str(info.value.problems[0]) == (
        '$.data.cleared_rules: must name a rule in upperback.RULES (got "no-such-rule")'
    )
