"""Safety over time: triage of a person's whole history, referral and a clinician's clearance.

A session log is symptom evidence: its pain ratings, and its date, which
says how long pain has lasted. :func:`triage_history` reads every log and
every dated check-in (:class:`CheckIn`) up to a day and says what is in
force on that day:

- a red flag anywhere in the history refers, at the urgency of that flag;
- pain present and not easing across sessions that span the persistence
  thresholds refers, with or without a check-in: the logs' dates are
  evidence of how long it has lasted [R3][R15][R2*][R5] (derived);
- next-morning pain worse than before a session, over a few days, refers [P11*];
- back pain with osteoporosis refers [C1], and a session without pain does not.

Each piece of evidence is triaged by :func:`~upperback.safety.triage.triage`
itself, with a report whose duration and trend come from the history, so the
thresholds are the :class:`~upperback.safety.triage.SafetyPolicy`'s and the
reasons are triage's own. A referral, once made, stays in force until a
clinician's :class:`Clearance` dated on or after it lifts it: it is never
forgotten because it is old. :func:`~upperback.progression.decide.progress`
and :func:`~upperback.progression.program.plan` read the history through
this module, so an app, ``progress`` and ``plan`` never disagree.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.errors import InvalidValue
from upperback.progression.log import SessionLog, sorted_logs
from upperback.safety import DEFAULT_POLICY, Profile, SafetyPolicy, SymptomReport, Trend, triage
from upperback.safety.profile import MAX_NOTE
from upperback.safety.rules import RULES
from upperback.safety.triage import MAX_DAYS, Advice, AdviceCode, AdviceLevel, Reason, advise

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "REFERRAL_LEVELS",
    "CheckIn",
    "Clearance",
    "HistoryAdvice",
    "Referral",
    "triage_history",
]

REFERRAL_LEVEL: Final = AdviceLevel.SEE_PROFESSIONAL
"""The least urgent advice that refers: from it up, exercise stops until a clearance."""

REFERRAL_LEVELS: Final = frozenset(level for level in AdviceLevel if level >= REFERRAL_LEVEL)
"""The triage levels at which progression stops and the person is referred.

Every level from ``REFERRAL_LEVEL`` up, read by rank, so a more urgent tier is one too.
"""

STATE_FINDINGS: Final = frozenset({AdviceCode.OSTEOPOROSIS_BACK_PAIN, AdviceCode.ONSET_AGE})
"""Findings about the pain a person has, not about an event or a duration.

A clearance of one of them covers the whole episode of pain in progress
when it was given, later sessions of it included: the clinician has seen
that pain. A new episode (after a session without pain) refers again.
"""

DURATION_FINDINGS: Final = frozenset({AdviceCode.NOT_IMPROVING, AdviceCode.SYMPTOMS_PAST_CEILING})
"""Findings on how long pain has lasted: a clearance of one restarts their clock on its day."""

_MAX_BY: Final = 200
_MAX_CLEARANCE_NOTE: Final = 250
"""So that who, when and the note fit in a profile's ``clearance_note`` (500 characters)."""

_RULE_IDS: Final = frozenset(rule.id for rule in RULES)
_CODES: Final = frozenset(code.value for code in AdviceCode)


@attrs.frozen(kw_only=True)
class CheckIn:
    """A symptom check-in on a day, outside any session.

    A check-in made at a session belongs on its log
    (``SessionLog.symptoms``);
    this is for the days between, such as a person reporting chest pain on
    a rest day.

    >>> import datetime as dt
    >>> report = SymptomReport(days_since_onset=3, trend=Trend.SAME, red_flags={RedFlag.CHEST_PAIN})
    >>> CheckIn(date=dt.date(2027, 1, 6), report=report).report.red_flags
    frozenset({<RedFlag.CHEST_PAIN: 'chest_pain'>})

    Args:
        date: The day of the check-in.
        report: The person's answers.
        week: The program week it falls in, from 1, when known; a plan with
            a start date works it out from ``date``.

    .. versionadded:: 0.2.0
    """

    date: dt.date
    report: SymptomReport
    week: int | None = attrs.field(default=None, metadata=v.between(1, 520))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")
        v.instance("report", self.report, SymptomReport)
        if problems := self._bound_problems():
            v.report(problems)


