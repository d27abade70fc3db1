"""How a person changed from one week to the next, and what that changed in their routine.

:func:`~upperback.progression.program.plan` screens each week for the person as they
are that week (:meth:`Profile.during() <upperback.safety.profile.Profile.during>`)
and records on the week every :class:`PersonChange`: a condition that
starts, ends, or stays although the fact behind it changed (a due date
that passed), with the exercises it left out or let back and the rules
behind them. A change is data, a stable code and its parameters; its
:attr:`~PersonChange.text` is rendered from them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.errors import InvalidValue
from upperback.safety.conditions import PREGNANCY, Condition
from upperback.safety.dated import DATED_APART, PEACE_DAYS
from upperback.safety.rules import _RULES_BY_ID, Rule

__all__ = ["MAX_PREGNANCY_WEEK", "ChangeCode", "ChangeEffect", "PersonChange"]

MAX_PREGNANCY_WEEK: Final = 60
"""The highest pregnancy week a change may name, a bound on nonsense well past any pregnancy."""


class ChangeEffect(enum.StrEnum):
    """What a change does to its condition.

    .. versionadded:: 0.3.0
    """

    STARTS = "starts"
    """The condition applies from this week, and what it leaves out is left out."""
    ENDS = "ends"
    """The condition no longer applies, and what only it left out comes back."""
    STAYS = "stays"
    """The fact behind the condition changed; the condition stays until a clinician clears it."""


class ChangeCode(enum.StrEnum):
    """Why a person changed, as a stable code.

    .. versionadded:: 0.3.0
    """

    TRIMESTER = "trimester"
    """A new trimester of pregnancy, by the pregnancy's dating."""
    TRIMESTER_ASSUMED = "trimester_assumed"
    """The next trimester, assumed, since the profile gave a trimester without a date.

    The trimester is read as ending with the plan's first week, so the next
    one applies from week 2, the earliest it could (the cautious reading).
    """
    DUE_DATE_PASSED = "due_date_passed"
    """The due date passed with no end of the pregnancy recorded; the last trimester stays."""
    PREGNANCY_ENDED = "pregnancy_ended"
    """The pregnancy ended; the last trimester stays until a clinician clears exercise."""
    PREGNANCY_CLEARED = "pregnancy_cleared"
    """A clinician cleared exercise after the pregnancy, and its trimester's rules are lifted."""
    INJURY = "injury"
    """An acute soft-tissue injury, whose first days begin [C10]."""
    INJURY_SETTLED = "injury_settled"
    """An injury is past its first days [C10]."""
    SURGERY = "surgery"
    """An operation, so recent surgery until a clinician clears exercise [E23]."""
    SURGERY_CLEARED = "surgery_cleared"
    """A clinician cleared exercise after surgery."""
    CONDITION_STARTS = "condition_starts"
    """A dated condition starts."""
    CONDITION_ENDS = "condition_ends"
    """A dated condition ends."""

    @property
    def effect(self) -> ChangeEffect:
        """What the change does to its condition."""
        return _EFFECTS[self]


_EFFECTS: Final = {
    ChangeCode.TRIMESTER: ChangeEffect.STARTS,
    ChangeCode.TRIMESTER_ASSUMED: ChangeEffect.STARTS,
    ChangeCode.DUE_DATE_PASSED: ChangeEffect.STAYS,
    ChangeCode.PREGNANCY_ENDED: ChangeEffect.STAYS,
    ChangeCode.PREGNANCY_CLEARED: ChangeEffect.ENDS,
    ChangeCode.INJURY: ChangeEffect.STARTS,
    ChangeCode.INJURY_SETTLED: ChangeEffect.ENDS,
    ChangeCode.SURGERY: ChangeEffect.STARTS,
    ChangeCode.SURGERY_CLEARED: ChangeEffect.ENDS,
    ChangeCode.CONDITION_STARTS: ChangeEffect.STARTS,
    ChangeCode.CONDITION_ENDS: ChangeEffect.ENDS,
}

