"""A clinician's summary of adherence: done of prescribed and pain, in all, per week, per exercise.

:func:`summary_text` and :func:`summary_html` render an
:class:`~upperback.progression.tally.Adherence` value, so what an app saved
or received as a document renders the same as what it just counted. The
HTML page holds an inline SVG chart of pain and of the work done over the
weeks, drawn by the same hand-written chart as a program's sheet.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Final

import attrs

from upperback.errors import InvalidValue
from upperback.progression import Adherence, Tally
from upperback.render._chart import chart
from upperback.render._program import Series
from upperback.render._sheet import minutes
from upperback.render.html import STYLE
from upperback.safety import Trend

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["summary_html", "summary_text"]

CHART_TITLE: Final = "Pain and work done, week by week"

_TRENDS: Final = {
    Trend.BETTER: "better: less pain than the week before",
    Trend.SAME: "the same as the week before",
    Trend.WORSE: (
        "worse: more pain than the week before, and under the pain-monitoring model pain"
        " should not increase from week to week [P7]"
    ),
}

_SUPPORTS: Final = (
    "This summary counts what was logged; it supports, and does not replace,"
    " a healthcare professional's judgement."
)

_COUNTED: Final = (
    "A session counts as missed once its day is over; sessions still to come, and today's"
    " until it is logged, are not counted. Work is counted on one side of a per-side dose."
)


def _percent(ratio: float) -> str:
    return f"{round(ratio * 100)}%"


def _of(done: int, due: int, show: Callable[[int], str] = str) -> str:
    """``"7 of 8 (88%)"``; a dash for nothing due."""
    if not due:
        return "none due"
    return f"{show(done)} of {show(due)} ({_percent(done / due)})"


def _pain(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


@attrs.frozen(kw_only=True)
class _Row:
    """One week or one exercise as the summary shows it."""

    label: str
    when: str
    sessions: str
    sets: str
    work: str
    pain_before: str | None
    pain_with_exercise: str
    pain_next_morning: str


def _row(label: str, when: str, tally: Tally, *, before: bool = True) -> _Row:
    return _Row(
        label=label,
        when=when,
        sessions=_of(tally.sessions_done, tally.sessions_planned),
        sets=_of(tally.sets_done, tally.sets_prescribed),
        work=_of(tally.seconds_done, tally.seconds_prescribed, minutes),
        pain_before=_pain(tally.worst_pain_before) if before else None,
        pain_with_exercise=_pain(tally.worst_pain_with_exercise),
        pain_next_morning=_pain(tally.worst_pain_next_morning),
    )


def _when(adherence: Adherence, number: int) -> str:
    days = adherence.week_dates(number)
    if days is None:
        return ""
    first, last = days
    return f"{first:%a %d %b}" + ("" if last == first else f" – {last:%a %d %b}")


@attrs.frozen(kw_only=True)
class _Summary:
    """Everything a format shows of adherence, worded once."""

    title: str
    facts: tuple[str, ...]
    totals: tuple[str, ...]
    trend: str
    weeks: tuple[_Row, ...]
    blocks: tuple[_Row, ...]


def _summary(adherence: Adherence) -> _Summary:
    if not isinstance(adherence, Adherence):
        raise InvalidValue("adherence", adherence, "must be an Adherence")
    total = adherence.total
    facts = []
    if adherence.on is not None:
        facts.append(f"As of {adherence.on:%A %d %B %Y}.")
    if adherence.weeks:
        count = len(adherence.weeks)
        facts.append(
            ("Week 1" if count == 1 else f"Weeks 1 to {count}")
            + " of the program"
            + (f", from {adherence.start:%A %d %B %Y}." if adherence.start else ".")
        )
    else:
        facts.append("No session was due yet.")
    totals = (
        f"Sessions done: {_of(total.sessions_done, total.sessions_planned)}",
        f"Sets done: {_of(total.sets_done, total.sets_prescribed)}",
        f"Work done: {_of(total.seconds_done, total.seconds_prescribed, minutes)}",
        f"Worst pain: {_pains(_row('', '', total))}",
    )
    trend = adherence.pain_trend
    rated = [n for n, week in enumerate(adherence.weeks, 1) if week.worst_pain is not None]
    if trend is None:
        trend_text = "Pain trend: not enough weeks with a pain rating (two are needed)."
    else:
        before, last = rated[-2], rated[-1]
        trend_text = (
            f"Pain trend: {_TRENDS[trend]} (worst {_pain(adherence.weeks[last - 1].worst_pain)}"
            f" in week {last}, {_pain(adherence.weeks[before - 1].worst_pain)} in week {before})."
        )
    return _Summary(
        title=f"{adherence.title or 'Program'}: adherence",
        facts=tuple(facts),
        totals=totals,
        trend=trend_text,
        weeks=tuple(
            _row(f"Week {n}", _when(adherence, n), week)
            for n, week in enumerate(adherence.weeks, 1)
        ),
        blocks=tuple(_row(entry.name, "", entry.tally, before=False) for entry in adherence.blocks),
    )


def _pains(row: _Row) -> str:
    parts = [
        f"{row.pain_with_exercise} with exercise",
        f"{row.pain_next_morning} the next morning",
    ]
    if row.pain_before is not None:
        parts.insert(0, f"{row.pain_before} before a session")
    return ", ".join(parts)


def _cells(row: _Row) -> tuple[tuple[str, str], ...]:
    """The row's columns, each with its heading (no pain before a session for an exercise)."""
    cells = [("Sessions", row.sessions), ("Sets", row.sets), ("Work", row.work)]
    if row.pain_before is not None:
        cells.append(("Pain before", row.pain_before))
    cells += [
        ("Pain with exercise", row.pain_with_exercise),
        ("Pain next morning", row.pain_next_morning),
    ]
    return tuple(cells)


