"""Field checks shared by the value classes, and the one declaration of every bound.

A field's bound (an integer range, a text's length, a slug, a collection's least
size and its items' bounds) is declared once, as attrs metadata, with
:func:`between`, :func:`number_in`, :func:`text_up_to`, :func:`web_address`,
:func:`slug_id` or :func:`items`. The class
checks it through ``_bound_problems = checker()``, compiled on first use into one
function of inline checks (attrs' stock ``ge``/``le`` validators cost several times
more on the hot path of every construction and load, STYLE.md); the JSON Schema
walker and the Hypothesis strategies read the same metadata. Every broken bound of
a value is reported at once: one as :class:`~upperback.errors.InvalidValue`,
several as :class:`~upperback.errors.InvalidValues`, in the house message shape.

The document reader writes the same checks into its own generated code
(:func:`bound_test`, :func:`field_checks`), so that a bound has one definition
however it is checked. A class whose rules across fields live apart, in a
``_rules`` method (:data:`RULES`), lets the reader make a valid object without
repeating the type checks of its ``__attrs_post_init__``.
"""

from __future__ import annotations

import enum
import math
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback.errors import InvalidValue, InvalidValues

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def int_between(field: str, value: Any, low: int, high: int, unit: str = "") -> None:
    """Require an ``int`` (not a bool) in ``[low, high]``."""
    if type(value) is not int or not low <= value <= high:
        raise InvalidValue(field, value, f"must be an integer between {low} and {high}{unit}")


def number_between(field: str, value: Any, low: float, high: float, unit: str = "") -> None:
    """Require a finite ``int`` or ``float`` (not a bool) in ``[low, high]``."""
    if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
        raise InvalidValue(field, value, f"must be a number between {low} and {high}{unit}")


def a(name: str) -> str:
    """A class name with its article: ``"a Trend"``, ``"an ExerciseKind"``."""
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


def choices(cls: type) -> str:
    """The members of an enum as Python names them, or ``""`` for another class."""
    if not issubclass(cls, enum.Enum):
        return ""
    names = [f"{cls.__name__}.{member.name}" for member in cls]
    return f" ({', '.join(names[:-1])} or {names[-1]})" if len(names) > 1 else f" ({names[0]})"


def members(field: str, values: Iterable[Any], enum_type: type) -> None:
    """Require every item to be a member of ``enum_type``.

    The exact value as a string (``"osteoporosis"``) is not a member: the
    Python API takes members, documents take values, everywhere alike.
    """
    for value in values:
        if not isinstance(value, enum_type):
            raise InvalidValue(
                field,
                value,
                f"must contain only {enum_type.__name__} members{choices(enum_type)}",
            )


def collection(field: str, values: Any, container: type, item: type) -> None:
    """Require a ``container`` (tuple or frozenset) of ``item`` values only.

    A wrong item of a tuple is named by its index (``props[2]``); sets have none.
    """
    if not isinstance(values, container):
        raise InvalidValue(field, values, f"must be a collection of {item.__name__} values")
    # The common case first: no name is made for a good item.
    for value in values:  # type: ignore[attr-defined] # a container is iterable
        if not isinstance(value, item):
            break
    else:
        return
    if isinstance(values, tuple):
        i = 0
        while values[i] is not value:  # the index of the first wrong item
            i += 1
        raise _not_a(f"{field}[{i}]", value, item)
    members(field, values, item)  # type: ignore[arg-type] # a frozenset is iterable


def instance(field: str, value: Any, cls: type | tuple[type, ...]) -> None:
    """Require ``value`` to be an instance of ``cls``."""
    if not isinstance(value, cls):  # inline: this is on the hot path of every construction
        raise _not_a(field, value, cls)


def wrong_type(field: str, value: Any, cls: type | tuple[type, ...]) -> InvalidValue | None:
    """The problem of a ``value`` that is not an instance of ``cls``, or ``None``."""
    return None if isinstance(value, cls) else _not_a(field, value, cls)


