"""Mutation testing of a package's *data*: rules tables, thresholds, sets, defaults.

mutmut mutates code inside functions; the safety package's decisions live as
much in its module-level data (``RULES``, the ``SafetyPolicy`` defaults,
``FINDINGS``, ``_RANK``, the sets of conditions and features), and the
progression package's in its defaults by exercise kind and its rules'
default parameters. This runner makes one mutant per change of that data
and runs the package's behavioural tests (never the docs; the same selection
as its mutmut run, from pyproject.toml) against each:

- an integer becomes one more and one less (a threshold, a cap, a rank);
- ``True`` and ``False`` swap;
- one member of a set, tuple or list display is left out;
- an enum member (``Feature.PRONE``, ``AdviceLevel.SEE_PROFESSIONAL``) becomes
  the next member of its enum;
- one keyword argument of a ``Rule``, ``Modification`` or ``Finding`` is left out.

Text (reasons, cues, source keys) is not mutated: only snapshots would see it.
Only module-level statements and class-level defaults are mutated, type
aliases excepted.

Usage::

    python tools/mutate_data.py [--package safety|progression] [--list]
        [--only SUBSTRING] [pytest arguments...]

It prints each surviving mutant and a summary line; the exit code is 1 if any
mutant survived. A mutant that cannot even be imported (the library refuses
the data, e.g. a modify rule without a modification) counts as killed by
validation and is reported apart.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("safety", "progression")
ENUMS = {
    "Condition",
    "Feature",
    "Position",
    "PropKind",
    "ExerciseKind",
    "AdviceLevel",
    "AdviceCode",
    "Action",
    "Trend",
    "ProgressAction",
    "DoseField",
    "Then",
    "BandLevel",
}
CALLS = {"Rule", "Modification", "Finding"}
REQUIRED = {"id", "conditions", "action", "reason", "sources", "code", "level", "check"}


@dataclass(frozen=True)
class Mutant:
    """One change to one file: the source span and what replaces it."""

    path: Path
    line: int
    start: tuple[int, int]
    end: tuple[int, int]
    replacement: str
    description: str

    def apply(self, source: str) -> str:
        """The source with this mutant's change made."""
        lines = source.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        begin = offsets[self.start[0] - 1] + self.start[1]
        finish = offsets[self.end[0] - 1] + self.end[1]
        return source[:begin] + self.replacement + source[finish:]


def targets(package: str) -> list[Path]:
    """The modules of a package whose data is mutated."""
    return sorted((ROOT / "src" / "upperback" / package).glob("*.py"))


