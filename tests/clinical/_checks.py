"""The checkers: pure functions from an output of the library to the ways it breaks the fact sheet.

Every checker takes what the public API gave (a routine, a program, a sheet's
text, a calendar) and what it was given (the person, the logs), and returns a
list of violations, each a sentence naming the fact-sheet section it breaks.
An empty list means the output keeps to the sheet. The checkers read the
sheet's rules from :mod:`tests.clinical._domain`, never the library's tables.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import upperback as ub
from tests.clinical import _domain as d

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from upperback import Block, Exercise, Profile, Program, Routine, SessionLog, Week

__all__ = [
    "ball_load_violations",
    "band_violations",
    "dose_range_violations",
    "exclusion_violations",
    "expected_referral",
    "frequency_violations",
    "harder",
    "lighter",
    "pain_cap_violations",
    "program_exclusion_violations",
    "progression_violations",
    "referral_violations",
    "screen_caution_violations",
    "sheet_violations",
    "spacing_violations",
    "steps",
    "to_do",
    "weekly_rise_violations",
]


# -- people and blocks --------------------------------------------------------------------


def conditions_of(profile: Profile | None) -> frozenset[ub.Condition]:
    """The conditions that apply to a person now (none for no person)."""
    return frozenset() if profile is None else profile.conditions


def pain_ceiling_for(profile: Profile | None) -> int:
    """§3.1 [P7] and §8: the most pain during and after exercise the sheet allows this person."""
    if ub.Condition.CERVICAL_RADICULOPATHY in conditions_of(profile):
        return d.NERVE_PAIN_CEILING
    return d.PAIN_CEILING


def _name(block: Block) -> str:
    return f"{block.exercise.id} ({block.dose.describe()})"


def exclusion_violations(profile: Profile | None, blocks: Iterable[Block], where: str) -> list[str]:
    """§8: every block the person's conditions (or their clinician) rule out.

    A clinician's own list (``avoid_features``) excludes too, unless the
    clinician cleared nothing of it; a rule a clinician cleared
    (``cleared_rules``) is the clinician's decision, and the sheet's
    exclusions of that condition are then not judged here.
    """
    if profile is None:
        return []
    found = []
    # A clinician's clearance lifts what it names: the conditions of the rules cleared.
    cleared = frozenset(
        condition
        for rule in ub.RULES
        if rule.id in profile.cleared_rules
        for condition in rule.conditions
    )
    concerned = [rule for rule in d.EXCLUSIONS if rule.applies_to(profile.conditions - cleared)]
    for block in blocks:
        exercise = block.exercise
        found += [
            f"{where}: {_name(block)} is excluded by {rule.key}"
            for rule in concerned
            if rule.matches(exercise)
        ]
        avoided = profile.avoid_features & d.features_of(exercise)
        if avoided:
            listed = ", ".join(sorted(avoided))
            found.append(f"{where}: {_name(block)} has {listed}, which the clinician said to avoid")
    return found


def screen_caution_violations(
    profile: Profile | None, blocks: Iterable[Block], where: str
) -> list[str]:
    """§8: every block the sheet says to do only with care, but carrying no caution."""
    if profile is None:
        return []
    concerned = [rule for rule in d.CAUTIONS if rule.applies_to(profile.conditions)]
    return [
        f"{where}: {_name(block)} carries no caution for {rule.key}"
        for block in blocks
        if not any(caution.cue for caution in block.cautions)
        for rule in concerned
        if rule.matches(block.exercise)
    ]


def pain_cap_violations(profile: Profile | None, blocks: Iterable[Block], where: str) -> list[str]:
    """§3.1 [P7] and §8: a block whose pain ceiling is above the person's (or above 5/10)."""
    ceiling = pain_ceiling_for(profile)
    found = []
    for block in blocks:
        cap = block.max_pain
        if ceiling < d.PAIN_CEILING and cap is None:
            found.append(f"{where}: {_name(block)} has no pain cap; the sheet's is {ceiling}/10")
        elif cap is not None and cap > ceiling:
            found.append(f"{where}: {_name(block)} allows pain {cap}/10, above {ceiling}/10")
    return found


