"""The reading engine as the generic thing it is: small attrs classes of every shape.

The library's own classes are all slotted, frozen and plain, so they never
take some of the engine's turns. The classes here do: a class with no slots,
one with ``__attrs_pre_init__``, one with a cached hash, fields that are not
arguments of ``__init__``, a default made from the instance with a declared
bound, a validator that fails on a half-read object, a slotted class over a
base with no slots. Each is read through the engine's class reader and held
to its own constructor: the same value for good data, the same problems for
bad data. Also here: the size and surrogate checks of :func:`parse` on text
that is not ASCII, and a collection check's naming of its first wrong item.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from upperback import _validate as v
from upperback._codec import walk
from upperback._codec.text import excerpt, parse
from upperback.errors import InvalidValue, InvalidValues

LIMITS = ub.Limits()


def reader(cls: type, detours: list[type] | None = None) -> Any:
    """The engine's reader of ``cls``; with ``detours``, noting each hand-over to the slow path."""
    codec = walk._Codec(LIMITS)
    if detours is not None:
        fast = codec._fast

        def spying(cl: type, tag: str | None, fields: Any, hints: Any, slow: Any) -> Any:
            def noted(data: Any) -> Any:
                detours.append(cl)
                return slow(data)

            return fast(cl, tag, fields, hints, noted)

        codec._fast = spying  # type: ignore[method-assign]
    return codec._class(cls, None)


def problems(cls: type, data: Any) -> list[str]:
    """The problems the engine finds in ``data``, as the document reader words them."""
    with pytest.raises(walk.Bad) as info:
        reader(cls)(data)
    return [str(problem) for problem in walk.problems_of(info.value, "$", LIMITS)]


def constructor_problems(cls: type, **kwargs: Any) -> list[str]:
    """The problems ``cls(**kwargs)`` raises, each at its field, in the same words."""
    with pytest.raises(InvalidValue) as info:
        cls(**kwargs)
    errors = info.value.errors if isinstance(info.value, InvalidValues) else (info.value,)
    return [f"$.{error.field}: {error.reason} (got {excerpt(error.value)})" for error in errors]


# -- classes the reader must not make field by field ---------------------------------


@attrs.frozen(kw_only=True, slots=False)
class Unslotted:
    low: int = attrs.field(metadata=v.between(1, 10))
    high: int = attrs.field(default=5, metadata=v.between(1, 10))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


def test_a_class_without_slots_is_read_as_its_constructor_makes_it() -> None:
    assert not walk._buildable(Unslotted, {"low": int, "high": int})
    assert reader(Unslotted)({"low": 2}) == Unslotted(low=2)
    assert reader(Unslotted)({"low": 2, "high": 9}) == Unslotted(low=2, high=9)


def test_a_class_without_slots_refuses_what_its_constructor_refuses() -> None:
    assert problems(Unslotted, {"low": 0, "high": 11}) == constructor_problems(
        Unslotted, low=0, high=11
    )
    # A sibling that cannot be read does not hide a field's bound.
    assert problems(Unslotted, {"low": 0, "high": "5"}) == [
        "$.low: must be an integer between 1 and 10 (got 0)",
        '$.high: must be an integer (got "5")',
    ]


PRE_INIT_CALLS: list[str] = []


@attrs.frozen(kw_only=True)
class WithPreInit:
    name: str

    def __attrs_pre_init__(self) -> None:
        PRE_INIT_CALLS.append("pre-init")


def test_a_class_with_a_pre_init_has_it_run_by_the_reader() -> None:
    PRE_INIT_CALLS.clear()
    made = WithPreInit(name="desk")
    assert PRE_INIT_CALLS == ["pre-init"]
    read = reader(WithPreInit)
    PRE_INIT_CALLS.clear()
    assert read({"name": "desk"}) == made
    assert PRE_INIT_CALLS == ["pre-init"]


@attrs.frozen(kw_only=True, cache_hash=True)
class CachedHash:
    name: str
    count: int = 1


