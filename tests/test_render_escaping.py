"""Nothing that comes from data adds markup: hostile names, cues, notes, URLs, alt text and credits.

The property: a sheet of an exercise whose every text and address is hostile has
exactly the structure of the same sheet with harmless words in their place (the
same Markdown tokens, the same HTML elements and attributes, the same text lines),
every link and picture goes where the data says, and the hostile words are shown
as the words they are.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import TYPE_CHECKING, Any

import attrs
import html5lib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import upperback as ub
from upperback import render
from upperback.exercise import MAX_NAME
from upperback.render._sheet import plain

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from markdown_it.token import Token

markdown_module = importlib.import_module("upperback.render.markdown")
NS = "{http://www.w3.org/1999/xhtml}"
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](https://evil.example/)",
    "![pic](https://evil.example/x.png)",
    "x\n# Heading",
    "x\n\n---\n\n- item",
    "1. first",
    "- dash",
    "= equals",
    "&lt;b&gt;entity&lt;/b&gt; &amp;",
    "`code` **bold** _em_ ~~gone~~",
    "| a | b |\n|---|---|",
    "a\x1b[2Jb\x00c",
    "quote \" and ' apostrophe",
    "<https://autolink.example>",
    "a\\",
)


def _valid(text: str) -> bool:
    return bool(text) and text == text.strip()


# Markup characters above all, and now and then any character at all.
hostile_texts = st.sampled_from(PAYLOADS) | st.text(
    alphabet=st.sampled_from(list("<>&;#\"'`*_[]()!|~\\\n\x1b-+=.1 ax")) | st.characters(),
    min_size=1,
    max_size=20,
).filter(_valid)
hostile_urls = (
    (st.sampled_from(PAYLOADS) | hostile_texts)
    .map(lambda path: "https://example.org/" + path.strip())
    .filter(_valid)
)


@attrs.frozen
class Words:
    """Every text and address an exercise, a block and a routine take from data."""

    name: str
    cue: str
    precaution: str
    note: str
    title: str
    dose_note: str
    key: str
    source_url: str
    alt: str
    author: str
    licence: str
    media_url: str
    media_source: str


words = st.builds(
    Words,
    name=hostile_texts.filter(lambda t: len(t) <= MAX_NAME),
    cue=hostile_texts,
    precaution=hostile_texts,
    note=hostile_texts,
    title=hostile_texts,
    dose_note=hostile_texts,
    key=hostile_texts.filter(lambda t: len(t) <= 20),
    source_url=hostile_urls,
    alt=hostile_texts,
    author=hostile_texts,
    licence=hostile_texts,
    media_url=hostile_urls,
    media_source=hostile_urls,
)
HARMLESS = Words(
    name="x",
    cue="x",
    precaution="x",
    note="x",
    title="x",
    dose_note="x",
    key="x",
    source_url="https://example.org/x",
    alt="x",
    author="x",
    licence="x",
    media_url="https://example.org/x.jpg",
    media_source="https://example.org/y",
)
CRAFTED = attrs.evolve(
    HARMLESS,
    source_url="https://example.org/a) <script>alert(1)</script> [x](javascript:alert(1)",
    media_url='https://example.org/i.jpg" onerror="alert(1)',
    alt="](javascript:alert(1)) <b>",
)


def routine_of(w: Words) -> ub.Routine:
    exercise = ub.Exercise(
        id="hostile",
        name=w.name,
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.SEATED,
        targets={ub.Muscle.RHOMBOIDS},
        cues=[w.cue],
        precautions=[w.precaution],
        dose_note=w.dose_note,
        default_dose=ub.Dose(sets=2, hold_s=20),
        sources=[ub.Source(key=w.key, url=w.source_url)],
        media=[
            ub.Media(
                url=w.media_url,
                kind=ub.MediaKind.IMAGE,
                alt=w.alt,
                author=w.author,
                licence=w.licence,
                source_url=w.media_source,
            )
        ],
    )
    block = ub.Block(exercise=exercise, notes=w.note)
    return ub.Routine.of(w.title, main=[block, ub.default_catalog()["chin-tuck"]])


@functools.cache
def harmless(fmt: str, *, remote_media: bool = False) -> tuple[str, ...]:
    """The sheets of the harmless words, rendered once."""
    render_fmt: Any = getattr(render, fmt)
    options = {} if fmt == "text" else {"remote_media": remote_media}
    return tuple(render_fmt(value, **options) for value in values_of(HARMLESS))


def values_of(w: Words) -> list[object]:
    routine = routine_of(w)
    return [routine, routine.blocks[0].exercise, ub.plan(routine, weeks=1)]


def texts_of(w: Words, value: object) -> list[str]:
    """The texts a sheet of ``value`` shows (an exercise's dose note is on its own card only)."""
    shown = {
        ub.Exercise: ("name", "cue", "precaution", "dose_note", "key", "alt", "author", "licence"),
        ub.Routine: (
            "name",
            "cue",
            "precaution",
            "note",
            "title",
            "key",
            "alt",
            "author",
            "licence",
        ),
        ub.Program: ("name", "cue", "precaution", "note", "title", "alt", "author", "licence"),
    }[type(value)]
    return [getattr(w, name) for name in shown]


# --- Markdown --------------------------------------------------------------------------------


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _shape(tokens: list[Token]) -> list[tuple[str, str]]:
    """The structure: every token but text, with its tag (text is what may differ)."""
    return [(t.type, t.tag) for t in _walk(tokens) if t.type not in ("text", "softbreak")]


def _inline_texts(tokens: list[Token]) -> list[str]:
    """The text of each inline run, a picture's alt text included."""
    return [
        "".join(c.content for c in _walk(t.children or []) if c.type == "text")
        for t in tokens
        if t.type == "inline"
    ]


def _urls(w: Words) -> set[str]:
    return {w.source_url, w.media_url, w.media_source}


def _href(url: str) -> str:
    """Where a Markdown reader's link to ``url`` goes: the address, percent-encoded."""
    return str(MD.normalizeLink(markdown_module.destination(url).replace("\\&", "&")))


REFERENCE_URLS = {url for ref in ub.references().values() for url in ref.urls}
REFERENCE_HREFS = {_href(url) for ref in ub.references().values() for url in ref.urls}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words, st.booleans())
@example(w=CRAFTED, remote_media=False)
@example(w=CRAFTED, remote_media=True)
def test_hostile_data_cannot_add_markdown_markup(w: Words, remote_media: bool) -> None:
    for value, benign in zip(
        values_of(w), harmless("markdown", remote_media=remote_media), strict=True
    ):
        tokens = MD.parse(render.markdown(value, remote_media=remote_media))
        assert _shape(tokens) == _shape(MD.parse(benign))
        assert not any(t.type.startswith("html") for t in _walk(tokens))
        for token in _walk(tokens):
            if token.type == "link_open":
                assert token.attrs["href"] in {_href(url) for url in _urls(w)} | REFERENCE_HREFS
            if token.type == "image":
                assert remote_media
                assert token.attrs["src"] == _href(w.media_url)
        shown = "\n".join(_inline_texts(tokens))
        for text in texts_of(w, value):
            assert plain(text) in shown


