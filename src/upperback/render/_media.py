"""How a sheet credits a picture or a video: what it is, who made it, its licence and source.

The library downloads nothing: a sheet shows a picture's alt text and its
credit, and only the HTML page, when the app asks for remote media, an
``<img>`` that the reader's browser fetches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.media import MediaKind

if TYPE_CHECKING:
    from upperback.media import Media

__all__ = ["byline", "credit", "media_label"]


def media_label(item: Media) -> str:
    """``"Picture"`` or ``"Video"``."""
    return "Picture" if item.kind is MediaKind.IMAGE else "Video"


def byline(item: Media) -> str:
    """Who made it and under what licence: ``"By Jane Doe, licence CC-BY-4.0"``.

    A missing licence is said, never left out: the reader should know the
    terms are not stated.
    """
    if item.author:
        licence = f"licence {item.licence}" if item.licence else "licence not stated"
        return f"By {item.author}, {licence}"
    return f"Licence {item.licence}" if item.licence else "Licence not stated"


def credit(item: Media) -> str:
    """The whole credit as plain text, with the source's address when there is one."""
    line = byline(item)
    return f"{line}; source: {item.source_url}" if item.source_url else line