def summary_text(adherence: Adherence) -> str:
    """A clinician's summary of adherence as plain text.

    Done of prescribed (sessions, sets, minutes of work) and the worst pain,
    in all, per week and per exercise, and the pain trend from week to week.

    >>> from upperback import Outcome, Routine, SessionLog, adherence, default_catalog, plan
    >>> import datetime as dt
    >>> routine = Routine.of("Desk", main=[default_catalog()["chin-tuck"]])
    >>> program = plan(routine, weeks=2, start=dt.date(2026, 1, 5))
    >>> first = program.weeks[0]
    >>> logs = [
    ...     SessionLog(date=session.date, routine_id="desk", outcomes=[
    ...         Outcome.as_prescribed(first.routine.blocks[0], at=(0, 0), pain_during=2)])
    ...     for session in first.sessions
    ... ]
    >>> for line in summary_text(adherence(program, logs)).splitlines()[:6]:
    ...     print(line)
    Desk: adherence
    As of Friday 09 January 2026.
    Week 1 of the program, from Monday 05 January 2026.
    <BLANKLINE>
    Sessions done: 3 of 3 (100%)
    Sets done: 3 of 3 (100%)

    Raises:
        InvalidValue: ``adherence`` is not an :class:`~upperback.progression.tally.Adherence`.

    .. versionadded:: 0.1.0
    """
    summary = _summary(adherence)
    lines = [summary.title, *summary.facts, "", *summary.totals, summary.trend]
    for heading, rows in (("Per week", summary.weeks), ("Per exercise", summary.blocks)):
        if not rows:
            continue
        lines += ["", f"{heading}:"]
        for row in rows:
            lines.append(
                f"  {row.label}"
                + (f" ({row.when})" if row.when else "")
                + f": sessions {row.sessions}, sets {row.sets}, work {row.work}"
            )
            lines.append(f"    worst pain: {_pains(row)}")
    lines += ["", _COUNTED, _SUPPORTS]
    return "\n".join(lines) + "\n"


def _series(adherence: Adherence) -> tuple[Series, ...]:
    """The chart's lines: the worst pain with exercise and next morning, and the work done."""
    weeks = list(enumerate(adherence.weeks, 1))
    found = []
    pains = (
        ("Pain with exercise (0–10)", [(n, t.worst_pain_with_exercise) for n, t in weeks]),
        ("Pain next morning (0–10)", [(n, t.worst_pain_next_morning) for n, t in weeks]),
    )
    for name, values in pains:
        points = tuple((n, pain, f"{pain}/10") for n, pain in values if pain is not None)
        if points:
            found.append(Series(name=name, points=points))
    work = tuple(
        (n, t.seconds_done, f"{minutes(t.seconds_done)} of {minutes(t.seconds_prescribed)}")
        for n, t in weeks
    )
    found.append(Series(name="Work done", points=work))
    return tuple(found)


def _table(first: str, rows: tuple[_Row, ...], *, when: bool) -> str:
    head = f"<th>{escape(first)}</th>" + ("<th>Days</th>" if when else "")
    head += "".join(f"<th>{escape(name)}</th>" for name, _ in _cells(rows[0]))
    body = "".join(
        f"<tr><td>{escape(row.label)}</td>"
        + (f"<td>{escape(row.when)}</td>" if when else "")
        + "".join(f"<td>{escape(cell)}</td>" for _, cell in _cells(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def summary_html(adherence: Adherence) -> str:
    """A clinician's summary of adherence as a self-contained HTML page, with a chart.

    The same content as :func:`summary_text`, in tables, with an inline
    SVG chart of the worst pain (with exercise and the next morning) and of
    the work done, week by week.

    >>> from upperback import Routine, adherence, default_catalog, plan
    >>> import datetime as dt
    >>> routine = Routine.of("Desk", main=[default_catalog()["chin-tuck"]])
    >>> program = plan(routine, weeks=2, start=dt.date(2026, 1, 5))
    >>> page = summary_html(adherence(program, [], on=dt.date(2026, 1, 12)))
    >>> "<h1>Desk: adherence</h1>" in page, "<svg" in page
    (True, True)

    Raises:
        InvalidValue: ``adherence`` is not an :class:`~upperback.progression.tally.Adherence`.

    .. versionadded:: 0.1.0
    """
    summary = _summary(adherence)
    body = [f"<h1>{escape(summary.title)}</h1>"]
    body += [f"<p class=facts>{escape(fact)}</p>" for fact in summary.facts]
    body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary.totals) + "</ul>")
    body.append(f"<p>{escape(summary.trend)}</p>")
    if adherence.weeks:
        body += [
            f"<h2>{escape(CHART_TITLE)}</h2>",
            "<figure class=chart>",
            chart(_series(adherence), len(adherence.weeks), (), title=CHART_TITLE),
            (
                "<figcaption class=meta>Each line is on its own scale; each point's label"
                " gives its value. Pain is the worst reported in the week.</figcaption></figure>"
            ),
            "<h2>Per week</h2>",
            _table("Week", summary.weeks, when=adherence.start is not None),
        ]
    if summary.blocks:
        body += ["<h2>Per exercise</h2>", _table("Exercise", summary.blocks, when=False)]
    body += [f"<p class=meta>{escape(line)}</p>" for line in (_COUNTED, _SUPPORTS)]
    return (
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        '<meta name=viewport content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(summary.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
