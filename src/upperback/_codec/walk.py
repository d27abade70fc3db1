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

import contextlib
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
from upperback._codec.text import SURROGATE, excerpt, has_lone_surrogate
from upperback._convert import to_frozenset, to_tuple
from upperback._validate import RULES, bound_check, bound_test, bounds, field_checks
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
            reader = self._tagged({getattr(m, "TYPE"): m for m in members})  # noqa: B009
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
                raise _item_problems(item, value, unique=unique) from None
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
        return self._tagged({cls.kind.value: cls for cls in PROP_TYPES.values()})

    def _tagged(self, by_tag: dict[str, type]) -> Structure:
        """The reader of a union whose members are told apart by their ``TAG`` key."""
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
        aliases = {field.alias: field.name for field in fields}
        # A class with rules across fields, made field by field, has them all checked
        # here before its __init__ (which stops at the first kind of problem) is asked.
        rules = hasattr(cl, RULES) and _buildable(cl, hints)

        def structure(data: Any) -> Any:  # noqa: C901, PLR0912
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
            if len(kwargs) < len(required) or problems or rules:
                missing = [field for field in order if field in required and field not in data]
                # Every problem of the object, not only the first kind found: a field
                # that was read is still checked against its bounds, and the rules
                # across fields run on the fields that were read, when they can.
                problems = [
                    *(problems or ()),
                    *(([field], "is required") for field in missing),
                    *self._more_problems(cl, kwargs, aliases, data),
                ]
                if problems:
                    # In the order of the document's keys, each field's problems together.
                    at = {key: i for i, key in enumerate(data)}
                    problems.sort(key=lambda problem: at.get(_first(problem), len(at)))
                    raise Bad(problems)
            try:
                return cl(**kwargs)
            except InvalidCatalog as exc:
                raise Bad(_catalog_problems(exc, kwargs)) from None
            except InvalidValue as exc:
                raise Bad(_value_problems(exc)) from None
            except STRAY_ERRORS:
                raise _bad(f"is not a valid {name}") from None

        return self._fast(cl, tag, fields, hints, structure)

    @staticmethod
    def _more_problems(
        cl: type, kwargs: dict[str, Any], aliases: dict[str, str], present: Any
    ) -> list[tuple[list[Segment], str]]:
        """The bound, validator and rule problems of the fields that could be read.

        Bounds come from the fields' declarations (one compiled check per field);
        attrs validators and ``_rules`` run on an instance holding only the fields
        that were read, and the defaults of the others; a rule that needs a field
        that could not be read is not evaluated (it fails on the missing slot).
        """
        checks = field_checks(cl)
        found: list[InvalidValue] = []
        values = {aliases[alias]: value for alias, value in kwargs.items()}
        for name, value in values.items():
            check = checks.get(name)
            if check is not None:
                found += check(value) or ()
        hints = typing.get_type_hints(cl)
        if _buildable(cl, hints):
            obj: Any = object.__new__(cl)
            read = _partial(cl, obj, values, present)
            for field in attrs.fields(cl):
                if field.validator is not None and field.name in read:
                    try:
                        field.validator(obj, field, read[field.name])
                    except InvalidValue as exc:
                        found.append(exc)
                    except STRAY_ERRORS:
                        pass
            if hasattr(cl, RULES):
                # A rule that needs a field that could not be read is not evaluated.
                with contextlib.suppress(*STRAY_ERRORS):
                    found += getattr(obj, RULES)()
        return [problem for exc in found for problem in _value_problems(exc)]

    def _fast(
        self, cl: type, tag: str | None, fields: list[Any], hints: dict[str, Any], slow: Structure
    ) -> Structure:
        """A function written for ``cl`` that reads a valid object in one pass.

        It is generated, as attrs and cattrs generate theirs. Leaves are checked
        inline; anything unusual (a wrong type, a missing or unknown key, a value
        the class refuses) hands the object to ``slow``, the loop above, which
        finds and names every problem. So the fast path decides nothing alone.

        When the class can be built field by field (:func:`_buildable`), it is:
        every field has been read as its declared type, so the type checks of
        ``__attrs_post_init__`` would only repeat the reader's. What they do not
        guarantee still runs: the declared bounds (the class's own compiled
        check, :func:`upperback._validate.bound_check`), the fields' attrs
        validators and the class's rules across fields (``_rules``, see
        :data:`upperback._validate.RULES`); a class without ``_rules`` runs its
        whole ``__attrs_post_init__``. Any problem sends the object to ``slow``,
        which builds it through the class itself and names every problem.
        """
        build = _buildable(cl, hints)
        declared = dict(bounds(cl)) if build else {}
        checked_later = False
        namespace: dict[str, Any] = {
            "cl": cl,
            "slow": slow,
            "MISSING": _MISSING,
            "max_str": self.limits.max_str_length,
            "bound": self.int_bound,
            "new": object.__new__,
            "surrogate": SURROGATE.search,
        }
        lines = [
            "def structure(data):",
            "    if type(data) is not dict:",
            "        return slow(data)",
            "    try:",
            "        seen = 0",
        ]
        if not build:
            lines.append("        kwargs = {}")
        for i, field in enumerate(fields):
            target = f"f{i}" if build else f"kwargs[{field.alias!r}]"
            default = field.default
            bound = declared.get(field.name)
            test = (
                []
                if bound is None
                else [
                    # The class's declared bound, as its own check states it (one definition).
                    f"value = {target}",
                    f"if {bound_test(bound, i, namespace)}:",
                    "    return slow(data)",
                ]
            )
            lines += [
                f"        v = data.get({field.name!r}, MISSING)",
                "        if v is not MISSING:",
                "            seen += 1",
                *self._read(hints[field.name], target, i, namespace),
            ]
            if default is attrs.NOTHING or not build:
                lines += [f"            {line}" for line in test]
                if default is attrs.NOTHING:
                    lines += ["        else:", "            return slow(data)"]
            elif _takes_self(default):
                lines += [f"            {line}" for line in test]
                lines += [
                    "        else:",
                    f"            {target} = {_default(field, i, namespace)}",
                ]
                checked_later = checked_later or bound is not None
            elif isinstance(default, attrs.Factory) or not _holds(cl, field.name, default):  # type: ignore[arg-type]
                lines += [
                    "        else:",
                    f"            {target} = {_default(field, i, namespace)}",
                ]
                lines += [f"        {line}" for line in test]
            else:  # a default within its bound (checked here, once) needs no check
                lines += [f"            {line}" for line in test]
                lines += [
                    "        else:",
                    f"            {target} = {_default(field, i, namespace)}",
                ]
        extra = f" - ({tag!r} in data)" if tag else ""
        lines += [f"        if seen != len(data){extra}:", "            return slow(data)"]
        if build:
            lines += self._build_lines(cl, fields, namespace, bounds_after=checked_later)
        else:
            lines.append("        return cl(**kwargs)")
        lines += [
            "    except Exception:  # noqa: BLE001 - the slow path names every problem",
            "        return slow(data)",
        ]
        source = "\n".join(lines)
        exec(compile(source, f"<upperback read {cl.__name__}>", "exec"), namespace)  # noqa: S102 - built from attrs fields
        fast: Structure = namespace["structure"]
        return fast

    @staticmethod
    def _build_lines(
        cl: type, fields: list[Any], namespace: dict[str, Any], *, bounds_after: bool
    ) -> list[str]:
        """Lines that make ``obj`` from the locals ``f0``, ``f1``... as ``cl.__init__`` would."""
        index = {field.name: i for i, field in enumerate(fields)}
        lines = ["        obj = new(cl)"]
        validators: list[str] = []
        for j, field in enumerate(attrs.fields(cl)):
            i: int | str | None = index.get(field.name)
            if i is None:  # not an argument of __init__: it takes its default, if any
                if field.default is attrs.NOTHING:
                    continue
                i = f"_own{j}"
                lines.append(f"        f{i} = {_default(field, i, namespace)}")
            if _takes_self(field.default):
                lines.append(f"        if f{i} is MISSING:")
                lines.append(f"            f{i} = factory_{i}(obj)")
            namespace[f"set_{i}"] = _setter(cl, field.name)
            lines.append(f"        set_{i}(obj, f{i})")
            if field.validator is not None:
                namespace[f"validator_{i}"] = field.validator
                namespace[f"field_{i}"] = field
                validators.append(f"        validator_{i}(obj, field_{i}, f{i})")
        lines += validators
        if hasattr(cl, RULES):
            test = "obj._rules()"
            if bounds_after:  # a bound on a default made from the instance
                namespace["bound_problems"] = bound_check(cl)
                test = f"bound_problems(obj) or {test}"
            lines += [f"        if {test}:", "            return slow(data)"]
        elif hasattr(cl, "__attrs_post_init__"):
            lines.append("        obj.__attrs_post_init__()")
        lines.append("        return obj")
        return lines

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
            str: "type(v) is str and len(v) <= max_str and (v.isascii() or surrogate(v) is None)",
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
        origin = typing.get_origin(tp)
        if origin in (tuple, frozenset) and not optional:
            return self._read_array(tp, origin, target, i, namespace)
        return [f"{pad}{target} = read_{i}(v)"]

    def _read_array(
        self, tp: Any, origin: Any, target: str, i: int, namespace: dict[str, Any]
    ) -> list[str]:
        """Lines that read a JSON array ``v`` as a tuple or a set, the common items inline."""
        args = typing.get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return [f"{' ' * 12}{target} = read_{i}(v)"]
        item = args[0]
        namespace["max_items"] = self.limits.max_items
        head = "            if type(v) is list and len(v) <= max_items:"
        tail = ["            else:", f"                {target} = read_{i}(v)"]
        if item is str:
            made = "tuple(v)" if origin is tuple else "frozenset(v)"
            lines = [
                head,
                "                for t in v:",
                (
                    "                    if type(t) is not str or len(t) > max_str"
                    " or not t.isascii() and surrogate(t) is not None:"
                ),
                f"                        {target} = read_{i}(v)",
                "                        break",
                "                else:",
                f"                    {target} = {made}",
            ]
            if origin is frozenset:
                lines.append(f"                    if len({target}) != len(v):")
                lines.append(f"                        {target} = read_{i}(v)")
            return lines + tail
        if is_our_enum(item) and not issubclass(item, int) and origin is frozenset:
            # A str-valued member's key equals only a str: no type test is needed.
            namespace[f"get_{i}"] = {member.value: member for member in item}.get
            return [
                head,
                f"                s = frozenset(map(get_{i}, v))",
                (
                    f"                {target} = s if len(s) == len(v) and None not in s"
                    f" else read_{i}(v)"
                ),
                *tail,
            ]
        if is_ours(item) and origin is tuple:
            namespace[f"item_{i}"] = self.get(item)
            return [head, f"                {target} = tuple(map(item_{i}, v))", *tail]
        return [f"{' ' * 12}{target} = read_{i}(v)"]