def _codes(value: Any) -> Any:
    # Text is read as the code it names, so that a clearance written by an app
    # reads as the JSON does; anything else is left for the check to refuse.
    value = to_frozenset(value)
    if isinstance(value, frozenset):
        return frozenset(
            AdviceCode(code) if isinstance(code, str) and code in _CODES else code for code in value
        )
    return value


@attrs.frozen(kw_only=True)
class Clearance:
    """A clinician's clearance: who gave it, when, and what it clears.

    A referral stops exercise until a clearance lifts it. A clearance lifts
    the findings it names (:class:`~upperback.safety.triage.AdviceCode`
    values) in every piece of evidence dated on or before its ``date``, and,
    for a finding about the pain a person has (``STATE_FINDINGS``: back
    pain with osteoporosis, back pain at an age where new pain is a red flag),
    every later session of the same episode of pain. It never lifts
    evidence dated after it: a red flag answered yes again refers again, and
    pain that goes on counts its days afresh from the clearance
    (``DURATION_FINDINGS``, and pain worse after exercise).

    ``rules`` clears screening rules (ids of
    :data:`~upperback.safety.rules.RULES`), such as
    ``"recent-surgery-clearance"`` once the surgeon agrees:
    :meth:`applied_to` gives the person's profile with them cleared.

    >>> import datetime as dt
    >>> cleared = Clearance(
    ...     by="Dr A. Okafor (GP)", date=dt.date(2027, 2, 1),
    ...     findings={AdviceCode.OSTEOPOROSIS_BACK_PAIN}, note="Mechanical pain; exercise is fine.",
    ... )
    >>> cleared.covers(AdviceCode.OSTEOPOROSIS_BACK_PAIN), cleared.covers(AdviceCode.RED_FLAG)
    (True, False)

    Args:
        by: Who cleared it: a name and role an app can show and trace.
        date: The day it was given.
        findings: The triage findings it clears.
        rules: The screening rules it clears.
        note: The clinician's words, if any.

    Raises:
        InvalidValue: ``findings`` and ``rules`` are both empty, a rule id is
            not in ``RULES`` (a finding's code given as a rule says so), or a
            field is of the wrong type.

    .. versionadded:: 0.2.0
    """

    by: str = attrs.field(metadata=v.text_up_to(_MAX_BY))
    date: dt.date
    findings: frozenset[AdviceCode] = attrs.field(default=frozenset(), converter=_codes)
    rules: frozenset[str] = attrs.field(default=frozenset(), converter=to_frozenset)
    note: str | None = attrs.field(default=None, metadata=v.text_up_to(_MAX_CLEARANCE_NOTE))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        if type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")
        v.collection("findings", self.findings, frozenset, AdviceCode)
        v.collection("rules", self.rules, frozenset, str)
        for rule_id in sorted(self.rules):
            if rule_id in _CODES:
                raise InvalidValue(
                    "rules",
                    rule_id,
                    "is a triage finding, not a screening rule: give it in 'findings'",
                )
            if rule_id not in _RULE_IDS:
                raise InvalidValue("rules", rule_id, "must name a rule in upperback.RULES")
        if not self.findings and not self.rules:
            raise InvalidValue(
                "findings", [], "must name at least one finding, or 'rules' at least one rule"
            )

    @classmethod
    def of_referral(
        cls, referral: Referral, *, by: str, date: dt.date, note: str | None = None
    ) -> Clearance:
        """A clearance of every finding of a referral.

        >>> report = SymptomReport(days_since_onset=30, trend=Trend.SAME)
        >>> log = SessionLog(date=dt.date(2027, 1, 4), routine_id="r", outcomes=[], symptoms=report)
        >>> referral = triage_history([log]).referral
        >>> sorted(code.value for code in Clearance.of_referral(
        ...     referral, by="Dr Okafor", date=dt.date(2027, 1, 8)).findings)
        ['not_improving', 'symptoms_past_ceiling']
        """
        v.instance("referral", referral, Referral)
        return cls(by=by, date=date, findings=referral.codes, note=note)

    def covers(self, code: AdviceCode) -> bool:
        """Whether it clears a finding."""
        return code in self.findings

    def describe(self) -> str:
        """One line: who cleared what, and when.

        >>> print(Clearance(by="Dr Okafor", date=dt.date(2027, 1, 8), rules={"recent-surgery-clearance"}).describe())
        Cleared by Dr Okafor on 2027-01-08: recent-surgery-clearance.
        """  # noqa: E501
        what = ", ".join(sorted([code.value for code in self.findings] + list(self.rules)))
        note = f" {self.note}" if self.note else ""
        return f"Cleared by {self.by} on {self.date.isoformat()}: {what}.{note}"

    def applied_to(self, profile: Profile) -> Profile:
        """The profile with this clearance's screening rules cleared (unchanged without rules).

        >>> surgery = Profile(conditions={Condition.RECENT_SURGERY})
        >>> ok = Clearance(by="Mr Shah (surgeon)", date=dt.date(2027, 1, 8), rules={"recent-surgery-clearance"})
        >>> [rule.id for rule in surgery.rules()], [rule.id for rule in ok.applied_to(surgery).rules()]
        (['recent-surgery-clearance', 'swiss-ball-no-weights'], ['swiss-ball-no-weights'])
        """  # noqa: E501
        v.instance("profile", profile, Profile)
        if not self.rules:
            return profile
        said = f"{self.by}, {self.date.isoformat()}" + (f": {self.note}" if self.note else "")
        note = said if profile.clearance_note is None else f"{profile.clearance_note}; {said}"
        if len(note) > MAX_NOTE:
            raise InvalidValue(
                "note",
                self.note,
                f"must leave the profile's clearance_note within {MAX_NOTE} characters"
                f" (with who and when, it would be {len(note)})",
            )
        return attrs.evolve(
            profile, cleared_rules=profile.cleared_rules | self.rules, clearance_note=note
        )


