"""Documents saved by earlier schema versions must keep loading, with nothing lost.

``tests/documents/v1/`` holds one document of every kind as schema 1 wrote it
(made by ``tests/documents/make.py``). The files are never regenerated for an
old version: when the schema changes, a migration must load them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import upperback as ub
from upperback import serialization as serialize

DOCUMENTS = Path(__file__).parent / "documents"
SAVED = sorted(DOCUMENTS.glob("v*/*.json"))


def test_every_kind_has_a_saved_document_of_schema_1() -> None:
    assert {path.stem for path in DOCUMENTS.glob("v1/*.json")} == set(serialize.DOCUMENT_KINDS)


@pytest.mark.parametrize("path", SAVED, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_saved_documents_load_as_their_kind(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = json.loads(text)["kind"]
    value: object = ub.loads(text, serialize.DOCUMENT_KINDS[kind])
    assert type(value) is serialize.DOCUMENT_KINDS[kind]


@pytest.mark.parametrize(
    "path",
    [path for path in SAVED if path.parent.name == f"v{ub.SCHEMA_VERSION}"],
    ids=lambda path: path.stem,
)
def test_current_documents_round_trip_to_the_same_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ub.dumps(ub.loads(text), indent=2) + "\n" == text
