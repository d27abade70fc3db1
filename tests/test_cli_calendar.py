"""``plan --format ics`` with the options of a calendar that updates (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import icalendar
import pytest
import vobject

import upperback as ub
from tests._cli import run

if TYPE_CHECKING:
    from pathlib import Path

CATALOG = ub.default_catalog()
ROUTINE = ub.Routine.of("Desk", main=[CATALOG["band-pull-apart"]])
START = dt.date(2027, 1, 4)


@pytest.fixture
def routine(tmp_path: Path) -> str:
    path = tmp_path / "routine.json"
    path.write_text(ub.dumps(ROUTINE), encoding="utf-8")
    return str(path)


def ics(capsys: pytest.CaptureFixture[str], routine: str, *argv: str) -> tuple[int, str, str]:
    return run(
        capsys, "plan", routine, "--weeks", "2", "--start", "2027-01-04", "--format", "ics", *argv
    )


def test_the_options_reach_every_event(capsys: pytest.CaptureFixture[str], routine: str) -> None:
    code, out, _ = ics(
        capsys,
        routine,
        "--uid-namespace",
        "9f1c2a",
        "--sequence",
        "4",
        "--stamp",
        "2027-01-03T18:30:00+01:00",
        "--reminder",
        "20",
    )
    assert code == 0
    events = list(icalendar.Calendar.from_ical(out).walk("VEVENT"))
    assert len(events) == 2 * ROUTINE.sessions_per_week
    assert str(events[0]["uid"]) == f"9f1c2a.{ROUTINE.id}.w1-s1@upperback.invalid"
    assert {event.decoded("sequence") for event in events} == {4}
    assert {event.decoded("dtstamp") for event in events} == {
        dt.datetime(2027, 1, 3, 17, 30, tzinfo=dt.UTC)
    }
    triggers = [alarm.decoded("trigger") for e in events for alarm in e.walk("VALARM")]
    assert triggers == [dt.timedelta(minutes=-20)] * len(events)
    second = vobject.readOne(out).vevent_list
    assert [e.uid.value for e in second] == [str(e["uid"]) for e in events]


def test_a_later_stamp_numbers_a_later_export(
    capsys: pytest.CaptureFixture[str], routine: str
) -> None:
    sequences = []
    for stamp in ("2027-01-03T18:30:00Z", "2027-01-10T08:00:00Z"):
        code, out, _ = ics(capsys, routine, "--uid-namespace", "p-1", "--stamp", stamp)
        assert code == 0
        (sequence,) = {
            e.decoded("sequence") for e in icalendar.Calendar.from_ical(out).walk("VEVENT")
        }
        sequences.append(sequence)
    assert 0 < sequences[0] < sequences[1]


def test_a_logged_red_flag_cancels_the_later_sessions(
    capsys: pytest.CaptureFixture[str], routine: str, tmp_path: Path
) -> None:
    # Issue 17: the calendar kept every session after an urgent referral.
    chest = ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    )
    log = ub.SessionLog(
        date=START,
        routine_id=ROUTINE.id,
        pain_before=0,
        outcomes=[ub.Outcome.as_prescribed(ROUTINE.blocks[0], at=(0, 0))],
        symptoms=chest,
    )
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps([json.loads(ub.dumps(log))]), encoding="utf-8")
    code, out, _ = ics(capsys, routine, "--logs", str(logs), "--uid-namespace", "p-1")
    assert code == 0
    events = list(icalendar.Calendar.from_ical(out).walk("VEVENT"))
    statuses = [str(e["status"]) for e in events if isinstance(e.decoded("dtstart"), dt.datetime)]
    assert statuses == ["CONFIRMED"] + ["CANCELLED"] * 5


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--uid-namespace", "ada@example.org"], "'uid_namespace'"),
        (["--sequence", "-1"], "must be a whole number from 0 to 2147483647"),
        (["--sequence", "two"], "must be a whole number from 0 to 2147483647"),
        (["--reminder", "10081"], "must be a whole number from 0 to 10080"),
        (["--stamp", "yesterday"], "must be a date and time as YYYY-MM-DDTHH:MM:SS+00:00"),
        (["--stamp", "2027-01-03T18:30"], "'stamp' must be a date and time with its time zone"),
        (["--stamp", "2019-01-03T18:30Z"], "or give sequence="),
    ],
)
def test_bad_calendar_options_exit_2(
    capsys: pytest.CaptureFixture[str], routine: str, argv: list[str], message: str
) -> None:
    code, _, err = ics(capsys, routine, *argv)
    assert code == 2
    assert message in err