def _check_referral_advice(_: object, __: object, advice: Any) -> None:
    v.instance("advice", advice, Advice)
    if advice.level < REFERRAL_LEVEL:
        raise InvalidValue(
            "advice",
            advice.level.value,
            f"must be at a referral level ({REFERRAL_LEVEL!s} or above)",
        )


@attrs.frozen(kw_only=True)
class Referral:
    """A referral in force: since when, what to do instead of exercising, and why.

    Args:
        date: The day of the first evidence that referred and is still in force.
        advice: What to do instead, and why: the triage advice of every
            finding in force at a referral level, one per finding (the first
            of each), most pressing first. Its ``message`` says what to do;
            its ``reasons`` say why, with their sources.

    .. versionadded:: 0.2.0
    """

    date: dt.date
    advice: Advice = attrs.field(validator=_check_referral_advice)

    def __attrs_post_init__(self) -> None:
        if type(self.date) is not dt.date:
            raise InvalidValue("date", self.date, "must be a date")

    @property
    def level(self) -> AdviceLevel:
        """How urgent it is (see a professional, or more urgent)."""
        return self.advice.level

    @property
    def codes(self) -> frozenset[AdviceCode]:
        """The findings in force, which a clearance of this referral names."""
        return frozenset(reason.code for reason in self.advice.reasons)

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys of every reason, each once, in order."""
        return self.advice.sources


@attrs.frozen(kw_only=True)
class HistoryAdvice:
    """What a person's history calls for on a day.

    Args:
        as_of: The day it was read for (``None`` when there was no evidence and no day).
        advice: The advice in force: the referral's when there is one,
            otherwise the advice of the latest day with evidence (continue
            when there is none).
        referral: The referral in force, if any: no exercise until a clearance.

    .. versionadded:: 0.2.0
    """

    as_of: dt.date | None
    advice: Advice
    referral: Referral | None = None

    def __attrs_post_init__(self) -> None:
        if self.as_of is not None and type(self.as_of) is not dt.date:
            raise InvalidValue("as_of", self.as_of, "must be a date")
        v.instance("advice", self.advice, Advice)
        if self.referral is not None:
            v.instance("referral", self.referral, Referral)
            if self.advice != self.referral.advice:
                raise InvalidValue(
                    "advice", self.advice.code.value, "must be the referral's advice"
                )
        elif self.advice.level >= REFERRAL_LEVEL:
            raise InvalidValue(
                "referral", None, "must be given when the advice is at a referral level"
            )

    @property
    def referred(self) -> bool:
        """Whether exercise is stopped until a clinician's clearance."""
        return self.referral is not None


