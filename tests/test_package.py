"""The package as a whole: what importing it costs, what it exports, its docs."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import cli, serialize


def run_python(code: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", textwrap.dedent(code)],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def test_import_loads_only_attrs_and_the_standard_library() -> None:
    loaded = json.loads(
        run_python(
            """
            import json, sys
            before = set(sys.modules)
            import upperback
            print(json.dumps(sorted(set(sys.modules) - before)))
            """
        )
    )
    top_level = {name.partition(".")[0] for name in loaded}
    foreign = top_level - set(sys.stdlib_module_names) - {"attr", "attrs", "upperback"}
    assert foreign == set()
    assert "cattrs" not in top_level
    assert "hypothesis" not in top_level


def test_cattrs_loads_on_first_serialization() -> None:
    out = run_python(
        """
        import sys
        import upperback as ub
        assert "cattrs" not in sys.modules
        ub.dumps(ub.Dose(reps=1))
        print("cattrs" in sys.modules)
        """
    )
    assert out.strip() == "True"


def test_strategies_without_hypothesis_name_the_extra() -> None:
    out = run_python(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        try:
            import upperback.strategies
        except ImportError as exc:
            print(exc)
        """
    )
    assert 'pip install "upperback[hypothesis]"' in out


def test_version_comes_from_the_package_metadata() -> None:
    assert ub.__version__ == importlib.metadata.version("upperback")


def _public_names() -> set[str]:
    return {
        name
        for name in dir(ub)
        if not name.startswith("_")
        and not inspect.ismodule(getattr(ub, name))
        and name not in {"annotations", "importlib", "TYPE_CHECKING", "Any"}
    }


def test_all_lists_exactly_the_public_names() -> None:
    assert set(ub.__all__) == _public_names() | {"__version__"}
    assert len(ub.__all__) == len(set(ub.__all__))


def test_lazy_names_are_the_ones_type_checkers_see() -> None:
    tree = ast.parse(Path(ub.__file__).read_text(encoding="utf-8"))
    checked = {
        (alias.asname or alias.name, node.module)
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert {name for name, _ in checked} == set(ub._LAZY)
    for name, module in ub._LAZY.items():
        assert getattr(importlib.import_module(module), name) is getattr(ub, name)


def test_import_defers_routines_catalog_safety_and_serialization() -> None:
    out = run_python(
        """
        import sys
        import upperback
        print(sorted(m for m in sys.modules if m.startswith("upperback.")))
        upperback.screen
        print("upperback.safety" in sys.modules)
        """
    )
    first, second = out.splitlines()
    for deferred in ("routine", "catalog", "safety", "serialize", "_converter"):
        assert f"'upperback.{deferred}'" not in first
    assert second == "True"


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Workout'"):
        ub.Workout  # noqa: B018


@pytest.mark.parametrize("name", sorted(set(ub.__all__) - {"__version__"}))
def test_every_public_name_is_documented(name: str) -> None:
    value = getattr(ub, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        assert inspect.getdoc(value), f"{name} has no docstring"
        for member_name, member in vars(value).items():
            if member_name.startswith("_") or not callable(member):
                continue
            assert inspect.getdoc(member), f"{name}.{member_name} has no docstring"


def _document_types() -> list[type]:
    return sorted(set(serialize.DOCUMENT_KINDS.values()), key=lambda cls: cls.__name__)


def _attrs_types() -> list[type]:
    return sorted(
        (
            value
            for name in ub.__all__
            if isinstance(value := getattr(ub, name, None), type) and attrs.has(value)
        ),
        key=lambda cls: cls.__name__,
    )


@pytest.mark.parametrize("cls", _attrs_types(), ids=lambda cls: cls.__name__)
def test_from_type_works_for_every_public_value_type(cls: type) -> None:
    @settings(max_examples=3)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


@pytest.mark.parametrize("cls", _document_types(), ids=lambda cls: cls.__name__)
def test_every_document_kind_round_trips(cls: type) -> None:
    @settings(max_examples=10)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert ub.loads(ub.dumps(value), cls) == value

    check()


def test_cli_ball(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ball", "--height", "178"]) == 0
    assert "Swiss ball for 178 cm: 65 cm" in capsys.readouterr().out
    assert cli.main(["ball", "--height", "178", "--long-legs"]) == 0
    assert ": 75 cm" in capsys.readouterr().out


def test_cli_ball_with_a_bad_height_is_a_domain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ball", "--height", "30"]) == 1
    err = capsys.readouterr().err
    assert "'height_cm' must be a number between 100 and 250 cm (got 30.0)" in err


def test_cli_without_a_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert "does not replace a healthcare" in out.replace("\n", " ").replace("  ", " ")


def test_cli_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["ball"])
    assert info.value.code == 2


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "upperback", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ub.__version__
