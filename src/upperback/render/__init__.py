"""Presentation: text, Markdown and printable HTML sheets, and iCalendar schedules.

Every format renders the same sheet, built once from the domain values
(doses by :meth:`Dose.describe <upperback.dose.Dose.describe>`, durations by
the routine's own timing), so no timing or wording is computed twice.
Import it as ``upperback.render``; it is not loaded by ``import upperback``.
``ical()`` needs the ``ical`` extra (``icalendar``). ``summary_text()`` and
``summary_html()`` show a clinician how much of a program was done
(:func:`~upperback.progression.tally.adherence`).
"""

from __future__ import annotations

from upperback.render.html import html
from upperback.render.ical import ical
from upperback.render.markdown import markdown
from upperback.render.summary import summary_html, summary_text
from upperback.render.text import text

__all__ = ["html", "ical", "markdown", "summary_html", "summary_text", "text"]
