"""Every check the project runs: ``python -m nox`` runs them all.

Sessions install from ``pyproject.toml``'s dependency groups, so the file
that lists the tools is the file that pins them.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["lint", "types", "tests", "docs"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"


def _install(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))
    session.install("-e", ".")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff (formatting and a broad rule set) and the layer contract (import-linter)."""
    _install(session, "lint")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("lint-imports")


@nox.session(python=PYTHON)
def types(session: nox.Session) -> None:
    """mypy --strict over src, tests, benchmarks and the docs' test hooks."""
    _install(session, "types")
    session.run("mypy")


def under_ci() -> bool:
    """``CI`` is set to anything but nothing, ``0``, ``false`` or ``no`` (the tests' own rule)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def chromium() -> str | None:
    """The Chromium the printed-sheet check opens, if there is one."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def install_chromium(session: nox.Session) -> None:
    """Debian's chromium, for the printed-sheet check: installed with apt-get when missing.

    It says what it does: which Chromium it found, or that it installs
    Debian's ``chromium`` package with apt-get (only as root, where apt-get
    exists). When there is none and none can be installed, the session stops
    with the reason under CI (``CI=true``), where every check must run;
    elsewhere it warns, and the sheet check skips, saying why.
    """
    found = chromium()
    if found is not None:
        session.log(f"Chromium for the printed-sheet check: {found}")
        return
    root = getattr(os, "geteuid", lambda: -1)() == 0
    if shutil.which("apt-get") and root:
        session.log(
            "Chromium is missing: installing Debian's chromium package with apt-get"
            " (as root) for the printed-sheet check"
        )
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-qq", external=True, env=env, success_codes=[0, 100])
        session.run(
            "apt-get", "install", "-y", "-qq", "chromium",
            external=True, env=env, success_codes=[0, 100],
        )  # fmt: skip
        found = chromium()
        if found is not None:
            session.log(f"Chromium for the printed-sheet check: {found}")
            return
        why = "apt-get could not install Debian's chromium package"
    else:
        why = "Chromium is missing and apt-get cannot install it here (it needs apt-get and root)"
    if under_ci():
        session.error(f"{why}: the printed-sheet check cannot run, and CI must run every check.")
    session.warn(f"{why}: the printed-sheet check will be skipped, and say so.")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """pytest with Hypothesis and the executed docs examples, under branch coverage."""
    _install(session, "tests")
    install_chromium(session)
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "report")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Sphinx, nitpicky, warnings as errors."""
    _install(session, "docs")
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """The benchmarks (not part of the default run): python -m nox -s bench."""
    _install(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """A long fuzz campaign at the loading edge (not part of the default run).

    ``python -m nox -s fuzz`` malforms 200,000 documents; pass a number to change
    it (``-- 1000000``), and set ``UPPERBACK_FUZZ_SEED`` to replay a failure.
    """
    _install(session, "tests")
    runs = session.posargs[0] if session.posargs else "200000"
    session.run("pytest", "tests/test_fuzz.py", env={"UPPERBACK_FUZZ": runs})


@nox.session(python=PYTHON)
def clinical(session: nox.Session) -> None:
    """The clinical-invariant suite at length (not part of the default run).

    The default test run draws a few examples per invariant of tests/clinical;
    ``python -m nox -s clinical`` draws 25 times as many (set through
    ``UPPERBACK_CLINICAL``). Pass another factor to change it (``-- 100``).
    """
    _install(session, "tests")
    factor = session.posargs[0] if session.posargs else "25"
    session.run("pytest", "tests/clinical", env={"UPPERBACK_CLINICAL": factor})


@nox.session(python=PYTHON)
def schema_clients(session: nox.Session) -> None:
    """The JSON Schemas through ajv, json-schema-to-typescript + tsc and jsonschema-rs.

    On demand (``python -m nox -s schema_clients``): it needs Node and npm, and
    installs the npm packages into a cache directory outside the checkout.
    """
    _install(session, "schema-clients")
    session.run("python", "tools/check_schema_clients.py", *session.posargs)


@nox.session(python=PYTHON)
def mutate(session: nox.Session) -> None:
    """Mutation testing of the safety and progression packages, on demand.

    ``python -m nox -s mutate`` runs, for each package, two runs against that
    package's own behavioural tests (never the docs): mutmut over its code
    (``tools/mutate_code.py``: safety's configuration is pyproject.toml's
    ``[tool.mutmut]``, progression's ``[tool.upperback.mutate.progression]``),
    then ``tools/mutate_data.py`` over its module-level data (rules tables,
    thresholds, sets, the rules' default parameters), which mutmut does not
    mutate. Both use the derandomized ``mutate`` Hypothesis profile.
    ``python tools/mutate_code.py PACKAGE results`` lists survivors afterwards.
    Pass ``safety`` or ``progression`` to run one package only, ``code`` or
    ``data`` to run one half only (``-- progression code``).
    """
    _install(session, "mutate")
    session.env["HYPOTHESIS_PROFILE"] = "mutate"
    arguments = set(session.posargs)
    halves = arguments & {"code", "data"} or {"code", "data"}
    packages = arguments & {"safety", "progression"} or {"safety", "progression"}
    for package in sorted(packages, key=["safety", "progression"].index):
        if "code" in halves:
            session.run("python", "tools/mutate_code.py", package, "run", "--max-children", "2")
            session.run("python", "tools/mutate_code.py", package, "results")
        if "data" in halves:
            session.run(
                "python",
                "tools/mutate_data.py",
                "--package",
                package,
                env={"PYTHONPATH": "src"},
            )
