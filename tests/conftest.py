"""Hypothesis profiles, and the guard that keeps every test inside the repository.

Hypothesis profiles:

- In CI (``CI`` set, see :func:`tests._ci.under_ci`), Hypothesis loads its own
  derandomized ``ci`` profile.
- Elsewhere, ``local``: the default example count, but no ``too_slow`` health
  check and no deadline, as attrs and cattrs do: generating whole routines is
  legitimately slow on a busy machine, and timing belongs in the benchmarks.
- ``HYPOTHESIS_PROFILE=dev`` gives a quick run with 20 examples a test.
- ``HYPOTHESIS_PROFILE=mutate`` is ``dev``, derandomized and without the
  example database, for mutation runs (``nox -s mutate``): every mutant
  meets the same examples, so a kill is never luck.

The guard: a test passes in a fresh clone with nothing beside it, or it
fails here too. An audit hook (:func:`sys.addaudithook`) sees every file
opened and every folder listed while the tests run; one outside the
repository, the Python installation (its standard library and installed
packages), the temporary folders the tests make, the time-zone database and
the system's device files, asked for by code of the repository (a test, the
library, an example), fails the test that touched it (or the collection of
its module), with the paths, even when the test would have skipped for a
missing file. Registered as a plugin, it watches the docs' and docstrings'
examples too.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import tempfile
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import HealthCheck, settings

from tests._ci import under_ci

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import FrameType

settings.register_profile(
    "local", suppress_health_check=[HealthCheck.too_slow], deadline=None, print_blob=True
)
settings.register_profile("dev", settings.get_profile("local"), max_examples=20)
settings.register_profile("mutate", settings.get_profile("dev"), derandomize=True, database=None)

if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif not under_ci():
    settings.load_profile("local")


# -- the guard: nothing read outside the repository -------------------------------------

REPOSITORY: Final = Path(__file__).resolve().parents[1]

# The audit events that name a file or folder a test reads (or writes), and which
# argument holds it.
_EVENTS: Final = {
    "open": 0,
    "os.listdir": 0,
    "os.scandir": 0,
    "glob.glob": 0,
    "shutil.copyfile": 0,
    "sqlite3.connect": 0,
}


def _forms(path: str | os.PathLike[str]) -> set[str]:
    """A folder as written and with its links resolved: either may be how a file names it."""
    written = os.path.abspath(path)  # noqa: PTH100 - no file-system access, safe in a hook
    return {written, os.path.realpath(written)}


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _roots(repository: Path) -> tuple[str, ...]:
    """Where a test may read besides the repository: never a folder that holds the repository.

    A folder that holds the repository (the clone inside the temporary folder,
    or a virtual environment's prefix above it) would let through what lies
    beside the repository: it is left out, and its parts that may be read are
    named on their own.
    """
    candidates: list[str | os.PathLike[str]] = [
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        *sysconfig.get_paths().values(),
        *site.getsitepackages(),
        site.getusersitepackages(),
        tempfile.gettempdir(),
        *zoneinfo.TZPATH,
        *(("/dev", "/proc", "/sys") if os.name == "posix" else ()),
    ]
    inside = {str(repository), os.path.realpath(repository)}
    found = set()
    for candidate in candidates:
        for form in _forms(candidate):
            if not any(_within(place, form) for place in inside):
                found.add(form)
    return tuple(sorted(found))


class ReadsOutside:
    """Every file or folder the tests touched outside the places they may read.

    The audit hook records; the report hooks fail the test (or the collection)
    that touched them, so nothing recorded goes unreported.
    """

    def __init__(self, repository: Path) -> None:
        self.repository = {str(repository), os.path.realpath(repository)}
        self.roots = _roots(repository)
        temporary = _forms(tempfile.gettempdir())
        # Inside a temporary folder that holds the clone, only what the tests make there.
        self.made = tuple(os.path.join(folder, "") for folder in temporary)  # noqa: PTH118
        self.found: list[str] = []

    def allowed(self, path: str) -> bool:
        """Whether a test may open or list ``path`` (absolute, as the event names it)."""
        if any(_within(path, place) for place in (*self.repository, *self.roots)):
            return True
        # pytest's tmp_path and tempfile's folders, where a temporary folder holds the clone.
        for folder in self.made:
            if path.startswith(folder):
                first = path[len(folder) :].split(os.sep, 1)[0]
                return first.startswith(("pytest-of-", "tmp"))
        return False

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook: record a path outside, never raise (the test is failed afterwards)."""
        where = _EVENTS.get(event)
        if where is None or len(args) <= where:
            return
        target = args[where]
        if isinstance(target, int) or target is None:
            return  # a file descriptor: opened already, by path
        try:
            path = os.path.abspath(os.fsdecode(target))  # noqa: PTH100
        except (TypeError, ValueError):
            return
        if path == ":memory:" or os.path.basename(path) == ":memory:":  # noqa: PTH119
            return
        if not self.allowed(path) and self._asked_by_the_repository():
            self.found.append(path)

    def _asked_by_the_repository(self) -> bool:
        """Whether code of the repository (a test, the library, a docs example) is on the stack.

        The tools that run the tests read their own settings from the user's home
        (``~/.pdbrc`` when doctest starts its debugger): no test asked for those,
        even when the tools are installed in a virtual environment inside the
        clone (as nox's sessions are).
        """
        frame: FrameType | None = sys._getframe(2)  # above the hook
        while frame is not None:
            name = frame.f_code.co_filename
            if name.startswith("<doctest "):
                name = name.removeprefix("<doctest ").rsplit("[", 1)[0]
            if (
                name != __file__
                and any(_within(name, place) for place in self.repository)
                # A virtual environment inside the clone (nox's, a .venv) is the tools'.
                and not any(_within(name, root) for root in self.roots)
            ):
                return True
            frame = frame.f_back
        return False

    def take(self) -> list[str]:
        """What was recorded since the last take, each path once, in order; then forget it."""
        found, self.found = list(dict.fromkeys(self.found)), []
        return found

    @staticmethod
    def describe(paths: Iterable[str]) -> str:
        """The failure: what was touched, and why it cannot be."""
        listed = "\n".join(f"  {path}" for path in paths)
        return (
            "read outside the repository (a fresh clone has nothing beside it; copy the data"
            f" into the repository, with its licence):\n{listed}"
        )

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item) -> Any:
        """Fail the test, in the phase that touched a path outside."""
        report = yield
        found = self.take()
        if found:
            if report.failed:  # keep its own failure, and say this too
                report.sections.append(("reads outside the repository", self.describe(found)))
            else:
                report.outcome = "failed"
                report.longrepr = f"{item.nodeid}: {self.describe(found)}"
        return report

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector) -> Any:
        """Fail the collection of a module that touched a path outside when it was imported."""
        report = yield
        found = self.take()
        if found:
            report.outcome = "failed"
            report.longrepr = f"{collector.nodeid or 'collection'}: {self.describe(found)}"
        return report

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Anything touched outside every test and collection still fails the run."""
        found = self.take()
        if found:
            sys.stderr.write(f"upperback tests: {self.describe(found)}\n")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


READS_OUTSIDE: Final = ReadsOutside(REPOSITORY)
sys.addaudithook(READS_OUTSIDE.hook)


def pytest_configure(config: pytest.Config) -> None:
    """Watch every test of the run (the docs' examples too), not only those under ``tests/``."""
    if not config.pluginmanager.has_plugin("upperback-reads-outside"):
        config.pluginmanager.register(READS_OUTSIDE, "upperback-reads-outside")


@pytest.fixture
def reads_outside() -> ReadsOutside:
    """The guard, for a test of the guard itself: what it records is the test's to take."""
    return READS_OUTSIDE
