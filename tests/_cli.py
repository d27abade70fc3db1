"""Running the command line in-process, as the command-line tests do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.cli import app

if TYPE_CHECKING:
    import pytest


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of ``upperback ARGV...``."""
    try:
        code = app.main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
