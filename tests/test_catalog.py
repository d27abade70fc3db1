from __future__ import annotations

import itertools
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.catalog import Catalog

# Catalog invariants need only ids, levels and the fields queries read;
# the full exercises() strategy is used where the whole value matters.
light_exercises = st.builds(
    lambda exercise_id, level, features, props: make(
        exercise_id, level=level, features=features, props=props
    ),
    ubst.slugs(),
    st.sampled_from(ub.Level),
    st.frozensets(st.sampled_from(ub.Feature), max_size=3),
    st.lists(ubst.prop_needs(), max_size=2, unique_by=lambda need: need.kind),
)


def make(exercise_id: str, **changes: Any) -> ub.Exercise:
    fields: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "kind": ub.ExerciseKind.STATIC_STRETCH,
        "position": ub.Position.SEATED,
        "targets": {ub.Muscle.RHOMBOIDS},
        "cues": ("Sit tall.",),
        "default_dose": ub.Dose(sets=2, hold_s=30),
    }
    fields.update(changes)
    return ub.Exercise(**fields)


def chain_of(*ids: str, levels: tuple[int, ...] | None = None) -> list[ub.Exercise]:
    """Exercises linked easiest first, with the given (or rising) levels."""
    levels = levels or tuple(range(1, len(ids) + 1))
    return [
        make(
            exercise_id,
            level=ub.Level(level),
            easier=ids[i - 1] if i > 0 else None,
            harder=ids[i + 1] if i + 1 < len(ids) else None,
        )
        for i, (exercise_id, level) in enumerate(zip(ids, levels, strict=True))
    ]


@pytest.fixture
def small() -> Catalog:
    return Catalog(
        exercises=[
            *chain_of("wall-push", "knee-push", "floor-push"),
            make(
                "ball-row",
                kind=ub.ExerciseKind.STRENGTHENING,
                default_dose=ub.Dose(sets=2, reps=10),
                targets={ub.Muscle.MIDDLE_TRAPEZIUS},
                props=[
                    ub.PropNeed(kind=ub.PropKind.SWISS_BALL),
                    ub.PropNeed(kind=ub.PropKind.RESISTANCE_BAND),
                ],
                features={ub.Feature.UNSTABLE_SURFACE},
                movements={ub.Movement.SCAPULAR_RETRACTION},
                benefits={ub.Benefit.STRENGTHEN_BACK},
                level=ub.Level.MODERATE,
            ),
            make(
                "neck-stretch",
                targets={ub.Muscle.UPPER_TRAPEZIUS},
                features={ub.Feature.NECK_SIDE_BEND},
                position=ub.Position.STANDING,
                props=[ub.PropNeed(kind=ub.PropKind.CHAIR, required=False)],
                benefits={ub.Benefit.REDUCE_TENSION},
            ),
        ]
    )


# -- lookup -------------------------------------------------------------------


def test_lookup_by_id_get_contains_len_iter(small: Catalog) -> None:
    assert small["knee-push"].id == "knee-push"
    assert small.get("knee-push") is small["knee-push"]
    assert small.get("nope") is None
    assert small.get("nope", small["ball-row"]) is small["ball-row"]
    assert small.get([]) is None  # type: ignore[arg-type]
    assert "ball-row" in small
    assert small["ball-row"] in small
    assert attrs.evolve(small["ball-row"], name="Other") not in small
    assert "nope" not in small
    assert 3 not in small
    assert len(small) == 5
    assert [e.id for e in small] == sorted(e.id for e in small)
    assert small.ids == ("ball-row", "floor-push", "knee-push", "neck-stretch", "wall-push")


def test_unknown_id_suggests_close_ids(small: Catalog) -> None:
    with pytest.raises(ub.UnknownExercise) as info:
        small["knee-psuh"]
    assert info.value.id == "knee-psuh"
    assert info.value.suggestions[0] == "knee-push"
    assert "'knee-psuh'" in str(info.value)
    assert "Did you mean 'knee-push'" in str(info.value)
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ub.UpperbackError)


