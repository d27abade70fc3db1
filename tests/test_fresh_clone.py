"""The README's check command on a fresh clone: nothing read from beside the repository,
and nothing skipped quietly under CI.

Issue 19: sixteen tests skipped because a folder beside the clone was missing, and
the test session installed Chromium without a word. The guard in ``tests/conftest.py``
fails any test that reads outside the repository while it runs; the scan below
finds, without running them, the paths a test builds that lead out of it.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import os
import re
import sys
import sysconfig
import tempfile
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from tests import test_sheet_in_chromium as sheet_check
from tests._ci import under_ci

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.conftest import ReadsOutside

REPOSITORY = Path(__file__).resolve().parents[1]


# -- the guard, while the tests run -----------------------------------------------------


def test_a_file_opened_beside_the_repository_fails_the_test(
    reads_outside: ReadsOutside,
) -> None:
    beside = REPOSITORY.parent / "shared-folder-that-is-not-there" / "DOMAIN.md"
    with pytest.raises(FileNotFoundError):
        beside.read_text(encoding="utf-8")
    # A test that skips when the file is missing has still asked for it.
    assert reads_outside.take() == [str(beside)]


def test_a_folder_listed_beside_the_repository_fails_the_test(
    reads_outside: ReadsOutside,
) -> None:
    os.listdir(REPOSITORY.parent)  # noqa: PTH208 - the event under test
    sorted(REPOSITORY.parent.glob("*"))
    assert reads_outside.take() == [str(REPOSITORY.parent)]


def test_what_a_test_may_read_is_not_recorded(reads_outside: ReadsOutside, tmp_path: Path) -> None:
    (REPOSITORY / "pyproject.toml").read_bytes()
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    (tmp_path / "x.json").read_text(encoding="utf-8")
    Path(sysconfig.get_paths()["stdlib"], "json", "__init__.py").read_bytes()
    Path(pytest.__file__).read_bytes()  # an installed package
    with open(os.devnull, "rb"):  # noqa: PTH123
        pass
    assert reads_outside.take() == []


def _guard(reads_outside: ReadsOutside, repository: Path) -> ReadsOutside:
    return type(reads_outside)(repository)


def test_a_clone_inside_the_temporary_folder_may_read_only_what_the_tests_make_there(
    reads_outside: ReadsOutside,
) -> None:
    temporary = Path(tempfile.gettempdir()).resolve()
    guard = _guard(reads_outside, temporary / "upperback")
    assert guard.allowed(str(temporary / "upperback" / "tests" / "x.json"))
    assert guard.allowed(str(temporary / "pytest-of-someone" / "pytest-3" / "x.json"))
    assert guard.allowed(str(temporary / "tmpab12cd" / "dose.json"))
    assert not guard.allowed(str(temporary / "shared" / "DOMAIN.md"))
    assert not guard.allowed(str(temporary))
    assert guard.allowed(sysconfig.get_paths()["stdlib"])


def test_a_clone_inside_a_virtual_environment_does_not_open_the_environments_folder(
    reads_outside: ReadsOutside,
) -> None:
    inside = Path(sys.prefix).resolve() / "src" / "upperback"
    guard = _guard(reads_outside, inside)
    assert not guard.allowed(str(Path(sys.prefix).resolve() / "src" / "shared" / "x"))
    assert guard.allowed(str(inside / "README.md"))


def test_the_guard_ignores_what_names_no_file(reads_outside: ReadsOutside) -> None:
    guard = _guard(reads_outside, REPOSITORY)
    guard.hook("open", (3, "r", 0))  # a file descriptor
    guard.hook("open", (None, "r", 0))
    guard.hook("open", (b"\x00bad", "r", 0))
    guard.hook("sqlite3.connect", (":memory:",))
    guard.hook("os.listdir", ())
    guard.hook("exec", ("/elsewhere",))
    assert guard.take() == []


class _Report(SimpleNamespace):
    @property
    def failed(self) -> bool:
        return bool(self.outcome == "failed")


def _through(wrapper: Any, report: _Report) -> _Report:
    steps = wrapper
    next(steps)
    with pytest.raises(StopIteration) as done:
        steps.send(report)
    returned: _Report = done.value.value
    return returned


def test_a_test_that_read_outside_fails_whatever_it_did(reads_outside: ReadsOutside) -> None:
    guard = _guard(reads_outside, REPOSITORY)
    item = SimpleNamespace(nodeid="tests/test_x.py::test_y")
    guard.found = ["/beside/shared/DOMAIN.md"]
    skipped = _Report(outcome="skipped", longrepr=("x", 1, "missing"), sections=[])
    report = _through(guard.pytest_runtest_makereport(item), skipped)  # type: ignore[arg-type]
    assert report.outcome == "failed"
    assert report.longrepr == (
        "tests/test_x.py::test_y: read outside the repository (a fresh clone has nothing"
        " beside it; copy the data into the repository, with its licence):\n"
        "  /beside/shared/DOMAIN.md"
    )
    guard.found = ["/beside/x"]
    failed = _Report(outcome="failed", longrepr="its own failure", sections=[])
    report = _through(guard.pytest_runtest_makereport(item), failed)  # type: ignore[arg-type]
    assert report.longrepr == "its own failure"
    assert report.sections[0][0] == "reads outside the repository"
    passed = _Report(outcome="passed", longrepr=None, sections=[])
    assert _through(guard.pytest_runtest_makereport(item), passed).outcome == "passed"  # type: ignore[arg-type]


def test_a_module_that_read_outside_when_imported_fails_its_collection(
    reads_outside: ReadsOutside,
) -> None:
    guard = _guard(reads_outside, REPOSITORY)
    guard.found = ["/beside/x"]
    collected = _Report(outcome="passed", longrepr=None, sections=[])
    module = SimpleNamespace(nodeid="tests/test_x.py")
    report = _through(guard.pytest_make_collect_report(module), collected)  # type: ignore[arg-type]
    assert report.outcome == "failed"
    assert str(report.longrepr).startswith("tests/test_x.py: read outside the repository")
    clean = _Report(outcome="passed", longrepr=None, sections=[])
    assert _through(guard.pytest_make_collect_report(module), clean).outcome == "passed"  # type: ignore[arg-type]


def test_a_read_outside_any_test_fails_the_run(
    reads_outside: ReadsOutside, capsys: pytest.CaptureFixture[str]
) -> None:
    guard = _guard(reads_outside, REPOSITORY)
    session = SimpleNamespace(exitstatus=pytest.ExitCode.OK)
    guard.pytest_sessionfinish(session)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.OK
    guard.found = ["/beside/x"]
    guard.pytest_sessionfinish(session)  # type: ignore[arg-type]
    assert session.exitstatus == pytest.ExitCode.TESTS_FAILED
    assert "/beside/x" in capsys.readouterr().err


def test_the_guard_watches_the_whole_run(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("upperback-reads-outside")


# -- no test builds a path out of the repository -----------------------------------------

_PATH_CALLS = {"Path", "PurePath", "open", "join", "joinpath", "read_text", "read_bytes"}
_UP = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)")


def _levels_up(node: ast.AST) -> int | None:  # noqa: PLR0911 - one case per kind of step
    """How far above a file an expression built from ``__file__`` goes (its folder is 1)."""
    if isinstance(node, ast.Name):
        return 0 if node.id == "__file__" else None
    if isinstance(node, ast.Attribute):
        inner = _levels_up(node.value)
        if inner is None:
            return None
        return inner + 1 if node.attr == "parent" else inner
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
        inner = _levels_up(node.value.value)
        index = node.slice
        if node.value.attr == "parents" and inner is not None:
            if isinstance(index, ast.Constant) and isinstance(index.value, int):
                return inner + index.value + 1
            return 99  # a computed index: it could be anything
        return None
    if isinstance(node, ast.Call):
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name in {"Path", "PurePath", "abspath", "realpath", "dirname"} and node.args:
            inner = _levels_up(node.args[0])
            return None if inner is None else inner + (name == "dirname")
        if isinstance(node.func, ast.Attribute) and name in {"resolve", "absolute"}:
            return _levels_up(node.func.value)
    return None


def _escapes(path: Path) -> Iterator[str]:
    """Where the file builds a path that leads out of the repository."""
    name = str(path.relative_to(REPOSITORY))
    depth = len(path.relative_to(REPOSITORY).parts) - 1  # its folder's depth below the root
    yield from _escapes_in(path.read_text(encoding="utf-8"), name, depth)


def _escapes_in(text: str, name: str, depth: int) -> Iterator[str]:
    """Where source text, in a folder ``depth`` levels below the root, builds a path out."""

    def where(node: ast.AST) -> str:
        return f"{name}:{getattr(node, 'lineno', 0)}: {ast.unparse(node)}"

    for node in ast.walk(ast.parse(text)):
        up = _levels_up(node)
        if up is not None and up > depth + 1:
            yield where(node)
        parts: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in _PATH_CALLS:
                parts = list(node.args)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts = [node.left, node.right]
        for part in parts:
            if (
                isinstance(part, ast.Constant)
                and isinstance(part.value, str)
                and _UP.search(part.value)
            ):
                yield where(node)
        if (isinstance(node, ast.Attribute) and node.attr == "pardir") or (
            isinstance(node, ast.Name) and node.id == "pardir"
        ):
            yield where(node)


def _sources() -> list[Path]:
    return [*sorted((REPOSITORY / "tests").rglob("*.py")), REPOSITORY / "conftest.py"]


def test_no_test_builds_a_path_out_of_the_repository() -> None:
    found = [escape for source in _sources() for escape in _escapes(source)]
    assert found == []


@pytest.mark.parametrize(
    ("code", "escapes"),
    [
        ("ROOT = Path(__file__).resolve().parents[1]", False),
        ("ROOT = Path(__file__).parent.parent", False),
        ("SHARED = Path(__file__).resolve().parents[2] / 'shared'", True),
        ("SHARED = Path(__file__).parent.parent.parent", True),
        ("SHARED = Path(__file__).parents[n]", True),
        ("SHARED = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))", True),
        ("SHARED = os.path.dirname(os.path.abspath(__file__))", False),
        ("DATA = ROOT / '../shared/DOMAIN.md'", True),
        ("text = open('../shared/x').read()", True),
        ("where = os.path.join(ROOT, os.pardir, 'shared')", True),
        ("bad = {'images': ['../secret.jpg']}", False),  # data under test, not a path read
        ("path = '$..sets'", False),
        ("x = Path(name).parent", False),
    ],
)
def test_the_scan_finds_paths_that_lead_out(code: str, escapes: bool) -> None:
    found = list(_escapes_in(f"{code}\n", "tests/scanned.py", 1))
    assert bool(found) is escapes, found


# -- nothing skipped quietly under CI ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ci"),
    [(None, False), ("", False), ("0", False), ("false", False), ("No", False),
     ("true", True), ("1", True), ("yes", True)],
)  # fmt: skip
def test_ci_is_set_by_any_value_but_a_no(
    monkeypatch: pytest.MonkeyPatch,
    value: str | None,
    ci: bool,
) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert under_ci() is ci
    assert _noxfile().under_ci() is ci  # the session and the tests agree


def test_a_missing_browser_fails_the_sheet_check_under_ci_and_skips_it_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sheet_check, "CHROMIUM", None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Under CI every check must run"):
        sheet_check._chromium()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="installs Debian's chromium package"):
        sheet_check._chromium()


_NOXFILE: list[ModuleType] = []


def _noxfile() -> ModuleType:
    """The noxfile, imported once from the repository (it reads pyproject.toml from there)."""
    if not _NOXFILE:
        spec = importlib.util.spec_from_file_location("noxfile", REPOSITORY / "noxfile.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(REPOSITORY)
            spec.loader.exec_module(module)
        _NOXFILE.append(module)
    return _NOXFILE[0]


class _Stopped(Exception):  # noqa: N818 - what session.error does
    pass


class _Session:
    """What the noxfile asks of a nox session, recorded."""

    def __init__(self, installs: bool) -> None:
        self.installs = installs
        self.said: list[tuple[str, str]] = []
        self.installed = False

    def log(self, message: str) -> None:
        self.said.append(("log", message))

    def warn(self, message: str) -> None:
        self.said.append(("warn", message))

    def error(self, message: str) -> None:
        self.said.append(("error", message))
        raise _Stopped(message)

    def run(self, *args: str, **_: Any) -> None:
        self.said.append(("run", " ".join(args)))
        if "install" in args and self.installs:
            self.installed = True


def _install(
    monkeypatch: pytest.MonkeyPatch, *, found: bool, root: bool, installs: bool, ci: bool
) -> list[tuple[str, str]]:
    noxfile = _noxfile()
    session = _Session(installs)

    def which(name: str) -> str | None:
        if name == "apt-get":
            return "/usr/bin/apt-get"
        return "/usr/bin/chromium" if found or session.installed else None

    monkeypatch.setattr(noxfile.shutil, "which", which)
    monkeypatch.setattr(noxfile.os, "geteuid", lambda: 0 if root else 1000, raising=False)
    monkeypatch.setenv("CI", "true" if ci else "")
    with contextlib.suppress(_Stopped):
        noxfile.install_chromium(session)
    return session.said


def test_the_session_says_which_chromium_it_found(monkeypatch: pytest.MonkeyPatch) -> None:
    said = _install(monkeypatch, found=True, root=True, installs=True, ci=True)
    assert said == [("log", "Chromium for the printed-sheet check: /usr/bin/chromium")]


DEBIAN = "Debian's chromium package with apt-get"


def test_the_session_says_it_installs_chromium_before_it_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said = _install(monkeypatch, found=False, root=True, installs=True, ci=False)
    assert said == [
        ("log", f"Chromium is missing: installing {DEBIAN} (as root) for the printed-sheet check"),
        ("run", "apt-get update -qq"),
        ("run", "apt-get install -y -qq chromium"),
        ("log", "Chromium for the printed-sheet check: /usr/bin/chromium"),
    ]


@pytest.mark.parametrize("root", [True, False])
def test_without_chromium_the_session_stops_under_ci_and_warns_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
    root: bool,
) -> None:
    why = (
        "apt-get could not install Debian's chromium package"
        if root
        else "Chromium is missing and apt-get cannot install it here (it needs apt-get and root)"
    )
    said = _install(monkeypatch, found=False, root=root, installs=False, ci=True)
    assert said[-1] == (
        "error",
        f"{why}: the printed-sheet check cannot run, and CI must run every check.",
    )
    said = _install(monkeypatch, found=False, root=root, installs=False, ci=False)
    assert said[-1] == ("warn", f"{why}: the printed-sheet check will be skipped, and say so.")
