"""The plan and prescribe commands: bad logs files, refused plans, the default kit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import upperback as ub
from tests._cli import run
from upperback.cli import prescribe as prescribe_command

DOCUMENTS = Path(__file__).parent / "documents" / "v1"
ROUTINE = DOCUMENTS / "routine.json"
LOG = DOCUMENTS / "session_log.json"


def test_a_logs_file_that_does_not_exist_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "none.json"
    code, out, err = run(capsys, "plan", str(ROUTINE), "--logs", str(missing))
    assert code == 2
    assert out == ""
    assert f"{missing}: no such file." in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00bad"])
def test_a_logs_file_that_is_not_json_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    logs = tmp_path / "logs.json"
    logs.write_bytes(content)
    code, out, err = run(capsys, "plan", str(ROUTINE), "--logs", str(logs))
    assert code == 2
    assert out == ""
    assert str(logs) in err
    assert "Traceback" not in err


def test_a_single_log_document_with_a_bad_field_names_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(LOG.read_text(encoding="utf-8"))
    document["data"]["date"] = "2026-02-30"
    logs = tmp_path / "log.json"
    logs.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run(capsys, "plan", str(ROUTINE), "--logs", str(logs))
    assert code == 2
    assert f"{logs}: is not a list of session logs: $.data.date: must be a date" in err


def test_a_plan_the_library_refuses_is_its_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A log of another routine than the one planned: plan refuses it.
    routine = ub.loads(ROUTINE.read_text(encoding="utf-8"), ub.Routine)
    document = json.loads(LOG.read_text(encoding="utf-8"))
    document["data"]["routine_id"] = "another-routine"
    log = ub.from_dict(document, ub.SessionLog)
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps([document]), encoding="utf-8")
    code, out, err = run(capsys, "plan", str(ROUTINE), "--logs", str(logs), "--start", "2026-01-05")
    assert code == 2
    assert out == ""
    with pytest.raises(ub.InvalidValue) as caught:
        ub.plan(routine, weeks=8, start=log.date, logs=[log], catalog=ub.default_catalog())
    assert str(caught.value) in err


def test_prescribe_with_no_kit_uses_the_everyday_props(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "prescribe", str(ROUTINE), "--format", "json")
    assert code == 0
    adapted = ub.loads(out, ub.Prescription).routine
    # The command takes the exercises' facts from the catalog, not from the document.
    catalog = ub.default_catalog()
    routine = ub.resolve_exercises(
        ub.loads(ROUTINE.read_text(encoding="utf-8"), ub.Routine), catalog
    ).value
    expected = ub.prescribe(routine, catalog, profile=ub.Profile(kit=ub.Kit.everyday())).routine
    assert adapted == expected


def test_a_height_that_is_not_a_number_is_refused_with_the_bounds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "prescribe", str(ROUTINE), "--height", "tall")
    assert code == 2
    assert "must be a number from 100 to 250 cm (got 'tall')" in err


def test_a_value_prescribe_refuses_is_its_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command's options are bounded as the library bounds them, so no option
    # reaches a refusal; a refusal from the library must still be a usage error.
    def refuse(*_: Any, **__: Any) -> Any:
        raise ub.InvalidValue("minutes", 0, "must be a number from 1 to 240 minutes")

    monkeypatch.setattr(prescribe_command, "prescribe", refuse)
    code, out, err = run(capsys, "prescribe", str(ROUTINE))
    assert code == 2
    assert out == ""
    assert "minutes" in err
    assert "must be a number from 1 to 240 minutes" in err