def ball_load_violations(blocks: Iterable[Block], where: str) -> list[str]:
    """§5.4 [B7][B10]: no hand weights, dumbbells or barbells on a fitness ball."""
    found = []
    for block in blocks:
        exercise = block.exercise
        required = {need.kind for need in exercise.props if need.required}
        if ub.PropKind.SWISS_BALL not in required:
            continue
        loads = sorted(required & d.BALL_LOADS)
        if loads or ub.Feature.EXTERNAL_LOAD in d.features_of(exercise):
            what = ", ".join(loads) or "an external load"
            found.append(f"{where}: {_name(block)} puts {what} on a Swiss ball")
    return found


def _limit(exercise: Exercise, field: str) -> int | None:
    limits = getattr(exercise, "dose_limits", None)
    return None if limits is None else getattr(limits, field, None)


def _hold_violations(
    block: Block, *, older: bool, starting: bool, began: ub.Dose | None
) -> list[str]:
    """§1.1: a static stretch's hold, within its range and the exercise's own limit."""
    exercise, dose = block.exercise, block.dose
    if exercise.kind is not ub.ExerciseKind.STATIC_STRETCH or dose.hold_s is None:
        return []
    own = _limit(exercise, "hold_s")
    low, high = d.OLDER_ADULT_HOLD_S if older else d.ADULT_HOLD_S
    if own is not None:
        high = min(high, own)
    found = []
    if dose.hold_s > max(high, (began.hold_s or 0) if began is not None else 0):
        found.append(f"{_name(block)} holds {dose.hold_s} s, above {high} s (§1.1)")
    floor = min([low, *(cap for cap in (block.max_hold_s, own) if cap is not None)])
    if starting and older and dose.hold_s < floor:
        found.append(
            f"{_name(block)} holds {dose.hold_s} s, below the older adults' {low} s (§1.1)"
        )
    return found


def _strength_violations(
    block: Block, *, fewer_reps: bool, starting: bool, began: ub.Dose | None
) -> list[str]:
    """§2: strengthening's sets, and the 10–15 reps of older adults and novices."""
    dose = block.dose
    if block.exercise.kind is not ub.ExerciseKind.STRENGTHENING:
        return []
    found = []
    top = max(d.STRENGTH_MAX_SETS, began.sets if began is not None else 0)
    if dose.sets > top:
        found.append(f"{_name(block)} has {dose.sets} sets, above {top} (§2)")
    if fewer_reps and dose.reps is not None:
        low, high = d.OLDER_OR_NOVICE_REPS
        high = max(high, (began.reps or 0) if began is not None else 0)
        if dose.reps > high or (starting and dose.reps < low):
            found.append(
                f"{_name(block)} has {dose.reps} reps, outside {low}–{high}"
                " for older adults and novices (§2)"
            )
    return found


def dose_range_violations(
    profile: Profile | None,
    blocks: Iterable[Block],
    where: str,
    *,
    starting: bool,
    first: dict[str, ub.Dose] | None = None,
) -> list[str]:
    """§1.1 [A1][A2] and §2 [A5][A7]: holds, sets and reps within the sheet's ranges.

    Static stretch holds are 10–30 s, 30–60 s for older adults; a hold never
    passes the exercise's own limit when it declares one. A starting dose
    (``starting``: a composed or prescribed routine) must reach the older
    adults' 30 s floor unless a safety cap or the exercise's own limit is
    lower. Strengthening keeps to 2–4 sets, and to 10–15 reps for older
    adults and novices; a dose the routine began above (``first``, by
    exercise id) is the app's choice and is only never raised.
    """
    older = profile is not None and profile.older_adult
    novice = profile is not None and profile.novice
    found = []
    for block in blocks:
        began = (first or {}).get(block.exercise.id)
        found += _hold_violations(block, older=older, starting=starting, began=began)
        found += _strength_violations(
            block, fewer_reps=older or novice, starting=starting, began=began
        )
        own_sets = _limit(block.exercise, "sets")
        if own_sets is not None and block.dose.sets > max(own_sets, began.sets if began else 0):
            found.append(f"{_name(block)} passes its own limit of {own_sets} sets")
    return [f"{where}: {violation}" for violation in found]


