"""Props: the Swiss ball above all, the everyday things exercises use, and gym kit.

Each prop is a small immutable value with a :class:`PropKind`. An exercise
says which kinds it needs with :class:`PropNeed`; a person's :class:`Kit`
says which props they have, and :meth:`Kit.satisfies` joins the two.

Every prop has a *name*: its kind's value (``"dumbbell"``), or for
equipment the library does not know, ``"other:"`` and a slug
(``"other:sandbag"``, an :class:`OtherProp`). Names are what
:meth:`Kit.from_names` reads and what :attr:`PropNeed.key` gives.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset
from upperback.errors import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "BALL_CARE",
    "OTHER_PREFIX",
    "THERABAND_COLOURS",
    "BandLevel",
    "Barbell",
    "Bench",
    "CableStation",
    "Chair",
    "Doorway",
    "Dumbbell",
    "FoamRoller",
    "Kettlebell",
    "Kit",
    "Machine",
    "MassageBall",
    "Mat",
    "OtherProp",
    "Pillow",
    "Prop",
    "PropKind",
    "PropNeed",
    "PullUpBar",
    "ResistanceBand",
    "Stick",
    "Strap",
    "SuspensionTrainer",
    "SwissBall",
    "Towel",
    "Wall",
    "WeightPlate",
    "prop_name",
]


class PropKind(enum.StrEnum):
    """The kinds of prop an exercise can need.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The equipment people own and meet in clinics and gyms (``dumbbell``
       to ``machine``), and ``other`` for equipment the library does not know.
    """

    SWISS_BALL = "swiss_ball"
    FOAM_ROLLER = "foam_roller"
    RESISTANCE_BAND = "resistance_band"
    TOWEL = "towel"
    CHAIR = "chair"
    WALL = "wall"
    DOORWAY = "doorway"
    MAT = "mat"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    WEIGHT_PLATE = "weight_plate"
    BARBELL = "barbell"
    PULL_UP_BAR = "pull_up_bar"
    BENCH = "bench"
    STICK = "stick"
    """A stick, dowel or broomstick."""
    STRAP = "strap"
    """A strap or belt."""
    PILLOW = "pillow"
    MASSAGE_BALL = "massage_ball"
    """A firm small ball for self-massage (a massage, lacrosse or tennis ball)."""
    SUSPENSION_TRAINER = "suspension_trainer"
    """Suspension straps or rings."""
    CABLE_STATION = "cable_station"
    MACHINE = "machine"
    """A gym resistance machine."""
    OTHER = "other"
    """Equipment the library does not know, named by an :class:`OtherProp`."""


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
strengthening, blue and above advanced users [D1]. These are the maker's
figures: measured tension is lower than stated for several colours [D2].
Other brands use other colours: that the order carries over is a common
convention, not from a study.
"""

# Upper bounds (exclusive) in cm of the spine-health height bands [B1*], a
# product convention rather than a standard:
# <=5'0" 45 cm, 5'1"-5'8" 55 cm, 5'9"-6'2" 65 cm, 6'3"-6'7" 75 cm, >=6'8" 85 cm.
# A height between two bands (e.g. 5'0.5") takes the smaller ball, the more
# stable for exercise: a common convention, not from a study.
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

BALL_CARE: Final = (
    "Inflate the ball as its own instructions say [B5][B7].",
    (
        "One maker's instructions: inflate it in stages to about 80% of its rated diameter,"
        " let it rest at least 4 hours, then inflate it to the full diameter and check it"
        " again after 24 hours [B5]."
    ),
    "Do not over-inflate it: that weakens the ball [B10].",
    (
        "Its diameter changes with room temperature: measure it before use and adjust;"
        " keep it away from heat and direct sunlight [B7][B10]."
    ),
    (
        "Check it before every use for cuts, scuffs or loss of roundness; do not patch a"
        " damaged ball, replace it [B7][B10]."
    ),
    (
        "No weights on the ball: BodySport does not recommend hand weights on it [B10],"
        " and Thera-Band warns that dumbbells or barbells may exceed its capacity [B7]."
    ),
)
"""How to inflate and look after a Swiss ball, as its makers state it, with source keys.

.. versionadded:: 0.2.0
"""
MIN_ROLLER_CM = 15
"""The shortest foam roller length accepted."""
MAX_ROLLER_CM = 120
"""The longest foam roller length accepted."""
MIN_MASS_KG = 0.1
"""The lightest free weight accepted, in kg."""
MAX_MASS_KG = 250
"""The heaviest free weight accepted, in kg: a bound that catches nonsense."""
OTHER_PREFIX = "other:"
"""How the name of an :class:`OtherProp` starts: ``"other:sandbag"``."""