# -- the course of evidence -------------------------------------------------


def worse_after_exercise(log: SessionLog) -> bool:
    """Whether any block's next-morning pain was worse than the pain before the session."""
    if log.pain_before is None:
        return False
    return any(
        o.pain_next_morning is not None and o.pain_next_morning > log.pain_before
        for o in log.outcomes
    )


def _most(values: Iterable[int | None]) -> int | None:
    given = [value for value in values if value is not None]
    return max(given) if given else None


_TREND_RANK: Final = {Trend.BETTER: 0, Trend.SAME: 1, Trend.WORSE: 2}


@attrs.frozen(kw_only=True)
class Point:
    """One piece of evidence, triaged (internal): a log or a check-in, on its day."""

    date: dt.date
    log: SessionLog | None
    report: SymptomReport
    advice: Advice
    care: Advice
    """The findings below a referral level: what a day calls for when no referral is in force."""


@attrs.frozen(kw_only=True)
class _Item:
    """One referral-level finding of one piece of evidence (internal)."""

    date: dt.date
    seq: int
    reason: Reason
    cleared: dt.date | None
    """The day of the first clearance that lifts it, or ``None``."""


class Course:
    """Every piece of evidence triaged in date order, and what is in force when (internal).

    Built once from the logs, check-ins and clearances; :meth:`referral`
    answers for a span of days ``(lo, hi)``: a session whose day is known
    has ``lo == hi``; one whose day is not (an undated program) is known only
    to fall between two days. A finding counts when it may have come first
    (its day is on or before ``hi``); a clearance counts only when it
    surely came first (its day is on or before ``lo``): the cautious reading.
    """

    def __init__(
        self,
        logs: Sequence[SessionLog],
        check_ins: Sequence[CheckIn],
        clearances: Sequence[Clearance],
        profile: Profile | None,
        policy: SafetyPolicy,
    ) -> None:
        self.clearances = sorted(clearances, key=lambda c: c.date)
        self.points: list[Point] = []
        self.of_log: dict[int, Point] = {}
        self._of_check_in: dict[int, Point] = {}
        self._items: dict[object, list[_Item]] = {}
        self._cache: dict[object, tuple[dt.date, int]] = {}
        entries: list[tuple[dt.date, int, SessionLog | CheckIn, SymptomReport | None]] = [
            (c.date, 0, c, c.report) for c in check_ins
        ]
        entries += [(log.date, 1, log, log.symptoms) for log in logs]
        entries.sort(key=lambda entry: (entry[0], entry[1]))  # stable: logs keep their order
        episode = _Episode(self.clearances)
        for seq, (day, _, source, check_in) in enumerate(entries):
            log = source if isinstance(source, SessionLog) else None
            report, anchor = episode.step(day, log, check_in)
            advice = triage(report, policy, profile=profile)
            care = advise(r for r in advice.reasons if r.level < REFERRAL_LEVEL)
            point = Point(date=day, log=log, report=report, advice=advice, care=care)
            self.points.append(point)
            if log is not None:
                self.of_log[id(log)] = point
            else:
                self._of_check_in[id(source)] = point
            for reason in advice.reasons:
                if reason.level >= REFERRAL_LEVEL:
                    self._add(day, seq, reason, anchor)
        self.days = [point.date for point in self.points]

    def _add(self, day: dt.date, seq: int, reason: Reason, episode_start: dt.date | None) -> None:
        # A red flag is one finding per question; any other code is one finding.
        key: object = reason.text if reason.code is AdviceCode.RED_FLAG else reason.code
        anchor = day
        if reason.code in STATE_FINDINGS and episode_start is not None:
            anchor = episode_start
        cleared = next(
            (c.date for c in self.clearances if c.date >= anchor and c.covers(reason.code)), None
        )
        item = _Item(date=day, seq=seq, reason=reason, cleared=cleared)
        self._items.setdefault(key, []).append(item)

    def referral(self, lo: dt.date, hi: dt.date) -> Referral | None:
        """The referral in force for a session that falls between ``lo`` and ``hi``."""
        found: list[_Item] = []
        for key, items in self._items.items():
            # Queries mostly move forward in time; an item cleared by ``lo`` stays
            # cleared for every later ``lo``, so the scan resumes where it stopped.
            last_lo, start = self._cache.get(key, (lo, 0))
            i = start if lo >= last_lo else 0
            while i < len(items) and items[i].date <= hi:
                cleared = items[i].cleared
                if cleared is None or cleared > lo:
                    found.append(items[i])
                    break
                i += 1
            self._cache[key] = (lo, i)
        if not found:
            return None
        found.sort(key=lambda item: (item.date, item.seq))
        return Referral(date=found[0].date, advice=advise(item.reason for item in found))

    def of_check_in(self, check_in: CheckIn) -> Point:
        """The point of a check-in the course was built with."""
        return self._of_check_in[id(check_in)]

    def clearance_between(self, after: dt.date, until: dt.date) -> Clearance | None:
        """The latest clearance dated after ``after`` and on or before ``until``."""
        found = [c for c in self.clearances if after < c.date <= until]
        return found[-1] if found else None

    def latest(self, as_of: dt.date) -> list[Point]:
        """The points of the latest day with evidence on or before ``as_of``."""
        end = bisect.bisect_right(self.days, as_of)
        if end == 0:
            return []
        day = self.days[end - 1]
        return [point for point in self.points[:end] if point.date == day]


