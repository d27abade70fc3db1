"""Safety: screening routines for a person, and triage that sends people to a professional.

Two halves, both pure functions over values:

- :func:`~upperback.safety.screen.screen` checks a routine (or one
  exercise) against the contraindication
  :data:`~upperback.safety.rules.RULES` that apply to a
  :class:`~upperback.safety.profile.Profile`, and returns a verdict on
  every block with its reasons and sources;
  :meth:`ScreenReport.safe_routine() <upperback.safety.screen.ScreenReport.safe_routine>`
  gives the routine with exclusions removed and modifications applied.
- a person changes: a :class:`~upperback.safety.profile.Profile` may carry
  dated facts (:mod:`~upperback.safety.dated`: a pregnancy, injuries,
  surgeries, conditions that start or end), and
  :meth:`Profile.on() <upperback.safety.profile.Profile.on>` gives the person
  as they are on a day; a plan records how they changed week by week
  (:class:`~upperback.safety.changes.PersonChange`).
- :func:`~upperback.safety.triage.triage` reads a
  :class:`~upperback.safety.triage.SymptomReport` and returns
  :class:`~upperback.safety.triage.Advice`: any red flag is urgent, and
  pain that persists past the thresholds of
  :class:`~upperback.safety.triage.SafetyPolicy` sends the person to a
  healthcare professional. The findings behind it are data
  (:data:`~upperback.safety.triage.FINDINGS`); the progression layer's
  pain gate reads the same rows through
  :func:`~upperback.safety.triage.pain_findings`,
  :func:`~upperback.safety.triage.pain_ceiling` and
  :func:`~upperback.safety.triage.next_morning_ceiling`.

The library supports clinicians; it does not diagnose and does not
replace one. Most back pain starts to ease within two weeks and settles
within six [R15]; pain that is not improving within a few weeks should be
seen by a GP or a physiotherapist [R3], and a red flag needs help at once,
at its tier [R3].
"""

from __future__ import annotations

from upperback.safety.changes import ChangeCode, ChangeEffect, PersonChange
from upperback.safety.conditions import (
    ONSET_RED_FLAG_BANDS,
    PREGNANCY,
    PREGNANCY_WEEKS,
    TRIMESTER_STARTS,
    AgeBand,
    Condition,
    trimester,
)
from upperback.safety.dated import (
    DATED_APART,
    PEACE_DAYS,
    PREGNANCY_DAYS,
    DatedCondition,
    Injury,
    Pregnancy,
    Surgery,
)
from upperback.safety.guidance import CONDITION_GUIDANCE, ConditionGuidance, condition_guidance
from upperback.safety.person import (
    ADULT_HOLD_S,
    BAND_CEILINGS,
    LEVEL_STEP,
    NOVICE_LEVELS,
    OLDER_ADULT_BANDS,
    OLDER_ADULT_HOLD_S,
    OLDER_OR_NOVICE_REPS,
    STRENGTH_REPS,
    STRETCH_TOTAL_S,
    adjusted_dose,
    band_ceiling,
    hold_range_s,
    is_novice,
    is_older_adult,
    level_in_reach,
    rep_range,
)
from upperback.safety.profile import Profile
from upperback.safety.rules import (
    CLINICIAN_RULE_ID,
    LEVEL_CAUTION_RULE_ID,
    LEVEL_EXCLUDE_RULE_ID,
    RULES,
    Action,
    Modification,
    Rule,
)
from upperback.safety.screen import BlockScreen, ScreenReport, Verdict, screen
from upperback.safety.triage import (
    DEFAULT_POLICY,
    FINDINGS,
    SUPPORTS_NOT_REPLACES,
    Advice,
    AdviceCode,
    AdviceLevel,
    Finding,
    Reason,
    RedFlag,
    SafetyPolicy,
    SymptomReport,
    Trend,
    advise,
    findings,
    next_morning_ceiling,
    pain_ceiling,
    pain_findings,
    triage,
)

__all__ = [
    "ADULT_HOLD_S",
    "BAND_CEILINGS",
    "CLINICIAN_RULE_ID",
    "CONDITION_GUIDANCE",
    "DATED_APART",
    "DEFAULT_POLICY",
    "FINDINGS",
    "LEVEL_CAUTION_RULE_ID",
    "LEVEL_EXCLUDE_RULE_ID",
    "LEVEL_STEP",
    "NOVICE_LEVELS",
    "OLDER_ADULT_BANDS",
    "OLDER_ADULT_HOLD_S",
    "OLDER_OR_NOVICE_REPS",
    "ONSET_RED_FLAG_BANDS",
    "PEACE_DAYS",
    "PREGNANCY",
    "PREGNANCY_DAYS",
    "PREGNANCY_WEEKS",
    "RULES",
    "STRENGTH_REPS",
    "STRETCH_TOTAL_S",
    "SUPPORTS_NOT_REPLACES",
    "TRIMESTER_STARTS",
    "Action",
    "Advice",
    "AdviceCode",
    "AdviceLevel",
    "AgeBand",
    "BlockScreen",
    "ChangeCode",
    "ChangeEffect",
    "Condition",
    "ConditionGuidance",
    "DatedCondition",
    "Finding",
    "Injury",
    "Modification",
    "PersonChange",
    "Pregnancy",
    "Profile",
    "Reason",
    "RedFlag",
    "Rule",
    "SafetyPolicy",
    "ScreenReport",
    "Surgery",
    "SymptomReport",
    "Trend",
    "Verdict",
    "adjusted_dose",
    "advise",
    "band_ceiling",
    "condition_guidance",
    "findings",
    "hold_range_s",
    "is_novice",
    "is_older_adult",
    "level_in_reach",
    "next_morning_ceiling",
    "pain_ceiling",
    "pain_findings",
    "rep_range",
    "screen",
    "triage",
    "trimester",
]
