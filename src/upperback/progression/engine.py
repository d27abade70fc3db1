"""What rules read and return: the context of one block's decision, and a rule's step.

The pain thresholds come from :class:`~upperback.safety.triage.SafetyPolicy`
(made stricter for the person with :meth:`~upperback.safety.triage.SafetyPolicy.for_profile`,
as :func:`~upperback.safety.triage.triage` does), so the pain gate and
triage never disagree.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from upperback.routine import Block
from upperback.safety import Verdict, screen

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from upperback.catalog.model import Catalog
    from upperback.dose import Dose
    from upperback.exercise import Exercise
    from upperback.progression.log import Outcome, SessionLog
    from upperback.safety import Profile, SafetyPolicy

__all__ = ["ProgressAction"]


class ProgressAction(enum.StrEnum):
    """What a decision does to a block.

    .. versionadded:: 0.1.0
    """

    PROGRESS = "progress"
    """A larger dose of the same exercise."""
    HOLD = "hold"
    """The same dose."""
    REGRESS = "regress"
    """A smaller dose of the same exercise."""
    DELOAD = "deload"
    """A lighter dose for one week; the dose before it comes back after."""
    ADVANCE = "advance"
    """The harder exercise of the chain, at its starting dose."""
    REGRESS_EXERCISE = "regress_exercise"
    """The easier exercise of the chain, at its starting dose."""
    REFER = "refer"
    """Stop progressing and see a healthcare professional."""

    @property
    def harder(self) -> bool:
        """Whether the action makes the block harder (progress or advance)."""
        return self in (ProgressAction.PROGRESS, ProgressAction.ADVANCE)


@attrs.frozen(kw_only=True)
class Context:
    """What a rule reads to decide one block (internal: built by ``progress`` and ``plan``).

    ``history`` holds the block's outcomes with the same exercise, oldest
    first; ``recent`` its tail since the last decision.
    """

    block: Block
    at: tuple[int, int]
    history: Sequence[tuple[SessionLog, Outcome]]
    recent: Sequence[tuple[SessionLog, Outcome]]
    week: int
    policy: SafetyPolicy
    profile: Profile | None = None
    catalog: Catalog | None = None


@attrs.frozen(kw_only=True)
class Proposal:
    """A rule's proposal (internal): an action, the new dose or block, and why."""

    action: ProgressAction
    rule: str
    text: str
    sources: tuple[str, ...] = ()
    dose: Dose | None = None
    block: Block | None = None

    def new_block(self, current: Block) -> Block:
        """The block this step leads to from ``current``."""
        if self.block is not None:
            return self.block
        if self.dose is not None:
            # A block keeps the caps screening put on it (its cautions); the
            # re-screening that follows says so in the decision's reasons.
            return attrs.evolve(current, dose=current.cap(self.dose))
        return current


def dose_text(dose: Dose) -> str:
    """A dose as the person reads it, with its band level when it has one."""
    text = dose.describe()
    return text if dose.band_level is None else f"{text}, band level {int(dose.band_level)}"


def not_done(ctx: Context) -> str | None:
    """Why the sessions since the last decision did not do the block in full, or ``None``."""
    done = [outcome for _, outcome in ctx.recent if not outcome.skipped]
    if not done:
        return (
            "No session of this block was logged since the last decision:"
            " a missed session is not a success, so the dose stays."
        )
    short = [outcome for outcome in done if not outcome.completed]
    if short:
        outcome = short[-1]
        return (
            f"Not every set reached its target ({_numbers(outcome)} against"
            f" {outcome.target} a set): the dose stays."
        )
    return None


def _numbers(outcome: Outcome) -> str:
    return ", ".join(str(value) for value in outcome.per_set)


