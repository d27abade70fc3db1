"""The clinical suite draws whole catalogs and programs: their falsifying examples print long.

Hypothesis warns when the repr of a falsifying example is very large, and the
test configuration turns warnings into errors, which would hide the
violation behind the warning. In this folder that warning is let through, so
a failure shows the checker's own list of violations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable

_LARGE_REPR = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def pytest_collection_modifyitems(items: Iterable[pytest.Item]) -> None:
    """Let the large-repr warning through for the tests of this folder only."""
    for item in items:
        if "tests/clinical/" in item.nodeid:
            item.add_marker(_LARGE_REPR)
