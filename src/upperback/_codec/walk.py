"""The codec's engine: plain JSON data to upperback values and back.

For each type it meets, the engine builds once (and caches) a function
specialised to that type, read off ``attrs.fields()`` and the type hints:

- every value's JSON type is checked before it is used: an object where an
  array belongs is an error, never read as its keys; a string where an array
  of strings belongs is an error, never split into characters; ``true`` is
  not ``1`` and ``"60"`` is not ``60``;
- every bound of :class:`~upperback._codec.limits.Limits` on integers,
  strings and collections is checked before the value is kept;
- a repeated item in a set is an error, never dropped;
- every problem is collected, siblings included, each with its path into
  the data as sent (``sections[0].blocks[2].dose.hold_s``,
  ``exercises[1].easier``), and raised as one
  :class:`~upperback.errors.InvalidDocument`.

It does not need cattrs: :mod:`upperback._codec.converter` registers these
functions as hooks on cattrs converters, for apps that use one.

Problems travel up as an internal exception holding each problem's path in
reverse, so that the happy path builds no path strings at all.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
import threading
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback._codec.limits import DEFAULT_LIMITS, Limits
from upperback._codec.text import excerpt, has_lone_surrogate
from upperback.errors import (
    InvalidCatalog,
    InvalidDocument,
    InvalidValue,
    InvalidValues,
    Problem,
)
from upperback.props import PROP_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "PROP",
    "STRAY_ERRORS",
    "TAG",
    "is_our_enum",
    "is_ours",
    "is_prop_union",
    "render",
    "structure",
    "unstructure",
    "unstructurer",
]

TAG: Final = "type"
"""The key that names a member of a tagged union, e.g. ``{"type": "swiss_ball"}``."""

Segment = str | int
Structure = typing.Callable[[Any], Any]
Unstructure = typing.Callable[[Any], Any] | None  # None: the value is already plain data

_PROP_MEMBERS: Final = frozenset(PROP_TYPES.values())
PROP: Final[Any] = typing.Union[tuple(PROP_TYPES.values())]  # noqa: UP007 - built from the table
"""The prop union, as a type."""
_MISSING: Final = object()
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_PART: Final = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_CATALOG_PATH: Final = re.compile(r"exercises\['([^']*)'\](.*)")
# Errors a validator should never raise, but which must still reach the caller as a
# problem of the document, not as a crash: a document never gets a bare Python error.
STRAY_ERRORS: Final = (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError)


class Bad(Exception):  # noqa: N818 - internal control flow, never escapes the codec
    """Problems found at or below one point; each path is held in reverse."""

    __slots__ = ("problems",)

    def __init__(self, problems: list[tuple[list[Segment], str]]) -> None:
        self.problems = problems


def _bad(message: str) -> Bad:
    return Bad([([], message)])


def _under(segment: Segment, bad: Bad, into: list[tuple[list[Segment], str]] | None) -> Any:
    for reversed_path, _ in bad.problems:
        reversed_path.append(segment)
    if into is None:
        return bad.problems
    into += bad.problems
    return into


def is_ours(cl: Any) -> bool:
    """Whether ``cl`` is one of upperback's own attrs classes."""
    return isinstance(cl, type) and attrs.has(cl) and cl.__module__.startswith("upperback.")


def is_our_enum(cl: Any) -> bool:
    """Whether ``cl`` is one of upperback's own enums."""
    return (
        isinstance(cl, type)
        and issubclass(cl, enum.Enum)
        and cl.__module__.startswith("upperback.")
    )


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return None


def tagged_members(tp: Any) -> tuple[type, ...] | None:
    """The members of a tagged union: our classes that each have a ``TYPE`` tag (``None`` aside).

    Such a union is written with its member's ``TYPE`` under :data:`TAG`, the way
    the prop union is written with its kind; the tags come from class constants,
    never from class names (the progression rules are one).
    """
    args = _union_args(tp)
    if args is None:
        return None
    members = tuple(arg for arg in args if arg is not type(None))
    if len(members) < 2 or not all(
        is_ours(member) and isinstance(getattr(member, "TYPE", None), str) for member in members
    ):
        return None
    return members


def _date(value: Any) -> dt.date:
    if type(value) is str and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad(f"must be a date written YYYY-MM-DD (got {excerpt(value)})")


_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_prop_union(tp: Any) -> bool:
    """Whether ``tp`` is the prop union."""
    args = _union_args(tp)
    return args is not None and frozenset(args) == _PROP_MEMBERS


