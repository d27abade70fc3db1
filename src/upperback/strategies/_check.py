"""Imported first by the package: a missing Hypothesis is an error that names the extra."""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - only to see that it is there
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    message = (
        "upperback.strategies needs Hypothesis: install it with "
        "'pip install \"upperback[hypothesis]\"'."
    )
    raise ImportError(message) from exc