def streak(
    ctx: Context,
    counts: Callable[[Outcome], bool],
    *,
    breaks: Callable[[Outcome], bool],
    enough: int,
) -> int:
    """Outcomes in a row, latest first at the current dose, for which ``counts`` holds.

    An outcome for which ``breaks`` is false (a skipped block) is passed over;
    one at another dose ends the run. Counting stops at ``enough``, so that a
    long history at one dose costs no more than a short one.
    """
    dose = ctx.block.dose
    found = 0
    for _, outcome in reversed(ctx.history):
        if found >= enough:
            break
        if outcome.dose != dose:
            break
        if not breaks(outcome):
            continue
        if not counts(outcome):
            break
        found += 1
    return found


Colour = Literal["green", "amber", "red"]

_COMPARED: Final = ("sets", "reps", "hold_s", "band_level")
"""The numbers of a dose that make it harder when they grow (rest and tempo never change)."""


def harder_than(dose: Dose, other: Dose) -> bool:
    """Whether ``dose`` asks more than ``other`` in any number: sets, reps, hold or band.

    A number that only one of the two doses has is not compared (rules never add one).
    """
    for name in _COMPARED:
        mine, theirs = getattr(dose, name), getattr(other, name)
        if mine is not None and theirs is not None and mine > theirs:
            return True
    return False


def at_most(dose: Dose, cap: Dose) -> Dose:
    """``dose`` with each number (sets, reps, hold, band) no higher than ``cap``'s."""
    changes: dict[str, Any] = {}
    for name in _COMPARED:
        mine, theirs = getattr(dose, name), getattr(cap, name)
        if mine is not None and theirs is not None and mine > theirs:
            changes[name] = theirs
    return attrs.evolve(dose, **changes) if changes else dose


def _at_least(dose: Dose, floor: Dose) -> Dose:
    """``dose`` with each number (sets, reps, hold, band) no lower than ``floor``'s."""
    changes: dict[str, Any] = {}
    for name in _COMPARED:
        mine, theirs = getattr(dose, name), getattr(floor, name)
        if mine is not None and theirs is not None and mine < theirs:
            changes[name] = theirs
    return attrs.evolve(dose, **changes) if changes else dose


@attrs.frozen(kw_only=True)
class Unsettled:
    """Pain that has not settled yet (internal): the most the block may ask until it does.

    ``cap`` is no harder than any dose at which pain went past the ceiling
    or next-morning pain rose (red), nor than the hardest dose of the
    sessions since pain last settled that had pain above the safe zone
    (amber: hold, never harder). ``red`` says whether any of them was red.
    """

    cap: Dose
    red: bool
    text: str


def unsettled(ctx: Context) -> Unsettled | None:
    """The pain not settled since the last session that was pain-free by the next morning.

    Pain settles, in the pain-monitoring model, when a session's pain stays in
    the safe zone and has subsided by the following morning [P7]: such a
    session (at a dose the gate allowed) ends the run. A session with no pain
    rating neither settles pain nor marks it; it is passed over.
    """
    red_doses: list[Dose] = []
    amber_doses: list[Dose] = []
    found: list[str] = []
    for log, outcome in reversed(ctx.history):
        red: list[str] = []
        amber: list[str] = []
        _pain_light(ctx.policy, outcome, red, amber)
        _morning_light(ctx.policy, log, outcome, red, amber)
        if red:
            red_doses.append(outcome.dose)
        elif amber:
            amber_doses.append(outcome.dose)
        elif outcome.pain is not None:
            break  # pain stayed in the safe zone and settled: the run ends here
        else:
            continue
        found.append(f"{(red or amber)[0]} at {dose_text(outcome.dose)}")
    if not found:
        return None
    caps: list[Dose] = []
    if red_doses:
        caps.append(functools.reduce(at_most, red_doses))
    if amber_doses:
        caps.append(functools.reduce(_at_least, amber_doses))
    cap = functools.reduce(at_most, caps)
    return Unsettled(cap=cap, red=bool(red_doses), text=found[0])


