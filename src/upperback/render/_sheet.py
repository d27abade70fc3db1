"""The render-neutral sheet: what every format shows, built once from the domain.

Text, Markdown and HTML all render the same :class:`Sheet`, so a dose, a
duration or a piece of advice is worked out and worded in one place: doses by
:meth:`Dose.describe <upperback.dose.Dose.describe>`, durations by
:meth:`Section.duration <upperback.routine.Section.duration>` (the session
script's own timing model), what screening put on each block beside its
cues, and what the sheet says to its person (one pain limit, each
condition's guidance, the safety notice) by :mod:`upperback.render._person`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback.compose import Composition, Prescription
from upperback.errors import InvalidValue
from upperback.exercise import Exercise
from upperback.render._person import Cited, PersonView, caution_lines, merged, person_view
from upperback.routine import Block, Routine, SectionRole
from upperback.safety import (
    Action,
    AdviceLevel,
    Profile,
    RedFlag,
    ScreenReport,
    Verdict,
    screen,
)
from upperback.vocab import Laterality

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from upperback.media import Media

__all__ = ["Card", "Cited", "Part", "Sheet", "plain", "sheet_of"]

ROLE_TITLES = {
    SectionRole.WARM_UP: "Warm-up",
    SectionRole.MAIN: "Main",
    SectionRole.COOL_DOWN: "Cool-down",
}

PAIN_RULE_PRECAUTIONS: Final = frozenset(
    {"Some effort is fine; stop if pain goes above a mild level or is worse the next day."}
)
"""Exercise precautions that restate the general pain rule in words of their own.

