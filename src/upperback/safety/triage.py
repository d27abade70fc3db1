"""Triage: from how a person's back is doing to whether they should see a professional.

:func:`triage` reads a :class:`SymptomReport` and returns :class:`Advice`:
carry on, carry on with care, book a routine appointment, get an urgent
appointment the same day, or call the emergency services. The tiers of the
red flags follow the NHS back-pain page [R3]: chest pain and the
cauda-equina signs (bladder or bowel change, numbness around the genitals or
buttocks, symptoms in both legs) go to 999 or A&E; the other warning signs,
pain between the shoulder blades among them, to an urgent GP appointment or
NHS 111. The defaults follow the cited sources on red flags and pain
monitoring, taking the more cautious reading where the sources disagree; a
threshold no source gives is marked a convention. The advice supports a
clinician's judgement; it does not diagnose and does not replace one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.dose import MAX_PAIN
from upperback.errors import InvalidValue
from upperback.safety.conditions import ONSET_RED_FLAG_BANDS, AgeBand, Condition
from upperback.safety.profile import Profile
from upperback.sources import CONVENTION

__all__ = [
    "DEFAULT_POLICY",
    "FINDINGS",
    "SUPPORTS_NOT_REPLACES",
    "Advice",
    "AdviceCode",
    "AdviceLevel",
    "Finding",
    "FindingCheck",
    "Reason",
    "RedFlag",
    "SafetyPolicy",
    "SymptomReport",
    "Trend",
    "advise",
    "findings",
    "next_morning_ceiling",
    "pain_ceiling",
    "pain_findings",
    "triage",
]

MAX_DAYS: Final = 36_500
"""The most days since onset a report may give (a hundred years)."""


class Trend(enum.StrEnum):
    """How the pain has changed since it began: better, the same, or worse.

    .. versionadded:: 0.1.0
    """

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class RedFlag(enum.StrEnum):
    """A sign that upper-back pain may have a serious cause [R1][R2*][R3].

    Each member is a yes-or-no question an app asks; :attr:`question` gives
    the wording, :attr:`sources` the source keys and :attr:`level` where a
    yes sends the person. Most single red flags have weak diagnostic
    accuracy and are meant to prompt a clinician's reasoning, not to
    diagnose [R1]; the library therefore refers on any of them.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       :attr:`level`: chest pain, the bladder, bowel, saddle and both-legs
       question and a violent injury are emergencies; the others urgent.
    """

    RECENT_TRAUMA = "recent_trauma"
    MINOR_TRAUMA_WITH_OSTEOPOROSIS = "minor_trauma_with_osteoporosis"
    ONSET_UNDER_20_OR_OVER_50 = "onset_under_20_or_over_50"
    CANCER_OR_IMMUNE_RISK = "cancer_or_immune_risk"
    FEVER_OR_WEIGHT_LOSS = "fever_or_weight_loss"
    RECENT_INFECTION = "recent_infection"
    CONSTANT_OR_NIGHT_PAIN = "constant_or_night_pain"
    PROGRESSIVE_NEUROLOGICAL = "progressive_neurological"
    BLADDER_BOWEL_OR_SADDLE = "bladder_bowel_or_saddle"
    CHEST_PAIN = "chest_pain"
    BETWEEN_SHOULDER_BLADES_WITH_SYMPTOMS = "between_shoulder_blades_with_symptoms"
    WORSE_WITH_COUGH_OR_SNEEZE = "worse_with_cough_or_sneeze"
    STRUCTURAL_DEFORMITY = "structural_deformity"
    SEVERE_MORNING_STIFFNESS = "severe_morning_stiffness"
    NECK_DIZZINESS_OR_VISUAL = "neck_dizziness_or_visual"

    @property
    def question(self) -> str:
        """The question to ask, in plain words."""
        return _RED_FLAGS[self][0]

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys the red flag rests on."""
        return _RED_FLAGS[self][1]

    @property
    def level(self) -> AdviceLevel:
        """Where a yes sends the person, ``emergency`` or ``urgent``.

        The NHS sends chest pain, and the signs of cauda equina syndrome
        (bladder or bowel change, numbness around the genitals or buttocks,
        symptoms in both legs), to 999 or A&E, and pain between the
        shoulder blades to an urgent GP appointment or NHS 111 [R3]. A
        violent injury is an emergency too, and every other red flag is
        urgent (the cautious readings).

        .. versionadded:: 0.2.0
        """
        return AdviceLevel.EMERGENCY if self in _EMERGENCY_FLAGS else AdviceLevel.URGENT


