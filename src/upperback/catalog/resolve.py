"""Taking exercise facts from a catalog, not from the document that carried them.

A saved routine carries its exercises whole, so that it still reads after the
catalog changes. A document from outside can carry anything: a routine whose
``cat-camel`` has lost its ``features`` screens as if bending forward were
safe with osteoporosis. :func:`resolve_exercises` puts the catalog's facts back
into any value (a routine, a program, a composition, a prescription, a screen
report, a block) and says where the value's own facts differed from them, as
data an app can log, show or refuse on.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.catalog.model import Catalog
from upperback.errors import InvalidValue, InvalidValues, UnknownExercise, json_path
from upperback.exercise import Exercise

__all__ = ["Mismatch", "Resolved", "resolve_exercises"]

T = TypeVar("T")

_FACTS = tuple(field.name for field in attrs.fields(Exercise))


@attrs.frozen(kw_only=True)
class Mismatch:
    """An exercise whose facts in a value differ from the catalog's.

    >>> Mismatch(path="$.sections[0].blocks[0].exercise", exercise_id="cat-camel",
    ...          fields=["features"]).describe()
    'cat-camel at $.sections[0].blocks[0].exercise: its features differ from the catalog'

    Args:
        path: Where the exercise is in the value, as a JSON path
            (``$.sections[0].blocks[1].exercise``).
        exercise_id: Its id (the same in the value and the catalog).
        fields: The fields of :class:`~upperback.exercise.Exercise` that differ,
            in the order the class declares them (``"features"``, ``"cues"``).

    .. versionadded:: 0.2.0
    """

    path: str = attrs.field(metadata=v.text_up_to(1000))
    exercise_id: str = attrs.field(metadata=v.slug_id())
    fields: tuple[str, ...] = attrs.field(converter=to_tuple)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())
        v.collection("fields", self.fields, tuple, str)
        unknown = [name for name in self.fields if name not in _FACTS]
        if unknown or not self.fields:
            reason = f"must name one or more fields of an exercise ({', '.join(_FACTS)})"
            raise InvalidValue("fields", list(self.fields), reason)

    def describe(self) -> str:
        """One line: which exercise, where, and which of its facts differ."""
        return (
            f"{self.exercise_id} at {self.path}:"
            f" its {', '.join(self.fields)} differ from the catalog"
        )


@attrs.frozen(kw_only=True)
class Resolved(Generic[T]):
    """A value whose exercises were taken from a catalog, and what differed.

    Args:
        value: The value, each exercise the catalog's (the value itself when
            nothing differed).
        mismatches: Every exercise whose facts differed, in the order the
            value holds them; empty when the value agreed with the catalog.

    .. versionadded:: 0.2.0
    """

    value: T
    mismatches: tuple[Mismatch, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        v.collection("mismatches", self.mismatches, tuple, Mismatch)

    @property
    def agreed(self) -> bool:
        """Whether the value's exercises were the catalog's already."""
        return not self.mismatches


def resolve_exercises(value: T, catalog: Catalog) -> Resolved[T]:
    """``value`` with every exercise in it taken from ``catalog``, and each mismatch.

    Every :class:`~upperback.exercise.Exercise` the value holds, however deep
    (a routine's blocks, a program's weeks and decisions, a screen report's
    blocks), is replaced by the catalog's exercise of the same id; the value
    is made again around it, so every check of its classes runs on the
    catalog's facts. What the value said is not lost: each exercise whose
    facts differed is a :class:`Mismatch`, naming where it is and which fields
    differ. Doses, notes and cautions stay the value's own: they are the
    prescription, not facts about the exercise.

    >>> from upperback import Routine, default_catalog
    >>> import attrs
    >>> catalog = default_catalog()
    >>> posted = Routine.of("Desk", main=[attrs.evolve(catalog["cat-camel"], features=())])
    >>> resolved = resolve_exercises(posted, catalog)
    >>> [m.describe() for m in resolved.mismatches]
    ['cat-camel at $.sections[0].blocks[0].exercise: its features differ from the catalog']
    >>> resolved.value.blocks[0].exercise == catalog["cat-camel"]
    True

    Args:
        value: A value of the library's (any attrs class), or a tuple of them.
        catalog: Where the facts come from.

    Returns:
        A :class:`Resolved`: the value on the catalog's facts, and the mismatches.

    Raises:
        InvalidValue: An exercise's id names no exercise of the catalog (an
            :class:`~upperback.errors.InvalidValues` listing every such id, each
            at its path, with the closest ids the catalog has); or the value
            cannot be made on the catalog's facts (a screen report whose
            verdicts the facts change, a program its person's screening now
            refuses), at the path of what refuses them.

    .. versionadded:: 0.2.0
    """
    v.instance("catalog", catalog, Catalog)
    walk = _Walk(catalog)
    resolved = walk.value(value, "")
    if walk.unknown:
        raise walk.unknown[0] if len(walk.unknown) == 1 else InvalidValues(walk.unknown)
    return Resolved(value=resolved, mismatches=tuple(walk.mismatches))


class _Walk:
    """One walk through a value: the exercises replaced, the mismatches and unknown ids found."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.mismatches: list[Mismatch] = []
        self.unknown: list[InvalidValue] = []

    def value(self, value: Any, path: str) -> Any:
        if isinstance(value, Exercise):
            return self.exercise(value, path)
        if isinstance(value, tuple):
            items = tuple(self.value(item, f"{path}[{i}]") for i, item in enumerate(value))
            return value if _same(items, value) else items
        if isinstance(value, Catalog) or not attrs.has(type(value)):
            return value  # a catalog is the source of facts, not a holder of them
        changes = {}
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = self.value(old, f"{path}.{field.name}" if path else field.name)
            if new is not old:
                changes[field.alias] = new
        if not changes or self.unknown:
            return value
        try:
            return attrs.evolve(value, **changes)
        except InvalidValue as exc:
            raise _at(path, exc) from None

    def exercise(self, exercise: Exercise, path: str) -> Exercise:
        fresh = self.catalog.get(exercise.id)
        if fresh is None:
            suggestions = _suggestions(self.catalog, exercise.id)
            self.unknown.append(
                InvalidValue(
                    f"{path}.id" if path else "id",
                    exercise.id,
                    f"must name an exercise of the catalog{suggestions}",
                )
            )
            return exercise
        if fresh == exercise:
            return exercise
        differ = [name for name in _FACTS if getattr(exercise, name) != getattr(fresh, name)]
        self.mismatches.append(
            Mismatch(path=json_path(path), exercise_id=exercise.id, fields=differ)
        )
        return fresh


def _same(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))


def _suggestions(catalog: Catalog, exercise_id: str) -> str:
    try:
        catalog[exercise_id]
    except UnknownExercise as exc:
        if exc.suggestions:
            return f"; did you mean {' or '.join(repr(s) for s in exc.suggestions)}?"
    return ""


def _at(path: str, exc: InvalidValue) -> InvalidValue:
    """The error of a value made at ``path``, its fields named from the walk's root."""
    errors = exc.errors if isinstance(exc, InvalidValues) else (exc,)
    moved = [
        InvalidValue(f"{path}.{error.field}" if path else error.field, error.value, error.reason)
        for error in errors
    ]
    return moved[0] if len(moved) == 1 else InvalidValues(moved)
