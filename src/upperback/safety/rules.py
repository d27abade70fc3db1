"""Contraindication rules, as data: which condition rules out or changes which exercises.

Every rule names the conditions it applies to (or none: a rule for
everyone), what it matches, what it does (exclude the exercise, or modify
its dose and add a cue), a reason a clinician can read, and the source keys
it rests on (see :func:`~upperback.sources.reference`). A number no source
gives is marked a convention (a rule's ``convention``), and the reason says
so. Where the sources disagree, the rule takes the more cautious reading and
its reason says so.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.dose import MAX_HOLD_S, MAX_PAIN
from upperback.errors import InvalidValue
from upperback.props import PropKind
from upperback.safety.conditions import PREGNANCY, Condition
from upperback.sources import CONVENTION
from upperback.vocab import STRETCH_KINDS, ExerciseKind, Feature, Level, Position

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.exercise import Exercise

__all__ = [
    "CLINICIAN_RULE_ID",
    "LEVEL_CAUTION_RULE_ID",
    "LEVEL_EXCLUDE_RULE_ID",
    "RULES",
    "Action",
    "Modification",
    "Rule",
]

CLINICIAN_RULE_ID: Final = "clinician-avoid"
"""The id of the rule made from a clinician's list of movements to avoid."""

LEVEL_EXCLUDE_RULE_ID: Final = "level-above-reach"
"""The id of the rule that leaves out exercises above the person's level in reach."""

LEVEL_CAUTION_RULE_ID: Final = "level-one-above"
"""The id of the rule that cautions on an exercise one level above the person's."""


class Action(enum.StrEnum):
    """What a rule does to an exercise it matches.

    .. versionadded:: 0.1.0
    """

    EXCLUDE = "exclude"
    """Leave the exercise out."""
    MODIFY = "modify"
    """Keep it, with a capped dose and an added cue."""


@attrs.frozen(kw_only=True)
class Modification:
    """How a ``modify`` rule changes a block.

    Args:
        max_hold_s: Holds longer than this are shortened to it.
        max_pain: The most pain (0–10) allowed; a block's own lower
            ceiling is kept.
        cue: An instruction added to the block's notes.

    At least one of them is given.

    .. versionadded:: 0.1.0
    """

    max_hold_s: int | None = attrs.field(
        default=None, metadata=v.between(1, MAX_HOLD_S, " seconds")
    )
    max_pain: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    cue: str | None = attrs.field(default=None, metadata=v.text_up_to(300))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        problems = self._bound_problems() or []
        if self.max_hold_s is None and self.max_pain is None and self.cue is None:
            problems.append(
                InvalidValue("cue", None, "or 'max_hold_s' or 'max_pain' must be given")
            )
        if problems:
            v.report(problems)