_IDENTITY: Final = {to_tuple: tuple, to_frozenset: frozenset}
"""Converters that return a value of their container type unchanged, by that type."""


def _buildable(cl: type, hints: dict[str, Any]) -> bool:
    """Whether the reader may make ``cl`` field by field, exactly as its ``__init__`` would.

    Only a slotted class with no ``__attrs_pre_init__`` or cached hash, whose
    converters (if any) return what the reader makes unchanged.
    """
    slots = [name for klass in cl.__mro__ for name in getattr(klass, "__slots__", ())]
    if "__dict__" in slots or "_attrs_cached_hash" in slots or hasattr(cl, "__attrs_pre_init__"):
        return False
    if "__slots__" not in cl.__dict__:
        return False
    for field in attrs.fields(cl):
        if field.converter is None:
            continue
        container = _IDENTITY.get(field.converter)
        if container is None or typing.get_origin(hints.get(field.name)) is not container:
            return False
    return True


def _setter(cl: type, name: str) -> Callable[[Any, Any], None]:
    """The slot's own ``__set__`` (which a frozen class's ``__setattr__`` would refuse)."""
    for klass in cl.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, types.MemberDescriptorType):
            setter: Callable[[Any, Any], None] = slot.__set__
            return setter

    def set_field(obj: Any, value: Any) -> None:
        object.__setattr__(obj, name, value)

    return set_field


