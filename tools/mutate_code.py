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


def main(argv: list[str]) -> int:
    """Run mutmut for one package with ``argv``'s mutmut arguments."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    known = configurations(pyproject)
    if not argv or argv[0] not in known:
        _say(f"usage: mutate_code.py {{{','.join(sorted(known))}}} [mutmut arguments...]")
        return 2
    package, arguments = argv[0], argv[1:] or ["run"]
    where = ROOT if package == DEFAULT else prepare(package, pyproject, known[package])
    mutmut = Path(sys.executable).with_name("mutmut")
    command = [str(mutmut) if mutmut.exists() else "mutmut", *arguments]
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "mutate")}
    return subprocess.run(command, cwd=where, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