def _not_a(field: str, value: Any, cls: type | tuple[type, ...]) -> InvalidValue:
    classes = cls if isinstance(cls, tuple) else (cls,)
    names = a(" or ".join(c.__name__ for c in classes))
    listed = choices(classes[0]) if len(classes) == 1 else ""
    return InvalidValue(field, value, f"must be {names}{listed}")


# -- Declared bounds ---------------------------------------------------------------------------
#
# A bound is declared once, as attrs field metadata, by the field helpers below. The same
# declaration is read by check() (on every construction), by the JSON Schema walker and by the
# Hypothesis strategies, so the three can never disagree.

BOUND: Final = "upperback.bound"
"""The attrs metadata key under which a field's :class:`Bound` is stored."""

INTEGER: Final = "integer"
NUMBER: Final = "number"
TEXT: Final = "text"
SLUG_KIND: Final = "slug"
URL: Final = "url"
ITEMS: Final = "items"
WEB: Final = ("https://", "http://")
"""How a web address starts."""


@attrs.frozen(kw_only=True)
class Bound:
    """What values a field may hold, declared once where the field is.

    Attributes:
        kind: ``"integer"`` or ``"number"`` (``low`` to ``high``), ``"text"`` (1 to
            ``high`` characters, no surrounding spaces), ``"url"`` (such a text that is
            an http(s) address), ``"slug"``, or ``"items"`` (a collection of at least
            ``low`` items, each within ``item`` if given).
        low: The least value, length or number of items.
        above: Whether a number must be above ``low`` rather than at least ``low``.
        high: The greatest value or length; ``None`` for a collection.
        unit: Shown after the range in messages, e.g. ``" seconds"``.
        optional: Whether ``None`` is allowed (the field defaults to ``None``).
        item: The bound of each item of a collection.
        unique: Whether a tuple's items must all differ.
        reason: The message when the value is out of bounds.
    """

    kind: str
    low: int | float = 0
    above: bool = False
    high: int | float | None = None
    unit: str = ""
    optional: bool = False
    item: Bound | None = None
    unique: bool = False
    reason: str = ""


def between(
    low: int, high: int, unit: str = "", *, reason: str | None = None, optional: bool = False
) -> dict[str, Bound]:
    """The metadata of an ``int`` field from ``low`` to ``high``: ``attrs.field(metadata=...)``.

    ``None`` is allowed too when ``optional`` is true or the field defaults to ``None``.
    ``reason`` replaces the usual message, "must be an integer between 1 and 10".
    """
    message = reason or f"must be an integer between {low} and {high}{unit}"
    bound = Bound(kind=INTEGER, low=low, high=high, unit=unit, optional=optional, reason=message)
    return {BOUND: bound}


def number_in(
    low: float, high: float, unit: str = "", *, above: bool = False, optional: bool = False
) -> dict[str, Bound]:
    """The metadata of a number field (an ``int`` or a finite ``float``) from ``low`` to ``high``.

    With ``above``, the number must be greater than ``low`` (a weight above 0).
    ``optional`` as for :func:`between`.
    """
    if above:
        message = f"must be a number above {low:g} and at most {high:g}{unit}"
    else:
        message = f"must be a number between {low:g} and {high:g}{unit}"
    bound = Bound(
        kind=NUMBER, low=low, above=above, high=high, unit=unit, optional=optional, reason=message
    )
    return {BOUND: bound}


def text_bound(max_len: int = 2000) -> Bound:
    """The bound of a non-blank text of at most ``max_len`` characters."""
    return Bound(
        kind=TEXT,
        low=1,
        high=max_len,
        reason=f"must be non-empty text of at most {max_len} characters"
        " without leading or trailing spaces",
    )


URL_BOUND: Final = Bound(
    kind=URL,
    low=1,
    high=2000,
    reason="must be an http(s) address of at most 2000 characters without surrounding spaces",
)
"""The bound of a web address: a text (:func:`text_bound`) that starts ``https://`` or ``http://``."""