def test_unknown_id_without_close_ids_and_non_text_key(small: Catalog) -> None:
    with pytest.raises(ub.UnknownExercise) as info:
        small["zzzzzzzzzzzz"]
    assert info.value.suggestions == ()
    assert str(info.value) == "No exercise has the id 'zzzzzzzzzzzz'."
    with pytest.raises(ub.UnknownExercise, match=r"\[\]"):
        small[[]]  # type: ignore[index]


def test_order_is_by_id_whatever_the_input_order(small: Catalog) -> None:
    reversed_catalog = Catalog(exercises=reversed(small.exercises))
    assert reversed_catalog == small
    assert reversed_catalog.exercises == small.exercises


def test_of_and_empty() -> None:
    assert len(Catalog()) == 0
    assert Catalog.of(make("a")).ids == ("a",)


def test_catalog_refuses_non_exercises() -> None:
    with pytest.raises(ub.InvalidValue, match="'exercises' must contain only Exercise"):
        Catalog(exercises=[make("a"), "b"])
    with pytest.raises(ub.InvalidValue, match="'exercises' must be a collection"):
        Catalog(exercises=3)  # type: ignore[arg-type]


def test_catalog_is_immutable_and_pickles(small: Catalog) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        small.exercises = ()  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(small)) == small  # noqa: S301 - our own bytes


# -- progression --------------------------------------------------------------


def test_easier_harder_chain(small: Catalog) -> None:
    assert small.easier("knee-push") == small["wall-push"]
    assert small.harder("knee-push") == small["floor-push"]
    assert small.easier("wall-push") is None
    assert small.harder(small["floor-push"]) is None
    expected = ("wall-push", "knee-push", "floor-push")
    for member in expected:
        assert tuple(e.id for e in small.chain(member)) == expected
    assert small.chain("ball-row") == (small["ball-row"],)


def test_progression_of_unknown_exercise_raises(small: Catalog) -> None:
    for method in (small.easier, small.harder, small.chain):
        with pytest.raises(ub.UnknownExercise, match="'nope'"):
            method("nope")
    with pytest.raises(ub.UnknownExercise):
        small.chain(make("stranger"))


# -- queries ------------------------------------------------------------------


def test_where_by_each_criterion(small: Catalog) -> None:
    assert small.where(target=ub.Muscle.UPPER_TRAPEZIUS).ids == ("neck-stretch",)
    assert small.where(region=ub.Region.NECK).ids == ("neck-stretch",)
    assert small.where(region=[ub.Region.NECK, ub.Region.SHOULDER_BLADES]).ids == small.ids
    assert small.where(movement=ub.Movement.SCAPULAR_RETRACTION).ids == ("ball-row",)
    assert small.where(position=ub.Position.STANDING).ids == ("neck-stretch",)
    assert small.where(kind=ub.ExerciseKind.STRENGTHENING).ids == ("ball-row",)
    assert small.where(benefit=ub.Benefit.REDUCE_TENSION).ids == ("neck-stretch",)
    assert small.where(min_level=3).ids == ("ball-row", "floor-push")
    assert small.where(max_level=1).ids == ("neck-stretch", "wall-push")
    assert small.where(min_level=2, max_level=2).ids == ("knee-push",)
    assert small.where(requires=ub.PropKind.SWISS_BALL).ids == ("ball-row",)
    assert small.where(requires=[ub.PropKind.SWISS_BALL, ub.PropKind.RESISTANCE_BAND]).ids == (
        "ball-row",
    )
    assert small.where(requires=ub.PropKind.CHAIR).ids == ()  # only optional there
    assert small.where(features=ub.Feature.NECK_SIDE_BEND).ids == ("neck-stretch",)
    assert small.where(without=ub.Feature.UNSTABLE_SURFACE).ids == (
        "floor-push",
        "knee-push",
        "neck-stretch",
        "wall-push",
    )
    assert small.where().ids == small.ids


def test_where_by_kit(small: Catalog) -> None:
    assert "ball-row" not in small.where(kit=ub.Kit())
    assert "neck-stretch" in small.where(kit=ub.Kit())  # the chair is optional
    kit = ub.Kit.of(ub.SwissBall(diameter_cm=65), ub.ResistanceBand(level=ub.BandLevel.MEDIUM))
    assert "ball-row" in small.where(kit=kit)
    assert "ball-row" not in small.where(kit=ub.Kit.of(ub.SwissBall(diameter_cm=65)))


