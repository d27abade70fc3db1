"""The published sources behind the library's facts, by key.

Rules, red flags, advice and exercises cite sources by key (``"C1"``,
``"R2*"``); :func:`reference` gives the title and addresses behind a key so an
app can link them. A key without ``*`` is a primary or authoritative source (a
paper, a position stand or guideline, an official health-service or
professional-body page, a maker's own instructions); a key ending in ``*`` is
a reputable secondary source, used where nothing primary was found, and
weaker. A number the library needs but no source gives is not cited at all:
it is marked a convention (:data:`CONVENTION`), in the data that holds it.

>>> reference("C1").urls[0]
'https://www.bonehealthandosteoporosis.org/patients/treatment/exercisesafe-movement/protecting-your-spine/'
>>> reference("R2*").is_secondary
True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.errors import InvalidValue, UnknownReference

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CONVENTION", "Reference", "reference", "references"]

CONVENTION: Final = "a common convention, not from a study"
"""How the library says a number (or a rule) rests on no source.

Every such number is marked in the data that holds it: an exercise's
``dose_conventions``, a rule's ``convention``, a triage finding's and its
reasons' ``convention``; and the texts shown to a person say it in these
words.
"""


@attrs.frozen(kw_only=True)
class Reference:
    """One source the library cites: its key, title and where to read it.

    Args:
        key: The citation key, e.g. ``"A2"`` or ``"R2*"``.
        title: What it is, when the source is named.
        urls: One or more addresses (mirrors and full texts).

    .. versionadded:: 0.1.0
    """

    key: str = attrs.field(metadata=v.text_up_to(v.MAX_KEY))
    title: str | None = attrs.field(default=None, metadata=v.text_up_to())
    urls: tuple[str, ...] = attrs.field(
        converter=to_tuple,
        metadata=v.items(item=v.URL_BOUND, min_items=1, empty="must hold at least one address"),
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        urls: Any = self.urls  # checked here: the converter passes non-iterables through
        if not isinstance(urls, tuple):
            raise InvalidValue("urls", urls, "must hold at least one address")
        if problems := self._bound_problems():
            v.report(problems)

    @property
    def is_secondary(self) -> bool:
        """Whether this is a secondary, weaker source (its key ends in ``*``)."""
        return self.key.endswith("*")


@functools.cache
def references() -> Mapping[str, Reference]:
    """Every source the library cites, by key (loaded once, then cached)."""
    import json  # noqa: PLC0415 - keeps import upperback cheap
    from importlib import resources  # noqa: PLC0415
    from types import MappingProxyType  # noqa: PLC0415

    raw: dict[str, dict[str, Any]] = json.loads(
        resources.files("upperback").joinpath("data/references.json").read_text("utf-8")
    )
    return MappingProxyType(
        {
            key: Reference(key=key, title=entry["title"] or None, urls=entry["urls"])
            for key, entry in raw.items()
        }
    )


def reference(key: str) -> Reference:
    """The source behind a citation key.

    Raises:
        UnknownReference: No source has that key (the message suggests close keys).
    """
    found = references()
    try:
        return found[key]
    except KeyError:
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(str(key), found, n=3, cutoff=0.5)
        raise UnknownReference(key, close) from None
