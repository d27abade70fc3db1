"""Composition and adaptation: what ``compose`` and ``prescribe`` give (DOMAIN §1–2, §5, §8).

Goals of every length, benefit and frequency are composed for generated
people with their own kits, from the built-in catalog and from the built-in
catalog merged with an imported one; prescriptions are adapted to people,
kits and time budgets. Every result is checked against the sheet.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, example, given
from hypothesis import strategies as st

import upperback as ub
from tests.clinical import _checks as c
from tests.clinical import _domain as d
from tests.clinical._people import BUILT_IN, START, catalogs, goals, people, routine_ids, routine_of
from tests.clinical._settings import examples
from upperback.compose import compose


def _composed(
    catalog: ub.Catalog, goal: ub.Goal, person: ub.Profile, seed: int
) -> ub.Composition | None:
    try:
        return compose(catalog, goal, profile=person, seed=seed)
    except (ub.NothingSafe, ub.NothingFits):
        return None


_SEEDS = st.integers(0, 3)


def composition_violations(
    composition: ub.Composition, person: ub.Profile, kit: ub.Kit
) -> list[str]:
    """§1–2, §5, §8: everything a composed routine must keep to for its person."""
    blocks = composition.routine.blocks
    found = c.exclusion_violations(person, blocks, "composed")
    found += c.screen_caution_violations(person, blocks, "composed")
    found += c.pain_cap_violations(person, blocks, "composed")
    found += c.ball_load_violations(blocks, "composed")
    found += c.dose_range_violations(person, blocks, "composed", starting=True)
    for block in blocks:
        missing = [
            need.key for need in block.exercise.props if need.required and not kit.satisfies(need)
        ]
        if missing:
            found.append(f"composed: {block.exercise.id} needs {missing}, not in the kit")
    if composition.routine.duration().total_seconds() > composition.goal.budget_s:
        found.append("composed: the routine is longer than the goal's budget")
    return found


@examples(40)
@given(catalogs(), goals(sessions=st.integers(1, 3)), people(), _SEEDS)
def test_cmp1_a_composed_routine_keeps_to_the_sheet_for_its_person(
    catalog: ub.Catalog, goal: ub.Goal, person: ub.Profile, seed: int
) -> None:
    """CMP-1…4, CMP-7, CMP-8 [§1.1, §2, §3.1, §5.4, §8]: a composed routine is safe for its person.

    Nothing the person's conditions exclude; a caution on what the sheet
    flags; pain caps at the person's ceiling; no load on a ball; starting
    doses in the sheet's ranges (older adults hold 30–60 s, older adults and
    novices do 10–15 reps, 2–4 sets); only props the kit holds; within budget.
    """
    composition = _composed(catalog, goal, person, seed)
    if composition is not None:
        assert composition_violations(composition, person, person.kit) == []


def test_cmp1_checker_rejects_a_routine_that_needs_what_the_kit_lacks() -> None:
    """CMP-8 [§5–6]: the checker rejects a routine that needs a ball the person does not have."""
    goal = ub.Goal.of(20, benefits=[ub.Benefit.FLEXIBILITY])
    ball = ub.Kit.from_names(["swiss_ball", "mat"])
    composition = compose(BUILT_IN, goal, kit=ball)
    assert any(
        need.key == "swiss_ball" and need.required
        for block in composition.routine.blocks
        for need in block.exercise.props
    )
    found = composition_violations(composition, ub.Profile(), ub.Kit())
    assert any("not in the kit" in v for v in found)


@examples(25)
@example(
    BUILT_IN,
    ub.Goal.of(10, benefits=[ub.Benefit.STRENGTHEN_BACK], sessions_per_week=7),
    ub.Profile(),
    0,
)
@given(catalogs(), goals(sessions=st.integers(4, 7)), people(), _SEEDS)
def test_cmp5_strengthening_is_composed_no_more_than_recovery_allows(
    catalog: ub.Catalog, goal: ub.Goal, person: ub.Profile, seed: int
) -> None:
    """CMP-5 [§2 A6 A7]: ≥48 h between strengthening sessions, so at most 3 a week.

    A goal asking for 4–7 sessions a week gets no strengthening, or is refused.
    """
    try:
        composition = compose(catalog, goal, profile=person, seed=seed)
    except (ub.NothingSafe, ub.NothingFits, ub.InvalidValue):
        return
    assert c.frequency_violations(composition.routine, "composed") == []


def test_cmp5_checker_rejects_strengthening_seven_times_a_week() -> None:
    """CMP-5 [§2]: the checker rejects a band row seven sessions a week."""
    routine = ub.Routine.of("R", main=[BUILT_IN["band-row-seated"]], sessions_per_week=7)
    assert c.frequency_violations(routine, "here")


@examples(20)
@example(
    BUILT_IN,
    ub.Goal.of(10, benefits=[ub.Benefit.STRENGTHEN_BACK], sessions_per_week=7),
    ub.Profile(),
    0,
)
@given(catalogs(), goals(), people(), _SEEDS)
def test_cmp6_what_compose_gives_plan_accepts(
    catalog: ub.Catalog, goal: ub.Goal, person: ub.Profile, seed: int
) -> None:
    """CMP-6 [§2 A6 A7]: one frequency rule: every composed routine can be planned for its person.

    The person may still change so that nothing is safe on a later week.
    """
    composition = _composed(catalog, goal, person, seed)
    if composition is not None:
        try:
            ub.plan(composition.routine, weeks=12, profile=person, start=START)
        except ub.NothingSafe:
            return  # the person changes so that nothing is safe: not the frequency rule


def _prescribed(ids: list[str], person: ub.Profile, minutes: int | None) -> ub.Prescription | None:
    try:
        return ub.prescribe(routine_of(ids, 2), BUILT_IN, profile=person, minutes=minutes)
    except (ub.NothingSafe, ub.NothingFits):
        return None


def prescription_violations(prescription: ub.Prescription, person: ub.Profile) -> list[str]:
    """§1–2, §3.1, §5.4, §8: everything an adapted prescription must keep to."""
    blocks = prescription.routine.blocks
    found = c.exclusion_violations(person, blocks, "prescribed")
    found += c.screen_caution_violations(person, blocks, "prescribed")
    found += c.pain_cap_violations(person, blocks, "prescribed")
    found += c.ball_load_violations(blocks, "prescribed")
    if (
        prescription.budget_s is not None
        and prescription.routine.duration().total_seconds() > prescription.budget_s
    ):
        found.append("prescribed: longer than its budget")
    return found


@examples(40)
@given(routine_ids(max_blocks=6), people(), st.none() | st.integers(3, 30))
def test_cmp9_an_adapted_prescription_keeps_to_the_sheet(
    ids: list[str], person: ub.Profile, minutes: int | None
) -> None:
    """CMP-9 [§3.1, §5.4, §8]: ``prescribe`` never keeps or brings in what the person must avoid."""
    prescription = _prescribed(ids, person, minutes)
    if prescription is not None:
        assert prescription_violations(prescription, person) == []


@examples(25)
@example(["levator-scapulae-stretch"], 3)
@given(routine_ids(max_blocks=6), st.integers(3, 30))
def test_cmp10_a_time_budget_never_shortens_an_older_adults_holds(
    ids: list[str], minutes: int
) -> None:
    """CMP-10 [§1.1 A1 A2]: older adults hold static stretches 30–60 s, whatever the budget.

    A budget may drop exercises or sets; it never shortens a static hold
    below 30 s (or below the hold the prescription gives without a budget,
    when that is shorter).
    """
    older = ub.Profile(age_band=ub.AgeBand.OVER_50)
    budgeted = _prescribed(ids, older, minutes)
    free = _prescribed(ids, older, None)
    assume(budgeted is not None)
    assume(free is not None)
    assert budgeted is not None
    assert free is not None
    assert shortened_holds(free.routine, budgeted.routine) == []


def shortened_holds(free: ub.Routine, budgeted: ub.Routine) -> list[str]:
    """§1.1: the older adult's static holds a budget cut below 30 s (or the unbudgeted hold)."""
    before = {b.exercise.id: b.dose.hold_s for b in free.blocks if b.dose.hold_s is not None}
    low = d.OLDER_ADULT_HOLD_S[0]
    return [
        f"{b.exercise.id}: {b.dose.hold_s} s with a budget, {before[b.exercise.id]} s without"
        for b in budgeted.blocks
        if b.exercise.kind is ub.ExerciseKind.STATIC_STRETCH
        and b.exercise.id in before
        and b.dose.hold_s is not None
        and b.dose.hold_s < min(low, before[b.exercise.id])
    ]