_RED_FLAGS: Final[dict[RedFlag, tuple[str, tuple[str, ...]]]] = {
    RedFlag.RECENT_TRAUMA: (
        "Did the pain start after a violent injury, such as a road accident or a fall from height?",
        ("R2*", "R3"),
    ),
    RedFlag.MINOR_TRAUMA_WITH_OSTEOPOROSIS: (
        "Do you have osteoporosis, and did the pain start after a minor knock, fall or lifting?",
        ("R2*",),
    ),
    RedFlag.ONSET_UNDER_20_OR_OVER_50: (
        "Is this new back pain that started before you were 20 or after you turned 50?",
        ("R2*", "R8*"),
    ),
    RedFlag.CANCER_OR_IMMUNE_RISK: (
        (
            "Have you had cancer, HIV or a weakened immune system, injected drugs,"
            " or taken steroid tablets for a long time?"
        ),
        ("R2*", "R4"),
    ),
    RedFlag.FEVER_OR_WEIGHT_LOSS: (
        (
            "Do you have a fever or chills (38 °C or more), feel generally unwell,"
            " or have you lost weight without trying?"
        ),
        ("R2*", "R3"),
    ),
    RedFlag.RECENT_INFECTION: ("Have you recently had a bacterial infection?", ("R2*",)),
    RedFlag.CONSTANT_OR_NIGHT_PAIN: (
        (
            "Is the pain constant or getting steadily worse, not eased by rest or changing"
            " position, or worse at night or waking you from sleep?"
        ),
        ("R2*", "R3"),
    ),
    RedFlag.PROGRESSIVE_NEUROLOGICAL: (
        (
            "Do you have weakness, numbness or clumsiness in the arms, hands or legs,"
            " or a change in walking or balance, that is getting worse?"
        ),
        ("R2*", "R4", "C11"),
    ),
    RedFlag.BLADDER_BOWEL_OR_SADDLE: (
        (
            "Have you had any change in bladder or bowel control, numbness around the"
            " genitals or buttocks, or pain, numbness, tingling or weakness in both legs?"
        ),
        ("R3",),
    ),
    RedFlag.CHEST_PAIN: ("Do you have chest pain as well as the back pain?", ("R3",)),
    RedFlag.BETWEEN_SHOULDER_BLADES_WITH_SYMPTOMS: (
        (
            "Is the pain high in the back, between the shoulder blades, together with"
            " feeling unwell or any other new symptom?"
        ),
        ("R1", "R2*", "R3"),
    ),
    RedFlag.WORSE_WITH_COUGH_OR_SNEEZE: (
        "Does coughing, sneezing or straining make the pain worse?",
        ("R3",),
    ),
    RedFlag.STRUCTURAL_DEFORMITY: (
        "Have you noticed a change in the shape of your back, or swelling on it?",
        ("R2*", "R3"),
    ),
    RedFlag.SEVERE_MORNING_STIFFNESS: (
        "Is your back severely stiff in the mornings?",
        ("R2*",),
    ),
    RedFlag.NECK_DIZZINESS_OR_VISUAL: (
        (
            "With neck pain: do you have dizziness, changes in sight or hearing, headache,"
            " severe neck tenderness or swollen glands?"
        ),
        ("R4", "R17"),
    ),
}

_EMERGENCY_FLAGS: Final = frozenset(
    {RedFlag.CHEST_PAIN, RedFlag.BLADDER_BOWEL_OR_SADDLE, RedFlag.RECENT_TRAUMA}
)


@attrs.frozen(kw_only=True)
class SymptomReport:
    """How a person's upper back is doing, as they report it.

    >>> report = SymptomReport(days_since_onset=16, trend=Trend.SAME, pain_now=3)
    >>> report.trend
    <Trend.SAME: 'same'>

    Args:
        days_since_onset: Days since the pain began, 0 or more.
        trend: Better, the same or worse since it began.
        pain_now: Pain at rest now, 0 (none) to 10 (worst imaginable).
        pain_after_exercise: Pain during or just after the last session, 0 to 10.
        pain_next_morning: Pain the morning after the last session, 0 to 10.
        days_worse_after_exercise: Days that pain has stayed worse after
            exercising, 0 or more.
        red_flags: The red-flag questions answered "yes"; every other one is a "no".

    .. versionadded:: 0.1.0
    """

    days_since_onset: int = attrs.field(metadata=v.between(0, MAX_DAYS, " days"))
    trend: Trend
    pain_now: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    pain_after_exercise: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    pain_next_morning: int | None = attrs.field(default=None, metadata=v.between(0, MAX_PAIN))
    days_worse_after_exercise: int = attrs.field(
        default=0, metadata=v.between(0, MAX_DAYS, " days")
    )
    red_flags: frozenset[RedFlag] = attrs.field(default=frozenset(), converter=to_frozenset)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("trend", self.trend, Trend)
        if not isinstance(self.red_flags, frozenset):
            raise InvalidValue(
                "red_flags", self.red_flags, "must be a collection of RedFlag values"
            )
        v.members("red_flags", self.red_flags, RedFlag)


