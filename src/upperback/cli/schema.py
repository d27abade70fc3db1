"""``upperback schema KIND``: the JSON Schema of a kind of document."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from upperback.serialization import DOCUMENT_KINDS, json_schema

if TYPE_CHECKING:
    import argparse

__all__ = ["add", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    schema = commands.add_parser(
        "schema", help="the JSON Schema of a kind of document, for apps in other languages"
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=sorted(DOCUMENT_KINDS),
        help=f"the kind of document; one of {', '.join(sorted(DOCUMENT_KINDS))}",
    )
    schema.add_argument("--list", action="store_true", help="list the kinds of document")
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a kind, or list the kinds."""
    if args.list or args.kind is None:
        for kind in sorted(DOCUMENT_KINDS):
            schema = json_schema(kind)
            data = schema["$defs"][schema["properties"]["data"]["$ref"].rpartition("/")[2]]
            print(f"{kind}\t{data['description']}")
        return 0
    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return 0