A sheet states one pain limit for its person, in numbers, in its safety
notice; a card that also said "a mild level" would give a second, vaguer
limit, so these are left off the cards (the notice says it instead).
"""


def plain(text: str) -> str:
    """Text from data made safe to lay out: one line, no control characters.

    Runs of white space (line breaks included) become one space, so a name
    or a cue can never start a line of its own on a sheet, and any other
    control character (a terminal's escape, a NUL) becomes U+FFFD.
    """
    flat = " ".join(text.split())
    if flat.isprintable():
        return flat
    return "".join(char if char.isprintable() else "\ufffd" for char in flat)


@attrs.frozen(kw_only=True)
class Card:
    """One exercise as a person sees it on a sheet.

    ``dose`` is ``None`` on a program's card, whose weeks give the doses;
    ``cautions`` are what screening put on the block (its cues and caps,
    each with its rule's sources), beside the exercise's own ``cues``;
    ``weeks`` says which weeks of a program a card is for, when an
    exercise has more than one card.
    """

    number: int
    exercise_id: str
    name: str
    summary: str
    dose: str | None
    detail: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[Cited, ...]
    props: tuple[str, ...]
    precautions: tuple[str, ...]
    note: str | None
    media: tuple[Media, ...]
    sources: tuple[tuple[str, str], ...]
    sets: int
    weeks: str | None = None


@attrs.frozen(kw_only=True)
class Part:
    """A section of a session: its title, its seconds and its exercises."""

    title: str
    seconds: int
    cards: tuple[Card, ...]


@attrs.frozen(kw_only=True)
class Sheet:
    """Everything a format shows, in order.

    ``facts`` are short lines under the title; ``for_you`` what the sheet
    says to its person before the exercises (their conditions' guidance,
    a clearance, a caution on every exercise); ``parts`` the session (empty
    for a lone exercise's card, which is in ``cards``); ``changes`` what
    was changed for the person and why; ``notice`` the safety notice,
    always last, with the one pain limit (``pain_limit``).
    """

    title: str
    facts: tuple[str, ...]
    for_you: tuple[Cited, ...] = ()
    parts: tuple[Part, ...] = ()
    cards: tuple[Card, ...] = ()
    changes: tuple[Cited, ...] = ()
    changes_title: str = "What was changed for you, and why"
    notice: tuple[Cited, ...]
    pain_limit: int = 5
    warning_signs: tuple[Cited, ...] = ()
    seconds: int | None = None
    log_sheet: bool = False
    sessions_per_week: int = 1


def minutes(seconds: float) -> str:
    """``"7 min 05 s"``: how a sheet writes a duration."""
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s"


def _detail(block: Block, pain_limit: int) -> tuple[str, ...]:
    dose, exercise = block.dose, block.exercise
    lines = []
    if dose.sides(exercise.laterality) == 2 and exercise.laterality is Laterality.ALTERNATING:
        lines.append("alternate sides")
    if dose.sets > 1:
        lines.append(f"rest {dose.rest_s} s between sets")
    # The person's one pain limit is in the notice; a lower ceiling set on
    # this block is a dose for this exercise alone.
    if dose.max_pain is not None and dose.max_pain < pain_limit:
        lines.append(f"in this exercise, keep pain at or below {dose.max_pain}/10")
    if dose.band_level is not None:
        lines.append(f"band: {dose.band_level.name.lower().replace('_', ' ')}")
    return tuple(lines)


def card(
    number: int,
    block: Block,
    view: PersonView | None = None,
    profile: Profile | None = None,
    *,
    dose: bool = True,
    weeks: str | None = None,
) -> Card:
    """The card of one block, for the person ``view`` is for (alone on its sheet when none)."""
    view = view or person_view(profile, [block])
    exercise = block.exercise
    return Card(
        number=number,
        exercise_id=exercise.id,
        name=exercise.name,
        summary=(
            f"{exercise.kind.value.replace('_', ' ')} · {exercise.position.value.replace('_', ' ')}"
            f" · level {int(exercise.level)}"
        ),
        dose=block.dose.describe() if dose else None,
        detail=_detail(block, view.pain_limit) if dose else (),
        cues=exercise.cues,
        cautions=merged(
            line
            for caution in block.cautions
            if caution not in view.shared
            for line in caution_lines(caution, profile)
        ),
        props=tuple(
            need.key.replace("_", " ") + ("" if need.required else " (optional)")
            for need in exercise.props
        ),
        precautions=tuple(p for p in exercise.precautions if p not in PAIN_RULE_PRECAUTIONS),
        note=block.notes,
        media=exercise.media,
        sources=tuple((source.key, source.url) for source in exercise.sources),
        sets=block.dose.sets,
        weeks=weeks,
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


def _routine_sheet(
    routine: Routine,
    profile: Profile | None,
    changes: Iterable[Cited] = (),
    changes_title: str = "What was changed for you, and why",
) -> Sheet:
    view = person_view(profile, routine.blocks)
    parts = []
    number = 0
    for section in routine.sections:
        cards = []
        for block in section.blocks:
            number += 1
            cards.append(card(number, block, view, profile))
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
        for_you=view.lines,
        parts=tuple(parts),
        changes=tuple(changes),
        changes_title=changes_title,
        notice=view.notice,
        pain_limit=view.pain_limit,
        warning_signs=warning_signs(),
        seconds=seconds,
        log_sheet=True,
        sessions_per_week=per_week,
    )


def _lone_sheet(title: str, facts: Sequence[str], block: Block, profile: Profile | None) -> Sheet:
    view = person_view(profile, [block])
    return Sheet(
        title=title,
        facts=tuple(facts),
        for_you=view.lines,
        cards=(card(1, block, view, profile),),
        notice=view.notice,
        pain_limit=view.pain_limit,
    )


def _exercise_sheet(exercise: Exercise, profile: Profile | None) -> Sheet:
    facts = []
    if exercise.aliases:
        facts.append(f"Also called: {', '.join(exercise.aliases)}.")
    if exercise.dose_note:
        facts.append(exercise.dose_note)
    facts.append(f"Where the dose comes from: {exercise.dose_origin()}")
    return _lone_sheet(exercise.name, facts, Block(exercise=exercise), profile)


def _names(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def screen_changes(report: ScreenReport) -> tuple[Cited, ...]:
    """One line per rule that left out or changed blocks, naming them, with its reason and sources.

    A rule that changed every exercise (nerve-related pain caps them all)
    is one line, not one a block.
    """
    grouped: dict[tuple[bool, str, str], tuple[Any, list[str]]] = {}
    for item in report.blocks:
        if item.verdict is Verdict.OK:
            continue
        excluded = item.verdict is Verdict.EXCLUDE
        for rule, reason in zip(item.rules, item.reasons, strict=True):
            if excluded and rule.action is not Action.EXCLUDE:
                continue
            names = grouped.setdefault((excluded, rule.id, reason), (rule, []))[1]
            if item.block.exercise.name not in names:
                names.append(item.block.exercise.name)
    return tuple(
        Cited(
            text=f"{'Left out' if excluded else 'Changed'} {_names(names)}: {reason}",
            sources=rule.sources,
        )
        for (excluded, _, reason), (rule, names) in grouped.items()
    )


def _screen_sheet(report: ScreenReport, profile: Profile | None) -> Sheet:
    _same_person(report.profile, profile, "the report was screened for")
    return _routine_sheet(report.safe_routine(), report.profile, screen_changes(report))


def _composition_sheet(composition: Composition, profile: Profile | None) -> Sheet:
    names = {block.exercise.id: block.exercise.name for block in composition.routine.blocks}
    lines = [
        Cited(text=f"{names.get(choice.exercise_id, choice.exercise_id)}: {choice.reason}")
        for choice in composition.choices
    ]
    lines += [Cited(text=f"Not covered, {gap.what}: {gap.reason}") for gap in composition.gaps]
    return _routine_sheet(composition.routine, profile, lines, "Why these exercises")


def _prescription_sheet(prescription: Prescription, profile: Profile | None) -> Sheet:
    names = {block.exercise.id: block.exercise.name for block in prescription.routine.blocks}
    lines = []
    for change in prescription.changes:
        what = names.get(change.exercise_id, change.exercise_id)
        if change.replacement_id is not None:
            what += f" → {names.get(change.replacement_id, change.replacement_id)}"
        lines.append(Cited(text=f"{what} ({change.kind.value}): {change.reason}"))
    return _routine_sheet(prescription.routine, profile, lines)


def _block_sheet(block: Block, profile: Profile | None) -> Sheet:
    return _lone_sheet(block.exercise.name, (), block, profile)


def _same_person(own: Profile | None, given: Profile | None, what: str) -> None:
    if given is not None and given != own:
        raise InvalidValue(
            "profile",
            "a different profile",
            f"must be the profile {what}, or not given: a sheet shows what screening"
            " decided for one person",
        )


def check_screened(blocks: Iterable[Block], profile: Profile | None) -> None:
    """Refuse blocks that screening would leave out or change for ``profile``.

    A sheet for a person shows only what screening decided for them: a
    routine, a composition or a prescription made for someone else (or for
    no one) is screened first (:func:`~upperback.safety.screen.screen`).

    Raises:
        InvalidValue: A block is not as screening leaves it for the person.
    """
    if profile is None:
        return
    if not isinstance(profile, Profile):
        raise InvalidValue("profile", type(profile).__name__, "must be a Profile")
    for i, block in enumerate(blocks):
        screened = screen(block, profile)
        if screened.safe_block != block:
            done = "leave it out" if screened.verdict is Verdict.EXCLUDE else "change it"
            rules = ", ".join(rule.id for rule in screened.rules)
            raise InvalidValue(
                f"blocks[{i}]",
                block.exercise.id,
                f"must be as screening leaves it for this profile (rules {rules} {done}):"
                " render what screen(value, profile) gives instead",
            )


_BUILDERS: dict[type, Callable[[Any, Profile | None], Sheet]] = {
    Exercise: _exercise_sheet,
    Block: _block_sheet,
    Routine: _routine_sheet,
    ScreenReport: _screen_sheet,
    Composition: _composition_sheet,
    Prescription: _prescription_sheet,
}


def _blocks_of(value: object) -> tuple[Block, ...]:
    if isinstance(value, Exercise):
        return (Block(exercise=value),)
    if isinstance(value, Block):
        return (value,)
    if isinstance(value, (Composition, Prescription)):
        return value.routine.blocks
    if isinstance(value, Routine):
        return value.blocks
    return ()  # a screen report holds its own profile


def sheet_of(value: object, profile: Profile | None = None) -> Sheet:
    """The sheet of a value the renderers know, for ``profile`` when given.

    A screen report is for its own profile; any other value must be as
    screening leaves it for ``profile`` (see :func:`check_screened`).

    Raises:
        InvalidValue: The value is of a kind the renderers do not know, or
            not screened for ``profile``.
    """
    builder = _BUILDERS.get(type(value))
    if builder is None:
        known = ", ".join(sorted([*(cls.__name__ for cls in _BUILDERS), "Program"]))
        raise InvalidValue("value", type(value).__name__, f"must be one of {known} to render")
    check_screened(_blocks_of(value), profile)
    return builder(value, profile)


def check_program(program: Any, profile: Profile | None) -> None:
    """Refuse a ``profile`` other than the one the program was planned for.

    Raises:
        InvalidValue: ``profile`` is given and is not the program's own.
    """
    _same_person(program.profile, profile, "the program was planned for")


def check_flag(name: str, value: object) -> None:
    """Refuse a render option that is not ``True`` or ``False``.

    Raises:
        InvalidValue: ``value`` is not a bool.
    """
    if type(value) is not bool:
        raise InvalidValue(name, value, "must be true or false")
