"""Catalogs: an immutable, validated, queryable collection of exercises.

A :class:`Catalog` holds exercises by id, in id order. It is checked when it
is built: ids are unique, every ``easier``/``harder`` link names an exercise
in the catalog, links are mutual, levels never go down along a progression
chain, and chains have no cycles. Every problem is reported at once.

:func:`~upperback.catalog.default_catalog` loads the exercises that ship with the library.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from upperback._convert import to_tuple
from upperback._validate import a, choices
from upperback.anatomy import Muscle, Region
from upperback.errors import InvalidCatalog, InvalidValue, Problem, UnknownExercise
from upperback.exercise import Exercise
from upperback.props import Kit, PropKind
from upperback.vocab import Benefit, ExerciseKind, Feature, Level, Movement, Position

if TYPE_CHECKING:
    import enum

__all__ = ["Catalog"]


def _check_exercises(_: Any, __: Any, exercises: Any) -> None:
    if not isinstance(exercises, tuple):
        raise InvalidValue("exercises", exercises, "must be a collection of Exercise values")
    for exercise in exercises:
        if not isinstance(exercise, Exercise):
            raise InvalidValue("exercises", exercise, "must contain only Exercise values")


def _at(exercise_id: str, field: str | None = None) -> str:
    path = f"exercises[{exercise_id!r}]"
    return path if field is None else f"{path}.{field}"


@attrs.frozen(kw_only=True)
class Catalog:
    """An immutable, indexed collection of exercises.

    Exercises are kept and iterated in id order, whatever order they were
    given in, so two catalogs of the same exercises are equal and a saved
    catalog is written the same way every time.

    Progression links are checked when the catalog is built:

    - every id is used once;
    - every ``easier`` and ``harder`` id names an exercise in the catalog;
    - links are mutual: if ``a.harder == b.id`` then ``b.easier == a.id``,
      and the other way round, so a chain reads the same in both directions;
    - going harder never lowers the :class:`~upperback.vocab.Level`;
    - no chain loops back on itself.

    >>> catalog = default_catalog()
    >>> catalog["cat-camel"].name
    'Cat-camel'
    >>> [e.id for e in catalog.chain("thoracic-extension-foam-roller")]
    ['seated-thoracic-extension-chair', 'thoracic-extension-towel-roll', 'thoracic-extension-foam-roller']

    Args:
        exercises: The exercises, in any order.

    Raises:
        InvalidValue: ``exercises`` holds something that is not an exercise.
        InvalidCatalog: The exercises do not fit together; every problem
            is listed, each at a path such as ``exercises['cat-camel'].harder``.

    .. versionadded:: 0.1.0
    """  # noqa: E501

    exercises: tuple[Exercise, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_check_exercises
    )
    _by_id: Mapping[str, Exercise] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        ordered = tuple(sorted(self.exercises, key=lambda exercise: exercise.id))
        object.__setattr__(self, "exercises", ordered)
        object.__setattr__(self, "_by_id", {exercise.id: exercise for exercise in ordered})
        problems = _problems(ordered, self._by_id)
        if problems:
            raise InvalidCatalog(problems)

    @classmethod
    def of(cls, *exercises: Exercise) -> Catalog:
        """A catalog of the given exercises."""
        return cls(exercises=exercises)

    # -- lookup -------------------------------------------------------------

    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            raise self._unknown(exercise_id) from None

    def get(self, exercise_id: str, default: Exercise | None = None) -> Exercise | None:
        """The exercise with this id, or ``default`` when there is none."""
        try:
            return self._by_id.get(exercise_id, default)
        except TypeError:  # an unhashable key cannot be an id
            return default

    def __contains__(self, item: object) -> bool:
        """Whether an id, or an exercise equal to one held, is in the catalog."""
        if isinstance(item, Exercise):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        """The exercises, in id order."""
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id, in order."""
        return tuple(self._by_id)

    def _unknown(self, exercise_id: object) -> UnknownExercise:
        import difflib  # noqa: PLC0415 - only on a miss, to keep import upperback cheap

        text = exercise_id if isinstance(exercise_id, str) else repr(exercise_id)
        return UnknownExercise(text, difflib.get_close_matches(text, self._by_id, n=3))

    def _resolve(self, item: Exercise | str) -> Exercise:
        exercise_id = item.id if isinstance(item, Exercise) else item
        return self[exercise_id]

    # -- progression --------------------------------------------------------

    def easier(self, item: Exercise | str) -> Exercise | None:
        """The next easier exercise in the chain, or ``None`` at its start.

        Raises:
            UnknownExercise: The exercise is not in the catalog.
        """
        exercise = self._resolve(item)
        return None if exercise.easier is None else self._by_id[exercise.easier]

    def harder(self, item: Exercise | str) -> Exercise | None:
        """The next harder exercise in the chain, or ``None`` at its end.

        Raises:
            UnknownExercise: The exercise is not in the catalog.
        """
        exercise = self._resolve(item)
        return None if exercise.harder is None else self._by_id[exercise.harder]

    def chain(self, item: Exercise | str) -> tuple[Exercise, ...]:
        """The whole progression chain an exercise belongs to, easiest first.

        An exercise without neighbours is a chain of one.

        Raises:
            UnknownExercise: The exercise is not in the catalog.
        """
        first = self._resolve(item)
        while first.easier is not None:
            first = self._by_id[first.easier]
        chain = [first]
        while chain[-1].harder is not None:
            chain.append(self._by_id[chain[-1].harder])
        return tuple(chain)

    # -- queries ------------------------------------------------------------

    def where(
        self,
        *,
        target: Muscle | Iterable[Muscle] | None = None,
        secondary: Muscle | Iterable[Muscle] | None = None,
        works: Muscle | Iterable[Muscle] | None = None,
        region: Region | Iterable[Region] | None = None,
        movement: Movement | Iterable[Movement] | None = None,
        position: Position | Iterable[Position] | None = None,
        kind: ExerciseKind | Iterable[ExerciseKind] | None = None,
        benefit: Benefit | Iterable[Benefit] | None = None,
        min_level: int | None = None,
        max_level: int | None = None,
        requires: PropKind | Iterable[PropKind] | None = None,
        features: Feature | Iterable[Feature] | None = None,
        without: Feature | Iterable[Feature] | None = None,
        kit: Kit | None = None,
    ) -> Catalog:
        """The exercises that meet every criterion given, as a new catalog.

        Criteria combine with "and"; a criterion given several values
        matches any of them, except ``requires`` and ``features``, which
        need all of theirs. A criterion given as an empty collection is
        not applied, the same as leaving it out, for every criterion:
        ``where(target=[])`` and ``where(requires=[])`` are both ``where()``,
        every exercise. Queries chain:
        ``catalog.where(kind=...).where(kit=...)``.

        A link to an exercise the query leaves out is cut, on both sides,
        so the result is a valid catalog whose chains are the parts of
        the original chains that remain.

        Args:
            target: Targets any of these muscles (as a primary target).
            secondary: Works any of these muscles as a secondary target.
            works: Works any of these muscles, in either role.
            region: Targets a muscle in any of these regions.
            movement: Involves any of these movements.
            position: Starts in any of these positions.
            kind: Is of any of these kinds.
            benefit: Is done for any of these benefits.
            min_level: Level at least this (1–5).
            max_level: Level at most this (1–5).
            requires: Cannot be done without every one of these props.
            features: Has every one of these safety features.
            without: Has none of these safety features, nor may have one
                (a feature in an exercise's ``unreviewed`` counts).
            kit: Can be done with this kit: every required prop need is met
                (:meth:`~upperback.props.Kit.satisfies`).

        Raises:
            InvalidValue: A criterion has a value of the wrong type, naming it.

        .. versionchanged:: 0.2.0
           ``secondary`` and ``works``; ``without`` leaves out unreviewed features too.

        >>> balls = default_catalog().where(requires=PropKind.SWISS_BALL)
        >>> all(PropKind.SWISS_BALL in e.required_props for e in balls)
        True
        """
        tests = []
        for name, value, enum_type, attribute, want_all in (
            ("target", target, Muscle, "targets", False),
            ("secondary", secondary, Muscle, "secondary_targets", False),
            ("works", works, Muscle, "muscles", False),
            ("region", region, Region, "regions", False),
            ("movement", movement, Movement, "movements", False),
            ("benefit", benefit, Benefit, "benefits", False),
            ("requires", requires, PropKind, "required_props", True),
            ("features", features, Feature, "features", True),
        ):
            wanted = _wanted(name, value, enum_type)
            if wanted:
                tests.append(
                    _has_all(attribute, wanted) if want_all else _has_any(attribute, wanted)
                )
        positions = _wanted("position", position, Position)
        if positions:
            tests.append(_is_one_of("position", positions))
        kinds = _wanted("kind", kind, ExerciseKind)
        if kinds:
            tests.append(_is_one_of("kind", kinds))
        excluded = _wanted("without", without, Feature)
        if excluded:
            tests.append(lambda e: not ((e.features | e.unreviewed) & excluded))
        low = _level("min_level", min_level, Level.GENTLE)
        high = _level("max_level", max_level, Level.ADVANCED)
        if low > high:
            raise InvalidValue("max_level", max_level, f"must not be below min_level {low}")
        if kit is not None:
            if not isinstance(kit, Kit):
                raise InvalidValue("kit", kit, "must be a Kit")
            tests.append(lambda e: kit.satisfies_all(e.props))
        kept = [
            exercise
            for exercise in self.exercises
            if low <= exercise.level <= high and all(test(exercise) for test in tests)
        ]
        return self._subset(kept)

    def filter(self, predicate: Any) -> Catalog:
        """The exercises for which ``predicate(exercise)`` is true, as a new catalog.

        Links to left-out exercises are cut, as in :meth:`where`.
        """
        if not callable(predicate):
            raise InvalidValue("predicate", predicate, "must be callable")
        return self._subset([exercise for exercise in self.exercises if predicate(exercise)])

    def _subset(self, kept: list[Exercise]) -> Catalog:
        ids = {exercise.id for exercise in kept}
        trimmed = [
            exercise
            if {exercise.easier, exercise.harder} - {None} <= ids
            else attrs.evolve(
                exercise,
                easier=exercise.easier if exercise.easier in ids else None,
                harder=exercise.harder if exercise.harder in ids else None,
            )
            for exercise in kept
        ]
        return Catalog(exercises=trimmed)

    # -- merging ------------------------------------------------------------

    def merge(self, other: Catalog | Iterable[Exercise], *, override: bool = False) -> Catalog:
        """A catalog of this one's exercises and ``other``'s.

        An app adds its own exercises to the built-in ones this way.
        The result is validated as a whole, so an added exercise may link
        to a built-in one (both sides of the link must be present).

        Args:
            other: A catalog or exercises to add.
            override: Let an exercise in ``other`` replace one here with the
                same id, and a later one in ``other`` replace an earlier one.
                Without it, an id given twice with different content, here
                and in ``other`` or twice in ``other``, is an error, as it is
                when building a catalog; equal repeats are fine (merging a
                catalog with itself).

        Raises:
            InvalidCatalog: Ids clash (without ``override``), naming each;
                or the merged exercises do not fit together.
        """
        added = tuple(other) if not isinstance(other, Catalog) else other.exercises
        _check_exercises(None, None, added)
        if not override:
            seen: dict[str, Exercise] = {}
            repeated = sorted(
                {e.id for e in added if seen.setdefault(e.id, e) != e},
            )
            if repeated:
                raise InvalidCatalog(
                    Problem(
                        path=_at(exercise_id),
                        message=(
                            "is given twice with different content;"
                            " pass override=True to keep the last"
                        ),
                    )
                    for exercise_id in repeated
                )
            clashes = sorted({e.id for e in added if e.id in self._by_id and self[e.id] != e})
            if clashes:
                raise InvalidCatalog(
                    Problem(
                        path=_at(exercise_id),
                        message="is in both catalogs; pass override=True to replace it",
                    )
                    for exercise_id in clashes
                )
        merged = dict(self._by_id)
        merged.update((exercise.id, exercise) for exercise in added)
        return Catalog(exercises=tuple(merged.values()))

    def __or__(self, other: object) -> Catalog:
        """``a | b`` is ``a.merge(b)``: ids may not clash."""
        if not isinstance(other, Catalog):
            return NotImplemented
        return self.merge(other)


