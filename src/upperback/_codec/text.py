"""Reading JSON text at the edge, and showing a value back in JSON form.

:func:`parse` is the only place upperback turns text into data. Before and
while it reads, it holds the :class:`~upperback._codec.limits.Limits`: the
size of the text, the depth of nesting, repeated keys (refused at every
level, never "the last one wins"), ``NaN`` and ``Infinity`` (not JSON),
text that is not UTF-8 and lone surrogates (text that can never be written
out again). Everything it refuses is an
:class:`~upperback.errors.InvalidDocument`, never a bare Python exception.

:func:`excerpt`, which shows a value in a message, lives with the errors
(:mod:`upperback.errors`) so that every error shows values alike; it is
re-exported here for the codec.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback.errors import SURROGATE, InvalidDocument, Problem, excerpt, has_lone_surrogate

__all__ = ["SURROGATE", "excerpt", "has_lone_surrogate", "parse"]

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