def web_address() -> dict[str, Bound]:
    """The metadata of a web address field (:data:`URL_BOUND`)."""
    return {BOUND: URL_BOUND}


SLUG_BOUND: Final = Bound(
    kind=SLUG_KIND,
    low=1,
    high=80,
    reason="must be a slug of lower-case letters and digits joined by hyphens",
)
"""The bound of a stable identifier: lower-case words joined by single hyphens, 80 at most."""

MAX_KEY: Final = 20
"""The longest a source key such as ``"A2"`` or ``"R2*"`` may be."""

SOURCE_KEY: Final = text_bound(MAX_KEY)
"""The bound of a source key."""


def text_up_to(max_len: int = 2000, *, optional: bool = False) -> dict[str, Bound]:
    """The metadata of a text field (:func:`text_bound`); ``optional`` as for :func:`between`."""
    return {BOUND: attrs.evolve(text_bound(max_len), optional=optional)}


def slug_id(*, optional: bool = False) -> dict[str, Bound]:
    """The metadata of a slug field; ``optional`` as for :func:`between`."""
    return {BOUND: attrs.evolve(SLUG_BOUND, optional=optional)}


def slugify(text: str) -> str:
    """The slug of a text: its lower-case words and numbers joined by hyphens.

    Cut to the longest slug allowed; empty when the text has no letter or digit.
    The one rule for making ids from names (routine titles, imported datasets).

    >>> slugify("Band_Pull_Apart (one arm)")
    'band-pull-apart-one-arm'
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[: int(SLUG_BOUND.high or 0)].strip("-")


def items(
    *, item: Bound | None = None, min_items: int = 0, empty: str = "", unique: bool = False
) -> dict[str, Bound]:
    """The metadata of a tuple or frozenset field of at least ``min_items`` items.

    Each item is within ``item`` (an integer, text, slug or web-address bound) when it
    is given; ``empty`` is the message when there are too few items. A frozenset's
    items are checked in sorted order and named by that index. With ``unique``, a
    tuple's items must all differ (a frozenset's always do).
    """
    return {BOUND: Bound(kind=ITEMS, low=min_items, item=item, unique=unique, reason=empty)}


REPEATED: Final = "must not repeat an entry"
"""The message of a repeated item in a tuple whose items must all differ."""


def slug(field: str, value: Any) -> None:
    """Check a stable identifier inline, by the rule of :data:`SLUG_BOUND` (for part of a value)."""
    if _fails(SLUG_BOUND, value):
        raise InvalidValue(field, value, SLUG_BOUND.reason)


def bound_of(cls: type, name: str) -> Bound:
    """The bound declared on field ``name`` of attrs class ``cls``."""
    return dict(bounds(cls))[name]


def bounds(cls: type) -> tuple[tuple[str, Bound], ...]:
    """Every ``(field name, bound)`` declared on attrs class ``cls``, in field order.

    A field that defaults to ``None`` allows ``None``.
    """
    found = []
    for field in attrs.fields(cls):
        bound = field.metadata.get(BOUND)
        if bound is not None:
            if field.default is None and not bound.optional:
                bound = attrs.evolve(bound, optional=True)
            found.append((field.name, bound))
    return tuple(found)


_CHECKS: dict[type, Callable[[Any], list[InvalidValue] | None]] = {}


def _fails(bound: Bound, value: Any) -> bool:
    """Whether one item of a collection breaks its bound (an integer, a text or a slug)."""
    high: Any = bound.high
    if bound.kind is INTEGER:
        return type(value) is not int or not bound.low <= value <= high
    if bound.kind is TEXT:
        return type(value) is not str or not value or value.strip() != value or len(value) > high
    if bound.kind is URL:
        return (
            type(value) is not str
            or not value.startswith(WEB)
            or value.strip() != value
            or len(value) > high
        )
    return type(value) is not str or len(value) > high or SLUG.fullmatch(value) is None


def _item_problems(name: str, value: Any, bound: Bound) -> list[InvalidValue]:
    problems = []
    if len(value) < bound.low:
        problems.append(InvalidValue(name, value, bound.reason))
    item = bound.item
    if item is not None:
        kind, high = item.kind, item.high or 0
        if kind is TEXT:
            for each in value:  # the common case first, with no call per item
                if type(each) is not str or not each or len(each) > high or each.strip() != each:
                    break
            else:
                return _repeats(name, value, problems) if bound.unique else problems
        ordered = value if isinstance(value, tuple) else sorted(value, key=str)
        for i, each in enumerate(ordered):
            if _fails(item, each):
                problems.append(InvalidValue(f"{name}[{i}]", each, item.reason))
    return _repeats(name, value, problems) if bound.unique else problems


def _repeats(name: str, value: Any, problems: list[InvalidValue]) -> list[InvalidValue]:
    """``problems`` and the first item of ``value`` that repeats an earlier one, if any."""
    seen: list[Any] = []
    for each in value:
        if each in seen:  # a list, not a set: an item may be unhashable
            problems.append(InvalidValue(name, each, REPEATED))
            break
        seen.append(each)
    return problems


_SCOPE: Final[dict[str, Any]] = {
    "InvalidValue": InvalidValue,
    "_item_problems": _item_problems,
    "_slug": SLUG.fullmatch,
    "_finite": math.isfinite,
    "_web": WEB,
}


def _test(bound: Bound, i: int) -> str:
    """The inline test, on ``value``, that is true when ``value`` breaks ``bound``."""
    if bound.kind is INTEGER:
        test = f"type(value) is not int or not {bound.low!r} <= value <= {bound.high!r}"
    elif bound.kind is NUMBER:
        test = (
            "type(value) not in (int, float) or not _finite(value)"
            f" or not {bound.low!r} {'<' if bound.above else '<='} value <= {bound.high!r}"
        )
    elif bound.kind is TEXT:
        test = (
            f"type(value) is not str or not value or len(value) > {bound.high!r}"
            " or value.strip() != value"
        )
    elif bound.kind is SLUG_KIND:
        test = f"type(value) is not str or len(value) > {bound.high!r} or _slug(value) is None"
    elif bound.kind is URL:
        test = (
            f"type(value) is not str or len(value) > {bound.high!r}"
            " or not value.startswith(_web) or value.strip() != value"
        )
    else:
        # A collection's own type is checked by the class; each item only when there is a
        # bound on items, so a short collection costs one len().
        shape = "type(value) in (tuple, frozenset)"
        if bound.item is None and not bound.unique:
            inner = f"len(value) < {bound.low!r}"
        else:
            inner = "True" if bound.low else "value"  # an empty collection has no items
        return f"{shape} and ({inner}) and (found := _item_problems(name{i}, value, b{i}))"
    return f"value is not None and ({test})" if bound.optional else test


def bound_test(bound: Bound, i: int, scope: dict[str, Any]) -> str:
    """The inline test, on ``value``, that is true when ``value`` breaks ``bound``.

    For code generated elsewhere (the document reader) from the same declarations:
    ``scope`` receives the names the test needs.
    """
    scope.update(_SCOPE)
    scope[f"b{i}"] = bound
    scope[f"name{i}"] = f"field {i}"
    return _test(bound, i)


def _compile(cls: type) -> Callable[[Any], list[InvalidValue] | None]:
    """Write ``cls``'s bounds as one function of inline checks, as attrs writes ``__init__``.

    The bounds stay declared once, on the fields; this only makes checking them as
    fast as checks written out by hand (STYLE.md). The function returns ``None``
    when every bound holds, so that the common case builds no list.
    """
    lines = ["def check(obj):", "    problems = None"]
    scope: dict[str, Any] = dict(_SCOPE)
    for i, (name, bound) in enumerate(bounds(cls)):
        scope[f"b{i}"] = bound
        scope[f"name{i}"] = name
        lines.append(f"    value = obj.{name}")
        lines.append(f"    if {_test(bound, i)}:")
        lines.append("        problems = problems or []")
        if bound.kind is ITEMS:
            lines.append("        problems += found")
        else:
            lines.append(f"        problems.append(InvalidValue(name{i}, value, b{i}.reason))")
    lines.append("    return problems")
    exec("\n".join(lines), scope)  # noqa: S102 - the source is built above from declared bounds
    function: Callable[[Any], list[InvalidValue] | None] = scope["check"]
    _CHECKS[cls] = function
    return function


def bound_check(cls: type) -> Callable[[Any], list[InvalidValue] | None]:
    """The compiled check of ``cls``'s declared bounds: what ``_bound_problems`` runs."""
    return _CHECKS.get(cls) or _compile(cls)


