"""Reading JSON text at the edge, and showing a value back in JSON form.

:func:`parse` is the only place upperback turns text into data. Before and
while it reads, it holds the :class:`~upperback._codec.limits.Limits`: the
size of the text, the depth of nesting, repeated keys (refused at every
level, never "the last one wins"), ``NaN`` and ``Infinity`` (not JSON),
text that is not UTF-8 and lone surrogates (text that can never be written
out again). Everything it refuses is an
:class:`~upperback.errors.InvalidDocument`, never a bare Python exception.

:func:`excerpt` shows a value in a message: in JSON form, cut short, and
safe on any input (a million-item list or a thousand levels of nesting
cost it nothing).
"""

from __future__ import annotations

import enum
import json
import math
import re
from typing import Any, Final

from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback.errors import InvalidDocument, Problem

__all__ = ["SURROGATE", "excerpt", "has_lone_surrogate", "parse"]

_EXCERPT_CHARS: Final = 40
_EXCERPT_ITEMS: Final = 4

# A \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF escape, or the other way round.
_LONE_ESCAPE: Final = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


# The json module's messages, in the library's words.
_JSON_WORDS: Final = (
    ("Expecting value", "a value is missing"),
    ("Expecting property name", "a key must be text in double quotes"),
    ("Expecting ',' delimiter", "a comma is missing"),
    ("Expecting ':' delimiter", "a colon is missing"),
    ("Extra data", "text follows the end of the document"),
    ("Unterminated string", "a string is not closed"),
    ("Invalid control character", "a string holds a control character"),
    ("Invalid \\escape", "a string holds an invalid escape"),
    ("Invalid \\u", "a string holds an invalid escape"),
)


class _Refused(Exception):  # noqa: N818 - internal control flow, never escapes
    def __init__(self, message: str) -> None:
        self.message = message


SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A surrogate code point: in a decoded string, always a lone one, which UTF-8 cannot encode."""


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point that UTF-8 cannot encode."""
    return not text.isascii() and SURROGATE.search(text) is not None


def parse(
    text: Any, limits: Limits = DEFAULT_LIMITS, *, what: str = "document", strings: bool = False
) -> Any:
    """Read JSON text (``str`` or UTF-8 ``bytes``) into plain data, within ``limits``.

    A lone surrogate, raw or written as an escape (a backslash, ``ud800``),
    is refused here when ``strings`` is true; documents leave it to the
    codec, which checks every string it keeps and names the field that
    holds it. (Bytes cannot hold a raw one: they would not be UTF-8.)

    Raises:
        InvalidDocument: The text is too large, not UTF-8, not JSON, repeats
            a key, nests too deeply or holds a lone surrogate.
    """
    try:
        return _parse(text, limits, strings=strings)
    except _Refused as refused:
        raise InvalidDocument([Problem(path="$", message=refused.message)], what=what) from None


def _decode(text: Any, limits: Limits, *, strings: bool = True) -> str:
    """The text as ``str``, once its size and encoding are checked."""
    if isinstance(text, bytes | bytearray | memoryview):
        raw = bytes(text)
        if len(raw) > limits.max_bytes:
            raise _Refused(_too_big(limits, len(raw)))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"is not UTF-8 text (a byte {raw[exc.start]:#04x} at offset {exc.start})"
            raise _Refused(message) from None
    if not isinstance(text, str):
        raise _Refused(f"must be JSON text (got {excerpt(text)})")
    if len(text) > limits.max_bytes:
        raise _Refused(_too_big(limits, len(text)))
    if not text.isascii() and (strings or len(text) * 4 > limits.max_bytes):
        # A document's strings are each checked by the codec, which names the field
        # of a lone surrogate; its size in bytes needs counting only when it could
        # be too big (UTF-8 takes at most four bytes a character).
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:
            message = f"holds a lone surrogate (U+{ord(text[exc.start]):04X}), not text"
            raise _Refused(message) from None
        if size > limits.max_bytes:
            raise _Refused(_too_big(limits, size))
    return text


