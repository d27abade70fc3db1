"""What a person wants from a session: :class:`Goal` and its weighted :class:`Target`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.anatomy import Muscle, Region
from upperback.errors import InvalidValue
from upperback.vocab import Benefit, ExerciseKind, Level, Position

if TYPE_CHECKING:
    from upperback.safety import Profile

__all__ = ["MAX_MINUTES", "MIN_MINUTES", "Goal", "Target"]

MIN_MINUTES: Final = 1
"""The shortest budget a goal may have, in minutes."""
MAX_MINUTES: Final = 240
"""The longest budget a goal may have, in minutes (as :func:`~upperback.routine.scale`)."""
MAX_WEIGHT: Final = 100


def _to_float(value: Any) -> Any:
    # Whole numbers are stored as floats, so a saved goal reads back the same text.
    return float(value) if type(value) is int else value


@attrs.frozen(kw_only=True)
class Target:
    """One thing the session should work on, and how much it matters.

    Exactly one of ``benefit``, ``region`` and ``muscle`` is given;
    :meth:`of` picks the field from the aim's type.

    >>> Target.of(Region.NECK, weight=2)
    Target(benefit=None, region=<Region.NECK: 'neck'>, muscle=None, weight=2.0)

    Args:
        benefit: A benefit to work on.
        region: A body region to work on (any target muscle in it counts).
        muscle: A muscle to work on.
        weight: How much it matters relative to the goal's other targets,
            above 0 and at most 100.

    .. versionadded:: 0.1.0
    """

    benefit: Benefit | None = None
    region: Region | None = None
    muscle: Muscle | None = None
    weight: float = attrs.field(
        default=1.0, converter=_to_float, metadata=v.number_in(0, MAX_WEIGHT, above=True)
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if self.benefit is not None:
            v.instance("benefit", self.benefit, Benefit)
        if self.region is not None:
            v.instance("region", self.region, Region)
        if self.muscle is not None:
            v.instance("muscle", self.muscle, Muscle)
        given = [aim for aim in (self.benefit, self.region, self.muscle) if aim is not None]
        if len(given) != 1:
            raise InvalidValue(
                "benefit", [aim.value for aim in given], "or 'region' or 'muscle': give exactly one"
            )
        v.report(self._bound_problems())

    @classmethod
    def of(cls, aim: Benefit | Region | Muscle, weight: float = 1.0) -> Target:
        """A target for a benefit, a region or a muscle, in the field its type calls for.

        Raises:
            InvalidValue: ``aim`` is none of the three, or ``weight`` is out of range.
        """
        if isinstance(aim, Benefit):
            return cls(benefit=aim, weight=weight)
        if isinstance(aim, Region):
            return cls(region=aim, weight=weight)
        if isinstance(aim, Muscle):
            return cls(muscle=aim, weight=weight)
        raise InvalidValue("aim", aim, "must be a Benefit, a Region or a Muscle")

    @property
    def aim(self) -> Benefit | Region | Muscle:
        """The benefit, region or muscle this target names."""
        found = self.benefit or self.region or self.muscle
        if found is None:  # excluded by __attrs_post_init__
            raise AssertionError
        return found

    def is_met_by(self, benefits: frozenset[Benefit], targets: frozenset[Muscle]) -> bool:
        """Whether an exercise with these benefits and target muscles works on this aim."""
        if self.benefit is not None:
            return self.benefit in benefits
        if self.muscle is not None:
            return self.muscle in targets
        return any(muscle.region is self.region for muscle in targets)

    @property
    def label(self) -> str:
        """The aim in plain words, e.g. ``"flexibility"`` or ``"shoulder blades"``."""
        return self.aim.value.replace("_", " ")


def _check_targets(_: object, __: object, targets: Any) -> None:
    v.collection("targets", targets, tuple, Target)
    seen: set[object] = set()
    for i, target in enumerate(targets):
        if target.aim in seen:
            field = "benefit" if target.benefit else "region" if target.region else "muscle"
            raise InvalidValue(f"targets[{i}].{field}", target.aim.value, "must not repeat an aim")
        seen.add(target.aim)


def _weighted(
    name: str, given: Mapping[Any, float] | Iterable[Any] | None, enum_type: type
) -> list[Target]:
    if given is None:
        return []
    items: Iterable[tuple[Any, float]] = (
        given.items() if isinstance(given, Mapping) else ((aim, 1.0) for aim in given)
    )
    found = []
    for aim, weight in items:
        if not isinstance(aim, enum_type):
            raise InvalidValue(name, aim, f"must hold {enum_type.__name__} values")
        found.append(Target.of(cast("Benefit | Region | Muscle", aim), weight=weight))
    return found


@attrs.frozen(kw_only=True)
class Goal:
    """What a session should achieve, and the limits it must keep to.

    >>> goal = Goal.of(10, benefits=[Benefit.FLEXIBILITY], regions={Region.NECK: 2})
    >>> [(t.label, t.weight) for t in goal.targets]
    [('flexibility', 1.0), ('neck', 2.0)]

    Args:
        minutes: The time budget, 1 to 240 minutes; the routine never takes longer.
        targets: What to work on, each with a weight (at least one target;
            each aim at most once).
        positions: The starting positions allowed, e.g. seated and standing
            only for no floor work; empty allows every position.
        level: The highest level of exercise wanted (1–5), or ``None`` for
            the person's own level, taken from the profile the goal is
            composed for. Goal.of leaves it to the person unless given; a
            goal made or loaded without it is moderate (3), as saved goals
            have always meant.
        kinds: The kinds of exercise wanted, e.g. stretches only;
            empty allows every kind.
        sessions_per_week: How often the routine is meant to be done, 1 to 7.
        title: The routine's title.

    .. versionadded:: 0.1.0
    """

    minutes: float = attrs.field(
        converter=_to_float, metadata=v.number_in(MIN_MINUTES, MAX_MINUTES, " minutes")
    )
    targets: tuple[Target, ...] = attrs.field(
        converter=to_tuple,
        validator=_check_targets,
        metadata=v.items(min_items=1, empty="must hold at least one target"),
    )
    positions: frozenset[Position] = attrs.field(default=frozenset(), converter=to_frozenset)
    level: Level | None = Level.MODERATE
    kinds: frozenset[ExerciseKind] = attrs.field(default=frozenset(), converter=to_frozenset)
    sessions_per_week: int = attrs.field(default=3, metadata=v.between(1, 7))
    title: str = attrs.field(default="Composed routine", metadata=v.text_up_to(200))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.collection("positions", self.positions, frozenset, Position)
        if self.level is not None:
            v.instance("level", self.level, Level)
        v.collection("kinds", self.kinds, frozenset, ExerciseKind)
        v.report(self._bound_problems())

    @classmethod
    def of(
        cls,
        minutes: float,
        *,
        benefits: Mapping[Benefit, float] | Iterable[Benefit] | None = None,
        regions: Mapping[Region, float] | Iterable[Region] | None = None,
        muscles: Mapping[Muscle, float] | Iterable[Muscle] | None = None,
        positions: Iterable[Position] = (),
        level: Level | None = None,
        kinds: Iterable[ExerciseKind] = (),
        sessions_per_week: int = 3,
        title: str = "Composed routine",
    ) -> Goal:
        """A goal from aims given as collections (weight 1 each) or as ``{aim: weight}``.

        Without ``level``, the goal takes the person's level from the profile
        it is composed for (:meth:`level_for`).

        Raises:
            InvalidValue: An aim is not of its argument's type, a weight is
                out of range, or no aim is given.
        """
        targets = (
            _weighted("benefits", benefits, Benefit)
            + _weighted("regions", regions, Region)
            + _weighted("muscles", muscles, Muscle)
        )
        return cls(
            minutes=minutes,
            targets=tuple(targets),
            positions=frozenset(positions),
            level=level,
            kinds=frozenset(kinds),
            sessions_per_week=sessions_per_week,
            title=title,
        )

    def level_for(self, profile: Profile | None) -> Level:
        """The highest level to compose at: the goal's, or the person's when the goal states none.

        A goal without a level (``None``) takes the profile's level, and
        moderate (3) when the profile gives none or there is no profile.

        >>> from upperback.safety import Profile
        >>> goal = Goal.of(10, benefits=[Benefit.FLEXIBILITY])
        >>> goal.level_for(Profile(level=Level.GENTLE)), goal.level_for(None)
        (<Level.GENTLE: 1>, <Level.MODERATE: 3>)
        """
        if self.level is not None:
            return self.level
        if profile is not None and profile.level is not None:
            return profile.level
        return Level.MODERATE

    @property
    def budget_s(self) -> int:
        """The budget in whole seconds (rounded down)."""
        return int(self.minutes * 60)
