"""Programs: a routine planned week by week, adapting to the person's logs.

:func:`plan` turns a routine into a :class:`Program`: every week's sessions
(dated when a start date is given), the routine snapshot for the week, the
decisions that led to it, deload weeks labelled, and the triage advice in
force. Without logs it shows the nominal progression, as if every session
went well; with logs it adapts from them, and plans nominally after the last.
A referral read from the history (:mod:`upperback.progression.history`) is
data on the weeks it reaches: from its day no session is one to do, until a
clinician's clearance lifts it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.catalog.model import Catalog
from upperback.errors import InvalidValue
from upperback.progression._person import PersonOverTime, Timeline
from upperback.progression.decide import (
    Decision,
    DecisionReason,
    decide,
    most_pressing,
)
from upperback.progression.defaults import default_rule
from upperback.progression.engine import Context, ProgressAction, dose_text
from upperback.progression.history import (
    CheckIn,
    Clearance,
    Course,
    Referral,
    checked,
    course,
    latest_day,
)
from upperback.progression.log import MAX_WEEKS, Outcome, SessionLog, addresses
from upperback.progression.rules import RULE_TYPES, ProgressionRule
from upperback.progression.screened import check_screened
from upperback.routine import Block, Routine, check_recovery
from upperback.safety import DEFAULT_POLICY, Advice, PersonChange, Profile, SafetyPolicy
from upperback.vocab import ExerciseKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.exercise import Exercise

__all__ = ["MAX_WEEKS", "PlannedSession", "Program", "RuleSet", "Week", "plan"]


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
        referred: Whether a referral is in force on its day: it is not a
            session to do, and a sheet or calendar must not present it as one
            (see the week's ``referral`` for what to do instead, and why). A
            logged session may be referred too: it was done while referred.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``referred``.
    """

    number: int = attrs.field(metadata=v.between(1, 7))
    date: dt.date | None = None
    logged: bool = False
    referred: bool = False

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        if self.date is not None and type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")
        v.instance("logged", self.logged, bool)
        v.instance("referred", self.referred, bool)


def _check_items(_: object, attribute: Any, values: Any) -> None:
    """A tuple field's items are all of the field's class (:data:`_ITEM_TYPES`)."""
    v.collection(attribute.name, values, tuple, _ITEM_TYPES[attribute.name])


