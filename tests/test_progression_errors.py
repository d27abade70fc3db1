"""Progression values refuse bad input by field and message; the rarer paths of decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback._validate import SLUG_BOUND
from upperback.progression import ProgressAction as Act
from upperback.progression.tally import Tally

CATALOG = ub.default_catalog()
MONDAY = dt.date(2026, 1, 5)


def _block(exercise_id: str) -> ub.Block:
    return ub.Block(exercise=CATALOG[exercise_id])


def _routine() -> ub.Routine:
    return ub.Routine.of("Desk", main=[CATALOG["doorway-pec-stretch"]])


def _outcome(b: ub.Block, at: tuple[int, int] = (0, 0), **kw: Any) -> ub.Outcome:
    target = b.dose.reps if b.dose.reps is not None else b.dose.hold_s
    sides = 2 if b.dose.per_side else 1
    done = kw.pop("done", (target or 0,) * (b.dose.sets * sides))
    return ub.Outcome(
        section=at[0], block=at[1], exercise_id=b.exercise.id, dose=b.dose, done=done, **kw
    )


def _log(b: ub.Block, **kw: Any) -> ub.SessionLog:
    fields: dict[str, Any] = {"date": MONDAY, "routine_id": "desk", "outcomes": [_outcome(b)]}
    fields.update(kw)
    return ub.SessionLog(**fields)


def _reason() -> ub.DecisionReason:
    return ub.DecisionReason(rule="hold", text="Set to stay.")


def _decision(**kw: Any) -> ub.Decision:
    b = _block("band-pull-apart")
    fields: dict[str, Any] = {
        "at": (0, 0),
        "action": Act.HOLD,
        "block": b,
        "previous_dose": b.dose,
        "previous_exercise_id": b.exercise.id,
        "reasons": [_reason()],
    }
    fields.update(kw)
    return ub.Decision(**fields)


@pytest.mark.parametrize(
    ("make", "field", "reason"),
    [
        (lambda: _decision(reasons=[]), "reasons", "must give at least one reason"),
        (lambda: _decision(at=(0, 0, 0)), "at", "must be a (section, block) address"),
        (lambda: _decision(at=7), "at", "must be a (section, block) address"),
        (
            lambda: _log(_block("band-pull-apart"), date="2026-01-05"),
            "date",
            "must be a date",
        ),
        (
            lambda: ub.PlannedSession(number=1, date="2026-01-05"),  # type: ignore[arg-type]
            "date",
            "must be a date",
        ),
        (
            lambda: ub.Program(routine=_routine(), weeks=[]),
            "weeks",
            "must hold at least one week",
        ),
        (
            lambda: ub.RuleSet(by_kind=[(ub.ExerciseKind.STATIC_STRETCH,)]),
            "by_kind[0]",
            "must be a pair",
        ),
        (
            lambda: ub.RuleSet(by_block=[((0, 0, 1), ub.Hold())]),
            "by_block[0][0]",
            "must be a (section, block) address",
        ),
        (
            lambda: ub.RuleSet(by_block=[((0, -1), ub.Hold())]),
            "by_block[0][0]",
            "must be a (section, block) address",
        ),
        (
            lambda: ub.plan(_routine(), weeks=2, rules="hold"),  # type: ignore[arg-type]
            "rules",
            "must be a RuleSet or a progression rule",
        ),
        (
            lambda: ub.plan(_routine(), weeks=2, start="2026-01-05"),  # type: ignore[arg-type]
            "start",
            "must be a date",
        ),
        (
            lambda: ub.Deload(every_weeks=4, percent=50, fields=[]),
            "fields",
            "must name at least one dose field to scale",
        ),
        (
            lambda: ub.Chain(rules=5),  # type: ignore[arg-type]
            "rules",
            "must be a collection of progression rules",
        ),
    ],
)
def test_progression_values_refuse_bad_input_naming_the_field(
    make: Any, field: str, reason: str
) -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        make()
    assert caught.value.field == field
    assert caught.value.reason == reason


def test_a_program_start_must_be_a_date() -> None:
    program = ub.plan(_routine(), weeks=1)
    with pytest.raises(ub.InvalidValue) as caught:
        ub.Program(routine=program.routine, weeks=program.weeks, start="2026-01-05")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.reason) == ("start", "must be a date")


def test_a_rule_set_given_as_a_mapping_is_read_in_order_and_a_non_collection_is_refused() -> None:
    rules = ub.RuleSet(by_kind={ub.ExerciseKind.STATIC_STRETCH: ub.Hold()})
    assert rules.by_kind == ((ub.ExerciseKind.STATIC_STRETCH, ub.Hold()),)
    with pytest.raises(ub.InvalidValue) as caught:
        ub.RuleSet(by_kind=5)
    assert caught.value.field == "by_kind"


def test_a_log_of_another_routine_or_an_address_it_lacks_is_refused() -> None:
    routine = _routine()
    b = routine.blocks[0]
    with pytest.raises(ub.InvalidValue) as caught:
        _log(b, routine_id="other").check(routine)
    assert caught.value.field == "routine_id"
    assert caught.value.reason == f"must be the id of the routine ({routine.id!r})"
    with pytest.raises(ub.InvalidValue) as caught:
        _log(b, routine_id=routine.id, outcomes=[_outcome(b, at=(0, 3))]).check(routine)
    assert caught.value.field == "outcomes[0]"


def test_a_log_finds_each_outcome_by_address_and_none_for_an_address_not_logged() -> None:
    a, c = _block("band-pull-apart"), _block("doorway-pec-stretch")
    session = _log(a, outcomes=[_outcome(a, at=(0, 0)), _outcome(c, at=(0, 1))])
    found = session.outcome((0, 1))
    assert found is not None
    assert found.exercise_id == c.exercise.id
    assert session.outcome((1, 0)) is None


def test_tallies_add_only_to_tallies_and_time_is_seconds_done_over_prescribed() -> None:
    tally = Tally(seconds_done=30, seconds_prescribed=60)
    assert tally.time == pytest.approx(0.5)
    assert Tally().__add__(3) is NotImplemented
    with pytest.raises(TypeError):
        tally + 3


def test_a_week_whose_every_block_was_skipped_counts_no_session_done() -> None:
    routine = _routine()
    b = routine.blocks[0]
    skipped = ub.Outcome(
        section=0, block=0, exercise_id=b.exercise.id, dose=b.dose, skip_reason="Too sore today."
    )
    session = ub.SessionLog(date=MONDAY, routine_id=routine.id, outcomes=[skipped], week=1)
    program = ub.plan(routine, weeks=2, logs=[session])
    result = ub.adherence(program, [session])
    assert result.total.sessions_done == 0
    assert result.total.sessions_planned == routine.sessions_per_week


def test_a_decision_that_changes_the_exercise_names_the_old_one_and_its_dose() -> None:
    b = _block("wall-push-up-plus")
    session = _log(b)
    decision = ub.progress(b, [session], ub.Advance(), catalog=CATALOG)
    assert decision.action is Act.ADVANCE
    text = decision.describe()
    assert text.startswith(f"{decision.block.exercise.name}: advance wall-push-up-plus at ")
    assert "→" in text


def test_a_linear_rule_cannot_step_a_dose_below_one_and_suppress_has_no_step_back() -> None:
    dose = ub.Dose(sets=1, reps=1)
    assert ub.LinearProgression(field=ub.DoseField.REPS, step=1)._back(dose) is None
    held = ub.Dose(sets=2, hold_s=30)
    assert ub.LinearProgression(field=ub.DoseField.REPS, step=1)._back(held) is None
    assert ub.Suppress(weeks={2})._back(dose) is None


def test_a_rule_set_entry_may_not_repeat() -> None:
    kind = ub.ExerciseKind.STATIC_STRETCH
    with pytest.raises(ub.InvalidValue) as caught:
        ub.RuleSet(by_kind=[(kind, ub.Hold()), (kind, ub.HoldProgression())])
    assert caught.value.field == "by_kind[1][0]"
    assert caught.value.reason == "must not repeat an earlier entry"


def test_a_log_whose_week_is_not_the_week_of_its_date_is_refused() -> None:
    routine = _routine()
    session = _log(routine.blocks[0], routine_id=routine.id, date=MONDAY + dt.timedelta(days=8))
    session = ub.SessionLog(
        date=session.date, routine_id=routine.id, outcomes=session.outcomes, week=1
    )
    with pytest.raises(ub.InvalidValue) as caught:
        ub.plan(routine, weeks=3, start=MONDAY, logs=[session])
    assert caught.value.field == "logs[0].week"
    assert caught.value.reason == "must be the week its date falls in (2)"


def test_a_skipped_session_neither_breaks_nor_counts_towards_a_run_of_successes() -> None:
    b = ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=3, reps=10))
    done = _log(b)
    skipped = _log(
        b,
        outcomes=[
            ub.Outcome(
                section=0, block=0, exercise_id=b.exercise.id, dose=b.dose, skip_reason="Busy."
            )
        ],
    )
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1, after_successes=2)
    assert ub.progress(b, [done, skipped, done], rule, window=3).action is Act.PROGRESS
    assert ub.progress(b, [skipped, done], rule, window=2).action is Act.HOLD


def test_a_screened_progression_keeps_the_blocks_own_notes_and_carries_the_cues_as_cautions() -> (
    None
):
    person = ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    exercise = CATALOG["doorway-pec-stretch"]
    b = ub.Block(exercise=exercise, dose=ub.Dose(sets=2, hold_s=15), notes="Breathe out.")
    decision = ub.progress(b, [_log(b)], ub.HoldProgression(), profile=person)
    assert decision.action is Act.PROGRESS
    assert decision.block.notes == "Breathe out."
    assert {c.rule for c in decision.block.cautions} >= {"hypermobility-stretch-cap"}
    assert any(r.rule == "screen" for r in decision.reasons)


def test_a_reason_needs_a_short_rule_name_and_a_log_a_slug_routine_id() -> None:
    with pytest.raises(ub.InvalidValue) as caught:
        ub.DecisionReason(rule=" hold", text="Set to stay.")
    assert caught.value.field == "rule"
    assert caught.value.reason == (
        "must be non-empty text of at most 60 characters without leading or trailing spaces"
    )
    with pytest.raises(ub.InvalidValue) as caught:
        ub.DecisionReason(rule="hold", text="Fine.", sources=["A1", "x" * 21])
    assert caught.value.field == "sources[1]"
    with pytest.raises(ub.InvalidValue) as caught:
        _log(_block("band-pull-apart"), routine_id="Desk Reset")
    assert caught.value.field == "routine_id"
    assert caught.value.reason == SLUG_BOUND.reason


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_logs_drawn_for_a_given_routine_fit_that_routine(data: st.DataObject) -> None:
    routine = ub.Routine.of(
        "Desk", main=[CATALOG["band-pull-apart"], CATALOG["doorway-pec-stretch"]]
    )
    session = data.draw(ubst.session_logs(routine=routine))
    assert session.routine_id == routine.id
    session.check(routine)  # raises InvalidValue if any outcome does not fit
    blocks = dict(ub.progression.addresses(routine))
    for outcome in session.outcomes:
        assert blocks[outcome.address].exercise.id == outcome.exercise_id


def test_a_linear_rule_at_its_maximum_holds_saying_no_rule_applies() -> None:
    b = ub.Block(exercise=CATALOG["band-pull-apart"], dose=ub.Dose(sets=3, reps=10))
    rule = ub.LinearProgression(field=ub.DoseField.REPS, step=1, maximum=10)
    decision = ub.progress(b, [_log(b)], rule)
    assert decision.action is Act.HOLD
    assert decision.block == b
    assert decision.reasons[0].text.startswith("No rule applies any more")
    below = ub.Block(exercise=b.exercise, dose=ub.Dose(sets=3, reps=9))
    assert ub.progress(below, [_log(below)], rule).block.dose.reps == 10


def test_a_deload_has_no_step_back() -> None:
    rule = ub.Deload(every_weeks=4, percent=50)
    assert rule._back(ub.Dose(sets=4, reps=10)) is None


def test_a_linear_rule_steps_back_by_its_drop_or_else_its_step() -> None:
    dose = ub.Dose(sets=3, reps=10)
    by_step = ub.LinearProgression(field=ub.DoseField.REPS, step=2)
    by_drop = ub.LinearProgression(field=ub.DoseField.REPS, step=2, drop=3)
    assert by_step._back(dose) == ub.Dose(sets=3, reps=8)
    assert by_drop._back(dose) == ub.Dose(sets=3, reps=7)
