"""Each bound is declared once: the check, the JSON Schema and the strategies read it."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import _validate, strategies
from upperback.props import PropKind
from upperback.routine import Step, StepKind
from upperback.safety import RULES, Modification, SafetyPolicy, SymptomReport, Trend
from upperback.serialization import _schema


def _public_attrs_classes() -> list[type]:
    found: dict[str, type] = {}
    modules = [ub] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(ub.__path__, "upperback.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and not info.name.startswith("upperback.cli")
    ]
    for module in modules:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


CLASSES = _public_attrs_classes()
BOUNDED = [(cls, name, bound) for cls in CLASSES for name, bound in _validate.bounds(cls)]


def test_the_walk_finds_the_bounded_classes() -> None:
    names = {cls.__name__ for cls, _, _ in BOUNDED}
    assert {"Dose", "Section", "Routine", "Step", "SwissBall", "Profile", "SafetyPolicy"} <= names
    assert {"SymptomReport", "Modification", "Rule", "Reference", "Exercise", "Source"} <= names


def _non_null(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        branches = [b for b in schema["anyOf"] if b != {"type": "null"}]
        assert len(branches) == 1
        return branches[0]  # type: ignore[no-any-return]
    return schema


def _expected(bound: _validate.Bound) -> dict[str, Any]:
    """What the schema should say, written out independently of the walker."""
    if bound.kind == _validate.INTEGER:
        return {"type": "integer", "minimum": bound.low, "maximum": bound.high}
    if bound.kind == _validate.NUMBER:
        low = "exclusiveMinimum" if bound.above else "minimum"
        return {"type": "number", low: bound.low, "maximum": bound.high}
    if bound.kind in (_validate.TEXT, _validate.URL):
        return {"type": "string", "minLength": 1, "maxLength": bound.high}
    if bound.kind == _validate.SLUG_KIND:
        return {"type": "string", "maxLength": 80}
    unique = {"uniqueItems": True} if bound.unique else {}
    return {"type": "array", **({"minItems": bound.low} if bound.low else {}), **unique}


@pytest.mark.parametrize(
    ("cls", "name", "bound"), BOUNDED, ids=[f"{c.__name__}.{n}" for c, n, _ in BOUNDED]
)
def test_the_schema_states_every_declared_bound(
    cls: type, name: str, bound: _validate.Bound
) -> None:
    schema = _schema._Walker().class_schema(cls)["properties"][name]
    field_schema = _non_null(schema)
    assert _expected(bound).items() <= field_schema.items()
    if bound.optional:
        assert {"type": "null"} in schema["anyOf"]
    if bound.item is not None:
        assert _expected(bound.item).items() <= field_schema["items"].items()


def _within(bound: _validate.Bound, value: Any) -> bool:
    """The bound, checked here by hand rather than by the library's compiled check."""
    if value is None:
        return bound.optional
    if bound.kind == _validate.INTEGER:
        return type(value) is int and bound.low <= value <= (bound.high or 0)
    if bound.kind == _validate.NUMBER:
        above = bound.low < value if bound.above else bound.low <= value
        return type(value) in (int, float) and above and value <= (bound.high or 0)
    if bound.kind in (_validate.TEXT, _validate.SLUG_KIND, _validate.URL):
        web = value.startswith(("https://", "http://")) or bound.kind != _validate.URL
        return web and 1 <= len(value) <= (bound.high or 0) and value.strip() == value
    if bound.unique and len(set(value)) != len(value):
        return False
    return len(value) >= bound.low and all(
        _within(bound.item, each) for each in value if bound.item is not None
    )


@pytest.mark.parametrize(
    ("cls", "name", "bound"), BOUNDED, ids=[f"{c.__name__}.{n}" for c, n, _ in BOUNDED]
)
def test_a_range_in_a_docstring_is_the_declared_one(
    cls: type, name: str, bound: _validate.Bound
) -> None:
    # Docstrings say "1 to 10" for people; the bound is declared on the field.
    number = r"(\d+(?:\.\d+)?)"
    for low, high in re.findall(f"{number} to {number}", _schema._field_docs(cls).get(name, "")):
        assert (float(low), float(high)) == (bound.low, bound.high)


