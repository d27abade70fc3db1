"""Exercises: what to do, how, for what, with what, and where the facts come from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.anatomy import Muscle, Region
from upperback.dose import Dose, DoseLimits, DoseNumber
from upperback.errors import InvalidValue
from upperback.media import Media
from upperback.props import PropKind, PropNeed
from upperback.sources import CONVENTION
from upperback.vocab import (
    Benefit,
    ExerciseKind,
    Feature,
    Laterality,
    Level,
    Movement,
    Position,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_NAME", "Exercise", "Source"]

MAX_NAME: Final = 120
"""The longest an exercise's name or alias may be, in characters."""


@attrs.frozen(kw_only=True)
class Source:
    """A published source a fact about an exercise comes from.

    Args:
        key: A citation key (see :func:`~upperback.sources.reference`), e.g. ``"A2"`` or ``"R2*"``
            (a trailing ``*`` marks a secondary, weaker source).
        url: Where it can be read.
        note: What it is cited for, when that is not obvious.
        dose_numbers: The numbers of the exercise's default dose this source
            gives (the sets and hold of a stretch, say); none when it is
            cited for something else.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``dose_numbers``.
    """

    key: str = attrs.field(metadata=v.text_up_to(v.MAX_KEY))
    url: str = attrs.field(metadata=v.web_address())
    note: str | None = attrs.field(default=None, metadata=v.text_up_to())
    dose_numbers: frozenset[DoseNumber] = attrs.field(default=frozenset(), converter=to_frozenset)

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.rules_report(self, self._bound_problems())
        v.collection("dose_numbers", self.dose_numbers, frozenset, DoseNumber)

    def _rules(self) -> list[InvalidValue]:
        return []  # every check of a source is a declared bound or a type

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
        sources: Where the facts come from; each says which numbers of the
            default dose it gives (``Source.dose_numbers``).
        media: Images and videos of it, with their alt text, author and licence.
        unreviewed: Safety features it may have that no one has checked, such
            as those an importer could not rule out from its source's words
            (none of them among its features). Screening treats each as
            present and gives the reason "not reviewed", so an unreviewed
            exercise is never called safe for a condition whose rules act on
            one of them; a clinician's review settles them. Empty for a
            reviewed exercise, as every built-in one is.
        dose_conventions: The numbers of the default dose that no source
            gives: each is a common convention, not from a study. A number
            is either given by a source or a convention, never both, and
            only numbers the default dose states are accounted for (rest
            when there is more than one set).
        dose_limits: The most its own sources give for its dose (a hold of
            10–15 s over a ball stops at 15 s): progression never passes them.

    :meth:`dose_origin` says where each number of the default dose comes
    from: the sources that give it, or a common convention, not from a study.

    A self-massage exercise (:attr:`~upperback.vocab.ExerciseKind.SELF_MASSAGE`) is dosed by
    time, so its default dose has a hold and no reps, and it never carries
    an external load (the feature ``external_load``, known or unreviewed).

    See :attr:`BlockScreen.not_reviewed <upperback.safety.screen.BlockScreen.not_reviewed>`
    and :meth:`reviewed` for what screening does with unreviewed features and
    how a review settles them.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``secondary_targets``, ``media``, ``unreviewed``, ``dose_conventions`` and
       ``dose_limits``.
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
    unreviewed: frozenset[Feature] = attrs.field(default=frozenset(), converter=to_frozenset)
    dose_conventions: frozenset[DoseNumber] = attrs.field(
        default=frozenset(), converter=to_frozenset
    )
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
        v.collection("unreviewed", self.unreviewed, frozenset, Feature)
        v.collection("dose_conventions", self.dose_conventions, frozenset, DoseNumber)
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
        found.extend(_dose_account_problems(self))
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
        # The reader runs these rules on what it could read of a bad document; a field
        # it could not read must not hide the problems found above.
        known: frozenset[Feature] = getattr(self, "features", frozenset()) & getattr(
            self, "unreviewed", frozenset()
        )
        if known:
            listed = sorted(known)
            found.append(
                InvalidValue(
                    "unreviewed",
                    listed[0].value,
                    "must not repeat a feature in 'features' (a feature is known or not"
                    f" reviewed: {', '.join(listed)} in both)",
                )
            )
        if getattr(self, "kind", None) is ExerciseKind.SELF_MASSAGE:
            found.extend(_self_massage_problems(self))
        return [problem for problem in found if problem is not None]

    def reviewed(self, present: Iterable[Feature] = ()) -> Exercise:
        """The exercise once a clinician has reviewed its ``unreviewed`` features.

        The features the reviewer found (``present``) join ``features``;
        every other unreviewed feature is ruled out. Screening then treats the
        exercise as it treats a built-in one.

        >>> import attrs
        >>> from upperback import default_catalog
        >>> pose = attrs.evolve(
        ...     default_catalog()["chin-tuck"], unreviewed={Feature.SUPINE, Feature.NECK_ROTATION}
        ... )
        >>> sorted(pose.reviewed([Feature.SUPINE]).features), pose.reviewed().unreviewed
        ([<Feature.SUPINE: 'supine'>], frozenset())

        Raises:
            InvalidValue: ``present`` holds something that is not a feature.

        .. versionadded:: 0.2.0
        """
        found = to_frozenset(present)
        v.collection("present", found, frozenset, Feature)
        return attrs.evolve(self, features=self.features | found, unreviewed=frozenset())

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

    def dose_origin(self) -> str:
        """Where each number of the default dose comes from, in words.

        Numbers given by the same sources are named together, with their
        keys; a number marked a convention says so; a number neither
        sourced nor marked (an exercise from outside the library, say) is
        named as having no source given.

        >>> from upperback import default_catalog
        >>> default_catalog()["band-pull-apart"].dose_origin()
        'Sets and reps: [A7]. Rest: a common convention, not from a study.'

        .. versionadded:: 0.2.0
        """
        groups: dict[tuple[str, ...], list[DoseNumber]] = {}
        for number in self.default_dose.numbers:
            keys = tuple(s.key for s in self.sources if number in s.dose_numbers)
            if not keys:
                keys = (CONVENTION,) if number in self.dose_conventions else ("",)
            groups.setdefault(keys, []).append(number)
        parts = []
        for keys, numbers in groups.items():
            words = [number.words for number in numbers]
            named = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
            if keys == (CONVENTION,):
                said = CONVENTION
            elif keys == ("",):
                said = "no source given"
            else:
                said = "".join(f"[{key}]" for key in keys)
            parts.append(f"{named[:1].upper()}{named[1:]}: {said}.")
        return " ".join(parts)