def light(ctx: Context) -> tuple[Colour, str, tuple[str, ...]]:
    """The pain-monitoring traffic light over the sessions since the last decision."""
    red: list[str] = []
    amber: list[str] = []
    for log, outcome in ctx.recent:
        _pain_light(ctx.policy, outcome, red, amber)
        _morning_light(ctx.policy, log, outcome, red, amber)
    if red:
        return "red", _sentence("Pain-monitoring red:", red, "reduce the load."), _PAIN_SOURCES
    if amber:
        return "amber", _sentence("Pain-monitoring amber:", amber, "hold."), _PAIN_SOURCES
    if ctx.recent and all(outcome.pain is None for _, outcome in ctx.recent):
        text = (
            "No pain rating was logged, so the pain gate cannot tell that pain stayed in the"
            " safe zone: the dose stays."
        )
        return "amber", text, _PAIN_SOURCES
    return "green", "Pain stayed in the safe zone.", _PAIN_SOURCES


def _pain_light(policy: SafetyPolicy, outcome: Outcome, red: list[str], amber: list[str]) -> None:
    pain = outcome.pain
    ceiling = policy.pain_ceiling
    safe = min(policy.settled_pain, ceiling)
    if pain is None:
        return
    if pain > ceiling:
        red.append(f"pain was {pain}/10, above the {ceiling}/10 ceiling")
    elif pain > safe:
        amber.append(
            f"pain was {pain}/10: acceptable (up to {ceiling}/10) but above the {safe}/10 safe zone"
        )


def _morning_light(
    policy: SafetyPolicy, log: SessionLog, outcome: Outcome, red: list[str], amber: list[str]
) -> None:
    morning = outcome.pain_next_morning
    settled = policy.settled_pain
    if morning is None:
        return
    if log.pain_before is not None and morning > log.pain_before:
        red.append(
            f"next-morning pain was {morning}/10, worse than the {log.pain_before}/10"
            " before the session"
        )
    elif log.pain_before is None and morning > settled:
        red.append(f"next-morning pain was {morning}/10, above {settled}/10: it had not settled")
    elif morning > settled:
        amber.append(
            f"next-morning pain was {morning}/10, above {settled}/10:"
            " not settled, though no worse than before"
        )


_PAIN_SOURCES = ("P7", "P11*")


def _sentence(head: str, parts: list[str], tail: str) -> str:
    found = "; ".join(dict.fromkeys(parts))
    return f"{head} {found}; {tail}"


def harder_block(ctx: Context) -> Block | None:
    """The harder neighbour at its starting dose for the person, when the catalog has one."""
    if ctx.catalog is None:
        return None
    exercise = ctx.catalog.get(ctx.block.exercise.id)
    if exercise is None or exercise.harder is None:
        return None
    return _starting(ctx.catalog[exercise.harder], ctx.profile)  # a catalog's links resolve


def easier_block(ctx: Context) -> Block | None:
    """The easier neighbour at its starting dose for the person, when the catalog has one."""
    if ctx.catalog is None:
        return None
    exercise = ctx.catalog.get(ctx.block.exercise.id)
    if exercise is None or exercise.easier is None:
        return None
    return _starting(ctx.catalog[exercise.easier], ctx.profile)  # a catalog's links resolve


def usable(ctx: Context, block: Block) -> bool:
    """Whether the person can take up ``block``: their kit holds its props, screening keeps it.

    Without a profile, anything is usable; an empty kit means the props are not known.
    """
    profile = ctx.profile
    if profile is None:
        return True
    kit = profile.kit
    needs = tuple(need for need in block.exercise.props if need.required)
    if kit.props and not kit.satisfies_all(needs):
        return False
    return screen(block, profile).verdict is not Verdict.EXCLUDE


def _starting(exercise: Exercise, profile: Profile | None) -> Block:
    # The default dose, fitted to an older adult or a novice (Profile.starting_dose).
    dose = exercise.default_dose if profile is None else profile.starting_dose(exercise)
    return Block(exercise=exercise, dose=dose)
