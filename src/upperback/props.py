"""Props: the Swiss ball above all, and the everyday things exercises use.

Each prop is a small immutable value with a :class:`PropKind`. An exercise
says which kinds it needs with :class:`PropNeed`; a person's :class:`Kit`
says which props they have, and :meth:`Kit.satisfies` joins the two.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset
from upperback.errors import InvalidValue

__all__ = [
    "THERABAND_COLOURS",
    "BandLevel",
    "Chair",
    "Doorway",
    "FoamRoller",
    "Kit",
    "Mat",
    "Prop",
    "PropKind",
    "PropNeed",
    "ResistanceBand",
    "SwissBall",
    "Towel",
    "Wall",
]


class PropKind(enum.StrEnum):
    """The kinds of prop an exercise can need.

    .. versionadded:: 0.1.0
    """

    SWISS_BALL = "swiss_ball"
    FOAM_ROLLER = "foam_roller"
    RESISTANCE_BAND = "resistance_band"
    TOWEL = "towel"
    CHAIR = "chair"
    WALL = "wall"
    DOORWAY = "doorway"
    MAT = "mat"


class BandLevel(enum.IntEnum):
    """Resistance of an elastic band, lightest (1) to heaviest (8).

    Colours differ by brand, so the level is the stable value; a brand's
    colour sequence is a preset such as :data:`THERABAND_COLOURS`.

    .. versionadded:: 0.1.0
    """

    EXTRA_LIGHT = 1
    LIGHT = 2
    MEDIUM = 3
    HEAVY = 4
    EXTRA_HEAVY = 5
    SPECIAL_HEAVY = 6
    MASTER = 7
    MAX = 8


THERABAND_COLOURS: tuple[str, ...] = (
    "tan",
    "yellow",
    "red",
    "green",
    "blue",
    "black",
    "silver",
    "gold",
)
"""Thera-Band's colour order, light to heavy, indexed by ``BandLevel - 1`` [D1].

Tan and yellow suit early rehabilitation, red and green starting
strengthening, blue and above advanced users [D1]. Other brands differ [D2*].
"""

# Upper bounds (exclusive) in cm of the spine-health height bands [B1]:
# <=5'0" 45 cm, 5'1"-5'8" 55 cm, 5'9"-6'2" 65 cm, 6'3"-6'7" 75 cm, >=6'8" 85 cm.
# A height between two bands (e.g. 5'0.5") takes the smaller ball, which the
# sources prefer for exercise stability [B2*].
_BALL_BANDS: tuple[tuple[float, int], ...] = (
    (154.94, 45),  # below 5'1"
    (175.26, 55),  # below 5'9"
    (190.5, 65),  # below 6'3"
    (203.2, 75),  # below 6'8"
)
BALL_SIZES_CM: tuple[int, ...] = (45, 55, 65, 75, 85)
MIN_HEIGHT_CM = 100
MAX_HEIGHT_CM = 250
MIN_BALL_CM = 30
"""The smallest ball diameter a :class:`SwissBall` or :class:`PropNeed` may give."""
MAX_BALL_CM = 100
"""The largest ball diameter; common sizes are 45 to 85 cm."""
MAX_BURST_KG = 2000
"""The highest burst-resistance rating accepted: a bound that catches nonsense."""
MIN_ROLLER_CM = 15
"""The shortest foam roller length accepted."""
MAX_ROLLER_CM = 120
"""The longest foam roller length accepted."""


@attrs.frozen(kw_only=True)
class SwissBall:
    """An exercise ("Swiss", stability) ball.

    Args:
        diameter_cm: The rated diameter, 30 to 100 cm; common sizes are
            45, 55, 65, 75 and 85 cm.
        burst_resistant_kg: The maker's burst-resistance rating, if known.
            It is not the same as a static weight limit [B13*].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.SWISS_BALL

    diameter_cm: int = attrs.field(metadata=v.between(MIN_BALL_CM, MAX_BALL_CM, " cm"))
    burst_resistant_kg: int | None = attrs.field(
        default=None, metadata=v.between(1, MAX_BURST_KG, " kg")
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)

    @classmethod
    def for_height(
        cls, height_cm: float, *, long_legs: bool = False, heavy: bool = False
    ) -> SwissBall:
        """The ball size for a person's height, by the spine-health bands [B1].

        Args:
            height_cm: Standing height, 100 to 250 cm.
            long_legs: Legs long for the height: one size up [B1].
            heavy: Body weight high for the height (the ball compresses more):
                one size up [B1]. Both flags together still go up one size.

        Returns:
            A ball of 45, 55, 65, 75 or 85 cm. A person who would need one
            size above 85 cm gets 85 cm, the largest common size.

        Raises:
            InvalidValue: ``height_cm`` is not a number from 100 to 250.

        >>> SwissBall.for_height(178).diameter_cm
        65
        >>> SwissBall.for_height(178, long_legs=True).diameter_cm
        75
        """
        v.number_between("height_cm", height_cm, MIN_HEIGHT_CM, MAX_HEIGHT_CM, " cm")
        index = next(
            (i for i, (upper, _) in enumerate(_BALL_BANDS) if height_cm < upper),
            len(_BALL_BANDS),
        )
        if long_legs or heavy:
            index = min(index + 1, len(BALL_SIZES_CM) - 1)
        return cls(diameter_cm=BALL_SIZES_CM[index])


