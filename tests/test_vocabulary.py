"""Schema 2's vocabulary: equipment and other props, muscles with roles, self-massage, media."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.progression import default_rule

EQUIPMENT = [kind for kind in ub.PropKind if kind is not ub.PropKind.OTHER]


def _exercise(**changes: object) -> ub.Exercise:
    fields: dict[str, object] = {
        "id": "test-row",
        "name": "Test row",
        "kind": ub.ExerciseKind.STRENGTHENING,
        "position": ub.Position.STANDING,
        "targets": {ub.Muscle.RHOMBOIDS},
        "cues": ["Row."],
        "default_dose": ub.Dose(sets=2, reps=10),
    }
    fields.update(changes)
    return ub.Exercise(**fields)  # type: ignore[arg-type]


# -- props -------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ub.PropKind))
def test_every_kind_has_a_prop_that_round_trips_in_a_kit(kind: ub.PropKind) -> None:
    name = "other:sandbag" if kind is ub.PropKind.OTHER else kind.value
    kit = ub.Kit.from_names([name])
    assert kit.kinds == {kind}
    assert kit.names == {name}
    assert ub.loads(ub.dumps(kit)) == kit
    assert kit.satisfies(ub.PropNeed.named(name))


@pytest.mark.parametrize("cls", [ub.Dumbbell, ub.Kettlebell, ub.WeightPlate])
@pytest.mark.parametrize("mass", [0, -1, 0.05, 250.5, float("nan"), float("inf"), "2", True])
def test_a_free_weight_refuses_a_mass_out_of_bounds(cls: type, mass: object) -> None:
    with pytest.raises(
        ub.InvalidValue, match=r"'mass_kg' must be a number between 0\.1 and 250 kg"
    ):
        cls(mass_kg=mass)


@pytest.mark.parametrize("cls", [ub.Dumbbell, ub.Kettlebell, ub.WeightPlate])
@pytest.mark.parametrize("mass", [None, 0.1, 2, 2.5, 250])
def test_a_free_weight_takes_a_mass_in_bounds_and_keeps_it_through_a_document(
    cls: type, mass: float | None
) -> None:
    kit = ub.Kit.of(cls(mass_kg=mass))
    assert ub.loads(ub.dumps(kit)) == kit


def test_a_free_weight_with_a_bad_mass_in_a_document_is_refused_at_its_path() -> None:
    body = (
        '{"upperback": 2, "kind": "kit", "data": {"props": [{"type": "dumbbell", "mass_kg": 0}]}}'
    )
    with pytest.raises(ub.InvalidDocument, match=r"\$\.data\.props\[0\]\.mass_kg"):
        ub.loads(body)


@pytest.mark.parametrize("name", ["", "Sandbag", "sand bag", "sand_bag", "-bag", "bag-", 3, None])
def test_an_other_prop_needs_a_slug_name(name: object) -> None:
    with pytest.raises(ub.InvalidValue, match="'name'"):
        ub.OtherProp(name=name)  # type: ignore[arg-type]


def test_an_other_need_names_its_prop_and_only_that_prop_meets_it() -> None:
    need = ub.PropNeed.named("other:sandbag")
    assert need == ub.PropNeed(kind=ub.PropKind.OTHER, name="sandbag")
    assert need.key == "other:sandbag"
    assert need.is_met_by(ub.OtherProp(name="sandbag"))
    assert not need.is_met_by(ub.OtherProp(name="sandbags"))
    assert not ub.Kit.from_names(EQUIPMENT).satisfies(need)
    assert ub.Kit.from_names(["other:sandbag"]).satisfies(need)


def test_a_need_names_a_slug_for_other_and_only_for_other() -> None:
    with pytest.raises(ub.InvalidValue, match="'name' is required for an 'other' prop"):
        ub.PropNeed(kind=ub.PropKind.OTHER)
    with pytest.raises(ub.InvalidValue, match="'name' may only be given for an 'other' prop"):
        ub.PropNeed(kind=ub.PropKind.DUMBBELL, name="heavy")
    with pytest.raises(ub.InvalidValue, match="'name' must be a slug"):
        ub.PropNeed(kind=ub.PropKind.OTHER, name="Sand Bag")


def test_an_exercise_may_need_two_other_props_but_not_one_twice() -> None:
    two = _exercise(
        props=[ub.PropNeed.named("other:sandbag"), ub.PropNeed.named("other:rope", required=False)]
    )
    assert two.required_prop_names == {"other:sandbag"}
    with pytest.raises(ub.InvalidValue, match="'props' must not repeat an entry"):
        _exercise(props=[ub.PropNeed.named("other:sandbag"), ub.PropNeed.named("other:sandbag")])


@pytest.mark.parametrize(
    "names",
    [["dumbell"], ["other"], ["other:"], ["Other:bag"], ["swiss ball"], [""], [3], [None]],
)
def test_from_names_refuses_an_unknown_name_listing_the_valid_ones(names: list[object]) -> None:
    with pytest.raises(ub.InvalidValue, match=r"'names\[0\]'") as raised:
        ub.Kit.from_names(names)  # type: ignore[arg-type]
    message = str(raised.value)
    assert ("swiss_ball" in message and "other:<slug>" in message) or "must be a slug" in message


def test_from_names_refuses_one_text_rather_than_reading_its_letters() -> None:
    with pytest.raises(ub.InvalidValue, match="'names' must be a list of prop names"):
        ub.Kit.from_names("mat")
    with pytest.raises(ub.InvalidValue, match="'names' must be a list of prop names"):
        ub.Kit.from_names(None)  # type: ignore[arg-type]


def test_from_names_sizes_the_ball_and_the_band() -> None:
    (ball,) = ub.Kit.from_names(["swiss_ball"], height_cm=190).props
    assert ball == ub.SwissBall.for_height(190)
    (band,) = ub.Kit.from_names(["resistance_band"]).props
    assert band == ub.ResistanceBand.from_colour("red")
    (heavy,) = ub.Kit.from_names(["resistance_band"], band_level=ub.BandLevel.HEAVY).props
    assert heavy == ub.ResistanceBand(level=ub.BandLevel.HEAVY)
    with pytest.raises(ub.InvalidValue, match="'height_cm'"):
        ub.Kit.from_names(["swiss_ball"], height_cm=20)


@given(
    catalog=ubst.catalogs(max_size=4),
    names=st.frozensets(
        st.sampled_from([*EQUIPMENT, "other:sandbag", "other:rope"]).map(str), max_size=8
    ),
)
@example(catalog=ub.default_catalog(), names=frozenset())
@example(catalog=ub.default_catalog(), names=frozenset(str(kind) for kind in EQUIPMENT))
def test_a_kit_of_named_props_allows_exactly_the_exercises_whose_required_props_it_holds(
    catalog: ub.Catalog, names: frozenset[str]
) -> None:
    kit = ub.Kit.from_names(sorted(names))
    # A need for a ball of a given diameter asks more than a name can say.
    plain = [e for e in catalog if not any(need.diameter_cm for need in e.props)]
    holds = {e.id for e in plain if e.required_prop_names <= names}
    assert {e.id for e in plain if kit.satisfies_all(e.props)} == holds
    allowed = {e.id for e in catalog.where(kit=kit)}
    assert {i for i in allowed if i in {e.id for e in plain}} == holds


def test_substitution_names_the_missing_other_prop() -> None:
    catalog = ub.default_catalog()
    sandbag = attrs.evolve(catalog["band-pull-apart"], props=(ub.PropNeed.named("other:sandbag"),))
    routine = ub.Routine.of("Sandbag", main=[sandbag])
    result = ub.substitute(routine, ub.Kit.from_names(["resistance_band"]), catalog)
    (swap,) = result.substitutions
    assert "other:sandbag" in swap.reason
    kept = ub.substitute(routine, ub.Kit.from_names(["other:sandbag"]), catalog)
    assert kept.substitutions == ()


# -- muscles and roles -------------------------------------------------------


def test_every_muscle_has_a_region() -> None:
    for muscle in ub.Muscle:
        assert isinstance(muscle.region, ub.Region)
    assert {m.region for m in ub.Muscle} == set(ub.Region)


def test_the_deltoid_has_three_heads_in_the_shoulders() -> None:
    heads = {ub.Muscle.ANTERIOR_DELTOID, ub.Muscle.LATERAL_DELTOID, ub.Muscle.POSTERIOR_DELTOID}
    assert {m.region for m in heads} == {ub.Region.SHOULDERS}
    assert ub.Muscle.CERVICAL_EXTENSORS.region is ub.Region.NECK


def test_secondary_targets_are_kept_apart_from_primary_ones() -> None:
    row = _exercise(secondary_targets={ub.Muscle.BICEPS, ub.Muscle.FOREARMS})
    assert row.muscles == {ub.Muscle.RHOMBOIDS, ub.Muscle.BICEPS, ub.Muscle.FOREARMS}
    assert row.regions == {ub.Region.SHOULDER_BLADES}
    with pytest.raises(
        ub.InvalidValue, match="'secondary_targets' must not repeat a primary target"
    ):
        _exercise(secondary_targets={ub.Muscle.BICEPS, ub.Muscle.RHOMBOIDS})
    with pytest.raises(ub.InvalidValue, match="'secondary_targets'"):
        _exercise(secondary_targets={"biceps"})


def test_a_document_with_a_muscle_in_both_roles_is_refused() -> None:
    data = ub.to_dict(_exercise())["data"]
    data["secondary_targets"] = ["rhomboids"]
    with pytest.raises(ub.InvalidDocument, match="secondary_targets"):
        ub.from_data(data, ub.Exercise)


def test_the_catalog_finds_exercises_by_secondary_target_and_coverage_counts_primaries() -> None:
    row = _exercise(secondary_targets={ub.Muscle.BICEPS})
    catalog = ub.Catalog(exercises=[row])
    assert list(catalog.where(secondary=ub.Muscle.BICEPS)) == [row]
    assert list(catalog.where(works=ub.Muscle.BICEPS)) == [row]
    assert list(catalog.where(works=ub.Muscle.RHOMBOIDS)) == [row]
    assert list(catalog.where(target=ub.Muscle.BICEPS)) == []
    coverage = ub.Routine.of("Row", main=[row]).coverage()
    assert ub.Muscle.BICEPS not in dict(coverage.muscles)
    assert ub.Muscle.RHOMBOIDS in dict(coverage.muscles)


# -- kinds -------------------------------------------------------------------


def _release(**changes: object) -> ub.Exercise:
    fields: dict[str, object] = {
        "kind": ub.ExerciseKind.SELF_MASSAGE,
        "default_dose": ub.Dose(sets=1, hold_s=60),
        "props": [ub.PropNeed(kind=ub.PropKind.FOAM_ROLLER)],
    }
    fields.update(changes)
    return _exercise(**fields)


def test_self_massage_is_its_own_family_and_not_a_stretch() -> None:
    kind = ub.ExerciseKind.SELF_MASSAGE
    assert kind.family is ub.KindFamily.RELEASE
    assert not kind.is_stretch
    assert {k.family for k in ub.ExerciseKind} == set(ub.KindFamily)


@pytest.mark.parametrize(
    "dose", [ub.Dose(sets=1, reps=10), ub.Dose(sets=1, reps=5, hold_s=5)], ids=["reps", "both"]
)
def test_self_massage_is_dosed_by_time(dose: ub.Dose) -> None:
    with pytest.raises(ub.InvalidValue, match="'default_dose' must be a time"):
        _release(default_dose=dose)


def test_self_massage_is_never_loaded() -> None:
    with pytest.raises(ub.InvalidValue, match="'features' must not include external_load"):
        _release(features={ub.Feature.EXTERNAL_LOAD})


def test_self_massage_holds_its_dose_is_covered_as_neither_stretch_nor_strength() -> None:
    release = _release()
    assert "hold" in default_rule(release).describe()
    coverage = ub.Routine.of("Roll", main=[release]).coverage()
    assert dict(coverage.stretches) == {}
    assert dict(coverage.strengthens) == {}
    assert ub.Muscle.RHOMBOIDS in dict(coverage.muscles)


def test_a_stretch_is_not_substituted_by_self_massage() -> None:
    catalog = ub.default_catalog()
    stretch = catalog["upper-trapezius-stretch"]
    rolling = _release(id="trap-roll", targets=stretch.targets)
    needy = attrs.evolve(stretch, props=(ub.PropNeed.named("other:sandbag"),))
    result = ub.substitute(
        ub.Routine.of("r", main=[needy]), ub.Kit.from_names(["foam_roller"]), [rolling]
    )
    assert [item.original_id for item in result.unsatisfied] == [needy.id]


def test_dynamic_mobility_is_the_dynamic_stretch() -> None:
    # ACSM's dynamic stretch [A14] is dynamic_mobility: no synonym kind exists.
    assert ub.ExerciseKind.DYNAMIC_MOBILITY.family is ub.KindFamily.LENGTHEN
    assert not ub.ExerciseKind.DYNAMIC_MOBILITY.is_stretch
    assert not any("dynamic" in kind and kind != "dynamic_mobility" for kind in ub.ExerciseKind)


# -- media -------------------------------------------------------------------


def _media(**changes: object) -> ub.Media:
    fields: dict[str, object] = {
        "url": "https://example.org/row.jpg",
        "kind": ub.MediaKind.IMAGE,
        "alt": "A row",
    }
    fields.update(changes)
    return ub.Media(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("url", ["https://example.org/a.jpg", "http://x.org/v.mp4", "img/a.jpg"])
def test_media_takes_an_address_or_a_package_path(url: str) -> None:
    item = _media(url=url)
    assert item.is_remote == url.startswith("http")
    exercise = _exercise(media=[item])
    assert ub.loads(ub.dumps(exercise)) == exercise


@pytest.mark.parametrize(
    "url",
    [
        "/etc/passwd",
        "../secret.jpg",
        "images/../../x.jpg",
        "images//x.jpg",
        "./x.jpg",
        "file:///x.jpg",
        "ftp://example.org/x.jpg",
        "javascript:alert(1)",
        "images\\x.jpg",
        "https://",
        "",
    ],
)
def test_media_refuses_other_locations(url: str) -> None:
    with pytest.raises(ub.InvalidValue, match="'url'"):
        _media(url=url)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("alt", ""),
        ("alt", "  padded  "),
        ("alt", None),
        ("alt", "x" * 501),
        ("kind", "gif"),
        ("author", ""),
        ("licence", ""),
        ("source_url", "images/page.html"),
        ("source_url", "ftp://example.org"),
    ],
)
def test_media_refuses_bad_fields(field: str, value: object) -> None:
    with pytest.raises(ub.InvalidValue, match=f"'{field}'"):
        _media(**{field: value})


def test_an_exercise_does_not_show_the_same_picture_twice() -> None:
    with pytest.raises(ub.InvalidValue, match="'media' must not repeat an entry"):
        _exercise(media=[_media(), _media(alt="Again")])


def test_media_in_a_document_is_checked_at_its_path() -> None:
    data = ub.to_dict(_exercise(media=[_media()]))["data"]
    data["media"][0]["url"] = "../up.jpg"
    with pytest.raises(ub.InvalidDocument, match=r"\$\.media\[0\]\.url"):
        ub.from_data(data, ub.Exercise)


# -- schema ------------------------------------------------------------------


def test_the_json_schemas_know_the_new_fields() -> None:
    kit = ub.json_schema("kit")
    assert {"DumbbellProp", "OtherPropProp", "MachineProp"} <= set(kit["$defs"])
    exercise = ub.json_schema("exercise")
    text = repr(exercise)
    for word in ("secondary_targets", "'media'", "self_massage", "anterior_deltoid", "source_url"):
        assert word in text


@pytest.mark.parametrize(
    "name", ["kit-equipment", "exercise-dumbbell-row", "catalog-new-vocabulary"]
)
def test_the_new_vocabulary_documents_are_valid_against_their_schema(name: str) -> None:
    path = Path(__file__).parent / "documents" / f"v{ub.SCHEMA_VERSION}" / f"{name}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    check = jsonschema.Draft202012Validator(ub.json_schema(document["kind"]))
    assert [error.message for error in check.iter_errors(document)] == []
    bad = json.loads(json.dumps(document))
    if name == "kit-equipment":
        bad["data"]["props"].append({"type": "other", "name": "Not A Slug"})
    else:
        target = bad["data"] if name.startswith("exercise") else bad["data"]["exercises"][0]
        target["media"][0]["kind"] = "gif"
    assert not check.is_valid(bad)
