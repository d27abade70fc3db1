"""Decisions: what happens to one block next, and why; :func:`progress` makes them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.catalog.model import Catalog
from upperback.dose import Dose
from upperback.errors import InvalidValue
from upperback.progression.engine import Context, ProgressAction, Proposal, dose_text
from upperback.progression.history import (
    REFERRAL_LEVELS,
    CheckIn,
    Clearance,
    checked,
    course,
    latest_day,
)
from upperback.progression.log import MAX_BLOCKS, SessionLog, sorted_logs
from upperback.progression.rules import RULE_TYPES, PainGate, ProgressionRule
from upperback.props import ResistanceBand
from upperback.routine import Block
from upperback.safety import (
    DEFAULT_POLICY,
    Advice,
    AdviceLevel,
    Profile,
    SafetyPolicy,
    Verdict,
    screen,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["REFERRAL_LEVELS", "Decision", "DecisionReason", "progress"]


@attrs.frozen(kw_only=True)
class DecisionReason:
    """One reason behind a decision.

    Args:
        rule: What gave it: a rule's ``TYPE`` (``"pain_gate"``,
            ``"double_progression"``, ...), ``"triage"`` or ``"screen"``.
        text: The reason in plain words, with the logged numbers behind it.
        sources: Source keys (see :func:`~upperback.sources.reference`).

    .. versionadded:: 0.1.0
    """

    rule: str = attrs.field(metadata=v.text_up_to(60))
    text: str = attrs.field(metadata=v.text_up_to())
    sources: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=v.items(item=v.SOURCE_KEY)
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.collection("sources", self.sources, tuple, str)
        if problems := self._bound_problems():
            v.report(problems)


def _check_reasons(_: object, __: object, reasons: Any) -> None:
    v.collection("reasons", reasons, tuple, DecisionReason)
    if not reasons:
        raise InvalidValue("reasons", reasons, "must give at least one reason")


def _check_at(_: object, __: object, at: Any) -> None:
    if not isinstance(at, tuple) or len(at) != 2:
        raise InvalidValue("at", at, "must be a (section, block) address")
    v.int_between("at[0]", at[0], 0, MAX_BLOCKS)
    v.int_between("at[1]", at[1], 0, MAX_BLOCKS)


@attrs.frozen(kw_only=True)
class Decision:
    """What happens next to one block, and why.

    Args:
        at: The block's address, ``(section, block)``.
        action: Progress, hold, regress, deload, advance, regress the exercise, or refer.
        block: The block to do next (for a deload, this week only).
        previous_dose: The dose before the decision.
        previous_exercise_id: The exercise before the decision.
        reasons: At least one reason, naming the rule, the logged numbers and the sources.
        advice: The triage advice the decision took into account, if any session was triaged.

    .. versionadded:: 0.1.0
    """

    at: tuple[int, int] = attrs.field(converter=to_tuple, validator=_check_at)
    action: ProgressAction
    block: Block
    previous_dose: Dose
    previous_exercise_id: str = attrs.field(metadata=v.slug_id())
    reasons: tuple[DecisionReason, ...] = attrs.field(converter=to_tuple, validator=_check_reasons)
    advice: Advice | None = None

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("action", self.action, ProgressAction)
        v.instance("block", self.block, Block)
        v.instance("previous_dose", self.previous_dose, Dose)
        if problems := self._bound_problems():
            v.report(problems)
        if self.advice is not None:
            v.instance("advice", self.advice, Advice)

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys of every reason, each once, in order."""
        return tuple(dict.fromkeys(key for reason in self.reasons for key in reason.sources))

    def describe(self) -> str:
        """One line: the exercise, the action, the dose change and the reasons.

        >>> block = Block(exercise=default_catalog()["band-pull-apart"])
        >>> print(progress(block, [], Hold()).describe())
        Band pull-apart: hold at 3 × 12 reps. Band pull-apart is set to stay at its dose.
        """
        name = self.block.exercise.name
        now = dose_text(self.block.dose)
        if self.block.exercise.id != self.previous_exercise_id:
            change = f"{self.previous_exercise_id} at {dose_text(self.previous_dose)} → {now}"
        elif self.block.dose != self.previous_dose:
            change = f"{dose_text(self.previous_dose)} → {now}"
        else:
            change = f"at {now}"
        text = " ".join(reason.text for reason in self.reasons)
        return f"{name}: {self.action.value.replace('_', ' ')} {change}. {text}"