@attrs.frozen(kw_only=True)
class FoamRoller:
    """A foam roller, used across the upper back, never the lower back [E12b*].

    Args:
        length_cm: Its length, if it matters to the exercise (15 to 120 cm).

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.FOAM_ROLLER

    length_cm: int | None = attrs.field(
        default=None, metadata=v.between(MIN_ROLLER_CM, MAX_ROLLER_CM, " cm")
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)


@attrs.frozen(kw_only=True)
class ResistanceBand:
    """An elastic resistance band or tube of a given :class:`BandLevel`.

    >>> ResistanceBand.from_colour("red")
    ResistanceBand(level=<BandLevel.MEDIUM: 3>)
    >>> ResistanceBand(level=BandLevel.MEDIUM).colour()
    'red'

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.RESISTANCE_BAND

    level: BandLevel

    def __attrs_post_init__(self) -> None:
        v.instance("level", self.level, BandLevel)

    @classmethod
    def from_colour(
        cls, colour: str, *, colours: tuple[str, ...] = THERABAND_COLOURS
    ) -> ResistanceBand:
        """The band of a colour in a brand's sequence (Thera-Band's by default).

        Raises:
            InvalidValue: The colour is not in the sequence.
        """
        try:
            index = colours.index(colour)
        except ValueError:
            raise InvalidValue("colour", colour, f"must be one of {', '.join(colours)}") from None
        return cls(level=BandLevel(index + 1))

    def colour(self, *, colours: tuple[str, ...] = THERABAND_COLOURS) -> str:
        """This band's colour in a brand's sequence (Thera-Band's by default)."""
        return colours[self.level - 1]


@attrs.frozen(kw_only=True)
class Towel:
    """A bath or hand towel: a strap, a chest roll, or a soft fulcrum [E12][E14][E23].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.TOWEL


@attrs.frozen(kw_only=True)
class Chair:
    """A sturdy chair; armless for rows and stretches [E17].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.CHAIR

    armless: bool = True

    def __attrs_post_init__(self) -> None:
        v.instance("armless", self.armless, bool)


@attrs.frozen(kw_only=True)
class Wall:
    """A clear stretch of wall, for wall angels and wall push-ups [E13][E18].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.WALL


@attrs.frozen(kw_only=True)
class Doorway:
    """An open doorway, for the pectoral stretch [E6].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.DOORWAY


