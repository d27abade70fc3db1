"""Programs: a routine planned week by week, adapting to the person's logs.

:func:`plan` turns a routine into a :class:`Program`: every week's sessions
(dated when a start date is given), the routine snapshot for the week, the
decisions that led to it, deload weeks labelled, and the triage advice in
force. Without logs it shows the nominal progression, as if every session
went well; with logs it adapts from them, and plans nominally after the last.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.catalog.model import Catalog
from upperback.errors import InvalidValue
from upperback.progression.decide import (
    Decision,
    decide,
    most_pressing,
    session_advice,
)
from upperback.progression.defaults import default_rule
from upperback.progression.engine import Context, ProgressAction, dose_text
from upperback.progression.log import MAX_WEEKS, Outcome, SessionLog, addresses
from upperback.progression.rules import RULE_TYPES, ProgressionRule
from upperback.progression.screened import check_screened
from upperback.routine import Block, Routine
from upperback.safety import DEFAULT_POLICY, Advice, Profile, SafetyPolicy
from upperback.safety import screen as screen_item
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.exercise import Exercise

__all__ = ["MAX_WEEKS", "PlannedSession", "Program", "RuleSet", "Week", "plan"]

_MAX_STRENGTH_SESSIONS: Final = 3
"""Strengthening: 2–3 sessions a week, 48–72 h apart [A6*][A7]."""


def _check_pairs(field: str, pairs: Any, key: type) -> None:
    v.collection(field, pairs, tuple, tuple)
    seen: set[Any] = set()
    for i, pair in enumerate(pairs):
        if len(pair) != 2:
            raise InvalidValue(f"{field}[{i}]", pair, "must be a pair")
        first, rule = pair
        v.instance(f"{field}[{i}][0]", first, key)
        v.instance(f"{field}[{i}][1]", rule, RULE_TYPES)
        if first in seen:
            raise InvalidValue(f"{field}[{i}][0]", first, "must not repeat an earlier entry")
        seen.add(first)


def _to_pairs(value: Any) -> Any:
    if isinstance(value, dict):
        value = sorted(value.items(), key=lambda item: str(item[0]))
    value = to_tuple(value)
    if isinstance(value, tuple):
        return tuple(to_tuple(pair) for pair in value)
    return value


@attrs.frozen(kw_only=True)
class RuleSet:
    """Which progression rule each block of a plan follows.

    A block's rule is the first that is set of: its own (by address), its
    exercise kind's, ``default``, and the library's default for its kind
    (:func:`~upperback.progression.defaults.default_rule`).

    >>> from upperback import Hold
    >>> rules = RuleSet(by_kind={ExerciseKind.STRENGTHENING: Hold()})
    >>> rules.by_kind[0][0]
    <ExerciseKind.STRENGTHENING: 'strengthening'>

    Args:
        default: The rule of every block not set otherwise.
        by_kind: ``(kind, rule)`` pairs (a dict is accepted).
        by_block: ``((section, block), rule)`` pairs (a dict is accepted).
        older_adult: Use the older adults' defaults (holds to 60 s, 10–15 reps).
        novice: Use the novices' defaults (10–15 reps).

    .. versionadded:: 0.1.0
    """

    default: ProgressionRule | None = None
    by_kind: tuple[tuple[ExerciseKind, ProgressionRule], ...] = attrs.field(
        default=(), converter=_to_pairs
    )
    by_block: tuple[tuple[tuple[int, int], ProgressionRule], ...] = attrs.field(
        default=(), converter=_to_pairs
    )
    older_adult: bool = False
    novice: bool = False

    def __attrs_post_init__(self) -> None:
        if self.default is not None:
            v.instance("default", self.default, RULE_TYPES)
        _check_pairs("by_kind", self.by_kind, ExerciseKind)
        _check_pairs("by_block", self.by_block, tuple)
        for i, pair in enumerate(self.by_block):
            at: Any = pair[0]
            if len(at) != 2 or any(type(n) is not int or n < 0 for n in at):
                raise InvalidValue(f"by_block[{i}][0]", at, "must be a (section, block) address")
        v.instance("older_adult", self.older_adult, bool)
        v.instance("novice", self.novice, bool)

    def rule_for(
        self, at: tuple[int, int], block: Block, profile: Profile | None = None
    ) -> ProgressionRule:
        """The rule of the block at ``at``; the library's default reads ``profile``'s age, level."""
        for address, rule in self.by_block:
            if address == at:
                return rule
        for kind, rule in self.by_kind:
            if kind is block.exercise.kind:
                return rule
        if self.default is not None:
            return self.default
        return default_rule(
            block.exercise, older_adult=self.older_adult, novice=self.novice, profile=profile
        )


@attrs.frozen(kw_only=True)
class PlannedSession:
    """One planned session of a week.

    Args:
        number: The session of the week, from 1.
        date: Its day, when the program has a start date.
        logged: Whether a log of it was given to :func:`plan`.

    .. versionadded:: 0.1.0
    """

    number: int = attrs.field(metadata=v.between(1, 7))
    date: dt.date | None = None
    logged: bool = False

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        if self.date is not None and type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")
        v.instance("logged", self.logged, bool)


def _check_items(_: object, attribute: Any, values: Any) -> None:
    """A tuple field's items are all of the field's class (:data:`_ITEM_TYPES`)."""
    v.collection(attribute.name, values, tuple, _ITEM_TYPES[attribute.name])


@attrs.frozen(kw_only=True)
class Week:
    """One week of a program.

    Args:
        number: The week, from 1.
        routine: What every session of the week does.
        sessions: The week's sessions.
        decisions: How each block got here from the week before (none in week 1).
        deload: Whether any block is deloaded this week.
        advice: The triage advice in force: the most pressing of the
            previous week's logged sessions (``None`` when nothing was logged).

    .. versionadded:: 0.1.0
    """

    number: int = attrs.field(metadata=v.between(1, MAX_WEEKS))
    routine: Routine
    sessions: tuple[PlannedSession, ...] = attrs.field(converter=to_tuple, validator=_check_items)
    decisions: tuple[Decision, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_items
    )
    deload: bool = False
    advice: Advice | None = None

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("routine", self.routine, Routine)
        v.instance("deload", self.deload, bool)
        if self.advice is not None:
            v.instance("advice", self.advice, Advice)

    @property
    def referred(self) -> bool:
        """Whether progression stopped this week to refer the person."""
        return any(decision.action is ProgressAction.REFER for decision in self.decisions)


@attrs.frozen(kw_only=True)
class Program:
    """A routine planned week by week.

    Args:
        routine: The routine as planned from (screened for the person when a profile is given).
        weeks: Every week, in order from week 1.
        rules: The rules the blocks follow.
        profile: The person, if the plan was made for one.
        start: The first day, if the sessions are dated.

    Raises:
        InvalidValue: A week or a decision gives the person an exercise their
            ``profile`` excludes (made or loaded, a program is checked against
            its own person), at the path of that exercise's id.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    weeks: tuple[Week, ...] = attrs.field(
        converter=to_tuple,
        validator=_check_items,
        metadata=v.items(min_items=1, empty="must hold at least one week"),
    )
    rules: RuleSet = attrs.field(factory=RuleSet)
    profile: Profile | None = None
    start: dt.date | None = None

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        if problems := self._bound_problems():
            v.report(problems)
        for i, week in enumerate(self.weeks):
            if week.number != i + 1:
                raise InvalidValue(f"weeks[{i}].number", week.number, f"must be {i + 1}")
        v.instance("rules", self.rules, RuleSet)
        if self.profile is not None:
            v.instance("profile", self.profile, Profile)
        if self.start is not None and type(self.start) is not dt.date:
            raise InvalidValue("start", self.start, "must be a date")
        check_screened(self)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every decision of every week, in order."""
        return tuple(decision for week in self.weeks for decision in week.decisions)

    def describe(self) -> str:
        """The program as plain text: each week's sessions, doses and changes.

        >>> from upperback import default_catalog
        >>> routine = Routine.of("Desk", main=[default_catalog()["doorway-pec-stretch"]])
        >>> print(plan(routine, weeks=2).describe())
        Desk: 2 weeks, 3 sessions a week
        Week 1: sessions 1, 2, 3
          Doorway pec stretch: 2 × 30 s hold
        Week 2: sessions 1, 2, 3
          Doorway pec stretch: 2 × 30 s hold (hold)
        """
        lines = [
            f"{self.routine.title}: {len(self.weeks)} weeks,"
            f" {self.routine.sessions_per_week} sessions a week"
            + (f", from {self.start.isoformat()}" if self.start else "")
        ]
        for week in self.weeks:
            when = ", ".join(
                session.date.strftime("%a %d %b") if session.date else str(session.number)
                for session in week.sessions
            )
            label = " (deload)" if week.deload else ""
            lines.append(f"Week {week.number}{label}: sessions {when}")
            if week.advice is not None and week.advice.reasons:
                lines.append(f"  Advice: {week.advice.level.value.replace('_', ' ')}")
            decisions = {decision.at: decision for decision in week.decisions}
            for at, block in addresses(week.routine):
                line = f"  {block.exercise.name}: {dose_text(block.dose)}"
                decision = decisions.get(at)
                if decision is not None:
                    line += f" ({decision.action.value.replace('_', ' ')})"
                lines.append(line)
        return "\n".join(lines)


_ITEM_TYPES: Final[dict[str, type]] = {
    "sessions": PlannedSession,
    "decisions": Decision,
    "weeks": Week,
}


def _offsets(sessions: int) -> tuple[int, ...]:
    # Evenly spread over the week: 3 a week is days 0, 2 and 4, so that
    # strengthening keeps 48-72 h between sessions [A6*][A7].
    return tuple(i * 7 // sessions for i in range(sessions))


def _rebuild(routine: Routine, blocks: dict[tuple[int, int], Block]) -> Routine:
    if not blocks:
        return routine
    sections = []
    for i, section in enumerate(routine.sections):
        new = tuple(blocks.get((i, j), block) for j, block in enumerate(section.blocks))
        sections.append(section if new == section.blocks else attrs.evolve(section, blocks=new))
    return attrs.evolve(routine, sections=tuple(sections))


def _to_rules(rules: Any) -> RuleSet:
    if rules is None:
        return RuleSet()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, RULE_TYPES):
        rule: ProgressionRule = rules  # type: ignore[assignment] # checked just above
        return RuleSet(default=rule)
    raise InvalidValue("rules", rules, "must be a RuleSet or a progression rule")


def _nominal_outcomes(routine: Routine) -> tuple[Outcome, ...]:
    """A session that went well: every set done, no pain during (nothing else is read)."""
    return tuple(
        Outcome.as_prescribed(block, at=at, pain_during=0) for at, block in addresses(routine)
    )


def _place_logs(
    logs: Iterable[SessionLog], weeks: int, per_week: int, start: dt.date | None
) -> dict[int, list[tuple[int, SessionLog]]]:
    """The logs by week, each with its index in ``logs``, in date order."""
    items = to_tuple(logs)
    v.collection("logs", items, tuple, SessionLog)
    by_week: dict[int, list[tuple[int, SessionLog]]] = {}
    order = sorted(range(len(items)), key=lambda i: items[i].date)
    for i in order:
        log = items[i]
        week = log.week
        if start is not None:
            if log.date < start:
                raise InvalidValue(
                    f"logs[{i}].date",
                    log.date.isoformat(),
                    f"must not be before the program starts ({start.isoformat()})",
                )
            dated = (log.date - start).days // 7 + 1
            if week is not None and week != dated:
                raise InvalidValue(
                    f"logs[{i}].week", week, f"must be the week its date falls in ({dated})"
                )
            week = dated
        if week is None:
            raise InvalidValue(
                f"logs[{i}].week", None, "must be given when the program has no start date"
            )
        if week > weeks:
            raise InvalidValue(
                f"logs[{i}].week", week, f"must fall within the program's {weeks} weeks"
            )
        found = by_week.setdefault(week, [])
        if len(found) >= per_week:
            raise InvalidValue(
                f"logs[{i}]",
                log.date.isoformat(),
                f"must not be more than the {per_week} sessions planned in week {week}",
            )
        found.append((i, log))
    return by_week


def plan(
    routine: Routine,
    *,
    weeks: int = 8,
    rules: RuleSet | ProgressionRule | None = None,
    profile: Profile | None = None,
    catalog: Catalog | None = None,
    start: dt.date | None = None,
    logs: Iterable[SessionLog] = (),
    policy: SafetyPolicy = DEFAULT_POLICY,
) -> Program:
    """Plan a routine week by week, adapting to the logs given.

    Week 1 is the routine as it is (screened for the person when a
    ``profile`` is given). Each later week's blocks follow from the week
    before through :func:`~upperback.progression.decide.progress`: the logged
    sessions of that week, or, after the last logged week, sessions that
    went as prescribed without pain (the nominal plan). A week before the
    last logged one with no session logged is a missed week: nothing
    progresses on it. Once triage refers the person, nothing progresses
    again in the program. A deload week's lighter doses last that week;
    the week after carries on from the doses before it.

    >>> from upperback import default_catalog
    >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
    >>> [week.routine.blocks[0].dose.describe() for week in plan(routine, weeks=4).weeks]
    ['3 × 12 reps', '4 × 8 reps', '4 × 9 reps', '4 × 10 reps']

    Args:
        routine: The routine.
        weeks: How many weeks, 1 to 520.
        rules: A :class:`RuleSet`, or one rule for every block; the
            library's defaults by exercise kind when not given.
        profile: The person: screening, stricter pain thresholds, triage.
        catalog: Where harder and easier exercises are found.
        start: The first day; sessions are dated from it and logs placed by date.
        logs: The sessions done so far; each names its week, or has a date
            in the program when ``start`` is given.
        policy: The triage thresholds.

    Raises:
        InvalidValue: An argument is invalid; a log falls before the start or
            outside the program, repeats a planned session, or does not
            match the week's routine (the field names the log by its index);
            or the routine has strengthening more than 3 times a week.

    .. versionadded:: 0.1.0
    """
    v.instance("routine", routine, Routine)
    v.int_between("weeks", weeks, 1, MAX_WEEKS)
    ruleset = _to_rules(rules)
    v.instance("policy", policy, SafetyPolicy)
    if start is not None and type(start) is not dt.date:
        raise InvalidValue("start", start, "must be a date")
    if catalog is not None:
        v.instance("catalog", catalog, Catalog)
    base = routine
    if profile is not None:
        v.instance("profile", profile, Profile)
        base = screen_item(routine, profile).safe_routine()
    _check_recovery(base)
    placed = _place_logs(logs, weeks, base.sessions_per_week, start)
    planner = _Planner(
        rules=ruleset, profile=profile, catalog=catalog, policy=policy, start=start, base=base
    )
    last_logged = max(placed, default=0)
    out = [
        planner.week(number, placed.get(number, []), number <= last_logged)
        for number in range(1, weeks + 1)
    ]
    return Program(
        routine=out[0].routine, weeks=tuple(out), rules=ruleset, profile=profile, start=start
    )


def _check_recovery(routine: Routine) -> None:
    per_week = routine.sessions_per_week
    if per_week > _MAX_STRENGTH_SESSIONS and any(
        block.exercise.kind is ExerciseKind.STRENGTHENING for block in routine.blocks
    ):
        raise InvalidValue(
            "routine.sessions_per_week",
            per_week,
            f"must be at most {_MAX_STRENGTH_SESSIONS} for a routine with strengthening:"
            " 2–3 sessions a week, 48–72 h apart [A6*][A7]",
        )


_Pairs = list[tuple[SessionLog, Outcome]]


class _Planner:
    """The state carried from week to week: the base routine, histories and advice."""

    def __init__(
        self,
        *,
        rules: RuleSet,
        profile: Profile | None,
        catalog: Catalog | None,
        policy: SafetyPolicy,
        start: dt.date | None,
        base: Routine,
    ) -> None:
        self.rules = rules
        self.profile = profile
        self.catalog = catalog
        self.policy = policy
        self.strict = policy if profile is None else policy.for_profile(profile)
        self.start = start
        self.base = base
        self.offsets = _offsets(base.sessions_per_week)
        self.history: dict[tuple[int, int], _Pairs] = {}
        self.recent: dict[tuple[int, int], _Pairs] = {}
        self.logs: list[SessionLog] = []
        self.advice: Advice | None = None
        self.referred: str | None = None
        self.rule_cache: dict[tuple[tuple[int, int], Exercise], ProgressionRule] = {}

    def week(self, number: int, week_logs: list[tuple[int, SessionLog]], logged: bool) -> Week:
        """Plan week ``number``, then record its sessions (logged, or nominal)."""
        decisions, this_week, deload = self._decide(number) if number > 1 else ([], {}, False)
        monday = None if self.start is None else self.start + dt.timedelta(weeks=number - 1)
        done = _session_numbers(week_logs, len(self.offsets), number)
        sessions = tuple(
            PlannedSession(
                number=i + 1,
                date=None if monday is None else monday + dt.timedelta(days=offset),
                logged=i + 1 in done,
            )
            for i, offset in enumerate(self.offsets)
        )
        week = Week(
            number=number,
            routine=_rebuild(self.base, this_week),
            sessions=sessions,
            decisions=tuple(decisions),
            deload=deload,
            advice=self.advice,
        )
        self.recent = {}
        if logged:
            advices = []
            for index, log in week_logs:
                _check_log(log, week.routine, index)
                self.logs.append(log)
                advices.append(
                    session_advice(self.logs, len(self.logs) - 1, self.policy, self.profile)
                )
                self._record(log, week.routine)
            self.advice = most_pressing(advices)
        else:
            outcomes = _nominal_outcomes(week.routine)  # the same for every session
            for session in sessions:
                # Not triaged, and never followed by a logged week: only the rules read it.
                log = SessionLog(
                    date=session.date or dt.date.min, routine_id=week.routine.id, outcomes=outcomes
                )
                self._record(log, week.routine)
            self.advice = None
        return week

    def _decide(self, number: int) -> tuple[list[Decision], dict[tuple[int, int], Block], bool]:
        decisions: list[Decision] = []
        this_week: dict[tuple[int, int], Block] = {}
        next_base: dict[tuple[int, int], Block] = {}
        for at, block in addresses(self.base):
            ctx = Context(
                block=block,
                at=at,
                history=self.history.get(at, ()),
                recent=self.recent.get(at, ()),
                week=number,
                policy=self.strict,
                profile=self.profile,
                catalog=self.catalog,
            )
            key = (at, block.exercise)
            rule = self.rule_cache.get(key)
            if rule is None:
                rule = self.rule_cache[key] = self.rules.rule_for(at, block, self.profile)
            decision = decide(ctx, rule, self.advice, referred=self.referred)
            decisions.append(decision)
            if decision.block != block:
                this_week[at] = decision.block
                if decision.action is not ProgressAction.DELOAD:
                    next_base[at] = decision.block
        if self.referred is None and any(d.action is ProgressAction.REFER for d in decisions):
            self.referred = (
                f"Referred in week {number}: progression stays stopped until a healthcare"
                " professional has seen the person; plan again from their advice."
            )
        self.base = _rebuild(self.base, next_base)
        deload = any(d.action is ProgressAction.DELOAD for d in decisions)
        return decisions, this_week, deload

    def _record(self, log: SessionLog, routine: Routine) -> None:
        blocks = dict(addresses(routine))
        for outcome in log.outcomes:
            block = blocks[outcome.address]
            found = self.history.setdefault(outcome.address, [])
            if found and found[-1][1].exercise_id != block.exercise.id:
                found.clear()  # a new exercise starts its own history
            found.append((log, outcome))
            self.recent.setdefault(outcome.address, []).append((log, outcome))


def _session_numbers(week_logs: list[tuple[int, SessionLog]], per_week: int, week: int) -> set[int]:
    """The planned sessions the logs fill: the one a log names, else the first free one."""
    named: dict[int, int] = {}
    for index, log in week_logs:
        if log.session is None:
            continue
        if log.session > per_week or log.session in named.values():
            raise InvalidValue(
                f"logs[{index}].session",
                log.session,
                f"must be one of the {per_week} sessions of week {week}, each logged once",
            )
        named[index] = log.session
    free = (n for n in range(1, per_week + 1) if n not in named.values())
    return set(named.values()) | {next(free) for index, log in week_logs if index not in named}


def _check_log(log: SessionLog, routine: Routine, index: int) -> None:
    try:
        log.check(routine)
    except InvalidValue as exc:
        raise InvalidValue(f"logs[{index}].{exc.field}", exc.value, exc.reason) from None