def band_violations(profile: Profile | None, blocks: Iterable[Block], where: str) -> list[str]:
    """§6 [D1]: blue and heavier bands are for advanced users only."""
    if profile is None:
        return []
    ceiling = d.band_ceiling(profile.level)
    if ceiling is None:
        return []
    return [
        f"{where}: {_name(block)} uses band level {int(block.dose.band_level)},"
        f" above {int(ceiling)} (green) for a person at level {profile.level!s} (§6)"
        for block in blocks
        if block.dose.band_level is not None and block.dose.band_level > ceiling
    ]


def frequency_violations(routine: Routine, where: str) -> list[str]:
    """§2 [A6][A7]: strengthening at most 3 sessions a week (48 h between sessions)."""
    strength = [b for b in routine.blocks if b.exercise.kind is ub.ExerciseKind.STRENGTHENING]
    if strength and routine.sessions_per_week > d.MAX_STRENGTH_SESSIONS:
        return [
            (
                f"{where}: strengthening ({strength[0].exercise.id}) {routine.sessions_per_week}"
                f" times a week, above {d.MAX_STRENGTH_SESSIONS} (≥48 h apart, §2)"
            )
        ]
    return []


# -- programs -------------------------------------------------------------------------------


def to_do(week: Week) -> tuple[ub.PlannedSession, ...]:
    """The sessions of a week presented as sessions to do (those no referral reaches)."""
    return tuple(s for s in week.sessions if not getattr(s, "referred", False))


def spacing_violations(program: Program) -> list[str]:
    """§2 [A6][A7]: sessions of a routine with strengthening at least 48 h apart."""
    days = sorted(
        (session.date, week.number)
        for week in program.weeks
        if any(b.exercise.kind is ub.ExerciseKind.STRENGTHENING for b in week.routine.blocks)
        for session in to_do(week)
        if session.date is not None
    )
    found = []
    for (one, _), (two, week) in itertools.pairwise(days):
        hours = (two - one).days * 24
        if hours < d.MIN_HOURS_BETWEEN_STRENGTH:
            found.append(
                f"week {week}: strengthening on {one} and {two}, {hours} h apart,"
                f" under {d.MIN_HOURS_BETWEEN_STRENGTH} h (§2)"
            )
    return found


def person_in_week(program: Program, week: Week) -> Profile | None:
    """The person as they are during a week (a dated profile taken over the week's days)."""
    profile = program.profile
    if profile is None or not profile.dated:
        return profile
    dates = [s.date for s in week.sessions if s.date is not None]
    if not dates:
        return profile
    return profile.during(min(dates), max(dates))


def program_exclusion_violations(program: Program) -> list[str]:
    """§8 on every week: nothing the person's conditions rule out in any session to do."""
    found = []
    for week in program.weeks:
        if not to_do(week):
            continue
        person = person_in_week(program, week)
        found += exclusion_violations(person, week.routine.blocks, f"week {week.number}")
        found += ball_load_violations(week.routine.blocks, f"week {week.number}")
    return found


def _level(exercise: Exercise) -> int:
    return int(exercise.level)