def test_cmp10_checker_rejects_a_hold_cut_to_10_seconds() -> None:
    """CMP-10 [§1.1]: the checker rejects a 30 s hold cut to 10 s by a budget."""
    pec = BUILT_IN["doorway-pec-stretch"]
    free = ub.Routine.of("R", main=[ub.Block(exercise=pec, dose=ub.Dose(sets=2, hold_s=30))])
    cut = ub.Routine.of("R", main=[ub.Block(exercise=pec, dose=ub.Dose(sets=2, hold_s=10))])
    assert shortened_holds(free, cut)


@examples(20)
@given(goals(sessions=st.integers(1, 3)), people(), _SEEDS)
def test_cmp11_a_composed_routine_is_planned_safely_for_a_year(
    goal: ub.Goal, person: ub.Profile, seed: int
) -> None:
    """CMP-11 [§2, §5.4, §8]: a composed routine planned for 52 weeks stays safe every week."""
    composition = _composed(BUILT_IN, goal, person, seed)
    assume(composition is not None)
    assert composition is not None
    try:
        program = ub.plan(
            composition.routine,
            weeks=52,
            profile=person,
            catalog=BUILT_IN,
            start=dt.date(2027, 1, 4),
        )
    except ub.NothingSafe:
        return  # nothing safe on some week: refusing to plan is safe
    assert c.program_exclusion_violations(program) == []
    assert c.spacing_violations(program) == []
