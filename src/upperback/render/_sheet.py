"""The render-neutral sheet: what every format shows, built once from the domain.

Text, Markdown and HTML all render the same :class:`Sheet`, so a dose, a
duration or a piece of advice is worked out and worded in one place: doses by
:meth:`Dose.describe <upperback.dose.Dose.describe>`, durations by
:meth:`Section.duration <upperback.routine.Section.duration>` (the session
script's own timing model), and the safety notice from the thresholds of
:data:`~upperback.safety.triage.DEFAULT_POLICY` with the sources
:func:`~upperback.safety.triage.triage` cites for them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs

from upperback.compose import Composition, Prescription
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.routine import Block, Routine, SectionRole
from upperback.safety import (
    DEFAULT_POLICY,
    Action,
    AdviceLevel,
    RedFlag,
    ScreenReport,
    SymptomReport,
    Trend,
    Verdict,
    triage,
)
from upperback.safety.triage import SUPPORTS_NOT_REPLACES
from upperback.vocab import Laterality

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from upperback.safety import SafetyPolicy

__all__ = ["Card", "Cited", "Part", "Sheet", "sheet_of"]

ROLE_TITLES = {
    SectionRole.WARM_UP: "Warm-up",
    SectionRole.MAIN: "Main",
    SectionRole.COOL_DOWN: "Cool-down",
}


@attrs.frozen(kw_only=True)
class Cited:
    """A line of text and the source keys it rests on."""

    text: str
    sources: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Card:
    """One exercise as a person sees it on a sheet."""

    number: int
    exercise_id: str
    name: str
    summary: str
    dose: str
    detail: tuple[str, ...]
    cues: tuple[str, ...]
    props: tuple[str, ...]
    precautions: tuple[str, ...]
    note: str | None
    sources: tuple[tuple[str, str], ...]
    sets: int


@attrs.frozen(kw_only=True)
class Part:
    """A section of a session: its title, its seconds and its exercises."""

    title: str
    seconds: int
    cards: tuple[Card, ...]


@attrs.frozen(kw_only=True)
class Sheet:
    """Everything a format shows, in order.

    ``facts`` are short lines under the title; ``parts`` the session (empty
    for a lone exercise's card, which is in ``cards``); ``changes`` what was
    changed for the person and why; ``notice`` the safety notice, always
    last.
    """

    title: str
    facts: tuple[str, ...]
    parts: tuple[Part, ...] = ()
    cards: tuple[Card, ...] = ()
    changes: tuple[Cited, ...] = ()
    changes_title: str = "What was changed for you, and why"
    notice: tuple[Cited, ...]
    warning_signs: tuple[Cited, ...] = ()
    seconds: int | None = None
    log_sheet: bool = False


def minutes(seconds: float) -> str:
    """``"7 min 05 s"``: how a sheet writes a duration."""
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s"


def _detail(block: Block) -> tuple[str, ...]:
    dose, exercise = block.dose, block.exercise
    lines = []
    if dose.sides(exercise.laterality) == 2 and exercise.laterality is Laterality.ALTERNATING:
        lines.append("alternate sides")
    if dose.sets > 1:
        lines.append(f"rest {dose.rest_s} s between sets")
    if dose.max_pain is not None:
        lines.append(f"stop short of pain above {dose.max_pain}/10")
    if dose.band_level is not None:
        lines.append(f"band: {dose.band_level.name.lower().replace('_', ' ')}")
    return tuple(lines)


def card(number: int, block: Block) -> Card:
    """The card of one block."""
    exercise = block.exercise
    return Card(
        number=number,
        exercise_id=exercise.id,
        name=exercise.name,
        summary=(
            f"{exercise.kind.value.replace('_', ' ')} · {exercise.position.value.replace('_', ' ')}"
            f" · level {int(exercise.level)}"
        ),
        dose=block.dose.describe(),
        detail=_detail(block),
        cues=exercise.cues,
        props=tuple(
            need.key.replace("_", " ") + ("" if need.required else " (optional)")
            for need in exercise.props
        ),
        precautions=exercise.precautions,
        note=block.notes,
        sources=tuple((source.key, source.url) for source in exercise.sources),
        sets=block.dose.sets,
    )


def warning_signs() -> tuple[Cited, ...]:
    """The red-flag questions: a yes to any of them means urgent help, not exercise."""
    # Where a yes sends the person: the emergencies say so on their line, and
    # one line says where the others go.
    emergency = AdviceLevel.EMERGENCY
    lines = [
        Cited(
            text=flag.question
            + (f" If so, {emergency.action}." if flag.level is emergency else ""),
            sources=flag.sources,
        )
        for flag in RedFlag
    ]
    other = f"A yes to any other: {AdviceLevel.URGENT.action}."
    return (*lines, Cited(text=other, sources=("R3",)))


@functools.cache
def notice(policy: SafetyPolicy = DEFAULT_POLICY) -> tuple[Cited, ...]:
    """The safety notice every sheet ends with, from the policy and triage's sources."""

    def sources(report: SymptomReport) -> tuple[str, ...]:
        return triage(report, policy=policy).reasons[0].sources

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
                f"Exercise may be uncomfortable, but keep pain at or below {policy.pain_ceiling}/10"
                " during and after, and it should settle by the next morning."
            ),
            sources=sources(
                SymptomReport(
                    days_since_onset=0, trend=Trend.SAME, pain_now=policy.pain_ceiling + 1
                )
            ),
        ),
        Cited(text=SUPPORTS_NOT_REPLACES),
    )


