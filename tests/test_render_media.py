"""Pictures on the sheets: each exercise's image, with its alt text and its credit.

The library downloads nothing: text and Markdown show the address, the alt text
and the credit (author, licence, source); HTML shows an ``<img>`` only when the
app asks for remote media, otherwise the alt text, a link and the credit.
"""

from __future__ import annotations

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import upperback as ub
from upperback import render
from upperback import strategies as ubst
from upperback.render import _media

NS = "{http://www.w3.org/1999/xhtml}"
MD = MarkdownIt("commonmark")
CATALOG = ub.default_catalog()
ROW = ub.Media(
    url="https://example.org/images/row-0.jpg",
    kind=ub.MediaKind.IMAGE,
    alt="Standing tall, pulling a band apart at shoulder height",
    author="A. Photographer",
    licence="CC-BY-4.0",
    source_url="https://example.org/row",
)
LOCAL = ub.Media(url="images/row-1.jpg", kind=ub.MediaKind.IMAGE, alt="The end of the pull")
VIDEO = ub.Media(
    url="https://example.org/row.mp4",
    kind=ub.MediaKind.VIDEO,
    alt="The whole movement, slowly",
    licence="Unlicense",
)
PICTURED = ub.Exercise(
    id="pictured-pull-apart",
    name="Pictured pull-apart",
    kind=ub.ExerciseKind.STRENGTHENING,
    position=ub.Position.STANDING,
    targets={ub.Muscle.RHOMBOIDS},
    cues=["Pull the band apart."],
    default_dose=ub.Dose(sets=2, reps=10),
    media=[ROW, LOCAL, VIDEO],
)
ROUTINE = ub.Routine.of("Pictured", main=[PICTURED, CATALOG["chin-tuck"]])


def images(page: str) -> list[dict[str, str]]:
    return [dict(img.attrib) for img in html5lib.parse(page).iter(f"{NS}img")]


def page_text(page: str) -> str:
    body = html5lib.parse(page).find(f"{NS}body")
    assert body is not None
    return " ".join(" ".join(body.itertext()).split())


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (ROW, "By A. Photographer, licence CC-BY-4.0; source: https://example.org/row"),
        (LOCAL, "Licence not stated"),
        (VIDEO, "Licence Unlicense"),
    ],
)
def test_the_credit_names_author_licence_and_source_and_says_when_there_is_no_licence(
    item: ub.Media, expected: str
) -> None:
    assert _media.credit(item) == expected


@pytest.mark.parametrize("value", [PICTURED, ROUTINE, ub.plan(ROUTINE, weeks=2)], ids=type)
def test_text_shows_each_picture_with_its_address_and_credit(value: object) -> None:
    out = render.text(value)
    for item in PICTURED.media:
        label = "Picture" if item.kind is ub.MediaKind.IMAGE else "Video"
        assert f"{label}: {item.alt} <{item.url}>" in out
        assert _media.credit(item) in out


@pytest.mark.parametrize("value", [PICTURED, ROUTINE, ub.plan(ROUTINE, weeks=2)], ids=type)
def test_markdown_links_pictures_and_embeds_them_only_when_asked(value: object) -> None:
    linked = MD.parse(render.markdown(value))
    assert not [t for t in linked if t.children and any(c.type == "image" for c in t.children)]
    hrefs = [c.attrs["href"] for t in linked for c in t.children or () if c.type == "link_open"]
    assert ROW.url in hrefs
    assert VIDEO.url in hrefs
    assert ROW.source_url in hrefs
    embedded = MD.parse(render.markdown(value, remote_media=True))
    pictures = [c for t in embedded for c in t.children or () if c.type == "image"]
    assert [(p.attrs["src"], p.content) for p in pictures] == [(ROW.url, ROW.alt)]
    out = render.markdown(value, remote_media=True)
    assert f"Picture: {LOCAL.alt}" in out  # a package path is never fetched
    assert f"Video: [{VIDEO.alt}]({VIDEO.url})" in out


@pytest.mark.parametrize("value", [PICTURED, ROUTINE, ub.plan(ROUTINE, weeks=2)], ids=type)
def test_html_fetches_nothing_unless_the_app_asks(value: object) -> None:
    page = render.html(value)
    assert images(page) == []
    shown = page_text(page)
    for item in PICTURED.media:
        assert item.alt in shown
        assert _media.byline(item) in shown
    tree = html5lib.parse(page)
    hrefs = [a.get("href") for a in tree.iter(f"{NS}a")]
    assert ROW.url in hrefs
    assert ROW.source_url in hrefs
    assert LOCAL.url not in hrefs  # a package path means nothing to a page on its own


@pytest.mark.parametrize("value", [PICTURED, ROUTINE, ub.plan(ROUTINE, weeks=2)], ids=type)
def test_html_with_remote_media_shows_the_remote_image_with_its_alt_and_credit(
    value: object,
) -> None:
    page = render.html(value, remote_media=True)
    (img,) = images(page)
    assert img["src"] == ROW.url
    assert img["alt"] == ROW.alt
    assert img["referrerpolicy"] == "no-referrer"
    tree = html5lib.parse(page)
    (figure,) = [f for f in tree.iter(f"{NS}figure") if f.get("class") == "picture"]
    assert _media.byline(ROW) in " ".join(figure.itertext())
    assert VIDEO.alt in page_text(page)  # a video is a link, never embedded
    assert LOCAL.alt in page_text(page)


@pytest.mark.parametrize("fmt", [render.markdown, render.html])
@pytest.mark.parametrize("bad", [1, "yes", None])
def test_remote_media_must_be_true_or_false(fmt: object, bad: object) -> None:
    assert callable(fmt)
    with pytest.raises(ub.InvalidValue) as info:
        fmt(PICTURED, remote_media=bad)
    assert info.value.field == "remote_media"


@settings(max_examples=20, deadline=None)
@given(st.lists(ubst.media_items(), min_size=1, max_size=3, unique_by=lambda m: m.url))
def test_every_picture_of_any_exercise_is_on_every_sheet(media: list[ub.Media]) -> None:
    exercise = ub.Exercise(
        id="any",
        name="Any",
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.SEATED,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Reach."],
        default_dose=ub.Dose(sets=1, hold_s=20),
        media=media,
    )
    routine = ub.Routine.of("Any", main=[exercise])
    text = render.text(routine)
    shown = page_text(render.html(routine))
    remote = images(render.html(routine, remote_media=True))
    for item in media:
        assert _media.credit(item) in text
        assert " ".join(item.alt.split()) in text
        assert " ".join(_media.byline(item).split()) in shown
    assert [img["src"] for img in remote] == [
        item.url for item in media if item.is_remote and item.kind is ub.MediaKind.IMAGE
    ]
