"""A converter that writes every field of a value, its defaults included."""

from __future__ import annotations

import datetime as dt
import functools
import json
import typing
from typing import TYPE_CHECKING, Any

from cattrs.gen import make_dict_unstructure_fn

from upperback import serialization as serialize
from upperback._codec.walk import is_ours, tagged_members

if TYPE_CHECKING:
    import cattrs


def _is_set(tp: Any) -> bool:
    return typing.get_origin(tp) is frozenset


def _is_fixed(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is tuple and typing.get_args(tp)[1:] != (...,)


def _is_sequence(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple and typing.get_args(tp)[1:] == (...,)


@functools.cache
def explicit_converter() -> cattrs.Converter:
    """A converter that writes every field, defaults (and None) included."""
    converter = serialize.make_converter()
    converter.register_unstructure_hook_factory(
        is_ours, lambda cl: make_dict_unstructure_fn(cl, converter, _cattrs_omit_if_default=False)
    )
    # Dates as the library writes them, and a tagged union (the progression rules) with its tag.
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook_func(
        lambda tp: tagged_members(tp) is not None,
        lambda value: (
            None
            if value is None
            else {"type": type(value).TYPE, **converter.unstructure(value, type(value))}
        ),
    )
    converter.register_unstructure_hook_factory(
        _is_set,
        lambda tp: (
            lambda values: sorted(
                (converter.unstructure(value, typing.get_args(tp)[0]) for value in values),
                key=json.dumps,
            )
        ),
    )
    converter.register_unstructure_hook_factory(
        _is_sequence,
        lambda tp: (
            lambda values: [
                converter.unstructure(value, typing.get_args(tp)[0]) for value in values
            ]
        ),
    )
    converter.register_unstructure_hook_factory(
        _is_fixed,
        lambda tp: (
            lambda values: [
                converter.unstructure(value, arg)
                for value, arg in zip(values, typing.get_args(tp), strict=True)
            ]
        ),
    )
    return converter