def harder(after: Block, before: Block) -> bool:
    """Whether ``after`` asks more than ``before``: a harder exercise, or any number raised.

    A change of exercise is harder when the new one is at a higher level or
    is the old one's harder neighbour; the same exercise is harder when any
    of its sets, reps, hold, tempo or band level went up (a dose that is
    lower in one number and higher in another counts as harder: the
    cautious reading).
    """
    one, two = before.exercise, after.exercise
    if one.id != two.id:
        return _level(two) > _level(one) or one.harder == two.id
    a, b = before.dose, after.dose
    pairs = [
        (a.sets, b.sets),
        (a.reps or 0, b.reps or 0),
        (a.hold_s or 0, b.hold_s or 0),
        (a.tempo_s or 0, b.tempo_s or 0),
        (int(a.band_level or 0), int(b.band_level or 0)),
        (int(a.per_side), int(b.per_side)),
    ]
    return any(new > old for old, new in pairs)


def lighter(after: Block, before: Block) -> bool:
    """Whether ``after`` asks strictly less than ``before`` and no more in any way."""
    if harder(after, before):
        return False
    one, two = before.exercise, after.exercise
    if one.id != two.id:
        return True  # an easier or same-level other exercise, never harder (checked above)
    return after.dose != before.dose and (
        after.dose.work_s(two.laterality) < before.dose.work_s(one.laterality)
        or after.dose.band_level != before.dose.band_level
    )


def at_floor(block: Block) -> bool:
    """Whether a block's dose is at the least the sheet gives, so that it need not shrink.

    One set, of at most 5 reps (the fewest the sheet gives, for dynamic
    mobility, §7) or a hold of at most 10 s (the shortest ACSM hold, §1.1).
    """
    dose = block.dose
    return dose.sets == 1 and (dose.reps or 0) <= 5 and (dose.hold_s or 0) <= 10


def week_of(day: dt.date, start: dt.date) -> int:
    """The program week a day falls in, from 1."""
    return (day - start).days // 7 + 1


def _logs_by_week(logs: Sequence[SessionLog], start: dt.date) -> dict[int, list[SessionLog]]:
    found: dict[int, list[SessionLog]] = {}
    for log in sorted(logs, key=lambda log: log.date):
        found.setdefault(week_of(log.date, start), []).append(log)
    return found


def _pains(logs: Iterable[SessionLog], at: tuple[int, int], exercise_id: str) -> list[Any]:
    return [
        (log, outcome)
        for log in logs
        if (outcome := log.outcome(at)) is not None
        and outcome.exercise_id == exercise_id
        and not outcome.skipped
    ]


def _raised(pairs: list[Any]) -> list[int]:
    """Next-morning pain still raised: above the pain before, or above 3/10 when that is unknown."""
    return [
        o.pain_next_morning
        for log, o in pairs
        if o.pain_next_morning is not None
        and o.pain_next_morning
        > (log.pain_before if log.pain_before is not None else d.SETTLED_PAIN)
    ]


def _gated(new: Block, old: Block, pairs: list[Any], ceiling: int) -> tuple[str, bool] | None:
    """What a week's pain at a block asks of the next week: (why, whether to reduce), or None.

    Pain above the ceiling, or next-morning pain still raised: reduce; next-morning
    pain above the safe zone (not settled): no harder. None when pain allows progress.
    """
    pains = [o.pain for _, o in pairs if o.pain is not None]
    if any(p > ceiling for p in pains):
        return f"pain {max(pains)}/10 > {ceiling}", True
    raised = _raised(pairs)
    if raised:
        return f"next-morning pain {max(raised)}/10 still raised (§3.1, derived from [P7])", True
    unsettled = [
        o.pain_next_morning
        for _, o in pairs
        if o.pain_next_morning is not None and o.pain_next_morning > d.SETTLED_PAIN
    ]
    if unsettled:
        return f"next-morning pain {max(unsettled)}/10, not settled", False
    return None