@attrs.frozen(kw_only=True)
class SwissBall:
    """An exercise ("Swiss", stability) ball.

    Args:
        diameter_cm: The rated diameter, 30 to 100 cm; common sizes are
            45, 55, 65, 75 and 85 cm.
        burst_resistant_kg: The maker's burst-resistance rating, if known.
            A dynamic burst rating is not the same figure as a static weight
            rating [B9*][B7] (derived).

    Inflate it as its maker's instructions say, and keep weights off it
    (:data:`BALL_CARE`).

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
        """The ball size for a person's height, by the spine-health bands [B1*].

        The bands are a product convention, not a standard. Check the fit
        sitting on it: hips and knees at about 90° or a little more, feet
        flat [B1*]; air pressure fine-tunes the height [B1*].

        Args:
            height_cm: Standing height, 100 to 250 cm.
            long_legs: Legs long for the height: one size up [B1*].
            heavy: Body weight high for the height (the ball compresses more):
                one size up [B1*]. Both flags together still go up one size.

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
    """A foam roller, used across the upper back, never the lower back [E12*].

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
    """A bath or hand towel: a strap [E23], a chest roll, or a soft fulcrum [E12*].

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
    """A clear stretch of wall, for wall angels and wall push-ups [E18].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.WALL


@attrs.frozen(kw_only=True)
class Doorway:
    """An open doorway, for the pectoral stretch [E6*].

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.DOORWAY


@attrs.frozen(kw_only=True)
class Mat:
    """An exercise mat or padded floor.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[PropKind] = PropKind.MAT


def _mass_field() -> Any:
    return attrs.field(default=None, metadata=v.number_in(MIN_MASS_KG, MAX_MASS_KG, " kg"))


@attrs.frozen(kw_only=True)
class Dumbbell:
    """A dumbbell (or a pair).

    Args:
        mass_kg: The mass of one dumbbell, 0.1 to 250 kg, if known.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.DUMBBELL

    mass_kg: float | None = _mass_field()

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)


@attrs.frozen(kw_only=True)
class Kettlebell:
    """A kettlebell.

    Args:
        mass_kg: Its mass, 0.1 to 250 kg, if known.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.KETTLEBELL

    mass_kg: float | None = _mass_field()

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)


@attrs.frozen(kw_only=True)
class WeightPlate:
    """A weight plate, held in the hands (plate raises, loaded neck work).

    Args:
        mass_kg: Its mass, 0.1 to 250 kg, if known.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.WEIGHT_PLATE

    mass_kg: float | None = _mass_field()

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)


@attrs.frozen(kw_only=True)
class Barbell:
    """A barbell, with or without plates.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.BARBELL


@attrs.frozen(kw_only=True)
class PullUpBar:
    """A bar to hang or pull up from (a doorway bar, a rack, a frame).

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.PULL_UP_BAR


@attrs.frozen(kw_only=True)
class Bench:
    """A flat or adjustable exercise bench.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.BENCH


@attrs.frozen(kw_only=True)
class Stick:
    """A stick, dowel or broomstick, for shoulder and thoracic mobility.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.STICK


@attrs.frozen(kw_only=True)
class Strap:
    """A stretching strap or belt.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.STRAP


@attrs.frozen(kw_only=True)
class Pillow:
    """A pillow or cushion, under the head or the chest.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.PILLOW


@attrs.frozen(kw_only=True)
class MassageBall:
    """A firm small ball for self-massage: a massage, lacrosse or tennis ball.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.MASSAGE_BALL


@attrs.frozen(kw_only=True)
class SuspensionTrainer:
    """Suspension straps or gymnastic rings, anchored overhead.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.SUSPENSION_TRAINER


@attrs.frozen(kw_only=True)
class CableStation:
    """A cable (pulley) station with a handle, rope or bar.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.CABLE_STATION


@attrs.frozen(kw_only=True)
class Machine:
    """A gym resistance machine (a row, a pulldown, a reverse fly machine).

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.MACHINE