_PREGNANCY_CODES: Final = frozenset(
    {
        ChangeCode.TRIMESTER,
        ChangeCode.TRIMESTER_ASSUMED,
        ChangeCode.DUE_DATE_PASSED,
        ChangeCode.PREGNANCY_ENDED,
        ChangeCode.PREGNANCY_CLEARED,
    }
)
_CONDITION_OF: Final = {
    ChangeCode.INJURY: Condition.ACUTE_INJURY,
    ChangeCode.INJURY_SETTLED: Condition.ACUTE_INJURY,
    ChangeCode.SURGERY: Condition.RECENT_SURGERY,
    ChangeCode.SURGERY_CLEARED: Condition.RECENT_SURGERY,
}
_SOURCES: Final = {
    ChangeCode.DUE_DATE_PASSED: ("C5",),
    ChangeCode.PREGNANCY_ENDED: ("C5",),
    ChangeCode.PREGNANCY_CLEARED: ("C5",),
    ChangeCode.INJURY: ("C10",),
    ChangeCode.INJURY_SETTLED: ("C10",),
    ChangeCode.SURGERY: ("E23",),
    ChangeCode.SURGERY_CLEARED: ("E23",),
}
_TRIMESTER_WORDS: Final = {
    Condition.PREGNANCY_FIRST_TRIMESTER: "the first trimester",
    Condition.PREGNANCY_SECOND_TRIMESTER: "the second trimester",
    Condition.PREGNANCY_THIRD_TRIMESTER: "the third trimester",
}


def _check_ids(_: object, attribute: Any, ids: Any) -> None:
    v.collection(attribute.name, ids, tuple, str)
    for i, item in enumerate(ids):
        v.slug(f"{attribute.name}[{i}]", item)