def steps(before: Week, week: Week) -> list[tuple[tuple[int, int], Block, Block]]:
    """Each block of ``before`` and what it became in ``week``: ``(address before, old, new)``.

    Followed through the week's decisions (the exercise and dose each came
    from), so that a block left out for a person who changed, which shifts
    the addresses after it, never pairs one exercise with another's logs.
    """
    old_blocks = ub.addresses(before.routine)
    now = dict(ub.addresses(week.routine))
    if not week.decisions:
        return [(at, old, now[at]) for at, old in old_blocks if at in now]
    found = []
    for decision in week.decisions:
        source = next(
            (
                (at, old)
                for at, old in old_blocks
                if old.exercise.id == decision.previous_exercise_id
                and old.dose == decision.previous_dose
            ),
            None,
        )
        if source is not None:
            found.append((source[0], source[1], now.get(decision.at, decision.block)))
    return found


def progression_violations(
    program: Program, logs: Sequence[SessionLog], *, reduce: bool = True
) -> list[str]:
    """§3.1 [P7]: what logged pain allows the next week, block by block.

    - Pain during or after above the person's ceiling (5/10; 3/10 with
      nerve-related pain): the next week is no harder, and lighter (or a
      referral) unless the dose is already at its floor; the block stays
      no harder than where the pain occurred until a logged week at or
      below it goes well (a deload week's rebound included).
    - Next-morning pain still raised (above the pain before the session,
      or above the 3/10 safe zone when that is unknown): reduce the load.
    - Next-morning pain above the safe zone at all (not settled): no harder.

    Weeks after the last logged one are the nominal plan and are not judged.
    With ``reduce=False`` only "never harder" is checked, not "reduced".
    """
    if program.start is None or not logs:
        return []
    ceiling = pain_ceiling_for(program.profile)
    by_week = _logs_by_week(logs, program.start)
    found: list[str] = []
    painful: dict[str, Block] = {}  # by exercise: the block where pain passed the ceiling
    for week in program.weeks[1 : max(by_week) + 1]:
        before = program.weeks[week.number - 2]
        for at, old, new in steps(before, week):
            pairs = _pains(by_week.get(before.number, []), at, old.exercise.id)
            step = _Step(old=old, new=new, referred=week.referred)
            where = f"week {week.number} {new.exercise.id}"
            found += [f"{where}: {v}" for v in step.judge(pairs, ceiling, painful, reduce=reduce)]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class _Step:
    """One block from one week to the next (internal to :func:`progression_violations`)."""

    old: Block
    new: Block
    referred: bool

    def judge(
        self,
        pairs: list[Any],
        ceiling: int,
        painful: dict[str, Block],
        *,
        reduce: bool,
    ) -> list[str]:
        """What the step breaks; ``painful`` (where pain passed the ceiling) is kept up to date."""
        found = []
        old, new = self.old, self.new
        key = old.exercise.id
        gated = _gated(new, old, pairs, ceiling)
        if gated is not None:
            why, lower = gated
            if lower and why.startswith("pain"):
                painful[key] = old
            if harder(new, old):
                found.append(f"made harder after {why}")
            elif reduce and lower and not (lighter(new, old) or self.referred or at_floor(old)):
                found.append(f"not reduced after {why}")
        elif pairs and key in painful and not harder(old, painful[key]):
            del painful[key]  # a week went well at or below the painful dose
        if key in painful:
            if harder(new, painful[key]) and not self.referred:
                found.append(
                    f"back above {painful[key].dose.describe()}, where pain passed the"
                    " ceiling, before a week went well there (§3.1)"
                )
            painful[new.exercise.id] = painful.pop(key)  # it follows the block
        return found