@pytest.mark.parametrize("data", [{"name": "desk"}, {"name": "desk", "count": 3}])
def test_a_class_with_a_cached_hash_reads_a_value_that_hashes_as_the_constructors(
    data: dict[str, Any],
) -> None:
    value = reader(CachedHash)(data)
    made = CachedHash(**data)
    assert value == made
    assert hash(value) == hash(made)
    assert {value: "found"}[made] == "found"


# -- classes the reader makes field by field ----------------------------------------


@attrs.frozen(kw_only=True)
class Tally:
    count: int = attrs.field(metadata=v.between(1, 10))
    unit: str = attrs.field(init=False, default="reps")
    doubled: int = attrs.field(
        init=False, default=attrs.Factory(lambda self: self.count * 2, takes_self=True)
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


@given(count=st.integers(1, 10))
@example(count=1)
@example(count=10)
def test_fields_that_are_not_init_arguments_take_their_defaults_on_the_fast_path(
    count: int,
) -> None:
    detours: list[type] = []
    value = reader(Tally, detours)({"count": count})
    made = Tally(count=count)
    assert detours == []
    assert value == made
    assert (value.unit, value.doubled) == ("reps", 2 * count)


def test_a_field_that_is_not_an_init_argument_cannot_be_sent() -> None:
    assert problems(Tally, {"count": 2, "unit": "sets"}) == [
        "$.unit: is not a field of Tally (its fields are count)"
    ]
    with pytest.raises(TypeError):
        Tally(count=2, unit="sets")  # type: ignore[call-arg]


@attrs.frozen(kw_only=True)
class Span:
    """A range whose top, when not sent, is made from its bottom and must keep its bound."""

    low: int = attrs.field(metadata=v.between(1, 10))
    high: int = attrs.field(metadata=v.between(1, 10))

    @high.default
    def _twice_low(self) -> int:
        return self.low * 2

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.rules_report(self, self._bound_problems())

    def _rules(self) -> list[InvalidValue]:
        if self.high < self.low:
            return [InvalidValue("high", self.high, "must not be below low")]
        return []


@given(low=st.integers(1, 10), high=st.none() | st.integers(-5, 15))
@example(low=5, high=None)  # the top made from the bottom, at its bound
@example(low=6, high=None)  # the top made from the bottom, beyond its bound
@example(low=6, high=5)  # the rule across fields
def test_a_default_made_from_the_instance_is_held_to_its_bound_as_the_constructor_holds_it(
    low: int, high: int | None
) -> None:
    data = {"low": low} if high is None else {"low": low, "high": high}
    try:
        made = Span(**data)
    except InvalidValue:
        assert problems(Span, data) == constructor_problems(Span, **data)
    else:
        detours: list[type] = []
        assert reader(Span, detours)(data) == made
        assert detours == []


def test_a_default_made_from_the_instance_beyond_its_bound_is_named() -> None:
    assert problems(Span, {"low": 6}) == [
        "$.high: must be an integer between 1 and 10 (got 12)",
    ]


def _not_below_low(obj: Any, attribute: Any, value: int) -> None:
    if value < obj.low:  # an AttributeError when low could not be read
        raise InvalidValue(attribute.name, value, "must not be below low")


@attrs.frozen(kw_only=True)
class Window:
    low: int
    high: int = attrs.field(validator=_not_below_low)
    note: str = ""


def test_a_validator_that_fails_on_a_half_read_object_adds_no_problem() -> None:
    # The validator needs low, which could not be read: only low's problem is named.
    assert problems(Window, {"low": "x", "high": 3}) == ['$.low: must be an integer (got "x")']


def test_a_validator_runs_beside_a_sibling_that_could_not_be_read() -> None:
    assert problems(Window, {"low": 5, "high": 3, "note": 7}) == [
        *constructor_problems(Window, low=5, high=3),
        "$.note: must be text (got 7)",
    ]


def test_a_validated_class_reads_and_refuses_as_its_constructor() -> None:
    assert reader(Window)({"low": 1, "high": 3}) == Window(low=1, high=3)
    assert problems(Window, {"low": 5, "high": 3}) == constructor_problems(Window, low=5, high=3)


@attrs.frozen(kw_only=True)
class Pair:
    """Two bounds and no rules: the constructor raises both problems as one."""

    first: int = attrs.field(metadata=v.between(1, 10))
    second: int = attrs.field(metadata=v.between(1, 10))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


@given(first=st.integers(-20, 20), second=st.integers(-20, 20))
@example(first=0, second=11)
@example(first=1, second=10)
def test_a_class_without_rules_reports_every_problem_its_constructor_raises(
    first: int, second: int
) -> None:
    data = {"first": first, "second": second}
    try:
        made = Pair(**data)
    except InvalidValue:
        assert problems(Pair, data) == constructor_problems(Pair, **data)
    else:
        assert reader(Pair)(data) == made


@attrs.frozen(kw_only=True, slots=False)
class Base:
    kind: str


@attrs.frozen(kw_only=True)
class OverUnslotted(Base):
    """A slotted class whose inherited field has no slot: it lives in the instance's dict."""

    count: int = attrs.field(metadata=v.between(1, 10))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


def test_a_slotted_class_over_a_base_without_slots_sets_the_inherited_field() -> None:
    detours: list[type] = []
    value = reader(OverUnslotted, detours)({"kind": "desk", "count": 2})
    assert detours == []
    assert value == OverUnslotted(kind="desk", count=2)
    assert value.kind == "desk"
    assert problems(OverUnslotted, {"kind": "desk", "count": 0}) == constructor_problems(
        OverUnslotted, kind="desk", count=0
    )


# -- the text: sizes and surrogates beyond ASCII -------------------------------------


@given(text=st.text(st.characters(min_codepoint=0x80, exclude_categories=["Cs"]), min_size=1))
@example(text="é")
@example(text="\U0001f600")
def test_text_beyond_ascii_is_held_to_its_size_in_utf8_bytes(text: str) -> None:
    document = json.dumps([text], ensure_ascii=False)
    size = len(document.encode("utf-8"))
    assert parse(document, ub.Limits(max_bytes=size)) == [text]
    with pytest.raises(ub.InvalidDocument) as info:
        parse(document, ub.Limits(max_bytes=size - 1))
    assert [str(problem) for problem in info.value.problems] == [
        f"$: must be at most {size - 1} bytes of JSON (got {size} bytes)"
    ]


@pytest.mark.parametrize(
    ("limits", "strings"),
    [(ub.Limits(max_bytes=8), False), (LIMITS, True)],
    ids=["near-the-size-limit", "strings-checked"],
)
@pytest.mark.parametrize("surrogate", [chr(0xD800), chr(0xDFFF)], ids=["high", "low"])
def test_a_raw_lone_surrogate_is_refused_where_the_size_is_counted(
    limits: ub.Limits, strings: bool, surrogate: str
) -> None:
    with pytest.raises(ub.InvalidDocument) as info:
        parse(f'["{surrogate}"]', limits, strings=strings)
    assert [str(problem) for problem in info.value.problems] == [
        f"$: holds a lone surrogate (U+{ord(surrogate):04X}), not text"
    ]


# -- a collection's first wrong item ------------------------------------------------


@given(items=st.lists(st.integers() | st.text(max_size=3) | st.floats(allow_nan=False), max_size=6))
@example(items=[1.0, 1])  # equal, but only the second is wrong
@example(items=[0.5, "a", 2])
def test_a_tuple_names_its_first_wrong_item_by_its_index(items: list[Any]) -> None:
    wrong = [i for i, item in enumerate(items) if not isinstance(item, float)]
    if not wrong:
        v.collection("weights", tuple(items), tuple, float)
        return
    with pytest.raises(InvalidValue) as info:
        v.collection("weights", tuple(items), tuple, float)
    assert info.value.field == f"weights[{wrong[0]}]"
    assert info.value.value is items[wrong[0]]
