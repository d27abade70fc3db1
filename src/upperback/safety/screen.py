"""Screening a routine or an exercise for a person: what to leave out, what to change, and why."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final, overload

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.errors import InvalidValue, NothingSafe
from upperback.exercise import Exercise
from upperback.routine import Block, Caution, Routine
from upperback.safety.profile import Profile
from upperback.safety.rules import Action, Rule

if TYPE_CHECKING:
    from upperback.safety.rules import Modification
    from upperback.vocab import Feature

__all__ = ["BlockScreen", "ScreenReport", "Verdict", "screen"]


class Verdict(enum.StrEnum):
    """What screening decided for one block.

    .. versionadded:: 0.1.0
    """

    OK = "ok"
    """No rule applies; keep it as it is."""
    MODIFY = "modify"
    """Keep it, changed as the rules say."""
    EXCLUDE = "exclude"
    """Leave it out."""


def _verdict_of(rules: tuple[Rule, ...]) -> Verdict:
    if not rules:
        return Verdict.OK
    if any(rule.action is Action.EXCLUDE for rule in rules):
        return Verdict.EXCLUDE
    return Verdict.MODIFY


def _check_rules(_: object, __: object, rules: Any) -> None:
    v.collection("rules", rules, tuple, Rule)


@attrs.frozen(kw_only=True)
class BlockScreen:
    """The verdict on one block, with every rule that matched it.

    Args:
        block: The block as it was in the routine.
        verdict: ``ok``, ``modify`` or ``exclude``; exclude wins over modify.
        rules: Every rule that matched, in the order they apply.
        modified: The changed block; given exactly when the verdict is modify.

    A block screen checks that it is consistent (the verdict follows from
    the rules, each rule matches the block, ``modified`` is what the rules
    make of it) but not that the rules are the ones a person's profile
    calls for: only a :class:`ScreenReport`, which holds the profile,
    vouches for that.

    .. versionadded:: 0.1.0
    """

    block: Block
    verdict: Verdict
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_rules)
    modified: Block | None = None

    def __attrs_post_init__(self) -> None:
        v.instance("block", self.block, Block)
        v.instance("verdict", self.verdict, Verdict)
        if self.verdict is not _verdict_of(self.rules):
            raise InvalidValue(
                "verdict",
                self.verdict.value,
                "must be 'exclude' if a rule excludes, else 'modify' if a rule matched, else 'ok'",
            )
        for i, rule in enumerate(self.rules):
            if not rule.matches(self.block.exercise):
                raise InvalidValue(
                    f"rules[{i}]", rule.id, "must match the block's exercise to be listed"
                )
        if self.verdict is Verdict.MODIFY:
            v.instance("modified", self.modified, Block)
            if self.modified != _modify(self.block, self.rules):
                raise InvalidValue(
                    "modified",
                    self.block.exercise.id,
                    "must be the block as its rules modify it (its cautions and capped dose)",
                )
        elif self.modified is not None:
            raise InvalidValue("modified", self.modified, "may only be given to modify")

    @property
    def safe_block(self) -> Block | None:
        """The block to do (as it was, or as modified), or ``None`` when excluded."""
        if self.verdict is Verdict.EXCLUDE:
            return None
        return self.modified or self.block

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reason of every matching rule, in order.

        A rule that matched only on features no one has reviewed
        (:attr:`not_reviewed`) says so first: "Not reviewed: ...".
        """
        return tuple(_reason(rule, self.block.exercise) for rule in self.rules)

    @property
    def not_reviewed(self) -> frozenset[Feature]:
        """The unreviewed features that alone made a rule match, which a review could change.

        The exercise may have them (its ``unreviewed`` features); screening treats each as
        present rather than call the exercise safe. Empty for a reviewed exercise.

        .. versionadded:: 0.2.0
        """
        exercise = self.block.exercise
        return frozenset().union(*(rule.not_reviewed(exercise) for rule in self.rules))

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys of every matching rule, each once, in order."""
        return tuple(dict.fromkeys(key for rule in self.rules for key in rule.sources))


# How a reason begins when its rule matched only on unreviewed features.
_NOT_REVIEWED: Final = (
    "Not reviewed: its source does not rule out {features}, and no clinician has"
    " checked, so it is screened as if it did."
)


def _reason(rule: Rule, exercise: Exercise) -> str:
    unsure = rule.not_reviewed(exercise)
    if not unsure:
        return rule.reason
    listed = ", ".join(sorted(feature.value.replace("_", " ") for feature in unsure))
    return f"{_NOT_REVIEWED.format(features=listed)} {rule.reason}"


def _check_screens(_: object, __: object, blocks: Any) -> None:
    v.collection("blocks", blocks, tuple, BlockScreen)


@attrs.frozen(kw_only=True)
class ScreenReport:
    """A routine screened for a person: a verdict on every block.

    A report is always the one :func:`screen` gives for its routine and
    profile: constructing or loading one with any other verdict, rule or
    modified block is refused, naming the block. So a saved report cannot
    be edited into letting an exercise through; only a clinician's
    clearance recorded on the profile (``cleared_rules`` with a
    ``clearance_note``) lifts a rule. A saved report keeps the words (reason,
    sources) its rules had when it was made, so a report saved before a
    rule was re-worded still loads: a rule must decide as today's does, in
    today's words or an earlier release's
    (:meth:`Rule.accepts_saved() <upperback.safety.rules.Rule.accepts_saved>`).

    Args:
        routine: The routine as given.
        profile: The person it was screened for.
        blocks: One :class:`BlockScreen` per block of the routine, in session
            order, as :func:`screen` makes them.

    Raises:
        InvalidValue: ``blocks`` are not what screening ``routine`` for
            ``profile`` gives; the field names the first block that differs.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    profile: Profile
    blocks: tuple[BlockScreen, ...] = attrs.field(converter=to_tuple, validator=_check_screens)

    def __attrs_post_init__(self) -> None:
        v.instance("routine", self.routine, Routine)
        v.instance("profile", self.profile, Profile)
        expected = self.routine.blocks
        if len(self.blocks) != len(expected) or any(
            item.block != block for item, block in zip(self.blocks, expected, strict=False)
        ):
            raise InvalidValue(
                "blocks", len(self.blocks), "must screen each block of the routine, in order"
            )
        rules = self.profile.rules()
        for i, item in enumerate(self.blocks):
            screened = _screen_block(item.block, rules)
            if item != screened and not _saved_as(screened, item):
                _refuse_forged(i, item, screened)

    @property
    def verdict(self) -> Verdict:
        """The strictest verdict on any block."""
        verdicts = {item.verdict for item in self.blocks}
        for verdict in (Verdict.EXCLUDE, Verdict.MODIFY):
            if verdict in verdicts:
                return verdict
        return Verdict.OK

    @property
    def excluded(self) -> tuple[BlockScreen, ...]:
        """The blocks left out."""
        return tuple(item for item in self.blocks if item.verdict is Verdict.EXCLUDE)

    @property
    def modified(self) -> tuple[BlockScreen, ...]:
        """The blocks kept with changes."""
        return tuple(item for item in self.blocks if item.verdict is Verdict.MODIFY)

    def safe_routine(self) -> Routine:
        """The routine with exclusions removed and modifications applied.

        Sections left empty are dropped; a superset left with one block
        becomes straight sets. The routine keeps its id, title and notes.

        Raises:
            NothingSafe: Every block was excluded. The error lists why.
        """
        screens = iter(self.blocks)
        sections = []
        for section in self.routine.sections:
            kept = section.keeping(
                block
                for block in (next(screens).safe_block for _ in section.blocks)
                if block is not None
            )
            if kept is not None:
                sections.append(kept)
        if not sections:
            raise NothingSafe(
                f"{item.block.exercise.name}: {' '.join(item.reasons)}" for item in self.blocks
            )
        return attrs.evolve(self.routine, sections=tuple(sections))


