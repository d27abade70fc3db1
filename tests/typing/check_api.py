"""Usage that must type-check under ``mypy --strict`` (it is never run).

It pins what the public API promises to type checkers: return types,
overloads and lazy names, so that a change that loosens them fails ``mypy``.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_type

import upperback as ub
from upperback.compose import compose


def usage() -> None:
    """Type-checked only."""
    catalog = ub.default_catalog()
    assert_type(catalog, ub.Catalog)
    assert_type(catalog["cat-camel"], ub.Exercise)
    assert_type(catalog.easier("thread-the-needle"), ub.Exercise | None)

    ball = ub.SwissBall.for_height(178.5, long_legs=True)
    assert_type(ball, ub.SwissBall)
    kit = ub.Kit.of(ball, ub.ResistanceBand.from_colour("red"))
    assert_type(kit.satisfies(ub.PropNeed(kind=ub.PropKind.WALL)), bool)

    routine = ub.Routine.of("Desk reset", main=[catalog["wall-angel"]])
    assert_type(routine.duration(), dt.timedelta)
    assert_type(routine + routine, ub.Routine)
    assert_type(ub.scale(routine, minutes=10), ub.ScaleResult)
    assert_type(ub.substitute(routine, kit, catalog), ub.SubstitutionResult)
    assert_type(routine.coverage(), ub.Coverage)

    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}, kit=kit)
    assert_type(ub.screen(routine, person), ub.ScreenReport)
    assert_type(ub.screen(catalog["cat-camel"], person), ub.BlockScreen)
    assert_type(ub.screen(routine, person).safe_routine(), ub.Routine)
    goal = ub.Goal.of(10, benefits={ub.Benefit.FLEXIBILITY: 2}, regions=[ub.Region.NECK])
    assert_type(compose(catalog, goal, profile=person, seed=1), ub.Composition)
    assert_type(ub.objective(routine, goal), float)
    assert_type(ub.prescribe(ub.desk_reset(), catalog, profile=person, minutes=10), ub.Prescription)
    assert_type(ub.safe_exercises(catalog, person, kit=kit), ub.Catalog)
    advice = ub.triage(ub.SymptomReport(days_since_onset=3, trend=ub.Trend.BETTER))
    assert_type(advice, ub.Advice)
    assert_type(advice.level, ub.AdviceLevel)
    check_in = ub.CheckIn(
        date=dt.date(2027, 1, 6), report=ub.SymptomReport(days_since_onset=1, trend=ub.Trend.SAME)
    )
    history = ub.triage_history([], check_ins=[check_in], profile=person)
    assert_type(history, ub.HistoryAdvice)
    assert_type(history.referral, ub.Referral | None)
    if history.referral is not None:
        cleared = ub.Clearance.of_referral(
            history.referral, by="Dr Okafor", date=dt.date(2027, 1, 8)
        )
        assert_type(cleared, ub.Clearance)
        program = ub.plan(routine, check_ins=[check_in], clearances=[cleared])
        assert_type(program.referral, ub.Referral | None)
        assert_type(program.weeks[0].to_do, tuple[ub.PlannedSession, ...])

    assert_type(ub.dumps(routine), str)
    assert_type(ub.loads("{}", ub.Routine), ub.Routine)
    assert_type(ub.loads("{}"), object)
    assert_type(ub.from_dict({}, ub.Dose), ub.Dose)
    assert_type(ub.loads("{}", ub.Routine, limits=ub.Limits(max_items=100)), ub.Routine)
    assert_type(ub.from_data({}, ub.Dose), ub.Dose)
    assert_type(ub.from_data({}, "dose"), object)
    try:
        ub.from_data({}, ub.Dose)
    except ub.InvalidDocument as error:
        assert_type(error.to_list(), list[dict[str, str]])
        assert_type(error.problems[0].pointer, str)
