"""The command line: ``python -m upperback`` or ``upperback``."""

from __future__ import annotations

from upperback.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
