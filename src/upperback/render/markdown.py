"""Markdown: a sheet for chat apps, issue trackers and documentation.

Everything that comes from data is escaped: text by :func:`escape` (it
cannot open a link, an image, raw HTML, a heading or a list), and every
address is written percent-encoded, so no name, cue, note, alt text or
URL can add markup of its own.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Final

from upperback.errors import UnknownReference
from upperback.media import MediaKind
from upperback.progression import Program
from upperback.render._media import byline, media_label
from upperback.render._program import RESUMES, program_sheet
from upperback.render._sheet import check_flag, check_program, minutes, plain, sheet_of
from upperback.sources import reference

if TYPE_CHECKING:
    from upperback.media import Media
    from upperback.render._program import ProgramSheet, WeekView
    from upperback.render._sheet import Card, Cited, Sheet
    from upperback.safety import Profile

__all__ = ["markdown"]

_SPECIAL: Final = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>|#~&"})
_ORDERED: Final = re.compile(r"(\d+)([.)])")
_URL_SAFE: Final = "!#$%&*+,-./:;=?@_~"  # with letters and digits; all else is percent-encoded


def escape(text: str) -> str:
    """Text with Markdown's markup escaped, on one line.

    Inline markup (emphasis, code, links, images, raw HTML, entities,
    tables, strikethrough) is backslash-escaped, and a text that would
    start a list or a heading where it begins a line has its marker
    escaped, so it reads as the text it is wherever it is put.
    """
    flat = plain(text).translate(_SPECIAL)
    if match := _ORDERED.match(flat):
        return f"{match[1]}\\{match[2]}{flat[match.end() :]}"
    if flat[:1] in ("-", "+", "="):
        return f"\\{flat}"
    return flat


def destination(url: str) -> str:
    """An address as a link's destination: nothing in it can close the link or add markup.

    What could end the destination or start markup is percent-encoded, and
    ``&`` is backslash-escaped, so that ``&amp;`` in an address stays five
    characters rather than becoming an entity.
    """
    return urllib.parse.quote(plain(url), safe=_URL_SAFE).replace("&", "\\&")


def _link(key: str, url: str | None = None) -> str:
    if url is None:
        try:
            url = reference(key).urls[0]
        except UnknownReference:
            return f"\\[{escape(key)}\\]"
    return f"[\\[{escape(key)}\\]]({destination(url)})"


def _cited(line: Cited) -> str:
    links = " ".join(_link(key) for key in line.sources)
    return f"{escape(line.text)} {links}".rstrip()


def _media(item: Media, *, remote_media: bool) -> list[str]:
    alt = escape(item.alt)
    if remote_media and item.is_remote and item.kind is MediaKind.IMAGE:
        shown = f"![{alt}]({destination(item.url)})"
    elif item.is_remote:
        shown = f"{media_label(item)}: [{alt}]({destination(item.url)})"
    else:
        shown = f"{media_label(item)}: {alt}"
    credit = escape(byline(item))
    if item.source_url:
        credit += f", [source]({destination(item.source_url)})"
    return [shown, "", f"*{credit}*", ""]


def _card(card: Card, level: str, *, remote_media: bool) -> list[str]:
    head = f"{level} {card.number}. {escape(card.name)}"
    if card.weeks is not None:
        head += f" ({card.weeks})"
    lines = [head, ""]
    if card.dose is not None:
        lines += [f"**{escape(card.dose)}**"]
        if card.detail:
            lines[-1] += f" ({escape('; '.join(card.detail))})"
        lines.append("")
    lines += [f"*{escape(card.summary)}*"]
    if card.props:
        lines += ["", f"Props: {escape(', '.join(card.props))}"]
    lines += ["", *(f"{i}. {escape(cue)}" for i, cue in enumerate(card.cues, start=1))]
    care = [f"> - {_cited(caution)}" for caution in card.cautions]
    care += [f"> - {escape(p)}" for p in card.precautions]
    if care:
        lines += ["", "> **Take care:**", *care]
    if card.note:
        lines += ["", f"Note: {escape(card.note)}"]
    if card.media:
        lines.append("")
        for item in card.media:
            lines += _media(item, remote_media=remote_media)
        lines.pop()
    if card.sources:
        lines += ["", f"Sources: {' '.join(_link(key, url) for key, url in card.sources)}"]
    return [*lines, ""]


def _for_you(lines: tuple[Cited, ...]) -> list[str]:
    if not lines:
        return []
    return ["## For you", "", *(f"- {_cited(line)}" for line in lines), ""]


def _ending(signs: tuple[Cited, ...], notice: tuple[Cited, ...]) -> list[str]:
    lines = []
    if signs:
        lines += ["## Stop and get urgent help if any of these is true", ""]
        lines += [*(f"- {_cited(sign)}" for sign in signs), ""]
    lines += ["## Safety", ""]  # every sheet ends with its safety notice
    lines += [*(f"- {_cited(line)}" for line in notice), ""]
    return lines


def render_sheet(sheet: Sheet, *, remote_media: bool = False) -> str:
    """The Markdown of a sheet; ``remote_media`` embeds remote pictures rather than linking them."""
    lines = [f"# {escape(sheet.title)}", ""]
    lines += [*(escape(fact) for fact in sheet.facts), ""] if sheet.facts else []
    lines += _for_you(sheet.for_you)
    for part in sheet.parts:
        lines += [f"## {part.title} ({minutes(part.seconds)})", ""]
        for card in part.cards:
            lines += _card(card, "###", remote_media=remote_media)
    for card in sheet.cards:
        lines += _card(card, "##", remote_media=remote_media)
    if sheet.changes:
        lines += [f"## {escape(sheet.changes_title)}", ""]
        lines += [*(f"- {_cited(change)}" for change in sheet.changes), ""]
    lines += _ending(sheet.warning_signs, sheet.notice)
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


def render_program(sheet: ProgramSheet, *, remote_media: bool = False) -> str:
    """The Markdown of a program: a table a week, how to do each exercise, the safety notice.

    A week with no session to do has no table: it says what to do instead, and why.
    """
    lines = [f"# {escape(sheet.title)}", "", *(escape(fact) for fact in sheet.facts), ""]
    lines += _for_you(sheet.for_you)
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
    if sheet.cards:
        lines += ["## How to do each exercise", ""]
        for card in sheet.cards:
            lines += _card(card, "###", remote_media=remote_media)
    lines += _ending(sheet.warning_signs, sheet.notice)
    return "\n".join(lines)


def markdown(value: object, *, profile: Profile | None = None, remote_media: bool = False) -> str:
    """Markdown of an exercise, a block, a routine, a report, a composition or a program.

    >>> print(markdown(default_catalog()["chin-tuck"]).splitlines()[0])
    # Chin tuck

    Args:
        value: What to show.
        profile: The person the sheet is for (see :func:`~upperback.render.text`).
        remote_media: Embed each remote picture as an image (``![alt](url)``),
            which most Markdown viewers then fetch; by default a picture is
            a link, its alt text and its credit, and nothing is fetched.

    Raises:
        InvalidValue: The value is of a kind that has no Markdown form, or
            not screened for ``profile``.
    """
    check_flag("remote_media", remote_media)
    if isinstance(value, Program):
        check_program(value, profile)
        return render_program(program_sheet(value), remote_media=remote_media)
    return render_sheet(sheet_of(value, profile), remote_media=remote_media)