def weekly_rise_violations(program: Program, logs: Sequence[SessionLog]) -> list[str]:
    """§3.1 [P7]: "pain and stiffness must not increase from week to week".

    When a block's worst pain of a logged week (during, after or the next
    morning) is higher than its worst of the logged week before, the week
    after is no harder.
    """
    if program.start is None or not logs:
        return []
    by_week = _logs_by_week(logs, program.start)
    found = []
    worst: dict[str, int] = {}  # by exercise
    for week in program.weeks[1 : max(by_week) + 1]:
        before = program.weeks[week.number - 2]
        for at, old, new in steps(before, week):
            pairs = _pains(by_week.get(before.number, []), at, old.exercise.id)
            ratings = [r for _, o in pairs for r in (o.pain, o.pain_next_morning) if r is not None]
            if not ratings:
                continue
            peak, key = max(ratings), old.exercise.id
            if key in worst and peak > worst[key] and harder(new, old):
                found.append(
                    f"week {week.number} {new.exercise.id}: made harder though pain rose"
                    f" from {worst[key]}/10 to {peak}/10 the week before (§3.1 [P7])"
                )
            worst[new.exercise.id] = peak
    return found


def referral_violations(
    program: Program, since: dt.date | None, *, cleared: dt.date | None = None
) -> list[str]:
    """§4.2–4.3: no session after the evidence that refers is presented as one to do.

    ``since`` is the day of the evidence (a red flag, pain persisting past the
    thresholds); ``cleared`` the day a clinician cleared it, after which
    sessions are to be done again.
    """
    if since is None:
        return []
    found = []
    for week in program.weeks:
        for session in to_do(week):
            if session.date is None or session.date <= since:
                continue
            if cleared is not None and session.date >= cleared:
                continue
            found.append(
                f"week {week.number} session {session.number} on {session.date} is a session"
                f" to do after the referral of {since} (§4.2–4.3)"
            )
    return found


# -- sheets ---------------------------------------------------------------------------------

_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_TAGS = re.compile(r"<[^>]+>")


def readable(sheet: str) -> str:
    """A rendered sheet as its reader reads it: tags dropped, escapes undone, spaces collapsed."""
    text = _TAGS.sub(" ", sheet)
    text = html.unescape(text)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


_PAIN_LIMIT = re.compile(
    r"(?:at or below|at most|up to|no more than|not exceed|not go above)\s+(\d{1,2})/10"
    r"|\b(\d{1,2})/10 or (?:less|lower|below)"
)


def _pain_limit_violations(text: str, ceiling: int) -> list[str]:
    """§3.1: one pain limit on a sheet, no looser than the person's, and no vague second one."""
    found = []
    limits = {int(a or b) for a, b in _PAIN_LIMIT.findall(text)}
    if not limits:
        found.append("the sheet states no pain limit (§3.1)")
    looser = sorted(n for n in limits if n > ceiling)
    if looser:
        found.append(f"the sheet states pain limits {looser}, looser than {ceiling}/10 (§3.1)")
    if "mild level" in text.lower():
        found.append("the sheet states a vague 'mild' pain limit beside its number (§3.1)")
    return found


_OSTEOPOROSIS_LINE = re.compile(
    r"(back pain[^.?!:]*osteoporosis|osteoporosis[^.?!:]*back pain)[^.?!]*"
    r"(clinician|professional|doctor)"
)


def sheet_violations(sheet: str, blocks: Sequence[Block], profile: Profile | None) -> list[str]:
    """§3.1, §4.2, §8: what a sheet must say to its person.

    - every caution screening put on a block, beside it (its cue's words);
    - one pain limit, the strictest that applies (≤5/10; ≤3/10 with
      nerve-related pain), and no looser limit anywhere;
    - every red-flag question, so the person knows when to get urgent help;
    - for osteoporosis, that back pain goes to a clinician [C1].
    """
    text = readable(sheet)
    found = [
        f"{block.exercise.id}: caution {caution.rule!r} is not on the sheet"
        for block in blocks
        for caution in block.cautions
        if caution.cue and " ".join(caution.cue.split()) not in text
    ]
    caps = [b.max_pain for b in blocks if b.max_pain is not None]
    found += _pain_limit_violations(text, min([pain_ceiling_for(profile), *caps]))
    found += [
        f"red flag {flag.value!r} is not on the sheet (§4.2)"
        for flag in ub.RedFlag
        if " ".join(flag.question.split()) not in text
    ]
    osteoporosis = ub.Condition.OSTEOPOROSIS in conditions_of(profile)
    if osteoporosis and not _OSTEOPOROSIS_LINE.search(text.lower()):
        found.append("an osteoporosis sheet does not send back pain to a clinician (§8 [C1])")
    return found


