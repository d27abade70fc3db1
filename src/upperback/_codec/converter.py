"""upperback's values on cattrs converters.

This is the only module that imports cattrs, and nothing imports it until
a converter is asked for: loading and writing documents use the codec's own
engine (:mod:`upperback._codec.walk`) directly, and the hooks registered here
are that engine's functions, so a value reads and writes the same through
an app's converter as through :func:`upperback.loads`.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import cattrs

from upperback._codec import walk
from upperback.errors import InvalidValue

__all__ = ["configure_converter", "default_converter", "make_converter"]

TAG = walk.TAG


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach a cattrs converter upperback's own types, and nothing else.

    Hooks are registered for upperback's attrs classes, its enums and the
    prop union only, so the app's own types (a ``frozenset[date]``, its own
    attrs classes) keep the hooks they had. Inside upperback's classes,
    reading is strict: a wrong JSON type is an error, never coerced; enums
    are read by value; a repeated item in a set is an error; unknown keys
    are refused. Problems are raised as one
    :class:`~upperback.errors.InvalidDocument` listing each with its path.
    """
    converter.register_structure_hook_factory(walk.is_ours, _structure_hook)
    converter.register_structure_hook_factory(walk.is_our_enum, _structure_hook)
    converter.register_structure_hook_func(walk.is_prop_union, _structure_hook(None))
    converter.register_unstructure_hook_factory(walk.is_ours, _unstructure_hook)
    converter.register_unstructure_hook_factory(walk.is_our_enum, _unstructure_hook)
    converter.register_unstructure_hook_func(walk.is_prop_union, _unstructure_hook(walk.PROP))


def _structure_hook(_: Any) -> Any:
    def structure(data: Any, cl: Any) -> Any:
        return walk.structure(data, cl)

    return structure


def _unstructure_hook(cl: Any) -> Any:
    write = walk.unstructurer(cl)
    return write if write is not None else (lambda value: value)


def _strict_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise InvalidValue("value", value, "must be an integer")
    return value


def _strict_float(value: Any, _: type) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise InvalidValue("value", value, "must be a finite number")
    return float(value)


def _strict_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise InvalidValue("value", value, "must be text")
    return value


def _strict_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise InvalidValue("value", value, "must be true or false")
    return value


def make_converter(**kwargs: Any) -> cattrs.Converter:
    """A new cattrs converter configured for upperback, strict on plain values too.

    Keyword arguments go to :class:`cattrs.Converter`. Besides what
    :func:`configure_converter` registers, a converter of upperback's own
    also reads bare ``int``, ``float``, ``str`` and ``bool`` strictly.
    """
    converter = cattrs.Converter(**kwargs)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    configure_converter(converter)
    return converter


@functools.cache
def default_converter() -> cattrs.Converter:
    """The library's own converter, built on first use."""
    return make_converter()
