"""Checks the JSON Schemas with the clients other languages use, on demand (it needs npm).

Usage: ``python tools/check_schema_clients.py [--cache DIR] [--valid N] [--seed N]``

For every document kind it writes the schema (:func:`upperback.json_schema`) and a
set of documents: valid ones (the saved golden document and drawn ones, from
:func:`upperback.strategies.documents`), the same with one value moved (to a bound's
edge, past it, to an empty or repeated collection, to a blank or padded text), and
malformed ones from :func:`upperback.strategies.invalid_documents` that are still
plain JSON. The library's verdict on each is the reference. Then it runs:

- ajv 8 (2020-12 dialect, strict mode, ajv-formats): compiles every schema and
  validates every document;
- json-schema-to-typescript: generates a ``.ts`` per kind, checks that no duplicate
  type (``Dose1``) appears, and runs ``tsc --strict --noEmit`` on the types and on
  the valid documents written as typed constants;
- jsonschema-rs (the ``schema-clients`` dependency group): validates every document.

A document the library accepts must pass every client. A document the library refuses
for a bound or a type must be refused by every client; one refused only by a rule
across fields or documents (:data:`LIBRARY_ONLY`) may pass, as the schemas say. The npm
packages go to a cache directory outside the checkout. Exit status 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
GOLDEN: Final = ROOT / "tests" / "documents"

NPM_PACKAGES: Final = (
    "ajv@8.17.1",
    "ajv-formats@3.0.1",
    "json-schema-to-typescript@15.0.4",
    "typescript@5.9.3",
)

LIBRARY_ONLY: Final = (
    # Rules across fields, across a collection or across documents, which a JSON Schema
    # cannot state (the schemas' descriptions and the documents page say so).
    "must be the most pressing reason's level",
    "must be the first reason's code",
    "ids must be unique",
    "names no exercise in the catalog",
    "as its easier exercise",
    "as its harder exercise",
    "which it is harder than",
    "which it is easier than",
    "must not repeat an entry",
    "must not repeat an aim",
    "must not come before the role of an earlier section",
    "must name a rule in",
    "must say who cleared the rules",
    "must not repeat an earlier caution's rule",
    "the cap of rule",
    "what screening",
    "must not repeat a block's address",
    "numbers for the prescribed",
    "unless the section is a circuit",
    "must hold at least two blocks in a superset",
    "or 'hold_s' must be given",
    "may only be given",
    "must be given for",
    "must differ from",
    "must not be the exercise's own id",
    "must be false for a bilateral exercise",
    "give exactly one",
    "must give one choice per block",
    "must not be below the routine's duration",
    "must screen each block of the routine",
    "must match the block's exercise",
    "must be the block as its rules modify it",
    "must be 'exclude' if a rule excludes",
    "at most one pregnancy trimester",
    "or 'max_hold_s' or 'max_pain' must be given",
    "must be given: a rule matches something",
    "must not repeat a primary target",
    "for a self_massage exercise",
    "is required for an 'other' prop",
    "].number: must be ",  # a program's weeks are numbered in order
    "between 0 and 50 reps",  # a log's numbers for a dose with reps (the bound is the longest hold)
    "the exercise's own limit",
)
"""Fragments of the library's messages for rules the schemas leave to the library."""

INTEGRAL_FLOAT: Final = re.compile(r"\(got -?\d+\.0\)$")
"""A problem with a number such as ``2.0`` where an integer belongs: JSON Schema calls
``2.0`` an integer, the library (like JSON's own grammar for integers) does not."""


def left_to_the_library(problem: str) -> bool:
    """Whether a problem is one the schemas leave to the library (:data:`LIBRARY_ONLY`)."""
    return INTEGRAL_FLOAT.search(problem) is not None or any(f in problem for f in LIBRARY_ONLY)


Case = dict[str, Any]
"""One document with the library's verdict: ``kind``, ``name``, ``text``, ``accepted``,
``bound`` (whether a bound or type problem is among the reasons) and ``problems``."""


# -- the documents (plain Python, tested) -------------------------------------------------------


def edge_integers() -> list[int]:
    """Every declared integer bound's edges, either side, and a few corners."""
    from upperback import _validate  # noqa: PLC0415 - the library only when documents are made
    from upperback.serialization import DOCUMENT_KINDS  # noqa: PLC0415

    edges = {-1, 0, 1, 2, 10**6}
    for cls in _classes(DOCUMENT_KINDS.values()):
        for _, bound in _validate.bounds(cls):
            if bound.kind == _validate.INTEGER and bound.high is not None:
                edges |= {int(bound.low) - 1, int(bound.low), int(bound.high), int(bound.high) + 1}
    return sorted(edges)


