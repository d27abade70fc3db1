"""HTML: a self-contained, printable sheet to hand over or to read on a phone.

One file, no external assets (styles inline, no scripts, no fonts fetched;
pictures as their alt text and credit unless the app asks for remote media),
print styles for A4 with each session on its own page, and a log sheet with
empty columns for people who keep their log on paper. Everything that comes
from data is escaped.
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING, Final

from upperback.errors import UnknownReference
from upperback.media import MediaKind
from upperback.progression import Program
from upperback.render._chart import chart
from upperback.render._media import byline, media_label
from upperback.render._program import RESUMES, program_sheet
from upperback.render._sheet import check_flag, check_program, minutes, plain, sheet_of
from upperback.sources import reference

if TYPE_CHECKING:
    from upperback.media import Media
    from upperback.render._program import ProgramSheet, WeekView
    from upperback.render._sheet import Card, Cited, Sheet
    from upperback.safety import Profile

__all__ = ["html"]

STYLE: Final = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #111; margin: 0 auto; padding: 1em; max-width: 48em; }
h1 { font-size: 1.6em; margin: 0 0 .25em; }
h2 { font-size: 1.2em; margin: 1.4em 0 .4em; border-bottom: 2px solid #222; }
h3 { font-size: 1.05em; margin: 0 0 .2em; }
.facts { color: #333; margin: 0 0 .8em; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: .6em .8em; margin: .5em 0;
  break-inside: avoid; }
.dose { font-weight: 700; }
.meta, .sources { color: #444; font-size: .85em; }
.care { background: #fff4e5; border-left: 4px solid #c96a00; padding: .2em .5em; }
.notice { border: 2px solid #a00; border-radius: 6px; padding: .4em .8em; margin: 1em 0;
  break-inside: avoid; }
.notice h2 { border: 0; margin-top: .3em; color: #a00; }
.deload { background: #eee; border-radius: 4px; padding: 0 .4em; font-size: .8em; }
figure.chart { margin: .5em 0; }
figure.picture { margin: .3em 0; }
figure.picture img { display: block; max-width: 100%; max-height: 14em; height: auto; }
.picture, .credit { font-size: .85em; }
.credit { color: #444; }
.for-you { border-left: 4px solid #1f5fa8; padding: .1em .8em; margin: .6em 0; }
ol, ul { margin: .3em 0 .3em 1.3em; padding: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #666; padding: .35em .4em; text-align: left; vertical-align: top; }
td.blank { min-width: 4.5em; height: 2em; }
a { color: #0645ad; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 7.5pt; line-height: 1.2; }
  p { margin: .15em 0; }
  .care { margin: .1em 0; padding: .05em .4em; font-size: 7.5pt; }
  h1 { font-size: 14pt; } h2 { font-size: 10.5pt; margin: .5em 0 .2em; }
  h3 { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
  .session { columns: 2; column-gap: 5mm; }
  .session h2 { break-after: avoid; }
  .card { padding: .25em .4em; margin: 0 0 .3em; }
  .card ol { margin-top: .1em; margin-bottom: .1em; }
  .notice { font-size: 6.5pt; padding: .1em .5em; margin: .3em 0; }
  .notice h2 { margin: .2em 0; }
  .notice ul { columns: 2; column-gap: 5mm; }
  .sources { font-size: 7pt; }
  figure.picture img { max-height: 30mm; }
  .for-you { font-size: 6.5pt; padding: .05em .5em; margin: .3em 0; }
  .for-you h2 { margin: .1em 0; }
  .for-you ul { columns: 2; column-gap: 5mm; }
  .changes { font-size: 6.5pt; }
  .changes h2 { margin: .2em 0; }
  .changes ul { columns: 2; column-gap: 5mm; }
  .credit { font-size: 6.5pt; }
  .session-log { break-before: page; }
  td.blank { height: 1.6em; }
}
"""


def escape(text: str) -> str:
    """Text from data as HTML text or an attribute value: one line, all markup escaped."""
    return _html.escape(plain(text), quote=True)


def _link(key: str, url: str | None = None) -> str:
    if url is None:
        try:
            url = reference(key).urls[0]
        except UnknownReference:
            return f"[{escape(key)}]"
    return f'<a href="{escape(url)}">[{escape(key)}]</a>'


def _cited(line: Cited) -> str:
    links = " ".join(_link(key) for key in line.sources)
    return f"{escape(line.text)} <span class=sources>{links}</span>" if links else escape(line.text)


def _media(item: Media, *, remote_media: bool) -> str:
    credit = escape(byline(item))
    if item.source_url:
        credit += f', <a href="{escape(item.source_url)}">source</a>'
    credit = f"<span class=credit>{credit}</span>"
    if remote_media and item.is_remote and item.kind is MediaKind.IMAGE:
        return (
            f'<figure class=picture><img src="{escape(item.url)}" alt="{escape(item.alt)}"'
            " loading=lazy referrerpolicy=no-referrer>"
            f"<figcaption>{credit}</figcaption></figure>"
        )
    alt = escape(item.alt)
    shown = f'<a href="{escape(item.url)}">{alt}</a>' if item.is_remote else alt
    return f"<p class=picture>{media_label(item)}: {shown}<br>{credit}</p>"


