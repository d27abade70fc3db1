"""Corners of the command line: unreadable files, its JSON answers, what a text routine shows."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

import upperback as ub
from tests._cli import run
from upperback.cli import app as cli
from upperback.cli import routine as routine_command
from upperback.compose import desk_reset
from upperback.dose import MAX_PAIN
from upperback.safety.triage import MAX_DAYS
from upperback.serialization import DOCUMENT_KINDS, SCHEMA_VERSION

if TYPE_CHECKING:
    from collections.abc import Callable


DOCUMENTS = Path(__file__).parent / "documents" / "v1"


def test_a_file_that_cannot_be_read_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / ("x" * 300)  # longer than a file name may be
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2
    assert out == ""
    assert f"{path}: cannot be read (File name too long)." in err


@pytest.mark.parametrize("path", sorted(DOCUMENTS.glob("*.json")), ids=lambda p: p.stem)
def test_validate_in_json_names_the_kind_and_schema(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    assert code == 0
    answer = json.loads(out)
    kind = json.loads(path.read_text(encoding="utf-8"))["kind"]
    assert answer == {"valid": True, "kind": kind, "schema": SCHEMA_VERSION}
    assert kind in DOCUMENT_KINDS


def test_triage_options_reach_the_reports_own_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    top = [
        "--days", str(MAX_DAYS), "--trend", "same", "--pain-now", str(MAX_PAIN),
        "--days-worse-after-exercise", str(MAX_DAYS), "--format", "json",
    ]  # fmt: skip
    code, out, _ = run(capsys, "triage", *top)
    assert code == 0
    assert json.loads(out)["kind"] == "advice"
    for flag, over in [("--pain-now", MAX_PAIN + 1), ("--days", MAX_DAYS + 1)]:
        argv = [*top]
        argv[argv.index(flag) + 1] = str(over)
        code, _, err = run(capsys, "triage", *argv)
        assert code == 2
        assert str(over) in err


def test_compose_in_text_lists_each_gap_with_why(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compose", "--minutes", "1", "--seed", "3"]
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    gaps = [f"{gap.what}: {gap.reason}" for gap in ub.loads(out, ub.Composition).gaps]
    assert gaps
    code, out, _ = run(capsys, *argv)
    assert code == 0
    listed = out.split("Not covered, and why:\n", 1)[1]
    assert [f"  - {gap}" for gap in gaps] == listed.splitlines()[: len(gaps)]


def _with_first_block(change: Callable[[ub.Block], ub.Block]) -> Callable[..., ub.Routine]:
    real = desk_reset

    def changed(catalog: ub.Catalog) -> ub.Routine:
        routine = real(catalog)
        first, *rest = routine.sections
        blocks = (change(first.blocks[0]), *first.blocks[1:])
        return attrs.evolve(routine, sections=(attrs.evolve(first, blocks=blocks), *rest))

    return changed


def test_the_text_routine_shows_a_blocks_notes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    note = "Keep the chin level."
    monkeypatch.setattr(
        routine_command, "desk_reset", _with_first_block(lambda b: attrs.evolve(b, notes=note))
    )
    code, out, _ = run(capsys, "routine")
    assert code == 0
    first = re.search(r"^  1\. .+\n((?:     .+\n)*)", out, flags=re.MULTILINE)
    assert first is not None
    assert f"     note: {note}\n" in first[1]


def test_the_text_routine_shows_time_towards_aims_only_when_there_are_some(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "routine")
    assert code == 0
    assert "Time towards each aim: " in out

    def no_benefits(block: ub.Block) -> ub.Block:
        return attrs.evolve(block, exercise=attrs.evolve(block.exercise, benefits=frozenset()))

    real = desk_reset

    def only_aimless(catalog: ub.Catalog) -> ub.Routine:
        routine = real(catalog)
        (first, *_) = routine.sections
        block = no_benefits(first.blocks[0])
        return attrs.evolve(routine, sections=(attrs.evolve(first, blocks=(block,)),))

    monkeypatch.setattr(routine_command, "desk_reset", only_aimless)
    code, out, err = run(capsys, "routine")
    assert (code, err) == (0, "")
    assert "Takes about" in out
    assert "Time towards each aim" not in out


def test_a_closed_output_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """``upperback catalog | head`` stops with exit 1 and no traceback when head leaves."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert cli.main(["catalog"]) == 1
        print("after the reader left", file=closed_pipe)
        closed_pipe.flush()  # goes nowhere now, and does not raise