def _classes(roots: Any) -> list[type]:
    """Every attrs class reachable from ``roots`` through field types."""
    import typing  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    seen: dict[type, None] = {}
    todo = list(roots)
    while todo:
        tp = todo.pop()
        if isinstance(tp, type) and attrs.has(tp) and tp not in seen:
            seen[tp] = None
            todo += typing.get_type_hints(tp).values()
        todo += typing.get_args(tp)
    return list(seen)


def _variants(value: Any, integers: list[int], rng: random.Random) -> list[Any]:
    """Values to put where ``value`` is: edges of bounds, empty, repeated, blank, padded."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int):
        return rng.sample(integers, min(6, len(integers)))
    if isinstance(value, float):
        return [0, -0.5, 0.0001, 100, 100.5, 10**6]
    if isinstance(value, str):
        return rng.sample(
            ["", " padded", "padded ", "x" * 2001, "x" * 121, "x" * 81, "Not A Slug", "ftp://x"],
            3,
        )
    if isinstance(value, list):
        return [[], [*value, *value[:1]]] if value else [[]]
    return []


def _verdict(kind: str, name: str, document: Any) -> Case:
    from upperback.errors import InvalidDocument  # noqa: PLC0415
    from upperback.serialization import DOCUMENT_KINDS, loads  # noqa: PLC0415

    text = json.dumps(document, ensure_ascii=False)
    try:
        loads(text, DOCUMENT_KINDS[kind])
    except InvalidDocument as error:
        problems = [str(problem) for problem in error.problems]
        bound = not all(left_to_the_library(problem) for problem in problems)
        return {
            "kind": kind,
            "name": name,
            "text": text,
            "accepted": False,
            "bound": bound,
            "problems": problems,
        }
    return {"kind": kind, "name": name, "text": text, "accepted": True, "bound": False}


def strict_json(text: str) -> Any | None:
    """The value of ``text`` if it is plain JSON every client reads alike, else ``None``.

    Duplicate keys, ``NaN`` and infinities, lone surrogates and integers Python will not
    read are not: clients differ on them, and the library refuses them before any schema.
    """

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError(keys)
        return dict(pairs)

    def refuse(name: str) -> None:
        raise ValueError(name)

    try:
        value = json.loads(text, object_pairs_hook=no_repeats, parse_constant=refuse)
        # A lone surrogate, escaped or not, and a number too big for a float (1e400).
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, RecursionError):
        return None
    return value


def _draw(strategy: Any, count: int, seed: int) -> list[str]:
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415
    from hypothesis import seed as seeded  # noqa: PLC0415

    drawn: list[str] = []

    @seeded(seed)
    @settings(
        max_examples=count,
        database=None,
        derandomize=False,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(text: str) -> None:
        drawn.append(text)

    collect()
    return drawn[:count]


def documents(
    kind: str, *, valid: int = 4, seed: int = 0, changes: int | None = None
) -> list[Case]:
    """The documents of one kind to check clients on, each with the library's verdict.

    Args:
        kind: A document kind.
        valid: How many valid documents to draw beside the saved one.
        seed: The seed of the choices among edges and malformations.
        changes: How many documents with one value moved, at most, chosen by
            ``seed``; ``None`` for every value moved to every edge.
    """
    from upperback import SCHEMA_VERSION, strategies  # noqa: PLC0415
    from upperback.strategies._documents import _places, _replace  # noqa: PLC0415

    rng = random.Random(f"{kind}:{seed}")  # noqa: S311 - reproducible choices, not secrets
    golden = GOLDEN / f"v{SCHEMA_VERSION}" / f"{kind}.json"
    seeds = [json.loads(golden.read_text("utf-8"))] if golden.exists() else []
    seeds += [json.loads(text) for text in _draw(strategies.documents(kind), valid, seed)]
    integers = edge_integers()
    cases = [_verdict(kind, f"valid {i}", document) for i, document in enumerate(seeds)]
    moves = [
        (i, path, new)
        for i, document in enumerate(seeds)
        for path, value in _places(document)
        if path[:1] == ("data",)
        for new in _variants(value, integers, rng)
    ]
    if changes is not None and changes < len(moves):
        moves = rng.sample(moves, changes)
    for i, path, new in moves:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        changed = _replace(seeds[i], path, new)
        cases.append(_verdict(kind, f"{i}: ${where} = {json.dumps(new)[:40]}", changed))
    for i, text in enumerate(_draw(strategies.invalid_documents(kind), 4 * valid, seed)):
        value = strict_json(text)
        if value is not None:
            cases.append(_verdict(kind, f"malformed {i}", value))
    return cases


def document_sets(
    kinds: list[str] | None = None,
    *,
    valid: int = 4,
    seed: int = 0,
    changes: int | None = None,
) -> list[Case]:
    """:func:`documents` of every kind (or of ``kinds``), in kind order."""
    from upperback.serialization import DOCUMENT_KINDS  # noqa: PLC0415

    return [
        case
        for kind in (kinds or sorted(DOCUMENT_KINDS))
        for case in documents(kind, valid=valid, seed=seed, changes=changes)
    ]


def duplicate_types(typescript: str) -> list[str]:
    """Names json-schema-to-typescript gave a second copy of a type (``Dose1`` beside ``Dose``)."""
    names = set(re.findall(r"^export (?:interface|type) (\w+)", typescript, re.MULTILINE))
    return sorted(
        n for n in names if re.fullmatch(r"\w*\D\d+", n) and n.rstrip("0123456789") in names
    )


def mismatches(cases: list[Case], verdicts: list[bool]) -> list[str]:
    """Where a client's verdicts (``True``: valid) disagree with the library's.

    Accepted documents must be valid; documents refused for a bound or a type
    must not be; a document refused only by a rule the schemas leave to the library
    may go either way.
    """
    found = []
    for case, valid in zip(cases, verdicts, strict=True):
        if case["accepted"] and not valid:
            found.append(f"{case['kind']} {case['name']}: accepted by the library, refused")
        elif not case["accepted"] and case["bound"] and valid:
            problems = "; ".join(case["problems"])[:200]
            found.append(f"{case['kind']} {case['name']}: refused by the library ({problems})")
    return found


def tally(cases: list[Case], verdicts: list[bool]) -> dict[str, int]:
    """How many documents of each library verdict a client found valid."""
    counts = {"accepted": 0, "accepted_valid": 0, "bound": 0, "bound_valid": 0}
    counts |= {"library_only": 0, "library_only_valid": 0}
    for case, valid in zip(cases, verdicts, strict=True):
        group = "accepted" if case["accepted"] else "bound" if case["bound"] else "library_only"
        counts[group] += 1
        counts[f"{group}_valid"] += int(valid)
    return counts


# -- the clients (needs npm and the network on first run) ---------------------------------------

_AJV: Final = r"""
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "node:fs";
const [schemas, cases, out] = process.argv.slice(2);
const byKind = JSON.parse(fs.readFileSync(schemas, "utf8"));
const compiled = {}, errors = {};
for (const [kind, schema] of Object.entries(byKind)) {
  try {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addKeyword(DEFAULT_FROM);  // an annotation: strict mode refuses keywords it is not told of
    compiled[kind] = ajv.compile(schema);
  } catch (error) { errors[kind] = String(error); }
}
const verdicts = JSON.parse(fs.readFileSync(cases, "utf8")).map(
  ([kind, text]) => (compiled[kind] ? compiled[kind](JSON.parse(text)) : false));
