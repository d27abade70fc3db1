"""Hypothesis strategies for the progression types, re-exported by :mod:`upperback.strategies`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from upperback import _validate
from upperback.dose import MAX_HOLD_S, MAX_REPS
from upperback.errors import NothingSafe
from upperback.progression import (
    Adherence,
    Advance,
    BlockTally,
    Chain,
    CheckIn,
    Clearance,
    Decision,
    DecisionReason,
    Deload,
    DoseField,
    DoubleProgression,
    HistoryAdvice,
    Hold,
    HoldProgression,
    LinearProgression,
    NextSession,
    Outcome,
    PainGate,
    PercentProgression,
    PlannedSession,
    Program,
    ProgressionRule,
    Referral,
    RegressExercise,
    RuleSet,
    SessionLog,
    SetOnWeek,
    SetProgression,
    StallDeload,
    Suppress,
    Tally,
    Then,
    Week,
    addresses,
    adherence,
    next_session,
    plan,
    progress,
    triage_history,
)
from upperback.safety import RULES, AdviceCode, RedFlag, SymptomReport, Trend
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from upperback.routine import Block, Routine
    from upperback.safety import Profile

__all__ = [
    "adherences",
    "block_tallies",
    "check_ins",
    "clearances",
    "decision_reasons",
    "decisions",
    "history_advices",
    "next_sessions",
    "outcomes",
    "planned_sessions",
    "programs",
    "progression_rules",
    "referrals",
    "rule_sets",
    "session_logs",
    "tallies",
    "weeks",
]

_DATES = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


def _within(bound: _validate.Bound) -> st.SearchStrategy[int]:
    return st.integers(int(bound.low), int(bound.high or 0))


def _ints(cls: type, name: str) -> st.SearchStrategy[int]:
    """Every integer the field's declared bound allows; shrinks towards its least."""
    return _within(_validate.bound_of(cls, name))


def _optional(cls: type, name: str) -> st.SearchStrategy[int | None]:
    """``None`` (the field's default), then any integer its declared bound allows."""
    return st.none() | _ints(cls, name)


def _fields(cls: type) -> st.SearchStrategy[frozenset[DoseField]]:
    least = int(_validate.bound_of(cls, "fields").low)
    return st.frozensets(st.sampled_from(DoseField), min_size=least, max_size=max(least, 2))


def _double_progressions() -> st.SearchStrategy[DoubleProgression]:
    def above(low: int) -> st.SearchStrategy[DoubleProgression]:
        top = int(_validate.bound_of(DoubleProgression, "high").high or 0)
        return st.builds(
            DoubleProgression,
            low=st.just(low),
            high=st.integers(low + 1, top),
            step=_ints(DoubleProgression, "step"),
            then=st.sampled_from(Then),
            max_sets=_ints(DoubleProgression, "max_sets"),
        )

    return _ints(DoubleProgression, "low").flatmap(above)


def _linear_progressions() -> st.SearchStrategy[LinearProgression]:
    def of(field: DoseField) -> st.SearchStrategy[LinearProgression]:
        names = ("step", "after_successes", "drop", "after_failures", "beyond_last_set")
        return st.builds(
            LinearProgression,
            field=st.just(field),
            **{name: _ints(LinearProgression, name) for name in names},
            maximum=st.none() | st.integers(1, field.maximum),
        )

    return st.sampled_from(DoseField).flatmap(of)