class AdviceLevel(enum.StrEnum):
    """How strongly the person should act, from mildest to most urgent.

    Members compare by urgency, their :attr:`rank`, never by their text:
    ``AdviceLevel.URGENT > AdviceLevel.CONTINUE``, and a level is never
    less than itself. A level also compares with its JSON value, by rank
    (``AdviceLevel.URGENT > "see_professional"``); any other text is refused.
    The three referral tiers are those of the NHS back-pain page [R3].

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``emergency``, above ``urgent``, which now means the same day.
    """

    CONTINUE = "continue"
    """Carry on with the plan."""
    CONTINUE_WITH_CARE = "continue_with_care"
    """Carry on without progressing, easing anything that hurts."""
    SEE_PROFESSIONAL = "see_professional"
    """Book a routine appointment with a GP or a physiotherapist."""
    URGENT = "urgent"
    """Get an urgent appointment the same day (an urgent GP appointment or NHS 111)."""
    EMERGENCY = "emergency"
    """Call 999 or go to A&E now (outside the UK, the local emergency number)."""

    @property
    def rank(self) -> int:
        """How urgent the level is, from 0 (continue) to 4 (emergency)."""
        return _RANK[self.value]

    @property
    def action(self) -> str:
        """What to do in a few plain words, and where to go for a referral.

        >>> AdviceLevel.URGENT.action
        'get an urgent GP appointment or call NHS 111 today'

        .. versionadded:: 0.2.0
        """
        return _ACTIONS[self.value]

    def __lt__(self, other: object) -> bool:
        return self.rank < _rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= _rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > _rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= _rank_of(other)


# Written out, not derived from the declaration or the text of the values:
# the order is a clinical statement.
_RANK: Final[dict[str, int]] = {
    "continue": 0,
    "continue_with_care": 1,
    "see_professional": 2,
    "urgent": 3,
    "emergency": 4,
}


_ACTIONS: Final[dict[str, str]] = {
    "continue": "carry on",
    "continue_with_care": "carry on gently, without making the routine harder",
    "see_professional": "book a routine appointment with a GP or a physiotherapist",
    "urgent": "get an urgent GP appointment or call NHS 111 today",
    "emergency": "call 999 or go to A&E now",
}


def _rank_of(other: object) -> int:
    # A str that is not a level's value must not fall back to str's own,
    # alphabetical, comparison: it is refused.
    if isinstance(other, str) and other in _RANK:
        return _RANK[other]
    raise InvalidValue(
        "other", other, f"must be an AdviceLevel or one of {', '.join(map(repr, _RANK))}"
    )


class AdviceCode(enum.StrEnum):
    """A stable code for why advice was given, for an app to act on.

    .. versionadded:: 0.1.0
    """

    NO_CONCERNS = "no_concerns"
    RED_FLAG = "red_flag"
    SYMPTOMS_PAST_CEILING = "symptoms_past_ceiling"
    NOT_IMPROVING = "not_improving"
    WORSE_AFTER_EXERCISE = "worse_after_exercise"
    PAIN_ABOVE_CEILING = "pain_above_ceiling"
    NOT_SETTLED_NEXT_MORNING = "not_settled_next_morning"
    GETTING_WORSE = "getting_worse"
    OSTEOPOROSIS_BACK_PAIN = "osteoporosis_back_pain"
    ONSET_AGE = "onset_age"


@attrs.frozen(kw_only=True)
class Reason:
    """One finding behind a piece of advice.

    Args:
        code: What was found, as a stable code.
        level: The advice it calls for on its own.
        text: The finding, in plain words.
        sources: Source keys (see :func:`~upperback.sources.reference`).
        convention: The threshold behind it that no source gives, when there
            is one (as the :class:`Finding` has it); the text says so too.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``convention``.
    """

    code: AdviceCode
    level: AdviceLevel
    text: str = attrs.field(metadata=v.text_up_to())
    sources: tuple[str, ...] = attrs.field(converter=to_tuple, metadata=v.items(item=v.SOURCE_KEY))
    convention: str | None = attrs.field(default=None, metadata=v.text_up_to(200))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("code", self.code, AdviceCode)
        v.instance("level", self.level, AdviceLevel)
        if not isinstance(self.sources, tuple):
            raise InvalidValue("sources", self.sources, "must be a collection of source keys")
        if problems := self._bound_problems():
            v.report(problems)