fs.writeFileSync(out, JSON.stringify({ compiled: Object.keys(compiled), errors, verdicts }));
"""

_TO_TS: Final = r"""
import { compile } from "json-schema-to-typescript";
import fs from "node:fs";
const [schemas, dir] = process.argv.slice(2);
for (const [kind, schema] of Object.entries(JSON.parse(fs.readFileSync(schemas, "utf8")))) {
  const options = { bannerComment: "", additionalProperties: false };
  const ts = await compile(schema, schema.title, options);
  fs.writeFileSync(`${dir}/${kind}.ts`, ts);
}
"""


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a command-line tool


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603


def install(cache: Path) -> Path:
    """The npm packages, installed once into ``cache`` (outside the checkout)."""
    cache.mkdir(parents=True, exist_ok=True)
    marker = cache / "installed.json"
    if not marker.exists() or json.loads(marker.read_text()) != list(NPM_PACKAGES):
        (cache / "package.json").write_text('{"private": true, "type": "module"}\n')
        npm = shutil.which("npm") or "npm"
        done = _run([npm, "install", "--no-audit", "--no-fund", *NPM_PACKAGES], cache)
        if done.returncode:
            sys.exit(f"npm install failed:\n{done.stderr}")
        marker.write_text(json.dumps(list(NPM_PACKAGES)))
    from upperback.serialization._schema import DEFAULT_FROM  # noqa: PLC0415

    (cache / "ajv_check.mjs").write_text(_AJV.replace("DEFAULT_FROM", json.dumps(DEFAULT_FROM)))
    (cache / "to_ts.mjs").write_text(_TO_TS)
    return cache


def _ajv(cache: Path, work: Path, schemas: Path, cases: list[Case]) -> dict[str, Any]:
    listed = work / "cases.json"
    listed.write_text(json.dumps([[case["kind"], case["text"]] for case in cases]))
    out = work / "ajv.json"
    done = _run(["node", "ajv_check.mjs", str(schemas), str(listed), str(out)], cache)
    if done.returncode:
        sys.exit(f"ajv failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _typescript(
    cache: Path, work: Path, schemas: Path, by_kind: dict[str, Any], cases: list[Case]
) -> dict[str, Any]:
    types = work / "types"
    types.mkdir()
    done = _run(["node", "to_ts.mjs", str(schemas), str(types)], cache)
    if done.returncode:
        sys.exit(f"json-schema-to-typescript failed:\n{done.stderr}")
    duplicates = {}
    for kind, schema in by_kind.items():
        generated = (types / f"{kind}.ts").read_text()
        duplicates[kind] = duplicate_types(generated)
        # The valid documents, as constants of the generated envelope type.
        envelope = re.search(r"export interface (\w+) \{[^}]*?\bupperback: \d+;", generated)
        name = envelope[1] if envelope else schema["title"]
        valid = [case["text"] for case in cases if case["kind"] == kind and case["accepted"]]
        constants = "\n".join(
            f"export const d{i}: {name} = {text};" for i, text in enumerate(valid)
        )
        (types / f"{kind}_documents.ts").write_text(
            f'import type {{ {name} }} from "./{kind}.js";\n{constants}\n'
        )
    tsc = cache / "node_modules" / ".bin" / "tsc"
    argv = [str(tsc), "--strict", "--noEmit", "--target", "es2022", "--module", "nodenext"]
    done = _run([*argv, *sorted(str(p) for p in types.glob("*.ts"))], cache)
    return {
        "generated": len(list(types.glob("*_documents.ts"))),
        "duplicates": {kind: names for kind, names in duplicates.items() if names},
        "tsc_errors": [line for line in done.stdout.splitlines() if "error TS" in line],
    }


def _jsonschema_rs(by_kind: dict[str, Any], cases: list[Case]) -> dict[str, Any]:
    import jsonschema_rs  # noqa: PLC0415 - the schema-clients dependency group

    validators = {kind: jsonschema_rs.Draft202012Validator(s) for kind, s in by_kind.items()}
    verdicts = [validators[case["kind"]].is_valid(json.loads(case["text"])) for case in cases]
    return {"compiled": list(validators), "errors": {}, "verdicts": verdicts}


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "upperback-schema-clients"


def main(argv: list[str] | None = None) -> int:
    """Run every client on every kind's schema and documents; print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=_default_cache(), help="npm packages")
    parser.add_argument("--valid", type=int, default=4, help="valid documents drawn per kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--changes", type=int, default=None, help="documents with a value moved, per kind"
    )
    args = parser.parse_args(argv)

    import upperback  # noqa: PLC0415
    from upperback.serialization import DOCUMENT_KINDS  # noqa: PLC0415

    kinds = sorted(DOCUMENT_KINDS)
    by_kind = {kind: upperback.json_schema(kind) for kind in kinds}
    cases = document_sets(kinds, valid=args.valid, seed=args.seed, changes=args.changes)
    cache = install(args.cache)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        schemas = work / "schemas.json"
        schemas.write_text(json.dumps(by_kind))
        _say(
            f"{len(kinds)} schemas, {len(cases)} documents: "
            + json.dumps(tally(cases, [True] * len(cases)))
        )
        for client, result in (
            ("ajv (strict)", _ajv(cache, work, schemas, cases)),
            ("jsonschema-rs", _jsonschema_rs(by_kind, cases)),
        ):
            found = mismatches(cases, result["verdicts"])
            counts = tally(cases, result["verdicts"])
            _say(
                f"{client}: {len(result['compiled'])}/{len(kinds)} schemas compiled;"
                f" valid {counts['accepted_valid']}/{counts['accepted']} accepted documents,"
                f" refused {counts['bound'] - counts['bound_valid']}/{counts['bound']}"
                " refused for a bound or type,"
                f" {counts['library_only'] - counts['library_only_valid']}"
                f"/{counts['library_only']} refused by a rule left to the library;"
                f" {len(found)} mismatches"
            )
            per_kind = collections.Counter(line.split(" ", 1)[0] for line in found)
            if per_kind:
                _say(f"  mismatches by kind: {json.dumps(dict(sorted(per_kind.items())))}")
            for kind, error in result["errors"].items():
                _say(f"  {kind}: {error}")
            for line in found[:20]:
                _say(f"  {line}")
            failed |= bool(found or result["errors"])
        ts = _typescript(cache, work, schemas, by_kind, cases)
        _say(
            f"json-schema-to-typescript + tsc --strict: {ts['generated']}/{len(kinds)} generated,"
            f" {sum(map(len, ts['duplicates'].values()))} duplicate types,"
            f" {len(ts['tsc_errors'])} tsc errors"
        )
        for kind, names in ts["duplicates"].items():
            _say(f"  {kind}: {', '.join(names)}")
        for line in ts["tsc_errors"][:20]:
            _say(f"  {line}")
        failed |= bool(ts["duplicates"] or ts["tsc_errors"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