def test_queries_chain_and_cut_links_to_left_out_exercises(small: Catalog) -> None:
    result = small.where(min_level=2).where(without=ub.Feature.UNSTABLE_SURFACE)
    assert result.ids == ("floor-push", "knee-push")
    assert result["knee-push"].easier is None  # wall-push was left out
    assert result["knee-push"].harder == "floor-push"
    assert result.chain("floor-push") == (result["knee-push"], result["floor-push"])


def test_filter_with_a_predicate(small: Catalog) -> None:
    assert small.filter(lambda e: e.id.endswith("push")).ids == (
        "floor-push",
        "knee-push",
        "wall-push",
    )
    assert small.filter(lambda e: e.id == "knee-push")["knee-push"].harder is None
    with pytest.raises(ub.InvalidValue, match="'predicate' must be callable"):
        small.filter(3)


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ({"target": "rhomboids"}, "target"),
        ({"region": ub.Muscle.RHOMBOIDS}, "region"),
        ({"movement": 3}, "movement"),
        ({"position": [ub.Position.SEATED, "prone"]}, "position"),
        ({"kind": object()}, "kind"),
        ({"benefit": 2.5}, "benefit"),
        ({"requires": "swiss_ball"}, "requires"),
        ({"features": ub.Muscle.RHOMBOIDS}, "features"),
        ({"without": "supine"}, "without"),
        ({"min_level": 0}, "min_level"),
        ({"max_level": 6}, "max_level"),
        ({"min_level": True}, "min_level"),
        ({"max_level": 2.0}, "max_level"),
        ({"kit": [ub.Towel()]}, "kit"),
    ],
)
def test_where_refuses_bad_criteria_naming_them(
    small: Catalog, criteria: dict[str, Any], field: str
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        small.where(**criteria)
    assert info.value.field == field
    assert f"'{field}'" in str(info.value)


def test_where_refuses_an_empty_level_range(small: Catalog) -> None:
    with pytest.raises(ub.InvalidValue, match="'max_level' must not be below min_level 4"):
        small.where(min_level=4, max_level=2)


# -- merging ------------------------------------------------------------------


def test_merge_adds_exercises(small: Catalog) -> None:
    extra = make("app-stretch")
    merged = small.merge(Catalog.of(extra))
    assert merged.ids == tuple(sorted((*small.ids, "app-stretch")))
    assert small.merge([extra]) == merged
    assert small | Catalog.of(extra) == merged
    assert small.merge(small) == small  # the very same exercises do not clash


def test_merge_clash_is_an_error_naming_every_clash(small: Catalog) -> None:
    changed = [
        attrs.evolve(small["ball-row"], name="Row"),
        attrs.evolve(small["neck-stretch"], level=ub.Level.EASY),
    ]
    with pytest.raises(ub.InvalidCatalog) as info:
        small.merge(changed)
    assert [p.path for p in info.value.problems] == [
        "exercises['ball-row']",
        "exercises['neck-stretch']",
    ]
    assert "override=True" in str(info.value)
    with pytest.raises(ub.InvalidCatalog):
        small | Catalog(exercises=changed)


def test_merge_override_replaces(small: Catalog) -> None:
    renamed = attrs.evolve(small["ball-row"], name="Row on the ball")
    merged = small.merge([renamed], override=True)
    assert merged["ball-row"].name == "Row on the ball"
    assert len(merged) == len(small)


def test_merge_is_validated_as_a_whole(small: Catalog) -> None:
    # An app's exercise may extend a built-in chain only if both sides link.
    one_sided = make("ring-push", level=ub.Level.ADVANCED, easier="floor-push")
    with pytest.raises(ub.InvalidCatalog, match=r"exercises\['floor-push'\]\.harder"):
        small.merge([one_sided])
    both = small.merge(
        [one_sided, attrs.evolve(small["floor-push"], harder="ring-push")], override=True
    )
    assert [e.id for e in both.chain("wall-push")][-1] == "ring-push"


def test_merge_refuses_non_exercises_and_or_with_other_types(small: Catalog) -> None:
    with pytest.raises(ub.InvalidValue, match="'exercises'"):
        small.merge(["x"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        small | 3


# -- validation ---------------------------------------------------------------


def problems_of(exercises: list[ub.Exercise]) -> dict[str, str]:
    with pytest.raises(ub.InvalidCatalog) as info:
        Catalog(exercises=exercises)
    assert isinstance(info.value, ValueError)
    return {p.path: p.message for p in info.value.problems}


def test_duplicate_ids() -> None:
    problems = problems_of([make("a"), make("a", name="Other"), make("b")])
    assert problems == {"exercises['a']": "is the id of 2 exercises; ids must be unique"}


def test_unresolved_links_with_suggestion() -> None:
    problems = problems_of(
        [make("neck-tilt", harder="neck-tilts"), make("neck-tilt-2"), make("x", easier="zzzz")]
    )
    assert problems["exercises['neck-tilt'].harder"].startswith(
        'names no exercise in the catalog (got "neck-tilts"); did you mean'
    )
    assert problems["exercises['x'].easier"] == 'names no exercise in the catalog (got "zzzz")'


def test_links_must_be_mutual_both_ways() -> None:
    problems = problems_of([make("a", harder="b"), make("b"), make("c", easier="d"), make("d")])
    assert problems == {
        "exercises['b'].easier": (
            'must be "a", since "a" names "b" as its harder exercise (got null)'
        ),
        "exercises['d'].harder": (
            'must be "c", since "c" names "d" as its easier exercise (got null)'
        ),
    }


def test_levels_never_drop_going_harder() -> None:
    problems = problems_of(chain_of("a", "b", levels=(3, 2)))
    assert problems == {
        "exercises['b'].level": (
            'must be at least 3, the level of "a" which it is harder than (got 2)'
        )
    }


def test_cycles_are_reported_once() -> None:
    exercises = [
        make("a", easier="c", harder="b"),
        make("b", easier="a", harder="c"),
        make("c", easier="b", harder="a"),
    ]
    problems = problems_of(exercises)
    assert problems == {"exercises['a'].harder": "makes a cycle: a -> b -> c -> a"}


def test_every_problem_is_reported_at_once() -> None:
    exercises = [
        make("a"),
        make("a"),
        make("b", harder="missing"),
        *chain_of("c", "d", levels=(4, 1)),
        make("e", harder="f"),
        make("f"),
    ]
    with pytest.raises(ub.InvalidCatalog) as info:
        Catalog(exercises=exercises)
    paths = [p.path for p in info.value.problems]
    assert paths == [
        "exercises['a']",
        "exercises['b'].harder",
        "exercises['d'].level",
        "exercises['f'].easier",
    ]
    assert str(info.value).startswith("Invalid catalog (4 problems):\n  exercises['a']: ")
    single = problems_of([make("a", harder="zz-top")])
    assert len(single) == 1


def test_invalid_catalog_message_for_one_problem() -> None:
    with pytest.raises(ub.InvalidCatalog, match=r"^Invalid catalog \(1 problem\):"):
        Catalog(exercises=[make("a"), make("a")])


# -- serialization ------------------------------------------------------------


def test_catalog_document_problems_have_document_paths() -> None:
    data = json.loads(ub.dumps(Catalog(exercises=chain_of("a", "b"))))
    data["data"]["exercises"][1]["easier"] = None
    data["data"]["exercises"][0]["level"] = 9
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(data, Catalog)
    paths = [p.path for p in info.value.problems]
    assert paths == ["$.data.exercises[0].level"]
    data["data"]["exercises"][0]["level"] = 1
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(data, Catalog)
    assert [str(p) for p in info.value.problems] == [
        (
            '$.data.exercises[1].easier: must be "a", since "a" names "b" as its harder '
            "exercise (got null)"
        )
    ]


# -- properties ---------------------------------------------------------------


@given(ubst.catalogs(exercises=light_exercises, max_size=8))
def test_generated_catalogs_round_trip(catalog: Catalog) -> None:
    assert ub.loads(ub.dumps(catalog)) == catalog
    assert ub.loads(ub.dumps(catalog), Catalog) == catalog


# Full exercises are slow to draw (most so under coverage); the light test covers breadth.
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(ubst.catalogs(max_size=3))
def test_catalogs_of_full_exercises_round_trip(catalog: Catalog) -> None:
    assert ub.loads(ub.dumps(catalog), Catalog) == catalog


@settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Catalog))
def test_from_type_gives_catalogs(catalog: Catalog) -> None:
    assert isinstance(catalog, Catalog)


@given(ubst.catalogs(exercises=light_exercises, max_size=8))
def test_chains_partition_the_catalog_in_level_order(catalog: Catalog) -> None:
    seen: list[str] = []
    for exercise in catalog:
        chain = catalog.chain(exercise)
        assert exercise in chain
        assert chain[0].easier is None
        assert chain[-1].harder is None
        assert [e.level for e in chain] == sorted(e.level for e in chain)
        for easier, harder in itertools.pairwise(chain):
            assert catalog.harder(easier) == harder
            assert catalog.easier(harder) == easier
        if chain[0] == exercise:
            seen += [e.id for e in chain]
    assert sorted(seen) == sorted(catalog.ids)
    assert catalog.ids == tuple(sorted(catalog.ids))


@given(
    ubst.catalogs(exercises=light_exercises, max_size=8),
    st.sampled_from(ub.Feature),
    st.integers(1, 5),
    ubst.kits(max_size=3),
)
def test_where_keeps_exactly_the_matching_exercises(
    catalog: Catalog, feature: ub.Feature, level: int, kit: ub.Kit
) -> None:
    result = catalog.where(without=feature, min_level=level, kit=kit)
    expected = {
        e.id
        for e in catalog
        if feature not in e.features and e.level >= level and kit.satisfies_all(e.props)
    }
    assert set(result.ids) == expected
    for exercise in result:
        original = catalog[exercise.id]
        assert attrs.evolve(exercise, easier=original.easier, harder=original.harder) == original


@given(
    ubst.catalogs(exercises=light_exercises, max_size=5),
    ubst.catalogs(exercises=light_exercises, max_size=5),
)
def test_merge_with_override_contains_both(first: Catalog, second: Catalog) -> None:
    try:
        merged = first.merge(second, override=True)
    except ub.InvalidCatalog:
        return  # replacing an exercise may break the other catalog's chain links
    assert set(merged.ids) == set(first.ids) | set(second.ids)
    for exercise in second:
        assert merged[exercise.id] == exercise


def test_merge_refuses_one_id_given_twice_with_different_content(small: Catalog) -> None:
    # Regression: merge([mine_v1, mine_v2]) silently kept the second, while
    # Catalog(exercises=[v1, v2]) reported the clash.
    mine_v1 = make("app-stretch")
    mine_v2 = attrs.evolve(mine_v1, name="App stretch, take two")
    with pytest.raises(ub.InvalidCatalog) as built:
        Catalog(exercises=[mine_v1, mine_v2])
    with pytest.raises(ub.InvalidCatalog) as merged:
        small.merge([mine_v1, mine_v2])
    assert [p.path for p in merged.value.problems] == ["exercises['app-stretch']"]
    assert [p.path for p in built.value.problems] == ["exercises['app-stretch']"]
    assert "override=True" in str(merged.value)
    assert small.merge([mine_v1, mine_v2], override=True)["app-stretch"] == mine_v2
    assert small.merge([mine_v1, mine_v1])["app-stretch"] == mine_v1  # equal repeats are fine


_CRITERIA = (
    "target",
    "region",
    "movement",
    "position",
    "kind",
    "benefit",
    "requires",
    "features",
    "without",
)


@pytest.mark.parametrize("criterion", _CRITERIA)
def test_an_empty_criterion_is_no_criterion(criterion: str) -> None:
    # Regression: where(target=[]) gave nothing while where(requires=[]) gave everything.
    catalog = ub.default_catalog()
    where: Any = catalog.where
    assert where(**{criterion: []}) == catalog
    assert where(**{criterion: frozenset()}) == catalog
    assert where(**{criterion: None}) == catalog
