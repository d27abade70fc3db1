"""The pictures of the built-in exercises: the table, the catalog data and the docs agree.

``tools/catalog_media.toml`` records, for every built-in exercise, the published picture
that shows the same exercise and why, or why none does, and whether each source's pictures
are openly licensed; ``tools/catalog_media.py`` writes the pictures of openly licensed
sources into the ``media`` fields of the catalog data and the Pictures table of
``docs/catalog.md``. A picture reaches a person's sheet only from an openly licensed source.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import render
from upperback.interop import free_exercise_db
from upperback.render import _media

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://www.w3.org/1999/xhtml}"
DATASET_IMAGES = "https://raw.githubusercontent.com/yuhonas/free-exercise-db/"


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "catalog_media", ROOT / "tools" / "catalog_media.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _load_tool()
TABLE_TEXT = TOOL.TABLE.read_text(encoding="utf-8")
TABLE = TOOL.load_table(TABLE_TEXT)
DATA_TEXT = TOOL.DATA.read_text(encoding="utf-8")
DOCUMENT = json.loads(DATA_TEXT)
DOCS_TEXT = TOOL.DOCS.read_text(encoding="utf-8")
CATALOG = ub.default_catalog()
MATCHED = sorted(key for key, match in TABLE["exercises"].items() if "entry" in match)


def _all_open(table: dict[str, Any]) -> dict[str, Any]:
    """The table as it would be if every source's pictures were openly licensed."""
    opened = copy.deepcopy(table)
    for source in opened["sources"].values():
        source["openly_licensed"] = True
    return opened


# What the table would put on the cards if its sources were open: every match, loaded
# through the same reader and validation as any catalog document.
OPENED = ub.loads(TOOL.dump(TOOL.apply(_all_open(TABLE), DOCUMENT)), ub.Catalog)


# -- the shipped files are what the table says -------------------------------------------


def test_the_catalog_data_carries_exactly_the_tables_pictures() -> None:
    assert TOOL.dump(TOOL.apply(TABLE, DOCUMENT)) == DATA_TEXT


def test_the_docs_pictures_section_is_the_tables() -> None:
    ids = [exercise["id"] for exercise in DOCUMENT["data"]["exercises"]]
    assert TOOL.rewrite_docs(DOCS_TEXT, TOOL.section(TABLE, ids)) == DOCS_TEXT


