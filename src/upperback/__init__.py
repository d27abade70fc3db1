"""upperback: typed, validated building blocks for upper-back exercise routines.

The library models stretches and strengthening exercises, the props they use
(the Swiss ball above all), routines, progression chains and safety rules, for apps
that guide people through them. It supports clinicians and apps; it does not
replace a healthcare professional, and it makes no claim beyond the evidence
its sources give. Most back pain starts to ease within two weeks and settles
within six; pain that is not improving within a few weeks should be seen by a
GP or a physiotherapist, and a warning sign (:class:`RedFlag`) needs help at
once.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, Final

# The public API, declared once: which module each public name comes from.
# Names load on first use (PEP 562), so `import upperback` costs little more
# than attrs and apps pay only for the parts they touch. The TYPE_CHECKING
# imports and `__all__` below are generated from this table by
# `python tools/public_api.py`, and a test fails when they are out of date.
_EXPORTS: Final[dict[str, tuple[str, ...]]] = {
    "upperback.anatomy": (
        "Muscle",
        "Region",
    ),
    "upperback.catalog": (
        "Catalog",
        "Mismatch",
        "Resolved",
        "default_catalog",
        "resolve_exercises",
    ),
    # Not `compose` itself: the name is the subpackage's, so the function is
    # `upperback.compose.compose` (or `from upperback.compose import compose`).
    "upperback.compose": (
        "Change",
        "ChangeKind",
        "Choice",
        "Composition",
        "Gap",
        "Goal",
        "Prescription",
        "Target",
        "desk_reset",
        "objective",
        "prescribe",
        "safe_exercises",
    ),
    "upperback.dose": (
        "Dose",
        "DoseLimits",
        "DoseNumber",
    ),
    "upperback.errors": (
        "InvalidCatalog",
        "InvalidDocument",
        "InvalidValue",
        "NothingFits",
        "InvalidValues",
        "NothingSafe",
        "Problem",
        "UnknownExercise",
        "UnknownReference",
        "UpperbackError",
    ),
    "upperback.exercise": (
        "Exercise",
        "Source",
    ),
    "upperback.progression": (
        "Adherence",
        "Advance",
        "BlockTally",
        "Chain",
        "CheckIn",
        "Clearance",
        "Decision",
        "DecisionReason",
        "Deload",
        "DoseField",
        "DoubleProgression",
        "Hold",
        "HistoryAdvice",
        "HoldProgression",
        "LinearProgression",
        "NextSession",
        "NextStatus",
        "Outcome",
        "PainGate",
        "PercentProgression",
        "PlannedSession",
        "Program",
        "ProgressAction",
        "ProgressionRule",
        "Referral",
        "RegressExercise",
        "RuleSet",
        "SessionLog",
        "SetOnWeek",
        "SetProgression",
        "StallDeload",
        "Suppress",
        "Tally",
        "Then",
        "Week",
        "addresses",
        "adherence",
        "default_rule",
        "next_session",
        "plan",
        "progress",
        "triage_history",
    ),
    "upperback.media": (
        "Media",
        "MediaKind",
    ),
    "upperback.props": (
        "BALL_CARE",
        "THERABAND_COLOURS",
        "BandLevel",
        "Barbell",
        "Bench",
        "CableStation",
        "Chair",
        "Doorway",
        "Dumbbell",
        "FoamRoller",
        "Kettlebell",
        "Kit",
        "Machine",
        "MassageBall",
        "Mat",
        "OtherProp",
        "Pillow",
        "Prop",
        "PropKind",
        "PropNeed",
        "PullUpBar",
        "ResistanceBand",
        "Stick",
        "Strap",
        "SuspensionTrainer",
        "SwissBall",
        "Towel",
        "Wall",
        "WeightPlate",
        "prop_name",
    ),
    "upperback.routine": (
        "MAX_STRENGTH_SESSIONS",
        "SWITCH_SIDES_S",
        "TRANSITION_S",
        "Block",
        "Caution",
        "Coverage",
        "DoseChange",
        "Routine",
        "ScaleResult",
        "Section",
        "SectionRole",
        "Side",
        "Step",
        "StepKind",
        "Structure",
        "Substitution",
        "SubstitutionResult",
        "check_recovery",
        "scale",
        "substitute",
    ),
    "upperback.safety": (
        "CLINICIAN_RULE_ID",
        "CONDITION_GUIDANCE",
        "DEFAULT_POLICY",
        "LEVEL_CAUTION_RULE_ID",
        "LEVEL_EXCLUDE_RULE_ID",
        "PEACE_DAYS",
        "RULES",
        "SUPPORTS_NOT_REPLACES",
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
        "condition_guidance",
        "band_ceiling",
        "level_in_reach",
        "trimester",
    ),
    "upperback.safety.screen": ("screen",),
    "upperback.safety.triage": (
        "FINDINGS",
        "Finding",
        "findings",
        "next_morning_ceiling",
        "pain_ceiling",
        "pain_findings",
        "triage",
    ),
    "upperback.serialization": (
        "SCHEMA_VERSION",
        "Limits",
        "configure_converter",
        "dumps",
        "from_data",
        "from_dict",
        "json_schema",
        "loads",
        "make_converter",
        "to_dict",
    ),
    "upperback.sources": (
        "CONVENTION",
        "Reference",
        "reference",
        "references",
    ),
    "upperback.vocab": (
        "Benefit",
        "ExerciseKind",
        "Feature",
        "KindFamily",
        "Laterality",
        "Level",
        "Movement",
        "Position",
    ),
}

_LAZY: Final = {name: module for module, names in _EXPORTS.items() for name in names}

# --- generated by tools/public_api.py from _EXPORTS: do not edit by hand ---
if TYPE_CHECKING:
    from upperback.anatomy import Muscle as Muscle
    from upperback.anatomy import Region as Region
    from upperback.catalog import Catalog as Catalog
    from upperback.catalog import Mismatch as Mismatch
    from upperback.catalog import Resolved as Resolved
    from upperback.catalog import default_catalog as default_catalog
    from upperback.catalog import resolve_exercises as resolve_exercises
    from upperback.compose import Change as Change
    from upperback.compose import ChangeKind as ChangeKind
    from upperback.compose import Choice as Choice
    from upperback.compose import Composition as Composition
    from upperback.compose import Gap as Gap
    from upperback.compose import Goal as Goal
    from upperback.compose import Prescription as Prescription
    from upperback.compose import Target as Target
    from upperback.compose import desk_reset as desk_reset
    from upperback.compose import objective as objective
    from upperback.compose import prescribe as prescribe
    from upperback.compose import safe_exercises as safe_exercises
    from upperback.dose import Dose as Dose
    from upperback.dose import DoseLimits as DoseLimits
    from upperback.dose import DoseNumber as DoseNumber
    from upperback.errors import InvalidCatalog as InvalidCatalog
    from upperback.errors import InvalidDocument as InvalidDocument
    from upperback.errors import InvalidValue as InvalidValue
    from upperback.errors import InvalidValues as InvalidValues
    from upperback.errors import NothingFits as NothingFits
    from upperback.errors import NothingSafe as NothingSafe
    from upperback.errors import Problem as Problem
    from upperback.errors import UnknownExercise as UnknownExercise
    from upperback.errors import UnknownReference as UnknownReference
    from upperback.errors import UpperbackError as UpperbackError
    from upperback.exercise import Exercise as Exercise
    from upperback.exercise import Source as Source
    from upperback.media import Media as Media
    from upperback.media import MediaKind as MediaKind
    from upperback.progression import Adherence as Adherence
    from upperback.progression import Advance as Advance
    from upperback.progression import BlockTally as BlockTally
    from upperback.progression import Chain as Chain
    from upperback.progression import CheckIn as CheckIn
    from upperback.progression import Clearance as Clearance
    from upperback.progression import Decision as Decision
    from upperback.progression import DecisionReason as DecisionReason
    from upperback.progression import Deload as Deload
    from upperback.progression import DoseField as DoseField
    from upperback.progression import DoubleProgression as DoubleProgression
    from upperback.progression import HistoryAdvice as HistoryAdvice
    from upperback.progression import Hold as Hold
    from upperback.progression import HoldProgression as HoldProgression
    from upperback.progression import LinearProgression as LinearProgression
    from upperback.progression import NextSession as NextSession
    from upperback.progression import NextStatus as NextStatus
    from upperback.progression import Outcome as Outcome
    from upperback.progression import PainGate as PainGate
    from upperback.progression import PercentProgression as PercentProgression
    from upperback.progression import PlannedSession as PlannedSession
    from upperback.progression import Program as Program
    from upperback.progression import ProgressAction as ProgressAction
    from upperback.progression import ProgressionRule as ProgressionRule
    from upperback.progression import Referral as Referral
    from upperback.progression import RegressExercise as RegressExercise
    from upperback.progression import RuleSet as RuleSet
    from upperback.progression import SessionLog as SessionLog
    from upperback.progression import SetOnWeek as SetOnWeek
    from upperback.progression import SetProgression as SetProgression
    from upperback.progression import StallDeload as StallDeload
    from upperback.progression import Suppress as Suppress
    from upperback.progression import Tally as Tally
    from upperback.progression import Then as Then
    from upperback.progression import Week as Week
    from upperback.progression import addresses as addresses
    from upperback.progression import adherence as adherence
    from upperback.progression import default_rule as default_rule
    from upperback.progression import next_session as next_session
    from upperback.progression import plan as plan
    from upperback.progression import progress as progress
    from upperback.progression import triage_history as triage_history
    from upperback.props import BALL_CARE as BALL_CARE
    from upperback.props import THERABAND_COLOURS as THERABAND_COLOURS
    from upperback.props import BandLevel as BandLevel
    from upperback.props import Barbell as Barbell
    from upperback.props import Bench as Bench
    from upperback.props import CableStation as CableStation
    from upperback.props import Chair as Chair
    from upperback.props import Doorway as Doorway
    from upperback.props import Dumbbell as Dumbbell
    from upperback.props import FoamRoller as FoamRoller
    from upperback.props import Kettlebell as Kettlebell
    from upperback.props import Kit as Kit
    from upperback.props import Machine as Machine
    from upperback.props import MassageBall as MassageBall
    from upperback.props import Mat as Mat
    from upperback.props import OtherProp as OtherProp
    from upperback.props import Pillow as Pillow
    from upperback.props import Prop as Prop
    from upperback.props import PropKind as PropKind
    from upperback.props import PropNeed as PropNeed
    from upperback.props import PullUpBar as PullUpBar
    from upperback.props import ResistanceBand as ResistanceBand
    from upperback.props import Stick as Stick
    from upperback.props import Strap as Strap
    from upperback.props import SuspensionTrainer as SuspensionTrainer
    from upperback.props import SwissBall as SwissBall
    from upperback.props import Towel as Towel
    from upperback.props import Wall as Wall
    from upperback.props import WeightPlate as WeightPlate
    from upperback.props import prop_name as prop_name
    from upperback.routine import MAX_STRENGTH_SESSIONS as MAX_STRENGTH_SESSIONS
    from upperback.routine import SWITCH_SIDES_S as SWITCH_SIDES_S
    from upperback.routine import TRANSITION_S as TRANSITION_S
    from upperback.routine import Block as Block
    from upperback.routine import Caution as Caution
    from upperback.routine import Coverage as Coverage
    from upperback.routine import DoseChange as DoseChange
    from upperback.routine import Routine as Routine
    from upperback.routine import ScaleResult as ScaleResult
    from upperback.routine import Section as Section
    from upperback.routine import SectionRole as SectionRole
    from upperback.routine import Side as Side
    from upperback.routine import Step as Step
    from upperback.routine import StepKind as StepKind
    from upperback.routine import Structure as Structure
    from upperback.routine import Substitution as Substitution
    from upperback.routine import SubstitutionResult as SubstitutionResult
    from upperback.routine import check_recovery as check_recovery
    from upperback.routine import scale as scale
    from upperback.routine import substitute as substitute
    from upperback.safety import CLINICIAN_RULE_ID as CLINICIAN_RULE_ID
    from upperback.safety import CONDITION_GUIDANCE as CONDITION_GUIDANCE
    from upperback.safety import DEFAULT_POLICY as DEFAULT_POLICY
    from upperback.safety import LEVEL_CAUTION_RULE_ID as LEVEL_CAUTION_RULE_ID
    from upperback.safety import LEVEL_EXCLUDE_RULE_ID as LEVEL_EXCLUDE_RULE_ID
    from upperback.safety import PEACE_DAYS as PEACE_DAYS
    from upperback.safety import RULES as RULES
    from upperback.safety import SUPPORTS_NOT_REPLACES as SUPPORTS_NOT_REPLACES
    from upperback.safety import Action as Action
    from upperback.safety import Advice as Advice
    from upperback.safety import AdviceCode as AdviceCode
    from upperback.safety import AdviceLevel as AdviceLevel
    from upperback.safety import AgeBand as AgeBand
    from upperback.safety import BlockScreen as BlockScreen
    from upperback.safety import ChangeCode as ChangeCode
    from upperback.safety import ChangeEffect as ChangeEffect
    from upperback.safety import Condition as Condition
    from upperback.safety import ConditionGuidance as ConditionGuidance
    from upperback.safety import DatedCondition as DatedCondition
    from upperback.safety import Injury as Injury
    from upperback.safety import Modification as Modification
    from upperback.safety import PersonChange as PersonChange
    from upperback.safety import Pregnancy as Pregnancy
    from upperback.safety import Profile as Profile
    from upperback.safety import Reason as Reason
    from upperback.safety import RedFlag as RedFlag
    from upperback.safety import Rule as Rule
    from upperback.safety import SafetyPolicy as SafetyPolicy
    from upperback.safety import ScreenReport as ScreenReport
    from upperback.safety import Surgery as Surgery
    from upperback.safety import SymptomReport as SymptomReport
    from upperback.safety import Trend as Trend
    from upperback.safety import Verdict as Verdict
    from upperback.safety import band_ceiling as band_ceiling
    from upperback.safety import condition_guidance as condition_guidance
    from upperback.safety import level_in_reach as level_in_reach
    from upperback.safety import trimester as trimester
    from upperback.safety.screen import screen as screen
    from upperback.safety.triage import FINDINGS as FINDINGS
    from upperback.safety.triage import Finding as Finding
    from upperback.safety.triage import findings as findings
    from upperback.safety.triage import next_morning_ceiling as next_morning_ceiling
    from upperback.safety.triage import pain_ceiling as pain_ceiling
    from upperback.safety.triage import pain_findings as pain_findings
    from upperback.safety.triage import triage as triage
    from upperback.serialization import SCHEMA_VERSION as SCHEMA_VERSION
    from upperback.serialization import Limits as Limits
    from upperback.serialization import configure_converter as configure_converter
    from upperback.serialization import dumps as dumps
    from upperback.serialization import from_data as from_data
    from upperback.serialization import from_dict as from_dict
    from upperback.serialization import json_schema as json_schema
    from upperback.serialization import loads as loads
    from upperback.serialization import make_converter as make_converter
    from upperback.serialization import to_dict as to_dict
    from upperback.sources import CONVENTION as CONVENTION
    from upperback.sources import Reference as Reference
    from upperback.sources import reference as reference
    from upperback.sources import references as references
    from upperback.vocab import Benefit as Benefit
    from upperback.vocab import ExerciseKind as ExerciseKind
    from upperback.vocab import Feature as Feature
    from upperback.vocab import KindFamily as KindFamily
    from upperback.vocab import Laterality as Laterality
    from upperback.vocab import Level as Level
    from upperback.vocab import Movement as Movement
    from upperback.vocab import Position as Position

__all__ = [
    "BALL_CARE",
    "CLINICIAN_RULE_ID",
    "CONDITION_GUIDANCE",
    "CONVENTION",
    "DEFAULT_POLICY",
    "FINDINGS",
    "LEVEL_CAUTION_RULE_ID",
    "LEVEL_EXCLUDE_RULE_ID",
    "MAX_STRENGTH_SESSIONS",
    "PEACE_DAYS",
    "RULES",
    "SCHEMA_VERSION",
    "SUPPORTS_NOT_REPLACES",
    "SWITCH_SIDES_S",
    "THERABAND_COLOURS",
    "TRANSITION_S",
    "Action",
    "Adherence",
    "Advance",
    "Advice",
    "AdviceCode",
    "AdviceLevel",
    "AgeBand",
    "BandLevel",
    "Barbell",
    "Bench",
    "Benefit",
    "Block",
    "BlockScreen",
    "BlockTally",
    "CableStation",
    "Catalog",
    "Caution",
    "Chain",
    "Chair",
    "Change",
    "ChangeCode",
    "ChangeEffect",
    "ChangeKind",
    "CheckIn",
    "Choice",
    "Clearance",
    "Composition",
    "Condition",
    "ConditionGuidance",
    "Coverage",
    "DatedCondition",
    "Decision",
    "DecisionReason",
    "Deload",
    "Doorway",
    "Dose",
    "DoseChange",
    "DoseField",
    "DoseLimits",
    "DoseNumber",
    "DoubleProgression",
    "Dumbbell",
    "Exercise",
    "ExerciseKind",
    "Feature",
    "Finding",
    "FoamRoller",
    "Gap",
    "Goal",
    "HistoryAdvice",
    "Hold",
    "HoldProgression",
    "Injury",
    "InvalidCatalog",
    "InvalidDocument",
    "InvalidValue",
    "InvalidValues",
    "Kettlebell",
    "KindFamily",
    "Kit",
    "Laterality",
    "Level",
    "Limits",
    "LinearProgression",
    "Machine",
    "MassageBall",
    "Mat",
    "Media",
    "MediaKind",
    "Mismatch",
    "Modification",
    "Movement",
    "Muscle",
    "NextSession",
    "NextStatus",
    "NothingFits",
    "NothingSafe",
    "OtherProp",
    "Outcome",
    "PainGate",
    "PercentProgression",
    "PersonChange",
    "Pillow",
    "PlannedSession",
    "Position",
    "Pregnancy",
    "Prescription",
    "Problem",
    "Profile",
    "Program",
    "ProgressAction",
    "ProgressionRule",
    "Prop",
    "PropKind",
    "PropNeed",
    "PullUpBar",
    "Reason",
    "RedFlag",
    "Reference",
    "Referral",
    "Region",
    "RegressExercise",
    "ResistanceBand",
    "Resolved",
    "Routine",
    "Rule",
    "RuleSet",
    "SafetyPolicy",
    "ScaleResult",
    "ScreenReport",
    "Section",
    "SectionRole",
    "SessionLog",
    "SetOnWeek",
    "SetProgression",
    "Side",
    "Source",
    "StallDeload",
    "Step",
    "StepKind",
    "Stick",
    "Strap",
    "Structure",
    "Substitution",
    "SubstitutionResult",
    "Suppress",
    "Surgery",
    "SuspensionTrainer",
    "SwissBall",
    "SymptomReport",
    "Tally",
    "Target",
    "Then",
    "Towel",
    "Trend",
    "UnknownExercise",
    "UnknownReference",
    "UpperbackError",
    "Verdict",
    "Wall",
    "Week",
    "WeightPlate",
    "__version__",
    "addresses",
    "adherence",
    "band_ceiling",
    "check_recovery",
    "condition_guidance",
    "configure_converter",
    "default_catalog",
    "default_rule",
    "desk_reset",
    "dumps",
    "findings",
    "from_data",
    "from_dict",
    "json_schema",
    "level_in_reach",
    "loads",
    "make_converter",
    "next_morning_ceiling",
    "next_session",
    "objective",
    "pain_ceiling",
    "pain_findings",
    "plan",
    "prescribe",
    "progress",
    "prop_name",
    "reference",
    "references",
    "resolve_exercises",
    "safe_exercises",
    "scale",
    "screen",
    "substitute",
    "to_dict",
    "triage",
    "triage_history",
    "trimester",
]
# --- end of generated code ---


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # Read from the package metadata; importlib.metadata alone costs more
        # than attrs, so it is not imported until asked for.
        from importlib.metadata import version  # noqa: PLC0415

        return version("upperback")
    module = _LAZY.get(name)
    if module is None:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# Hypothesis' entry point registers upperback's strategies when Hypothesis is
# imported after upperback; when Hypothesis was imported first, register now.
if sys.modules.get("hypothesis") is not None:  # pragma: no cover - depends on import order
    from upperback._hypothesis_plugin import register as _register

    _register()
