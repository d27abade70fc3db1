"""Pictures and videos of an exercise, with who made them and under what licence.

A :class:`Media` value points at an image or a video by an http(s) address or
by a path relative to the app's own package data; the library never
downloads or opens it. Alt text is required, so that every picture can be
described to a person who cannot see it, and the author and licence travel
with it, so that an app can show the attribution a licence asks for.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from upperback import _validate as v
from upperback.errors import InvalidValue

__all__ = ["MAX_ALT", "Media", "MediaKind"]

MAX_ALT: Final = 500
"""The longest alt text, in characters."""


class MediaKind(enum.StrEnum):
    """What a :class:`Media` item is.

    .. versionadded:: 0.2.0
    """

    IMAGE = "image"
    VIDEO = "video"


def _location_problem(field: str, value: str, *, relative: bool) -> InvalidValue | None:
    if value.startswith(("https://", "http://")):
        return (
            None if len(value) > len("https://") else InvalidValue(field, value, "must name a host")
        )
    if not relative:
        return InvalidValue(field, value, "must be an http(s) address")
    parts = value.split("/")
    if (
        ":" in parts[0]
        or value.startswith("/")
        or "\\" in value
        or any(part in ("", ".", "..") for part in parts)
    ):
        return InvalidValue(
            field,
            value,
            "must be an http(s) address or a relative path such as images/row.jpg "
            "(no leading /, no . or .. parts, no backslashes)",
        )
    return None


@attrs.frozen(kw_only=True)
class Media:
    """An image or a video of an exercise.

    >>> Media(
    ...     url="https://example.org/row-0.jpg",
    ...     kind=MediaKind.IMAGE,
    ...     alt="Bent over, pulling a dumbbell to the hip",
    ...     licence="Unlicense",
    ... ).kind
    <MediaKind.IMAGE: 'image'>

    Args:
        url: An http(s) address, or a path relative to the app's package
            data (``"images/row-0.jpg"``: no leading ``/``, no ``.`` or
            ``..`` parts).
        kind: An image or a video.
        alt: What it shows, for a person who cannot see it (required).
        author: Who made it, or the attribution its licence asks for.
        licence: Its licence, as text; an SPDX identifier (``"CC-BY-SA-4.0"``)
            where there is one.
        source_url: Where it was published, as an http(s) address.

    .. versionadded:: 0.2.0
    """

    url: str = attrs.field(metadata=v.text_up_to())
    kind: MediaKind
    alt: str = attrs.field(metadata=v.text_up_to(MAX_ALT))
    author: str | None = attrs.field(default=None, metadata=v.text_up_to())
    licence: str | None = attrs.field(default=None, metadata=v.text_up_to(200))
    source_url: str | None = attrs.field(default=None, metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        problems = self._bound_problems() or []
        if type(self.url) is str and (problem := _location_problem("url", self.url, relative=True)):
            problems.append(problem)
        if type(self.source_url) is str and (
            problem := _location_problem("source_url", self.source_url, relative=False)
        ):
            problems.append(problem)
        if problems:
            v.report(problems)
        v.instance("kind", self.kind, MediaKind)

    @property
    def is_remote(self) -> bool:
        """Whether ``url`` is an http(s) address rather than a package path."""
        return self.url.startswith(("https://", "http://"))
