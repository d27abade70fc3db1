"""The sub-commands that read files: validate, screen and triage; user mistakes exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import icalendar
import pytest

import upperback as ub
from tests._cli import run
from upperback import render

DOCUMENTS = Path(__file__).parent / "documents" / "v1"
ROUTINE = DOCUMENTS / "routine.json"


@pytest.mark.parametrize("path", sorted(DOCUMENTS.glob("*.json")), ids=lambda p: p.stem)
def test_validate_accepts_every_saved_document(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert out.strip() == f"{path}: a valid {path.stem.replace('_', ' ')} document."


def test_validate_lists_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {"upperback": 1, "kind": "kit", "data": {"props": [{"type": "trampoline"}]}, "x": 1}
        )
    )
    code, out, err = run(capsys, "validate", str(bad), "--format", "json")
    assert code == 2
    answer = json.loads(out)
    assert answer["valid"] is False
    assert any(
        p["path"] == "$.x" and p["message"].startswith("is not a document field")
        for p in answer["problems"]
    )
    assert err.startswith(f"upperback: {bad}: is not a valid upperback document: ")
    assert "\n" not in err.strip()


def test_validate_can_require_a_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(ROUTINE), "--kind", "dose")
    assert code == 2
    assert '$.kind: must be dose (got "routine")' in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file."),
        (b"{not json", "is not valid JSON: a key must be text in double quotes (line 1, column 2)"),
        (b"\xff\xfe", "is not UTF-8 text"),
    ],
)
def test_bad_files_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "doc.json"
    if content is not None:
        path.write_bytes(content)
    for command in (
        ["validate", str(path)],
        ["screen", str(path)],
        ["triage", "--report", str(path)],
    ):
        code, out, err = run(capsys, *command)
        assert code == 2
        assert out == ""
        assert err == f"upperback: {path}: {message}" + err.split(message, 1)[1]
        assert "Traceback" not in err


def test_a_folder_is_not_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "is a folder, not a file" in err


def test_screen_names_every_rule_with_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "screen", str(ROUTINE), "--condition", "osteoporosis")
    assert code == 0
    routine = ub.loads(ROUTINE.read_text(), ub.Routine)
    report = ub.screen(routine, ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}))
    for item in report.blocks:
        assert f"{item.block.exercise.name}: {item.verdict.value}" in out
        for rule in item.rules:
            assert rule.reason in out
            assert "".join(f"[{key}]" for key in rule.sources) in out
    kept = len(report.safe_routine().blocks)
    assert f"{kept} of {len(report.blocks)} exercises kept." in out


def test_screen_json_is_the_report_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "screen",
        str(ROUTINE),
        "--condition",
        "pregnancy_second_trimester",
        "--format",
        "json",
    )
    assert code == 0
    report = ub.loads(out, ub.ScreenReport)
    assert report.profile.conditions == {ub.Condition.PREGNANCY_SECOND_TRIMESTER}


def test_screen_html_is_a_sheet_of_the_safe_routine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "sheet.html"
    code, out, _ = run(
        capsys,
        "screen",
        str(ROUTINE),
        "--condition",
        "osteoporosis",
        "--format",
        "html",
        "-o",
        str(out_file),
    )
    assert code == 0
    assert out == ""
    page = out_file.read_text()
    text = " ".join(" ".join(html5lib.parse(page).itertext()).split())
    routine = ub.loads(ROUTINE.read_text(), ub.Routine)
    safe = ub.screen(routine, ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})).safe_routine()
    for block in safe.blocks:
        assert block.exercise.name in text
    assert "Left out Cat-camel" in text


def test_screen_with_a_profile_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(ub.dumps(ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})))
    code, out, _ = run(capsys, "screen", str(ROUTINE), "--profile", str(profile))
    assert code == 0
    assert "osteoporosis-flexion-rotation" in out


def test_screen_refuses_a_document_that_holds_no_routine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "screen", str(DOCUMENTS / "dose.json"))
    assert code == 2
    assert err == (
        f"upperback: {DOCUMENTS / 'dose.json'}: is a dose document, which holds no routine;"
        " give a routine, composition, prescription or program document.\n"
    )


def test_screen_refuses_an_unknown_condition_listing_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "screen", str(ROUTINE), "--condition", "gout")
    assert code == 2
    assert "'gout' is not a condition; choose from " in err
    for condition in ub.Condition:
        assert condition.value in err


@pytest.mark.parametrize(
    ("argv", "level"),
    [
        (["--days", "2", "--trend", "better"], ub.AdviceLevel.CONTINUE),
        (["--days", "16", "--trend", "same"], ub.AdviceLevel.SEE_PROFESSIONAL),
        (
            ["--days", "1", "--trend", "better", "--red-flag", "chest_pain"],
            ub.AdviceLevel.EMERGENCY,
        ),
        (
            ["--days", "1", "--trend", "better", "--red-flag", "recent_infection"],
            ub.AdviceLevel.URGENT,
        ),
        (["--days", "3", "--trend", "same", "--pain-now", "7"], ub.AdviceLevel.CONTINUE_WITH_CARE),
    ],
)
def test_triage_from_options_is_triage(
    capsys: pytest.CaptureFixture[str], argv: list[str], level: ub.AdviceLevel
) -> None:
    code, out, _ = run(capsys, "triage", *argv, "--format", "json")
    assert code == 0
    advice = ub.loads(out, ub.Advice)
    assert advice.level is level
    code, out, _ = run(capsys, "triage", *argv)
    assert out.startswith(f"{level.value}: {advice.message}")
    for reason in advice.reasons:
        assert reason.text in out


def test_triage_reads_a_report_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "triage", "--report", str(DOCUMENTS / "symptom_report.json"))
    report = ub.loads((DOCUMENTS / "symptom_report.json").read_text(), ub.SymptomReport)
    assert code == 0
    assert out.startswith(ub.triage(report).level.value)


def test_triage_with_a_condition_is_stricter(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["triage", "--days", "3", "--trend", "same", "--pain-now", "2", "--format", "json"]
    _, plain, _ = run(capsys, *argv)
    _, strict, _ = run(capsys, *argv, "--condition", "osteoporosis")
    assert ub.loads(plain, ub.Advice).level is ub.AdviceLevel.CONTINUE
    assert ub.loads(strict, ub.Advice).level is ub.AdviceLevel.SEE_PROFESSIONAL


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--days", "2"], "give --trend, or a report file with --report."),
        (["--trend", "same"], "give --days, or a report file with --report."),
        (["--days", "-1", "--trend", "same"], "must be a whole number from 0 to 36500 (got '-1')"),
        (["--days", "2", "--trend", "same", "--pain-now", "11"], "from 0 to 10 (got '11')"),
        (["--days", "x", "--trend", "same"], "(got 'x')"),
        (
            ["--days", "2", "--trend", "sideways"],
            "'sideways' is not a trend; choose from better, same, worse",
        ),
        (["--days", "2", "--trend", "same", "--red-flag", "itch"], "'itch' is not a red-flag"),
    ],
)
def test_triage_option_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "triage", *argv)
    assert code == 2
    assert message in err


def test_output_to_a_folder_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "triage", "--days", "1", "--trend", "same", "-o", str(tmp_path / "no" / "x")
    )
    assert code == 2
    assert "cannot be written" in err


@pytest.mark.parametrize("command", [["compose", "--minutes", "10"], ["routine"]])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_compose_and_routine_write_sheets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str], fmt: str
) -> None:
    target = tmp_path / f"sheet.{fmt}"
    code, out, _ = run(capsys, *command, "--format", fmt, "-o", str(target))
    assert code == 0
    assert out == ""
    written = target.read_text()
    assert ("<!DOCTYPE html>" in written) is (fmt == "html")
    assert "Safety" in written


def test_plan_writes_every_week(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", str(ROUTINE), "--weeks", "3")
    assert code == 0
    # The command takes the exercises' facts (their dose limits too) from the catalog.
    catalog = ub.default_catalog()
    routine = ub.resolve_exercises(ub.loads(ROUTINE.read_text(), ub.Routine), catalog).value
    program = ub.plan(routine, weeks=3, catalog=catalog)
    assert out == render.text(program)


def test_plan_json_is_the_program_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", str(ROUTINE), "--weeks", "2", "--format", "json")
    assert code == 0
    assert len(ub.loads(out, ub.Program).weeks) == 2


def test_plan_ics_needs_a_start_and_has_an_event_per_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "plan", str(ROUTINE), "--format", "ics")
    assert code == 2
    assert "--format ics needs --start" in err
    code, out, _ = run(
        capsys,
        "plan",
        str(ROUTINE),
        "--weeks",
        "2",
        "--start",
        "2027-01-04",
        "--format",
        "ics",
        "--tz",
        "Europe/Paris",
        "--time",
        "07:00",
    )
    assert code == 0
    events = list(icalendar.Calendar.from_ical(out).walk("VEVENT"))
    assert len(events) == 2 * ub.loads(ROUTINE.read_text(), ub.Routine).sessions_per_week
    assert events[0].decoded("dtstart").hour == 7


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "2027-13-01"], "must be a date as YYYY-MM-DD (got '2027-13-01')"),
        (["--weeks", "0"], "must be a whole number from 1 to"),
        (["--start", "2027-01-04", "--format", "ics", "--tz", "Mars/Base"], "IANA time zone"),
        (["--time", "25:00"], "must be a time of day as HH:MM"),
    ],
)
def test_plan_option_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "plan", str(ROUTINE), *argv)
    assert code == 2
    assert message in err


def test_plan_reads_logs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    saved = DOCUMENTS / "session_log.json"
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps([json.loads(saved.read_text())]))
    program = ub.loads((DOCUMENTS / "program.json").read_text(), ub.Program)
    routine_file = tmp_path / "routine.json"
    routine_file.write_text(ub.dumps(program.routine))
    code, out, err = run(
        capsys,
        "plan",
        str(routine_file),
        "--logs",
        str(logs),
        "--start",
        program.start.isoformat() if program.start else "2027-01-04",
    )
    assert code == 0, err
    assert "Week 1" in out
    bad = tmp_path / "bad-logs.json"
    bad.write_text(json.dumps([{"upperback": 1, "kind": "session_log", "data": {}}]))
    code, _, err = run(capsys, "plan", str(routine_file), "--logs", str(bad))
    assert code == 2
    assert "is not a list of session logs: $[0].data.date: is required;" in err


def test_prescribe_adapts_a_saved_routine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "prescribe",
        str(ROUTINE),
        "--kit",
        "wall",
        "--condition",
        "osteoporosis",
        "--minutes",
        "8",
        "--format",
        "json",
    )
    assert code == 0
    adapted = ub.loads(out, ub.Prescription).routine
    assert adapted.duration().total_seconds() <= 8 * 60
    profile = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    assert not ub.screen(adapted, profile).excluded
    code, out, _ = run(capsys, "prescribe", str(ROUTINE), "--kit", "wall", "--minutes", "8")
    assert "What was changed for you, and why:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--kit", "trampoline"], "'trampoline' is not a prop"),
        (["--height", "nan", "--kit", "wall"], "must be a number from 100 to 250 cm"),
        (["--minutes", "-5"], "must be a number from 1 to 240 minutes"),
    ],
)
def test_prescribe_option_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "prescribe", str(ROUTINE), *argv)
    assert code == 2
    assert message in err
    if argv[0] == "--kit":
        for prop in ub.PropKind:
            assert prop.value in err