@attrs.frozen(kw_only=True)
class Rule:
    """One contraindication: for these conditions, exclude or modify these exercises.

    An exercise matches when it has any of ``features``, starts in any of
    ``positions`` or requires any of ``props`` (each left empty matches
    nothing on its own; all three empty match every exercise), and, when
    ``kinds`` is given, is of one of those kinds, and, when ``levels`` is
    given, is at one of those levels, and, when ``requires`` is given,
    requires every one of those props. Only props an exercise *requires*
    count: one it can be done without is not a reason to leave it out.

    Args:
        id: A stable slug, e.g. ``"osteoporosis-flexion-rotation"``.
        conditions: The rule applies to a person with any of these. Empty
            for a rule the library applies to everyone, and for the rules
            made for one person: from a clinician's list
            (:meth:`from_clinician`) and from their level (:meth:`for_level`).
        features: Exercise features it matches.
        positions: Starting positions it matches.
        props: Required props it matches.
        kinds: Exercise kinds it is limited to.
        levels: Exercise levels it is limited to.
        requires: Props an exercise must all require for the rule to match
            (a ball *and* a weight, say); empty to match without them.
        action: Exclude, or modify.
        modification: How to modify; given exactly when ``action`` is modify.
        reason: Why, in words a clinician and the person can read.
        sources: Source keys, e.g. ``("C1", "C2")``.
        convention: The part of the rule no source gives (a number, such as
            ``"0–3/10 pain"``), when there is one: a common convention, not
            from a study. The reason says so too.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``requires`` and ``convention``; a rule in :data:`RULES` may apply to everyone.
    """

    id: str = attrs.field(metadata=v.slug_id())
    conditions: frozenset[Condition] = attrs.field(converter=to_frozenset)
    action: Action
    reason: str = attrs.field(metadata=v.text_up_to())
    sources: tuple[str, ...] = attrs.field(converter=to_tuple, metadata=v.items(item=v.SOURCE_KEY))
    features: frozenset[Feature] = attrs.field(default=frozenset(), converter=to_frozenset)
    positions: frozenset[Position] = attrs.field(default=frozenset(), converter=to_frozenset)
    props: frozenset[PropKind] = attrs.field(default=frozenset(), converter=to_frozenset)
    kinds: frozenset[ExerciseKind] = attrs.field(default=frozenset(), converter=to_frozenset)
    levels: frozenset[Level] = attrs.field(default=frozenset(), converter=to_frozenset)
    modification: Modification | None = None
    requires: frozenset[PropKind] = attrs.field(default=frozenset(), converter=to_frozenset)
    convention: str | None = attrs.field(default=None, metadata=v.text_up_to(200))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.collection("conditions", self.conditions, frozenset, Condition)
        v.instance("action", self.action, Action)
        if not isinstance(self.sources, tuple):
            raise InvalidValue("sources", self.sources, "must be a collection of source keys")
        v.collection("features", self.features, frozenset, Feature)
        v.collection("positions", self.positions, frozenset, Position)
        v.collection("props", self.props, frozenset, PropKind)
        v.collection("kinds", self.kinds, frozenset, ExerciseKind)
        v.collection("levels", self.levels, frozenset, Level)
        v.collection("requires", self.requires, frozenset, PropKind)
        if not (
            self.features
            or self.positions
            or self.props
            or self.kinds
            or self.levels
            or self.requires
        ):
            raise InvalidValue(
                "features",
                self.features,
                "or 'positions', 'props', 'kinds', 'levels' or 'requires' must be given:"
                " a rule matches something",
            )
        if self.action is Action.MODIFY:
            v.instance("modification", self.modification, Modification)
        elif self.modification is not None:
            raise InvalidValue("modification", self.modification, "may only be given to modify")

    @classmethod
    def from_clinician(cls, features: Iterable[Feature], note: str | None = None) -> Rule:
        """The rule that excludes the features a person's clinician said to avoid.

        >>> Rule.from_clinician([Feature.OVERHEAD], "Until the shoulder review.").reason
        'Your clinician advised avoiding exercises that involve: overhead. Until the shoulder review.'
        """  # noqa: E501
        found = frozenset(features)
        listed = ", ".join(sorted(feature.value.replace("_", " ") for feature in found))
        reason = f"Your clinician advised avoiding exercises that involve: {listed}."
        return cls(
            id=CLINICIAN_RULE_ID,
            conditions=frozenset(),
            features=found,
            action=Action.EXCLUDE,
            reason=f"{reason} {note}" if note else reason,
            sources=(),
        )

    @classmethod
    def for_level(cls, level: Level, reach: int) -> tuple[Rule, ...]:
        """The rules for a person at ``level`` offered exercises up to level ``reach``.

        One modifies, with a caution, every exercise above ``level`` up to
        ``reach``; the other leaves out every exercise above ``reach``.
        Either is left out when it would match no level. ``reach`` comes
        from :func:`~upperback.safety.person.level_in_reach`, the one
        definition the composer reads too.

        >>> [rule.id for rule in Rule.for_level(Level.GENTLE, 2)]
        ['level-one-above', 'level-above-reach']
        >>> Rule.for_level(Level.ADVANCED, 5)
        ()
        """
        v.instance("level", level, Level)
        v.int_between("reach", reach, int(level), int(max(Level)))
        near = frozenset(x for x in Level if level < x <= reach)
        above = frozenset(x for x in Level if x > reach)
        why = (
            "ACSM calls the best rate of progression unknown, so the library moves"
            " one level at a time (derived)."
        )
        found: list[Rule] = []
        if near:
            found.append(
                cls(
                    id=LEVEL_CAUTION_RULE_ID,
                    conditions=frozenset(),
                    levels=near,
                    action=Action.MODIFY,
                    modification=Modification(cue=_LEVEL_CUE),
                    reason=(
                        f"This exercise is above your level ({int(level)}) but within"
                        f" reach (up to {reach}): try it with care. {why}"
                    ),
                    sources=("A2",),
                )
            )
        if above:
            found.append(
                cls(
                    id=LEVEL_EXCLUDE_RULE_ID,
                    conditions=frozenset(),
                    levels=above,
                    action=Action.EXCLUDE,
                    reason=(
                        f"This exercise is above the level in reach for you: your level"
                        f" is {int(level)}, and exercises above level {reach} are left"
                        f" out until you have progressed to them. {why}"
                    ),
                    sources=("A2",),
                )
            )
        return tuple(found)

    def applies_to(self, conditions: frozenset[Condition]) -> bool:
        """Whether the rule applies to a person with these conditions.

        A rule with no conditions applies to everyone; the others to a person
        with any of theirs.

        .. versionadded:: 0.2.0
        """
        return not self.conditions or not self.conditions.isdisjoint(conditions)

    def accepts_saved(self, saved: Rule) -> bool:
        """Whether a saved rule is this rule, in today's words or an earlier release's.

        The same id, conditions, matching, action and modification, and
        either today's ``reason``, ``sources`` and ``convention`` or the words
        an earlier release of the library gave this rule (kept as digests,
        so the old words need not ship). A rule's words change between releases as
        its sources are re-read; what it decides does not. A saved screen
        report keeps the words its rules had when it was made (screening
        again gives today's), and any other words are refused.

        .. versionadded:: 0.2.0
        """
        if saved == self:
            return True
        reworded = attrs.evolve(
            saved, reason=self.reason, sources=self.sources, convention=self.convention
        )
        return reworded == self and _wording_digest(saved) in _FORMER_WORDINGS.get(self.id, ())

    def matches(self, exercise: Exercise) -> bool:
        """Whether the rule acts on this exercise (whoever does it).

        A feature the exercise may have but no one has reviewed
        (in an :class:`~upperback.exercise.Exercise`'s ``unreviewed``)
        counts as present: what cannot be judged is not called safe
        (:meth:`not_reviewed` tells such a match apart).
        """
        return self._matches(exercise, exercise.features | exercise.unreviewed)

    def not_reviewed(self, exercise: Exercise) -> frozenset[Feature]:
        """The unreviewed features this rule matches the exercise by, when nothing reviewed does.

        Empty when the rule matches what is known of the exercise (its
        reviewed features, position, props, kind and level), or does not
        match at all; otherwise the features a review would settle.

        .. versionadded:: 0.2.0
        """
        if self._matches(exercise, exercise.features):
            return frozenset()
        return self.features & exercise.unreviewed if self.matches(exercise) else frozenset()

    def _matches(self, exercise: Exercise, features: frozenset[Feature]) -> bool:
        if self.kinds and exercise.kind not in self.kinds:
            return False
        if self.levels and exercise.level not in self.levels:
            return False
        if not self.requires <= exercise.required_props:
            return False
        if not (self.features or self.positions or self.props):
            return True
        return (
            not self.features.isdisjoint(features)
            or exercise.position in self.positions
            or (bool(self.props) and not self.props.isdisjoint(exercise.required_props))
        )

    def describe(self) -> str:
        """One line: conditions, what it matches, the action and its sources.

        >>> print(RULES[0].describe())
        osteoporosis-flexion-rotation: osteoporosis → exclude features end_range_flexion, end_range_rotation, loaded_flexion [C1][C2][C3][C4]
        """  # noqa: E501
        conditions = ", ".join(sorted(self.conditions)) or (
            "clinician's list"
            if self.id == CLINICIAN_RULE_ID
            else "level"
            if self.id in (LEVEL_CAUTION_RULE_ID, LEVEL_EXCLUDE_RULE_ID)
            else "everyone"
        )
        parts = [
            f"{name} {', '.join(sorted(values))}"
            for name, values in (
                ("features", self.features),
                ("positions", self.positions),
                ("props", self.props),
            )
            if values
        ]
        kinds = ", ".join(sorted(self.kinds))
        if self.kinds == frozenset(ExerciseKind):
            kinds = ""
        if parts:
            matched = " or ".join(parts) + (f" (only {kinds})" if kinds else "")
        else:
            matched = f"every {kinds or 'exercise'}"
        if self.levels:
            matched += f" at level {', '.join(str(int(x)) for x in sorted(self.levels))}"
        if self.requires:
            matched += f" that need {' and '.join(sorted(self.requires))}"
        action = self.action.value
        if self.modification is not None:
            changes = []
            if self.modification.max_hold_s is not None:
                changes.append(f"hold ≤ {self.modification.max_hold_s} s")
            if self.modification.max_pain is not None:
                changes.append(f"pain ≤ {self.modification.max_pain}/10")
            if self.modification.cue is not None:
                changes.append("cue")
            action += f" ({', '.join(changes)})"
        cited = "".join(f"[{key}]" for key in self.sources)
        if self.convention is not None:
            cited += f" (convention: {self.convention})"
        return f"{self.id}: {conditions} → {action} {matched} {cited}".rstrip()