def render(segments: Iterable[Segment]) -> str:
    """A path's segments as text: ``.name``, ``[3]`` or ``["odd key"]``."""
    parts = []
    for segment in segments:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif _NAME.fullmatch(segment):
            parts.append(f".{segment}")
        else:
            parts.append(f"[{excerpt(segment)}]")
    return "".join(parts)


def problems_of(bad: Bad, path: str, limits: Limits) -> list[Problem]:
    """The problems of ``bad`` under ``path``, at most ``limits.max_problems`` of them."""
    found = [
        Problem(path=path + render(reversed(segments)), message=message)
        for segments, message in bad.problems
    ]
    if len(found) > limits.max_problems:
        extra = len(found) - limits.max_problems
        found = [
            *found[: limits.max_problems],
            Problem(path=path, message=f"has {extra} more problems, not listed"),
        ]
    return found


class _Codec:
    """The structuring functions for one set of limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.int_bound = 10**limits.max_int_digits
        self.cache: dict[Any, Structure] = {}
        # Building is rare (once per type) and may recurse; reading takes no lock.
        self.building = threading.RLock()

    def get(self, tp: Any, tagged: bool = False) -> Structure:
        key = (tp, tagged)
        found = self.cache.get(key)
        if found is not None:
            return found
        with self.building:
            return self._get_locked(key, tp, tagged)

    def _get_locked(self, key: tuple[Any, bool], tp: Any, tagged: bool) -> Structure:
        found = self.cache.get(key)
        if found is None:
            # Published only when built, so that no other thread sees it half-made.
            # A type that holds itself (a rule chain) is made lazily by its union's reader.
            self.cache[key] = found = self._build(tp, tagged)
        return found

    def _build(self, tp: Any, tagged: bool) -> Structure:  # noqa: C901, PLR0911, PLR0912 - one case per type
        if tp is int:
            return self._int
        if tp is float:
            return self._float
        if tp is str:
            return self._str
        if tp is bool:
            return _bool
        if is_our_enum(tp):
            return _enum(tp)
        if is_prop_union(tp):
            return self._props()
        if tp is dt.date:
            return _date
        members = tagged_members(tp)
        if members is not None:
            reader = self._tagged(members)
            return _optional(reader) if type(None) in typing.get_args(tp) else reader
        args = _union_args(tp)
        if args is not None and len(args) == 2 and type(None) in args:
            return _optional(self.get(next(arg for arg in args if arg is not type(None))))
        origin = typing.get_origin(tp)
        if origin is tuple:
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return self._array(self.get(args[0]), unique=False, leaf=args[0])
            return self._fixed(tuple(self.get(arg) for arg in args))
        if origin is frozenset:
            (item,) = typing.get_args(tp)
            return self._array(self.get(item), unique=True, leaf=item)
        if is_ours(tp):
            return self._class(tp, TAG if tagged else None)
        message = f"upperback cannot read a value of type {tp!r}"
        raise TypeError(message)

    # -- leaves ---------------------------------------------------------------

    def _int(self, value: Any) -> int:
        if type(value) is not int:
            raise _bad(f"must be an integer (got {excerpt(value)})")
        if not -self.int_bound < value < self.int_bound:
            raise _bad(f"must be an integer of at most {self.limits.max_int_digits} digits")
        return value

    def _float(self, value: Any) -> float:
        if type(value) is float:
            if value - value != 0.0:  # inf and nan; json never makes them, from_dict may
                raise _bad(f"must be a finite number (got {excerpt(value)})")
            return value
        if type(value) is int:
            # Kept as written: JSON has one number type, and 178 must write back as 178.
            return self._int(value)
        raise _bad(f"must be a number (got {excerpt(value)})")

    def _str(self, value: Any) -> str:
        if type(value) is not str:
            raise _bad(f"must be text (got {excerpt(value)})")
        if len(value) > self.limits.max_str_length:
            raise _bad(
                f"must be at most {self.limits.max_str_length} characters (got {len(value)})"
            )
        if not value.isascii() and has_lone_surrogate(value):
            raise _bad(f"must be text without lone surrogates (got {excerpt(value)})")
        return value

    # -- collections ----------------------------------------------------------

    def _array(self, item: Structure, *, unique: bool, leaf: Any) -> Structure:  # noqa: C901
        max_items = self.limits.max_items
        max_str = self.limits.max_str_length
        kind = "a set: an array of different items" if unique else "an array"
        members = {m.value: m for m in leaf} if is_our_enum(leaf) else None
        raw = int if members is not None and issubclass(leaf, int) else str

        def read(values: Any) -> tuple[Any, ...]:
            # The common leaves, checked inline; anything else goes item by item.
            if leaf is str:
                for text in values:
                    if type(text) is not str or len(text) > max_str or not text.isascii():
                        return tuple(map(item, values))
                return tuple(values)
            if members is not None:
                found = tuple([members.get(x) if type(x) is raw else None for x in values])
                return tuple(map(item, values)) if None in found else found
            return tuple(map(item, values))

        def structure(value: Any) -> Any:
            if type(value) is not list and not isinstance(value, list | tuple):
                raise _bad(f"must be {kind} (got {excerpt(value)})")
            if len(value) > max_items:
                raise _bad(f"must have at most {_items(max_items)} (got {len(value)})")
            try:
                items = read(value)
            except Bad:
                raise _item_problems(item, value) from None
            if not unique:
                return items
            result = frozenset(items)
            if len(result) != len(items):
                raise _repeats(items, value)
            return result

        return structure

    def _fixed(self, items: tuple[Structure, ...]) -> Structure:
        size = len(items)

        def structure(value: Any) -> tuple[Any, ...]:
            if type(value) is not list and not isinstance(value, list | tuple):
                raise _bad(f"must be an array of {size} items (got {excerpt(value)})")
            if len(value) != size:
                raise _bad(f"must be an array of {size} items (got {len(value)} items)")
            problems = None
            result = []
            for i, (fn, raw) in enumerate(zip(items, value, strict=True)):
                try:
                    result.append(fn(raw))
                except Bad as bad:
                    problems = _under(i, bad, problems)
            if problems:
                raise Bad(problems)
            return tuple(result)

        return structure

    def _props(self) -> Structure:
        by_tag = {cls.kind.value: self.get(cls, tagged=True) for cls in PROP_TYPES.values()}
        allowed = ", ".join(excerpt(tag) for tag in by_tag)

        def structure(value: Any) -> Any:
            if type(value) is not dict and not isinstance(value, dict):
                raise _bad(f"must be an object with a {TAG!r} key (got {excerpt(value)})")
            if TAG not in value:
                raise Bad([([TAG], f"is required: one of {allowed}")])
            tag = value[TAG]
            fn = by_tag.get(tag) if type(tag) is str else None
            if fn is None:
                raise Bad([([TAG], f"must be one of {allowed} (got {excerpt(tag)})")])
            return fn(value)

        return structure

    def _tagged(self, members: tuple[type, ...]) -> Structure:
        by_tag: dict[str, type] = {getattr(member, "TYPE"): member for member in members}  # noqa: B009
        allowed = ", ".join(excerpt(tag) for tag in by_tag)
        # A member's reader is made on first use: a rule may hold rules (a chain, the
        # pain gate), so making them all here would ask for this union again.
        readers: dict[str, Structure] = {}

        def structure(value: Any) -> Any:
            if type(value) is not dict and not isinstance(value, dict):
                raise _bad(f"must be an object with a {TAG!r} key (got {excerpt(value)})")
            if TAG not in value:
                raise Bad([([TAG], f"is required: one of {allowed}")])
            tag = value[TAG]
            member = by_tag.get(tag) if type(tag) is str else None
            if member is None:
                raise Bad([([TAG], f"must be one of {allowed} (got {excerpt(tag)})")])
            fn = readers.get(tag)
            if fn is None:
                fn = readers[tag] = self.get(member, tagged=True)
            return fn(value)

        return structure

    # -- classes --------------------------------------------------------------

    def _class(self, cl: type, tag: str | None) -> Structure:  # noqa: C901 - the hot path, kept whole
        hints = typing.get_type_hints(cl)
        fields = [field for field in attrs.fields(cl) if field.init]
        table = {field.name: (field.alias, self.get(hints[field.name])) for field in fields}
        required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
        order = [field.name for field in fields]
        name = cl.__name__
        known = ", ".join(order)
        # An object of a class may hold its fields (and a tag) whatever the limit says.
        max_keys = max(self.limits.max_items, len(table) + 1)

        def structure(data: Any) -> Any:  # noqa: C901
            if type(data) is not dict and not isinstance(data, dict):
                raise _bad(f"must be an object of {name} fields (got {excerpt(data)})")
            if len(data) > max_keys:
                raise _bad(f"must have at most {max_keys} keys (got {len(data)})")
            kwargs = {}
            problems: list[tuple[list[Segment], str]] | None = None
            for key, value in data.items():
                entry = table.get(key) if type(key) is str else None
                if entry is None:
                    if key == tag and tag is not None:
                        continue
                    problems = problems or []
                    if type(key) is str:
                        message = f"is not a field of {name} (its fields are {known})"
                        problems.append(([key], message))
                    else:
                        problems.append(([], f"must have text keys only (got {excerpt(key)})"))
                    continue
                try:
                    kwargs[entry[0]] = entry[1](value)
                except Bad as bad:
                    problems = _under(key, bad, problems)
            if len(kwargs) < len(required) or problems:
                missing = [field for field in order if field in required and field not in data]
                # Fewer fields than required means one is missing: there is a problem.
                raise Bad([*(problems or ()), *(([field], "is required") for field in missing)])
            try:
                return cl(**kwargs)
            except InvalidCatalog as exc:
                raise Bad(_catalog_problems(exc, kwargs)) from None
            except InvalidValue as exc:
                raise Bad(_value_problems(exc)) from None
            except STRAY_ERRORS:
                raise _bad(f"is not a valid {name}") from None

        return self._fast(cl, tag, fields, hints, structure)

    def _fast(
        self, cl: type, tag: str | None, fields: list[Any], hints: dict[str, Any], slow: Structure
    ) -> Structure:
        """A function written for ``cl`` that reads a valid object in one pass.

        It is generated, as attrs and cattrs generate theirs. Leaves are checked
        inline; anything unusual (a wrong type, a missing or unknown key, a value
        the class refuses) hands the object to ``slow``, the loop above, which
        finds and names every problem. So the fast path decides nothing alone.
        """
        namespace: dict[str, Any] = {
            "cl": cl,
            "slow": slow,
            "MISSING": _MISSING,
            "max_str": self.limits.max_str_length,
            "bound": self.int_bound,
        }
        lines = [
            "def structure(data):",
            "    if type(data) is not dict:",
            "        return slow(data)",
            "    try:",
            "        kwargs = {}",
            "        seen = 0",
        ]
        for i, field in enumerate(fields):
            lines += [
                f"        v = data.get({field.name!r}, MISSING)",
                "        if v is not MISSING:",
                "            seen += 1",
                *self._read(hints[field.name], f"kwargs[{field.alias!r}]", i, namespace),
            ]
            if field.default is attrs.NOTHING:
                lines += ["        else:", "            return slow(data)"]
        extra = f" - ({tag!r} in data)" if tag else ""
        lines += [
            f"        if seen != len(data){extra}:",
            "            return slow(data)",
            "        return cl(**kwargs)",
            "    except Exception:  # noqa: BLE001 - the slow path names every problem",
            "        return slow(data)",
        ]
        source = "\n".join(lines)
        exec(compile(source, f"<upperback read {cl.__name__}>", "exec"), namespace)  # noqa: S102 - built from attrs fields
        fast: Structure = namespace["structure"]
        return fast

    def _read(self, tp: Any, target: str, i: int, namespace: dict[str, Any]) -> list[str]:
        """Lines that read ``v`` as ``tp`` into ``target``, checking leaves inline."""
        pad = " " * 12
        namespace[f"read_{i}"] = self.get(tp)
        args = _union_args(tp)
        optional = (
            args is not None and len(args) == 2 and type(None) in args and not is_prop_union(tp)
        )
        inner = next(arg for arg in args if arg is not type(None)) if optional and args else tp
        tests = {
            str: "type(v) is str and len(v) <= max_str and v.isascii()",
            int: "type(v) is int and -bound < v < bound",
            bool: "type(v) is bool",
        }
        if inner in tests:
            none = "v is None or " if optional else ""
            return [
                f"{pad}if {none}{tests[inner]}:",
                f"{pad}    {target} = v",
                f"{pad}else:",
                f"{pad}    {target} = read_{i}(v)",
            ]
        if is_our_enum(inner):
            namespace[f"members_{i}"] = {member.value: member for member in inner}
            namespace[f"raw_{i}"] = int if issubclass(inner, int) else str
            member = f"members_{i}.get(v) if type(v) is raw_{i} else None"
            if optional:
                member = f"None if v is None else {member}"
            return [
                f"{pad}m = {member}",
                f"{pad}{target} = m if m is not None else read_{i}(v)",
            ]
        return [f"{pad}{target} = read_{i}(v)"]


def _items(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _bad(f"must be true or false (got {excerpt(value)})")
    return value


def _enum(cl: type[enum.Enum]) -> Structure:
    raw = int if issubclass(cl, int) else str
    members = {member.value: member for member in cl}
    allowed = ", ".join(excerpt(value) for value in members)

    def structure(value: Any) -> Any:
        if type(value) is raw or type(value) is cl:  # the member itself, from Python data
            member = members.get(value)
            if member is not None:
                return member
        raise _bad(f"must be one of {allowed} (got {excerpt(value)})")

    return structure


def _optional(inner: Structure) -> Structure:
    def structure(value: Any) -> Any:
        return None if value is None else inner(value)

    return structure


def _item_problems(item: Structure, values: Any) -> Bad:
    problems: list[tuple[list[Segment], str]] = []
    for i, value in enumerate(values):
        try:
            item(value)
        except Bad as bad:
            _under(i, bad, problems)
    return Bad(problems)


def _repeats(items: tuple[Any, ...], raw: Any) -> Bad:
    seen: set[Any] = set()
    problems: list[tuple[list[Segment], str]] = []
    for i, item in enumerate(items):
        if item in seen:
            problems.append(([i], f"must not repeat an earlier item (got {excerpt(raw[i])})"))
        seen.add(item)
    return Bad(problems)


def _segments(field: str) -> list[Segment]:
    """``"default_dose.per_side"`` or ``"cues[2]"`` as path segments, in reverse."""
    found: list[Segment] = []
    position = 0
    for match in _FIELD_PART.finditer(field):
        if match.start() != position:
            return [field]
        found.append(match[1] if match[1] is not None else int(match[2]))
        position = match.end()
    if position != len(field):
        return [field]
    found.reverse()
    return found


def _value_problems(exc: InvalidValue) -> list[tuple[list[Segment], str]]:
    """The problems a validator raised, at the paths of the fields it names."""
    if isinstance(exc, InvalidValues):
        return [problem for error in exc.errors for problem in _value_problems(error)]
    return [(_segments(exc.field), f"{exc.reason} (got {excerpt(exc.value)})")]


def _catalog_problems(exc: InvalidCatalog, kwargs: dict[str, Any]) -> list[Any]:
    """A catalog's problems at the indexes of the exercises as sent, not their ids."""
    firsts: dict[str, int] = {}
    lasts: dict[str, int] = {}
    for i, exercise in enumerate(kwargs.get("exercises", ())):
        firsts.setdefault(exercise.id, i)
        lasts[exercise.id] = i
    problems: list[tuple[list[Segment], str]] = []
    for problem in exc.problems:
        match = _CATALOG_PATH.fullmatch(problem.path)
        if match is None or match[1] not in firsts:
            raise AssertionError(problem.path)  # a catalog names each problem by an id it holds
        # A repeated id is reported where it repeats, any other problem where it first is.
        repeated = "ids must be unique" in problem.message
        at = lasts[match[1]] if repeated else firsts[match[1]]
        rest = _segments(match[2].removeprefix(".")) if match[2] else []
        problems.append(([*rest, at, "exercises"], problem.message))
    return problems


