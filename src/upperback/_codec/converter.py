"""The cattrs hooks behind :mod:`upperback.serialization`.

This is the only module that imports cattrs, and nothing imports it until
a value is first serialized, so ``import upperback`` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
import types
import typing
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from upperback.errors import InvalidCatalog, InvalidDocument, InvalidValue, Problem
from upperback.props import PROP_TYPES, Prop

if typing.TYPE_CHECKING:
    from collections.abc import Callable

TAG = "type"
"""The key that names a member of a tagged union, e.g. ``{"type": "swiss_ball"}``."""

_FIELD_MARK = "\x1f"
_PROBLEMS_MARK = "\x1e"


def _is_ours(cl: Any) -> bool:
    return attrs.has(cl) and getattr(cl, "__module__", "").startswith("upperback.")


def _strict_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise TypeError(f"must be an integer (got {value!r})")
    return value


def _strict_float(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        raise TypeError(f"must be a number (got {value!r})")
    return float(value)


def _strict_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise TypeError(f"must be text (got {value!r})")
    return value


def _strict_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise TypeError(f"must be true or false (got {value!r})")
    return value


def _structure_enum(value: Any, cl: type[enum.Enum]) -> enum.Enum:
    raw = int if issubclass(cl, int) else str
    if type(value) is raw:
        try:
            return cl(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(member.value) for member in cl)
    raise ValueError(f"must be one of {allowed} (got {value!r})")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _structure_date(value: Any, _: type) -> dt.date:
    if type(value) is str and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be a date written YYYY-MM-DD (got {value!r})")


def _iso_date(value: dt.date) -> str:
    return value.isoformat()


def tagged_members(tp: Any) -> tuple[type, ...] | None:
    """The members of a tagged union: a union of our classes that each have a ``TYPE`` tag.

    Such a union is written with its member's ``TYPE`` under :data:`TAG`, the way
    the prop union is written with its ``kind``; the tags come from class
    constants, never from class names.
    """
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    members = tuple(member for member in typing.get_args(tp) if member is not type(None))
    if len(members) < 2 or not all(
        _is_ours(member) and isinstance(getattr(member, "TYPE", None), str) for member in members
    ):
        return None
    return members


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_frozenset(cl: Any) -> bool:
    return typing.get_origin(cl) in (frozenset, set) or cl in (frozenset, set)


def _is_tuple(cl: Any) -> bool:
    return typing.get_origin(cl) is tuple or cl is tuple


def _sort_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True)


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach a cattrs converter every upperback type.

    It registers, leaves first: strict hooks for ``int``, ``float``, ``str``
    and ``bool`` (a wrong JSON type is an error, never coerced), strict enum
    hooks by value, frozensets written as sorted lists and tuples as lists,
    dates as ``YYYY-MM-DD`` text, the prop union and every union of classes
    with a ``TYPE`` constant (the progression rules) tagged by ``"type"``,
    and for every upperback attrs class
    a hook that omits defaults on output and rejects unknown keys on input.

    The strict primitive hooks apply to the whole converter: use a copy
    (``converter.copy()``) if other code relies on cattrs' lenient defaults.
    """
    # cattrs dispatches these by class (singledispatch), most specific first:
    # StrEnum and IntEnum come before str and int in an enum's MRO, so enums
    # get the enum hook and plain values the strict one.
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(enum.IntEnum, _structure_enum)
    for base in (enum.StrEnum, enum.IntEnum, enum.Enum):
        converter.register_unstructure_hook(base, _enum_value)

    def unstructure_set(cl: Any) -> Callable[[Any], list[Any]]:
        args = typing.get_args(cl)
        item_hook = converter.get_unstructure_hook(args[0]) if args else converter.unstructure
        return lambda values: sorted((item_hook(x) for x in values), key=_sort_key)

    def unstructure_tuple(cl: Any) -> Callable[[Any], list[Any]]:
        args = typing.get_args(cl)
        if len(args) == 2 and args[1] is Ellipsis:
            item_hook = converter.get_unstructure_hook(args[0])
            return lambda values: [item_hook(x) for x in values]
        if args:
            # A fixed-length tuple such as tuple[Muscle, int]: each item by its declared
            # type, so that enums are written by value.
            hooks = [converter.get_unstructure_hook(arg) for arg in args]
            return lambda values: [hook(x) for hook, x in zip(hooks, values, strict=True)]
        return lambda values: [converter.unstructure(x) for x in values]

    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, _iso_date)
    converter.register_unstructure_hook_factory(_is_frozenset, unstructure_set)
    converter.register_unstructure_hook_factory(_is_tuple, unstructure_tuple)
    converter.register_structure_hook_factory(_is_ours, lambda cl: _structure_ours(converter, cl))
    converter.register_unstructure_hook_factory(
        _is_ours,
        lambda cl: make_dict_unstructure_fn(cl, converter, _cattrs_omit_if_default=True),
    )
    _configure_prop_union(converter)
    _configure_tagged_unions(converter)