_FALL_RISK = frozenset({Feature.UNSTABLE_SURFACE, Feature.NEEDS_BALANCE})
_END_RANGE = frozenset(
    {Feature.END_RANGE_STRETCH, Feature.END_RANGE_FLEXION, Feature.END_RANGE_ROTATION}
)
_PREGNANT_AFTER_FIRST = PREGNANCY - {Condition.PREGNANCY_FIRST_TRIMESTER}
_RANGE_CUE = (
    "Stretch only to mild tightness, never to the limit, and do not bounce:"
    " joints are looser in pregnancy."
)
_LEVEL_CUE = (
    "This exercise is one step above your level: start at the easy end of its dose,"
    " keep good form, and go back to an easier one if it feels too hard or pain rises."
)
_WEIGHTS = frozenset(
    {PropKind.DUMBBELL, PropKind.KETTLEBELL, PropKind.WEIGHT_PLATE, PropKind.BARBELL}
)
_NERVE_CUE = (
    "Keep pain at 3/10 or less during and after; stop if pain spreads down the arm"
    " or new tingling or weakness appears."
)

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="osteoporosis-flexion-rotation",
        conditions={Condition.OSTEOPOROSIS},
        features={Feature.LOADED_FLEXION, Feature.END_RANGE_FLEXION, Feature.END_RANGE_ROTATION},
        action=Action.EXCLUDE,
        reason=(
            "With osteoporosis, avoid bending forward to end range or under load, and"
            " twisting to end range; use slow, controlled movement short of end range"
            " and favour spinal extension."
        ),
        sources=("C1", "C2", "C3", "C4"),
    ),
    Rule(
        id="osteoporosis-fall-risk",
        conditions={Condition.OSTEOPOROSIS},
        features=_FALL_RISK,
        props={PropKind.SWISS_BALL},
        action=Action.EXCLUDE,
        reason=(
            "With osteoporosis a fall can break a bone: avoid precarious balancing [C2]."
            " On the largest ball a person sits up to about 85 cm off the floor [B1*], and"
            " a medical condition raises the risk of a fall from it [B10], so every"
            " exercise that needs a ball is left out of unsupervised routines (the"
            " cautious reading)."
        ),
        sources=("C2", "B10", "B1*"),
    ),
    Rule(
        id="pregnancy-supine",
        conditions=_PREGNANT_AFTER_FIRST,
        features={Feature.SUPINE},
        positions={Position.SUPINE},
        action=Action.EXCLUDE,
        reason=(
            "In pregnancy, do not lie flat on the back for long periods, particularly"
            " after 16 weeks [C6]. ACOG's earlier advice to avoid exercise on the back"
            " after the first trimester is not yet confirmed in its current opinion"
            " (UNVERIFIED) [C5], and a review asked whether such exercise causes harm"
            " at all [C7]; the rule takes the earliest limit, the second trimester."
        ),
        sources=("C6", "C5", "C7"),
    ),
    Rule(
        id="pregnancy-prone",
        conditions=_PREGNANT_AFTER_FIRST,
        features={Feature.PRONE},
        positions={Position.PRONE},
        action=Action.EXCLUDE,
        reason=(
            "Lying on the front becomes difficult from about 20 weeks; the rule"
            " leaves out face-down positions, a full push-up among them, from the"
            " second trimester (the cautious reading)."
        ),
        sources=("C6c*",),
    ),
    Rule(
        id="pregnancy-fall-risk",
        conditions=PREGNANCY,
        features=_FALL_RISK,
        props={PropKind.SWISS_BALL},
        action=Action.EXCLUDE,
        reason=(
            "In pregnancy, check with a physiotherapist or doctor before ball exercises"
            " [C5][E23]; ACOG's earlier advice to avoid activities with a risk of"
            " falling is kept, though not yet confirmed in its current opinion"
            " (UNVERIFIED) [C5]. Every exercise that needs a ball is left out (the"
            " cautious reading)."
        ),
        sources=("C5", "E23"),
    ),
    Rule(
        id="pregnancy-stretch-range",
        conditions=PREGNANCY,
        kinds=STRETCH_KINDS,
        action=Action.MODIFY,
        modification=Modification(cue=_RANGE_CUE),
        reason="In pregnancy, avoid jerky or bouncy moves and stretching to the limit.",
        sources=("C8*",),
    ),
    Rule(
        id="pregnancy-end-range",
        conditions=PREGNANCY,
        features=_END_RANGE,
        action=Action.MODIFY,
        modification=Modification(cue=_RANGE_CUE),
        reason=(
            "In pregnancy, avoid jerky or bouncy moves and stretching to the limit;"
            " moving the spine to end range, as in a deep cat or an open book, is"
            " kept short of the limit too."
        ),
        sources=("C8*",),
    ),
    Rule(
        id="pregnancy-ballistic",
        conditions=PREGNANCY,
        features={Feature.BALLISTIC},
        action=Action.EXCLUDE,
        reason=(
            "In pregnancy, avoid jerky or bouncy moves: bouncing, swinging and kipping"
            " are left out."
        ),
        sources=("C8*",),
    ),
    Rule(
        id="pregnancy-hanging",
        conditions=PREGNANCY,
        features={Feature.HANGING},
        action=Action.EXCLUDE,
        reason=(
            "In pregnancy, ACOG's earlier advice to avoid activities with a risk of"
            " falling is kept, though not yet confirmed in its current opinion"
            " (UNVERIFIED) [C5]; hanging from a bar or rings ends in a drop, so it is"
            " left out (the cautious reading)."
        ),
        sources=("C5",),
    ),
    Rule(
        id="hypermobility-stretch-cap",
        conditions={Condition.HYPERMOBILITY},
        kinds=STRETCH_KINDS,
        action=Action.MODIFY,
        modification=Modification(
            max_hold_s=30,
            cue=(
                "Stop well short of your end range: stretch to mild tightness only,"
                " and build strength and control rather than range."
            ),
        ),
        reason=(
            "With hypermobility, overstretching can make symptoms worse; holds are"
            " capped at 30 s, the top of the usual adult range, and range at mild"
            " tightness."
        ),
        sources=("C9*", "A2"),
    ),
    Rule(
        id="hypermobility-end-range",
        conditions={Condition.HYPERMOBILITY},
        features=_END_RANGE,
        action=Action.MODIFY,
        modification=Modification(
            cue="Stop well short of your end range: move only to mild tightness."
        ),
        reason=(
            "With hypermobility, overstretching can make symptoms worse; that holds"
            " for moving the spine to end range (a deep cat, an open book) as much as"
            " for held stretches."
        ),
        sources=("C9*",),
    ),
    Rule(
        id="hypermobility-ballistic",
        conditions={Condition.HYPERMOBILITY},
        features={Feature.BALLISTIC},
        action=Action.EXCLUDE,
        reason=(
            "With hypermobility, overstretching and high-intensity work can make"
            " symptoms worse; bouncing, swinging and kipping are left out in favour of"
            " slow, controlled movement."
        ),
        sources=("C9*",),
    ),
    Rule(
        id="acute-injury-no-stretch",
        conditions={Condition.ACUTE_INJURY},
        kinds=STRETCH_KINDS,
        action=Action.EXCLUDE,
        reason=(
            "In the first days after a soft-tissue injury, protect it and do not"
            " stretch a recently strained muscle. The library cannot tell which"
            " muscle is hurt, so every stretch is left out (the cautious reading)."
        ),
        sources=("C10",),
    ),
    Rule(
        id="acute-injury-end-range",
        conditions={Condition.ACUTE_INJURY},
        features={Feature.END_RANGE_STRETCH},
        action=Action.EXCLUDE,
        reason=(
            "In the first days after a soft-tissue injury, do not take the injured"
            " tissue to end range."
        ),
        sources=("C10",),
    ),
    Rule(
        id="acute-injury-pain-ceiling",
        conditions={Condition.ACUTE_INJURY},
        kinds=frozenset(ExerciseKind),
        action=Action.MODIFY,
        modification=Modification(
            max_pain=3, cue="Let pain guide you: keep it at 3/10 or less and stop if it rises."
        ),
        reason=(
            "After an injury, load as symptoms allow, with pain guiding progression"
            " [C10]. In the first days the rule keeps pain to 0-3/10 rather than the"
            f" 5/10 ceiling used later [P7]: 0-3/10 is {CONVENTION}."
        ),
        sources=("C10", "P7"),
        convention="0-3/10 pain in the first days",
    ),
    Rule(
        id="recent-surgery-clearance",
        conditions={Condition.RECENT_SURGERY},
        kinds=frozenset(ExerciseKind),
        action=Action.EXCLUDE,
        reason=(
            "After recent surgery, ask the surgeon or a clinician before exercising:"
            " NIA says so for stretching after back or hip surgery [E23], and the rule"
            " holds back every exercise (the cautious reading). Once they clear it,"
            " list this rule in the profile's cleared_rules."
        ),
        sources=("E23",),
    ),
    Rule(
        id="balance-unstable-surface",
        conditions={Condition.BALANCE_IMPAIRMENT},
        features=_FALL_RISK,
        props={PropKind.SWISS_BALL},
        action=Action.EXCLUDE,
        reason=(
            "With poor balance, exercise on a ball only under supervision, at all"
            " times, on the ball and lying back over it [B10]; ball and balance work"
            " is left out of unsupervised routines."
        ),
        sources=("B10",),
    ),
    Rule(
        id="radiculopathy-neck-stretch",
        conditions={Condition.CERVICAL_RADICULOPATHY},
        features={Feature.NECK_SIDE_BEND, Feature.NECK_ROTATION},
        action=Action.EXCLUDE,
        reason=(
            "With arm symptoms from the neck, avoid positions that strain the neck and"
            " upper trapezius, such as side-bending and rotation stretches."
        ),
        sources=("C11",),
    ),
    Rule(
        id="radiculopathy-loaded-neck",
        conditions={Condition.CERVICAL_RADICULOPATHY},
        features={Feature.LOADED_NECK},
        action=Action.EXCLUDE,
        reason=(
            "With arm symptoms from the neck, avoid positions that strain the neck:"
            " neck work against a plate, a harness or the hands is left out."
        ),
        sources=("C11",),
    ),
    Rule(
        id="radiculopathy-overhead",
        conditions={Condition.CERVICAL_RADICULOPATHY},
        features={Feature.OVERHEAD},
        action=Action.MODIFY,
        modification=Modification(
            cue="Keep overhead work unloaded and in a small range; stop if arm symptoms rise."
        ),
        reason=(
            "With arm symptoms from the neck, avoid positions that strain the neck"
            " [C11]; overhead work is kept light and small in range (derived), and"
            f" backing off when arm symptoms rise is {CONVENTION}."
        ),
        sources=("C11",),
        convention="back off when arm symptoms rise",
    ),
    Rule(
        id="radiculopathy-pain-ceiling",
        conditions={Condition.CERVICAL_RADICULOPATHY},
        kinds=frozenset(ExerciseKind),
        action=Action.MODIFY,
        modification=Modification(max_pain=3, cue=_NERVE_CUE),
        reason=(
            "Nerve-related pain is handled more cautiously than the usual 5/10"
            f" ceiling [P7]: aim for 0-3/10 during and after exercise, {CONVENTION}."
        ),
        sources=("P7",),
        convention="0-3/10 pain during and after exercise",
    ),
    Rule(
        id="shoulder-instability-end-range",
        conditions={Condition.SHOULDER_INSTABILITY},
        features={Feature.SHOULDER_END_RANGE},
        action=Action.EXCLUDE,
        reason=(
            "With an unstable or frozen shoulder, avoid taking the shoulder to end"
            " range without a clinician's advice."
        ),
        sources=("E6e*", "E23"),
    ),
    Rule(
        id="shoulder-instability-doorway-towel",
        conditions={Condition.SHOULDER_INSTABILITY},
        props={PropKind.DOORWAY, PropKind.TOWEL},
        kinds=STRETCH_KINDS,
        action=Action.EXCLUDE,
        reason=(
            "The doorway stretch is a precaution after dislocation or subluxation, and"
            " the towel stretch needs a doctor's advice with shoulder problems. The"
            " rule cannot tell a towel behind the back from a towel under the spine,"
            " so it leaves out every towel or doorway stretch (the cautious reading)."
        ),
        sources=("E6e*", "E23"),
    ),
    Rule(
        id="swiss-ball-no-weights",
        conditions=frozenset(),
        requires={PropKind.SWISS_BALL},
        features={Feature.EXTERNAL_LOAD},
        props=_WEIGHTS,
        action=Action.EXCLUDE,
        reason=(
            "No weights on the ball, for anyone: BodySport does not recommend hand"
            " weights on a fitness ball [B10], and Thera-Band warns that dumbbells or"
            " barbells may exceed the ball's capacity [B7]."
        ),
        sources=("B10", "B7"),
    ),
)
"""Every contraindication rule the library applies, in a fixed order.

The table on the *Safety* page of the docs is generated from this tuple.
"""

