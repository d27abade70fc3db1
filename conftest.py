"""Runs the examples in the docs and in docstrings as tests (Sybil).

Each page and each module runs in its own namespace, with nothing put in it:
a docs page imports every name it uses, as a reader who copies it top-down
would need to (a later block on a page shares the names of the blocks above
it). A docstring's examples run, as doctest runs them, in their module's
namespace, and import every other name they use.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_FLAGS), SkipParser()],
    patterns=["docs/*.md", "README.md"],
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_FLAGS)],
    patterns=["src/upperback/*.py", "src/upperback/**/*.py"],
)

pytest_collect_file = (_markdown + _docstrings).pytest()
