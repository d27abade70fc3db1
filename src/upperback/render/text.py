"""Plain text: a sheet for a terminal, a chat message or a plain-text e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.progression import Program
from upperback.render._media import credit, media_label
from upperback.render._program import RESUMES, program_sheet
from upperback.render._sheet import check_program, minutes, plain, sheet_of

if TYPE_CHECKING:
    from upperback.media import Media
    from upperback.render._program import ProgramSheet, WeekView
    from upperback.render._sheet import Card, Cited, Sheet
    from upperback.safety import Profile

__all__ = ["text"]


def _cited(line: Cited) -> str:
    keys = "".join(f"[{plain(key)}]" for key in line.sources)
    return f"{plain(line.text)} {keys}".rstrip()


def _media(item: Media, more: str) -> list[str]:
    lines = [f"{more}{media_label(item)}: {plain(item.alt)} <{plain(item.url)}>"]
    lines.append(f"{more}  {plain(credit(item))}")
    return lines


def _card(card: Card, indent: str) -> list[str]:
    head = f"{indent}{card.number}. {plain(card.name)}"
    if card.dose is not None:
        head += f": {plain(card.dose)}"
    if card.weeks is not None:
        head += f" ({card.weeks})"
    lines = [head]
    more = indent + " " * (len(str(card.number)) + 2)
    if card.detail:
        lines.append(f"{more}{plain('; '.join(card.detail))}")
    if card.props:
        lines.append(f"{more}props: {plain(', '.join(card.props))}")
    lines.extend(f"{more}- {plain(cue)}" for cue in card.cues)
    lines.extend(f"{more}! {_cited(caution)}" for caution in card.cautions)
    lines.extend(f"{more}! {plain(precaution)}" for precaution in card.precautions)
    if card.note:
        lines.append(f"{more}note: {plain(card.note)}")
    for item in card.media:
        lines += _media(item, more)
    return lines


def _for_you(lines: tuple[Cited, ...]) -> list[str]:
    if not lines:
        return []
    return ["", "For you:", *(f"  - {_cited(line)}" for line in lines)]


def _ending(signs: tuple[Cited, ...], notice: tuple[Cited, ...]) -> list[str]:
    lines = []
    if signs:
        lines += ["", "Stop and get urgent help, before exercising again, if any of these is true:"]
        lines += [f"  - {_cited(sign)}" for sign in signs]
    lines += ["", "Safety:"]  # every sheet ends with its safety notice
    lines += [f"  - {_cited(line)}" for line in notice]
    return lines


def render_sheet(sheet: Sheet) -> str:
    """The text of a sheet."""
    lines = [plain(sheet.title), *(plain(fact) for fact in sheet.facts)]
    lines += _for_you(sheet.for_you)
    for part in sheet.parts:
        lines += ["", f"{part.title} ({minutes(part.seconds)})"]
        for card in part.cards:
            lines += _card(card, "  ")
    for card in sheet.cards:
        lines += ["", *_card(card, "")]
        if card.sources:
            lines.append(f"Sources: {', '.join(plain(key) for key, _ in card.sources)}")
    if sheet.changes:
        lines += ["", f"{plain(sheet.changes_title)}:"]
        lines += [f"  - {_cited(change)}" for change in sheet.changes]
    lines += _ending(sheet.warning_signs, sheet.notice)
    return "\n".join(lines) + "\n"


def _referral(week: WeekView) -> list[str]:
    lines = []
    if week.clearance is not None:
        lines.append(f"  {_cited(week.clearance)}")
    if week.referral is None:
        return lines
    lines.append(f"  {week.referral.stop}")
    if week.referral.first:
        lines.append(f"  Instead: {week.referral.instead}")
        lines.append("  Why:")
        lines += [f"    - {_cited(reason)}" for reason in week.referral.reasons]
    if week.clearance is None:
        lines.append(f"  {RESUMES}")
    return lines


def render_program(sheet: ProgramSheet) -> str:
    """The text of a program: each week's doses and what changed, how to do each, the notice.

    A week a referral reaches lists no exercise for its stopped sessions: it
    says what to do instead, and why.
    """
    lines = [plain(sheet.title), *(plain(fact) for fact in sheet.facts)]
    lines += _for_you(sheet.for_you)
    for week in sheet.weeks:
        label = " (deload)" if week.deload else ""
        lines += ["", f"Week {week.number}{label}: {', '.join(week.when)}"]
        if week.advice is not None:
            lines.append(f"  Advice in force: {_cited(week.advice)}")
        for line in week.lines:
            lines.append(
                f"  {plain(line.name)}: {line.dose}" + (f" ({line.action})" if line.action else "")
            )
            lines += [f"      {_cited(reason)}" for reason in line.reasons]
        lines += _referral(week)
    if sheet.cards:
        lines += ["", "How to do each exercise"]
        for card in sheet.cards:
            lines += _card(card, "  ")
    lines += _ending(sheet.warning_signs, sheet.notice)
    return "\n".join(lines) + "\n"


def text(value: object, *, profile: Profile | None = None) -> str:
    """Plain text of an exercise, a block, a routine, a report, a composition or a program.

    >>> print(text(default_catalog()["chin-tuck"]).splitlines()[0])
    Chin tuck

    Args:
        value: What to show.
        profile: The person the sheet is for: their one pain limit and
            their conditions' guidance. A screen report and a program
            carry their own; any other value must be as screening leaves
            it for this profile.

    Raises:
        InvalidValue: The value is of a kind that has no text form, or not
            screened for ``profile``.
    """
    if isinstance(value, Program):
        check_program(value, profile)
        return render_program(program_sheet(value))
    return render_sheet(sheet_of(value, profile))
