"""The checkers: pure functions from an output of the library to the ways it breaks the fact sheet.

Every checker takes what the public API gave (a routine, a program, a sheet's
text, a calendar) and what it was given (the person, the logs), and returns a
list of violations, each a sentence naming the fact-sheet section it breaks.
An empty list means the output keeps to the sheet. The checkers read the
sheet's rules from :mod:`tests.clinical._domain`, never the library's tables.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import upperback as ub
from tests.clinical import _domain as d

if TYPE_CHECKING:
    from upperback import Block, Exercise, Profile, Program, Routine, SessionLog, Week

__all__ = [
    "ball_load_violations",
    "band_violations",
    "dose_range_violations",
    "expected_referral",
    "exclusion_violations",
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
    for block in blocks:
        exercise = block.exercise
        for rule in d.EXCLUSIONS:
            if rule.applies_to(profile.conditions - cleared) and rule.matches(exercise):
                found.append(f"{where}: {_name(block)} is excluded by {rule.key}")
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
    found = []
    for block in blocks:
        for rule in d.CAUTIONS:
            if (
                rule.applies_to(profile.conditions)
                and rule.matches(block.exercise)
                and not any(caution.cue for caution in block.cautions)
            ):
                found.append(f"{where}: {_name(block)} carries no caution for {rule.key}")
    return found


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
        exercise, dose = block.exercise, block.dose
        began = (first or {}).get(exercise.id)
        own_hold = _limit(exercise, "hold_s")
        if exercise.kind is ub.ExerciseKind.STATIC_STRETCH and dose.hold_s is not None:
            low, high = d.OLDER_ADULT_HOLD_S if older else d.ADULT_HOLD_S
            if own_hold is not None:
                high = min(high, own_hold)
            allowed = max(high, began.hold_s or 0) if began is not None else high
            if dose.hold_s > allowed:
                found.append(f"{where}: {_name(block)} holds {dose.hold_s} s, above {high} s")
            caps = [c for c in (block.max_hold_s, own_hold) if c is not None]
            floor = min([low, *caps])
            if starting and older and dose.hold_s < floor:
                found.append(
                    f"{where}: {_name(block)} holds {dose.hold_s} s, below the older"
                    f" adults' {low} s (§1.1)"
                )
        if exercise.kind is ub.ExerciseKind.STRENGTHENING:
            top = max(d.STRENGTH_MAX_SETS, began.sets if began is not None else 0)
            if dose.sets > top:
                found.append(f"{where}: {_name(block)} has {dose.sets} sets, above {top} (§2)")
            if (older or novice) and dose.reps is not None:
                low, high = d.OLDER_OR_NOVICE_REPS
                high = max(high, (began.reps or 0) if began is not None else 0)
                if dose.reps > high or (starting and dose.reps < low):
                    found.append(
                        f"{where}: {_name(block)} has {dose.reps} reps, outside"
                        f" {low}–{high} for older adults and novices (§2)"
                    )
        own_sets = _limit(exercise, "sets")
        if own_sets is not None and dose.sets > max(own_sets, began.sets if began else 0):
            found.append(f"{where}: {_name(block)} passes its own limit of {own_sets} sets")
    return found


def band_violations(profile: Profile | None, blocks: Iterable[Block], where: str) -> list[str]:
    """§6 [D1]: blue and heavier bands are for advanced users only."""
    ceiling = d.band_ceiling(None if profile is None else profile.level)
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
            f"{where}: strengthening ({strength[0].exercise.id}) {routine.sessions_per_week}"
            f" times a week, above {d.MAX_STRENGTH_SESSIONS} (≥48 h apart, §2)"
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
    for (one, _), (two, week) in zip(days, days[1:], strict=False):
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
    if profile is None or not getattr(profile, "dated", False):
        return profile
    dates = [s.date for s in week.sessions if s.date is not None]
    if not dates:
        return profile
    during = profile.during  # type: ignore[attr-defined] # a dated profile, when it has landed
    return during(min(dates), max(dates))  # type: ignore[no-any-return]


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
    last = max(by_week)
    found: list[str] = []
    painful: dict[tuple[int, int], Block] = {}
    for week in program.weeks[1 : last + 1]:
        before = program.weeks[week.number - 2]
        week_logs = by_week.get(before.number, [])
        now = dict(ub.addresses(week.routine))
        for at, old in ub.addresses(before.routine):
            new = now.get(at)
            if new is None:
                continue
            pairs = _pains(week_logs, at, old.exercise.id)
            pains = [o.pain for _, o in pairs if o.pain is not None]
            raised = [
                o.pain_next_morning
                for log, o in pairs
                if o.pain_next_morning is not None
                and o.pain_next_morning
                > (log.pain_before if log.pain_before is not None else d.SETTLED_PAIN)
            ]
            unsettled = [
                o.pain_next_morning
                for _, o in pairs
                if o.pain_next_morning is not None and o.pain_next_morning > d.SETTLED_PAIN
            ]
            where = f"week {week.number} {new.exercise.id}"
            peak = max(pains + [o.pain_next_morning or 0 for _, o in pairs], default=None)
            if any(p > ceiling for p in pains):
                painful[at] = old
                if harder(new, old):
                    found.append(f"{where}: made harder after pain {max(pains)}/10 > {ceiling}")
                elif reduce and not (lighter(new, old) or week.referred or at_floor(old)):
                    found.append(f"{where}: not reduced after pain {max(pains)}/10 > {ceiling}")
            elif raised:
                if harder(new, old):
                    found.append(f"{where}: made harder after next-morning pain {max(raised)}/10")
                elif reduce and not (lighter(new, old) or week.referred or at_floor(old)):
                    found.append(
                        f"{where}: not reduced after next-morning pain {max(raised)}/10"
                        " still raised (§3.1, derived from [P7])"
                    )
            elif unsettled and harder(new, old):
                found.append(
                    f"{where}: made harder after next-morning pain {max(unsettled)}/10, not settled"
                )
            elif pairs and peak is not None and peak <= d.SETTLED_PAIN and at in painful:
                if not harder(old, painful[at]):
                    del painful[at]  # went well at or below the painful dose
            if at in painful and harder(new, painful[at]) and not week.referred:
                found.append(
                    f"{where}: back above {painful[at].dose.describe()}, where pain"
                    " passed the ceiling, before a week went well there (§3.1)"
                )
    return list(dict.fromkeys(found))


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
    worst: dict[tuple[int, int], int] = {}
    for week in program.weeks[1 : max(by_week) + 1]:
        before = program.weeks[week.number - 2]
        now = dict(ub.addresses(week.routine))
        for at, old in ub.addresses(before.routine):
            pairs = _pains(by_week.get(before.number, []), at, old.exercise.id)
            ratings = [r for _, o in pairs for r in (o.pain, o.pain_next_morning) if r is not None]
            if not ratings:
                continue
            peak = max(ratings)
            new = now.get(at)
            if new is not None and at in worst and peak > worst[at] and harder(new, old):
                found.append(
                    f"week {week.number} {new.exercise.id}: made harder though pain rose"
                    f" from {worst[at]}/10 to {peak}/10 the week before (§3.1 [P7])"
                )
            worst[at] = peak
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


def sheet_violations(
    sheet: str, blocks: Sequence[Block], profile: Profile | None, *, referrals: bool = False
) -> list[str]:
    """§3.1, §4.2, §8: what a sheet must say to its person.

    - every caution screening put on a block, beside it (its cue's words);
    - one pain limit, the strictest that applies (≤5/10; ≤3/10 with
      nerve-related pain), and no looser limit anywhere;
    - every red-flag question, so the person knows when to get urgent help;
    - for osteoporosis, that back pain goes to a clinician [C1].
    """
    text = readable(sheet)
    lowered = text.lower()
    found = []
    for block in blocks:
        for caution in block.cautions:
            if caution.cue and " ".join(caution.cue.split()) not in text:
                found.append(f"{block.exercise.id}: caution {caution.rule!r} is not on the sheet")
    ceiling = min(
        [pain_ceiling_for(profile), *(b.max_pain for b in blocks if b.max_pain is not None)]
    )
    limits = {int(a or b) for a, b in _PAIN_LIMIT.findall(text)}
    if not limits:
        found.append("the sheet states no pain limit (§3.1)")
    looser = sorted(n for n in limits if n > ceiling)
    if looser:
        found.append(f"the sheet states pain limits {looser}, looser than {ceiling}/10 (§3.1)")
    if "mild level" in lowered:
        found.append("the sheet states a vague 'mild' pain limit beside its number (§3.1)")
    for flag in ub.RedFlag:
        if " ".join(flag.question.split()) not in text:
            found.append(f"red flag {flag.value!r} is not on the sheet (§4.2)")
    if ub.Condition.OSTEOPOROSIS in conditions_of(profile) and not re.search(
        r"(back pain[^.?!:]*osteoporosis|osteoporosis[^.?!:]*back pain)[^.?!]*"
        r"(clinician|professional|doctor)",
        lowered,
    ):
        found.append("an osteoporosis sheet does not send back pain to a clinician (§8 [C1])")
    if referrals and "professional" not in lowered:
        found.append("a referred program's sheet does not say to see a professional (§4.3)")
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
    events: list[tuple[dt.date, int, Any]] = [(log.date, 1, log) for log in logs]
    events += [(day, 0, report) for day, report in check_ins]
    osteoporosis = ub.Condition.OSTEOPOROSIS in conditions_of(profile)
    episode: tuple[dt.date, int] | None = None
    worse_from: dt.date | None = None
    for day, _, item in sorted(events, key=lambda e: (e[0], e[1])):
        report = item if isinstance(item, ub.SymptomReport) else item.symptoms
        if report is not None and report.red_flags:
            return day, "red flag"
        if isinstance(item, ub.SymptomReport):
            continue
        level = _symptom(item)
        if item.pain_before == 0 and not level:
            episode = None
        elif level:
            if osteoporosis:
                return day, "back pain with osteoporosis"
            if episode is None:
                episode = (day, level)
            elif (day - episode[0]).days >= d.NOT_IMPROVING_DAYS and level >= episode[1]:
                return day, "pain not improving"
            elif (day - episode[0]).days > d.SYMPTOM_CEILING_DAYS:
                return day, "pain past the ceiling"
        worse = item.pain_before is not None and any(
            o.pain_next_morning is not None and o.pain_next_morning > item.pain_before
            for o in item.outcomes
        )
        if not worse:
            worse_from = None
        else:
            worse_from = worse_from or day
            if (day - worse_from).days + 1 > d.WORSE_AFTER_EXERCISE_DAYS:
                return day, "worse after exercise"
    return None