def _first(problem: tuple[list[Segment], str]) -> Segment | None:
    """The first segment of a problem's path (held in reverse), if it has one."""
    return problem[0][-1] if problem[0] else None


def _partial(cl: type, obj: Any, values: dict[str, Any], present: Any) -> dict[str, Any]:
    """Set on ``obj`` the fields that were read and the defaults of the absent ones.

    A field that was sent but could not be read is left unset, never defaulted.
    """
    read = {}
    for field in attrs.fields(cl):
        default = field.default
        if field.name in values:
            value = values[field.name]
        elif field.name in present or default is attrs.NOTHING:
            continue
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            try:
                value = default.factory(obj) if default.takes_self else default.factory()
            except STRAY_ERRORS:
                continue  # a default made from a field that could not be read
        else:
            value = default
        _setter(cl, field.name)(obj, value)
        read[field.name] = value
    return read


def _holds(cl: type, name: str, default: Any) -> bool:
    """Whether a field's plain default is within the field's declared bound."""
    check = field_checks(cl).get(name)
    return check is None or not check(default)


def _takes_self(default: Any) -> bool:
    return isinstance(default, attrs.Factory) and default.takes_self  # type: ignore[arg-type]


def _default(field: Any, i: int | str, namespace: dict[str, Any]) -> str:
    """The expression of ``field``'s default (``MISSING`` when it needs the instance)."""
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        namespace[f"factory_{i}"] = default.factory
        return "MISSING" if default.takes_self else f"factory_{i}()"
    namespace[f"default_{i}"] = default
    return f"default_{i}"


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


def _item_problems(item: Structure, values: Any, *, unique: bool = False) -> Bad:
    """Every item's problems; in a set, also the repeats among the items that could be read."""
    problems: list[tuple[list[Segment], str]] = []
    seen: set[Any] = set()
    for i, value in enumerate(values):
        try:
            read = item(value)
        except Bad as bad:
            _under(i, bad, problems)
            continue
        if unique:
            if read in seen:
                problems.append(([i], f"must not repeat an earlier item (got {excerpt(value)})"))
            seen.add(read)
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
            # The same object (a block's dose that is its exercise's) needs no comparing.
            return f"if item is not (made := default_{i}(value)) and item != made: "
        default = default.factory()
    if type(default) in (tuple, frozenset) and not default:
        return "if item: "  # the field always holds its container type: empty is the default
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
