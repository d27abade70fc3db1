from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.props import BALL_SIZES_CM, PROP_TYPES

# The same module, typed loosely, to pass values of the wrong type on purpose.
loose: Any = ub

# Heights in cm at the spine-health band edges [B1*]: 5'0" = 152.4, 5'1" = 154.94,
# 5'8" = 172.72, 5'9" = 175.26, 6'2" = 187.96, 6'3" = 190.5, 6'7" = 200.66, 6'8" = 203.2.
BANDS = [
    (100, 45),
    (152.4, 45),
    (154.9, 45),  # between 5'0" and 5'1": the smaller ball (a convention)
    (154.94, 55),
    (172.72, 55),
    (175.2, 55),
    (175.26, 65),
    (178, 65),
    (187.96, 65),
    (190.5, 75),
    (200.66, 75),
    (203.2, 85),
    (250, 85),
]


@pytest.mark.parametrize(("height", "diameter"), BANDS)
def test_ball_for_height_follows_the_bands(height: float, diameter: int) -> None:
    assert ub.SwissBall.for_height(height).diameter_cm == diameter


@pytest.mark.parametrize(("height", "diameter"), [(150, 55), (178, 75), (200, 85), (210, 85)])
@pytest.mark.parametrize("flag", ["long_legs", "heavy"])
def test_long_legs_or_heavy_go_one_size_up(height: float, diameter: int, flag: str) -> None:
    assert ub.SwissBall.for_height(height, **{flag: True}).diameter_cm == diameter


def test_both_flags_still_go_up_only_one_size() -> None:
    assert ub.SwissBall.for_height(178, long_legs=True, heavy=True).diameter_cm == 75