class _Episode:
    """The running state of a person's pain, evidence by evidence (internal).

    An episode of pain starts at the first evidence of pain (or the onset a
    check-in gives). Its duration and trend read the symptom, pain at rest
    and the next morning (``start``), which ends when both are 0. The pain a
    person has at all (``any_start``, what a clearance of a state finding
    covers) ends only at a session or check-in without any pain: pain at
    rest known to be 0 and every rating given 0. Evidence with no rating at
    all leaves both as they were: an unknown pain is not no pain.
    """

    def __init__(self, clearances: list[Clearance]) -> None:
        self.clearances = clearances
        self.start: dt.date | None = None
        self.any_start: dt.date | None = None
        self.baseline: tuple[dt.date, int] | None = None  # (clock, first pain on it)
        self.worse_from: dt.date | None = None

    def _restart(self, day: dt.date, codes: frozenset[AdviceCode]) -> dt.date | None:
        found = [
            c.date for c in self.clearances if c.date <= day and not codes.isdisjoint(c.findings)
        ]
        return found[-1] if found else None

    def step(
        self, day: dt.date, log: SessionLog | None, check_in: SymptomReport | None
    ) -> tuple[SymptomReport, dt.date | None]:
        """The report triage reads for this evidence, and when the pain it has began."""
        readings: list[int | None] = []
        rest = None
        morning: list[int | None] = []
        if log is not None:
            rest = log.pain_before
            readings.append(log.pain_before)
            for outcome in log.outcomes:
                readings += [outcome.pain_during, outcome.pain_after, outcome.pain_next_morning]
                morning.append(outcome.pain_next_morning)
        if check_in is not None:
            if check_in.pain_now is not None:
                rest = check_in.pain_now
            readings += [
                check_in.pain_now,
                check_in.pain_after_exercise,
                check_in.pain_next_morning,
            ]
            morning.append(check_in.pain_next_morning)
        # The symptom is pain outside exercise: at rest, and the next morning.
        # Pain during exercise that has settled by the next morning is the
        # pain gate's to judge [P7], not a symptom that persists.
        symptom = _most([rest, *morning])
        pain_free = rest == 0 and all(value in (0, None) for value in readings)
        if pain_free:
            self.any_start = None
        elif any(value for value in readings) or check_in is not None:
            self.any_start = self.any_start or day
        if rest == 0 and not symptom:
            self.start = None
            self.baseline = None
        elif (symptom is not None and symptom > 0) or check_in is not None:
            self.start = self.start or day
            if check_in is not None:
                back = min(check_in.days_since_onset, (day - dt.date.min).days)
                self.start = min(self.start, day - dt.timedelta(days=back))
                self.any_start = min(self.any_start or day, self.start)
        pain = symptom
        days, trend = self._duration(day, pain, pain_free, check_in)
        return (
            SymptomReport(
                days_since_onset=days,
                trend=trend,
                pain_now=rest,
                pain_after_exercise=_most(
                    [check_in.pain_after_exercise if check_in else None]
                    + [o.pain for o in (log.outcomes if log else ())]
                ),
                pain_next_morning=_most(
                    [check_in.pain_next_morning if check_in else None]
                    + [o.pain_next_morning for o in (log.outcomes if log else ())]
                ),
                days_worse_after_exercise=self._worse(day, log, check_in),
                red_flags=check_in.red_flags if check_in else frozenset(),
            ),
            self.any_start,
        )

    def _duration(
        self, day: dt.date, pain: int | None, pain_free: bool, check_in: SymptomReport | None
    ) -> tuple[int, Trend]:
        restart = self._restart(day, DURATION_FINDINGS)
        derived: Trend | None = Trend.BETTER if pain_free else None
        if self.start is not None:
            clock = self.start if restart is None else max(self.start, restart)
            days = min((day - clock).days, MAX_DAYS)
            if pain is not None:
                if self.baseline is None or self.baseline[0] != clock:
                    self.baseline = (clock, pain)
                elif pain != self.baseline[1]:
                    derived = Trend.BETTER if pain < self.baseline[1] else Trend.WORSE
                else:
                    derived = Trend.SAME
        else:
            days = 0
            if check_in is not None:
                days = check_in.days_since_onset
                if restart is not None:
                    days = min(days, (day - restart).days)
        if check_in is None:
            return days, derived or Trend.SAME
        # The person's word and the logs' numbers: the more cautious of the two.
        trend = max(check_in.trend, derived or check_in.trend, key=_TREND_RANK.__getitem__)
        return days, trend

    def _worse(self, day: dt.date, log: SessionLog | None, check_in: SymptomReport | None) -> int:
        restart = self._restart(day, frozenset({AdviceCode.WORSE_AFTER_EXERCISE}))
        if log is not None:
            if not worse_after_exercise(log) or (restart is not None and day <= restart):
                self.worse_from = None
            elif self.worse_from is None or (restart is not None and self.worse_from <= restart):
                self.worse_from = day
        days = 0 if self.worse_from is None else (day - self.worse_from).days + 1
        if check_in is not None:
            said = check_in.days_worse_after_exercise
            if restart is not None:
                said = min(said, (day - restart).days)
            days = max(days, said)
        return days


