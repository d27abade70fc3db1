"""Plain text: a sheet for a terminal, a chat message or a plain-text e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.progression import Program
from upperback.render._program import RESUMES, program_sheet
from upperback.render._sheet import minutes, sheet_of

if TYPE_CHECKING:
    from upperback.render._program import ProgramSheet, WeekView
    from upperback.render._sheet import Card, Cited, Sheet

__all__ = ["text"]


def _cited(line: Cited) -> str:
    keys = "".join(f"[{key}]" for key in line.sources)
    return f"{line.text} {keys}".rstrip()


def _card(card: Card, indent: str) -> list[str]:
    lines = [f"{indent}{card.number}. {card.name}: {card.dose}"]
    more = indent + " " * (len(str(card.number)) + 2)
    if card.detail:
        lines.append(f"{more}{'; '.join(card.detail)}")
    if card.props:
        lines.append(f"{more}props: {', '.join(card.props)}")
    lines.extend(f"{more}- {cue}" for cue in card.cues)
    lines.extend(f"{more}! {precaution}" for precaution in card.precautions)
    if card.note:
        lines.append(f"{more}note: {card.note}")
    return lines


def render_sheet(sheet: Sheet) -> str:
    """The text of a sheet."""
    lines = [sheet.title, *sheet.facts]
    for part in sheet.parts:
        lines += ["", f"{part.title} ({minutes(part.seconds)})"]
        for card in part.cards:
            lines += _card(card, "  ")
    for card in sheet.cards:
        lines += ["", *_card(card, "")]
        if card.sources:
            lines.append(f"Sources: {', '.join(key for key, _ in card.sources)}")
    if sheet.changes:
        lines += ["", f"{sheet.changes_title}:"]
        lines += [f"  - {_cited(change)}" for change in sheet.changes]
    if sheet.warning_signs:
        lines += ["", "Stop and get urgent help, before exercising again, if any of these is true:"]
        lines += [f"  - {_cited(sign)}" for sign in sheet.warning_signs]
    lines += ["", "Safety:"]  # every sheet ends with its safety notice
    lines += [f"  - {_cited(line)}" for line in sheet.notice]
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
    """The text of a program: each week's doses and what changed, then the safety notice.

    A week a referral reaches lists no exercise for its stopped sessions: it
    says what to do instead, and why.
    """
    lines = [sheet.title, *sheet.facts]
    for week in sheet.weeks:
        label = " (deload)" if week.deload else ""
        lines += ["", f"Week {week.number}{label}: {', '.join(week.when)}"]
        if week.advice is not None:
            lines.append(f"  Advice in force: {_cited(week.advice)}")
        for line in week.lines:
            lines.append(
                f"  {line.name}: {line.dose}" + (f" ({line.action})" if line.action else "")
            )
            lines += [f"      {_cited(reason)}" for reason in line.reasons]
        lines += _referral(week)
    lines += ["", "Stop and get urgent help, before exercising again, if any of these is true:"]
    lines += [f"  - {_cited(sign)}" for sign in sheet.warning_signs]
    lines += ["", "Safety:", *(f"  - {_cited(line)}" for line in sheet.notice)]
    return "\n".join(lines) + "\n"


def text(value: object) -> str:
    """Plain text of an exercise, a block, a routine, a report, a composition or a program.

    >>> print(text(default_catalog()["chin-tuck"]).splitlines()[0])
    Chin tuck

    Raises:
        InvalidValue: The value is of a kind that has no text form.
    """
    if isinstance(value, Program):
        return render_program(program_sheet(value))
    return render_sheet(sheet_of(value))