def _parse(text: Any, limits: Limits, *, strings: bool) -> Any:
    text = _decode(text, limits, strings=strings)
    if text.startswith("\ufeff"):
        raise _Refused("must not start with a byte-order mark")

    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        words = next((ours for theirs, ours in _JSON_WORDS if exc.msg.startswith(theirs)), None)
        message = f"is not valid JSON: {words or 'it breaks the JSON grammar'}"
        message += f" (line {exc.lineno}, column {exc.colno})"
        raise _Refused(message) from None
    except RecursionError:
        raise _Refused(f"nests more than {limits.max_depth} levels deep") from None
    except ValueError:
        # Python's own limit on the digits of an integer (sys.get_int_max_str_digits).
        raise _Refused(f"holds an integer of more than {limits.max_int_digits} digits") from None
    if strings and _LONE_ESCAPE.search(text) and _lone_in(data):
        raise _Refused("holds a lone surrogate escape (\\uD800 to \\uDFFF), not text")
    if limits.max_depth < DEFAULT_LIMITS.max_depth and _deeper_than(data, limits.max_depth):
        raise _Refused(f"nests more than {limits.max_depth} levels deep")
    return data


def _pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        # The key whose second appearance comes first: where the object goes wrong.
        first = {key: i for i, (key, _) in reversed(list(enumerate(pairs)))}
        repeated = next(key for i, (key, _) in enumerate(pairs) if first[key] != i)
        raise _Refused(f"repeats the key {excerpt(repeated)} in one object")
    return result


def _constant(name: str) -> Any:
    raise _Refused(f"holds {name}, which is not a JSON number")


# Made once: json.loads with hooks would make a decoder and its scanner on every call.
_DECODER: Final = json.JSONDecoder(object_pairs_hook=_pairs_to_dict, parse_constant=_constant)


def _too_big(limits: Limits, size: int) -> str:
    return f"must be at most {limits.max_bytes} bytes of JSON (got {size} bytes)"


def _lone_in(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if has_lone_surrogate(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _deeper_than(data: Any, depth: int) -> bool:
    """Whether arrays and objects nest more than ``depth`` levels (the top one is 1)."""
    stack = [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > depth:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return False


def excerpt(value: Any, *, limit: int = _EXCERPT_CHARS) -> str:
    """``value`` in JSON form, cut to about ``limit`` characters.

    >>> excerpt(True), excerpt(None), excerpt("desk"), excerpt([1, 2, 3, 4, 5, 6])
    ('true', 'null', '"desk"', '[1, 2, 3, 4, …]')
    >>> excerpt("x" * 1_000_000)
    '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (1000000 characters)'
    """
    return _show(value, limit, 3)


def _show(value: Any, limit: int, depth: int) -> str:  # noqa: C901, PLR0911, PLR0912 - one case per JSON type
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
        return str(int(value))
    if isinstance(value, float):
        return json.dumps(value) if math.isfinite(value) else "NaN"
    if isinstance(value, str):
        if len(value) <= limit:
            return json.dumps(value, ensure_ascii=_has_odd(value))
        cut = json.dumps(value[:limit], ensure_ascii=_has_odd(value[:limit]))
        return f'{cut[:-1]}…" ({len(value)} characters)'
    if isinstance(value, dict):
        if depth == 0 or not value:
            return "{…}" if value else "{}"
        shown = [
            f"{_show(key, 20, 0)}: {_show(item, 20, depth - 1)}"
            for key, item in list(value.items())[:_EXCERPT_ITEMS]
        ]
        more = ", …" if len(value) > _EXCERPT_ITEMS else ""
        return _cut("{" + ", ".join(shown) + more + "}", limit)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        if depth == 0 or not items:
            return "[…]" if items else "[]"
        shown = [_show(item, 20, depth - 1) for item in list(items[:_EXCERPT_ITEMS])]
        more = ", …" if len(items) > _EXCERPT_ITEMS else ""
        return _cut("[" + ", ".join(shown) + more + "]", limit)
    return "{…}"  # an object of the library's own, shown as the JSON object it writes


def _has_odd(text: str) -> bool:
    """Whether JSON should escape it: a lone surrogate cannot be shown as itself."""
    return has_lone_surrogate(text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit * 2 else text[: limit * 2] + "…"
