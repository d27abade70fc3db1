"""Markdown: a sheet for chat apps, issue trackers and documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.errors import UnknownReference
from upperback.progression import Program
from upperback.render._program import RESUMES, program_sheet
from upperback.render._sheet import minutes, sheet_of
from upperback.sources import reference

if TYPE_CHECKING:
    from upperback.render._program import ProgramSheet, WeekView
    from upperback.render._sheet import Card, Cited, Sheet

__all__ = ["markdown"]

_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>|#"})


def escape(text: str) -> str:
    """Text with Markdown's markup characters escaped."""
    return text.translate(_SPECIAL)


def _link(key: str, url: str | None = None) -> str:
    if url is None:
        try:
            url = reference(key).urls[0]
        except UnknownReference:
            return f"\\[{escape(key)}\\]"
    return f"[\\[{escape(key)}\\]]({url})"


def _cited(line: Cited) -> str:
    links = " ".join(_link(key) for key in line.sources)
    return f"{escape(line.text)} {links}".rstrip()


def _card(card: Card, level: str) -> list[str]:
    lines = [f"{level} {card.number}. {escape(card.name)}", "", f"**{escape(card.dose)}**"]
    if card.detail:
        lines[-1] += f" ({escape('; '.join(card.detail))})"
    lines += ["", f"*{escape(card.summary)}*"]
    if card.props:
        lines += ["", f"Props: {escape(', '.join(card.props))}"]
    lines += ["", *(f"{i}. {escape(cue)}" for i, cue in enumerate(card.cues, start=1))]
    if card.precautions:
        lines += ["", "> **Take care:**", *(f"> - {escape(p)}" for p in card.precautions)]
    if card.note:
        lines += ["", f"Note: {escape(card.note)}"]
    if card.sources:
        lines += ["", f"Sources: {' '.join(_link(key, url) for key, url in card.sources)}"]
    return [*lines, ""]


def render_sheet(sheet: Sheet) -> str:
    """The Markdown of a sheet."""
    lines = [f"# {escape(sheet.title)}", ""]
    lines += [*(escape(fact) for fact in sheet.facts), ""] if sheet.facts else []
    for part in sheet.parts:
        lines += [f"## {part.title} ({minutes(part.seconds)})", ""]
        for card in part.cards:
            lines += _card(card, "###")
    for card in sheet.cards:
        lines += _card(card, "##")
    if sheet.changes:
        lines += [f"## {escape(sheet.changes_title)}", ""]
        lines += [*(f"- {_cited(change)}" for change in sheet.changes), ""]
    if sheet.warning_signs:
        lines += ["## Stop and get urgent help if any of these is true", ""]
        lines += [*(f"- {_cited(sign)}" for sign in sheet.warning_signs), ""]
    lines += ["## Safety", ""]  # every sheet ends with its safety notice
    lines += [*(f"- {_cited(line)}" for line in sheet.notice), ""]
    return "\n".join(lines)


def _referral(week: WeekView) -> list[str]:
    lines = []
    if week.clearance is not None:
        lines += [_cited(week.clearance), ""]
    if week.referral is None:
        return lines
    lines += [f"**{escape(week.referral.stop)}**", ""]
    if week.referral.first:
        lines += [f"Instead: {escape(week.referral.instead)}", "", "Why:", ""]
        lines += [*(f"- {_cited(reason)}" for reason in week.referral.reasons), ""]
    if week.clearance is None:
        lines += [escape(RESUMES), ""]
    return lines


def render_program(sheet: ProgramSheet) -> str:
    """The Markdown of a program: a table a week, then the safety notice.

    A week with no session to do has no table: it says what to do instead, and why.
    """
    lines = [f"# {escape(sheet.title)}", "", *(escape(fact) for fact in sheet.facts), ""]
    for week in sheet.weeks:
        label = " (deload)" if week.deload else ""
        lines += [f"## Week {week.number}{label}", "", escape(", ".join(week.when)), ""]
        if week.advice is not None:
            lines += [f"Advice in force: {_cited(week.advice)}", ""]
        if week.lines:
            lines += ["| Exercise | Dose | Change |", "|---|---|---|"]
            for line in week.lines:
                why = "; ".join(_cited(reason) for reason in line.reasons)
                change = f"{line.action}: {why}" if line.action else ""
                lines.append(f"| {escape(line.name)} | {escape(line.dose)} | {change} |")
            lines.append("")
        lines += _referral(week)
    lines += ["## Stop and get urgent help if any of these is true", ""]
    lines += [*(f"- {_cited(sign)}" for sign in sheet.warning_signs), ""]
    lines += ["## Safety", "", *(f"- {_cited(line)}" for line in sheet.notice), ""]
    return "\n".join(lines)


def markdown(value: object) -> str:
    """Markdown of an exercise, a block, a routine, a report, a composition or a program.

    >>> print(markdown(default_catalog()["chin-tuck"]).splitlines()[0])
    # Chin tuck

    Raises:
        InvalidValue: The value is of a kind that has no Markdown form.
    """
    if isinstance(value, Program):
        return render_program(program_sheet(value))
    return render_sheet(sheet_of(value))
