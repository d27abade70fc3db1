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
from upperback._codec import envelope

DOCUMENTS = Path(__file__).parent / "documents"
SAVED = sorted(DOCUMENTS.glob("v*/*.json"))


def test_every_kind_of_schema_1_has_a_saved_document_of_schema_1() -> None:
    # A kind added later (adherence, in schema 2) has none: schema 1 could not write it.
    assert {path.stem for path in DOCUMENTS.glob("v1/*.json")} == set(envelope.SCHEMA_1_KINDS)
    assert set(envelope.SCHEMA_1_KINDS) <= set(serialize.DOCUMENT_KINDS)


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


def test_every_kind_has_a_saved_document_of_the_current_schema() -> None:
    current = {path.stem for path in DOCUMENTS.glob(f"v{ub.SCHEMA_VERSION}/*.json")}
    assert set(serialize.DOCUMENT_KINDS) <= current


def test_every_kind_has_a_migration_from_every_older_schema_that_had_it() -> None:
    for version in range(1, ub.SCHEMA_VERSION):
        kinds = envelope.SCHEMA_1_KINDS if version == 1 else serialize.DOCUMENT_KINDS
        missing = [kind for kind in kinds if (kind, version) not in envelope.MIGRATIONS]
        assert not missing, f"no migration from schema {version} for {missing}"


V1 = sorted(DOCUMENTS.glob("v1/*.json"))


@pytest.mark.parametrize("path", V1, ids=lambda path: path.stem)
def test_a_v1_document_loads_with_nothing_lost_or_changed(path: Path) -> None:
    # Loaded through the migration and written by this schema, the data is
    # what schema 1 wrote: no field dropped, renamed or read differently.
    saved = json.loads(path.read_text(encoding="utf-8"))
    written = ub.to_dict(ub.loads(path.read_text(encoding="utf-8")))
    assert written == {**saved, "upperback": ub.SCHEMA_VERSION}


def _differences(
    old: object, new: object, path: tuple[object, ...] = ()
) -> list[tuple[object, ...]]:
    """The paths where two JSON values differ, keys only ``new`` has left out.

    Exercises are compared by id only: the built-in catalog's entries are
    curated between releases (a source added, a precaution reworded, a
    feature added), which is a change of the catalog, not of the schema.
    """
    if isinstance(old, dict) and isinstance(new, dict) and {"id", "cues"} <= old.keys():
        return [] if old["id"] == new.get("id") else [(*path, "id")]
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            found
            for key in old.keys() | new.keys()
            if key in old
            for found in _differences(old[key], new.get(key), (*path, key))
        ]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            found
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for found in _differences(a, b, (*path, i))
        ]
    return [] if old == new else [path]


@pytest.mark.parametrize("kind", sorted(envelope.SCHEMA_1_KINDS))
def test_the_v1_and_v2_documents_of_a_kind_give_the_same_value(kind: str) -> None:
    # Both goldens were made from the same recipe (tests/documents/make.py):
    # the v1 document, migrated, must give what the v2 document gives, field
    # by field, the built-in catalog's curated exercises compared by id.
    old = ub.loads((DOCUMENTS / "v1" / f"{kind}.json").read_text(encoding="utf-8"))
    new = ub.loads((DOCUMENTS / "v2" / f"{kind}.json").read_text(encoding="utf-8"))
    paths = _differences(ub.to_dict(old)["data"], ub.to_dict(new)["data"])
    assert paths == []
    if ub.to_dict(old)["data"] == ub.to_dict(new)["data"]:
        assert old == new


def test_the_v2_documents_use_the_vocabulary_schema_2_added() -> None:
    kit = ub.loads((DOCUMENTS / "v2" / "kit-equipment.json").read_text(encoding="utf-8"), ub.Kit)
    assert kit.kinds == frozenset(ub.PropKind)
    catalog = ub.loads(
        (DOCUMENTS / "v2" / "catalog-new-vocabulary.json").read_text(encoding="utf-8"), ub.Catalog
    )
    assert ub.ExerciseKind.SELF_MASSAGE in {e.kind for e in catalog}
    assert all(e.secondary_targets for e in catalog)
    assert any(e.media for e in catalog)
    assert "other:sandbag" in {need.key for e in catalog for need in e.props}