# -- triage over time -----------------------------------------------------------------------


def _symptom(log: SessionLog) -> int | None:
    """Back pain outside exercise: at rest before the session, and the next morning.

    Pain during exercise that has settled by the next morning is for the pain
    gate to judge (§3.1 [P7]); what persists is the pain a person has at rest
    and on waking (§4.3).
    """
    found = [log.pain_before] if log.pain_before is not None else []
    found += [o.pain_next_morning for o in log.outcomes if o.pain_next_morning is not None]
    if log.symptoms is not None and log.symptoms.pain_now is not None:
        found.append(log.symptoms.pain_now)
    return max(found, default=None)


def _worse_after(log: SessionLog) -> bool:
    """Whether next-morning pain was worse than the pain before the session."""
    return log.pain_before is not None and any(
        o.pain_next_morning is not None and o.pain_next_morning > log.pain_before
        for o in log.outcomes
    )


class _Course:
    """The running state of a history, log by log: the episode of pain and the worse mornings."""

    def __init__(self, *, osteoporosis: bool) -> None:
        self.osteoporosis = osteoporosis
        self.episode: tuple[dt.date, int] | None = None
        self.worse_from: dt.date | None = None

    def step(self, log: SessionLog) -> str | None:
        """Why this log refers, or None."""
        day, level = log.date, _symptom(log)
        why = None
        if log.pain_before == 0 and not level:
            self.episode = None
        elif level:
            why = self._pain(day, level)
        if not _worse_after(log):
            self.worse_from = None
        else:
            self.worse_from = self.worse_from or day
            if (day - self.worse_from).days + 1 > d.WORSE_AFTER_EXERCISE_DAYS:
                why = why or "worse after exercise"
        return why

    def _pain(self, day: dt.date, level: int) -> str | None:
        if self.osteoporosis:
            return "back pain with osteoporosis"
        if self.episode is None:
            self.episode = (day, level)
            return None
        days = (day - self.episode[0]).days
        if days >= d.NOT_IMPROVING_DAYS and level >= self.episode[1]:
            return "pain not improving"
        if days > d.SYMPTOM_CEILING_DAYS:
            return "pain past the ceiling"
        return None


def expected_referral(
    logs: Iterable[SessionLog],
    check_ins: Iterable[tuple[dt.date, ub.SymptomReport]] = (),
    profile: Profile | None = None,
) -> tuple[dt.date, str] | None:
    """§4.2–4.3: the first day the history refers the person to a professional, and why.

    Read from the sheet, not from the library:

    - any red flag answered yes, at a session or a check-in (§4.2 [R3]);
    - back pain (at rest, or the next morning) that has not eased across
      sessions spanning 14 days (§4.3 design note (c): no improvement after
      ~2 weeks of self-management), or that has lasted past the 6-week hard
      ceiling whatever its trend [R2*][R5]; a session with no pain at rest
      and none the next morning ends an episode;
    - next-morning pain worse than before the session, over a run of
      sessions spanning more than 3 days (§4.3 (b), [P11*]);
    - back pain in someone with osteoporosis (§8 [C1]).
    """
    logs = sorted(logs, key=lambda log: log.date)
    flags = [day for day, report in check_ins if report.red_flags]
    flags += [log.date for log in logs if log.symptoms is not None and log.symptoms.red_flags]
    course = _Course(osteoporosis=ub.Condition.OSTEOPOROSIS in conditions_of(profile))
    found = next(((log.date, why) for log in logs if (why := course.step(log))), None)
    first_flag = min(flags, default=None)
    if first_flag is not None and (found is None or first_flag <= found[0]):
        return first_flag, "red flag"
    return found