def _policy(low: int, default: int) -> dict[str, Any]:
    # The default is the loosest value allowed: a policy may only be made stricter.
    return v.between(
        low,
        default,
        reason=f"must be an integer from {low} to {default}: a policy may be stricter"
        " than the default, never looser",
    )


@attrs.frozen(kw_only=True)
class SafetyPolicy:
    """The thresholds :func:`triage` uses. Each may be made stricter, never looser.

    Args:
        pain_ceiling: Pain above this (0–10), at rest or during and after
            exercise, calls for care. Default 5: pain may reach but not
            exceed 5/10 in the pain-monitoring model [P7][P11*].
        settled_pain: Next-morning pain above this (0–10) has not settled.
            Default 3: pain should have subsided by the next morning [P7],
            and reading 3/10 as subsided is a common convention, not from a
            study.
        max_days_worse_after_exercise: More days than this of pain worse
            after exercise calls for a professional. Default 3, reading
            "a few days" [P11*] (derived).
        not_improving_days: Pain that is no better after this many days
            calls for a professional. Default 14 (derived): the NHS says
            "a few weeks" [R3], and most back pain starts to fade within 2
            weeks [R15].
        max_symptom_days: Pain lasting longer than this calls for a
            professional whatever its trend. Default 28 (4 weeks), the
            shorter end of the 4–6 week ceiling [R2*][R5], and when
            NICE CKS suggests considering physiotherapy referral for neck
            pain [R4].

    .. versionadded:: 0.1.0
    """

    pain_ceiling: int = attrs.field(default=5, metadata=_policy(0, 5))
    settled_pain: int = attrs.field(default=3, metadata=_policy(0, 3))
    max_days_worse_after_exercise: int = attrs.field(default=3, metadata=_policy(0, 3))
    not_improving_days: int = attrs.field(default=14, metadata=_policy(1, 14))
    max_symptom_days: int = attrs.field(default=28, metadata=_policy(1, 28))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)

    def for_profile(self, profile: Profile) -> SafetyPolicy:
        """This policy, made stricter where the person's conditions call for it.

        Nerve-related pain (cervical radiculopathy) keeps to 0–3/10, and so
        do the first days of an acute injury, as the screening rules do: a
        common convention, not from a study, stricter than the 5/10 of the
        pain-monitoring model [P7]. A stricter value already set is kept.

        >>> DEFAULT_POLICY.for_profile(Profile(conditions={Condition.ACUTE_INJURY})).pain_ceiling
        3
        """
        profile.require_undated()  # its conditions depend on the day
        if profile.conditions.isdisjoint(_NERVE_OR_ACUTE):
            return self
        return attrs.evolve(self, pain_ceiling=min(self.pain_ceiling, 3))


_NERVE_OR_ACUTE: Final = frozenset({Condition.CERVICAL_RADICULOPATHY, Condition.ACUTE_INJURY})


DEFAULT_POLICY: Final = SafetyPolicy()
"""The documented, cautious defaults of :class:`SafetyPolicy`."""

SUPPORTS_NOT_REPLACES: Final = (
    "This advice comes from a checklist; it supports, and does not replace,"
    " a healthcare professional's judgement."
)
"""The sentence every advice message ends with."""

_MESSAGES: Final = {
    AdviceLevel.CONTINUE: (
        "Nothing you reported calls for a change: carry on with your routine and keep"
        " noting how your back feels. If the pain is not getting better within a few"
        " weeks, or stays worse for a few days after exercise, book an appointment with"
        " your GP or a physiotherapist."
    ),
    AdviceLevel.CONTINUE_WITH_CARE: (
        "Carry on gently: do not make the routine harder for now, ease off or skip any"
        " exercise that hurts, and check that pain settles by the next morning. If pain"
        " stays worse for a few days after exercise, book an appointment with your GP or"
        " a physiotherapist."
    ),
    AdviceLevel.SEE_PROFESSIONAL: (
        "Book a routine appointment with your GP or a physiotherapist about this pain,"
        " and tell them what you reported here. Until then, keep to gentle movement"
        " that does not make it worse."
    ),
    AdviceLevel.URGENT: (
        "Stop exercising and get an urgent appointment today: ask your GP practice for"
        " an urgent appointment, or call NHS 111 (outside the UK, your doctor's urgent"
        " line or local urgent-care service). Tell them what you reported here."
    ),
    AdviceLevel.EMERGENCY: (
        "Stop exercising and call 999 or go to A&E now (outside the UK, call your local"
        " emergency number or go to an emergency department). Tell them what you"
        " reported here."
    ),
}