def _reason(step: Proposal) -> DecisionReason:
    return DecisionReason(rule=step.rule, text=step.text, sources=step.sources)


def most_pressing(advices: Iterable[Advice]) -> Advice | None:
    """The most pressing advice (the latest of equals), or ``None`` for none."""
    found: Advice | None = None
    for advice in advices:
        if found is None or advice.level.rank >= found.level.rank:
            found = advice
    return found


def decide(
    ctx: Context,
    rule: ProgressionRule,
    advice: Advice | None,
    *,
    referred: DecisionReason | None = None,
) -> Decision:
    """Decide one block from its context and the triage advice in force (internal).

    Advice at a referral level refers; ``referred`` is one more reason to give
    with it (how long exercise stays stopped).
    """
    before = ctx.block

    def made(action: ProgressAction, block: Block, reasons: list[DecisionReason]) -> Decision:
        return Decision(
            at=ctx.at,
            action=action,
            block=block,
            previous_dose=before.dose,
            previous_exercise_id=before.exercise.id,
            reasons=tuple(reasons),
            advice=advice,
        )

    if advice is not None and advice.level in REFERRAL_LEVELS:
        extra = [] if referred is None else [referred]
        return made(ProgressAction.REFER, before, referral_reasons(advice) + extra)
    # Every rule is behind the pain gate and its ceilings, whether or not the app put it there.
    step = PainGate.around(rule)._step(ctx) or Proposal(  # noqa: SLF001 - one package's protocol
        action=ProgressAction.HOLD,
        rule=rule.TYPE,
        text=f"No rule applies any more: the dose is at the limits of {rule.describe()}.",
    )
    reasons = [_reason(step)]

    def held_back() -> Decision:
        # The rule's proposal did not happen: say so, then why (the later reasons).
        # Only a step that makes the block harder is held back: to progress or to advance.
        reasons[0] = attrs.evolve(
            reasons[0],
            text=f"Ready to {step.action.value} ({step.text.rstrip('.')}), but held back.",
        )
        return made(ProgressAction.HOLD, before, reasons)

    if step.action.harder and not _may_get_harder(ctx, advice, reasons):
        return held_back()
    new = step.new_block(before)
    changed = step.action.harder or new.exercise != before.exercise
    if new != before and ctx.profile is not None and changed:
        missing = kit_gap(ctx.profile, new)
        if missing is not None:
            reasons.append(DecisionReason(rule="kit", text=missing))
            return held_back()
    # A lighter dose of the same exercise is never less safe than the dose it replaces,
    # so it is never held back (that would keep the harder dose).
    if new != before and ctx.profile is not None and changed:
        safe = _screened(ctx.profile, before, new, reasons)
        # Made no harder by screening's caps (only the cautions it records may differ):
        # nothing progressed, so the decision says it held.
        unchanged = safe is not None and (safe.exercise, safe.dose) == (
            before.exercise,
            before.dose,
        )
        if safe is None or (step.action.harder and unchanged):
            return held_back()
        new = safe
    return made(step.action, new, reasons)


def kit_gap(profile: Profile, block: Block) -> str | None:
    """What the person's kit lacks for a block, or ``None`` (also when the kit is not known).

    An empty kit means the props are not known. A kit with bands is read as
    every band the person has, so a heavier band than the heaviest is missing.
    """
    kit = profile.kit
    if not kit.props:
        return None
    needs = tuple(need for need in block.exercise.props if need.required)
    if not kit.satisfies_all(needs):
        lacking = ", ".join(need.key.replace("_", " ") for need in needs if not kit.satisfies(need))
        return f"{block.exercise.name} needs a {lacking}, which the person's kit does not hold."
    level = block.dose.band_level
    bands = [prop.level for prop in kit.props if isinstance(prop, ResistanceBand)]
    if level is not None and bands and level > max(bands):
        return (
            f"{dose_text(block.dose)} needs a band of level {int(level)}; the heaviest in the"
            f" person's kit is level {int(max(bands))}."
        )
    return None