@attrs.frozen(kw_only=True)
class OtherProp:
    """Equipment the library does not know, named by a stable slug.

    An exercise that needs it says ``PropNeed(kind=PropKind.OTHER, name="sandbag")``
    (or ``PropNeed.named("other:sandbag")``), and a kit that holds
    ``OtherProp(name="sandbag")`` satisfies it; no other prop does.

    >>> Kit.of(OtherProp(name="sandbag")).satisfies(PropNeed.named("other:sandbag"))
    True

    Args:
        name: A slug of lower-case letters and digits joined by hyphens,
            such as ``"sandbag"`` or ``"rowing-machine"``.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[PropKind] = PropKind.OTHER

    name: str = attrs.field(metadata=v.slug_id())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)


Prop = (
    SwissBall
    | FoamRoller
    | ResistanceBand
    | Towel
    | Chair
    | Wall
    | Doorway
    | Mat
    | Dumbbell
    | Kettlebell
    | WeightPlate
    | Barbell
    | PullUpBar
    | Bench
    | Stick
    | Strap
    | Pillow
    | MassageBall
    | SuspensionTrainer
    | CableStation
    | Machine
    | OtherProp
)
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
    PropKind.DUMBBELL: Dumbbell,
    PropKind.KETTLEBELL: Kettlebell,
    PropKind.WEIGHT_PLATE: WeightPlate,
    PropKind.BARBELL: Barbell,
    PropKind.PULL_UP_BAR: PullUpBar,
    PropKind.BENCH: Bench,
    PropKind.STICK: Stick,
    PropKind.STRAP: Strap,
    PropKind.PILLOW: Pillow,
    PropKind.MASSAGE_BALL: MassageBall,
    PropKind.SUSPENSION_TRAINER: SuspensionTrainer,
    PropKind.CABLE_STATION: CableStation,
    PropKind.MACHINE: Machine,
    PropKind.OTHER: OtherProp,
}


def prop_name(prop: Prop) -> str:
    """A prop's name: its kind's value, or ``"other:<name>"`` for an :class:`OtherProp`.

    >>> prop_name(Dumbbell(mass_kg=2)), prop_name(OtherProp(name="sandbag"))
    ('dumbbell', 'other:sandbag')

    .. versionadded:: 0.2.0
    """
    if isinstance(prop, OtherProp):
        return OTHER_PREFIX + prop.name
    return prop.kind.value


def _split_name(field: str, name: Any) -> tuple[PropKind, str | None]:
    """The kind and (for ``other:``) the slug a prop name gives, or an error listing the names."""
    if isinstance(name, PropKind) and name is not PropKind.OTHER:
        return name, None
    if type(name) is str and name.startswith(OTHER_PREFIX):
        slug = name.removeprefix(OTHER_PREFIX)
        v.slug(field, slug)
        return PropKind.OTHER, slug
    if type(name) is str and name in _NAMED_KINDS:
        return PropKind(name), None
    known = ", ".join(kind.value for kind in PropKind if kind is not PropKind.OTHER)
    raise InvalidValue(
        field, name, f"must be a prop name, one of {known}, or other:<slug> (e.g. other:sandbag)"
    )


@attrs.frozen(kw_only=True)
class PropNeed:
    """What an exercise needs of one kind of prop.

    Args:
        kind: The kind of prop.
        required: ``False`` for a prop that helps but can be done without.
        diameter_cm: For a Swiss ball only: a required diameter. ``None``
            means the person's own ball (sized for them) will do.
        name: For :attr:`PropKind.OTHER` only, and required there: the slug
            of the :class:`OtherProp` that meets the need.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``name``, for equipment the library does not know.
    """

    kind: PropKind
    required: bool = True
    diameter_cm: int | None = attrs.field(
        default=None, metadata=v.between(MIN_BALL_CM, MAX_BALL_CM, " cm")
    )
    name: str | None = attrs.field(default=None, metadata=v.slug_id(optional=True))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.instance("kind", self.kind, PropKind)
        v.instance("required", self.required, bool)
        v.rules_report(self, self._bound_problems())

    def _rules(self) -> list[InvalidValue]:
        found = []
        if self.diameter_cm is not None and self.kind is not PropKind.SWISS_BALL:
            found.append(
                InvalidValue("diameter_cm", self.diameter_cm, "may only be given for a swiss_ball")
            )
        if self.kind is PropKind.OTHER and self.name is None:
            found.append(
                InvalidValue("name", None, "is required for an 'other' prop (e.g. sandbag)")
            )
        if self.kind is not PropKind.OTHER and self.name is not None:
            found.append(InvalidValue("name", self.name, "may only be given for an 'other' prop"))
        return found

    @classmethod
    def named(cls, name: str, *, required: bool = True) -> PropNeed:
        """The need for the prop of a name, such as ``"dumbbell"`` or ``"other:sandbag"``.

        Raises:
            InvalidValue: The name is not a prop name; the message lists them.

        .. versionadded:: 0.2.0
        """
        kind, slug = _split_name("name", name)
        return cls(kind=kind, required=required, name=slug)

    @property
    def key(self) -> str:
        """The name of the prop this need is for, such as ``"swiss_ball"`` or ``"other:sandbag"``.

        .. versionadded:: 0.2.0
        """
        return self.kind.value if self.name is None else OTHER_PREFIX + self.name

    def is_met_by(self, prop: Prop) -> bool:
        """Whether this one prop meets the need (ignoring whether it is required)."""
        if prop.kind is not self.kind:
            return False
        if self.name is not None:
            return isinstance(prop, OtherProp) and prop.name == self.name
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
    def from_names(
        cls,
        names: Iterable[str | PropKind],
        *,
        height_cm: float | None = None,
        band_level: BandLevel = BandLevel.MEDIUM,
    ) -> Kit:
        """A kit of the props named, each made with its defaults.

        Props with a size or a level get one: the Swiss ball is sized for
        ``height_cm`` by :meth:`SwissBall.for_height` (55 cm, the middle
        common size, when no height is given); the band is ``band_level``
        (red, Thera-Band's medium, by default: red or green suit starting
        strengthening [D1]). Free weights have no mass (unknown); give the
        props themselves to :meth:`of` to say more.

        >>> sorted(Kit.from_names(["swiss_ball", "dumbbell", "other:sandbag"]).names)
        ['dumbbell', 'other:sandbag', 'swiss_ball']
        >>> Kit.from_names(["swiss_ball"], height_cm=178).props
        frozenset({SwissBall(diameter_cm=65, burst_resistant_kg=None)})

        Args:
            names: Prop names: a :class:`PropKind` or its value (except ``other``),
                or ``"other:"`` and a slug for equipment the library does not know.
            height_cm: The person's height, for the ball's size.
            band_level: The resistance band's level.

        Raises:
            InvalidValue: A name is not a prop name (the message lists every
                valid one), or ``height_cm`` is not from 100 to 250.

        .. versionadded:: 0.2.0
        """
        v.instance("band_level", band_level, BandLevel)
        if isinstance(names, str) or not hasattr(names, "__iter__"):
            raise InvalidValue("names", names, "must be a list of prop names")
        ball = (
            SwissBall.for_height(height_cm) if height_cm is not None else SwissBall(diameter_cm=55)
        )
        props: list[Prop] = []
        for i, name in enumerate(names):
            kind, slug = _split_name(f"names[{i}]", name)
            if kind is PropKind.SWISS_BALL:
                props.append(ball)
            elif kind is PropKind.RESISTANCE_BAND:
                props.append(ResistanceBand(level=band_level))
            elif slug is not None:
                props.append(OtherProp(name=slug))
            else:
                props.append(_PLAIN_TYPES[kind]())
        return cls(props=frozenset(props))

    @classmethod
    def everyday(cls) -> Kit:
        """What almost every home has: a chair, a wall, a doorway and a towel."""
        return cls.of(Chair(), Wall(), Doorway(), Towel())

    @property
    def kinds(self) -> frozenset[PropKind]:
        """The kinds of prop in the kit."""
        return frozenset(prop.kind for prop in self.props)

    @property
    def names(self) -> frozenset[str]:
        """The names of the props in the kit (see :func:`prop_name`).

        .. versionadded:: 0.2.0
        """
        return frozenset(prop_name(prop) for prop in self.props)

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


_PLAIN_TYPES: dict[PropKind, Callable[[], Prop]] = {
    kind: cls
    for kind, cls in PROP_TYPES.items()
    if kind not in (PropKind.SWISS_BALL, PropKind.RESISTANCE_BAND, PropKind.OTHER)
}
"""The props a name alone makes (every field has a default)."""

_NAMED_KINDS: frozenset[str] = frozenset(k.value for k in PropKind if k is not PropKind.OTHER)