def _leaves() -> dict[type, st.SearchStrategy[Any]]:
    weeks = _validate.bound_of(Suppress, "weeks")
    return {
        Hold: st.builds(Hold),
        HoldProgression: st.builds(
            HoldProgression,
            step_s=_ints(HoldProgression, "step_s"),
            max_s=_ints(HoldProgression, "max_s"),
        ),
        DoubleProgression: _double_progressions(),
        SetProgression: st.builds(
            SetProgression,
            max_sets=_ints(SetProgression, "max_sets"),
            step=_ints(SetProgression, "step"),
            max_total_s=_optional(SetProgression, "max_total_s"),
        ),
        LinearProgression: _linear_progressions(),
        PercentProgression: st.sampled_from(DoseField).flatmap(
            lambda field: st.builds(
                PercentProgression,
                field=st.just(field),
                percent=_ints(PercentProgression, "percent"),
                after_successes=_ints(PercentProgression, "after_successes"),
                maximum=st.none() | st.integers(1, field.maximum),
            )
        ),
        SetOnWeek: st.sampled_from(DoseField).flatmap(
            lambda field: st.builds(
                SetOnWeek,
                week=_ints(SetOnWeek, "week"),
                field=st.just(field),
                value=st.integers(1, field.maximum),
            )
        ),
        Advance: st.builds(Advance, after_successes=_ints(Advance, "after_successes")),
        RegressExercise: st.builds(
            RegressExercise, after_failures=_ints(RegressExercise, "after_failures")
        ),
        Deload: st.builds(
            Deload,
            every_weeks=_ints(Deload, "every_weeks"),
            percent=_ints(Deload, "percent"),
            fields=_fields(Deload),
        ),
        StallDeload: st.builds(
            StallDeload,
            after_sessions=_ints(StallDeload, "after_sessions"),
            percent=_ints(StallDeload, "percent"),
            fields=_fields(StallDeload),
        ),
        Suppress: st.builds(
            Suppress,
            weeks=st.frozensets(_within(weeks.item or weeks), min_size=int(weeks.low), max_size=3),
        ),
    }


def _leaf_rules() -> st.SearchStrategy[ProgressionRule]:
    return st.one_of(*_leaves().values())