def _configure_tagged_unions(converter: cattrs.Converter) -> None:
    def structure_factory(tp: Any) -> Callable[[Any, Any], Any]:
        by_tag = {member.TYPE: member for member in tagged_members(tp) or ()}  # type: ignore[attr-defined]
        allowed = ", ".join(repr(tag) for tag in by_tag)

        optional = type(None) in typing.get_args(tp)

        def structure_tagged(value: Any, _: Any) -> Any:
            if value is None and optional:
                return None
            if not isinstance(value, dict):
                raise TypeError(f"must be an object with a {TAG!r} key (got {value!r})")
            tag = value.get(TAG)
            if type(tag) is not str or tag not in by_tag:
                raise ValueError(f"must have a {TAG!r} of {allowed} (got {tag!r})")
            fields = {key: item for key, item in value.items() if key != TAG}
            return converter.structure(fields, by_tag[tag])

        return structure_tagged

    def unstructure_factory(_: Any) -> Callable[[Any], Any]:
        def unstructure_tagged(value: Any) -> dict[str, Any] | None:
            if value is None:
                return None
            return {TAG: value.TYPE, **converter.unstructure(value, type(value))}

        return unstructure_tagged

    is_tagged = lambda tp: tagged_members(tp) is not None  # noqa: E731
    converter.register_structure_hook_factory(is_tagged, structure_factory)
    converter.register_unstructure_hook_factory(is_tagged, unstructure_factory)


def _structure_ours(converter: cattrs.Converter, cl: type) -> Callable[[Any, type], Any]:
    """Structure one of our classes: unknown keys refused, repeats in sets refused.

    cattrs would quietly read ``["rhomboids", "rhomboids"]`` as one muscle; a
    repeated item in a hand-edited document is a mistake to report, not fix.
    """
    base: Callable[[Any, type], Any] = make_dict_structure_fn(
        cl, converter, _cattrs_forbid_extra_keys=True
    )
    sets = [
        field.name for field in attrs.fields(attrs.resolve_types(cl)) if _is_frozenset(field.type)
    ]
    if not sets:
        return base

    def structure(data: Any, target: type) -> Any:
        if isinstance(data, dict):
            for name in sets:
                values = data.get(name)
                if isinstance(values, list):
                    seen: set[str] = set()
                    for value in values:
                        key = _sort_key(value)
                        if key in seen:
                            raise InvalidValue(name, value, "must not repeat an item")
                        seen.add(key)
        return base(data, target)

    return structure


def _configure_prop_union(converter: cattrs.Converter) -> None:
    # cattrs' configure_tagged_union pops the tag out of the caller's dict
    # (it mutates input) and depends on converter-wide settings; this one
    # does neither.
    by_tag = {cl.kind.value: cl for cl in PROP_TYPES.values()}
    allowed = ", ".join(repr(tag) for tag in by_tag)

    def structure_prop(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"must be an object with a {TAG!r} key (got {value!r})")
        tag = value.get(TAG)
        if tag not in by_tag:
            raise ValueError(f"must have a {TAG!r} of {allowed} (got {tag!r})")
        fields = {key: item for key, item in value.items() if key != TAG}
        return converter.structure(fields, by_tag[tag])

    def unstructure_prop(value: Any) -> dict[str, Any]:
        return {TAG: value.kind.value, **converter.unstructure(value, type(value))}

    converter.register_structure_hook_func(lambda t: t == Prop, structure_prop)
    converter.register_unstructure_hook_func(lambda t: t == Prop, unstructure_prop)


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """A new cattrs converter configured for every upperback type.

    Keyword arguments go to :class:`cattrs.Converter`; ``detailed_validation``
    should stay on (the default) for documents from outside, since it is what
    lets errors name every bad field by its path.
    """
    converter = cattrs.Converter(**kwargs)
    configure_converter(converter)
    return converter


def _describe(exc: BaseException, _: type | None) -> str:
    if isinstance(exc, InvalidCatalog):
        # Each of the catalog's problems keeps its own path, split off in problems_of().
        return "".join(f"{_PROBLEMS_MARK}{p.path}{_FIELD_MARK}{p.message}" for p in exc.problems)
    if isinstance(exc, InvalidValue):
        # The field goes in front, split off again by problems_of(): errors
        # raised in __attrs_post_init__ are reported at the class's path.
        return f"{_FIELD_MARK}{exc.field}{_FIELD_MARK}{exc.reason} (got {exc.value!r})"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"has unknown keys: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "is required"
    if isinstance(exc, TypeError | ValueError | AttributeError) and exc.args:
        message = str(exc.args[0])
        return message if message.startswith("must ") else f"is invalid: {message}"
    return f"is invalid ({type(exc).__name__})"


def problems_of(exc: BaseException, path: str) -> list[Problem]:
    """Flatten a structuring error into :class:`Problem` values with paths."""
    if isinstance(exc, cattrs.BaseValidationError):
        lines = cattrs.transform_error(exc, path=path, format_exception=_describe)
    else:
        lines = [f"{_describe(exc, None)} @ {path}"]
    problems = []
    for line in lines:
        message, _, where = line.rpartition(" @ ")
        if message.startswith(_PROBLEMS_MARK):
            for part in message[1:].split(_PROBLEMS_MARK):
                field, _, text = part.partition(_FIELD_MARK)
                problems.append(Problem(path=f"{where}.{field}", message=text))
            continue
        if message.startswith(_FIELD_MARK):
            _, field, message = message.split(_FIELD_MARK, 2)
            where = f"{where}.{field}"
        problems.append(Problem(path=where, message=message))
    return problems


def structure(converter: cattrs.Converter, data: Any, cl: type, path: str) -> Any:
    """Structure ``data`` as ``cl``; every failure becomes one :class:`InvalidDocument`."""
    try:
        return converter.structure(data, cl)
    except (cattrs.BaseValidationError, InvalidValue, TypeError, ValueError, KeyError) as exc:
        raise InvalidDocument(problems_of(exc, path)) from None


@functools.cache
def default_converter() -> cattrs.Converter:
    """The library's private converter, built on first use."""
    return make_converter()
