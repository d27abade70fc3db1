"""The files of the team's shared folder (beside the repository) that some tests read.

A fresh clone has no shared folder: there such tests are skipped, but in CI
(``CI`` set) a missing file is a failure, so that a CI run never passes by
quietly checking less.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_file(relative: str) -> Path:
    """The shared file at ``relative``; skip the test without it, or fail in CI."""
    path = SHARED / relative
    if not path.exists():
        message = f"the shared file {relative} is missing (looked for {path})"
        if "CI" in os.environ:
            pytest.fail(f"{message}; CI must run every test", pytrace=False)
        pytest.skip(message)
    return path
