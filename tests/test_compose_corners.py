"""Corners of composing and prescribing: malformed targets and changes, a search cut short."""

from __future__ import annotations

import re

import pytest

import upperback as ub
from upperback.compose import Change, ChangeKind, Goal, compose, composer
from upperback.compose.goal import Target

SEEDS = range(4)


def test_a_target_names_exactly_one_aim() -> None:
    with pytest.raises(ub.InvalidValue) as none:
        Target()
    assert none.value.field == "benefit"
    assert "give exactly one" in none.value.reason
    with pytest.raises(ub.InvalidValue) as two:
        Target(benefit=ub.Benefit.FLEXIBILITY, region=ub.Region.NECK)
    assert two.value.field == "benefit"
    assert two.value.value == [ub.Benefit.FLEXIBILITY.value, ub.Region.NECK.value]


@pytest.mark.parametrize("aim", ["flexibility", None, 3])
def test_a_target_of_something_not_an_aim_is_refused(aim: object) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        Target.of(aim)  # type: ignore[arg-type]
    assert (info.value.field, info.value.value) == ("aim", aim)
    assert info.value.reason == "must be a Benefit, a Region or a Muscle"


@pytest.mark.parametrize("kind", [ChangeKind.SUBSTITUTED, ChangeKind.REPLACED])
def test_a_swap_names_what_replaced_the_exercise(kind: ChangeKind) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        Change(kind=kind, exercise_id="cat-camel", reason="Too much flexion.")
    assert (info.value.field, info.value.value) == ("replacement_id", None)
    assert info.value.reason == "must be given for a swap"
    swap = Change(kind=kind, exercise_id="cat-camel", reason="r", replacement_id="chin-tuck")
    assert swap.replacement_id == "chin-tuck"


def test_a_gap_lists_at_most_five_reasons_and_counts_the_rest() -> None:
    result = compose(ub.default_catalog(), Goal.of(1, benefits=list(ub.Benefit)))
    ruled_out = [
        g for g in result.gaps if g.reason.startswith("every exercise for it is ruled out")
    ]
    assert ruled_out
    for gap in ruled_out:
        listed = gap.reason.split(": ", 1)[1]
        more = re.search(r"; and (\d+) more$", listed)
        named = listed.removesuffix(more[0] if more else "").split("; ")
        assert len(named) <= 5
        if more:
            assert len(named) == 5
            assert int(more[1]) >= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_a_search_cut_short_keeps_the_budget_and_scores_no_higher(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = Goal.of(20, benefits=list(ub.Benefit))
    full = compose(ub.default_catalog(), goal, seed=seed)
    monkeypatch.setattr(composer, "_MAX_PASSES", 1)
    short = compose(ub.default_catalog(), goal, seed=seed)
    assert short.routine.duration().total_seconds() <= 20 * 60
    assert short.score <= full.score + 1e-9
