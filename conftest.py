"""Runs the examples in the docs and in docstrings as tests (Sybil)."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE


def _public_names(namespace: dict[str, object]) -> None:
    # Every public name, the lazily loaded ones included, so that each page
    # runs on its own and not only after another page has loaded them.
    import upperback  # noqa: PLC0415

    namespace.update({name: getattr(upperback, name) for name in upperback.__all__})


_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_FLAGS), SkipParser()],
    patterns=["docs/*.md", "README.md"],
    setup=_public_names,
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_FLAGS)],
    patterns=["src/upperback/*.py", "src/upperback/**/*.py"],
    setup=_public_names,
)

pytest_collect_file = (_markdown + _docstrings).pytest()