BOUNDED_CLASSES = sorted({cls for cls, _, _ in BOUNDED}, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", BOUNDED_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_the_strategy_stays_inside_every_bound(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    for name, bound in _validate.bounds(cls):
        assert _within(bound, getattr(value, name)), name


# -- every problem of one value is reported -----------------------------------


def test_every_broken_bound_of_a_dose_is_reported() -> None:
    with pytest.raises(ub.InvalidValue, match="'sets'") as info:
        ub.Dose(sets=0, reps=0, hold_s=999)
    error = info.value
    assert isinstance(error, ub.InvalidValues)
    assert isinstance(error, ValueError)
    assert [e.field for e in error.errors] == ["sets", "reps", "hold_s"]
    assert (error.field, error.value) == ("sets", 0)
    assert str(error).splitlines() == [
        "'sets' must be an integer between 1 and 10 (got 0).",
        "'reps' must be an integer between 1 and 50 (got 0).",
        "'hold_s' must be an integer between 1 and 120 seconds (got 999).",
    ]


def test_bounds_and_cross_field_rules_are_reported_together() -> None:
    with pytest.raises(ub.InvalidValues) as info:
        ub.Dose(sets=11, hold_s=30, tempo_s=2)
    assert [e.field for e in info.value.errors] == ["sets", "tempo_s"]


def test_one_problem_is_a_plain_invalid_value() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Dose(sets=0, reps=1)
    assert type(info.value) is ub.InvalidValue


def test_items_of_a_collection_are_named_by_index() -> None:
    with pytest.raises(ub.InvalidValues) as info:
        ub.Routine.of("Desk", main=[], id="Not A Slug", tags=["ok", " padded"])
    assert {e.field for e in info.value.errors} >= {"id", "tags[0]"}


def test_a_document_reports_every_broken_bound_at_its_path() -> None:
    exercise = ub.default_catalog().exercises[0]
    document = ub.to_dict(ub.Routine.of("Desk", main=[exercise]))
    block = document["data"]["sections"][0]["blocks"][0]
    block["dose"] = {"sets": 0, "reps": 0, "hold_s": 999}
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document)
    where = "$.data.sections[0].blocks[0].dose"
    assert [str(p) for p in info.value.problems] == [
        f"{where}.sets: must be an integer between 1 and 10 (got 0)",
        f"{where}.reps: must be an integer between 1 and 50 (got 0)",
        f"{where}.hold_s: must be an integer between 1 and 120 seconds (got 999)",
    ]


# -- strategies shrink as their docstrings say --------------------------------


def _simplest(strategy: st.SearchStrategy[Any]) -> Any:
    return find(strategy, lambda _: True)


def test_doses_shrink_to_one_rep() -> None:
    assert _simplest(strategies.doses()) == ub.Dose(reps=1)


def test_steps_shrink_to_a_one_second_get_ready_step() -> None:
    step = _simplest(strategies.steps())
    assert step == Step(kind=StepKind.GET_READY, seconds=1, cue="0", exercise_id="0")


def test_routines_shrink_to_one_main_block() -> None:
    # One exercise, so that shrinking works on the routine's shape, which is the promise.
    block = ub.Block(exercise=ub.default_catalog().exercises[0])
    routine = _simplest(strategies.routines(blocks=st.just(block)))
    assert [(s.role, len(s.blocks)) for s in routine.sections] == [(ub.SectionRole.MAIN, 1)]
    assert routine.sessions_per_week == attrs.fields(ub.Routine).sessions_per_week.default


def test_rules_and_modifications_shrink_to_the_first_built_in() -> None:
    assert _simplest(strategies.rules()) == RULES[0]
    first = next(rule.modification for rule in RULES if rule.modification is not None)
    assert _simplest(strategies.modifications()) == first


def test_rules_and_modifications_are_not_only_the_built_ins() -> None:
    ids = {rule.id for rule in RULES}
    made_up = find(strategies.rules(), lambda rule: rule.id not in ids and rule.modification)
    assert made_up.modification is not None
    built_in = {rule.modification for rule in RULES}
    capped = find(strategies.modifications(), lambda m: m not in built_in and m.max_hold_s)
    assert capped == Modification(max_hold_s=1)


def test_the_other_documented_shrinks() -> None:
    assert _simplest(strategies.safety_policies()) == SafetyPolicy(
        pain_ceiling=0,
        settled_pain=0,
        max_days_worse_after_exercise=0,
        not_improving_days=1,
        max_symptom_days=1,
    )
    assert _simplest(strategies.symptom_reports()) == SymptomReport(
        days_since_onset=0, trend=Trend.BETTER
    )
    assert _simplest(strategies.prop_needs()) == ub.PropNeed(kind=PropKind.SWISS_BALL)
    assert _simplest(strategies.props()) == ub.Towel()
    assert _simplest(strategies.props(kinds=[PropKind.SWISS_BALL])) == ub.SwissBall(diameter_cm=30)
    assert _simplest(strategies.kits()) == ub.Kit()
    exercise = _simplest(strategies.exercises())
    assert (exercise.laterality, exercise.level, len(exercise.targets)) == (
        ub.Laterality.BILATERAL,
        ub.Level.GENTLE,
        1,
    )
    assert (len(exercise.cues), exercise.props) == (1, ())