_FIELD_CHECKS: dict[type, dict[str, Callable[[Any], list[InvalidValue] | None]]] = {}


def field_checks(cls: type) -> dict[str, Callable[[Any], list[InvalidValue] | None]]:
    """One compiled check per bounded field of ``cls``, on the field's value alone.

    Written from the same declarations and by the same code as :func:`bound_check`,
    so that a reader can name the bounds a field breaks even when a sibling field
    could not be read and there is no instance to check.
    """
    found = _FIELD_CHECKS.get(cls)
    if found is not None:
        return found
    scope: dict[str, Any] = dict(_SCOPE)
    lines = []
    names = []
    for i, (name, bound) in enumerate(bounds(cls)):
        scope[f"b{i}"] = bound
        scope[f"name{i}"] = name
        names.append(name)
        lines.append(f"def check{i}(value):")
        lines.append(f"    if {_test(bound, i)}:")
        if bound.kind is ITEMS:
            lines.append("        return found")
        else:
            lines.append(f"        return [InvalidValue(name{i}, value, b{i}.reason)]")
        lines.append("    return None")
    exec("\n".join(lines), scope)  # noqa: S102 - the source is built above from declared bounds
    found = {name: scope[f"check{i}"] for i, name in enumerate(names)}
    _FIELD_CHECKS[cls] = found
    return found