@attrs.frozen(kw_only=True)
class Mat:
    """An exercise mat or padded floor.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.MAT


Prop = SwissBall | FoamRoller | ResistanceBand | Towel | Chair | Wall | Doorway | Mat
"""Any prop. Serialized as a tagged union on its :class:`PropKind`."""

PROP_TYPES: dict[PropKind, type[Prop]] = {
    PropKind.SWISS_BALL: SwissBall,
    PropKind.FOAM_ROLLER: FoamRoller,
    PropKind.RESISTANCE_BAND: ResistanceBand,
    PropKind.TOWEL: Towel,
    PropKind.CHAIR: Chair,
    PropKind.WALL: Wall,
    PropKind.DOORWAY: Doorway,
    PropKind.MAT: Mat,
}


@attrs.frozen(kw_only=True)
class PropNeed:
    """What an exercise needs of one kind of prop.

    Args:
        kind: The kind of prop.
        required: ``False`` for a prop that helps but can be done without.
        diameter_cm: For a Swiss ball only: a required diameter. ``None``
            means the person's own ball (sized for them) will do.

    .. versionadded:: 0.1.0
    """

    kind: PropKind
    required: bool = True
    diameter_cm: int | None = attrs.field(
        default=None, metadata=v.between(MIN_BALL_CM, MAX_BALL_CM, " cm")
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("kind", self.kind, PropKind)
        v.instance("required", self.required, bool)
        v.rules_report(self, self._bound_problems())

    def _rules(self) -> list[InvalidValue]:
        if self.diameter_cm is not None and self.kind is not PropKind.SWISS_BALL:
            return [
                InvalidValue("diameter_cm", self.diameter_cm, "may only be given for a swiss_ball")
            ]
        return []

    def is_met_by(self, prop: Prop) -> bool:
        """Whether this one prop meets the need (ignoring whether it is required)."""
        if prop.kind is not self.kind:
            return False
        if self.diameter_cm is not None:
            return isinstance(prop, SwissBall) and prop.diameter_cm == self.diameter_cm
        return True


def _check_props(_: Any, __: Any, props: frozenset[Any]) -> None:
    if not isinstance(props, frozenset):
        raise InvalidValue("props", props, "must be a collection of props")
    for prop in props:
        if not isinstance(prop, tuple(PROP_TYPES.values())):
            raise InvalidValue("props", prop, "must contain only props")


@attrs.frozen(kw_only=True)
class Kit:
    """The props a person has to hand.

    >>> kit = Kit.of(SwissBall.for_height(178), Towel())
    >>> kit.satisfies(PropNeed(kind=PropKind.SWISS_BALL))
    True
    >>> kit.satisfies(PropNeed(kind=PropKind.FOAM_ROLLER))
    False
    >>> kit.satisfies(PropNeed(kind=PropKind.FOAM_ROLLER, required=False))
    True

    .. versionadded:: 0.1.0
    """

    props: frozenset[Prop] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=_check_props
    )

    @classmethod
    def of(cls, *props: Prop) -> Kit:
        """A kit holding the given props."""
        return cls(props=frozenset(props))

    @classmethod
    def everyday(cls) -> Kit:
        """What almost every home has: a chair, a wall, a doorway and a towel."""
        return cls.of(Chair(), Wall(), Doorway(), Towel())

    @property
    def kinds(self) -> frozenset[PropKind]:
        """The kinds of prop in the kit."""
        return frozenset(prop.kind for prop in self.props)

    def has(self, kind: PropKind) -> bool:
        """Whether the kit holds a prop of this kind."""
        return any(prop.kind is kind for prop in self.props)

    def satisfies(self, need: PropNeed) -> bool:
        """Whether the kit meets a need: it is optional, or a prop meets it."""
        return not need.required or any(need.is_met_by(prop) for prop in self.props)

    def satisfies_all(self, needs: tuple[PropNeed, ...]) -> bool:
        """Whether the kit meets every need (each optional one trivially)."""
        return all(self.satisfies(need) for need in needs)

    def with_props(self, *props: Prop) -> Kit:
        """A new kit with these props added."""
        return Kit(props=self.props | frozenset(props))