def _routine_sheet(
    routine: Routine,
    changes: Iterable[Cited] = (),
    changes_title: str = "What was changed for you, and why",
) -> Sheet:
    parts = []
    number = 0
    for section in routine.sections:
        cards = []
        for block in section.blocks:
            number += 1
            cards.append(card(number, block))
        parts.append(
            Part(
                title=ROLE_TITLES[section.role],
                seconds=int(section.duration().total_seconds()),
                cards=tuple(cards),
            )
        )
    seconds = int(routine.duration().total_seconds())
    per_week = routine.sessions_per_week
    return Sheet(
        title=routine.title,
        facts=(
            f"About {minutes(seconds)} a session, {per_week} session{'s' * (per_week > 1)} a week.",
        ),
        parts=tuple(parts),
        changes=tuple(changes),
        changes_title=changes_title,
        notice=notice(),
        warning_signs=warning_signs(),
        seconds=seconds,
        log_sheet=True,
    )


def _exercise_sheet(exercise: Exercise) -> Sheet:
    block = Block(exercise=exercise)
    facts = []
    if exercise.aliases:
        facts.append(f"Also called: {', '.join(exercise.aliases)}.")
    if exercise.dose_note:
        facts.append(exercise.dose_note)
    facts.append(f"Where the dose comes from: {exercise.dose_origin()}")
    return Sheet(title=exercise.name, facts=tuple(facts), cards=(card(1, block),), notice=notice())


def screen_changes(report: ScreenReport) -> tuple[Cited, ...]:
    """One line per block screening left out or changed, with each rule's reason and sources."""
    lines = []
    for item in report.blocks:
        if item.verdict is Verdict.OK:
            continue
        excluded = item.verdict is Verdict.EXCLUDE
        for rule in item.rules:
            if excluded and rule.action is not Action.EXCLUDE:
                continue
            what = "Left out" if excluded else "Changed"
            text = f"{what} {item.block.exercise.name}: {rule.reason}"
            lines.append(Cited(text=text, sources=rule.sources))
    return tuple(lines)


def _screen_sheet(report: ScreenReport) -> Sheet:
    return _routine_sheet(report.safe_routine(), screen_changes(report))


def _composition_sheet(composition: Composition) -> Sheet:
    names = {block.exercise.id: block.exercise.name for block in composition.routine.blocks}
    lines = [
        Cited(text=f"{names.get(choice.exercise_id, choice.exercise_id)}: {choice.reason}")
        for choice in composition.choices
    ]
    lines += [Cited(text=f"Not covered, {gap.what}: {gap.reason}") for gap in composition.gaps]
    return _routine_sheet(composition.routine, lines, "Why these exercises")


def _prescription_sheet(prescription: Prescription) -> Sheet:
    names = {block.exercise.id: block.exercise.name for block in prescription.routine.blocks}
    lines = []
    for change in prescription.changes:
        what = names.get(change.exercise_id, change.exercise_id)
        if change.replacement_id is not None:
            what += f" → {names.get(change.replacement_id, change.replacement_id)}"
        lines.append(Cited(text=f"{what} ({change.kind.value}): {change.reason}"))
    return _routine_sheet(prescription.routine, lines)


def _block_sheet(block: Block) -> Sheet:
    return Sheet(title=block.exercise.name, facts=(), cards=(card(1, block),), notice=notice())


_BUILDERS: dict[type, Callable[[Any], Sheet]] = {
    Exercise: _exercise_sheet,
    Block: _block_sheet,
    Routine: _routine_sheet,
    ScreenReport: _screen_sheet,
    Composition: _composition_sheet,
    Prescription: _prescription_sheet,
}


def sheet_of(value: object) -> Sheet:
    """The sheet of a value the renderers know.

    Raises:
        InvalidValue: The value is of a kind the renderers do not know.
    """
    builder = _BUILDERS.get(type(value))
    if builder is None:
        known = ", ".join(sorted([*(cls.__name__ for cls in _BUILDERS), "Program"]))
        raise InvalidValue("value", type(value).__name__, f"must be one of {known} to render")
    return builder(value)