def _dose_account_problems(exercise: Exercise) -> list[InvalidValue]:
    # A number is given by a source or is a convention, never both, and only
    # numbers the default dose states are accounted for.
    numbers = exercise.default_dose.numbers
    stated = f"({', '.join(numbers)})"
    found = []
    sourced: set[DoseNumber] = set()
    for i, source in enumerate(exercise.sources):
        sourced |= source.dose_numbers
        if extra := sorted(source.dose_numbers.difference(numbers)):
            found.append(
                InvalidValue(
                    f"sources[{i}].dose_numbers",
                    [number.value for number in extra],
                    f"must name only numbers the default dose states {stated}",
                )
            )
    if extra := sorted(exercise.dose_conventions.difference(numbers)):
        found.append(
            InvalidValue(
                "dose_conventions",
                [number.value for number in extra],
                f"must name only numbers the default dose states {stated}",
            )
        )
    if both := sorted(exercise.dose_conventions & sourced):
        found.append(
            InvalidValue(
                "dose_conventions",
                [number.value for number in both],
                "must not name a number a source gives: a number is sourced or a convention",
            )
        )
    return found


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
    for field in ("features", "unreviewed"):
        if Feature.EXTERNAL_LOAD not in getattr(exercise, field, frozenset()):
            continue
        found.append(
            InvalidValue(
                field,
                Feature.EXTERNAL_LOAD.value,
                "must not include external_load for a self_massage exercise: it is never loaded",
            )
        )
    return found
