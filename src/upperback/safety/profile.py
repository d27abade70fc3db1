"""A person's profile: what screening needs to know about them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset
from upperback.errors import InvalidValue
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit
from upperback.safety.conditions import AgeBand, Condition
from upperback.safety.person import adjusted_dose, is_novice, is_older_adult, level_in_reach
from upperback.safety.rules import _RULES_BY_ID, RULES, Rule
from upperback.vocab import Feature, Level

if TYPE_CHECKING:
    from upperback.dose import Dose
    from upperback.exercise import Exercise

__all__ = ["MAX_NOTE", "Profile"]

MAX_NOTE: Final = 500
"""The longest a clinician's note on a profile may be, in characters."""


@attrs.frozen(kw_only=True)
class Profile:
    """What screening needs to know about a person.

    >>> person = Profile(conditions={Condition.OSTEOPOROSIS}, height_cm=178)
    >>> [rule.id for rule in person.rules()]
    ['osteoporosis-flexion-rotation', 'osteoporosis-fall-risk']

    Args:
        conditions: The conditions that apply now (at most one pregnancy trimester).
        avoid_features: Features a clinician has said this person should avoid;
            every exercise with one of them is excluded.
        avoid_note: The clinician's words, shown with those exclusions.
        cleared_rules: Ids of rules in :data:`~upperback.safety.rules.RULES` that a
            clinician has cleared for this person, e.g.
            ``"recent-surgery-clearance"`` once the surgeon agrees. Screening
            skips them. Only a clinician should set this, and only with a
            ``clearance_note``.
        clearance_note: Who cleared those rules and when, in their words
            (required with ``cleared_rules``): a clearance that cannot be
            traced is not accepted.
        level: The level the person works at, if known. Screening cautions
            on exercises one level above it and leaves out higher ones
            (:attr:`level_in_reach`); levels 1 and 2 get the starters'
            10–15 reps (:attr:`novice`).
        age_band: The person's age band, if known. ``over_50`` gets the
            older adults' doses (:attr:`older_adult`); ``under_20`` and
            ``over_50`` make triage refer back pain to a professional, since
            new back pain at those ages is a red flag.
        height_cm: Standing height, 100 to 250 cm, for sizing a ball; any
            number :meth:`~upperback.props.SwissBall.for_height` takes.
        kit: The props the person has.

    .. versionadded:: 0.1.0
    """

    conditions: frozenset[Condition] = attrs.field(default=frozenset(), converter=to_frozenset)
    avoid_features: frozenset[Feature] = attrs.field(default=frozenset(), converter=to_frozenset)
    avoid_note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))
    cleared_rules: frozenset[str] = attrs.field(default=frozenset(), converter=to_frozenset)
    clearance_note: str | None = attrs.field(default=None, metadata=v.text_up_to(MAX_NOTE))
    level: Level | None = None
    age_band: AgeBand | None = None
    height_cm: float | None = attrs.field(
        default=None, metadata=v.number_in(MIN_HEIGHT_CM, MAX_HEIGHT_CM, " cm")
    )
    kit: Kit = attrs.field(factory=Kit)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.collection("conditions", self.conditions, frozenset, Condition)
        pregnancies = sorted(c.value for c in self.conditions if c.is_pregnancy)
        if len(pregnancies) > 1:
            raise InvalidValue(
                "conditions", pregnancies, "must hold at most one pregnancy trimester"
            )
        v.collection("avoid_features", self.avoid_features, frozenset, Feature)
        if self.avoid_note is not None and not self.avoid_features:
            raise InvalidValue(
                "avoid_note", self.avoid_note, "may only be given with 'avoid_features'"
            )
        self._check_clearance()
        if self.level is not None:
            v.instance("level", self.level, Level)
        if self.age_band is not None:
            v.instance("age_band", self.age_band, AgeBand)
        v.instance("kit", self.kit, Kit)

    def _check_clearance(self) -> None:
        v.collection("cleared_rules", self.cleared_rules, frozenset, str)
        for rule_id in sorted(self.cleared_rules):
            if rule_id not in _RULES_BY_ID:
                raise InvalidValue("cleared_rules", rule_id, "must name a rule in upperback.RULES")
        if self.cleared_rules and self.clearance_note is None:
            raise InvalidValue(
                "clearance_note",
                None,
                "must say who cleared the rules and when, whenever 'cleared_rules' is given",
            )
        if self.clearance_note is not None and not self.cleared_rules:
            raise InvalidValue(
                "clearance_note", self.clearance_note, "may only be given with 'cleared_rules'"
            )

    @property
    def level_in_reach(self) -> int:
        """The highest exercise level offered, one above the person's, or 5 when it is unknown.

        >>> Profile(level=Level.GENTLE).level_in_reach, Profile().level_in_reach
        (2, 5)
        """
        return level_in_reach(self.level)

    @property
    def older_adult(self) -> bool:
        """Whether the person gets the older adults' doses, as ``over_50`` does [A1][A2][A5]."""
        return is_older_adult(self.age_band)

    @property
    def novice(self) -> bool:
        """Whether the person gets the starters' 10–15 reps, as levels 1 and 2 do [A5][A12*]."""
        return is_novice(self.level)

    def starting_dose(self, exercise: Exercise) -> Dose:
        """The exercise's default dose, brought within this person's ranges.

        The one place a dose taken from an exercise's default is fitted to
        the person: see :func:`~upperback.safety.person.adjusted_dose`
        (an older adult's static stretch held 30–60 s, 10–15 reps for an
        older adult or a novice). The composer, :func:`prescribe()
        <upperback.compose.prescription.prescribe>`'s replacements and a
        progression's move to a harder or easier exercise use it.

        >>> from upperback import default_catalog
        >>> chair = default_catalog()["seated-thoracic-extension-chair"]
        >>> Profile(age_band=AgeBand.OVER_50).starting_dose(chair).describe()
        '2 × 30 s hold'
        """
        return adjusted_dose(
            exercise.kind,
            exercise.default_dose,
            older_adult=self.older_adult,
            novice=self.novice,
            limits=exercise.dose_limits,
        )

    def cleared(self) -> tuple[Rule, ...]:
        """Rules that would apply to this person's conditions but a clinician cleared.

        Apps should show these with ``clearance_note``, so that the
        person and the next clinician see what was lifted, and by whom.
        """
        return tuple(
            rule
            for rule in RULES
            if not rule.conditions.isdisjoint(self.conditions) and rule.id in self.cleared_rules
        )

    def rules(self) -> tuple[Rule, ...]:
        """Every rule that applies to this person.

        They come in the order of :data:`~upperback.safety.rules.RULES`.
        Rules a clinician cleared are left out. Then come the rules made
        from ``level`` (:meth:`Rule.for_level() <upperback.safety.rules.Rule.for_level>`),
        and last the rule made from ``avoid_features``.

        >>> [rule.id for rule in Profile(level=Level.GENTLE).rules()]
        ['level-one-above', 'level-above-reach']
        """
        found = tuple(
            rule
            for rule in RULES
            if not rule.conditions.isdisjoint(self.conditions) and rule.id not in self.cleared_rules
        )
        if self.level is not None:
            found += Rule.for_level(self.level, self.level_in_reach)
        if self.avoid_features:
            found += (Rule.from_clinician(self.avoid_features, self.avoid_note),)
        return found
