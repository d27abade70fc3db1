"""Exercises: what to do, how, for what, with what, and where the facts come from."""

from __future__ import annotations

from typing import Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.anatomy import Muscle, Region
from upperback.dose import Dose, DoseLimits
from upperback.errors import InvalidValue
from upperback.media import Media
from upperback.props import PropKind, PropNeed
from upperback.vocab import (
    Benefit,
    ExerciseKind,
    Feature,
    Laterality,
    Level,
    Movement,
    Position,
)

__all__ = ["MAX_NAME", "Exercise", "Source"]

MAX_NAME: Final = 120
"""The longest an exercise's name or alias may be, in characters."""


@attrs.frozen(kw_only=True)
class Source:
    """A published source a fact about an exercise comes from.

    Args:
        key: A citation key (see :func:`~upperback.sources.reference`), e.g. ``"A2"`` or ``"E13*"``
            (a trailing ``*`` marks a secondary, weaker source).
        url: Where it can be read.
        note: What it is cited for, when that is not obvious.

    .. versionadded:: 0.1.0
    """

    key: str = attrs.field(metadata=v.text_up_to(v.MAX_KEY))
    url: str = attrs.field(metadata=v.web_address())
    note: str | None = attrs.field(default=None, metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.rules_report(self, self._bound_problems())

    def _rules(self) -> list[InvalidValue]:
        return []  # every check of a source is a declared bound

    @property
    def is_secondary(self) -> bool:
        """Whether this is a secondary, weaker source (its key ends in ``*``)."""
        return self.key.endswith("*")


def _repeat(field: str, values: Any) -> InvalidValue | None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            return InvalidValue(field, value, "must not repeat an entry")
        seen.add(value)
    return None


@attrs.frozen(kw_only=True)
class Exercise:
    """One stretch or exercise, with everything needed to do it safely.

    An exercise is a value: two exercises with the same fields are equal,
    and a routine carries whole exercises so that a saved routine stays
    complete when a catalog changes.

    Args:
        id: A stable slug such as ``"thoracic-extension-swiss-ball"``.
        name: Its usual name.
        aliases: Other names it goes by.
        kind: Static stretch, dynamic mobility, strengthening, ...
        position: Where it starts.
        targets: The muscles it stretches or strengthens (at least one): its
            primary targets, the ones a routine's coverage counts.
        secondary_targets: Muscles it also works, less (none of them a
            primary target). They are shown and searchable
            (``catalog.where(secondary=...)``) but coverage and the
            composer's scoring count primary targets only.
        movements: The movements it involves.
        benefits: Which of the six benefits it is done for.
        props: What it needs, each required or optional.
        laterality: Both sides at once, one at a time, or alternating.
        level: How demanding it is, 1 to 5.
        cues: Ordered instructions, in plain words (at least one).
        features: Facts that safety rules act on.
        default_dose: The dose to use when a routine gives none, within
            ``dose_limits``.
        easier: The id of the next easier exercise in its chain, if any.
        harder: The id of the next harder exercise in its chain, if any.
        precautions: Plain-language cautions to show the person.
        dose_note: Why the default dose is what it is, where sources disagree.
        sources: Where the facts come from.
        media: Images and videos of it, with their alt text, author and licence.
        dose_limits: The most its own sources give for its dose (a hold of
            10–15 s over a ball stops at 15 s): progression never passes them.

    A self-massage exercise (:attr:`~upperback.vocab.ExerciseKind.SELF_MASSAGE`) is dosed by
    time, so its default dose has a hold and no reps, and it never carries
    an external load (the feature ``external_load``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``secondary_targets``, ``media`` and ``dose_limits``.
    """

    id: str = attrs.field(metadata=v.slug_id())
    name: str = attrs.field(metadata=v.text_up_to(MAX_NAME))
    kind: ExerciseKind
    position: Position
    targets: frozenset[Muscle] = attrs.field(
        converter=to_frozenset, metadata=v.items(min_items=1, empty="must name at least one muscle")
    )
    cues: tuple[str, ...] = attrs.field(
        converter=to_tuple,
        metadata=v.items(
            item=v.text_bound(), min_items=1, empty="must give at least one instruction"
        ),
    )
    default_dose: Dose
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=v.items(item=v.text_bound(MAX_NAME), unique=True)
    )
    movements: frozenset[Movement] = attrs.field(default=frozenset(), converter=to_frozenset)
    benefits: frozenset[Benefit] = attrs.field(default=frozenset(), converter=to_frozenset)
    props: tuple[PropNeed, ...] = attrs.field(default=(), converter=to_tuple)
    laterality: Laterality = Laterality.BILATERAL
    level: Level = Level.GENTLE
    features: frozenset[Feature] = attrs.field(default=frozenset(), converter=to_frozenset)
    easier: str | None = attrs.field(default=None, metadata=v.slug_id())
    harder: str | None = attrs.field(default=None, metadata=v.slug_id())
    precautions: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=v.items(item=v.text_bound())
    )
    dose_note: str | None = attrs.field(default=None, metadata=v.text_up_to())
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple)
    secondary_targets: frozenset[Muscle] = attrs.field(default=frozenset(), converter=to_frozenset)
    media: tuple[Media, ...] = attrs.field(default=(), converter=to_tuple)
    dose_limits: DoseLimits = attrs.field(factory=DoseLimits)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        if problems := self._bound_problems():
            v.report(problems)
        v.instance("kind", self.kind, ExerciseKind)
        v.instance("position", self.position, Position)
        v.collection("targets", self.targets, frozenset, Muscle)
        v.collection("secondary_targets", self.secondary_targets, frozenset, Muscle)
        v.collection("cues", self.cues, tuple, str)
        v.instance("default_dose", self.default_dose, Dose)
        v.collection("aliases", self.aliases, tuple, str)
        v.collection("movements", self.movements, frozenset, Movement)
        v.collection("benefits", self.benefits, frozenset, Benefit)
        v.collection("props", self.props, tuple, PropNeed)
        v.instance("laterality", self.laterality, Laterality)
        v.instance("level", self.level, Level)
        v.collection("features", self.features, frozenset, Feature)
        v.collection("precautions", self.precautions, tuple, str)
        v.collection("sources", self.sources, tuple, Source)
        v.collection("media", self.media, tuple, Media)
        v.instance("dose_limits", self.dose_limits, DoseLimits)
        v.rules_report(self, None)

    def _rules(self) -> list[InvalidValue]:
        found = [
            _repeat("props", [need.key for need in self.props]),
            _repeat("sources", [source.key for source in self.sources]),
            _repeat("media", [item.url for item in self.media]),
        ]
        if both := sorted(self.targets & self.secondary_targets):
            found.append(
                InvalidValue(
                    "secondary_targets",
                    both[0],
                    "must not repeat a primary target (a muscle has one role: "
                    f"{', '.join(both)} in both)",
                )
            )
        for field in ("easier", "harder"):
            value = getattr(self, field)
            if value is not None and value == self.id:
                found.append(InvalidValue(field, value, "must not be the exercise's own id"))
        if self.easier is not None and self.easier == self.harder:
            found.append(InvalidValue("harder", self.harder, "must differ from 'easier'"))
        if self.default_dose.per_side and self.laterality is Laterality.BILATERAL:
            found.append(
                InvalidValue(
                    "default_dose.per_side",
                    self.default_dose.per_side,
                    "must be false for a bilateral exercise",
                )
            )
        limits = getattr(self, "dose_limits", None)
        dose = getattr(self, "default_dose", None)
        if isinstance(limits, DoseLimits) and isinstance(dose, Dose):
            found.extend(limits.problems(dose, "default_dose"))
        # The reader runs these rules on what it could read of a bad document; a kind
        # it could not read must not hide the problems found above.
        if getattr(self, "kind", None) is ExerciseKind.SELF_MASSAGE:
            found.extend(_self_massage_problems(self))
        return [problem for problem in found if problem is not None]

    @property
    def regions(self) -> frozenset[Region]:
        """The body regions of its (primary) target muscles."""
        return frozenset(muscle.region for muscle in self.targets)

    @property
    def muscles(self) -> frozenset[Muscle]:
        """Every muscle it works, its primary and its secondary targets together.

        .. versionadded:: 0.2.0
        """
        return self.targets | self.secondary_targets

    @property
    def required_props(self) -> frozenset[PropKind]:
        """The kinds of prop it cannot be done without."""
        return frozenset(need.kind for need in self.props if need.required)

    @property
    def required_prop_names(self) -> frozenset[str]:
        """The names of the props it cannot be done without (``"other:sandbag"`` included).

        .. versionadded:: 0.2.0
        """
        return frozenset(need.key for need in self.props if need.required)

    @property
    def is_one_sided(self) -> bool:
        """Whether it works one side at a time (unilateral or alternating)."""
        return self.laterality is not Laterality.BILATERAL


def _self_massage_problems(exercise: Exercise) -> list[InvalidValue]:
    found = []
    dose = exercise.default_dose
    if dose.hold_s is None or dose.reps is not None:
        found.append(
            InvalidValue(
                "default_dose",
                dose,
                "must be a time (hold_s, no reps) for a self_massage exercise: it is dosed by time",
            )
        )
    if Feature.EXTERNAL_LOAD in exercise.features:
        found.append(
            InvalidValue(
                "features",
                Feature.EXTERNAL_LOAD.value,
                "must not include external_load for a self_massage exercise: it is never loaded",
            )
        )
    return found