def _members(name: str, value: Any, enum_type: type[enum.Enum]) -> frozenset[Any]:
    values = (value,) if isinstance(value, str | int) else value
    listed = choices(enum_type)
    if not isinstance(values, Iterable):
        raise InvalidValue(
            name, value, f"must be {a(enum_type.__name__)} or a collection of them{listed}"
        )
    result = frozenset(values)
    for item in result:
        if not isinstance(item, enum_type):
            raise InvalidValue(name, item, f"must be {a(enum_type.__name__)}{listed}")
    return result


def _level(name: str, value: Any, default: Level) -> int:
    if value is None:
        return default
    low, high = min(Level), max(Level)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(name, value, f"must be a level between {low:d} and {high:d}")
    return int(value)


def _wanted(name: str, value: Any, enum_type: type[enum.Enum]) -> frozenset[Any]:
    return frozenset() if value is None else _members(name, value, enum_type)


def _has_any(attribute: str, wanted: frozenset[Any]) -> Any:
    return lambda exercise: bool(getattr(exercise, attribute) & wanted)


def _has_all(attribute: str, wanted: frozenset[Any]) -> Any:
    return lambda exercise: wanted <= getattr(exercise, attribute)


def _is_one_of(attribute: str, wanted: frozenset[Any]) -> Any:
    return lambda exercise: getattr(exercise, attribute) in wanted