@attrs.frozen(kw_only=True)
class PersonChange:
    """One way the person changed this week, and what it changed in their routine.

    >>> import datetime as dt
    >>> change = PersonChange(
    ...     code=ChangeCode.TRIMESTER,
    ...     condition=Condition.PREGNANCY_SECOND_TRIMESTER,
    ...     day=dt.date(2027, 3, 2),
    ...     pregnancy_week=13,
    ...     left_out=["supine-chin-tuck"],
    ...     rules=["pregnancy-supine"],
    ... )
    >>> print(change.headline)
    The second trimester of pregnancy starts on 2027-03-02 (week 13).

    Args:
        code: Why the person changed.
        condition: The condition that starts, ends or stays.
        day: The day the change happened (the plan applies it to the whole
            week it falls in, the cautious reading); ``None`` in a plan
            without dates.
        pregnancy_week: The week of pregnancy on ``day``, for a change of a
            dated pregnancy.
        left_out: The exercises (ids) left out from this week because of it;
            only when the condition starts.
        back: The exercises (ids) back from this week, at their starting
            dose, because of it; only when the condition ends.
        rules: The ids of the library's rules that apply from this week
            because of it, or that are lifted; each is a rule of ``condition``.

    .. versionadded:: 0.3.0
    """

    code: ChangeCode
    condition: Condition
    day: dt.date | None = None
    pregnancy_week: int | None = attrs.field(
        default=None, metadata=v.between(0, MAX_PREGNANCY_WEEK)
    )
    left_out: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_ids)
    back: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_ids)
    rules: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_ids)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("code", self.code, ChangeCode)
        v.instance("condition", self.condition, Condition)
        if self.day is not None and type(self.day) is not dt.date:
            raise InvalidValue("day", self.day, "must be a date")
        self._check_condition()
        effect = self.code.effect
        if self.left_out and effect is not ChangeEffect.STARTS:
            raise InvalidValue(
                "left_out", list(self.left_out), "may only be given when a condition starts"
            )
        if self.back and effect is not ChangeEffect.ENDS:
            raise InvalidValue("back", list(self.back), "may only be given when a condition ends")
        if self.rules and effect is ChangeEffect.STAYS:
            raise InvalidValue(
                "rules", list(self.rules), "may only be given when a condition starts or ends"
            )
        for i, rule_id in enumerate(self.rules):
            rule = _RULES_BY_ID.get(rule_id)
            if rule is None or self.condition not in rule.conditions:
                raise InvalidValue(
                    f"rules[{i}]",
                    rule_id,
                    f"must name a rule in upperback.RULES for {self.condition.value}",
                )

    def _check_condition(self) -> None:
        pregnant = self.code in _PREGNANCY_CODES
        wanted = _CONDITION_OF.get(self.code)
        if pregnant and self.condition not in PREGNANCY:
            raise InvalidValue(
                "condition", self.condition.value, f"must be a trimester for {self.code.value!r}"
            )
        if wanted is not None and self.condition is not wanted:
            raise InvalidValue(
                "condition",
                self.condition.value,
                f"must be {wanted.value!r} for {self.code.value!r}",
            )
        if not pregnant and wanted is None and self.condition in DATED_APART:
            raise InvalidValue(
                "condition",
                self.condition.value,
                "must not be a pregnancy, an acute injury or recent surgery"
                f" for {self.code.value!r}",
            )
        if self.pregnancy_week is not None and not pregnant:
            raise InvalidValue(
                "pregnancy_week", self.pregnancy_week, "may only be given for a pregnancy's change"
            )

    @property
    def effect(self) -> ChangeEffect:
        """What the change does to its condition (starts, ends, or stays)."""
        return self.code.effect

    @property
    def headline(self) -> str:
        """The change in one sentence, without what it left out or let back."""
        since = self.day.isoformat() if self.day is not None else "this week"
        when = f"on {since}" if self.day is not None else since
        week = f" (week {self.pregnancy_week})" if self.pregnancy_week is not None else ""
        name = _TRIMESTER_WORDS.get(self.condition, self.condition.value.replace("_", " "))
        line = _HEADLINES[self.code].format(
            when=when, since=since, week=week, name=name, days=PEACE_DAYS
        )
        return line[:1].upper() + line[1:]

    @property
    def summary(self) -> str:
        """The headline, and the exercises the change left out or let back."""
        parts = [self.headline]
        if self.left_out:
            parts.append(f"Left out from this week: {', '.join(self.left_out)}.")
        if self.back:
            parts.append(f"Back from this week, at their starting dose: {', '.join(self.back)}.")
        return " ".join(parts)

    @property
    def text(self) -> str:
        """The change in plain words, with what it left out or let back, and why."""
        parts = [self.summary]
        if self.effect is ChangeEffect.STARTS:
            parts.extend(rule.reason for rule in self.applied)
        elif self.rules:
            parts.append(f"Rules lifted: {', '.join(self.rules)}.")
        return " ".join(parts)

    @property
    def applied(self) -> tuple[Rule, ...]:
        """The rules named in ``rules``, as rules."""
        return tuple(_RULES_BY_ID[rule_id] for rule_id in self.rules)

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys of the change and of its rules, each once, in order."""
        keys = [
            *_SOURCES.get(self.code, ()),
            *(key for rule in self.applied for key in rule.sources),
        ]
        return tuple(dict.fromkeys(keys))


_HEADLINES: Final = {
    ChangeCode.TRIMESTER: "{name} of pregnancy starts {when}{week}.",
    ChangeCode.TRIMESTER_ASSUMED: (
        "The profile gives the pregnancy's trimester without a date, so {name} is"
        " assumed from this week, the earliest it could start: give the pregnancy's"
        " week or due date to plan it exactly."
    ),
    ChangeCode.DUE_DATE_PASSED: (
        "The due date, {since}{week}, has passed with no end of the pregnancy recorded:"
        " the rules of {name} stay until the end of the pregnancy and a clinician's"
        " clearance to exercise after it are recorded."
    ),
    ChangeCode.PREGNANCY_ENDED: (
        "The pregnancy ended {when}{week}: the rules of {name} stay until a clinician"
        " clears exercise after it, so nothing they left out comes back before that."
    ),
    ChangeCode.PREGNANCY_CLEARED: (
        "A clinician cleared exercise after the pregnancy {when}: the rules of {name} are lifted."
    ),
    ChangeCode.INJURY: (
        "An acute soft-tissue injury {when}: its first days (the day and the {days} after)"
        " protect it."
    ),
    ChangeCode.INJURY_SETTLED: (
        "The injury is past its first days from {since}: load it as symptoms allow, with pain"
        " guiding the progression."
    ),
    ChangeCode.SURGERY: "Surgery {when}: exercise waits for a clinician's clearance.",
    ChangeCode.SURGERY_CLEARED: "A clinician cleared exercise after surgery {when}.",
    ChangeCode.CONDITION_STARTS: "{name} applies from {since}.",
    ChangeCode.CONDITION_ENDS: "{name} no longer applies from {since}.",
}