def _card(card: Card, *, remote_media: bool = False) -> str:
    head = f"{card.number}. {escape(card.name)}"
    if card.weeks is not None:
        head += f" <span class=meta>({escape(card.weeks)})</span>"
    parts = [f'<section class=card id="{escape(card.exercise_id)}">', f"<h3>{head}</h3>"]
    if card.dose is not None:
        parts.append(
            f"<p><span class=dose>{escape(card.dose)}</span>"
            + (f" · {escape('; '.join(card.detail))}" if card.detail else "")
            + "</p>"
        )
    parts += [
        f"<p class=meta>{escape(card.summary)}"
        + (f" · props: {escape(', '.join(card.props))}" if card.props else "")
        + "</p>",
        "<ol>" + "".join(f"<li>{escape(cue)}</li>" for cue in card.cues) + "</ol>",
    ]
    parts += [f"<p class=care>Take care: {_cited(caution)}</p>" for caution in card.cautions]
    parts += [f"<p class=care>Take care: {escape(p)}</p>" for p in card.precautions]
    if card.note:
        parts.append(f"<p>Note: {escape(card.note)}</p>")
    parts += [_media(item, remote_media=remote_media) for item in card.media]
    if card.sources:
        links = " ".join(_link(key, url) for key, url in card.sources)
        parts.append(f"<p class=sources>Sources: {links}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _for_you(lines: tuple[Cited, ...]) -> list[str]:
    if not lines:
        return []
    items = "".join(f"<li>{_cited(line)}</li>" for line in lines)
    return [f"<section class=for-you><h2>For you</h2><ul>{items}</ul></section>"]


_LOG_HELP: Final = (
    "Write the sets you did, your pain from 0 (none) to 10 (the worst imaginable) during the"
    " exercise and the next morning, and how hard it felt from 0 (no effort) to 10 (the most"
    " you could do)."
)


def _log_sheet(sheet: Sheet, sessions: int) -> str:
    cards = [card for part in sheet.parts for card in part.cards] or list(sheet.cards)
    head = (
        "<tr><th>Exercise</th><th>Sets done</th><th>Pain during (0–10)</th>"
        "<th>Pain next morning (0–10)</th><th>Effort (0–10)</th></tr>"
    )
    tables = []
    for number in range(1, sessions + 1):
        rows = "".join(
            f"<tr><td>{card.number}. {escape(card.name)}<br><span class=meta>"
            f"{escape(card.dose or '')}</span></td>"
            f"<td class=blank>&nbsp;/ {card.sets}</td><td class=blank></td>"
            "<td class=blank></td><td class=blank></td></tr>"
            for card in cards
        )
        tables.append(
            f"<div class=session-log><h2>Log sheet: session {number} of {sessions}</h2>"
            f"<p class=meta>{_LOG_HELP}</p><p>Date: ____________</p>"
            f"<table>{head}{rows}</table></div>"
        )
    return "<section class=log>" + "".join(tables) + "</section>"


def render_sheet(sheet: Sheet, *, sessions: int = 1, remote_media: bool = False) -> str:
    """The HTML page of a sheet with ``sessions`` log tables (for ``remote_media`` see html)."""
    body = [f"<h1>{escape(sheet.title)}</h1>"]
    body += [f"<p class=facts>{escape(fact)}</p>" for fact in sheet.facts]
    body += _for_you(sheet.for_you)
    if sheet.parts:
        body.append("<div class=session>")
    for part in sheet.parts:
        body.append(f"<h2>{escape(part.title)} ({minutes(part.seconds)})</h2><div class=cards>")
        body += [_card(card, remote_media=remote_media) for card in part.cards]
        body.append("</div>")
    if sheet.parts:
        body.append("</div>")
    if sheet.cards:
        body += ["<div class=cards>"]
        body += [_card(card, remote_media=remote_media) for card in sheet.cards]
        body.append("</div>")
    if sheet.changes:
        body.append(f"<section class=changes><h2>{escape(sheet.changes_title)}</h2><ul>")
        body += [f"<li>{_cited(change)}</li>" for change in sheet.changes]
        body.append("</ul></section>")
    # Every sheet ends with its safety notice.
    body += _notice(sheet.warning_signs, sheet.notice)
    if sheet.log_sheet:
        body.append(_log_sheet(sheet, sessions))
    return _page(sheet.title, body)


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        '<meta name=viewport content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _notice(signs: tuple[Cited, ...], notice: tuple[Cited, ...]) -> list[str]:
    body = ["<section class=notice>"]
    if signs:
        body.append("<h2>Stop and get urgent help if any of these is true</h2><ul>")
        body += [f"<li>{_cited(sign)}</li>" for sign in signs]
        body.append("</ul>")
    if notice:
        body.append("<h2>Safety</h2><ul>")
        body += [f"<li>{_cited(line)}</li>" for line in notice]
        body.append("</ul>")
    body.append("</section>")
    return body


def _referral(week: WeekView) -> list[str]:
    body = []
    if week.clearance is not None:
        body.append(f"<p class=meta>{_cited(week.clearance)}</p>")
    if week.referral is None:
        return body
    body.append(
        f"<div class=referral><p class=care><strong>{escape(week.referral.stop)}</strong></p>"
    )
    if week.referral.first:
        body.append(f"<p>Instead: {escape(week.referral.instead)}</p><p>Why:</p><ul>")
        body += [f"<li>{_cited(reason)}</li>" for reason in week.referral.reasons]
        body.append("</ul>")
    if week.clearance is None:
        body.append(f"<p>{escape(RESUMES)}</p>")
    body.append("</div>")
    return body


def render_program(sheet: ProgramSheet, *, remote_media: bool = False) -> str:
    """The HTML page of a program: the chart, a table a week, each exercise, the notice, logs.

    A week with no session to do has no table and no log page: it says what
    to do instead, and why; a session a referral reaches gets no log table.
    """
    body = [f"<h1>{escape(sheet.title)}</h1>"]
    body += [f"<p class=facts>{escape(fact)}</p>" for fact in sheet.facts]
    body += _for_you(sheet.for_you)
    body += [
        "<h2>How each dose goes, week by week</h2>",
        "<figure class=chart>",
        chart(sheet.series, len(sheet.weeks), sheet.deload_weeks),
        (
            "<figcaption class=meta>Each line is one exercise's seconds of work a session,"
            " on its own scale; shaded weeks (marked d) are deload weeks.</figcaption></figure>"
        ),
    ]
    for week in sheet.weeks:
        label = " <span class=deload>deload</span>" if week.deload else ""
        body.append(f"<section class=week><h2>Week {week.number}{label}</h2>")
        body.append(f"<p class=meta>{escape(', '.join(week.when))}</p>")
        if week.advice is not None:
            body.append(f"<p class=care>Advice in force: {_cited(week.advice)}</p>")
        if week.lines:
            rows = "".join(
                f"<tr><td>{escape(line.name)}</td><td>{escape(line.dose)}</td><td>"
                + (escape(line.action) if line.action else "")
                + "".join(
                    f"<br><span class=meta>{_cited(reason)}</span>" for reason in line.reasons
                )
                + "</td></tr>"
                for line in week.lines
            )
            body.append(
                f"<table><tr><th>Exercise</th><th>Dose</th><th>Change</th></tr>{rows}</table>"
            )
        body += _referral(week)
        body.append("</section>")
    if sheet.cards:
        body.append("<h2>How to do each exercise</h2><div class=cards>")
        body += [_card(card, remote_media=remote_media) for card in sheet.cards]
        body.append("</div>")
    body += _notice(sheet.warning_signs, sheet.notice)
    head = (
        "<tr><th>Exercise</th><th>Sets done</th><th>Pain during (0–10)</th>"
        "<th>Pain next morning (0–10)</th><th>Effort (0–10)</th></tr>"
    )
    for week in sheet.weeks:
        tables = []
        for when in week.when:
            if when in week.stopped_when:
                continue
            rows = "".join(
                f"<tr><td>{escape(line.name)}<br><span class=meta>{escape(line.dose)}</span></td>"
                "<td class=blank></td><td class=blank></td><td class=blank></td>"
                "<td class=blank></td></tr>"
                for line in week.lines
            )
            tables.append(f"<h3>{escape(when)}</h3><table>{head}{rows}</table>")
        if tables:
            body.append(
                f"<section class=session-log><h2>Log sheet: week {week.number}</h2>"
                f"<p class=meta>{_LOG_HELP}</p>" + "".join(tables) + "</section>"
            )
    return _page(sheet.title, body)


def html(value: object, *, profile: Profile | None = None, remote_media: bool = False) -> str:
    """A self-contained printable HTML page of an exercise, a block, a routine or a program.

    A routine's page ends with a log sheet: one table per session of the week.

    >>> from upperback import default_catalog
    >>> page = html(default_catalog()["chin-tuck"])
    >>> page.startswith("<!DOCTYPE html>"), "<h1>Chin tuck</h1>" in page
    (True, True)

    Args:
        value: What to show.
        profile: The person the sheet is for (see :func:`~upperback.render.text`).
        remote_media: Show each remote picture as an ``<img>``, which the
            reader's browser then fetches from its address. By default the
            page fetches nothing: a picture is its alt text, a link and its
            credit. A picture at a path in the app's own package data is
            never an ``<img>``: a page on its own cannot reach it.

    Raises:
        InvalidValue: The value is of a kind that has no HTML form, or not
            screened for ``profile``.
    """
    check_flag("remote_media", remote_media)
    if isinstance(value, Program):
        check_program(value, profile)
        return render_program(program_sheet(value), remote_media=remote_media)
    sheet = sheet_of(value, profile)
    return render_sheet(sheet, sessions=sheet.sessions_per_week, remote_media=remote_media)