@attrs.frozen(kw_only=True)
class Week:
    """One week of a program.

    A week a referral reaches holds it as data: ``referral`` says since
    when, what to do instead of exercising and why; each session says
    whether it is ``referred`` (not a session to do); :attr:`stopped` is
    true when no session of the week is to be done, and :attr:`to_do` lists
    the sessions that are. ``clearance`` is the clinician's clearance that
    lifted a referral this week: the sessions after it are to be done again.

    Args:
        number: The week, from 1.
        routine: What every session of the week does (during a referral, the
            doses held where they were, for when exercise resumes).
        sessions: The week's sessions.
        decisions: How each block got here from the week before (none in week 1).
        deload: Whether any block is deloaded this week.
        advice: The triage advice in force when the week began: the referral's,
            or the most pressing of the previous week's logged sessions and
            check-ins (``None`` when there were none).
        referral: The most pressing referral in force on a session of the week
            (the latest of equals), if any.
        clearance: The clearance that lifted a referral during the week, if any.
        changes: How the person changed from the week before (a new
            trimester, an injury past its first days, ...), each with what
            it left out or let back and why; the week is screened for the
            person as they are that week.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``referral``, ``clearance`` and ``changes``.
    """

    number: int = attrs.field(metadata=v.between(1, MAX_WEEKS))
    routine: Routine
    sessions: tuple[PlannedSession, ...] = attrs.field(converter=to_tuple, validator=_check_items)
    decisions: tuple[Decision, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_items
    )
    deload: bool = False
    advice: Advice | None = None
    referral: Referral | None = None
    clearance: Clearance | None = None
    changes: tuple[PersonChange, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_items
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("routine", self.routine, Routine)
        v.instance("deload", self.deload, bool)
        if self.advice is not None:
            v.instance("advice", self.advice, Advice)
        if self.referral is not None:
            v.instance("referral", self.referral, Referral)
        if self.clearance is not None:
            v.instance("clearance", self.clearance, Clearance)
        referred = any(session.referred for session in self.sessions)
        if referred and self.referral is None:
            raise InvalidValue(
                "referral", None, "must be given when a session of the week is referred"
            )
        if self.referral is not None and not referred:
            raise InvalidValue(
                "referral",
                self.referral.date.isoformat(),
                "must not be given when no session is referred",
            )

    @property
    def referred(self) -> bool:
        """Whether a referral reaches this week (or, in an older document, a block refers)."""
        return self.referral is not None or any(
            decision.action is ProgressAction.REFER for decision in self.decisions
        )

    @property
    def stopped(self) -> bool:
        """Whether no session of the week is to be done (a referral is in force on every one)."""
        return all(session.referred for session in self.sessions)

    @property
    def to_do(self) -> tuple[PlannedSession, ...]:
        """The sessions to be done, those no referral reaches."""
        return tuple(session for session in self.sessions if not session.referred)


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
    def person(self) -> Profile | None:
        """The person over the whole program, or ``None`` without a profile.

        Every condition in force on any day of the program (the cautious
        reading of a person who changes), as triage and the sheets read them;
        the profile itself when it has no dated facts.
        """
        return over_the_program(self.profile, self.start, len(self.weeks))

    def person_in(self, week: int) -> Profile | None:
        """The person as the plan screened them in week ``week``, or ``None`` without a profile.

        Every condition in force on any day of the week (the cautious
        reading), as :func:`plan` screened that week's routine.

        Raises:
            InvalidValue: ``week`` is not a week of the program.
        """
        v.int_between("week", week, 1, len(self.weeks))
        if self.profile is None:
            return None
        return Timeline(self.profile, self.start).person_in(week)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """Every decision of every week, in order."""
        return tuple(decision for week in self.weeks for decision in week.decisions)

    @property
    def referrals(self) -> tuple[tuple[int, Referral], ...]:
        """Every referral of the program, each once, with the first week it reaches."""
        found: dict[Referral, int] = {}
        for week in self.weeks:
            if week.referral is not None:
                found.setdefault(week.referral, week.number)
        return tuple((number, referral) for referral, number in found.items())

    @property
    def referral(self) -> Referral | None:
        """The referral in force at the program's last session, if any."""
        last = self.weeks[-1]
        return last.referral if last.sessions and last.sessions[-1].referred else None

    def describe(self) -> str:
        """The program as plain text: each week's sessions, doses and changes.

        A week no session of which is to be done says why instead of listing doses.

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
                (session.date.strftime("%a %d %b") if session.date else str(session.number))
                + (" (referred)" if session.referred else "")
                for session in week.sessions
            )
            label = " (deload)" if week.deload else ""
            lines.append(f"Week {week.number}{label}: sessions {when}")
            if week.clearance is not None:
                lines.append(f"  {week.clearance.describe()}")
            if week.referral is not None:
                referral = week.referral
                lines.append(
                    f"  Referred since {referral.date.isoformat()}"
                    f" ({referral.level.value.replace('_', ' ')}): "
                    + " ".join(reason.text for reason in referral.advice.reasons)
                )
            if week.stopped:
                lines.append("  No exercise until a clinician's clearance is recorded.")
                continue
            if week.advice is not None and week.advice.reasons:
                lines.append(f"  Advice: {week.advice.level.value.replace('_', ' ')}")
            lines.extend(f"  Change: {change.summary}" for change in week.changes)
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
    "changes": PersonChange,
}


def _offsets(sessions: int) -> tuple[int, ...]:
    # Evenly spread over the week: 3 a week is days 0, 2 and 4, so that
    # strengthening keeps 48-72 h between sessions [A6][A7] (72 h: a convention).
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


def _dated_week(
    field: str, day: dt.date, week: int | None, start: dt.date | None, *, before_ok: bool = False
) -> int | None:
    """The week a dated item falls in (0 before the start, when that is allowed)."""
    if start is None:
        return week
    if day < start and not before_ok:
        raise InvalidValue(
            f"{field}.date",
            day.isoformat(),
            f"must not be before the program starts ({start.isoformat()})",
        )
    dated = max(0, (day - start).days // 7 + 1)
    if week is not None and week != dated:
        raise InvalidValue(f"{field}.week", week, f"must be the week its date falls in ({dated})")
    return dated


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
        week = _dated_week(f"logs[{i}]", log.date, log.week, start)
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


def over_the_program(profile: Profile | None, start: dt.date | None, weeks: int) -> Profile | None:
    """The person over a program's weeks: every condition in force on any day of them (internal).

    The cautious reading of a person who changes, as triage and the sheets
    read them: a dated pregnancy that reaches its third trimester, or an
    undated trimester assumed to move on, counts with every condition it
    reaches.
    """
    if profile is None:
        return None
    return Timeline(profile, start).person_between(1, weeks)


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
    check_ins: Iterable[CheckIn] = (),
    clearances: Iterable[Clearance] = (),
) -> Program:
    """Plan a routine week by week, adapting to the logs given.

    Week 1 is the routine as it is (screened for the person when a
    ``profile`` is given). Each later week's blocks follow from the week
    before through :func:`~upperback.progression.decide.progress`: the logged
    sessions of that week, or, after the last logged week, sessions that
    went as prescribed without pain (the nominal plan). A week before the
    last logged one with no session logged is a missed week: nothing
    progresses on it. The week after a missed one may be logged at the dose
    the plan gave before the week was missed (the person followed the plan
    they had): those logs are accepted as what was done, and the plan goes
    on from them. A deload week's lighter doses last that week; the week
    after carries on from the doses before it.

    The whole history (logs and check-ins) is triaged as
    :func:`~upperback.progression.history.triage_history` does. From the
    day of a referral (a red flag, pain that persists or keeps getting worse
    after exercise, back pain with osteoporosis), every session is
    ``referred``, not a session to do, and nothing
    progresses, until a :class:`~upperback.progression.history.Clearance`
    lifts it: the sessions from the clearance's day on are to be done again,
    at the doses held.

    >>> routine = Routine.of("Desk", main=[default_catalog()["band-pull-apart"]])
    >>> [week.routine.blocks[0].dose.describe() for week in plan(routine, weeks=4).weeks]
    ['3 × 12 reps', '4 × 8 reps', '4 × 9 reps', '4 × 10 reps']

    Args:
        routine: The routine.
        weeks: How many weeks, 1 to 520.
        rules: A :class:`RuleSet`, or one rule for every block; the
            library's defaults by exercise kind when not given.
        profile: The person: screening, stricter pain thresholds, triage.
            Each week is screened for the person as they are that week
            (a profile with dated facts needs ``start``); the week records
            how they changed (``Week.changes``).
        catalog: Where harder and easier exercises are found.
        start: The first day; sessions are dated from it and logs placed by date.
        logs: The sessions done so far; each names its week, or has a date
            in the program when ``start`` is given.
        policy: The triage thresholds.
        check_ins: Symptom check-ins made outside sessions (before the
            start too). Without ``start``, each names its week or falls in
            the week of the last log dated on or before it.
        clearances: Clinicians' clearances. One of screening rules must be
            dated on or before ``start``: plan from the day it was given.

    Raises:
        InvalidValue: An argument is invalid; a log falls before the start or
            outside the program, repeats a planned session, or does not
            match the week's routine (the field names the log by its index);
            a clearance of screening rules is dated after the start;
            or the routine has strengthening more than 3 times a week.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The whole history is triaged; referrals stop sessions until a
       clearance; ``check_ins`` and ``clearances``; a missed week no longer
       traps the logs of the week after it.
    """
    v.instance("routine", routine, Routine)
    v.int_between("weeks", weeks, 1, MAX_WEEKS)
    ruleset = _to_rules(rules)
    v.instance("policy", policy, SafetyPolicy)
    if start is not None and type(start) is not dt.date:
        raise InvalidValue("start", start, "must be a date")
    if catalog is not None:
        v.instance("catalog", catalog, Catalog)
    found_check_ins, found_clearances = checked(check_ins, clearances)
    if profile is not None:
        v.instance("profile", profile, Profile)
    for i, clearance in enumerate(found_clearances):
        if clearance.rules and start is not None and clearance.date > start:
            raise InvalidValue(
                f"clearances[{i}].date",
                clearance.date.isoformat(),
                f"must not be after the program starts ({start.isoformat()}) for a clearance"
                " of screening rules: plan from the day it was given",
            )
        if profile is not None:
            profile = clearance.applied_to(profile)
    base, person, triaged = routine, None, None
    if profile is not None:
        person = PersonOverTime(routine, profile, start)
        base = person.base
        # Triage reads the person over the whole program, the cautious reading
        # of a person who changes: a condition in force on any day applies.
        triaged = over_the_program(profile, start, weeks)
    check_recovery(base.blocks, base.sessions_per_week, field="routine.sessions_per_week")
    placed = _place_logs(logs, weeks, base.sessions_per_week, start)
    logged = {
        (week, number): log
        for week, week_logs in placed.items()
        for number, log in _session_numbers(week_logs, base.sessions_per_week, week).items()
    }
    ordered = sorted((log for week_logs in placed.values() for _, log in week_logs), key=_day)
    evidence = course(
        ordered,
        check_ins=found_check_ins,
        clearances=found_clearances,
        profile=triaged,
        policy=policy,
    )
    offsets = _offsets(base.sessions_per_week)
    spans = _spans(
        weeks, offsets, start, logged, latest_day(ordered, found_check_ins, found_clearances)
    )
    care = _care_by_week(evidence, found_check_ins, start, logged)
    planner = _Planner(
        rules=ruleset,
        person=person,
        catalog=catalog,
        policy=policy,
        evidence=evidence,
        base=base,
    )
    last_logged = max(placed, default=0)
    out: list[Week] = []
    for number in range(1, weeks + 1):
        sessions = [
            PlannedSession(
                number=i + 1,
                date=None if start is None else start + dt.timedelta(weeks=number - 1, days=offset),
                logged=(number, i + 1) in logged,
            )
            for i, offset in enumerate(offsets)
        ]
        out.append(
            planner.week(
                number,
                sessions=sessions,
                spans=spans[number - 1],
                week_logs=placed.get(number, []),
                logged=number <= last_logged,
                care=care.get(number - 1),
            )
        )
    return Program(
        routine=out[0].routine, weeks=tuple(out), rules=ruleset, profile=profile, start=start
    )


def _day(log: SessionLog) -> dt.date:
    return log.date


_Span = tuple[dt.date, dt.date]


def _spans(
    weeks: int,
    offsets: tuple[int, ...],
    start: dt.date | None,
    logged: dict[tuple[int, int], SessionLog],
    latest: dt.date | None,
) -> list[list[_Span]]:
    """Each session's day, as the earliest and latest it can be.

    A logged session is on its log's day; in a dated program an unlogged one
    is on its planned day. In an undated program an unlogged session falls
    between the logged sessions around it, and one after the last logged
    session comes after everything given (the plan is made now).
    """
    keys = [(week, i + 1) for week in range(1, weeks + 1) for i in range(len(offsets))]
    if start is not None:
        days = {
            key: logged[key].date
            if key in logged
            else start + dt.timedelta(weeks=key[0] - 1, days=offsets[key[1] - 1])
            for key in keys
        }
        return [
            [(days[(week, n)], days[(week, n)]) for n in range(1, len(offsets) + 1)]
            for week in range(1, weeks + 1)
        ]
    lows: dict[tuple[int, int], dt.date] = {}
    low = dt.date.min
    for key in keys:
        if key in logged:
            low = max(low, logged[key].date)
        lows[key] = low
    highs: dict[tuple[int, int], dt.date] = {}
    high = dt.date.max
    for key in reversed(keys):
        if key in logged:
            high = min(high, logged[key].date)
        highs[key] = high
    last = max(logged, default=(0, 0))
    found = []
    for week in range(1, weeks + 1):
        row = []
        for n in range(1, len(offsets) + 1):
            key = (week, n)
            if key in logged:
                row.append((logged[key].date, logged[key].date))
            elif key > last:
                row.append((lows[key] if latest is None else max(lows[key], latest), dt.date.max))
            else:
                row.append((lows[key], highs[key]))
        found.append(row)
    return found


def _most_pressing(referrals: list[Referral | None]) -> Referral | None:
    """The most pressing referral (the latest of equals, which holds the most), or ``None``."""
    found: Referral | None = None
    for referral in referrals:
        if referral is not None and (found is None or referral.level >= found.level):
            found = referral
    return found


def _before(span: _Span) -> _Span:
    """The span a day earlier: what came strictly before a session."""
    low, high = span
    day = dt.timedelta(days=1)
    return (
        low - day if low > dt.date.min else low,
        high - day if dt.date.min < high < dt.date.max else high,
    )


def _care_by_week(
    evidence: Course,
    check_ins: tuple[CheckIn, ...],
    start: dt.date | None,
    logged: dict[tuple[int, int], SessionLog],
) -> dict[int, Advice]:
    """The most pressing care advice of each week's logs and check-ins (0: before the start)."""
    weeks: dict[int, list[Advice]] = {}
    for (week, _), log in sorted(logged.items()):
        weeks.setdefault(week, []).append(evidence.of_log[id(log)].care)
    by_day = sorted(((log.date, week) for (week, _), log in logged.items()))
    for i, check_in in enumerate(check_ins):
        placed = _dated_week(f"check_ins[{i}]", check_in.date, check_in.week, start, before_ok=True)
        if placed is None:
            placed = max((w for day, w in by_day if day <= check_in.date), default=0)
        weeks.setdefault(placed, []).append(evidence.of_check_in(check_in).care)
    return {
        week: advice
        for week, advices in weeks.items()
        if (advice := most_pressing(advices)) is not None
    }


_Pairs = list[tuple[SessionLog, Outcome]]


class _State:
    """What carries from week to week: the doses to start from and each block's history."""

    def __init__(self, base: Routine) -> None:
        self.base = base
        self.history: dict[tuple[int, int], _Pairs] = {}
        self.recent: dict[tuple[int, int], _Pairs] = {}

    def fork(self) -> _State:
        """A copy that can go its own way."""
        other = _State(self.base)
        other.history = {at: list(pairs) for at, pairs in self.history.items()}
        other.recent = {at: list(pairs) for at, pairs in self.recent.items()}
        return other

    def record(self, log: SessionLog, routine: Routine) -> None:
        """Add a session's outcomes to each block's history."""
        blocks = dict(addresses(routine))
        for outcome in log.outcomes:
            block = blocks[outcome.address]
            found = self.history.setdefault(outcome.address, [])
            if found and found[-1][1].exercise_id != block.exercise.id:
                found.clear()  # a new exercise starts its own history
            found.append((log, outcome))
            self.recent.setdefault(outcome.address, []).append((log, outcome))

    def record_nominal(self, routine: Routine, sessions: Iterable[PlannedSession]) -> None:
        """Sessions that went as prescribed (read by the rules only, never triaged)."""
        outcomes = _nominal_outcomes(routine)  # the same for every session
        for session in sessions:
            log = SessionLog(
                date=session.date or dt.date.min, routine_id=routine.id, outcomes=outcomes
            )
            self.record(log, routine)


_Decided = tuple[list[Decision], dict[tuple[int, int], Block], bool]
"""A week's decisions, the blocks they changed, and whether any deloads."""


class _Planner:
    """Plans week after week from the state, the evidence and the rules."""

    def __init__(
        self,
        *,
        rules: RuleSet,
        person: PersonOverTime | None,
        catalog: Catalog | None,
        policy: SafetyPolicy,
        evidence: Course,
        base: Routine,
    ) -> None:
        self.rules = rules
        self.person = person
        self.profile = None if person is None else person.person  # as they are in week 1
        self.catalog = catalog
        self.policy = policy
        self.strict = policy if self.profile is None else policy.for_profile(self.profile)
        self.evidence = evidence
        self.state = _State(base)
        self.shadow: tuple[_State, int] | None = None  # the plan as it was before a missed week
        self.rule_cache: dict[tuple[tuple[int, int], Exercise], ProgressionRule] = {}
        self.first_week: dict[dt.date, int] = {}
        self.previous: tuple[dt.date, bool] | None = None

    def week(
        self,
        number: int,
        *,
        sessions: list[PlannedSession],
        spans: list[_Span],
        week_logs: list[tuple[int, SessionLog]],
        logged: bool,
        care: Advice | None,
    ) -> Week:
        """Plan week ``number``, then record its sessions (logged, nominal or missed)."""
        changes = self._become(number) if number > 1 else ()
        referrals, clearance = self._referrals(number, sessions, spans)
        # The week's doses are decided from what came before its first session
        # to do (its first session, when none is): a clearance during the week
        # resumes it at doses decided as if from that day.
        at_start = referrals[next((i for i, found in enumerate(referrals) if found is None), 0)]
        advice = at_start.advice if at_start is not None else care
        decided: _Decided = ([], {}, False)
        shadow_week = None
        if number > 1:
            if self.shadow is not None:
                shadow_week = self._decide(self.shadow[0], number, None, None)
            decided = self._decide(self.state, number, advice, self._stays(at_start))
        decisions, this_week, deload = decided
        week = Week(
            number=number,
            routine=_rebuild(self.state.base, this_week),
            sessions=tuple(sessions),
            decisions=tuple(decisions),
            deload=deload,
            advice=advice,
            referral=_most_pressing(referrals),
            clearance=clearance,
            changes=changes,
        )
        self.state.recent = {}
        if not logged:
            self.state.record_nominal(week.routine, [s for s in week.sessions if not s.referred])
        elif not week_logs:
            self._missed(number, week, shadow_week)
        else:
            week = self._fit(week, week_logs, shadow_week, may_adopt=at_start is None)
            for _, log in week_logs:
                self.state.record(log, week.routine)
        return week

    def _become(self, number: int) -> tuple[PersonChange, ...]:
        """The person as they are in week ``number``; when they changed, the routine re-screened.

        The plan from before a missed week is dropped when the person changes:
        the week after is checked against the re-screened routine only.
        """
        if self.person is None:
            return ()
        step = self.person.week(number, self.state.base)
        if step.moved is not None and step.person is not None and step.routine is not None:
            moved = step.moved
            state = self.state
            self.profile, state.base = step.person, step.routine
            self.strict = self.policy.for_profile(step.person)
            state.history = {moved[at]: h for at, h in state.history.items() if at in moved}
            state.recent = {moved[at]: r for at, r in state.recent.items() if at in moved}
            self.rule_cache = {}
            self.shadow = None
        return step.changes

    def _referrals(
        self, number: int, sessions: list[PlannedSession], spans: list[_Span]
    ) -> tuple[list[Referral | None], Clearance | None]:
        """The referral in force at each session (marked on it), and a clearance that lifted one.

        A session's own log is not evidence against it: a logged session is
        referred by what came before its day; one to do, by anything up to it.
        """
        referrals = []
        clearance = None
        for i, span in enumerate(spans):
            logged = sessions[i].logged
            found = self.evidence.referral(*(_before(span) if logged else span))
            referrals.append(found)
            sessions[i] = attrs.evolve(sessions[i], referred=found is not None)
            if found is not None:
                self.first_week.setdefault(found.date, number)
            elif clearance is None and self.previous is not None and self.previous[1]:
                # A referral was in force by the session before, and no longer is.
                clearance = self.evidence.clearance_between(self.previous[0], span[0])
            in_force = found is not None or (logged and self.evidence.referral(*span) is not None)
            self.previous = (span[0], in_force)
        return referrals, clearance

    def _stays(self, referral: Referral | None) -> DecisionReason | None:
        """The reason a referral gives every week it stays in force."""
        if referral is None:
            return None
        return DecisionReason(
            rule="triage",
            text=(
                f"Referred in week {self.first_week[referral.date]}"
                f" ({referral.date.isoformat()}): exercise stays stopped until a"
                " clinician's clearance is recorded (a Clearance given to plan)."
            ),
        )

    def _missed(self, number: int, week: Week, shadow_week: _Decided | None) -> None:
        """A missed week: nothing is recorded, and the plan as it stood before it goes on beside."""
        if self.shadow is None:
            shadow = self.state.fork()
            self.shadow = (shadow, number)
        else:
            shadow = self.shadow[0]
        routine = week.routine if shadow_week is None else _rebuild(shadow.base, shadow_week[1])
        shadow.recent = {}
        shadow.record_nominal(routine, week.sessions)

    def _fit(
        self,
        week: Week,
        week_logs: list[tuple[int, SessionLog]],
        shadow_week: _Decided | None,
        *,
        may_adopt: bool,
    ) -> Week:
        """The week, its logs checked against it or against the plan from before a missed week."""
        shadow, self.shadow = self.shadow, None
        try:
            for index, log in week_logs:
                _check_log(log, week.routine, index)
        except InvalidValue:
            if shadow is None or shadow_week is None or not may_adopt:
                raise
            routine = _rebuild(shadow[0].base, shadow_week[1])
            if not all(_fits(log, routine) for _, log in week_logs):
                raise
            return self._adopt(week, routine, shadow, shadow_week)
        return week

    def _adopt(
        self, week: Week, routine: Routine, shadow: tuple[_State, int], shadow_week: _Decided
    ) -> Week:
        """The week as the plan from before the missed weeks gave it, which the logs followed."""
        state, missed = shadow
        one = missed == week.number - 1
        weeks = f"week {missed}" if one else f"weeks {missed}–{week.number - 1}"
        why = DecisionReason(
            rule="missed_week",
            text=(
                f"No session was logged in {weeks}, after which the plan holds the doses;"
                f" but the sessions of week {week.number} were logged at the doses the plan"
                f" gave before {weeks} {'was' if one else 'were'} missed: they count as done,"
                " and the plan goes on from them. That plan's reason:"
            ),
        )
        decisions = tuple(
            attrs.evolve(decision, reasons=(why, *decision.reasons)) for decision in shadow_week[0]
        )
        self.state.base = state.base
        return attrs.evolve(week, routine=routine, decisions=decisions, deload=shadow_week[2])

    def _decide(
        self,
        state: _State,
        number: int,
        advice: Advice | None,
        stays: DecisionReason | None,
    ) -> _Decided:
        decisions: list[Decision] = []
        this_week: dict[tuple[int, int], Block] = {}
        next_base: dict[tuple[int, int], Block] = {}
        for at, block in addresses(state.base):
            ctx = Context(
                block=block,
                at=at,
                history=state.history.get(at, ()),
                recent=state.recent.get(at, ()),
                week=number,
                policy=self.strict,
                profile=self.profile,
                catalog=self.catalog,
            )
            key = (at, block.exercise)
            rule = self.rule_cache.get(key)
            if rule is None:
                rule = self.rule_cache[key] = self.rules.rule_for(at, block, self.profile)
            decision = decide(ctx, rule, advice, referred=stays)
            decisions.append(decision)
            if decision.block != block:
                this_week[at] = decision.block
                if decision.action is not ProgressAction.DELOAD:
                    next_base[at] = decision.block
        state.base = _rebuild(state.base, next_base)
        deload = any(d.action is ProgressAction.DELOAD for d in decisions)
        return decisions, this_week, deload


def _fits(log: SessionLog, routine: Routine) -> bool:
    try:
        log.check(routine)
    except InvalidValue:
        return False
    return True


def _session_numbers(
    week_logs: list[tuple[int, SessionLog]], per_week: int, week: int
) -> dict[int, SessionLog]:
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
    numbers = {index: named[index] if index in named else next(free) for index, _ in week_logs}
    return {numbers[index]: log for index, log in week_logs}


def _check_log(log: SessionLog, routine: Routine, index: int) -> None:
    try:
        log.check(routine)
    except InvalidValue as exc:
        raise InvalidValue(f"logs[{index}].{exc.field}", exc.value, exc.reason) from None