def test_the_crafted_url_of_the_issue_stays_one_link() -> None:
    out = render.markdown(routine_of(CRAFTED))
    assert "<script>" not in out
    tokens = MD.parse(out)
    hrefs = [str(t.attrs["href"]) for t in _walk(tokens) if t.type == "link_open"]
    assert _href(CRAFTED.source_url) in hrefs
    assert all(not href.startswith("javascript") for href in hrefs)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("- dash", "\\- dash"),
        ("+ plus", "\\+ plus"),
        ("= equals", "\\= equals"),
        ("a\n# b", "a \\# b"),
        ("&amp;", "\\&amp;"),
        ("~~x~~", "\\~\\~x\\~\\~"),
        ("Cat-camel 1. x", "Cat-camel 1. x"),  # a marker only counts where a line begins
    ],
)
def test_what_would_start_a_block_or_an_entity_is_escaped(text: str, escaped: str) -> None:
    assert markdown_module.escape(text) == escaped


# --- HTML ------------------------------------------------------------------------------------


def _elements(tree: Any) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (str(element.tag), tuple(sorted(element.attrib)))
        for element in tree.iter()
        if isinstance(element.tag, str)
    ]


def _links(tree: Any) -> list[str]:
    found = [str(a.get("href")) for a in tree.iter(f"{NS}a")]
    return found + [str(img.get("src")) for img in tree.iter(f"{NS}img")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words, st.booleans())
@example(w=CRAFTED, remote_media=False)
@example(w=CRAFTED, remote_media=True)
def test_hostile_data_cannot_add_html_markup(w: Words, remote_media: bool) -> None:
    allowed = {plain(url) for url in _urls(w)} | REFERENCE_URLS
    for value, benign in zip(
        values_of(w), harmless("html", remote_media=remote_media), strict=True
    ):
        tree = html5lib.parse(render.html(value, remote_media=remote_media))
        assert _elements(tree) == _elements(html5lib.parse(benign))
        assert set(_links(tree)) <= allowed
        shown = " ".join(" ".join(tree.itertext()).split())
        for text in texts_of(w, value):
            if remote_media and text == w.alt:
                continue  # the picture's alt text is the <img>'s, below
            assert plain(text) in shown
        if remote_media:
            images = list(tree.iter(f"{NS}img"))
            assert [img.get("alt") for img in images] == [plain(w.alt)]


# --- Text ------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(words)
@example(CRAFTED)
def test_hostile_data_cannot_add_lines_or_control_characters_to_text(w: Words) -> None:
    for value, benign in zip(values_of(w), harmless("text"), strict=True):
        out = render.text(value)
        assert len(out.splitlines()) == len(benign.splitlines())
        assert all(char == "\n" or char.isprintable() for char in out)
        for text in texts_of(w, value):
            if isinstance(value, ub.Routine) and text == w.key:
                continue  # the text of a session lists no sources
            assert plain(text) in out


@pytest.mark.parametrize(
    ("text", "flat"),
    [
        ("a\nb", "a b"),
        ("a \r\n\t b", "a b"),
        ("a\x1b[2Jb", "a\ufffd[2Jb"),
        ("a\u2028b", "a b"),
        ("nul\x00here", "nul\ufffdhere"),
        ("plain", "plain"),
    ],
)
def test_data_text_is_laid_out_on_one_line_without_control_characters(text: str, flat: str) -> None:
    assert plain(text) == flat


FORMATS: list[Callable[..., Any]] = [render.text, render.markdown, render.html]


@pytest.mark.parametrize("fmt", FORMATS, ids=["text", "markdown", "html"])
def test_a_title_cannot_forge_a_safety_section(fmt: Callable[..., Any]) -> None:
    forged = "Desk\n\nSafety:\n  - Pain up to 10/10 is fine."
    out = fmt(ub.Routine.of(forged, main=[ub.default_catalog()["chin-tuck"]]))
    lines = out.splitlines()
    assert not any(re.fullmatch(r"\W*Safety:?\W*", line) and "Desk" in line for line in lines)
    assert sum(1 for line in lines if line.strip() in ("Safety:", "## Safety")) <= 1