@attrs.frozen(kw_only=True)
class Advice:
    """What the person should do, why, and on which sources it rests.

    Args:
        level: How strongly to act.
        code: The code of the first, most pressing reason (``no_concerns`` when none).
        message: Plain-language advice for the person. It always states
            that the advice supports, and does not replace, a clinician.
        reasons: Every finding, most pressing first; ``level`` is the level of the first.

    .. versionadded:: 0.1.0
    """

    level: AdviceLevel
    code: AdviceCode
    message: str = attrs.field(metadata=v.text_up_to())
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=to_tuple)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("level", self.level, AdviceLevel)
        v.instance("code", self.code, AdviceCode)
        if problems := self._bound_problems():
            v.report(problems)
        if not isinstance(self.reasons, tuple):
            raise InvalidValue("reasons", self.reasons, "must be a collection of Reason values")
        for i, reason in enumerate(self.reasons):
            v.instance(f"reasons[{i}]", reason, Reason)
        level = max((r.level for r in self.reasons), default=AdviceLevel.CONTINUE)
        if self.level is not level:
            raise InvalidValue(
                "level", self.level.value, f"must be the most pressing reason's level ({level!s})"
            )
        code = self.reasons[0].code if self.reasons else AdviceCode.NO_CONCERNS
        if self.code is not code:
            raise InvalidValue(
                "code", self.code.value, f"must be the first reason's code ({code!s})"
            )

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys of every reason, each once, in order."""
        return tuple(dict.fromkeys(key for reason in self.reasons for key in reason.sources))


FindingCheck = Callable[[SymptomReport, SafetyPolicy, frozenset[Condition]], Iterable[str]]
"""The test of a finding, which yields one text for each instance it finds in a report."""


@attrs.frozen(kw_only=True)
class Finding:
    """One finding triage looks for: when it holds, the advice it calls for, and why.

    The findings are data, in :data:`FINDINGS`, so that triage and the
    progression layer's pain gate (:func:`pain_findings`) read the same
    thresholds and can never disagree.

    Args:
        code: The stable code of the reason it gives.
        level: The advice it calls for on its own.
        sources: Source keys (see :func:`~upperback.sources.reference`).
        check: What it found in a report, read with a policy already made
            stricter for the person, and the person's conditions: one
            text per instance found, none when it does not hold.
        pain_gate: Whether it reads only pain around exercise, and so
            belongs to the pain gate a progression applies after a session.
        convention: The threshold no source gives, when there is one: a
            common convention, not from a study. Its reasons carry it, and
            the check's text says so.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``convention``.
    """

    code: AdviceCode
    level: AdviceLevel
    sources: tuple[str, ...] = attrs.field(converter=to_tuple)
    check: FindingCheck
    pain_gate: bool = False
    convention: str | None = None

    def __attrs_post_init__(self) -> None:
        v.instance("code", self.code, AdviceCode)
        v.instance("level", self.level, AdviceLevel)
        v.collection("sources", self.sources, tuple, str)
        if not callable(self.check):
            raise InvalidValue("check", self.check, "must be callable")
        v.instance("pain_gate", self.pain_gate, bool)
        if self.convention is not None:
            v.instance("convention", self.convention, str)

    def find(
        self, report: SymptomReport, policy: SafetyPolicy, conditions: frozenset[Condition]
    ) -> tuple[Reason, ...]:
        """A :class:`Reason` for each instance of this finding in ``report``."""
        return tuple(
            Reason(
                code=self.code,
                level=self.level,
                text=text,
                sources=self.sources,
                convention=self.convention,
            )
            for text in self.check(report, policy, conditions)
        )


def _settled(report: SymptomReport) -> bool:
    # Only a report of no pain now (known to be 0: an unknown pain is not no
    # pain) and getting better no longer describes back pain.
    return report.pain_now == 0 and report.trend is Trend.BETTER


def _osteoporosis(
    report: SymptomReport, _: SafetyPolicy, conditions: frozenset[Condition]
) -> Iterable[str]:
    # Back pain with osteoporosis goes to a clinician [C1].
    if Condition.OSTEOPOROSIS in conditions and not _settled(report):
        yield "Back pain in someone with osteoporosis should be checked by a clinician."


def _past_ceiling(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    days = report.days_since_onset
    if days > policy.max_symptom_days:
        yield f"The pain has lasted {days} days, more than {policy.max_symptom_days}."


def _not_improving(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    days = report.days_since_onset
    if report.trend is not Trend.BETTER and days >= policy.not_improving_days:
        yield (
            f"The pain is not improving ({report.trend.value}) after {days} days;"
            f" the limit is {policy.not_improving_days}."
        )


def _worse_after_exercise(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    days = report.days_worse_after_exercise
    if days > policy.max_days_worse_after_exercise:
        yield (
            f"Pain has stayed worse after exercise for {days} days, more than"
            f" {policy.max_days_worse_after_exercise}."
        )


def _above_ceiling(pain: int | None, label: str, policy: SafetyPolicy) -> Iterable[str]:
    if pain is not None and pain > policy.pain_ceiling:
        yield f"Pain {label} is {pain}/10, above {policy.pain_ceiling}/10."


def _pain_at_rest(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    return _above_ceiling(report.pain_now, "at rest", policy)


def _pain_with_exercise(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    return _above_ceiling(report.pain_after_exercise, "with exercise", policy)


def _not_settled(
    report: SymptomReport, policy: SafetyPolicy, _: frozenset[Condition]
) -> Iterable[str]:
    pain = report.pain_next_morning
    if pain is not None and pain > policy.settled_pain:
        yield (
            f"Pain the next morning is {pain}/10, above {policy.settled_pain}/10:"
            f" it has not settled (that limit is {CONVENTION})."
        )


def _getting_worse(
    report: SymptomReport, _: SafetyPolicy, __: frozenset[Condition]
) -> Iterable[str]:
    if report.trend is Trend.WORSE:
        yield "The pain is getting worse."


_CARE, _SEE = AdviceLevel.CONTINUE_WITH_CARE, AdviceLevel.SEE_PROFESSIONAL

FINDINGS: Final[tuple[Finding, ...]] = (
    Finding(
        code=AdviceCode.OSTEOPOROSIS_BACK_PAIN, level=_SEE, sources=("C1",), check=_osteoporosis
    ),
    Finding(
        code=AdviceCode.SYMPTOMS_PAST_CEILING,
        level=_SEE,
        sources=("R2*", "R5", "R4"),
        check=_past_ceiling,
    ),
    Finding(
        code=AdviceCode.NOT_IMPROVING,
        level=_SEE,
        sources=("R3", "R15"),
        check=_not_improving,
    ),
    Finding(
        code=AdviceCode.WORSE_AFTER_EXERCISE,
        level=_SEE,
        sources=("P11*",),
        check=_worse_after_exercise,
        pain_gate=True,
    ),
    Finding(
        code=AdviceCode.PAIN_ABOVE_CEILING,
        level=_CARE,
        sources=("P7", "P11*"),
        check=_pain_at_rest,
    ),
    Finding(
        code=AdviceCode.PAIN_ABOVE_CEILING,
        level=_CARE,
        sources=("P7", "P11*"),
        check=_pain_with_exercise,
        pain_gate=True,
    ),
    Finding(
        code=AdviceCode.NOT_SETTLED_NEXT_MORNING,
        level=_CARE,
        sources=("P7",),
        check=_not_settled,
        pain_gate=True,
        convention="3/10 the next morning counts as settled",
    ),
    Finding(
        code=AdviceCode.GETTING_WORSE,
        level=_CARE,
        sources=("P7", "P11*"),
        check=_getting_worse,
    ),
)
"""Every finding :func:`triage` looks for after the red flags, in the order it reports them.

