"""``upperback validate FILE``: is this a valid document, and if not, every problem."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from upperback.cli._common import UsageError, emit, read_document
from upperback.serialization import DOCUMENT_KINDS, SCHEMA_VERSION

if TYPE_CHECKING:
    import argparse


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "validate", help="check a document of any kind and list every problem it has"
    )
    parser.add_argument("file", help="the document, a JSON file (- for standard input)")
    parser.add_argument(
        "--kind",
        choices=sorted(DOCUMENT_KINDS),
        metavar="KIND",
        help=f"require this kind; one of {', '.join(sorted(DOCUMENT_KINDS))}",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text, or json: a list of {path, message} problems (default: text)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 for a valid document; 2, with every problem, for an invalid one."""
    cls = DOCUMENT_KINDS[args.kind] if args.kind else None
    try:
        value: object = read_document(args.file, cls)
    except UsageError as exc:
        if args.format == "json":
            problems = [{"path": p.path, "message": p.message} for p in exc.problems]
            emit(json.dumps({"valid": False, "error": str(exc), "problems": problems}), None)
        raise
    kind = next(kind for kind, known in DOCUMENT_KINDS.items() if known is type(value))
    if args.format == "json":
        emit(json.dumps({"valid": True, "kind": kind, "schema": SCHEMA_VERSION}), None)
    else:
        emit(f"{args.file}: a valid {kind.replace('_', ' ')} document.", None)
    return 0


__all__ = ["add", "run"]