def test_the_check_command_passes_on_the_repository() -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and tool
        [sys.executable, str(ROOT / "tools" / "catalog_media.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_only_pictures_of_openly_licensed_sources_reach_a_card() -> None:
    for exercise in CATALOG:
        match = TABLE["exercises"][exercise.id]
        if exercise.media:
            assert TABLE["sources"][match["source"]]["openly_licensed"], exercise.id
        else:
            assert TOOL.status(TABLE, exercise.id) != TOOL.SHOWN, exercise.id


# -- the docs table, read as a reader would -------------------------------------------------


def _docs_rows() -> dict[str, tuple[str, list[str], str]]:
    """Each row of the Pictures table: the card's status, the picture addresses, the why."""
    section = DOCS_TEXT.split("\n## Pictures\n", 1)[1]
    rows: dict[str, tuple[str, list[str], str]] = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        exercise, shown, pictures, why = (cell.strip() for cell in line.strip("|").split(" | "))
        assert exercise.strip("`") not in rows, f"{exercise} appears twice"
        rows[exercise.strip("`")] = (shown, re.findall(r"\]\((https://[^)]+)\)", pictures), why)
    return rows


def test_the_docs_table_names_every_built_in_exercise_once() -> None:
    assert sorted(_docs_rows()) == sorted(CATALOG.ids)


def test_the_docs_justify_each_picture_on_a_card_and_say_none_for_the_rest() -> None:
    rows = _docs_rows()
    for exercise in CATALOG:
        shown, addresses, why = rows[exercise.id]
        assert len(why.split()) >= 8, f"{exercise.id}: too short to be a reason"
        if exercise.media:
            assert shown == "shown"
            assert addresses == [item.url for item in exercise.media]
        else:
            assert shown.startswith("none"), exercise.id


def test_the_docs_give_each_match_its_addresses_and_each_miss_none() -> None:
    rows = _docs_rows()
    for exercise, (shown, addresses, _) in rows.items():
        assert (shown == "none found") == (not addresses), exercise
        assert addresses == [item.url for item in OPENED[exercise].media]


def test_the_docs_count_what_the_table_holds() -> None:
    found = sum(match.keys() == {"none"} for match in TABLE["exercises"].values())
    assert f"and {found} have no picture of the same" in DOCS_TEXT
    assert f"Of the {len(CATALOG)} built-in exercises" in DOCS_TEXT


# -- every match is a valid, attributed picture of the dataset -------------------------------


def test_the_table_gives_a_decision_for_at_least_the_matches_it_found() -> None:
    assert MATCHED, "the table records its matches even where none is shown"
    for exercise in MATCHED:
        assert OPENED[exercise].media


@pytest.mark.parametrize("exercise", MATCHED)
def test_each_match_loads_as_media_with_https_address_alt_author_and_licence(
    exercise: str,
) -> None:
    for item in OPENED[exercise].media:
        assert isinstance(item, ub.Media)
        assert item.kind is ub.MediaKind.IMAGE
        assert item.url.startswith(DATASET_IMAGES + "main/exercises/")
        assert item.url.endswith((".jpg", ".png"))
        assert item.alt.strip()
        assert item.author
        assert item.licence
        assert item.source_url == free_exercise_db.DATASET_URL


def test_opening_a_source_changes_nothing_but_the_pictures() -> None:
    for exercise in CATALOG:
        assert attrs.evolve(OPENED[exercise.id], media=()) == attrs.evolve(exercise, media=())


def test_the_dataset_source_agrees_with_the_importer() -> None:
    source = TABLE["sources"]["free-exercise-db"]
    assert source["images"] == free_exercise_db.IMAGE_BASE_URL
    assert source["home"] == free_exercise_db.DATASET_URL
    assert source["author"] == f"free-exercise-db ({free_exercise_db.DATASET_URL})"


def test_a_sheet_credits_a_built_in_exercises_picture() -> None:
    pictured = OPENED["band-pull-apart"]
    first = pictured.media[0]
    text = render.text(pictured)
    assert f"Picture: {first.alt} <{first.url}>" in text
    assert _media.credit(first) in text
    page = html5lib.parse(render.html(pictured, remote_media=True))
    images = [dict(img.attrib) for img in page.iter(f"{NS}img")]
    assert [(img["src"], img["alt"]) for img in images] == [
        (item.url, item.alt) for item in pictured.media
    ]
    assert _media.byline(first) in " ".join(" ".join(page.itertext()).split())


# -- the script touches only the media fields ----------------------------------------------


def _without_media(document: dict[str, Any]) -> dict[str, Any]:
    stripped = copy.deepcopy(document)
    for exercise in stripped["data"]["exercises"]:
        exercise.pop("media", None)
    return stripped


@settings(max_examples=25, deadline=None)
@given(
    opened=st.booleans(),
    stale=st.sets(st.sampled_from(sorted(CATALOG.ids)), max_size=5),
)
def test_applying_changes_only_media_and_is_idempotent(opened: bool, stale: set[str]) -> None:
    table = _all_open(TABLE) if opened else TABLE
    before = copy.deepcopy(DOCUMENT)
    for exercise in before["data"]["exercises"]:
        if exercise["id"] in stale:
            exercise["media"] = [{"url": "old.jpg", "kind": "image", "alt": "An old picture"}]
    after = TOOL.apply(table, before)
    assert _without_media(after) == _without_media(before)
    assert TOOL.apply(table, after) == after
    for exercise in after["data"]["exercises"]:
        assert exercise.get("media", []) == TOOL.media(table, exercise["id"])


def test_the_data_file_is_written_as_it_was() -> None:
    assert TOOL.dump(json.loads(DATA_TEXT)) == DATA_TEXT


def test_the_table_must_cover_exactly_the_catalog() -> None:
    fewer = copy.deepcopy(DOCUMENT)
    fewer["data"]["exercises"] = fewer["data"]["exercises"][1:]
    with pytest.raises(TOOL.TableError, match="names exercises the catalog lacks: band-pull"):
        TOOL.apply(TABLE, fewer)
    more = copy.deepcopy(DOCUMENT)
    more["data"]["exercises"].append({**more["data"]["exercises"][0], "id": "new-stretch"})
    with pytest.raises(TOOL.TableError, match="no entry for new-stretch"):
        TOOL.section(TABLE, [e["id"] for e in more["data"]["exercises"]])


# -- the table's own checks -------------------------------------------------------------------

SMALL = """
[sources.open-set]
home = "https://example.org/set"
images = "https://example.org/set/images/"
author = "A. Photographer"
licence = "CC0-1.0"
openly_licensed = true
licence_note = "Dedicated to the public domain."

[exercises.chin-tuck]
source = "open-set"
entry = "Chin_Tuck"
why = "Same position and movement."
[[exercises.chin-tuck.pictures]]
file = "0.jpg"
alt = "Sitting tall with the head glided back."

[exercises.wall-angel]
none = "No picture of it."
"""


def test_a_small_table_gives_attributed_media() -> None:
    table = TOOL.load_table(SMALL)
    assert TOOL.media(table, "chin-tuck") == [
        {
            "url": "https://example.org/set/images/Chin_Tuck/0.jpg",
            "kind": "image",
            "alt": "Sitting tall with the head glided back.",
            "author": "A. Photographer",
            "licence": "CC0-1.0",
            "source_url": "https://example.org/set",
        }
    ]
    assert TOOL.media(table, "wall-angel") == []
    assert TOOL.status(table, "wall-angel") == TOOL.NOT_FOUND
    item = TOOL.media(table, "chin-tuck")[0]
    assert ub.Media(**{**item, "kind": ub.MediaKind(item["kind"])}).is_remote


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[sources.open-set]", "[sources.open-set", "not TOML"),
        ('why = "Same position and movement."', 'why = "  "', "chin-tuck.why: must be a non-empty"),
        ('why = "Same position and movement."', "", "chin-tuck: missing why"),
        ('entry = "Chin_Tuck"', 'entry = "Chin_Tuck"\nshown = true', "chin-tuck: unknown shown"),
        ('none = "No picture of it."', 'none = "No | picture"', "must not contain '|'"),
        ('none = "No picture of it."', "none = 3", "wall-angel.none: must be a non-empty text"),
        ('source = "open-set"', 'source = "elsewhere"', "no source named 'elsewhere'"),
        ("openly_licensed = true", 'openly_licensed = "yes"', "must be true or false"),
        ('images = "https://', 'images = "http://', "open-set.images: must be an https address"),
        ('/set/images/"', '/set/images"', "must end with '/'"),
        ('licence = "CC0-1.0"\n', "", "sources.open-set: missing licence"),
        ('alt = "Sitting', 'colour = "red"\nalt = "Sitting', "pictures[0]: unknown colour"),
    ],
)
def test_a_malformed_table_is_refused_with_its_place(old: str, new: str, message: str) -> None:
    assert old in SMALL
    with pytest.raises(TOOL.TableError, match=re.escape(message)):
        TOOL.load_table(SMALL.replace(old, new, 1))


def test_pictures_must_be_listed_and_not_repeated() -> None:
    picture = '[[exercises.chin-tuck.pictures]]\nfile = "0.jpg"\nalt = "Sitting tall."\n'
    with pytest.raises(TOOL.TableError, match="must not name a file twice"):
        TOOL.load_table(SMALL + picture)
    listless = SMALL.split("[[exercises.chin-tuck.pictures]]", maxsplit=1)[0]
    with pytest.raises(TOOL.TableError, match="chin-tuck: missing pictures"):
        TOOL.load_table(listless + "\n[exercises.wall-angel]\nnone = 'No picture.'\n")
    with pytest.raises(TOOL.TableError, match=re.escape("chin-tuck.pictures[0]: must be a table")):
        TOOL.load_table(
            listless.replace('entry = "Chin_Tuck"', 'entry = "Chin_Tuck"\npictures = ["0.jpg"]')
        )
    with pytest.raises(TOOL.TableError, match="must list at least one picture"):
        TOOL.load_table(
            listless.replace('entry = "Chin_Tuck"', 'entry = "Chin_Tuck"\npictures = []')
        )


@pytest.mark.parametrize("text", ["sources = 1\nexercises = 2\n", "exercises = {}\n"])
def test_a_table_without_its_two_tables_is_refused(text: str) -> None:
    with pytest.raises(TOOL.TableError, match="the table"):
        TOOL.load_table(text)


# -- the docs section and the command --------------------------------------------------------


def test_the_section_replaces_only_its_own_lines_or_is_added_at_the_end() -> None:
    new = f"{TOOL.BEGIN}\n## Pictures\nnew\n{TOOL.END}"
    page = f"# Catalogs\n\nBefore.\n\n{TOOL.BEGIN}\nold\n{TOOL.END}\n\nAfter.\n"
    assert TOOL.rewrite_docs(page, new) == f"# Catalogs\n\nBefore.\n\n{new}\n\nAfter.\n"
    assert TOOL.rewrite_docs("# Catalogs\n\nText.\n", new) == f"# Catalogs\n\nText.\n\n{new}\n"
    with pytest.raises(TOOL.TableError, match="has no"):
        TOOL.rewrite_docs(f"{TOOL.BEGIN}\nold\n", new)


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The table, the data and the docs page copied where the command may write them."""
    for name, path in (("TABLE", TOOL.TABLE), ("DATA", TOOL.DATA), ("DOCS", TOOL.DOCS)):
        copy_path = tmp_path / path.name
        copy_path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        monkeypatch.setattr(TOOL, name, copy_path)
    monkeypatch.setattr(TOOL, "ROOT", tmp_path)
    return tmp_path


def test_the_command_writes_what_check_then_accepts(copies: Path) -> None:
    (copies / "catalog.md").write_text("# Catalogs\n", encoding="utf-8")
    data = copies / "exercises.json"
    data.write_text(
        DATA_TEXT.replace('"id": "chin-tuck",', '"id": "chin-tuck", "x": 1,'), encoding="utf-8"
    )
    assert TOOL.main(["--check"]) == 1
    assert TOOL.main([]) == 0
    assert TOOL.main(["--check"]) == 0
    assert "\n## Pictures\n" in (copies / "catalog.md").read_text(encoding="utf-8")
    assert json.loads(data.read_text(encoding="utf-8")) == TOOL.apply(
        TABLE, json.loads(DATA_TEXT.replace('"id": "chin-tuck",', '"id": "chin-tuck", "x": 1,'))
    )


def test_the_command_refuses_a_bad_table_and_unknown_arguments(
    copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert TOOL.main(["--write"]) == 2
    (copies / "catalog_media.toml").write_text("[sources", encoding="utf-8")
    assert TOOL.main([]) == 2
    assert "catalog_media: not TOML" in capsys.readouterr().err
