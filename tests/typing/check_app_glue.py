"""Usage of the calls an app makes each day that must type-check under ``mypy --strict``.

It is never run: it pins the return types of the log from a form, the next
session, adherence and its summary.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_type

import upperback as ub
from upperback import render


def usage() -> None:
    """Type-checked only."""
    routine = ub.Routine.of("Desk", main=[ub.default_catalog()["chin-tuck"]])
    program = ub.plan(routine, weeks=2, start=dt.date(2026, 1, 5))
    day = dt.date(2026, 1, 7)
    log = ub.SessionLog.from_form(program, date=day, answers={"pain_during": 2})
    assert_type(log, ub.SessionLog)
    check_in = ub.SymptomReport(days_since_onset=3, trend=ub.Trend.BETTER)
    found = ub.next_session(
        program, on=day, logs=[log], check_ins=[ub.CheckIn(date=day, report=check_in)]
    )
    assert_type(found, ub.NextSession)
    assert_type(found.status, ub.NextStatus)
    assert_type(found.advice, ub.Advice | None)
    assert_type(ub.next_session(program, on=day, clearances=()), ub.NextSession)
    done = ub.adherence(program, [log], on=day)
    assert_type(done, ub.Adherence)
    assert_type(done.total.sessions, float)
    assert_type(done.pain_trend, ub.Trend | None)
    assert_type(done.blocks[0], ub.BlockTally)
    assert_type(render.summary_text(done), str)
    assert_type(render.summary_html(done), str)