@given(st.floats(100, 250), st.floats(100, 250))
def test_ball_size_never_shrinks_as_height_grows(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert ub.SwissBall.for_height(low).diameter_cm <= ub.SwissBall.for_height(high).diameter_cm
    assert ub.SwissBall.for_height(low).diameter_cm in BALL_SIZES_CM


@pytest.mark.parametrize("height", [99.9, 251, float("nan"), float("inf"), "178", True, None])
def test_bad_heights_are_rejected(height: object) -> None:
    with pytest.raises(ub.InvalidValue, match="'height_cm' must be a number between 100 and 250"):
        ub.SwissBall.for_height(height)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: loose.SwissBall(diameter_cm=29), "diameter_cm"),
        (lambda: loose.SwissBall(diameter_cm=65.0), "diameter_cm"),
        (lambda: loose.SwissBall(diameter_cm=65, burst_resistant_kg=0), "burst_resistant_kg"),
        (lambda: loose.FoamRoller(length_cm=5), "length_cm"),
        (lambda: loose.ResistanceBand(level=3), "level"),
        (lambda: loose.Chair(armless="yes"), "armless"),
        (lambda: loose.PropNeed(kind="mat"), "kind"),
        (lambda: loose.PropNeed(kind=ub.PropKind.MAT, required=1), "required"),
        (lambda: loose.PropNeed(kind=ub.PropKind.MAT, diameter_cm=65), "diameter_cm"),
        (lambda: loose.PropNeed(kind=ub.PropKind.SWISS_BALL, diameter_cm=10), "diameter_cm"),
        (lambda: loose.Kit(props=[ub.Towel(), "ball"]), "props"),
        (lambda: loose.Kit(props=3), "props"),
    ],
)
def test_invalid_props_name_the_field(make: object, field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make()  # type: ignore[operator]
    assert info.value.field == field
    assert repr(info.value.value) in str(info.value)


def test_band_colours_follow_theraband_order() -> None:
    assert [ub.ResistanceBand(level=level).colour() for level in ub.BandLevel] == list(
        ub.THERABAND_COLOURS
    )
    assert ub.ResistanceBand.from_colour("green").level is ub.BandLevel.HEAVY


def test_band_colour_presets_can_be_swapped() -> None:
    brand = ("pink", "purple", "grey", "a", "b", "c", "d", "e")
    band = ub.ResistanceBand.from_colour("purple", colours=brand)
    assert band.level is ub.BandLevel.LIGHT
    assert band.colour(colours=brand) == "purple"


def test_unknown_band_colour_is_an_error_listing_the_colours() -> None:
    with pytest.raises(ub.InvalidValue, match="'colour' must be one of tan, yellow"):
        ub.ResistanceBand.from_colour("pink")


def test_every_prop_kind_has_one_type() -> None:
    assert set(PROP_TYPES) == set(ub.PropKind)
    assert all(cls.kind is kind for kind, cls in PROP_TYPES.items())


def test_kit_satisfies_needs() -> None:
    kit = ub.Kit.of(ub.SwissBall(diameter_cm=65), ub.Towel())
    assert kit.satisfies(ub.PropNeed(kind=ub.PropKind.SWISS_BALL))
    assert kit.satisfies(ub.PropNeed(kind=ub.PropKind.SWISS_BALL, diameter_cm=65))
    assert not kit.satisfies(ub.PropNeed(kind=ub.PropKind.SWISS_BALL, diameter_cm=55))
    assert not kit.satisfies(ub.PropNeed(kind=ub.PropKind.WALL))
    assert kit.satisfies(ub.PropNeed(kind=ub.PropKind.WALL, required=False))
    assert kit.has(ub.PropKind.TOWEL)
    assert not kit.has(ub.PropKind.MAT)
    assert kit.kinds == {ub.PropKind.SWISS_BALL, ub.PropKind.TOWEL}
    needs = (ub.PropNeed(kind=ub.PropKind.TOWEL), ub.PropNeed(kind=ub.PropKind.MAT, required=False))
    assert kit.satisfies_all(needs)
    assert not ub.Kit().satisfies_all(needs)


def test_a_band_does_not_meet_a_ball_need() -> None:
    need = ub.PropNeed(kind=ub.PropKind.SWISS_BALL, diameter_cm=65)
    assert not need.is_met_by(ub.ResistanceBand(level=ub.BandLevel.LIGHT))


def test_kit_everyday_and_with_props() -> None:
    kit = ub.Kit.everyday()
    assert kit.kinds == {
        ub.PropKind.CHAIR,
        ub.PropKind.WALL,
        ub.PropKind.DOORWAY,
        ub.PropKind.TOWEL,
    }
    bigger = kit.with_props(ub.Mat())
    assert bigger.has(ub.PropKind.MAT)
    assert not kit.has(ub.PropKind.MAT)


def test_kit_accepts_any_iterable_of_props() -> None:
    assert ub.Kit(props=[ub.Towel(), ub.Towel()]) == ub.Kit.of(ub.Towel())


@given(ubst.kits(), ubst.prop_needs())
def test_an_optional_need_is_always_satisfied(kit: ub.Kit, need: ub.PropNeed) -> None:
    if not need.required:
        assert kit.satisfies(need)


@given(ubst.kits(), ubst.prop_needs(), ubst.props())
def test_a_prop_more_never_unmeets_a_need(kit: ub.Kit, need: ub.PropNeed, prop: ub.Prop) -> None:
    if kit.satisfies(need):
        assert ub.Kit(props=kit.props | {prop}).satisfies(need)


@given(ubst.kits(), ubst.prop_needs())
def test_a_required_need_is_met_only_by_a_prop_of_its_kind(kit: ub.Kit, need: ub.PropNeed) -> None:
    others = ub.Kit(props=frozenset(p for p in kit.props if p.kind is not need.kind))
    assert others.satisfies(need) is not need.required
    size = need.diameter_cm if need.diameter_cm is not None else 65
    fitting = ub.SwissBall(diameter_cm=size) if need.kind is ub.PropKind.SWISS_BALL else None
    if fitting is not None:
        assert ub.Kit(props=others.props | {fitting}).satisfies(need)
        if need.required and need.diameter_cm is not None:
            other_size = ub.SwissBall(diameter_cm=need.diameter_cm % 70 + 30 + 1)
            assert not ub.Kit(props=others.props | {other_size}).satisfies(need)
