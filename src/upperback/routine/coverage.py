"""What a routine works on: seconds of work per muscle, region, movement and benefit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.anatomy import Muscle, Region
from upperback.errors import InvalidValue
from upperback.vocab import Benefit, KindFamily, Movement

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.routine.block import Block

__all__ = ["MAX_COVERED_S", "Coverage"]

MAX_COVERED_S: Final = 10**9
"""The most seconds a coverage may count: a bound that catches nonsense, not a prescription."""


_ORDER: dict[type, dict[Any, int]] = {
    cls: {member: i for i, member in enumerate(cls)} for cls in (Muscle, Region, Movement, Benefit)
}


def _check_pairs(field: str, pairs: Any, cls: type) -> None:
    if not isinstance(pairs, tuple):
        raise InvalidValue(field, pairs, f"must be a tuple of ({cls.__name__}, seconds) pairs")
    order = _ORDER[cls]
    previous = -1
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], cls)):
            raise InvalidValue(f"{field}[{i}]", pair, f"must be a ({cls.__name__}, seconds) pair")
        v.int_between(f"{field}[{i}][1]", pair[1], 1, MAX_COVERED_S, " seconds")
        if order[pair[0]] <= previous:
            raise InvalidValue(
                f"{field}[{i}]", str(pair[0]), f"must follow {cls.__name__} order, once each"
            )
        previous = order[pair[0]]


def _pairs(seconds: dict[Any, int], cls: type) -> tuple[tuple[Any, int], ...]:
    return tuple(sorted(seconds.items(), key=lambda item: _ORDER[cls][item[0]]))


def _added(a: tuple[tuple[Any, int], ...], b: tuple[tuple[Any, int], ...], cls: type) -> Any:
    total = dict(a)
    for key, seconds in b:
        total[key] = total.get(key, 0) + seconds
    return _pairs(total, cls)


@attrs.frozen(kw_only=True)
class Coverage:
    """What a routine works on, and for how many seconds of work each.

    Each mapping is a tuple of ``(item, seconds)`` pairs in the order the
    enum defines, listing only what the routine covers. A block's work
    (every set, side and round; not rest or transitions) counts in full for
    each of its targets, their regions, its movements and its benefits, so
    the seconds of different muscles overlap and do not add up to
    ``work_s``.

    >>> coverage = Coverage(work_s=60, muscles=((Muscle.RHOMBOIDS, 60),))
    >>> coverage.seconds(Muscle.RHOMBOIDS), coverage.seconds(Muscle.SCALENES)
    (60, 0)

    Args:
        work_s: Seconds of work in the whole routine.
        muscles: Seconds of work per target muscle.
        regions: Seconds of work per body region.
        movements: Seconds of work per movement.
        benefits: Seconds of work per benefit (of the six).
        stretches: Seconds of stretching per muscle (static, PNF and
            dynamic mobility exercises).
        strengthens: Seconds of strengthening per muscle (strengthening and
            motor-control exercises).

    .. versionadded:: 0.1.0
    """

    work_s: int = attrs.field(default=0, metadata=v.between(0, MAX_COVERED_S, " seconds"))
    muscles: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)
    regions: tuple[tuple[Region, int], ...] = attrs.field(default=(), converter=to_tuple)
    movements: tuple[tuple[Movement, int], ...] = attrs.field(default=(), converter=to_tuple)
    benefits: tuple[tuple[Benefit, int], ...] = attrs.field(default=(), converter=to_tuple)
    stretches: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)
    strengthens: tuple[tuple[Muscle, int], ...] = attrs.field(default=(), converter=to_tuple)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        for field, cls in _COVERAGE_FIELDS:
            _check_pairs(field, getattr(self, field), cls)

    @classmethod
    def of(cls, blocks: Iterable[tuple[Block, int]]) -> Coverage:
        """The coverage of blocks, each done a number of times (circuit rounds)."""
        totals: dict[str, dict[Any, int]] = {field: {} for field, _ in _COVERAGE_FIELDS}
        work = 0
        for block, times in blocks:
            exercise = block.exercise
            family = exercise.kind.family
            seconds = block.dose.work_s(exercise.laterality) * times
            work += seconds
            keys: dict[str, Iterable[Any]] = {
                "muscles": exercise.targets,
                "regions": exercise.regions,
                "movements": exercise.movements,
                "benefits": exercise.benefits,
                "stretches": exercise.targets if family is KindFamily.LENGTHEN else (),
                "strengthens": exercise.targets if family is KindFamily.STRENGTHEN else (),
            }
            for field, items in keys.items():
                bucket = totals[field]
                for item in items:
                    bucket[item] = bucket.get(item, 0) + seconds
        return cls(
            work_s=work,
            **{field: _pairs(totals[field], kind) for field, kind in _COVERAGE_FIELDS},
        )

    def seconds(self, item: Muscle | Region | Movement | Benefit) -> int:
        """Seconds of work on a muscle, region, movement or benefit; 0 if none."""
        field = _FIELD_OF.get(type(item))
        if field is None:
            raise InvalidValue("item", item, "must be a Muscle, Region, Movement or Benefit")
        found: int = dict(getattr(self, field)).get(item, 0)
        return found

    def __add__(self, other: object) -> Coverage:
        """The coverage of two routines done together: the union, seconds added."""
        if not isinstance(other, Coverage):
            return NotImplemented
        return Coverage(
            work_s=self.work_s + other.work_s,
            **{
                field: _added(getattr(self, field), getattr(other, field), cls)
                for field, cls in _COVERAGE_FIELDS
            },
        )


_FIELD_OF: dict[type, str] = {
    Muscle: "muscles",
    Region: "regions",
    Movement: "movements",
    Benefit: "benefits",
}

_COVERAGE_FIELDS: tuple[tuple[str, type], ...] = (
    ("muscles", Muscle),
    ("regions", Region),
    ("movements", Movement),
    ("benefits", Benefit),
    ("stretches", Muscle),
    ("strengthens", Muscle),
)