def _may_get_harder(ctx: Context, advice: Advice | None, reasons: list[DecisionReason]) -> bool:
    """Whether the block may be made harder: a completed session, and no advice to take care."""
    if not any(outcome.completed for _, outcome in ctx.recent):
        reasons.append(
            DecisionReason(
                rule="progress",
                text=(
                    "No session since the last decision did every set: a missed or"
                    " incomplete session is not a success."
                ),
            )
        )
        return False
    if advice is not None and advice.level is not AdviceLevel.CONTINUE:
        findings = " ".join(reason.text for reason in advice.reasons)
        reasons.append(
            DecisionReason(
                rule="triage",
                text=f"Triage advises care ({findings}), so nothing is made harder.",
                sources=advice.sources,
            )
        )
        return False
    return True


def _screened(
    profile: Profile, before: Block, new: Block, reasons: list[DecisionReason]
) -> Block | None:
    """The new block as screening allows it (capped), or ``None`` when it is excluded.

    The block is screened without its notes, and the cues screening adds are
    kept once: a block carried over from an earlier screening already has them.
    """
    screened = screen(attrs.evolve(new, notes=None), profile)
    if screened.verdict is Verdict.EXCLUDE:
        reasons.append(
            DecisionReason(
                rule="screen",
                text=(
                    f"{new.exercise.name} is excluded for this person, so"
                    f" {before.exercise.name} stays at {dose_text(before.dose)}: "
                    + " ".join(screened.reasons)
                ),
                sources=screened.sources,
            )
        )
        return None
    # Screening keeps its cues on the block's cautions, never in its notes, so the
    # block keeps the app's own note as it was.
    safe = attrs.evolve(screened.safe_block or new, notes=new.notes)
    if safe != new:
        reasons.append(
            DecisionReason(
                rule="screen",
                text=f"Screened for this person, it becomes {dose_text(safe.dose)}: "
                + " ".join(screened.reasons),
                sources=screened.sources,
            )
        )
    return safe


def referral_reasons(advice: Advice) -> list[DecisionReason]:
    """The reasons of a referral: every finding at the advice's level."""
    return [
        DecisionReason(
            rule="triage",
            text=f"Stop progressing and {_SEE[advice.level]}: {reason.text}",
            sources=reason.sources,
        )
        for reason in advice.reasons
        if reason.level is advice.level
    ]


_SEE = {
    AdviceLevel.SEE_PROFESSIONAL: "see a healthcare professional",
    AdviceLevel.URGENT: "seek urgent help today (an urgent GP appointment or NHS 111)",
    AdviceLevel.EMERGENCY: "seek emergency help now (999 or A&E)",
}


