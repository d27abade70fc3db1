"""Runs the examples in the docs and in docstrings as tests (Sybil)."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_FLAGS), SkipParser()],
    patterns=["docs/*.md", "README.md"],
    setup=lambda namespace: namespace.update(__import__("upperback").__dict__),
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_FLAGS)],
    patterns=["src/upperback/*.py", "src/upperback/**/*.py"],
    setup=lambda namespace: namespace.update(__import__("upperback").__dict__),
)

pytest_collect_file = (_markdown + _docstrings).pytest()