def _saved_as(screened: BlockScreen, item: BlockScreen) -> bool:
    # The same verdict and modified block, by the same rules in earlier words.
    return (
        item.verdict is screened.verdict
        and item.modified == screened.modified
        and len(item.rules) == len(screened.rules)
        and all(
            now.accepts_saved(then) for now, then in zip(screened.rules, item.rules, strict=True)
        )
    )


def _refuse_forged(i: int, item: BlockScreen, screened: BlockScreen) -> None:
    wanted = ", ".join(rule.id for rule in screened.rules) or "none"
    gives = f"what screening {item.block.exercise.id!r} for this profile gives"
    if item.verdict is not screened.verdict:
        raise InvalidValue(
            f"blocks[{i}].verdict",
            item.verdict.value,
            f"must be {screened.verdict.value!r} (rules: {wanted}), {gives}",
        )
    # The same block and verdict: the rules differ (a block screen's modified
    # block always follows from its block and rules).
    raise InvalidValue(
        f"blocks[{i}].rules",
        [rule.id for rule in item.rules],
        f"must be the rules {wanted}, as given in upperback.RULES, {gives}",
    )


def _caution(rule_id: str, change: Modification) -> Caution:
    return Caution(
        rule=rule_id, max_hold_s=change.max_hold_s, max_pain=change.max_pain, cue=change.cue
    )