@functools.cache
def _codec(limits: Limits) -> _Codec:
    return _Codec(limits)


def structure(
    data: Any,
    cl: Any,
    *,
    path: str = "$",
    limits: Limits = DEFAULT_LIMITS,
    what: str = "document",
) -> Any:
    """Read plain data as ``cl``; every problem goes into one :class:`InvalidDocument`."""
    try:
        return _codec(limits).get(cl)(data)
    except Bad as bad:
        raise InvalidDocument(problems_of(bad, path, limits), what=what) from None


# -- writing -------------------------------------------------------------------


def _json_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


@functools.cache
def unstructurer(tp: Any) -> Unstructure:  # noqa: C901, PLR0911, PLR0912 - one case per type
    """The function that writes a ``tp`` as plain data; ``None`` when it already is."""
    if tp in (int, float, str, bool):
        return None
    if is_our_enum(tp):
        return {member: member.value for member in tp}.__getitem__
    if is_prop_union(tp):
        by_type: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {
            cls: (cls.kind.value, _class_unstructurer(cls))  # type: ignore[arg-type]
            for cls in PROP_TYPES.values()
        }

        def prop(value: Any) -> dict[str, Any]:
            tag, write = by_type[type(value)]
            return {TAG: tag, **write(value)}

        return prop
    if tp is dt.date:
        return dt.date.isoformat
    members = tagged_members(tp)
    if members is not None:
        # Written lazily: a rule may hold rules (a chain, the pain gate), so the
        # members' writers are made on first use, not while this one is made.
        tags: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {}

        def tagged(value: Any) -> dict[str, Any] | None:
            if value is None:
                return None
            cls: type = type(value)
            found = tags.get(cls)
            if found is None:
                found = tags[cls] = (getattr(cls, "TYPE"), _class_unstructurer(cls))  # noqa: B009
            tag, write = found
            return {TAG: tag, **write(value)}

        return tagged
    args = _union_args(tp)
    if args is not None and len(args) == 2 and type(None) in args:
        inner = unstructurer(next(arg for arg in args if arg is not type(None)))
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            each = unstructurer(args[0])
            if each is None:
                return list
            return lambda values: [each(value) for value in values]
        hooks = [unstructurer(arg) or _same for arg in args]
        return lambda values: [hook(value) for hook, value in zip(hooks, values, strict=True)]
    if origin is frozenset:
        (arg,) = typing.get_args(tp)
        if arg in (int, str, float):
            return sorted
        if is_our_enum(arg):
            values = {member: member.value for member in arg}
            return lambda members: sorted([values[member] for member in members])
        item = unstructurer(arg) or _same
        return lambda items: sorted(map(item, items), key=_json_key)
    if is_ours(tp):
        return _class_unstructurer(tp)
    message = f"upperback cannot write a value of type {tp!r}"
    raise TypeError(message)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _class_unstructurer(cl: type) -> Callable[[Any], dict[str, Any]]:
    """A function written for ``cl``: one line per field, defaults omitted.

    It is generated, as cattrs and attrs generate theirs: a loop over the
    fields costs twice as much on the hot path of every write.
    """
    hints = typing.get_type_hints(cl)
    namespace: dict[str, Any] = {}
    lines = ["def unstructure(value):", "    data = {}"]
    for i, field in enumerate(attrs.fields(cl)):
        if not field.init:
            continue
        tp = hints[field.name]
        lines.append(f"    item = value.{field.name}")
        omit, expression = _omit_test(field, i, namespace), _write(tp, i, namespace)
        lines.append(f"    {omit}data[{field.name!r}] = {expression}")
    lines.append("    return data")
    exec(compile("\n".join(lines), f"<upperback unstructure {cl.__name__}>", "exec"), namespace)  # noqa: S102 - built from attrs fields
    write: Callable[[Any], dict[str, Any]] = namespace["unstructure"]
    return write


