"""The package as a whole: what importing it costs, what it exports, its docs."""

from __future__ import annotations

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
from upperback import cli
from upperback import serialization as serialize

ROOT = Path(__file__).resolve().parent.parent


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


def test_cattrs_loads_only_for_a_converter() -> None:
    out = run_python(
        """
        import sys
        import upperback as ub
        ub.loads(ub.dumps(ub.default_catalog()))
        ub.from_data({"reps": 1}, ub.Dose)
        assert "cattrs" not in sys.modules
        ub.make_converter()
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


def test_all_lists_exactly_the_declared_names() -> None:
    declared = {name for names in ub._EXPORTS.values() for name in names}
    assert set(ub.__all__) == declared | {"__version__"}
    # The order ruff's RUF022 checks: CONSTANTS, then Classes, then functions.
    kinds = [0 if name.isupper() else 1 if name[0].isupper() else 2 for name in ub.__all__]
    assert kinds == sorted(kinds)
    for kind in (0, 1, 2):
        group = [name for name, k in zip(ub.__all__, kinds, strict=True) if k == kind]
        assert group == sorted(group)
    assert len(ub.__all__) == len(set(ub.__all__))


@pytest.mark.parametrize("module", sorted(ub._EXPORTS))
def test_every_declared_name_is_the_object_of_its_module(module: str) -> None:
    for name in ub._EXPORTS[module]:
        assert getattr(importlib.import_module(module), name) is getattr(ub, name)


def test_the_generated_imports_and_all_are_up_to_date() -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and tool
        [sys.executable, str(ROOT / "tools" / "public_api.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_a_stale_declaration_is_caught() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        public_api = importlib.import_module("public_api")
    finally:
        sys.path.pop(0)
    source = Path(ub.__file__).read_text(encoding="utf-8")
    assert public_api.rewrite(source) == source
    stale = source.replace('        "scale",\n', "", 1)
    assert public_api.rewrite(stale) != stale


def test_import_defers_the_parts_until_used() -> None:
    out = run_python(
        """
        import sys
        import upperback
        print(sorted(m for m in sys.modules if m.startswith("upperback")))
        upperback.screen
        print("upperback.safety" in sys.modules)
        """
    )
    first, second = out.splitlines()
    assert first == "['upperback']"
    assert second == "True"


def test_import_hypothesis_does_not_import_upperback() -> None:
    # The entry point is a shim outside the package: projects that merely
    # have upperback installed do not pay for it when they import Hypothesis.
    out = run_python(
        """
        import sys
        import hypothesis
        print(sorted(m for m in sys.modules if m.startswith("upperback")))
        """
    )
    assert out.strip() == "[]"


@pytest.mark.parametrize("first", ["hypothesis", "upperback"])
def test_from_type_works_whichever_is_imported_first(first: str) -> None:
    second = "upperback" if first == "hypothesis" else "hypothesis"
    out = run_python(
        f"""
        import {first}, {second}
        from hypothesis import strategies as st
        import upperback
        print(type(st.from_type(upperback.Routine).example()).__name__)
        """
    )
    assert out.strip() == "Routine"


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


def test_cli_ball_with_a_bad_height_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["ball", "--height", "30"])
    assert info.value.code == 2
    assert "height must be a number from 100 to 250 cm (got '30')" in capsys.readouterr().err


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
