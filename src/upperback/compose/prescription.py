"""Adapting a given routine to a person, a kit and a time budget: :func:`prescribe`."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.catalog import Catalog
from upperback.compose.composer import dose_for, safe_exercises
from upperback.compose.goal import MAX_MINUTES, MIN_MINUTES
from upperback.errors import InvalidValue, NothingFits, NothingSafe
from upperback.props import Kit
from upperback.routine import Block, Routine, Section, Structure, check_recovery, scale, substitute
from upperback.routine.timing import visit_s
from upperback.safety import Action, Profile, Verdict, screen

if TYPE_CHECKING:
    from upperback.exercise import Exercise
    from upperback.safety import BlockScreen

__all__ = ["Change", "ChangeKind", "Prescription", "prescribe"]


class ChangeKind(enum.StrEnum):
    """What :func:`prescribe` did to an exercise of the prescription.

    .. versionadded:: 0.1.0
    """

    SUBSTITUTED = "substituted"
    """Swapped for one the kit can do."""
    REPLACED = "replaced"
    """Excluded by screening and replaced by the closest safe exercise."""
    DROPPED = "dropped"
    """Taken out, because the kit cannot do it or it is not safe, with nothing to put
    in its place, or because the rest does not fit the budget with it."""
    MODIFIED = "modified"
    """Kept, changed as screening says (a shorter hold, a pain limit, a cue)."""
    DOSE = "dose"
    """Its dose changed to fit the time budget."""


@attrs.frozen(kw_only=True)
class Change:
    """One change made to a prescription, and why.

    Args:
        kind: What was done.
        exercise_id: The exercise of the prescription it was done to.
        replacement_id: The exercise put in its place, for a substitution or replacement.
        reason: Why, in plain words, with source keys where a rule gave it.

    .. versionadded:: 0.1.0
    """

    kind: ChangeKind
    exercise_id: str = attrs.field(metadata=v.slug_id())
    reason: str = attrs.field(metadata=v.text_up_to())
    replacement_id: str | None = attrs.field(default=None, metadata=v.slug_id(optional=True))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("kind", self.kind, ChangeKind)
        v.report(self._bound_problems())
        swap = self.kind in {ChangeKind.SUBSTITUTED, ChangeKind.REPLACED}
        if swap and self.replacement_id is None:
            raise InvalidValue("replacement_id", None, "must be given for a swap")
        if not swap and self.replacement_id is not None:
            raise InvalidValue(
                "replacement_id", self.replacement_id, "may only be given for a swap"
            )


@attrs.frozen(kw_only=True)
class Prescription:
    """A prescription adapted to a person: the routine to do, and every change made.

    Args:
        routine: The routine, safe for the person, doable with the kit,
            and within the budget when one was given.
        changes: Every change, in the order the steps made them.
        budget_s: The time budget in seconds, if one was given.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    changes: tuple[Change, ...] = attrs.field(default=(), converter=to_tuple)
    budget_s: int | None = attrs.field(
        default=None, metadata=v.between(MIN_MINUTES * 60, MAX_MINUTES * 60, optional=True)
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        v.collection("changes", self.changes, tuple, Change)
        v.report(self._bound_problems())
        if self.budget_s is not None and self.routine.duration().total_seconds() > self.budget_s:
            raise InvalidValue(
                "budget_s", self.budget_s, "must not be below the routine's duration"
            )


def _closeness(original: Exercise, candidate: Exercise) -> tuple[int, int, int, str] | None:
    """A sort key for a safe alternative (smaller is closer), or ``None`` if it is none."""
    if candidate.kind.family is not original.kind.family:
        return None
    muscles = len(candidate.targets & original.targets)
    regions = len(candidate.regions & original.regions)
    if not muscles and not regions:
        return None
    tier = 0 if muscles and candidate.kind is original.kind else 1 if muscles else 2
    return (tier, -muscles - regions, abs(candidate.level - original.level), candidate.id)


def _rule_text(screened: BlockScreen, *, exclude: bool) -> str:
    return " ".join(
        f"{reason} {''.join(f'[{key}]' for key in rule.sources)}"
        for rule, reason in zip(screened.rules, screened.reasons, strict=True)
        if not exclude or rule.action is Action.EXCLUDE
    )


def prescribe(
    routine: Routine,
    catalog: Catalog,
    *,
    profile: Profile | None = None,
    kit: Kit | None = None,
    minutes: float | None = None,
) -> Prescription:
    """Adapt a prescription to a person, a kit and a time budget, in one call.

    The steps, each recorded as :class:`Change` values with their reasons:

    1. :func:`~upperback.routine.substitute` what the kit cannot do; what has
       no substitute is dropped;
    2. :func:`~upperback.safety.screen` for the person; each excluded exercise
       is replaced by the closest exercise of the catalog that screening
       keeps (so within the person's level in reach, one above their level,
       :attr:`Profile.level_in_reach <upperback.safety.profile.Profile.level_in_reach>`),
       the kit allows, of the same family (stretch and
       mobility, or strength and control) and sharing target muscles or
       regions; with none, it is dropped. Modifications are applied;
    3. with ``minutes``, :func:`~upperback.routine.scale` the doses, never
       below the person's own hold range (an older adult's static stretches
       stay at 30 s or more [A1][A2]); when even the shortest doses do not
       fit, the longest exercise is dropped and the rest scaled again, until
       it fits;
    4. screen again, so that the doses scaling changed keep to the rules.

    Args:
        routine: The prescription.
        catalog: Where substitutes and safe alternatives come from.
        profile: The person; a person with no conditions when ``None``.
        kit: The props to hand; the profile's kit when ``None``.
        minutes: The time budget, 1 to 240 minutes; no budget when ``None``.

    Returns:
        The adapted routine and every change made, in order.

    Raises:
        InvalidValue: An argument is of the wrong type or out of range, or
            the routine has strengthening more often than recovery allows
            (``routine.sessions_per_week`` above 3, see
            :func:`~upperback.routine.check_recovery`), which
            :func:`~upperback.progression.program.plan` would refuse too.
        NothingSafe: Nothing of the prescription is left once what screening
            excludes (with no safe alternative) is taken out.
        NothingFits: Nothing of the prescription can be done with the kit,
            or not even one exercise fits the budget.

    .. versionadded:: 0.1.0
    """
    v.instance("routine", routine, Routine)
    v.instance("catalog", catalog, Catalog)
    person = Profile() if profile is None else profile
    v.instance("profile", person, Profile)
    kit = person.kit if kit is None else kit
    v.instance("kit", kit, Kit)
    if minutes is not None:
        v.number_between("minutes", minutes, MIN_MINUTES, MAX_MINUTES, " minutes")
    # The frequency is the clinician's to set, never rewritten here: refused now, as plan() would.
    check_recovery(routine.blocks, routine.sessions_per_week, field="routine.sessions_per_week")
    changes: list[Change] = []

    swapped = substitute(routine, kit, catalog)
    blocks: list[list[Block | None]] = [list(s.blocks) for s in swapped.routine.sections]
    for record in swapped.substitutions:
        if record.replacement_id is None:
            blocks[record.section][record.block] = None
            changes.append(
                Change(
                    kind=ChangeKind.DROPPED, exercise_id=record.original_id, reason=record.reason
                )
            )
        else:
            changes.append(
                Change(
                    kind=ChangeKind.SUBSTITUTED,
                    exercise_id=record.original_id,
                    replacement_id=record.replacement_id,
                    reason=record.reason,
                )
            )

    pool = safe_exercises(catalog, person, kit=kit)
    unsafe = False
    taken = {b.exercise.id for row in blocks for b in row if b is not None}
    for row in blocks:
        for j, block in enumerate(row):
            if block is not None:
                row[j] = _make_safe(block, person=person, pool=pool, taken=taken, changes=changes)
                unsafe = unsafe or row[j] is None

    sections = [
        _kept(section, [b for b in row if b is not None])
        for section, row in zip(swapped.routine.sections, blocks, strict=True)
        if any(b is not None for b in row)
    ]
    if not sections:
        dropped = [f"{c.exercise_id}: {c.reason}" for c in changes if c.kind is ChangeKind.DROPPED]
        if unsafe:
            raise NothingSafe(dropped)
        raise NothingFits(dropped)
    adapted = attrs.evolve(swapped.routine, sections=tuple(sections))
    adapted = screen(adapted, person).safe_routine()
    budget_s = None
    if minutes is not None:
        budget_s = int(minutes * 60)
        adapted = _fit(adapted, minutes, changes, older_adult=person.older_adult)
        adapted = screen(adapted, person).safe_routine()
    return Prescription(routine=adapted, changes=changes, budget_s=budget_s)


def _make_safe(
    block: Block,
    *,
    person: Profile,
    pool: Catalog,
    taken: set[str],
    changes: list[Change],
) -> Block | None:
    """The block, or the closest safe replacement, or ``None``; each change recorded."""
    screened = screen(block, person)
    if screened.verdict is Verdict.OK:
        return block
    if screened.verdict is Verdict.MODIFY:
        changes.append(
            Change(
                kind=ChangeKind.MODIFIED,
                exercise_id=block.exercise.id,
                reason=_rule_text(screened, exclude=False),
            )
        )
        return block
    options = [
        (key, e)
        for e in pool
        if e.id not in taken and (key := _closeness(block.exercise, e)) is not None
    ]
    why = _rule_text(screened, exclude=True)
    if not options:
        changes.append(
            Change(
                kind=ChangeKind.DROPPED,
                exercise_id=block.exercise.id,
                reason=f"{why} No safe alternative in the catalog.",
            )
        )
        return None
    new = min(options, key=lambda option: option[0])[1]
    taken.add(new.id)
    replacement = Block(exercise=new, dose=dose_for(new, person), notes=block.notes)
    changes.append(
        Change(
            kind=ChangeKind.REPLACED,
            exercise_id=block.exercise.id,
            replacement_id=new.id,
            reason=f"{why} Replaced by the closest safe exercise, {new.name}.",
        )
    )
    again = screen(replacement, person)
    if again.verdict is Verdict.MODIFY:
        changes.append(
            Change(
                kind=ChangeKind.MODIFIED,
                exercise_id=new.id,
                reason=_rule_text(again, exclude=False),
            )
        )
    return replacement


def _kept(section: Section, blocks: list[Block]) -> Section:
    """The section with the blocks kept; a superset left with one block becomes straight sets."""
    structure = section.structure
    if structure is Structure.SUPERSET and len(blocks) < 2:
        structure = Structure.STRAIGHT
    return attrs.evolve(section, blocks=tuple(blocks), structure=structure)


def _fit(routine: Routine, minutes: float, changes: list[Change], *, older_adult: bool) -> Routine:
    current = routine
    while True:
        scaled = scale(current, minutes=minutes, older_adult=older_adult)
        if scaled.met:
            changes.extend(
                Change(kind=ChangeKind.DOSE, exercise_id=c.exercise_id, reason=c.reason)
                for c in scaled.changes
            )
            return scaled.routine
        if len({block.exercise.id for block in current.blocks}) == 1:
            only = current.blocks[0].exercise.id
            raise NothingFits(
                [f"{only}: even its shortest dose takes longer than {minutes:g} minutes"]
            )
        longest = max(current.blocks, key=lambda b: (visit_s(b), b.exercise.id))
        changes.append(
            Change(
                kind=ChangeKind.DROPPED,
                exercise_id=longest.exercise.id,
                reason=f"the longest exercise; the rest cannot fit {minutes:g} minutes with it",
            )
        )
        current = current.without(longest.exercise.id)