def _modify(block: Block, rules: tuple[Rule, ...]) -> Block:
    return block.with_cautions(
        _caution(rule.id, rule.modification) for rule in rules if rule.modification is not None
    )


def _screen_block(block: Block, rules: tuple[Rule, ...]) -> BlockScreen:
    matched = tuple(rule for rule in rules if rule.matches(block.exercise))
    verdict = _verdict_of(matched)
    modified = _modify(block, matched) if verdict is Verdict.MODIFY else None
    return BlockScreen(block=block, verdict=verdict, rules=matched, modified=modified)


@overload
def screen(item: Routine, profile: Profile) -> ScreenReport: ...
@overload
def screen(item: Block | Exercise, profile: Profile) -> BlockScreen: ...
def screen(item: Routine | Block | Exercise, profile: Profile) -> ScreenReport | BlockScreen:
    """Screen a routine, a block or an exercise for a person.

    Every rule that applies to the person
    (:meth:`Profile.rules() <upperback.safety.profile.Profile.rules>`)
    is checked against every block; a block is excluded if any matching rule excludes
    it, modified if the matching rules only modify it, and ok otherwise.
    Every matching rule is reported, so several conditions combine.

    >>> ball_arch = Exercise(
    ...     id="ball-arch", name="Thoracic extension over ball", kind=ExerciseKind.STATIC_STRETCH,
    ...     position=Position.SUPINE, targets={Muscle.THORACIC_ERECTOR_SPINAE},
    ...     cues=["Lie back over the ball."], default_dose=Dose(sets=2, hold_s=15),
    ...     features={Feature.SUPINE, Feature.UNSTABLE_SURFACE},
    ... )
    >>> screen(ball_arch, Profile(conditions={Condition.BALANCE_IMPAIRMENT})).verdict
    <Verdict.EXCLUDE: 'exclude'>

    Args:
        item: A :class:`~upperback.routine.Routine`, or one block or exercise
            (an exercise is screened at its default dose fitted to the
            person, :meth:`Profile.starting_dose()
            <upperback.safety.profile.Profile.starting_dose>`).
        profile: The person.

    Returns:
        A :class:`ScreenReport` for a routine, a :class:`BlockScreen` otherwise.

    Raises:
        InvalidValue: ``item`` or ``profile`` is of the wrong type.
    """
    v.instance("profile", profile, Profile)
    rules = profile.rules()
    if isinstance(item, Routine):
        return ScreenReport(
            routine=item,
            profile=profile,
            blocks=tuple(_screen_block(block, rules) for block in item.blocks),
        )
    v.instance("item", item, (Routine, Block, Exercise))
    if isinstance(item, Exercise):
        item = Block(exercise=item, dose=profile.starting_dose(item))
    return _screen_block(item, rules)