The rows marked ``pain_gate`` are the ones :func:`pain_findings` applies
after a session; their thresholds come from the :class:`SafetyPolicy`
made stricter for the person (:meth:`SafetyPolicy.for_profile`).
"""


def _policy_for(
    profile: Profile | None, policy: SafetyPolicy
) -> tuple[SafetyPolicy, frozenset[Condition]]:
    v.instance("policy", policy, SafetyPolicy)
    if profile is None:
        return policy, frozenset()
    v.instance("profile", profile, Profile)
    return policy.for_profile(profile), profile.conditions


_BAND_WORDS: Final = {AgeBand.UNDER_20: "under 20", AgeBand.OVER_50: "over 50"}


def _red_flags(report: SymptomReport) -> list[Reason]:
    return [
        Reason(
            code=AdviceCode.RED_FLAG,
            level=flag.level,
            text=f"Red flag: {flag.question} You answered yes.",
            sources=flag.sources,
        )
        for flag in RedFlag
        if flag in report.red_flags
    ]


def _onset_age(report: SymptomReport, age_band: AgeBand | None) -> list[Reason]:
    """The onset-age finding from the person's age band, when it holds.

    New back pain that starts before 20 or after 50 is a red flag
    [R2*][R8*]. When the person's band is one of
    :data:`~upperback.safety.conditions.ONSET_RED_FLAG_BANDS` and the
    report describes back pain, and the person has not answered the red
    flag yes, the band gives half of it: whether the pain is new, and began
    in that band, only the person can say (a person over 50 may have had it
    begin before turning 50). So it refers them to a professional who can
    ask, rather than sending them to urgent care on a guess; a yes to the
    question is urgent as every red flag is. A report of no pain at rest
    now (known to be 0) that is not getting worse describes no back pain,
    whatever the discomfort of exercise; an unknown pain is not no pain.
    """
    flag = RedFlag.ONSET_UNDER_20_OR_OVER_50
    if age_band not in ONSET_RED_FLAG_BANDS or flag in report.red_flags:
        return []
    if report.pain_now == 0 and report.trend is not Trend.WORSE:
        return []
    text = (
        f"Your profile's age band is {_BAND_WORDS[age_band]}: back pain that starts"
        " before 20 or after 50 should be checked by a healthcare professional."
        " If this pain is new, tell them so."
    )
    return [Reason(code=AdviceCode.ONSET_AGE, level=_SEE, text=text, sources=flag.sources)]


def findings(
    report: SymptomReport,
    policy: SafetyPolicy = DEFAULT_POLICY,
    *,
    profile: Profile | None = None,
) -> tuple[Reason, ...]:
    """Every finding in a report, most pressing first: the reasons :func:`triage` gives.

    Red flags come first (each :class:`RedFlag` answered yes, at its
    :attr:`~RedFlag.level`, the emergencies first), then, given
    a profile whose age band is under 20 or over 50, the onset-age
    finding (``onset_age``, see :func:`triage`), then the rows of
    :data:`FINDINGS` that hold, in table order within a level.

    >>> [r.code.value for r in findings(SymptomReport(days_since_onset=3, trend=Trend.WORSE))]
    ['getting_worse']

    Raises:
        InvalidValue: ``report``, ``policy`` or ``profile`` is of the wrong type.

    .. versionadded:: 0.1.0
    """
    v.instance("report", report, SymptomReport)
    policy, conditions = _policy_for(profile, policy)
    found = _red_flags(report)
    found.extend(_onset_age(report, None if profile is None else profile.age_band))
    for finding in FINDINGS:
        found.extend(finding.find(report, policy, conditions))
    return tuple(sorted(found, key=lambda reason: -reason.level.rank))


def pain_ceiling(profile: Profile | None = None, policy: SafetyPolicy = DEFAULT_POLICY) -> int:
    """The most pain (0–10) during or after exercise that lets a person progress.

    Pain above it calls for care (``pain_above_ceiling``): hold, do not
    progress. It is the policy's ``pain_ceiling`` made stricter for the
    person's conditions: 5 by default [P7], 3 with nerve-related pain or an
    acute injury (a common convention, not from a study).

    >>> pain_ceiling(), pain_ceiling(Profile(conditions={Condition.CERVICAL_RADICULOPATHY}))
    (5, 3)

    .. versionadded:: 0.1.0
    """
    return _policy_for(profile, policy)[0].pain_ceiling


def next_morning_ceiling(
    profile: Profile | None = None, policy: SafetyPolicy = DEFAULT_POLICY
) -> int:
    """The most pain (0–10) the morning after a session that counts as settled.

    Pain above it has not settled (``not_settled_next_morning``): 3 by
    default. Pain should have subsided by the next morning [P7]; reading
    3/10 as subsided is a common convention, not from a study.

    >>> next_morning_ceiling()
    3

    .. versionadded:: 0.1.0
    """
    return _policy_for(profile, policy)[0].settled_pain


def pain_findings(
    *,
    pain_after_exercise: int | None = None,
    pain_next_morning: int | None = None,
    days_worse_after_exercise: int = 0,
    profile: Profile | None = None,
    policy: SafetyPolicy = DEFAULT_POLICY,
) -> tuple[Reason, ...]:
    """The pain gate: what the pain around a session calls for, most pressing first.

    It applies the ``pain_gate`` rows of :data:`FINDINGS` with the same
    thresholds :func:`triage` uses, so a progression that holds or
    refers on these reasons never disagrees with triage. No reason means
    the pain allows progressing; ``continue_with_care`` reasons mean hold
    (or ease off); a ``see_professional`` reason means refer. An unknown
    pain (``None``) gives no finding of its own.

    >>> [r.code.value for r in pain_findings(pain_after_exercise=6, pain_next_morning=2)]
    ['pain_above_ceiling']

    Args:
        pain_after_exercise: Pain during or just after the session, 0 to 10.
        pain_next_morning: Pain the next morning, 0 to 10.
        days_worse_after_exercise: Days pain has stayed worse after exercising.
        profile: The person, whose conditions make the ceilings stricter.
        policy: The thresholds.

    Raises:
        InvalidValue: A value is out of range or of the wrong type, naming it.

    .. versionadded:: 0.1.0
    """
    report = SymptomReport(
        days_since_onset=0,
        trend=Trend.SAME,
        pain_after_exercise=pain_after_exercise,
        pain_next_morning=pain_next_morning,
        days_worse_after_exercise=days_worse_after_exercise,
    )
    policy, conditions = _policy_for(profile, policy)
    found = [
        reason
        for finding in FINDINGS
        if finding.pain_gate
        for reason in finding.find(report, policy, conditions)
    ]
    return tuple(sorted(found, key=lambda reason: -reason.level.rank))


def triage(
    report: SymptomReport,
    policy: SafetyPolicy = DEFAULT_POLICY,
    *,
    profile: Profile | None = None,
) -> Advice:
    """Advice for a symptom report: from carry on to call the emergency services.

    A red flag gives its own :attr:`RedFlag.level`: ``emergency`` (call 999
    or go to A&E) for chest pain, the bladder, bowel, saddle and both-legs
    question, and a violent injury; ``urgent`` (an urgent GP appointment or
    NHS 111, the same day) for the others [R3]. Pain lasting past ``max_symptom_days``,
    not improving after ``not_improving_days``, or worse after exercise for
    more than ``max_days_worse_after_exercise`` days gives
    ``see_professional``; pain above the ceiling, next-morning pain that has
    not settled, or a worsening trend gives ``continue_with_care``. The
    level is the most pressing of all findings, and every finding is
    reported. A worse report never gets milder advice.

    Given the person's ``profile``, the policy is first made stricter for
    their conditions (:meth:`SafetyPolicy.for_profile`), and back pain in
    someone with osteoporosis is referred to a clinician [C1] unless the
    report says there is no pain now and it is getting better. Back pain
    in someone whose age band is under 20 or over 50 gives
    ``see_professional`` (``onset_age``) unless the person answered the
    onset-age red flag, which is urgent: new back pain that starts before
    20 or after 50 is a red flag [R2*][R8*], and only the person can
    say whether the pain is new. A report of no pain at rest now that is
    not getting worse describes no back pain for this finding.

    >>> advice = triage(SymptomReport(days_since_onset=16, trend=Trend.SAME))
    >>> advice.level, advice.code
    (<AdviceLevel.SEE_PROFESSIONAL: 'see_professional'>, <AdviceCode.NOT_IMPROVING: 'not_improving'>)

    Raises:
        InvalidValue: ``report``, ``policy`` or ``profile`` is of the wrong type.
    """  # noqa: E501
    return advise(findings(report, policy, profile=profile))


def advise(reasons: Iterable[Reason]) -> Advice:
    """The advice that a set of findings calls for: the most pressing first, and its message.

    This is how :func:`triage` turns its findings into :class:`Advice`;
    the progression layer uses it for findings read from a person's whole
    history (:func:`~upperback.progression.history.triage_history`), so
    both speak with one voice. The reasons keep their order within a level.

    >>> advise([]).level.value
    'continue'

    Raises:
        InvalidValue: A reason is not a :class:`Reason`.

    .. versionadded:: 0.2.0
    """
    found = to_tuple(reasons)
    v.collection("reasons", found, tuple, Reason)
    found = tuple(sorted(found, key=lambda reason: -reason.level.rank))
    level = found[0].level if found else AdviceLevel.CONTINUE
    return Advice(
        level=level,
        code=found[0].code if found else AdviceCode.NO_CONCERNS,
        message=f"{_MESSAGES[level]} {SUPPORTS_NOT_REPLACES}",
        reasons=found,
    )