def checked(
    check_ins: Iterable[CheckIn], clearances: Iterable[Clearance]
) -> tuple[tuple[CheckIn, ...], tuple[Clearance, ...]]:
    """The check-ins and clearances as tuples, each item checked (internal)."""
    found_check_ins = to_tuple(check_ins)
    v.collection("check_ins", found_check_ins, tuple, CheckIn)
    found_clearances = to_tuple(clearances)
    v.collection("clearances", found_clearances, tuple, Clearance)
    return found_check_ins, found_clearances


def course(
    logs: Sequence[SessionLog],
    *,
    check_ins: Sequence[CheckIn] = (),
    clearances: Sequence[Clearance] = (),
    profile: Profile | None = None,
    policy: SafetyPolicy = DEFAULT_POLICY,
) -> Course:
    """The course of evidence of logs in date order and checked inputs (internal)."""
    v.instance("policy", policy, SafetyPolicy)
    if profile is not None:
        v.instance("profile", profile, Profile)
    return Course(logs, check_ins, clearances, profile, policy)


def latest_day(
    logs: Iterable[SessionLog], check_ins: Iterable[CheckIn], clearances: Iterable[Clearance]
) -> dt.date | None:
    """The latest day of any evidence or clearance, or ``None`` when there is none."""
    days = [log.date for log in logs] + [c.date for c in check_ins] + [c.date for c in clearances]
    return max(days, default=None)