_FORMER_WORDINGS: Final[dict[str, frozenset[str]]] = {
    "osteoporosis-fall-risk": frozenset({"847a43d94af70b4fb94e93c020c5a65a"}),
    "pregnancy-supine": frozenset({"181f5dd906926f4e9ba11de51e4df232"}),
    "pregnancy-fall-risk": frozenset({"0785b758aee6901743b446173e8bd056"}),
    "pregnancy-stretch-range": frozenset({"ed2ab32f150761e05d4fcffc77c2ca07"}),
    "pregnancy-end-range": frozenset({"c6b1dac6c9d567e8cff899ad60f2d5d1"}),
    "pregnancy-ballistic": frozenset({"6d542e2e588aed214125e7679549a1aa"}),
    "pregnancy-hanging": frozenset({"270b1cbfde3b048750aea9fd35d9ff6a"}),
    "acute-injury-no-stretch": frozenset({"ab689b03260524dd5c6c296868f09d6a"}),
    "acute-injury-end-range": frozenset({"aeb072797e8929001afba0b63f770f42"}),
    "acute-injury-pain-ceiling": frozenset({"20fa2fa507d2592b854c1e3aa16cf2ab"}),
    "recent-surgery-clearance": frozenset({"6bf20fd06bdf8a88d6b942865ad37102"}),
    "balance-unstable-surface": frozenset({"0a9892ddd19b0477e1f85cfdc2136c21"}),
    "radiculopathy-neck-stretch": frozenset({"81a818a1359f0524f328011aa7c02c04"}),
    "radiculopathy-loaded-neck": frozenset({"45c72445b3d5e84959585e23db4daa6d"}),
    "radiculopathy-overhead": frozenset({"0082fa2c1e39cfd4612e432c4c6b8939"}),
    "radiculopathy-pain-ceiling": frozenset({"761a03f83e71d5e38b8bbdc0270c3605"}),
}
"""For each rule re-worded since an earlier release, the digests of its earlier words.

A screen report saved by an earlier release holds the words its rules had
then; :meth:`Rule.accepts_saved` accepts them by their digest, so the old
words need not ship. Re-wording a rule
adds the digest of its words before the change.
"""


def _wording_digest(rule: Rule) -> str:
    """The digest of a rule's words: its reason, sources and convention."""
    import hashlib  # noqa: PLC0415 - keeps import upperback cheap
    import json  # noqa: PLC0415

    words = json.dumps([rule.reason, list(rule.sources), rule.convention], ensure_ascii=False)
    return hashlib.sha256(words.encode()).hexdigest()[:32]


_RULES_BY_ID: Final = {rule.id: rule for rule in RULES}
