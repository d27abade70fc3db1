"""The docs say what the library does: the kinds of document, and every enum member.

The examples themselves run as tests (Sybil, configured in the repository's
``conftest.py``), each page and each module in a namespace of its own, so a page
that uses a name it never imports fails with ``NameError``.
"""

from __future__ import annotations

import enum
import functools
import importlib.util
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import upperback as ub
from upperback import cli
from upperback.interop import free_exercise_db

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def extension() -> Any:
    """The Sphinx extension of ``docs/_ext`` that checks the API reference lists enum members."""
    spec = importlib.util.spec_from_file_location(
        "enum_members", ROOT / "docs" / "_ext" / "enum_members.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_interop_page_lists_the_kinds_schema_list_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["schema", "--list"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    page = (ROOT / "docs" / "interop.md").read_text("utf-8")
    sentence = re.search(r"`kind` is one of [^:]*:(.*?)\.\n", page, re.DOTALL)
    assert sentence is not None
    assert re.findall(r"`(\w+)`", sentence[1]) == listed


def test_the_examples_run_with_nothing_put_in_their_namespace() -> None:
    spec = importlib.util.spec_from_file_location("docs_conftest", ROOT / "conftest.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module._markdown.patterns == ["docs/*.md", "README.md"]
    assert module._markdown.setup is None
    assert module._docstrings.setup is None


# -- every enum member in the API reference ---------------------------------------------


def test_the_public_enums_are_those_of_every_public_module() -> None:
    enums = extension().public_enums()
    assert len(enums) == len(set(enums))
    assert ub.Position in enums
    assert ub.Then in enums  # exported by upperback.progression
    assert free_exercise_db.SkipCode in enums  # exported by a module upperback does not import
    assert all(issubclass(members, enum.Enum) for members in enums)


def test_a_member_the_reference_leaves_out_is_named() -> None:
    check = extension().missing_members
    every = [f"upperback.vocab.Position.{member.name}" for member in ub.Position]
    assert check(every, [ub.Position]) == []
    assert check(every[1:], [ub.Position]) == [f"Position.{next(iter(ub.Position)).name}"]
    assert check(["upperback.vocab.Position"], [ub.Level]) == [f"Level.{m.name}" for m in ub.Level]


def test_every_member_of_an_enum_is_kept_and_nothing_else_is_decided() -> None:
    keep = extension().keep_enum_members
    undocumented = True  # what autodoc would skip
    assert keep(None, "class", "STANDING", ub.Position.STANDING, undocumented, None) is False
    # A class constant that holds an enum member is not a member of that enum by its name.
    assert keep(None, "class", "default_level", ub.Level.GENTLE, undocumented, None) is None
    assert keep(None, "module", "STANDING", ub.Position.STANDING, undocumented, None) is None
    assert keep(None, "class", "of", ub.Routine.of, undocumented, None) is None