def progress(
    block: Block,
    history: Iterable[SessionLog],
    rule: ProgressionRule,
    *,
    at: tuple[int, int] = (0, 0),
    week: int = 1,
    window: int = 1,
    profile: Profile | None = None,
    catalog: Catalog | None = None,
    policy: SafetyPolicy = DEFAULT_POLICY,
    check_ins: Iterable[CheckIn] = (),
    clearances: Iterable[Clearance] = (),
    as_of: dt.date | None = None,
) -> Decision:
    """Decide what a block does next from its history.

    The whole history is triaged first
    (:func:`~upperback.progression.history.triage_history`, with the
    person's profile): a referral in force (a red flag anywhere in it, pain
    persisting past the thresholds, pain worse after exercise for days, not
    yet cleared by a :class:`~upperback.progression.history.Clearance`)
    refers, whatever the rule and however far back it is. Advice to take care
    from the sessions of the ``window`` lets nothing get harder. Otherwise the
    rule decides, always behind the pain gate and its ceilings
    (:meth:`PainGate.around <upperback.progression.rules.PainGate.around>`),
    whether or not the app wrapped it: after pain past the ceiling or worse
    next morning, nothing is harder than the dose at which it happened until
    pain settles. A block made harder (or easier) is screened for the person:
    an excluded exercise holds, saying why, and a safety cap is never exceeded.

    >>> import datetime as dt
    >>> block = Block(exercise=default_catalog()["band-pull-apart"])
    >>> went_well = SessionLog(
    ...     date=dt.date(2026, 1, 5), routine_id="desk", pain_before=0,
    ...     outcomes=[Outcome.as_prescribed(block, at=(0, 0), pain_during=1, pain_next_morning=0)],
    ... )
    >>> decision = progress(block, [went_well], PainGate(inner=DoubleProgression(low=8, high=14)))
    >>> decision.action, decision.block.dose.describe()
    (<ProgressAction.PROGRESS: 'progress'>, '3 × 13 reps')

    Args:
        block: The block as it is now.
        history: The person's session logs (any order: they are sorted by date).
        rule: The progression rule.
        at: The block's address in the routine the logs follow.
        week: The week being planned, from 1 (planned deloads and suppressions read it).
        window: How many of the latest sessions are new since the last decision.
        profile: The person: their conditions tighten the pain thresholds and
            screen every new block.
        catalog: Where harder and easier exercises are looked up.
        policy: The triage thresholds, which the pain gate reads too.
        check_ins: Symptom check-ins made outside sessions.
        clearances: Clinicians' clearances; screening rules they clear are
            cleared for the new block too.
        as_of: The day of the decision; the latest day of any log, check-in
            or clearance when not given. Nothing after it is read.

    Raises:
        InvalidValue: An argument is of the wrong type or out of range.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The whole history is triaged (a red flag outside the window refers);
       ``check_ins``, ``clearances`` and ``as_of``.
    """
    v.instance("block", block, Block)
    v.instance("rule", rule, RULE_TYPES)
    v.int_between("week", week, 1, 520)
    v.int_between("window", window, 0, 1000)
    v.instance("policy", policy, SafetyPolicy)
    if profile is not None:
        v.instance("profile", profile, Profile)
    if catalog is not None:
        v.instance("catalog", catalog, Catalog)
    _check_at(None, None, at)
    logs = sorted_logs(history)
    found_check_ins, found_clearances = checked(check_ins, clearances)
    if as_of is None:
        as_of = latest_day(logs, found_check_ins, found_clearances)
    elif type(as_of) is not dt.date:
        raise InvalidValue("as_of", as_of, "must be a date")
    if as_of is not None:
        logs = [log for log in logs if log.date <= as_of]
        found_check_ins = tuple(c for c in found_check_ins if c.date <= as_of)
        found_clearances = tuple(c for c in found_clearances if c.date <= as_of)
    evidence = course(
        logs, check_ins=found_check_ins, clearances=found_clearances, profile=profile, policy=policy
    )
    if profile is not None:
        for clearance in evidence.clearances:
            profile = clearance.applied_to(profile)
    strict = policy if profile is None else policy.for_profile(profile)
    pairs = [
        (log, outcome)
        for log in logs
        if (outcome := log.outcome(at)) is not None and outcome.exercise_id == block.exercise.id
    ]
    first_new = len(logs) - window
    recent_logs = {id(log) for log in logs[max(0, first_new) :]}
    recent = [(log, outcome) for log, outcome in pairs if id(log) in recent_logs]
    referral = None if as_of is None else evidence.referral(as_of, as_of)
    advice = (
        referral.advice
        if referral is not None
        else most_pressing(evidence.of_log[id(log)].care for log in logs[max(0, first_new) :])
    )
    ctx = Context(
        block=block,
        at=at,
        history=pairs,
        recent=recent,
        week=week,
        policy=strict,
        profile=profile,
        catalog=catalog,
    )
    return decide(ctx, rule, advice)
