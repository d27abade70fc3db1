"""Progression values refuse bad input by field and message; the rarer paths of decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback._validate import SLUG_BOUND
from upperback.progression import (
    Advance,
    Deload,
    DoseField,
    DoubleProgression,
    HoldProgression,
    LinearProgression,
    Outcome,
    PlannedSession,
    RegressExercise,
    SessionLog,
    SetProgression,
    StallDeload,
    Suppress,
    Week,
)
from upperback.progression import ProgressAction as Act
from upperback.progression.tally import Tally


def _at_most(examples: int) -> int:
    """``examples``, or fewer when the profile asks for fewer (the quick and mutation runs)."""
    return min(examples, settings().max_examples)


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
    kw.setdefault("pain_during", 0)  # a session that went well: the pain gate reads it
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
    # A session logged as skipped is due (its day came) and not done.
    assert result.total.sessions_done == 0
    assert result.total.sessions_planned == 1


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


@settings(max_examples=_at_most(25), deadline=None)
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


# -- every documented range is enforced at both of its edges -------------------
#
# The ranges are the documented contract (each class's docstring says "1 to 60"
# and the like; pain and effort are 0-10 ratings [P7], DOMAIN 3): the value
# at each edge is accepted, one past either edge is refused, naming the field.
# Nothing here reads the declared bounds: the tests state the numbers.

_BOUNDS_BLOCK = ub.Block(exercise=CATALOG["band-pull-apart"])
_BOUNDS_HOLD_BLOCK = ub.Block(exercise=CATALOG["doorway-pec-stretch"])


def _valid_outcome(**kw: Any) -> Outcome:
    dose = kw.pop("dose", _BOUNDS_BLOCK.dose)
    fields: dict[str, Any] = {
        "section": 0,
        "block": 0,
        "exercise_id": "band-pull-apart",
        "dose": dose,
        "done": (dose.reps,) * dose.sets,
    }
    fields.update(kw)
    return Outcome(**fields)


def _valid_log(**kw: Any) -> SessionLog:
    fields: dict[str, Any] = {"date": MONDAY, "routine_id": "desk", "outcomes": [_valid_outcome()]}
    fields.update(kw)
    return SessionLog(**fields)


def _valid_week(**kw: Any) -> Week:
    routine = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
    return Week(routine=routine, sessions=[PlannedSession(number=1)], **kw)


# (what builds a valid value from one field's value, the field, least, greatest)
RANGES: list[tuple[Any, str, int, int]] = [
    (lambda n: HoldProgression(step_s=n), "step_s", 1, 60),
    (lambda n: HoldProgression(max_s=n), "max_s", 1, 120),
    (lambda n: DoubleProgression(low=n, high=50), "low", 1, 49),
    (lambda n: DoubleProgression(low=1, high=n), "high", 2, 50),
    (lambda n: DoubleProgression(low=8, high=12, step=n), "step", 1, 10),
    (lambda n: DoubleProgression(low=8, high=12, max_sets=n), "max_sets", 1, 10),
    (lambda n: SetProgression(max_sets=n), "max_sets", 1, 10),
    (lambda n: SetProgression(max_sets=4, step=n), "step", 1, 5),
    (lambda n: SetProgression(max_sets=4, max_total_s=n), "max_total_s", 1, 1200),
    (lambda n: LinearProgression(field=DoseField.HOLD_S, step=n), "step", 1, 60),
    *[
        (
            lambda n, name=name: LinearProgression(field=DoseField.HOLD_S, step=1, **{name: n}),
            name,
            low,
            high,
        )
        for name, low, high in (
            ("after_successes", 1, 20),
            ("drop", 0, 60),
            ("after_failures", 1, 20),
            ("beyond_last_set", 0, 20),
            ("maximum", 1, 120),
        )
    ],
    (lambda n: ub.PercentProgression(field=DoseField.HOLD_S, percent=n), "percent", 1, 100),
    (
        lambda n: ub.PercentProgression(field=DoseField.HOLD_S, percent=5, after_successes=n),
        "after_successes",
        1,
        20,
    ),
    (
        lambda n: ub.PercentProgression(field=DoseField.HOLD_S, percent=5, maximum=n),
        "maximum",
        1,
        120,
    ),
    (lambda n: ub.SetOnWeek(week=n, field=DoseField.SETS, value=2), "week", 1, 520),
    (lambda n: ub.SetOnWeek(week=1, field=DoseField.HOLD_S, value=n), "value", 1, 120),
    (lambda n: Advance(after_successes=n), "after_successes", 1, 20),
    (lambda n: RegressExercise(after_failures=n), "after_failures", 1, 20),
    (lambda n: Deload(every_weeks=n, percent=50), "every_weeks", 2, 52),
    (lambda n: Deload(every_weeks=4, percent=n), "percent", 10, 90),
    (lambda n: StallDeload(after_sessions=n, percent=50), "after_sessions", 1, 20),
    (lambda n: StallDeload(after_sessions=3, percent=n), "percent", 10, 90),
    (lambda n: _valid_outcome(section=n), "section", 0, 100),
    (lambda n: _valid_outcome(block=n), "block", 0, 100),
    (lambda n: _valid_outcome(pain_during=n), "pain_during", 0, 10),
    (lambda n: _valid_outcome(pain_after=n), "pain_after", 0, 10),
    (lambda n: _valid_outcome(pain_next_morning=n), "pain_next_morning", 0, 10),
    (lambda n: _valid_outcome(effort=n), "effort", 0, 10),
    (lambda n: _valid_outcome(done=(n, 12, 12)), "done[0]", 0, 50),
    (
        lambda n: _valid_outcome(
            exercise_id="doorway-pec-stretch",
            dose=_BOUNDS_HOLD_BLOCK.dose,
            done=(n,) * _BOUNDS_HOLD_BLOCK.dose.sets,
        ),
        "done[0]",
        0,
        120,
    ),
    (lambda n: _valid_log(pain_before=n), "pain_before", 0, 10),
    (lambda n: _valid_log(week=n), "week", 1, 520),
    (lambda n: _valid_log(week=1, session=n), "session", 1, 7),
    (lambda n: PlannedSession(number=n), "number", 1, 7),
    (lambda n: _valid_week(number=n), "number", 1, 520),
    (lambda n: Suppress(weeks={n}), "weeks[0]", 1, 520),
    *[
        (lambda n, name=name: Tally(**{name: n}), name, 0, 10**9)
        for name in (field.name for field in attrs.fields(Tally))
        if not name.startswith("worst_")
    ],
    *[
        (lambda n, name=name: Tally(**{name: n}), name, 0, 10)
        for name in ("worst_pain_before", "worst_pain_with_exercise", "worst_pain_next_morning")
    ],
]
IDS = [f"{name}-{low}-{high}" for _, name, low, high in RANGES]


@pytest.mark.parametrize(("build", "name", "low", "high"), RANGES, ids=IDS)
def test_each_edge_of_a_documented_range_is_accepted(
    build: Any, name: str, low: int, high: int
) -> None:
    build(low)
    build(high)


@pytest.mark.parametrize(("build", "name", "low", "high"), RANGES, ids=IDS)
def test_one_past_either_edge_is_refused_naming_the_field(
    build: Any, name: str, low: int, high: int
) -> None:
    for wrong in (low - 1, high + 1):
        with pytest.raises(ub.InvalidValue) as info:
            build(wrong)
        assert info.value.field == name, wrong
        assert info.value.value == wrong


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda: DoubleProgression(low=True, high=12), "low"),
        (lambda: HoldProgression(step_s=5.0), "step_s"),  # type: ignore[arg-type]
        (lambda: _valid_outcome(pain_during="3"), "pain_during"),
        (lambda: _valid_log(notes=" padded"), "notes"),
        (lambda: _valid_log(notes=""), "notes"),
        (lambda: _valid_log(routine_id="Not A Slug"), "routine_id"),
        (lambda: _valid_outcome(exercise_id="Band Pull"), "exercise_id"),
        (lambda: _valid_outcome(done=(), skip_reason="x" * 501), "skip_reason"),
        (lambda: ub.DecisionReason(rule="r" * 61, text="Why."), "rule"),
        (lambda: ub.DecisionReason(rule="hold", text="Why.", sources=["A2", " A3"]), "sources[1]"),
        (lambda: ub.DecisionReason(rule="hold", text="Why.", sources=["K" * 21]), "sources[0]"),
        (lambda: Suppress(weeks=set()), "weeks"),
        (lambda: Deload(every_weeks=4, percent=50, fields=set()), "fields"),
        (lambda: StallDeload(after_sessions=3, percent=50, fields=set()), "fields"),
        (lambda: ub.Chain(rules=[]), "rules"),
    ],
)
def test_a_wrong_kind_of_value_or_an_empty_collection_is_refused(build: Any, name: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        build()
    assert info.value.field == name


def test_the_longest_texts_allowed_are_accepted() -> None:
    _valid_outcome(done=(), skip_reason="x" * 500)
    _valid_log(notes="n" * 2000)
    ub.DecisionReason(rule="r" * 60, text="t" * 2000, sources=["K" * 20])


def test_every_broken_bound_of_a_log_is_reported_at_once() -> None:
    with pytest.raises(ub.InvalidValues) as info:
        _valid_log(routine_id="Desk!", week=0, pain_before=11)
    assert [e.field for e in info.value.errors] == ["routine_id", "week", "pain_before"]


def test_a_range_above_its_bottom_and_a_cap_within_its_field_are_cross_checked() -> None:
    with pytest.raises(ub.InvalidValue, match="between 13 and 50 reps") as info:
        DoubleProgression(low=12, high=12)
    assert (info.value.field, info.value.value) == ("high", 12)
    LinearProgression(field=DoseField.SETS, step=1, maximum=10)
    with pytest.raises(ub.InvalidValue, match="between 1 and 10") as info:
        LinearProgression(field=DoseField.SETS, step=1, maximum=11)
    assert (info.value.field, info.value.value) == ("maximum", 11)
    LinearProgression(field=DoseField.BAND_LEVEL, step=1, maximum=8)
    with pytest.raises(ub.InvalidValue):
        LinearProgression(field=DoseField.BAND_LEVEL, step=1, maximum=9)


# -- every argument and field is checked, and the error names it -------------


def _program() -> ub.Program:
    return ub.plan(_routine(), weeks=1)


def _week_of(**kw: Any) -> Week:
    fields: dict[str, Any] = {
        "number": 1,
        "routine": _routine(),
        "sessions": [PlannedSession(number=1)],
    }
    fields.update(kw)
    return Week(**fields)


_PULL = _block("band-pull-apart")
_NOT = "not one"  # a value of the wrong kind everywhere

WRONG_ARGUMENTS: list[tuple[Any, str, Any, str]] = [
    # (what is called, the field named, the value named, words of the message)
    (lambda: ub.progress(_NOT, [], ub.Hold()), "block", _NOT, "must be a Block"),  # type: ignore[arg-type]
    (lambda: ub.progress(_PULL, [], _NOT), "rule", _NOT, "must be a "),  # type: ignore[arg-type]
    (lambda: ub.progress(_PULL, [], ub.Hold(), week=0), "week", 0, "between 1 and 520"),
    (lambda: ub.progress(_PULL, [], ub.Hold(), week=521), "week", 521, "between 1 and 520"),
    (lambda: ub.progress(_PULL, [], ub.Hold(), window=-1), "window", -1, "between 0 and 1000"),
    (lambda: ub.progress(_PULL, [], ub.Hold(), window=1001), "window", 1001, "0 and 1000"),
    (lambda: ub.progress(_PULL, [], ub.Hold(), policy=_NOT), "policy", _NOT, "SafetyPolicy"),  # type: ignore[arg-type]
    (lambda: ub.progress(_PULL, [], ub.Hold(), profile=_NOT), "profile", _NOT, "a Profile"),  # type: ignore[arg-type]
    (lambda: ub.progress(_PULL, [], ub.Hold(), catalog=_NOT), "catalog", _NOT, "a Catalog"),  # type: ignore[arg-type]
    (lambda: ub.progress(_PULL, [_NOT], ub.Hold()), "logs[0]", _NOT, "SessionLog"),  # type: ignore[list-item]
    (lambda: ub.plan(_NOT), "routine", _NOT, "must be a Routine"),  # type: ignore[arg-type]
    (lambda: ub.plan(_routine(), weeks=0), "weeks", 0, "between 1 and 520"),
    (lambda: ub.plan(_routine(), weeks=521), "weeks", 521, "between 1 and 520"),
    (lambda: ub.plan(_routine(), policy=_NOT), "policy", _NOT, "SafetyPolicy"),  # type: ignore[arg-type]
    (lambda: ub.plan(_routine(), catalog=_NOT), "catalog", _NOT, "a Catalog"),  # type: ignore[arg-type]
    (lambda: ub.plan(_routine(), profile=_NOT), "profile", _NOT, "a Profile"),  # type: ignore[arg-type]
    (lambda: ub.plan(_routine(), rules=_NOT), "rules", _NOT, "a RuleSet or a progression rule"),  # type: ignore[arg-type]
    (lambda: ub.plan(_routine(), logs=[_NOT]), "logs[0]", _NOT, "SessionLog"),  # type: ignore[list-item]
    (lambda: ub.default_rule(_NOT), "exercise", _NOT, "an Exercise"),  # type: ignore[arg-type]
    (
        lambda: ub.default_rule(CATALOG["band-pull-apart"], older_adult=1),  # type: ignore[arg-type]
        "older_adult",
        1,
        "a bool",
    ),
    (
        lambda: ub.default_rule(CATALOG["band-pull-apart"], novice=1),  # type: ignore[arg-type]
        "novice",
        1,
        "a bool",
    ),
    (lambda: ub.adherence(_NOT, ()), "program", _NOT, "a Program"),  # type: ignore[arg-type]
    (lambda: ub.Adherence(total=_NOT, weeks=(), blocks=()), "total", _NOT, "a Tally"),  # type: ignore[arg-type]
    (lambda: ub.Adherence(total=Tally(), weeks=_NOT, blocks=()), "weeks", _NOT, "Tally values"),
    (
        lambda: ub.Adherence(total=Tally(), weeks=(), blocks=_NOT),
        "blocks",
        _NOT,
        "BlockTally values",
    ),
    (lambda: ub.RuleSet(default=_NOT), "default", _NOT, "must be a "),  # type: ignore[arg-type]
    (lambda: ub.RuleSet(older_adult=1), "older_adult", 1, "a bool"),  # type: ignore[arg-type]
    (lambda: ub.RuleSet(novice=1), "novice", 1, "a bool"),  # type: ignore[arg-type]
    (lambda: ub.RuleSet(by_kind=_NOT), "by_kind", _NOT, "tuple values"),
    (lambda: ub.RuleSet(by_kind=[(_NOT, ub.Hold())]), "by_kind[0][0]", _NOT, "ExerciseKind"),
    (
        lambda: ub.RuleSet(by_kind=[(ub.ExerciseKind.STATIC_STRETCH, _NOT)]),
        "by_kind[0][1]",
        _NOT,
        "must be a ",
    ),
    (
        lambda: ub.RuleSet(by_kind=[(ub.ExerciseKind.STATIC_STRETCH, ub.Hold(), ub.Hold())]),
        "by_kind[0]",
        (ub.ExerciseKind.STATIC_STRETCH, ub.Hold(), ub.Hold()),
        "must be a pair",
    ),
    (
        lambda: ub.RuleSet(by_block={(0,): ub.Hold()}),
        "by_block[0][0]",
        (0,),
        "must be a (section, block) address",
    ),
    (
        lambda: ub.RuleSet(by_block={(0, -1): ub.Hold()}),
        "by_block[0][0]",
        (0, -1),
        "must be a (section, block) address",
    ),
    (lambda: PlannedSession(number=1, date="2026-01-05"), "date", "2026-01-05", "must be a date"),  # type: ignore[arg-type]
    (lambda: PlannedSession(number=1, logged=1), "logged", 1, "a bool"),  # type: ignore[arg-type]
    (lambda: _week_of(routine=_NOT), "routine", _NOT, "must be a Routine"),
    (lambda: _week_of(deload=1), "deload", 1, "a bool"),
    (lambda: _week_of(advice=_NOT), "advice", _NOT, "an Advice"),
    (lambda: _week_of(sessions=[_NOT]), "sessions[0]", _NOT, "a PlannedSession"),
    (lambda: _week_of(decisions=[_NOT]), "decisions[0]", _NOT, "a Decision"),
    (lambda: ub.Program(routine=_NOT, weeks=[_week_of()]), "routine", _NOT, "a Routine"),  # type: ignore[arg-type]
    (lambda: ub.Program(routine=_routine(), weeks=[]), "weeks", (), "at least one week"),
    (
        lambda: ub.Program(routine=_routine(), weeks=[_week_of(number=2)]),
        "weeks[0].number",
        2,
        "must be 1",
    ),
    (
        lambda: ub.Program(routine=_routine(), weeks=[_week_of()], rules=_NOT),  # type: ignore[arg-type]
        "rules",
        _NOT,
        "a RuleSet",
    ),
    (
        lambda: ub.Program(routine=_routine(), weeks=[_week_of()], profile=_NOT),  # type: ignore[arg-type]
        "profile",
        _NOT,
        "a Profile",
    ),
    (lambda: _decision(action=_NOT), "action", _NOT, "a ProgressAction"),
    (lambda: _decision(block=_NOT), "block", _NOT, "a Block"),
    (lambda: _decision(previous_dose=_NOT), "previous_dose", _NOT, "a Dose"),
    (lambda: _decision(advice=_NOT), "advice", _NOT, "an Advice"),
    (lambda: _decision(reasons=[_NOT]), "reasons[0]", _NOT, "a DecisionReason"),
    (lambda: _decision(at=(0, 101)), "at[1]", 101, "between 0 and 100"),
    (lambda: _decision(at=(-1, 0)), "at[0]", -1, "between 0 and 100"),
    (lambda: _decision(at=[0, 0, 0]), "at", (0, 0, 0), "(section, block) address"),
    (lambda: ub.DecisionReason(rule="r", text="t", sources=[1]), "sources[0]", 1, "a str"),
    (lambda: _log(_PULL, symptoms=_NOT), "symptoms", _NOT, "a SymptomReport"),
    (lambda: _log(_PULL, date="2026-01-05"), "date", "2026-01-05", "must be a date"),
    (lambda: _log(_PULL, outcomes=_NOT), "outcomes", _NOT, "Outcome values"),
    (lambda: _log(_PULL, week=None, session=1), "session", 1, "may only be given with 'week'"),
    (
        lambda: ub.Outcome(section=0, block=0, exercise_id="band-pull-apart", dose=_NOT),  # type: ignore[arg-type]
        "dose",
        _NOT,
        "a Dose",
    ),
    (lambda: _outcome(_PULL, done=[12, "12", 12]), "done[1]", "12", "int"),
    (lambda: _outcome(_PULL, done=(12, 12, 51)), "done[2]", 51, "between 0 and 50 reps"),
    (lambda: ub.Chain(rules=_NOT), "rules", _NOT, "a collection of progression rules"),
    (lambda: ub.Chain(rules=[ub.Hold(), _NOT]), "rules[1]", _NOT, "must be a "),
    (lambda: ub.PainGate(inner=_NOT), "inner", _NOT, "must be a "),  # type: ignore[arg-type]
    (lambda: ub.PainGate(inner=ub.Hold(), easier_first=1), "easier_first", 1, "a bool"),  # type: ignore[arg-type]
    (lambda: DoubleProgression(low=8, high=12, then=_NOT), "then", _NOT, "a Then"),  # type: ignore[arg-type]
    (lambda: LinearProgression(field=_NOT, step=1), "field", _NOT, "a DoseField"),  # type: ignore[arg-type]
    (lambda: Deload(every_weeks=4, percent=50, fields=[_NOT]), "fields", _NOT, "DoseField"),
    (lambda: StallDeload(after_sessions=2, percent=50, fields=_NOT), "fields", _NOT, "DoseField"),
    (lambda: Suppress(weeks=[_NOT]), "weeks", _NOT, "int"),
]


@pytest.mark.parametrize(("call", "field", "value", "words"), WRONG_ARGUMENTS)
def test_a_wrong_argument_or_field_is_refused_naming_it_and_its_value(
    call: Any, field: str, value: Any, words: str
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        call()
    assert info.value.field == field
    assert info.value.value == value or info.value.value == list(value)
    # The house style: a reason says what the value must be, in lower case.
    assert info.value.reason.startswith(("must ", "may ")), info.value.reason
    assert words in info.value.reason


def test_a_log_that_does_not_fit_its_routine_names_what_it_should_be() -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
    b = routine.blocks[0]
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, routine_id="other").check(routine)
    assert (info.value.field, info.value.value) == ("routine_id", "other")
    assert "must be the id of the routine ('desk')" in str(info.value)
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, outcomes=[_outcome(b, at=(0, 1))]).check(routine)
    assert (info.value.field, info.value.value) == ("outcomes[0]", [0, 1])
    assert "must be the (section, block) address of a block of the routine" in str(info.value)
    other = _block("doorway-pec-stretch")
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, outcomes=[_outcome(other)]).check(routine)
    assert (info.value.field, info.value.value) == ("outcomes[0].exercise_id", other.exercise.id)
    assert "must be the exercise of the block at [0, 0] ('band-pull-apart')" in str(info.value)
    lighter = ub.Block(exercise=b.exercise, dose=ub.Dose(sets=1, reps=12))
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, outcomes=[_outcome(lighter)]).check(routine)
    assert (info.value.field, info.value.value) == ("outcomes[0].dose", lighter.dose.describe())
    assert f"must be the dose the routine prescribed ({b.dose.describe()})" in str(info.value)


def test_the_messages_of_a_log_in_full() -> None:
    b = _block("band-pull-apart")  # 3 × 12 reps
    with pytest.raises(ub.InvalidValue) as info:
        _outcome(b, done=(12, 12))
    assert (info.value.value, info.value.reason) == (
        2,
        (
            "must hold 3 numbers for the prescribed 3 × 12 reps; give 'skip_reason' for a skipped"
            " block"
        ),
    )
    side = _block("upper-trapezius-stretch")  # 2 × 30 s hold, each side
    with pytest.raises(ub.InvalidValue) as info:
        _outcome(side, done=(30, 30))
    assert info.value.reason == (
        "must hold 4 numbers for the prescribed 2 × 30 s hold, each side (two a set, left then"
        " right, for a per-side dose); give 'skip_reason' for a skipped block"
    )
    with pytest.raises(ub.InvalidValue) as info:
        _outcome(b, skip_reason="Tired.")
    assert (info.value.field, info.value.value, info.value.reason) == (
        "done",
        [12, 12, 12],
        "must be empty for a skipped block",
    )
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, outcomes=[_outcome(b), _outcome(b)])
    assert (info.value.field, info.value.value, info.value.reason) == (
        "outcomes[1]",
        [0, 0],
        "must not repeat a block's address",
    )


def test_a_routine_check_names_the_address_in_full() -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
    b = routine.blocks[0]
    with pytest.raises(ub.InvalidValue) as info:
        _log(b, outcomes=[_outcome(b, at=(0, 1))]).check(routine)
    assert info.value.reason == "must be the (section, block) address of a block of the routine"


MORE_WRONG: list[tuple[Any, str, Any, str]] = [
    (lambda: _decision(reasons=[]), "reasons", (), "must give at least one reason"),
    (
        lambda: _decision(previous_exercise_id="Band Pull"),
        "previous_exercise_id",
        "Band Pull",
        "must be a slug",
    ),
    (
        lambda: ub.RuleSet(by_kind=[(ub.ExerciseKind.STRENGTHENING, ub.Hold())] * 2),
        "by_kind[1][0]",
        ub.ExerciseKind.STRENGTHENING,
        "must not repeat an earlier entry",
    ),
    (lambda: ub.RuleSet(by_block=_NOT), "by_block", _NOT, "must be a collection"),
    (
        lambda: ub.RuleSet(by_block={(0, 0): ub.Hold(), "x": ub.Hold()}),
        "by_block[1][0]",
        "x",
        "must be a tuple",
    ),
]


@pytest.mark.parametrize(("call", "field", "value", "words"), MORE_WRONG)
def test_more_wrong_values_are_refused_naming_them(
    call: Any, field: str, value: Any, words: str
) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        call()
    assert (info.value.field, info.value.value) == (field, value) or (
        info.value.field,
        info.value.value,
    ) == (field, list(value))
    assert info.value.reason.startswith(words)


def test_a_planned_session_is_not_logged_and_a_week_not_a_deload_unless_said() -> None:
    assert PlannedSession(number=1).logged is False
    assert _week_of().deload is False
    assert [s.logged for s in ub.plan(_routine(), weeks=1).weeks[0].sessions] == [False] * 3
