"""What a sheet says to the person: their one pain limit, their conditions' guidance, the notice.

A sheet is for one person. Whatever a block's cautions, a rule's caps and
the person's conditions say about pain, the sheet states one pain limit,
the strictest that applies (:func:`pain_limit`), in one line of its safety
notice. The guidance each condition calls for
(:func:`~upperback.safety.guidance.condition_guidance`) and any caution that
screening put on every exercise are said once, at the top, rather than on
every card; a caution on some exercises only is shown beside their cues.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

import attrs

from upperback.progression.program import person_throughout
from upperback.safety import (
    DEFAULT_POLICY,
    RULES,
    Rule,
    SymptomReport,
    Trend,
    condition_guidance,
    pain_ceiling,
    triage,
)
from upperback.safety.triage import SUPPORTS_NOT_REPLACES
from upperback.vocab import Level

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from upperback.progression import Program
    from upperback.routine import Block, Caution
    from upperback.safety import Profile, SafetyPolicy

__all__ = [
    "Cited",
    "PersonView",
    "caution_lines",
    "merged",
    "notice",
    "pain_limit",
    "person_of",
    "person_view",
]


@attrs.frozen(kw_only=True)
class Cited:
    """A line of text and the source keys it rests on."""

    text: str
    sources: tuple[str, ...] = ()


# Every rule a caution can name: the table, and the two made from a person's level.
_KNOWN_RULES: Final = {
    rule.id: rule for rule in (*RULES, *Rule.for_level(Level.GENTLE, int(Level.EASY)))
}


def _rule_sources(rule_id: str, profile: Profile | None) -> tuple[str, ...]:
    rules = {**_KNOWN_RULES, **{rule.id: rule for rule in profile.rules()}} if profile else None
    rule = (rules or _KNOWN_RULES).get(rule_id)
    return rule.sources if rule is not None else ()


def person_of(program: Program) -> Profile | None:
    """The person a program's sheet and calendar speak to, when it was planned for one.

    Every condition in force on any day of the program (the cautious
    reading, as :func:`~upperback.progression.program.plan` triages them):
    one pain limit and one set of lines for the whole program.
    """
    if program.profile is None:
        return None
    return person_throughout(program.profile, program.start, len(program.weeks))


def pain_limit(profile: Profile | None, blocks: Iterable[Block]) -> int:
    """The one pain limit (0–10) of a sheet: the strictest that applies to the person.

    It is :func:`~upperback.safety.triage.pain_ceiling` for the person (5,
    or 3 with nerve-related pain or an acute injury), lowered to the pain
    cap of any caution screening put on a block. A block's own lower
    ceiling is a dose for that exercise, shown on its card.
    """
    caps = [block.max_pain for block in blocks if block.max_pain is not None]
    return min([pain_ceiling(profile), *caps])


def caution_lines(caution: Caution, profile: Profile | None) -> tuple[Cited, ...]:
    """What a caution tells the person, with its rule's sources.

    Its cue, and its hold cap; its pain cap is the sheet's one pain limit,
    said in the notice.
    """
    sources = _rule_sources(caution.rule, profile)
    lines = []
    if caution.cue is not None:
        lines.append(Cited(text=caution.cue, sources=sources))
    if caution.max_hold_s is not None:
        lines.append(
            Cited(text=f"Hold each stretch for {caution.max_hold_s} s at most.", sources=sources)
        )
    return tuple(lines)


def merged(lines: Iterable[Cited]) -> tuple[Cited, ...]:
    """Each text once, in order, citing every source any copy of it cites.

    Two rules may give the same cue (stretching to the limit and moving
    the spine to end range, in pregnancy): the person reads it once.
    """
    found: dict[str, list[str]] = {}
    for line in lines:
        found.setdefault(line.text, []).extend(line.sources)
    return tuple(
        Cited(text=text, sources=tuple(dict.fromkeys(keys))) for text, keys in found.items()
    )


@attrs.frozen(kw_only=True)
class PersonView:
    """What a sheet says to its person, worked out once for all its cards.

    ``lines`` come first on the sheet ("For you"); ``shared`` are the
    cautions said there once because every card has them; ``notice`` ends
    the sheet and states ``pain_limit``.
    """

    pain_limit: int
    lines: tuple[Cited, ...]
    shared: frozenset[Caution]
    notice: tuple[Cited, ...]


def _shared(cards: Sequence[Block]) -> tuple[Caution, ...]:
    if len(cards) < 2:
        return ()
    first, *rest = cards
    return tuple(c for c in first.cautions if all(c in block.cautions for block in rest))


def _clearances(profile: Profile) -> tuple[Cited, ...]:
    cleared = profile.cleared()
    if not cleared:
        return ()
    names = ", ".join(rule.id for rule in cleared)
    note = profile.clearance_note or ""
    return (Cited(text=f"Cleared by your clinician ({names}): {note}"),)


def person_view(
    profile: Profile | None,
    cards: Sequence[Block],
    *,
    first: Iterable[Cited] = (),
) -> PersonView:
    """The person's part of a sheet whose cards show ``cards``.

    Args:
        profile: The person, when the sheet is for one.
        cards: The block behind each card (for a program, every distinct one).
        first: Lines that come before all others (a program's referral).
    """
    limit = pain_limit(profile, cards)
    lines = list(first)
    if profile is not None:
        lines += [
            Cited(text=line.text, sources=line.sources)
            for line in condition_guidance(profile.conditions)
        ]
        lines += _clearances(profile)
    shared = _shared(cards)
    lines += [
        attrs.evolve(line, text=f"Every exercise: {line.text}")
        for line in merged(line for caution in shared for line in caution_lines(caution, profile))
    ]
    return PersonView(
        pain_limit=limit,
        lines=tuple(lines),
        shared=frozenset(shared),
        notice=notice(limit, _capping_sources(profile, cards, limit)),
    )


def _capping_sources(
    profile: Profile | None, cards: Sequence[Block], limit: int
) -> tuple[str, ...]:
    """The sources of the rules whose pain cap is the limit, when it is below the default."""
    if limit >= pain_ceiling(None):
        return ()
    rules = [
        rule
        for rule in (profile.rules() if profile else ())
        if rule.modification is not None and rule.modification.max_pain == limit
    ]
    keys = [key for rule in rules for key in rule.sources]
    keys += [
        key
        for block in cards
        for caution in block.cautions
        if caution.max_pain == limit
        for key in _rule_sources(caution.rule, profile)
    ]
    return tuple(dict.fromkeys(keys))


@functools.cache
def notice(
    limit: int, limit_sources: tuple[str, ...] = (), policy: SafetyPolicy = DEFAULT_POLICY
) -> tuple[Cited, ...]:
    """The safety notice every sheet ends with, from the policy and triage's sources.

    Its pain line states the sheet's one pain limit, ``limit``, citing the
    pain-monitoring sources triage cites and ``limit_sources`` (the rules
    that set a lower one).
    """

    def sources(report: SymptomReport) -> tuple[str, ...]:
        return triage(report, policy=policy).reasons[0].sources

    pain_sources = sources(
        SymptomReport(days_since_onset=0, trend=Trend.SAME, pain_now=policy.pain_ceiling + 1)
    )
    return (
        Cited(
            text=(
                f"See a healthcare professional if the pain is no better after"
                f" {policy.not_improving_days} days."
            ),
            sources=sources(
                SymptomReport(days_since_onset=policy.not_improving_days + 1, trend=Trend.SAME)
            ),
        ),
        Cited(
            text=(
                f"See a healthcare professional if it lasts more than {policy.max_symptom_days}"
                " days, even if it is getting better."
            ),
            sources=sources(
                SymptomReport(days_since_onset=policy.max_symptom_days + 1, trend=Trend.BETTER)
            ),
        ),
        Cited(
            text=(
                "See a healthcare professional if pain stays worse after exercise for more than"
                f" {policy.max_days_worse_after_exercise} days."
            ),
            sources=sources(
                SymptomReport(
                    days_since_onset=0,
                    trend=Trend.SAME,
                    days_worse_after_exercise=policy.max_days_worse_after_exercise + 1,
                )
            ),
        ),
        Cited(
            text=(
                f"Your pain limit: exercise may be uncomfortable, but keep pain at or below"
                f" {limit}/10 during and after, and it should settle by the next morning."
            ),
            sources=tuple(dict.fromkeys((*pain_sources, *limit_sources))),
        ),
        Cited(text=SUPPORTS_NOT_REPLACES),
    )
