"""A person's profile: what screening needs to know about them, and the person on a day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.errors import InvalidValue
from upperback.props import MAX_HEIGHT_CM, MIN_HEIGHT_CM, Kit
from upperback.safety.conditions import AgeBand, Condition
from upperback.safety.dated import (
    MAX_NOTE,
    DatedCondition,
    Injury,
    Pregnancy,
    Span,
    Surgery,
    check_day,
    in_force,
)
from upperback.safety.person import adjusted_dose, is_novice, is_older_adult, level_in_reach
from upperback.safety.rules import _RULES_BY_ID, RULES, Rule
from upperback.vocab import Feature, Level

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from upperback.dose import Dose
    from upperback.exercise import Exercise

__all__ = ["MAX_NOTE", "Profile"]


@attrs.frozen(kw_only=True)
class Profile:
    """What screening needs to know about a person.

    >>> person = Profile(conditions={Condition.OSTEOPOROSIS}, height_cm=178)
    >>> [rule.id for rule in person.rules()]
    ['osteoporosis-flexion-rotation', 'osteoporosis-fall-risk', 'swiss-ball-no-weights']

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
        pregnancy: A dated pregnancy (its trimester follows from the day);
            not with a trimester in ``conditions``.
        injuries: Acute soft-tissue injuries, each in force for its first
            days only [C10].
        surgeries: Operations, each recent surgery until a clinician clears it.
        dated_conditions: Other conditions that start or end on a day.

    A profile with dated facts (:attr:`dated`) describes a person over
    time: take the person on a day with :meth:`on` (or over days with
    :meth:`during`) to screen them, as :func:`~upperback.progression.program.plan`
    does week by week. Screening, composing and triage refuse a dated
    profile rather than guess the day.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       ``pregnancy``, ``injuries``, ``surgeries`` and ``dated_conditions``.
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
    pregnancy: Pregnancy | None = None
    injuries: tuple[Injury, ...] = attrs.field(default=(), converter=to_tuple)
    surgeries: tuple[Surgery, ...] = attrs.field(default=(), converter=to_tuple)
    dated_conditions: tuple[DatedCondition, ...] = attrs.field(default=(), converter=to_tuple)

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
        self._check_dated()

    def _check_dated(self) -> None:
        if self.pregnancy is not None:
            v.instance("pregnancy", self.pregnancy, Pregnancy)
            trimesters = sorted(c.value for c in self.conditions if c.is_pregnancy)
            if trimesters:
                raise InvalidValue(
                    "conditions",
                    trimesters,
                    "must not hold a trimester when 'pregnancy' dates the pregnancy:"
                    " its trimester follows from the day",
                )
        v.collection("injuries", self.injuries, tuple, Injury)
        v.collection("surgeries", self.surgeries, tuple, Surgery)
        v.collection("dated_conditions", self.dated_conditions, tuple, DatedCondition)

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

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], *, on: dt.date | None = None) -> Profile:
        """A profile from what a person answers in a form, as plain JSON values.

        The questions are those of :data:`~upperback.safety.answers.ANSWERS`:
        ``pregnancy_week`` (on the day ``on``) or ``due_date``,
        ``equipment`` (prop names), ``band_colour``, ``height_cm``,
        ``age``, ``conditions`` (by name), ``level``, ``injury_date`` and
        ``surgery_date``. An answer that is ``None`` or left out is not
        answered. Every bad answer is reported at once, at its path.

        >>> import datetime as dt
        >>> person = Profile.from_answers(
        ...     {"pregnancy_week": 14, "equipment": ["swiss_ball", "wall"],
        ...      "band_colour": "green", "height_cm": 165, "age": 34, "level": 2},
        ...     on=dt.date(2027, 3, 1),
        ... )
        >>> sorted(person.kit.names), person.age_band.value
        (['resistance_band', 'swiss_ball', 'wall'], '20_to_50')
        >>> [c.value for c in person.on(dt.date(2027, 3, 1)).conditions]
        ['pregnancy_second_trimester']

        Args:
            answers: The answers, by question.
            on: The day the answers were given; needed for ``pregnancy_week``.

        Raises:
            InvalidDocument: Any answer is bad; every problem is listed with
                its path (``$.equipment[1]``), ready for
                :meth:`~upperback.errors.UpperbackError.to_problem_details`.
            InvalidValue: ``on`` is not a date.

        .. versionadded:: 0.3.0
        """
        from upperback.safety.answers import profile_from_answers  # noqa: PLC0415 - it builds profiles

        return profile_from_answers(answers, on=on)

    @property
    def dated(self) -> bool:
        """Whether the profile carries dated facts (a pregnancy, injuries, surgeries or dated conditions).

        >>> import datetime as dt
        >>> Profile().dated, Profile(injuries=[Injury(on=dt.date(2027, 3, 3))]).dated
        (False, True)
        """  # noqa: E501
        return bool(
            self.pregnancy is not None or self.injuries or self.surgeries or self.dated_conditions
        )

    def spans(self) -> tuple[Span, ...]:
        """Every dated fact's conditions, each with the days it is in force."""
        facts: list[Pregnancy | Injury | Surgery | DatedCondition] = [
            *self.injuries,
            *self.surgeries,
            *self.dated_conditions,
        ]
        if self.pregnancy is not None:
            facts.insert(0, self.pregnancy)
        return tuple(span for fact in facts for span in fact.spans())

    def on(self, day: dt.date) -> Profile:
        """The person as they are on ``day``: the profile with the conditions in force that day.

        The conditions without a date stay; each dated fact adds what it
        holds that day: the pregnancy's trimester, an acute injury in its
        first days, recent surgery until cleared, a dated condition between
        its days. The profile returned has no dated facts, so it can be
        screened. A profile without dated facts is returned as it is.

        >>> import datetime as dt
        >>> person = Profile(pregnancy=Pregnancy.at_week(10, on=dt.date(2027, 1, 4)))
        >>> [c.value for c in person.on(dt.date(2027, 1, 4)).conditions]
        ['pregnancy_first_trimester']
        >>> [c.value for c in person.on(dt.date(2027, 1, 25)).conditions]
        ['pregnancy_second_trimester']

        Raises:
            InvalidValue: ``day`` is not a date.
        """
        check_day("day", day)
        return self.during(day, day)

    def during(self, first: dt.date, last: dt.date) -> Profile:
        """The person over the days from ``first`` to ``last``: every condition in force on any.

        The cautious reading of a period, such as a week of a plan: a
        condition in force on one of its days applies to all of them. Of
        several trimesters, the latest applies (it leaves out the most).

        Raises:
            InvalidValue: ``first`` or ``last`` is not a date, or ``last`` is before ``first``.
        """
        check_day("first", first)
        check_day("last", last)
        if last < first:
            raise InvalidValue(
                "last", last.isoformat(), f"must not be before 'first' ({first.isoformat()})"
            )
        if not self.dated:
            return self
        return attrs.evolve(
            self,
            conditions=self.conditions | in_force(self.spans(), first, last),
            pregnancy=None,
            injuries=(),
            surgeries=(),
            dated_conditions=(),
        )

    def require_undated(self) -> None:
        """Raise unless the profile holds no dated facts: what applies to a dated one depends on the day.

        Raises:
            InvalidValue: The profile is :attr:`dated`; take it on a day first (:meth:`on`).
        """  # noqa: E501
        if self.dated:
            given = [
                name
                for name in ("pregnancy", "injuries", "surgeries", "dated_conditions")
                if getattr(self, name)
            ]
            raise InvalidValue(
                "profile",
                given,
                "holds dated facts, so what applies depends on the day: take the person"
                " on a day first, profile.on(day)",
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
        """Whether the person gets the starters' 10–15 reps, as levels 1 and 2 do [A5][A3]."""
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

        Raises:
            InvalidValue: The profile is :attr:`dated`: take it on a day first (:meth:`on`).
        """
        self.require_undated()
        return tuple(
            rule
            for rule in RULES
            if rule.applies_to(self.conditions) and rule.id in self.cleared_rules
        )

    def rules(self) -> tuple[Rule, ...]:
        """Every rule that applies to this person.

        They come in the order of :data:`~upperback.safety.rules.RULES`:
        those of the person's conditions and those for everyone
        (:meth:`Rule.applies_to() <upperback.safety.rules.Rule.applies_to>`).
        Rules a clinician cleared are left out. Then come the rules made
        from ``level`` (:meth:`Rule.for_level() <upperback.safety.rules.Rule.for_level>`),
        and last the rule made from ``avoid_features``.

        >>> [rule.id for rule in Profile(level=Level.GENTLE).rules()]
        ['swiss-ball-no-weights', 'level-one-above', 'level-above-reach']

        Raises:
            InvalidValue: The profile is :attr:`dated`: which rules apply
                depends on the day, so take it on a day first (:meth:`on`).
        """
        self.require_undated()
        found = tuple(
            rule
            for rule in RULES
            if rule.applies_to(self.conditions) and rule.id not in self.cleared_rules
        )
        if self.level is not None:
            found += Rule.for_level(self.level, self.level_in_reach)
        if self.avoid_features:
            found += (Rule.from_clinician(self.avoid_features, self.avoid_note),)
        return found