def _omit_test(field: Any, i: int, namespace: dict[str, Any]) -> str:
    """The ``if ...:`` that leaves a field holding its default out ("" when it has none)."""
    default = field.default
    if default is attrs.NOTHING:
        return ""
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            namespace[f"default_{i}"] = default.factory
            return f"if item != default_{i}(value): "
        default = default.factory()
    if default is None or isinstance(default, bool | enum.Enum):
        namespace[f"default_{i}"] = default
        return f"if item is not default_{i}: "
    namespace[f"default_{i}"] = default
    return f"if item != default_{i}: "


def _write(tp: Any, i: int, namespace: dict[str, Any]) -> str:
    """The expression that writes ``item`` of type ``tp`` as plain data."""
    args = _union_args(tp)
    optional = args is not None and len(args) == 2 and type(None) in args and not is_prop_union(tp)
    inner = next(arg for arg in args if arg is not type(None)) if optional and args else tp
    expression = _write_value(inner, i, namespace)
    if optional and expression != "item":
        return f"None if item is None else {expression}"
    return expression


def _write_value(tp: Any, i: int, namespace: dict[str, Any]) -> str:
    if tp in (int, float, str, bool):
        return "item"
    if is_our_enum(tp):
        return "item._value_"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is frozenset and (args[0] in (int, float, str)):
        return "sorted(item)"
    if origin is frozenset and is_our_enum(args[0]):
        return "sorted([member._value_ for member in item])"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and args[0] in (int, float, str):
        return "list(item)"
    namespace[f"write_{i}"] = unstructurer(tp) or _same
    return f"write_{i}(item)"


def unstructure(value: Any, cl: Any = None) -> Any:
    """Write a value (of type ``cl``, or its own) as plain JSON data."""
    write = unstructurer(type(value) if cl is None else cl)  # type: ignore[arg-type]
    return value if write is None else write(value)