RULES: Final = "_rules"
"""The method of a value class that holds its rules across fields, and nothing else.

A class that has one, ``def _rules(self) -> list[InvalidValue]``, keeps in its
``__attrs_post_init__`` only checks of its fields' types, its declared bounds
(``_bound_problems``) and a call to :func:`rules_report`. The document reader, which
has already read every field as its declared type and checks the declared bounds
with :func:`bound_check`, then runs only ``_rules``: a rule that relates fields (or
any rule the types and the bounds do not state) must live there, or the reader
would not run it. A rule returns its problems instead of raising, so that all of
them are reported together.
"""


def rules_report(obj: Any, problems: list[InvalidValue] | None) -> None:
    """Raise the bound ``problems`` and those of ``obj``'s rules together, if any."""
    found = obj._rules()  # noqa: SLF001 - the protocol named by RULES
    if found:
        report([*(problems or ()), *found])
    elif problems:
        report(problems)


def checker() -> Callable[[Any], list[InvalidValue] | None]:
    """The class attribute ``_bound_problems``, which checks an instance's declared bounds.

    On first use it compiles the class's check and puts it in
    its own place, so that every later construction makes one plain call.
    """

    def first_use(obj: Any) -> list[InvalidValue] | None:
        cls = type(obj)
        function = _CHECKS.get(cls) or _compile(cls)
        cls._bound_problems = function
        return function(obj)

    return first_use


def report(problems: list[InvalidValue] | None) -> None:
    """Raise one problem as it is, several as one :class:`~upperback.errors.InvalidValues`."""
    if problems:
        raise problems[0] if len(problems) == 1 else InvalidValues(problems)