def _problems(exercises: tuple[Exercise, ...], by_id: Mapping[str, Exercise]) -> list[Problem]:
    """Every problem of the catalog, in time linear in its exercises and links."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for exercise in exercises:
        counts[exercise.id] = counts.get(exercise.id, 0) + 1
    problems += [
        Problem(
            path=_at(exercise_id), message=f"is the id of {count} exercises; ids must be unique"
        )
        for exercise_id, count in counts.items()
        if count > 1
    ]
    hints = _Hints(by_id)
    for exercise in by_id.values():
        problems += _link_problems(exercise, by_id, hints)
    problems += _cycle_problems(by_id)
    return problems


_OTHER_SIDE = {"easier": "harder", "harder": "easier"}

MAX_HINTS = 10
"""How many dangling links get a "did you mean" hint; each costs a pass over every id."""


class _Hints:
    """Close ids for a few dangling links, so that many of them cost linear time, not n²."""

    def __init__(self, by_id: Mapping[str, Exercise]) -> None:
        self.by_id = by_id
        self.left = MAX_HINTS

    def hint(self, missing: str) -> str:
        if self.left == 0:
            return ""
        self.left -= 1
        import difflib  # noqa: PLC0415 - only on a dangling link, to keep import upperback cheap

        close = difflib.get_close_matches(missing, self.by_id, n=1)
        return f"; did you mean {_shown(close[0])}?" if close else ""


def _shown(value: object) -> str:
    """An id (or ``None``) as a JSON client reads it."""
    return "null" if value is None else f'"{value}"'


def _link_problems(
    exercise: Exercise, by_id: Mapping[str, Exercise], hints: _Hints
) -> list[Problem]:
    problems = []
    for field in ("easier", "harder"):
        other_id = getattr(exercise, field)
        if other_id is None:
            continue
        other = by_id.get(other_id)
        if other is None:
            problems.append(
                Problem(
                    path=_at(exercise.id, field),
                    message=f"names no exercise in the catalog (got {_shown(other_id)})"
                    f"{hints.hint(other_id)}",
                )
            )
            continue
        back = _OTHER_SIDE[field]
        if getattr(other, back) != exercise.id:
            problems.append(
                Problem(
                    path=_at(other_id, back),
                    message=f"must be {_shown(exercise.id)}, since {_shown(exercise.id)} names "
                    f"{_shown(other_id)} as its {field} exercise "
                    f"(got {_shown(getattr(other, back))})",
                )
            )
        if field == "harder" and other.level < exercise.level:
            problems.append(
                Problem(
                    path=_at(other_id, "level"),
                    message=f"must be at least {int(exercise.level)}, the level of "
                    f"{_shown(exercise.id)} which it is harder than (got {int(other.level)})",
                )
            )
    return problems


def _cycle_problems(by_id: Mapping[str, Exercise]) -> list[Problem]:
    """Each loop of ``harder`` links, found in one pass: every exercise is walked once."""
    problems = []
    done: set[str] = set()
    for start in by_id:
        if start in done:
            continue
        walked: dict[str, int] = {}  # this walk's exercises, in order
        current: str | None = start
        while current is not None and current not in done and current not in walked:
            exercise = by_id.get(current)
            if exercise is None:
                break
            walked[current] = len(walked)
            current = exercise.harder
        if current is not None and current in walked:
            cycle = list(walked)[walked[current] :]
            first = min(cycle)
            loop = [*cycle[cycle.index(first) :], *cycle[: cycle.index(first)], first]
            problems.append(
                Problem(path=_at(first, "harder"), message=f"makes a cycle: {' -> '.join(loop)}")
            )
        done.update(walked)
    return problems
