"""Whether the tests run under continuous integration, where no check may be skipped quietly."""

from __future__ import annotations

import os

__all__ = ["under_ci"]


def under_ci() -> bool:
    """``CI`` is set to anything but nothing, ``0``, ``false`` or ``no`` (GitHub sets ``true``).

    The noxfile reads ``CI`` by the same rule, so the session that installs
    Chromium and the test that needs it agree on whether a missing browser fails.
    """
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