def progression_rules(*, max_leaves: int = 4) -> st.SearchStrategy[ProgressionRule]:
    """Progression rules of every kind, nested in chains and pain gates.

    Shrinks towards ``Hold()``.
    """
    return st.recursive(
        _leaf_rules(),
        lambda inner: st.one_of(
            st.builds(Chain, rules=st.lists(inner, min_size=1, max_size=3)),
            st.builds(PainGate, inner=inner, easier_first=st.booleans()),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def outcomes(
    draw: st.DrawFn, *, block: Block | None = None, at: tuple[int, int] | None = None
) -> Outcome:
    """Outcomes of a block, done in part or in full, or skipped; shrinks towards nothing done."""
    if block is None:
        from upperback.strategies._values import blocks  # noqa: PLC0415 - the two modules import each other

        block = draw(blocks())
    where = at if at is not None else (draw(st.integers(0, 5)), draw(st.integers(0, 5)))
    dose = block.dose
    names = ("pain_during", "pain_after", "pain_next_morning", "effort")
    ratings: dict[str, Any] = {name: draw(_optional(Outcome, name)) for name in names}
    if draw(st.integers(0, 9)) == 0:
        return Outcome(
            section=where[0],
            block=where[1],
            exercise_id=block.exercise.id,
            dose=dose,
            skip_reason="Too tired today.",
            **ratings,
        )
    each = _validate.bound_of(Outcome, "done").item
    high = MAX_REPS if dose.reps is not None else int(each.high or 0) if each else MAX_HOLD_S
    count = dose.sets * (2 if dose.per_side else 1)
    done = draw(st.lists(st.integers(0, high), min_size=count, max_size=count))
    return Outcome(
        section=where[0],
        block=where[1],
        exercise_id=block.exercise.id,
        dose=dose,
        done=tuple(done),
        **ratings,
    )


@st.composite
def session_logs(draw: st.DrawFn, *, routine: Routine | None = None) -> SessionLog:
    """Logs of a session of a routine, with any ratings; shrinks towards one block done."""
    if routine is None:
        from upperback.strategies import routines  # noqa: PLC0415

        routine = draw(routines(max_sections=2, max_blocks=2))
    from upperback.strategies._values import symptom_reports  # noqa: PLC0415

    chosen = draw(
        st.lists(st.sampled_from(addresses(routine)), unique_by=lambda p: p[0], max_size=4)
    )
    week = draw(_optional(SessionLog, "week"))
    return SessionLog(
        date=draw(_DATES),
        routine_id=routine.id,
        outcomes=[draw(outcomes(block=block, at=at)) for at, block in chosen],
        week=week,
        session=None if week is None else draw(_optional(SessionLog, "session")),
        pain_before=draw(_optional(SessionLog, "pain_before")),
        symptoms=draw(st.none() | symptom_reports()),
        notes=draw(st.none() | st.just("Felt fine.")),
    )


def rule_sets() -> st.SearchStrategy[RuleSet]:
    """Rule sets by kind, by block and by default; shrinks towards the library's defaults."""
    rules = progression_rules(max_leaves=2)
    return st.builds(
        RuleSet,
        default=st.none() | rules,
        by_kind=st.dictionaries(st.sampled_from(ExerciseKind), rules, max_size=2),
        by_block=st.dictionaries(
            st.tuples(st.integers(0, 3), st.integers(0, 3)), rules, max_size=2
        ),
        older_adult=st.booleans(),
        novice=st.booleans(),
    )


def _plannable(routine: Routine) -> Routine:
    strength = any(b.exercise.kind is ExerciseKind.STRENGTHENING for b in routine.blocks)
    if strength and routine.sessions_per_week > 3:
        return attrs.evolve(routine, sessions_per_week=3)
    return routine


@st.composite
def programs(
    draw: st.DrawFn,
    *,
    routines: st.SearchStrategy[Routine] | None = None,
    profiles: st.SearchStrategy[Profile | None] | None = None,
    max_weeks: int = 3,
) -> Program:
    """Programs made by :func:`~upperback.progression.program.plan`, some with a logged first week.

    Some dated ones have a red flag on a drawn day (every session from it is
    referred), some of those a clearance after it. A dated program's person
    may carry dated facts, so its weeks may record how the person changed.

    Shrinks towards one nominal week of a one-block routine with the default rules.
    """
    from upperback.strategies import _values as strategies  # noqa: PLC0415

    routine = _plannable(
        draw(
            routines if routines is not None else strategies.routines(max_sections=2, max_blocks=2)
        )
    )
    start = draw(st.none() | _DATES)
    # A dated profile needs a start: the plan screens each week for the person then.
    dated = strategies.profiles(dated=start is not None)
    profile = draw(profiles if profiles is not None else st.none() | dated)
    weeks = draw(st.integers(1, max_weeks))
    rules = draw(st.none() | rule_sets())
    try:
        first = plan(routine, weeks=1, profile=profile, start=start).weeks[0]
    except NothingSafe:
        profile = None
        first = plan(routine, weeks=1, start=start).weeks[0]
    logs = []
    if draw(st.booleans()):
        for session in first.sessions:
            outcomes_ = [
                draw(outcomes(block=block, at=at)) for at, block in addresses(first.routine)
            ]
            logs.append(
                SessionLog(
                    date=session.date or dt.date(2026, 1, 5),
                    routine_id=first.routine.id,
                    week=1,
                    outcomes=outcomes_,
                    pain_before=draw(_optional(SessionLog, "pain_before")),
                )
            )
    check_ins_: list[CheckIn] = []
    clearances_: list[Clearance] = []
    if start is not None and draw(st.booleans()):
        # A red flag on a drawn day of the program, and sometimes a clearance after it.
        day = start + dt.timedelta(days=draw(st.integers(0, 7 * weeks - 1)))
        check_ins_.append(
            CheckIn(
                date=day,
                report=SymptomReport(
                    days_since_onset=1, trend=Trend.SAME, red_flags={RedFlag.CHEST_PAIN}
                ),
            )
        )
        if draw(st.booleans()):
            clearances_.append(
                Clearance(
                    by="Dr Okafor (GP)",
                    date=day + dt.timedelta(days=draw(st.integers(0, 10))),
                    findings={AdviceCode.RED_FLAG},
                )
            )

    def planned(weeks: int) -> Program:
        return plan(
            routine,
            weeks=weeks,
            rules=rules,
            profile=profile,
            start=start,
            logs=logs,
            check_ins=check_ins_,
            clearances=clearances_,
        )

    try:
        return planned(weeks)
    except NothingSafe:  # the person changed, and nothing is safe in a later week
        return planned(1)


def check_ins() -> st.SearchStrategy[CheckIn]:
    """Dated check-ins with any answers; shrinks towards a report of day 0, better, no red flag."""
    from upperback.strategies._values import symptom_reports  # noqa: PLC0415

    return st.builds(
        CheckIn, date=_DATES, report=symptom_reports(), week=_optional(CheckIn, "week")
    )


def clearances() -> st.SearchStrategy[Clearance]:
    """Clearances of findings, of rules or of both; shrinks towards one finding, no note."""
    from upperback.strategies._values import texts  # noqa: PLC0415

    findings = st.frozensets(st.sampled_from(AdviceCode), max_size=3)
    rules = st.frozensets(st.sampled_from([rule.id for rule in RULES]), max_size=2)
    return (
        st.tuples(findings, rules)
        .filter(lambda pair: bool(pair[0] or pair[1]))
        .flatmap(
            lambda pair: st.builds(
                Clearance,
                by=texts(),
                date=_DATES,
                findings=st.just(pair[0]),
                rules=st.just(pair[1]),
                note=st.none() | texts(),
            )
        )
    )


@st.composite
def _referring_logs(draw: st.DrawFn) -> list[SessionLog]:
    """Logs whose history refers: a red flag, or a check-in past the ceiling."""
    report = SymptomReport(
        days_since_onset=draw(st.integers(0, 60)),
        trend=draw(st.sampled_from(Trend)),
        red_flags=draw(st.frozensets(st.sampled_from(RedFlag), min_size=1, max_size=2)),
    )
    return [SessionLog(date=draw(_DATES), routine_id="drawn", outcomes=(), symptoms=report)]


def referrals() -> st.SearchStrategy[Referral]:
    """Referrals made by :func:`~upperback.progression.history.triage_history` from red flags."""
    return _referring_logs().map(lambda logs: triage_history(logs).referral)  # type: ignore[arg-type, return-value]


def history_advices() -> st.SearchStrategy[HistoryAdvice]:
    """What drawn histories call for, referred or not, some cleared."""

    @st.composite
    def made(draw: st.DrawFn) -> HistoryAdvice:
        logs = draw(st.lists(session_logs(), max_size=3))
        if draw(st.booleans()):
            logs += draw(_referring_logs())
        return triage_history(
            logs,
            check_ins=draw(st.lists(check_ins(), max_size=2)),
            clearances=draw(st.lists(clearances(), max_size=1)),
        )

    return made()


def weeks() -> st.SearchStrategy[Week]:
    """Weeks taken from drawn programs."""
    return programs().flatmap(lambda program: st.sampled_from(program.weeks))


def planned_sessions() -> st.SearchStrategy[PlannedSession]:
    """Planned sessions, dated or not; shrinks towards an undated first session."""
    return st.builds(
        PlannedSession,
        number=_ints(PlannedSession, "number"),
        date=st.none() | _DATES,
        logged=st.booleans(),
        referred=st.booleans(),
    )


@st.composite
def decisions(draw: st.DrawFn) -> Decision:
    """Decisions made by :func:`~upperback.progression.decide.progress` on drawn blocks and logs."""
    from upperback.strategies._values import blocks  # noqa: PLC0415

    block = draw(blocks())
    logs = [
        SessionLog(
            date=draw(_DATES),
            routine_id="drawn",
            outcomes=[draw(outcomes(block=block, at=(0, 0)))],
            pain_before=draw(_optional(SessionLog, "pain_before")),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return progress(
        block,
        logs,
        draw(progression_rules(max_leaves=3)),
        week=draw(st.integers(1, 52)),
        window=draw(st.integers(0, 3)),
    )


def decision_reasons() -> st.SearchStrategy[DecisionReason]:
    """Reasons taken from drawn decisions."""
    return decisions().flatmap(lambda decision: st.sampled_from(decision.reasons))


def tallies() -> st.SearchStrategy[Tally]:
    """Tallies of done against due, with the worst pains; shrinks towards all zeros, no pain."""
    counts = st.integers(0, 1000)
    return st.builds(
        Tally,
        sessions_done=counts,
        sessions_planned=counts,
        sets_done=counts,
        sets_prescribed=counts,
        seconds_done=counts,
        seconds_prescribed=counts,
        worst_pain_before=_optional(Tally, "worst_pain_before"),
        worst_pain_with_exercise=_optional(Tally, "worst_pain_with_exercise"),
        worst_pain_next_morning=_optional(Tally, "worst_pain_next_morning"),
    )


def block_tallies() -> st.SearchStrategy[BlockTally]:
    """Per-exercise tallies taken from drawn adherence, or made up; shrinks towards zeros."""
    return st.builds(
        BlockTally,
        section=_ints(BlockTally, "section"),
        block=_ints(BlockTally, "block"),
        exercise_id=st.sampled_from(("band-pull-apart", "chin-tuck")),
        name=st.sampled_from(("Band pull-apart", "Chin tuck")),
        tally=tallies(),
    )


@st.composite
def _logged(draw: st.DrawFn, program: Program) -> list[SessionLog]:
    """Logs of some of a program's sessions, each at its own day and dose."""
    chosen = [
        (week, session)
        for week in program.weeks
        for session in week.sessions
        if draw(st.booleans())
    ]
    return [
        SessionLog(
            date=session.date or dt.date(2026, 1, 5),
            routine_id=week.routine.id,
            week=week.number,
            session=session.number,
            outcomes=[draw(outcomes(block=block, at=at)) for at, block in addresses(week.routine)],
            pain_before=draw(_optional(SessionLog, "pain_before")),
        )
        for week, session in chosen
    ]


@st.composite
def adherences(draw: st.DrawFn) -> Adherence:
    """Adherence of drawn programs and logs of some of their sessions, as of a drawn day.

    Shrinks towards nothing logged, as of the last log.
    """
    program = draw(programs())
    logs = draw(_logged(program))
    on = None
    start = program.start
    if start is not None:
        days = st.integers(-3, 7 * len(program.weeks) + 3)
        on = draw(st.none() | days.map(lambda n: start + dt.timedelta(days=n)))
    return adherence(program, logs, on=on)


@st.composite
def next_sessions(draw: st.DrawFn) -> NextSession:
    """The next session of drawn dated programs on a drawn day; shrinks towards the first day."""
    program = draw(programs())
    start = program.start
    if start is None:  # the same plan, dated
        start = dt.date(2026, 1, 5)
        program = plan(
            program.routine,
            weeks=len(program.weeks),
            rules=program.rules,
            profile=program.profile,
            start=start,
        )
    on = start + dt.timedelta(days=draw(st.integers(-3, 7 * len(program.weeks) + 3)))
    logs = draw(_logged(program))
    return next_session(program, on=on, logs=logs)


FROM_TYPE: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Outcome: outcomes,
    SessionLog: session_logs,
    RuleSet: rule_sets,
    Program: programs,
    Week: weeks,
    CheckIn: check_ins,
    Clearance: clearances,
    Referral: referrals,
    HistoryAdvice: history_advices,
    PlannedSession: planned_sessions,
    Decision: decisions,
    DecisionReason: decision_reasons,
    Tally: tallies,
    BlockTally: block_tallies,
    Adherence: adherences,
    NextSession: next_sessions,
    Chain: lambda: st.builds(Chain, rules=st.lists(_leaf_rules(), min_size=1, max_size=3)),
    PainGate: lambda: st.builds(PainGate, inner=_leaf_rules(), easier_first=st.booleans()),
    **{cls: (lambda cls=cls: _leaves()[cls]) for cls in _leaves()},  # type: ignore[misc]
}
"""The ``from_type`` strategy of each progression type."""
