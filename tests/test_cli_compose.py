from __future__ import annotations

import re
from typing import TYPE_CHECKING

import upperback as ub
from upperback.cli import app as cli

if TYPE_CHECKING:
    import pytest


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compose", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_issue_command_prints_a_session_with_its_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "--minutes", "10",
        "--kit", "swiss_ball,resistance_band",
        "--condition", "osteoporosis",
        "--benefit", "flexibility",
        "--seed", "1",
    )  # fmt: skip
    assert code == 0
    assert "Conditions: osteoporosis" in out
    exercises = re.findall(r"^  \d+\. (.+?):", out, flags=re.MULTILINE)
    reasons = re.findall(r"^     why: ", out, flags=re.MULTILINE)
    assert exercises
    assert len(reasons) == len(exercises)
    found = re.search(r"Takes about (\d+) min (\d+) s", out)
    assert found is not None
    assert int(found[1]) * 60 + int(found[2]) <= 600
    # Nothing on a ball with osteoporosis, unsupervised [C2][B10].
    assert "Swiss ball" not in out.split("Takes about")[0]
    assert "does not replace a healthcare professional" in out


def test_json_is_the_composition_document_with_every_reason_and_gap(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "--minutes", "2", "--format", "json",
        "--region", "sides", "--region", "neck", "--region", "chest",
    )  # fmt: skip
    composition = ub.loads(out, ub.Composition)
    assert code == 0
    assert err == ""
    assert composition.routine.duration().total_seconds() <= 120
    assert "composed" in composition.routine.tags
    assert len(composition.choices) == len(composition.routine.blocks)
    assert any(
        gap.what == "neck" and gap.reason == "no time left in the budget for it"
        for gap in composition.gaps
    )


def test_a_budget_nothing_fits_exits_1_with_the_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--minutes", "1", "--kit", "swiss_ball", "--position", "prone")
    assert code == 1
    assert out == ""
    assert "No exercise fits these limits" in err
    code, out, err = run(capsys, "--minutes", "10", "--condition", "recent_surgery")
    assert code == 1
    assert "ask a healthcare professional" in err
    assert "recent-surgery-clearance" in err
