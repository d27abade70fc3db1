"""Progression: session logs, typed rules with a pain gate, decisions and multi-week programs.

From the bottom up:

- ``log``: :class:`~upperback.progression.log.SessionLog` and
  :class:`~upperback.progression.log.Outcome`;
- ``engine``: :class:`~upperback.progression.engine.ProgressAction` and
  what rules read;
- ``rules``: the tagged union
  :data:`~upperback.progression.rules.ProgressionRule` (hold, double, set,
  linear and percent progression, a value set on a week, advance and
  regress along the catalog's chains,
  planned and reactive deloads, hold and suppress,
  :class:`~upperback.progression.rules.Chain` and
  :class:`~upperback.progression.rules.PainGate`);
- ``history``: :func:`~upperback.progression.history.triage_history`,
  the triage of a person's whole history of logs and
  :class:`~upperback.progression.history.CheckIn` values, the
  :class:`~upperback.progression.history.Referral` it makes and a
  clinician's :class:`~upperback.progression.history.Clearance`;
- ``decide``: :class:`~upperback.progression.decide.Decision` and
  :func:`~upperback.progression.decide.progress`;
- ``defaults``: :func:`~upperback.progression.defaults.default_rule`,
  one per exercise kind, from the sources;
- ``program``: :class:`~upperback.progression.program.Program` and
  :func:`~upperback.progression.program.plan`;
- ``tally``: :func:`~upperback.progression.tally.adherence`, as of a day;
- ``upcoming``: :func:`~upperback.progression.upcoming.next_session`, with
  the advice in force.

Progression never bypasses safety: the whole history is triaged with the
person's profile (a red flag anywhere in it, or pain persisting past the
thresholds, refers whatever the rule, and stops exercise until a
clinician's clearance); every rule, the app's own included, is behind
the pain gate, which reads the same thresholds as triage and keeps each
number within the exercise's own limits and the person's band ceiling;
and every block made harder is screened again.
"""

from __future__ import annotations

from upperback.progression.decide import Decision, DecisionReason, progress
from upperback.progression.defaults import default_rule
from upperback.progression.engine import ProgressAction
from upperback.progression.history import (
    REFERRAL_LEVELS,
    CheckIn,
    Clearance,
    HistoryAdvice,
    Referral,
    triage_history,
)
from upperback.progression.log import EFFORT_SCALE, Outcome, SessionLog, addresses
from upperback.progression.program import MAX_WEEKS, PlannedSession, Program, RuleSet, Week, plan
from upperback.progression.rules import (
    RULE_TYPES,
    Advance,
    Chain,
    Deload,
    DoseField,
    DoubleProgression,
    Hold,
    HoldProgression,
    LinearProgression,
    PainGate,
    PercentProgression,
    ProgressionRule,
    RegressExercise,
    SetOnWeek,
    SetProgression,
    StallDeload,
    Suppress,
    Then,
)
from upperback.progression.tally import Adherence, BlockTally, Tally, adherence
from upperback.progression.upcoming import NextSession, NextStatus, next_session

__all__ = [
    "EFFORT_SCALE",
    "MAX_WEEKS",
    "REFERRAL_LEVELS",
    "RULE_TYPES",
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
    "HistoryAdvice",
    "Hold",
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
]
