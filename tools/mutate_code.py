"""Mutation testing of one package's code with mutmut, against its own tests.

mutmut reads one configuration, ``[tool.mutmut]`` in ``pyproject.toml``,
from the directory it runs in. That table is the safety package's run, so
``mutmut run`` at the top of the project keeps working as before. Each other
package has its own table, ``[tool.upperback.mutate.PACKAGE]``, whose keys
replace those of ``[tool.mutmut]`` (``only_mutate``, the test selection).
This runner copies the sources and the tests into ``.mutate/PACKAGE/``,
writes a ``pyproject.toml`` there whose ``[tool.mutmut]`` is that package's,
and runs mutmut in it: each package meets only its own behavioural tests,
and each keeps its own results (mutmut's runs are incremental).

Usage::

    python tools/mutate_code.py PACKAGE [mutmut arguments...]

for instance ``python tools/mutate_code.py progression run --max-children 2``,
then ``python tools/mutate_code.py progression results`` (or ``show NAME``).
With ``safety`` it runs mutmut at the top of the project.

``python tools/mutate_code.py PACKAGE recheck [pytest arguments...]`` tests the
survivors of the last run again (and the mutants it found no test for), after
tests were added: mutmut keeps a
survivor's verdict until its function changes, and running each survivor
again through mutmut costs a whole test session apiece. The recheck collects
the package's tests once (the latest copy) and, in that one process, runs
them against each survivor in turn with mutmut's own switch (the
``MUTANT_UNDER_TEST`` variable its trampolines read on every call), stopping
at the first failure; a survivor that a test now kills is recorded as killed
in mutmut's results. Pytest arguments (``-k "not slow"``) narrow the tests.
The Hypothesis tests are left out unless ``--properties`` is given: a survivor
has already met every property test of the run that left it, so only new
property tests could kill it, and they are the slow ones.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutate"
DEFAULT = "safety"
_TABLE = re.compile(r"^\[tool\.mutmut\]\n(?:(?!^\[).*\n)*", re.MULTILINE)


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a command-line tool


def configurations(pyproject: str) -> dict[str, dict[str, object]]:
    """Every package's mutmut configuration, by package name."""
    tool = tomllib.loads(pyproject)["tool"]
    base: dict[str, object] = dict(tool["mutmut"])
    found = {DEFAULT: base}
    for name, overrides in tool.get("upperback", {}).get("mutate", {}).items():
        found[name] = {**base, **overrides}
    return found


def _toml(table: dict[str, object]) -> str:
    """``[tool.mutmut]`` as TOML (its values are strings, booleans, numbers and lists)."""
    lines = ["[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n\n"


def prepare(package: str, pyproject: str, table: dict[str, object]) -> Path:
    """The working copy for ``package``: sources, tests and its own configuration."""
    work = WORK / package
    work.mkdir(parents=True, exist_ok=True)
    for folder in ("src", "tests"):
        shutil.rmtree(work / folder, ignore_errors=True)
        shutil.copytree(
            ROOT / folder,
            work / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis"),
        )
    text, count = _TABLE.subn(_toml(table), pyproject, count=1)
    if count != 1:
        msg = "pyproject.toml has no [tool.mutmut] table"
        raise SystemExit(msg)
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    return work


class _Recheck:
    """A pytest plugin: the collected tests against each named mutant, first failure kills."""

    def __init__(self, names: list[str], *, properties: bool) -> None:
        self.names = names
        self.properties = properties
        self.killed: list[str] = []

    def pytest_runtestloop(self, session: Any) -> bool:
        """Instead of one pass over the tests, one pass per mutant, up to its first failure."""
        items = [
            item
            for item in session.items
            if self.properties
            or not getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        ]
        _say(f"{len(items)} of {len(session.items)} tests against {len(self.names)} survivors")
        os.environ.pop("MUTANT_UNDER_TEST", None)
        if _fails(items):
            msg = "the tests fail without any mutant: fix them before a recheck"
            raise SystemExit(msg)
        for n, name in enumerate(self.names, 1):
            os.environ["MUTANT_UNDER_TEST"] = name
            try:
                dead = _fails(items)
            finally:
                os.environ.pop("MUTANT_UNDER_TEST", None)
            if dead:
                self.killed.append(name)
            _say(f"[{n}/{len(self.names)}] {'killed' if dead else 'SURVIVED'}: {name}")
        return True


def _fails(items: list[Any]) -> bool:
    """Whether any of the test items fails (stopping at the first that does)."""
    from _pytest.runner import runtestprotocol  # noqa: PLC0415 - pytest's own protocol

    for item in items:
        if any(report.failed for report in runtestprotocol(item, nextitem=None, log=False)):
            return True
    return False


def recheck(work: Path, pytest_args: list[str], selection: list[str]) -> int:
    """Test the last run's survivors again with the latest tests; record the kills."""
    import pytest  # noqa: PLC0415 - only this subcommand needs it

    mutants = work / "mutants"
    shutil.rmtree(mutants / "tests", ignore_errors=True)
    shutil.copytree(ROOT / "tests", mutants / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    metas = sorted(mutants.rglob("*.py.meta"))
    survivors = [
        name
        for meta in metas
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items()
        if code in {0, 33}  # survived, or no test was found for it (its callers changed)
    ]
    os.chdir(mutants)
    sys.path[:0] = [str(mutants / "src"), str(mutants)]
    properties = "--properties" in pytest_args
    pytest_args = [arg for arg in pytest_args if arg != "--properties"]
    plugin = _Recheck(survivors, properties=properties)
    pytest.main(
        [*selection, "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *pytest_args],
        plugins=[plugin],
    )
    killed = set(plugin.killed)
    for meta in metas:
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        if killed & codes.keys():
            codes.update(dict.fromkeys(killed & codes.keys(), 1))
            meta.write_text(json.dumps(data, indent=4), encoding="utf-8")
    left = len(survivors) - len(killed)
    _say(f"{len(survivors)} survivors rechecked: {len(killed)} killed, {left} survived")
    return 0


def main(argv: list[str]) -> int:
    """Run mutmut for one package with ``argv``'s mutmut arguments."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    known = configurations(pyproject)
    if not argv or argv[0] not in known:
        _say(f"usage: mutate_code.py {{{','.join(sorted(known))}}} [mutmut arguments...]")
        return 2
    package, arguments = argv[0], argv[1:] or ["run"]
    if arguments[0] == "recheck":
        work = ROOT if package == DEFAULT else WORK / package
        selection = list(known[package]["pytest_add_cli_args_test_selection"])  # type: ignore[call-overload]
        os.environ.setdefault("HYPOTHESIS_PROFILE", "mutate")
        return recheck(work, arguments[1:], selection)
    where = ROOT if package == DEFAULT else prepare(package, pyproject, known[package])
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut) if mutmut.exists() else "mutmut", *arguments]
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "mutate")}
    return subprocess.run(command, cwd=where, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