def triage_history(
    logs: Iterable[SessionLog] = (),
    *,
    as_of: dt.date | None = None,
    check_ins: Iterable[CheckIn] = (),
    clearances: Iterable[Clearance] = (),
    profile: Profile | None = None,
    policy: SafetyPolicy = DEFAULT_POLICY,
) -> HistoryAdvice:
    """What a person's whole history of sessions and check-ins calls for on a day.

    Every session log and check-in up to ``as_of`` is evidence, read in date
    order and triaged with the person's profile
    (:func:`~upperback.safety.triage.triage`), with what the history adds:

    - how long pain has lasted: from the first session or check-in with pain
      (or the onset a check-in gives) to this one, until a session with no
      pain at all (pain before it 0, and every rating given 0) ends the episode;
    - whether it is easing: a session's highest pain rating against the
      episode's first; a check-in's own trend counts too, and the more
      cautious of the two is read;
    - how many days next-morning pain has been worse than before the sessions.

    So pain that stays the same for ``not_improving_days`` (14) or lasts past
    ``max_symptom_days`` (28) refers to a professional, with or without a
    check-in [R3][R15][R2*][R5] (derived: the cautious default);
    pain worse after exercise for more than a few days refers [P11*]; back
    pain with osteoporosis refers [C1] and a pain-free session does not.

    Any finding at a referral level (see a professional or more urgent),
    anywhere in the history, stays in force until a :class:`Clearance`
    dated on or after it lifts it: a red flag is never forgotten because it
    is old. Without a referral, the advice is that of the latest day with
    evidence.

    >>> import datetime as dt
    >>> block = Block(exercise=default_catalog()["band-pull-apart"])
    >>> sore = [
    ...     SessionLog(date=dt.date(2027, 1, 4) + dt.timedelta(days=day), routine_id="r", pain_before=3,
    ...                outcomes=[Outcome.as_prescribed(block, at=(0, 0), pain_during=3, pain_next_morning=3)])
    ...     for day in (0, 2, 4, 7, 9, 11, 14)
    ... ]
    >>> found = triage_history(sore)
    >>> found.referral.date, found.advice.code.value
    (datetime.date(2027, 1, 18), 'not_improving')
    >>> print(found.advice.reasons[0].text)
    The pain is not improving (same) after 14 days; the limit is 14.
    >>> cleared = Clearance.of_referral(found.referral, by="Dr Okafor (GP)", date=dt.date(2027, 1, 20))
    >>> triage_history(sore, clearances=[cleared], as_of=dt.date(2027, 1, 20)).referred
    False

    Args:
        logs: The person's session logs, in any order.
        as_of: The day to read for; the latest day of any log, check-in or
            clearance when not given. Evidence and clearances after it are not read.
        check_ins: Check-ins made outside sessions.
        clearances: Clinicians' clearances.
        profile: The person (their conditions make triage stricter).
        policy: The triage thresholds.

    Raises:
        InvalidValue: An argument is of the wrong type.

    .. versionadded:: 0.2.0
    """  # noqa: E501
    items = sorted_logs(logs)
    found_check_ins, found_clearances = checked(check_ins, clearances)
    if as_of is None:
        as_of = latest_day(items, found_check_ins, found_clearances)
    elif type(as_of) is not dt.date:
        raise InvalidValue("as_of", as_of, "must be a date")
    if as_of is None:
        return HistoryAdvice(as_of=None, advice=advise(()))
    found = course(
        [log for log in items if log.date <= as_of],
        check_ins=[c for c in found_check_ins if c.date <= as_of],
        clearances=[c for c in found_clearances if c.date <= as_of],
        profile=profile,
        policy=policy,
    )
    referral = found.referral(as_of, as_of)
    if referral is not None:
        return HistoryAdvice(as_of=as_of, advice=referral.advice, referral=referral)
    latest = [point.care for point in found.latest(as_of)]
    advice = max(latest, key=lambda a: a.level.rank, default=None) or advise(())
    return HistoryAdvice(as_of=as_of, advice=advice)