def tests(package: str) -> list[str]:
    """The package's behavioural tests: the selection of its mutmut run in pyproject.toml."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    table = tool["mutmut"] if package == "safety" else tool["upperback"]["mutate"][package]
    selection: list[str] = table["pytest_add_cli_args_test_selection"]
    return selection


def _members(enum_name: str) -> list[str]:
    """Member names of an enum, read from the library (imported unmutated)."""
    import upperback  # noqa: PLC0415

    return [member.name for member in getattr(upperback, enum_name)]


def _span(node: ast.AST) -> tuple[tuple[int, int], tuple[int, int]]:
    return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def _data_roots(tree: ast.Module) -> list[ast.AST]:
    roots: list[ast.AST] = []
    for statement in tree.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.value, ast.Subscript):
                continue  # a type alias such as Callable[[...], ...]: no behaviour to mutate
            roots.append(statement.value)
        elif isinstance(statement, ast.ClassDef):
            roots.extend(
                item.value
                for item in statement.body
                if isinstance(item, ast.AnnAssign | ast.Assign) and item.value is not None
            )
    return roots


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a command-line tool


class _Collector:
    """Collects the mutants of one file, one kind of node at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        self.found: list[Mutant] = []

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ""

    def add(self, node: ast.AST, replacement: str, description: str) -> None:
        start, end = _span(node)
        short = " ".join(description.split())[:120]
        self.found.append(Mutant(self.path, start[0], start, end, replacement, short))

    def constant(self, node: ast.Constant) -> None:
        if type(node.value) is bool:
            self.add(node, str(not node.value), f"{node.value} -> {not node.value}")
        elif type(node.value) is int:
            for delta in (1, -1):
                self.add(node, str(node.value + delta), f"{node.value} -> {node.value + delta}")

    def display(self, node: ast.Set | ast.Tuple | ast.List) -> None:
        for i, element in enumerate(node.elts):
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                continue  # text and source keys: not data a test can see
            rest = [self.text(e) for j, e in enumerate(node.elts) if j != i]
            if isinstance(node, ast.Set):
                text = "{" + ", ".join(rest) + "}" if rest else "frozenset()"
            elif isinstance(node, ast.List):
                text = "[" + ", ".join(rest) + "]"
            else:
                text = "(" + ", ".join(rest) + ("," if len(rest) == 1 else "") + ")"
            self.add(node, text, f"drop {self.text(element)} from {self.text(node)[:60]}")

    def member(self, node: ast.Attribute, enum_name: str) -> None:
        if enum_name not in ENUMS:
            return
        names = _members(enum_name)
        if node.attr in names and len(names) > 1:
            other = names[(names.index(node.attr) + 1) % len(names)]
            self.add(node, f"{enum_name}.{other}", f"{self.text(node)} -> {other}")

    def call(self, node: ast.Call, name: str) -> None:
        if name not in CALLS:
            return
        ident = next((self.text(k.value) for k in node.keywords if k.arg in {"id", "code"}), "?")
        for keyword in node.keywords:
            if keyword.arg is None or keyword.arg in REQUIRED:
                continue
            kept = [self.text(k) for k in node.keywords if k is not keyword]
            self.add(node, f"{name}({', '.join(kept)})", f"{name} {ident}: drop {keyword.arg}=")

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            self.constant(node)
        elif isinstance(node, ast.Set | ast.Tuple | ast.List) and node.elts:
            self.display(node)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            self.member(node, node.value.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            self.call(node, node.func.id)


def mutants(path: Path) -> list[Mutant]:
    """Every data mutant of one file."""
    collector = _Collector(path)
    for root in _data_roots(ast.parse(collector.source)):
        for node in ast.walk(root):
            collector.visit(node)
    return collector.found


def run(tree: Path, selection: list[str], pytest_args: list[str]) -> int:
    """Run the tests of ``selection`` against the copy at ``tree``; pytest's exit code."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "HYPOTHESIS_PROFILE": "mutate"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += [*selection, *pytest_args]
    return subprocess.run(  # noqa: S603 - our own interpreter
        command, cwd=ROOT, env=env, capture_output=True, check=False
    ).returncode


def imports(tree: Path) -> bool:
    """Whether the mutated library can be imported at all."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    code = "import upperback.safety, upperback.progression, upperback.strategies"
    return (
        subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", code], env=env, capture_output=True, check=False
        ).returncode
        == 0
    )


def main(argv: list[str]) -> int:
    """Make every mutant, run the tests against each, and report the survivors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", choices=PACKAGES, default="safety", help="whose data")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--only", default="", help="only mutants whose description has this")
    parser.add_argument(
        "--rerun", type=Path, help="only the mutants a previous run's output lists as survived"
    )
    options, pytest_args = parser.parse_known_args(argv)
    selection = tests(options.package)
    every = [
        m
        for path in targets(options.package)
        for m in mutants(path)
        if options.only in m.description
    ]
    if options.rerun is not None:
        survived = {
            line.removeprefix("survived: ").strip()
            for line in options.rerun.read_text(encoding="utf-8").splitlines()
            if line.startswith("survived: ")
        }
        every = [m for m in every if f"{m.path.name}:{m.line}: {m.description}" in survived]
    if options.list:
        for m in every:
            _say(f"{m.path.name}:{m.line}: {m.description}")
        _say(f"{len(every)} mutants")
        return 0
    killed = invalid = 0
    survivors: list[Mutant] = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        shutil.copytree(ROOT / "src", tree / "src")
        for n, m in enumerate(every, 1):
            target = tree / m.path.relative_to(ROOT)
            original = m.path.read_text(encoding="utf-8")
            target.write_text(m.apply(original), encoding="utf-8")
            try:
                if not imports(tree):
                    invalid += 1
                    outcome = "invalid"
                elif run(tree, selection, pytest_args) != 0:
                    killed += 1
                    outcome = "killed"
                else:
                    survivors.append(m)
                    outcome = "SURVIVED"
            finally:
                target.write_text(original, encoding="utf-8")
            _say(f"[{n}/{len(every)}] {outcome}: {m.path.name}:{m.line}: {m.description}")
    competent = killed + len(survivors)
    score = 100 * killed / competent if competent else 100.0
    _say(
        f"{len(every)} data mutants: {killed} killed by tests, {invalid} refused at import,"
        f" {len(survivors)} survived; {score:.1f}% of importable mutants killed"
    )
    for m in survivors:
        _say(f"survived: {m.path.name}:{m.line}: {m.description}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
