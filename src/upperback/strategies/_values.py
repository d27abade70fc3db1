"""The strategies of the values, the catalog, routines, safety and the composer."""

from __future__ import annotations

import datetime as dt
import string
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from hypothesis import strategies as st

from upperback import _validate
from upperback.anatomy import Muscle, Region
from upperback.catalog import Catalog, Mismatch, Resolved, default_catalog, resolve_exercises
from upperback.compose import (
    MAX_MINUTES,
    Change,
    ChangeKind,
    Choice,
    Composition,
    Gap,
    Goal,
    Prescription,
    Target,
    compose,
    desk_reset,
    prescribe,
)
from upperback.dose import MAX_HOLD_S, Dose, DoseLimits
from upperback.errors import Problem
from upperback.exercise import Exercise, Source
from upperback.media import Media, MediaKind
from upperback.props import (
    MAX_MASS_KG,
    MIN_MASS_KG,
    PROP_TYPES,
    BandLevel,
    Chair,
    Dumbbell,
    FoamRoller,
    Kettlebell,
    Kit,
    OtherProp,
    Prop,
    PropKind,
    PropNeed,
    ResistanceBand,
    SwissBall,
    WeightPlate,
)
from upperback.routine import (
    Block,
    Caution,
    Coverage,
    DoseChange,
    Routine,
    ScaleResult,
    Section,
    SectionRole,
    Side,
    Step,
    StepKind,
    Structure,
    Substitution,
    SubstitutionResult,
)
from upperback.routine.coverage import MAX_COVERED_S
from upperback.safety import (
    CONDITION_GUIDANCE,
    FINDINGS,
    RULES,
    Action,
    Advice,
    AgeBand,
    BlockScreen,
    Condition,
    ConditionGuidance,
    Finding,
    Modification,
    Profile,
    Reason,
    Rule,
    SafetyPolicy,
    ScreenReport,
    SymptomReport,
    Trend,
    level_in_reach,
    screen,
    triage,
)
from upperback.safety.changes import ChangeCode, ChangeEffect, PersonChange
from upperback.safety.dated import (
    DATED_APART,
    PREGNANCY_DAYS,
    DatedCondition,
    Injury,
    Pregnancy,
    Surgery,
)
from upperback.safety.triage import RedFlag
from upperback.sources import Reference, references
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
    from collections.abc import Callable, Sequence

__all__ = [
    "advices",
    "block_screens",
    "blocks",
    "catalogs",
    "cautions",
    "changes",
    "choices",
    "compositions",
    "coverages",
    "dated_conditions",
    "dose_changes",
    "dose_limits",
    "doses",
    "exercises",
    "findings",
    "gaps",
    "goals",
    "injuries",
    "kits",
    "media_items",
    "mismatches",
    "modifications",
    "person_changes",
    "pregnancies",
    "prescriptions",
    "profiles",
    "prop_needs",
    "props",
    "reasons",
    "resolutions",
    "routines",
    "rules",
    "safety_policies",
    "scale_results",
    "screen_reports",
    "sections",
    "slugs",
    "sources",
    "steps",
    "substitution_results",
    "substitutions",
    "surgeries",
    "symptom_reports",
    "targets",
    "texts",
]


_T = TypeVar("_T")


def _ints(cls: type, name: str) -> st.SearchStrategy[int]:
    """Every integer the field's declared bound allows; shrinks towards its least."""
    bound = _validate.bound_of(cls, name)
    return st.integers(int(bound.low), int(bound.high or 0))


def _default(cls: type, name: str) -> int:
    default: int = getattr(attrs.fields(cls), name).default
    return default


def _ints_or(default: _T, cls: type, name: str) -> st.SearchStrategy[_T | int]:
    """The field's default first (``None`` or a number), then any value its bound allows."""
    return st.just(default) | _ints(cls, name)


_WORD = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


def slugs() -> st.SearchStrategy[str]:
    """Stable ids such as ``"a"`` or ``"cat-camel-2"``; shrinks towards ``"0"``."""
    return st.lists(_WORD, min_size=1, max_size=4).map("-".join)


# Letters, digits, punctuation, spaces and a few non-ASCII characters that
# real cues use (accents, the multiplication sign, dashes, quotes). A fixed
# alphabet draws an order of magnitude faster than the full Unicode range.
_TEXT_ALPHABET = string.ascii_letters + string.digits + " .,;:'()/-" + "éüñçß×–—’°½"


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text without surrounding spaces, as names and cues need.

    Shrinks towards ``"0"``.
    """
    return (
        st.text(alphabet=_TEXT_ALPHABET, min_size=1, max_size=max_size).map(str.strip).filter(bool)
    )


@st.composite
def doses(draw: st.DrawFn, *, per_side: bool | None = None, timed_only: bool = False) -> Dose:
    """Valid doses: reps, a hold, or both; shrinks towards ``Dose(reps=1)``.

    Args:
        per_side: Force ``per_side`` to this value; any when ``None``.
        timed_only: Only holds, no reps (a self-massage dose).
    """
    shape = "hold" if timed_only else draw(st.sampled_from(("reps", "hold", "both")))
    # Every shape draws the same choices, so that the shortest draw, the one examples
    # shrink to, is the first shape: reps.
    reps: int | None = draw(_ints(Dose, "reps"))
    hold_s: int | None = draw(_ints(Dose, "hold_s"))
    tempo_s = draw(_ints_or(None, Dose, "tempo_s"))
    if shape == "hold":
        reps = tempo_s = None
    elif shape == "reps":
        hold_s = None
    return Dose(
        sets=draw(_ints(Dose, "sets")),
        reps=reps,
        hold_s=hold_s,
        tempo_s=tempo_s,
        rest_s=draw(_ints_or(_default(Dose, "rest_s"), Dose, "rest_s")),
        per_side=draw(st.booleans()) if per_side is None else per_side,
        max_pain=draw(_ints_or(None, Dose, "max_pain")),
        max_effort=draw(_ints_or(None, Dose, "max_effort")),
        band_level=draw(st.none() | st.sampled_from(BandLevel)),
    )


@st.composite
def dose_limits(draw: st.DrawFn, *, within: Dose | None = None) -> DoseLimits:
    """Valid dose limits, each number absent or at least ``within``'s; shrinks towards none.

    Args:
        within: A dose the limits must admit (an exercise's default dose).
    """
    found: dict[str, int | None] = {}
    for name in ("sets", "reps", "hold_s"):
        bound = _validate.bound_of(DoseLimits, name)
        low = getattr(within, name, None) or int(bound.low)
        found[name] = draw(st.none() | st.integers(low, int(bound.high or 0)))
    return DoseLimits(**found)


def props(*, kinds: Sequence[PropKind] = tuple(PropKind)) -> st.SearchStrategy[Prop]:
    """Props of the given kinds (every kind by default).

    Shrinks towards the simplest prop of the kinds given: one with nothing to
    choose (a towel, with every kind), or else the smallest of the first kind,
    such as a 30 cm Swiss ball.
    """
    masses = st.none() | st.integers(1, MAX_MASS_KG) | st.floats(MIN_MASS_KG, MAX_MASS_KG)
    by_kind: dict[PropKind, st.SearchStrategy[Any]] = {
        PropKind.SWISS_BALL: st.builds(
            SwissBall,
            diameter_cm=_ints(SwissBall, "diameter_cm"),
            burst_resistant_kg=_ints_or(None, SwissBall, "burst_resistant_kg"),
        ),
        PropKind.FOAM_ROLLER: st.builds(
            FoamRoller, length_cm=_ints_or(None, FoamRoller, "length_cm")
        ),
        PropKind.RESISTANCE_BAND: st.builds(ResistanceBand, level=st.sampled_from(BandLevel)),
        PropKind.CHAIR: st.builds(Chair, armless=st.booleans()),
        PropKind.DUMBBELL: st.builds(Dumbbell, mass_kg=masses),
        PropKind.KETTLEBELL: st.builds(Kettlebell, mass_kg=masses),
        PropKind.WEIGHT_PLATE: st.builds(WeightPlate, mass_kg=masses),
        PropKind.OTHER: st.builds(OtherProp, name=slugs()),
    }
    # Kinds with nothing to choose come first, as one choice in PropKind order,
    # so that shrinking reaches the first of them: a towel, with every kind.
    plain: list[Callable[[], Prop]] = [
        PROP_TYPES[kind] for kind in kinds if not attrs.fields(PROP_TYPES[kind])
    ]
    chosen = [by_kind[kind] for kind in kinds if attrs.fields(PROP_TYPES[kind])]
    if plain:
        chosen.insert(0, st.sampled_from(plain).map(lambda cls: cls()))
    return st.one_of(chosen)


def kits(*, min_size: int = 0, max_size: int = 8) -> st.SearchStrategy[Kit]:
    """Kits of props; shrinks towards the empty kit."""
    return st.frozensets(props(), min_size=min_size, max_size=max_size).map(
        lambda found: Kit(props=found)
    )


@st.composite
def prop_needs(draw: st.DrawFn, *, kinds: Sequence[PropKind] = tuple(PropKind)) -> PropNeed:
    """A need for one of ``kinds``; a ball need may name a diameter, an ``other`` need names a slug.

    Shrinks towards a required need of the first kind given, of any size.
    """
    kind = draw(st.sampled_from(kinds))
    diameter = draw(_ints_or(None, PropNeed, "diameter_cm"))  # drawn for every kind, to shrink
    name = draw(slugs())
    return PropNeed(
        kind=kind,
        required=draw(st.sampled_from((True, False))),
        diameter_cm=diameter if kind is PropKind.SWISS_BALL else None,
        name=name if kind is PropKind.OTHER else None,
    )


def media_items() -> st.SearchStrategy[Media]:
    """Images and videos, at an https address or a package path, some with author and licence."""
    return st.builds(
        Media,
        url=slugs().flatmap(
            lambda path: st.sampled_from((f"https://example.org/{path}.jpg", f"media/{path}.jpg"))
        ),
        kind=st.sampled_from(MediaKind),
        alt=texts(),
        author=st.none() | texts(),
        licence=st.none() | st.sampled_from(("CC-BY-SA-4.0", "CC0-1.0", "Unlicense")),
        source_url=st.none() | slugs().map(lambda path: f"https://example.org/{path}"),
    )


def sources() -> st.SearchStrategy[Source]:
    """Sources with a key and an https address."""
    return st.builds(
        Source,
        key=st.from_regex(r"[A-Z][0-9]{1,2}\*?", fullmatch=True),
        url=slugs().map(lambda path: f"https://example.org/{path}"),
        note=st.none() | texts(),
    )


@st.composite
def exercises(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[ExerciseKind] | None = None,
    levels: st.SearchStrategy[Level] | None = None,
    features: st.SearchStrategy[frozenset[Feature]] | None = None,
    prop_kinds: Sequence[PropKind] = tuple(PropKind),
) -> Exercise:
    """Valid exercises with every field drawn; neighbours are left empty.

    Shrinks towards a bilateral, level-1 exercise with one target, one cue
    and no props.
    """
    laterality = draw(st.sampled_from(Laterality))
    need_kinds = draw(st.lists(st.sampled_from(prop_kinds), unique=True, max_size=3))
    kind = draw(kinds if kinds is not None else st.sampled_from(ExerciseKind))
    massage = kind is ExerciseKind.SELF_MASSAGE
    targets = draw(st.frozensets(st.sampled_from(Muscle), min_size=1, max_size=4))
    drawn_features = draw(
        features if features is not None else st.frozensets(st.sampled_from(Feature), max_size=4)
    )
    if massage:
        drawn_features -= {Feature.EXTERNAL_LOAD}
    # Mostly reviewed, as built-in exercises are; otherwise a few features not reviewed.
    unreviewed = (
        draw(st.just(frozenset()) | st.frozensets(st.sampled_from(Feature), max_size=2))
        - drawn_features
    )
    dose = draw(
        doses(
            per_side=None if laterality is not Laterality.BILATERAL else False,
            timed_only=massage,
        )
    )
    # Each number of the dose is given by a source, a convention, or neither.
    drawn_sources = draw(st.lists(sources(), unique_by=lambda s: s.key, max_size=2))
    origin = {
        number: draw(st.sampled_from(range(-1, len(drawn_sources) + 1))) for number in dose.numbers
    }
    cited = [
        attrs.evolve(source, dose_numbers={number for number, i in origin.items() if i == position})
        for position, source in enumerate(drawn_sources)
    ]
    return Exercise(
        id=draw(ids if ids is not None else slugs()),
        name=draw(texts()),
        kind=kind,
        position=draw(st.sampled_from(Position)),
        targets=targets,
        secondary_targets=draw(st.frozensets(st.sampled_from(Muscle), max_size=3)) - targets,
        cues=draw(st.lists(texts(), min_size=1, max_size=2)),
        default_dose=dose,
        aliases=draw(st.lists(texts(), unique=True, max_size=1)),
        movements=draw(st.frozensets(st.sampled_from(Movement), max_size=3)),
        benefits=draw(st.frozensets(st.sampled_from(Benefit), max_size=3)),
        props=[draw(prop_needs(kinds=[kind])) for kind in need_kinds],
        laterality=laterality,
        level=draw(levels if levels is not None else st.sampled_from(Level)),
        features=drawn_features,
        precautions=draw(st.lists(texts(), max_size=1)),
        dose_note=draw(st.none() | texts()),
        sources=cited,
        media=draw(st.lists(media_items(), unique_by=lambda m: m.url, max_size=1)),
        unreviewed=unreviewed - {Feature.EXTERNAL_LOAD} if massage else unreviewed,
        dose_conventions={number for number, i in origin.items() if i == len(drawn_sources)},
        dose_limits=draw(dose_limits(within=dose)),
    )


@st.composite
def catalogs(
    draw: st.DrawFn,
    *,
    exercises: st.SearchStrategy[Exercise] | None = None,
    min_size: int = 0,
    max_size: int = 4,
) -> Catalog:
    """Valid catalogs, with some exercises linked into progression chains.

    Exercises get unique ids; a random order is cut into runs, and each run
    becomes a chain sorted by level, with mutual ``easier``/``harder``
    links. Shrinks towards the empty catalog, then towards no links.

    Args:
        exercises: Where the exercises come from; their own links are replaced.
            Fully drawn exercises are large, so the default ``max_size`` is
            small; pass a lighter strategy for bigger catalogs.
    """
    items = draw(
        st.lists(
            exercises if exercises is not None else globals()["exercises"](),
            min_size=min_size,
            max_size=max_size,
            unique_by=lambda exercise: exercise.id,
        )
    )
    order = draw(st.permutations(items))
    linked = draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
    chains: list[list[Exercise]] = []
    for exercise, link in zip(order, linked, strict=True):
        if link and chains:
            chains[-1].append(exercise)
        else:
            chains.append([exercise])
    result = []
    for chain in chains:
        chain.sort(key=lambda exercise: (exercise.level, exercise.id))
        ids = [exercise.id for exercise in chain]
        for i, exercise in enumerate(chain):
            result.append(
                attrs.evolve(
                    exercise,
                    easier=ids[i - 1] if i > 0 else None,
                    harder=ids[i + 1] if i + 1 < len(ids) else None,
                )
            )
    return Catalog(exercises=result)


@st.composite
def blocks(draw: st.DrawFn, *, exercises: st.SearchStrategy[Exercise] | None = None) -> Block:
    """Blocks of an exercise and a dose that suits its laterality."""
    exercise = draw(exercises if exercises is not None else globals()["exercises"]())
    one_sided = exercise.laterality is not Laterality.BILATERAL
    dose = draw(doses(per_side=None if one_sided else False))
    block = Block(exercise=exercise, dose=dose, notes=draw(st.none() | texts()))
    recorded = draw(st.lists(cautions(), max_size=2, unique_by=lambda caution: caution.rule))
    return block.with_cautions(recorded)


@st.composite
def cautions(draw: st.DrawFn) -> Caution:
    """What a rule put on a block: any rule id, caps and cue.

    Shrinks towards a caution of a short rule id with only a cue.
    """
    caps = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "max_hold_s": st.integers(1, MAX_HOLD_S),
                "max_pain": st.integers(0, 10),
            },
        )
    )
    cue = draw(texts()) if not caps else draw(st.none() | texts())
    return Caution(rule=draw(slugs()), cue=cue, **caps)


@st.composite
def sections(
    draw: st.DrawFn,
    *,
    role: SectionRole | None = None,
    blocks: st.SearchStrategy[Block] | None = None,
    min_size: int = 1,
    max_size: int = 4,
) -> Section:
    """Sections of any structure; shrinks towards one straight block."""
    structure = draw(st.sampled_from(Structure))
    size_min = max(min_size, 2) if structure is Structure.SUPERSET else min_size
    items = draw(
        st.lists(
            blocks if blocks is not None else globals()["blocks"](),
            min_size=size_min,
            max_size=max(size_min, max_size),
        )
    )
    circuit = structure is Structure.CIRCUIT
    return Section(
        role=role if role is not None else draw(st.sampled_from(SectionRole)),
        blocks=tuple(items),
        structure=structure,
        rounds=draw(_ints(Section, "rounds")) if circuit else 1,
        rest_between_rounds_s=draw(_ints(Section, "rest_between_rounds_s")) if circuit else 0,
    )


@st.composite
def routines(
    draw: st.DrawFn,
    *,
    blocks: st.SearchStrategy[Block] | None = None,
    max_sections: int = 3,
    max_blocks: int = 4,
) -> Routine:
    """Valid routines with sections in role order; shrinks towards one main block.

    Unless ``blocks`` is given, blocks draw their exercises from a pool of
    one to three, as real routines reuse a handful of exercises; this also
    keeps generation fast.
    """
    if blocks is None:
        pool = draw(st.lists(exercises(), min_size=1, max_size=3, unique_by=lambda e: e.id))
        blocks = globals()["blocks"](exercises=st.sampled_from(pool))
    # The main part first, so that examples shrink to a routine with only a main section.
    by_likeness = sorted(SectionRole, key=lambda role: role is not SectionRole.MAIN)
    roles = sorted(
        draw(st.lists(st.sampled_from(by_likeness), min_size=1, max_size=max_sections)),
        key=lambda role: role.order,
    )
    return Routine(
        id=draw(slugs()),
        title=draw(texts()),
        sections=tuple(
            draw(sections(role=role, blocks=blocks, max_size=max_blocks)) for role in roles
        ),
        sessions_per_week=draw(
            _ints_or(_default(Routine, "sessions_per_week"), Routine, "sessions_per_week")
        ),
        tags=draw(st.frozensets(texts(max_size=20), max_size=3)),
        notes=draw(st.none() | texts()),
    )


def _seconds_by(enum_type: type) -> st.SearchStrategy[tuple[tuple[Any, int], ...]]:
    order = list(enum_type)  # type: ignore[call-overload]
    return st.dictionaries(st.sampled_from(order), st.integers(1, MAX_COVERED_S), max_size=4).map(
        lambda found: tuple(sorted(found.items(), key=lambda item: order.index(item[0])))
    )


def coverages() -> st.SearchStrategy[Coverage]:
    """Valid coverage values (not necessarily of one routine); shrinks towards empty."""
    return st.builds(
        Coverage,
        work_s=_ints(Coverage, "work_s"),
        muscles=_seconds_by(Muscle),
        regions=_seconds_by(Region),
        movements=_seconds_by(Movement),
        benefits=_seconds_by(Benefit),
        stretches=_seconds_by(Muscle),
        strengthens=_seconds_by(Muscle),
    )


@st.composite
def steps(draw: st.DrawFn) -> Step:
    """Steps of every kind; shrinks towards a one-second "get ready" step."""
    kind = draw(st.sampled_from(StepKind))
    # Every kind draws the same choices, so that examples shrink to the first kind.
    exercise_id = draw(slugs())
    loose_rest = draw(st.booleans())  # a rest between rounds belongs to no exercise
    work: dict[str, Any] = {
        "side": draw(st.none() | st.sampled_from(Side)),
        "set_number": draw(_ints(Step, "set_number")),
        "round_number": draw(_ints_or(None, Step, "round_number")),
        "reps": draw(_ints_or(None, Step, "reps")),
        "hold_s": draw(_ints_or(None, Step, "hold_s")),
    }
    return Step(
        kind=kind,
        seconds=draw(_ints(Step, "seconds")),
        cue=draw(texts()),
        exercise_id=None if kind is StepKind.REST and loose_rest else exercise_id,
        **(work if kind is StepKind.WORK else {}),
    )


def dose_changes() -> st.SearchStrategy[DoseChange]:
    """Records of a changed dose; shrinks towards the first block."""
    return st.builds(
        DoseChange,
        exercise_id=slugs(),
        section=_ints(DoseChange, "section"),
        block=_ints(DoseChange, "block"),
        before=doses(),
        after=doses(),
        reason=texts(),
    )


def scale_results(
    *, routines: st.SearchStrategy[Routine] | None = None
) -> st.SearchStrategy[ScaleResult]:
    """Results of scaling (a routine with made-up changes); shrinks towards none.

    Args:
        routines: The routines to draw; small ones of any exercise by default.
    """
    return st.builds(
        ScaleResult,
        routine=routines if routines is not None else _small_routines(),
        changes=st.lists(dose_changes(), max_size=2).map(tuple),
        budget_s=_ints(ScaleResult, "budget_s"),
        met=st.booleans(),
    )


def _small_routines() -> st.SearchStrategy[Routine]:
    # The public functions' ``routines`` parameter shadows the strategy of that name.
    strategy: st.SearchStrategy[Routine] = globals()["routines"](max_sections=2, max_blocks=2)
    return strategy


def substitutions() -> st.SearchStrategy[Substitution]:
    """Substitution records, found or not; shrinks towards one without a replacement."""
    return st.builds(
        Substitution,
        original_id=slugs(),
        replacement_id=st.none() | slugs(),
        reason=texts(),
        section=_ints(Substitution, "section"),
        block=_ints(Substitution, "block"),
    )


def substitution_results(
    *, routines: st.SearchStrategy[Routine] | None = None
) -> st.SearchStrategy[SubstitutionResult]:
    """Results of substitution (a routine with made-up records); shrinks towards none.

    Args:
        routines: The routines to draw; small ones of any exercise by default.
    """
    return st.builds(
        SubstitutionResult,
        routine=routines if routines is not None else _small_routines(),
        substitutions=st.lists(substitutions(), max_size=2).map(tuple),
    )


_PREGNANCY = tuple(condition for condition in Condition if condition.is_pregnancy)


_DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


def _days_after(day: dt.date, low: int, high: int) -> st.SearchStrategy[dt.date]:
    """Days from ``low`` to ``high`` days after ``day``; shrinks towards the soonest."""
    return st.integers(low, high).map(lambda n: day + dt.timedelta(days=n))


@st.composite
def pregnancies(draw: st.DrawFn, *, days: st.SearchStrategy[dt.date] | None = None) -> Pregnancy:
    """Dated pregnancies, some ended and some cleared after; shrinks towards one still going on.

    Args:
        days: Draws the due date; days from 2020 to 2035 when ``None``.
    """
    due = draw(days if days is not None else _DAYS)
    began = due - dt.timedelta(days=PREGNANCY_DAYS)
    ended = draw(st.none() | _days_after(began, 1, PREGNANCY_DAYS + 30))
    cleared = None
    if ended is not None and draw(st.booleans()):
        cleared = draw(_days_after(ended, 0, 120))
    return Pregnancy(
        due=due,
        ended=ended,
        cleared=cleared,
        clearance_note=draw(texts()) if cleared is not None else None,
    )


def injuries(*, days: st.SearchStrategy[dt.date] | None = None) -> st.SearchStrategy[Injury]:
    """Dated acute injuries; shrinks towards one on the first day drawn, with no note.

    Args:
        days: Draws the day of the injury; days from 2020 to 2035 when ``None``.
    """
    return st.builds(Injury, on=days if days is not None else _DAYS, note=st.none() | texts())


@st.composite
def surgeries(draw: st.DrawFn, *, days: st.SearchStrategy[dt.date] | None = None) -> Surgery:
    """Dated operations, some cleared; shrinks towards one not cleared, with no note.

    Args:
        days: Draws the day of the operation; days from 2020 to 2035 when ``None``.
    """
    on = draw(days if days is not None else _DAYS)
    cleared = draw(st.none() | _days_after(on, 0, 180))
    return Surgery(
        on=on,
        cleared=cleared,
        clearance_note=draw(texts()) if cleared is not None else None,
        note=draw(st.none() | texts()),
    )


@st.composite
def dated_conditions(
    draw: st.DrawFn, *, days: st.SearchStrategy[dt.date] | None = None
) -> DatedCondition:
    """Conditions with a start, an end or both; shrinks towards the first condition from a day.

    Args:
        days: Draws the start (or the end, when there is no start); days
            from 2020 to 2035 when ``None``.
    """
    condition = draw(st.sampled_from([c for c in Condition if c not in DATED_APART]))
    some_day = days if days is not None else _DAYS
    start = draw(st.none() | some_day)
    end = draw(some_day if start is None else st.none() | _days_after(start, 1, 365))
    return DatedCondition(condition=condition, start=start, end=end, note=draw(st.none() | texts()))


_CHANGE_CONDITIONS = {
    ChangeCode.INJURY: (Condition.ACUTE_INJURY,),
    ChangeCode.INJURY_SETTLED: (Condition.ACUTE_INJURY,),
    ChangeCode.SURGERY: (Condition.RECENT_SURGERY,),
    ChangeCode.SURGERY_CLEARED: (Condition.RECENT_SURGERY,),
    ChangeCode.CONDITION_STARTS: tuple(c for c in Condition if c not in DATED_APART),
    ChangeCode.CONDITION_ENDS: tuple(c for c in Condition if c not in DATED_APART),
}


@st.composite
def person_changes(draw: st.DrawFn) -> PersonChange:
    """Changes of a person as a plan records them; shrinks towards a trimester, nothing left out."""
    code = draw(st.sampled_from(ChangeCode))
    condition = draw(st.sampled_from(_CHANGE_CONDITIONS.get(code, _PREGNANCY)))
    effect = code.effect
    ids = st.lists(slugs(), max_size=3, unique=True)
    own = [rule.id for rule in RULES if condition in rule.conditions]
    return PersonChange(
        code=code,
        condition=condition,
        day=draw(st.none() | _DAYS),
        pregnancy_week=(
            draw(st.none() | _ints(PersonChange, "pregnancy_week"))
            if condition.is_pregnancy
            else None
        ),
        left_out=draw(ids) if effect is ChangeEffect.STARTS else (),
        back=draw(ids) if effect is ChangeEffect.ENDS else (),
        rules=(
            draw(st.lists(st.sampled_from(own), unique=True, max_size=3))
            if own and effect is not ChangeEffect.STAYS
            else ()
        ),
    )


@st.composite
def profiles(
    draw: st.DrawFn,
    *,
    conditions: st.SearchStrategy[frozenset[Condition]] | None = None,
    kits: st.SearchStrategy[Kit] | None = None,
    dated: bool = False,
    days: st.SearchStrategy[dt.date] | None = None,
) -> Profile:
    """Profiles with any conditions (at most one pregnancy trimester), dated facts if asked.

    Shrinks towards a person with no conditions, no clinician's list, an
    empty kit and no dated facts.

    Args:
        conditions: Draws the conditions; any valid set when ``None``.
        kits: Draws the kit; :func:`kits` when ``None``.
        dated: Whether to draw dated facts too: a pregnancy (when no
            trimester was drawn), injuries, surgeries and dated conditions.
            Such a profile is screened on a day (:meth:`Profile.on()
            <upperback.safety.profile.Profile.on>`), or planned from a start.
        days: Draws the days of the dated facts (a pregnancy's due date, an
            injury, an operation, a condition's start); days from 2020 to
            2035 when ``None``.
    """
    if conditions is None:
        found = draw(
            st.frozensets(st.sampled_from([c for c in Condition if not c.is_pregnancy]), max_size=4)
        )
        pregnancy = draw(st.none() | st.sampled_from(_PREGNANCY))
        chosen = found | {pregnancy} if pregnancy is not None else found
    else:
        chosen = draw(conditions)
    avoid = draw(st.frozensets(st.sampled_from(Feature), max_size=3))
    cleared = draw(st.frozensets(st.sampled_from([rule.id for rule in RULES]), max_size=2))
    return Profile(
        conditions=chosen,
        avoid_features=avoid,
        avoid_note=draw(st.none() | texts()) if avoid else None,
        cleared_rules=cleared,
        clearance_note=draw(texts()) if cleared else None,
        level=draw(st.none() | st.sampled_from(Level)),
        age_band=draw(st.none() | st.sampled_from(AgeBand)),
        height_cm=draw(_ints_or(None, Profile, "height_cm")),
        kit=draw(kits if kits is not None else globals()["kits"](max_size=3)),
        **(
            draw(_dated_facts(pregnant=any(c.is_pregnancy for c in chosen), days=days))
            if dated
            else {}
        ),
    )


@st.composite
def _dated_facts(
    draw: st.DrawFn, *, pregnant: bool, days: st.SearchStrategy[dt.date] | None
) -> dict[str, Any]:
    return {
        "pregnancy": None if pregnant else draw(st.none() | pregnancies(days=days)),
        "injuries": draw(st.lists(injuries(days=days), max_size=2)),
        "surgeries": draw(st.lists(surgeries(days=days), max_size=2)),
        "dated_conditions": draw(st.lists(dated_conditions(days=days), max_size=2)),
    }


@st.composite
def _any_rules(draw: st.DrawFn) -> Rule:
    matched = draw(
        st.sets(
            st.sampled_from(("features", "positions", "props", "kinds", "levels", "requires")),
            min_size=1,
        )
    )
    action = draw(st.sampled_from(Action))
    return Rule(
        id=draw(slugs()),
        conditions=draw(st.frozensets(st.sampled_from(Condition), max_size=3)),
        action=action,
        reason=draw(texts()),
        sources=draw(st.lists(_source_keys(), max_size=3)),
        features=draw(_some(Feature, "features" in matched)),
        positions=draw(_some(Position, "positions" in matched)),
        props=draw(_some(PropKind, "props" in matched)),
        kinds=draw(_some(ExerciseKind, "kinds" in matched)),
        levels=draw(_some(Level, "levels" in matched)),
        modification=draw(modifications()) if action is Action.MODIFY else None,
        requires=draw(_some(PropKind, "requires" in matched)),
        convention=draw(st.none() | texts()),
    )


def _some(enum_type: type, wanted: bool) -> st.SearchStrategy[frozenset[Any]]:
    """One to three members when ``wanted``, else none."""
    if not wanted:
        return st.just(frozenset())
    return st.frozensets(st.sampled_from(list(enum_type)), min_size=1, max_size=3)  # type: ignore[call-overload]


def _source_keys() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Z][0-9]{1,2}[a-z]?\*?", fullmatch=True)


def rules() -> st.SearchStrategy[Rule]:
    """Any valid rule: the library's own, a clinician's, a level's, or one made up.

    Made-up rules match one to five of features, positions, props, kinds and
    levels, and modify with any :func:`modifications` value. Shrinks towards
    the first of :data:`~upperback.safety.rules.RULES`.
    """
    return (
        st.sampled_from(RULES)
        | st.builds(
            Rule.from_clinician,
            st.frozensets(st.sampled_from(Feature), min_size=1, max_size=3),
            st.none() | texts(),
        )
        | st.sampled_from(
            [rule for level in Level for rule in Rule.for_level(level, level_in_reach(level))]
        )
        | _any_rules()
    )


def screen_reports(
    *,
    routines: st.SearchStrategy[Routine] | None = None,
    profiles: st.SearchStrategy[Profile] | None = None,
) -> st.SearchStrategy[ScreenReport]:
    """Reports made by :func:`~upperback.safety.screen.screen`.

    Shrinks towards one main block screened for a person with no conditions.
    """
    return st.builds(
        screen,
        routines if routines is not None else globals()["routines"](max_sections=2, max_blocks=3),
        profiles if profiles is not None else globals()["profiles"](),
    )


def symptom_reports(
    *, red_flags: st.SearchStrategy[frozenset[RedFlag]] | None = None
) -> st.SearchStrategy[SymptomReport]:
    """Symptom reports; shrinks towards day 0, better, no pain given, no red flags.

    Args:
        red_flags: Draws the red flags; any set when ``None``.
    """
    pain = _ints_or(None, SymptomReport, "pain_now")
    return st.builds(
        SymptomReport,
        days_since_onset=_ints(SymptomReport, "days_since_onset"),
        trend=st.sampled_from(Trend),
        pain_now=pain,
        pain_after_exercise=pain,
        pain_next_morning=pain,
        days_worse_after_exercise=_ints(SymptomReport, "days_worse_after_exercise"),
        red_flags=red_flags
        if red_flags is not None
        else st.frozensets(st.sampled_from(RedFlag), max_size=3),
    )


def safety_policies() -> st.SearchStrategy[SafetyPolicy]:
    """Policies at or stricter than the default; shrinks towards the strictest."""
    return st.builds(
        SafetyPolicy,
        **{name: _ints(SafetyPolicy, name) for name, _ in _validate.bounds(SafetyPolicy)},
    )


def advices(
    *,
    reports: st.SearchStrategy[SymptomReport] | None = None,
    policies: st.SearchStrategy[SafetyPolicy] | None = None,
) -> st.SearchStrategy[Advice]:
    """Advice made by :func:`~upperback.safety.triage.triage` from drawn reports and policies."""
    return st.builds(
        triage,
        reports if reports is not None else symptom_reports(),
        policies if policies is not None else safety_policies(),
    )


@st.composite
def _any_modifications(draw: st.DrawFn) -> Modification:
    given = draw(st.sets(st.sampled_from(("max_hold_s", "max_pain", "cue")), min_size=1))
    return Modification(
        max_hold_s=draw(_ints(Modification, "max_hold_s")) if "max_hold_s" in given else None,
        max_pain=draw(_ints(Modification, "max_pain")) if "max_pain" in given else None,
        cue=draw(texts()) if "cue" in given else None,
    )


def findings() -> st.SearchStrategy[Finding]:
    """The rows of :data:`~upperback.safety.triage.FINDINGS`; shrinks towards the first.

    A finding's test is code, so the library's own rows are the findings
    there are to draw.
    """
    return st.sampled_from(FINDINGS)


def modifications() -> st.SearchStrategy[Modification]:
    """Any valid modification: one the library's rules make, or any cap and cue.

    Shrinks towards the first modification of :data:`~upperback.safety.rules.RULES`.
    """
    builtin = [rule.modification for rule in RULES if rule.modification is not None]
    return st.sampled_from(builtin) | _any_modifications()


def block_screens(
    *, reports: st.SearchStrategy[ScreenReport] | None = None
) -> st.SearchStrategy[BlockScreen]:
    """One block's verdict, taken from a screened routine."""
    return (reports if reports is not None else screen_reports()).flatmap(
        lambda report: st.sampled_from(report.blocks)
    )


def reasons(*, advices: st.SearchStrategy[Advice] | None = None) -> st.SearchStrategy[Reason]:
    """One finding behind advice, taken from advice made by :func:`~upperback.safety.triage.triage`.

    Draws from reports with at least one red flag, so there is always a reason.
    """
    strategy = (
        advices
        if advices is not None
        else globals()["advices"](
            reports=symptom_reports(
                red_flags=st.frozensets(st.sampled_from(RedFlag), min_size=1, max_size=2)
            )
        )
    )
    return strategy.flatmap(lambda advice: st.sampled_from(advice.reasons))


_AIMS: list[Benefit | Region | Muscle] = [*Benefit, *Region, *Muscle]


def targets() -> st.SearchStrategy[Target]:
    """Weighted targets of a goal; shrinks towards the first benefit at weight 1."""
    return st.builds(
        Target.of,
        st.sampled_from(_AIMS),
        weight=st.just(1.0) | st.floats(0.1, 10, allow_nan=False),
    )


@st.composite
def goals(
    draw: st.DrawFn,
    *,
    min_minutes: float = 1,
    max_minutes: float = MAX_MINUTES,
    max_targets: int = 4,
    limits: bool = True,
) -> Goal:
    """Goals with distinct aims; shrinks towards one benefit, one minute, no limits.

    Args:
        min_minutes: The shortest budget.
        max_minutes: The longest budget.
        max_targets: The most targets.
        limits: Whether to draw limits on positions, kinds and level too.
    """
    chosen = draw(st.lists(targets(), min_size=1, max_size=max_targets, unique_by=lambda t: t.aim))
    return Goal(
        minutes=draw(
            st.integers(int(min_minutes), int(max_minutes)) | st.floats(min_minutes, max_minutes)
        ),
        targets=tuple(chosen),
        positions=draw(st.frozensets(st.sampled_from(Position))) if limits else frozenset(),
        level=draw(st.sampled_from(Level)) if limits else Level.ADVANCED,
        kinds=draw(st.frozensets(st.sampled_from(ExerciseKind))) if limits else frozenset(),
        sessions_per_week=draw(st.integers(1, 7)),
    )


def choices() -> st.SearchStrategy[Choice]:
    """Records of a composer's choice; shrinks towards a warm-up choice that gained nothing."""
    return st.builds(
        Choice,
        exercise_id=slugs(),
        role=st.sampled_from(SectionRole),
        reason=texts(),
        gain=st.floats(0, 1),
    )


def gaps() -> st.SearchStrategy[Gap]:
    """Records of something a composition does not cover."""
    return st.builds(Gap, what=texts(), reason=texts())


def compositions() -> st.SearchStrategy[Composition]:
    """Compositions from the built-in catalog, for goals of 5 minutes or more.

    Shrinks towards the simplest goal the person could ask for, with seed 0.
    """
    return st.builds(
        compose,
        st.just(default_catalog()),
        goals(min_minutes=5, max_minutes=30, limits=False),
        seed=st.integers(0, 3),
    )


def changes() -> st.SearchStrategy[Change]:
    """Records of a change to a prescription; shrinks towards a substitution."""
    return st.sampled_from(ChangeKind).flatmap(
        lambda kind: st.builds(
            Change,
            kind=st.just(kind),
            exercise_id=slugs(),
            reason=texts(),
            replacement_id=slugs()
            if kind in {ChangeKind.SUBSTITUTED, ChangeKind.REPLACED}
            else st.none(),
        )
    )


def prescriptions() -> st.SearchStrategy[Prescription]:
    """The desk-worker sample adapted to a kit and a budget of 10 minutes or more."""
    return st.builds(
        prescribe,
        st.just(desk_reset()),
        st.just(default_catalog()),
        kit=kits(max_size=4),
        minutes=st.none() | st.integers(10, 60),
    )


_FACTS = tuple(field.name for field in attrs.fields(Exercise))


def mismatches() -> st.SearchStrategy[Mismatch]:
    """Exercises whose facts differ from a catalog's; shrinks towards one field at ``$``."""
    return st.builds(
        Mismatch,
        path=st.sampled_from(["$", "$.exercise", "$.sections[0].blocks[0].exercise"]),
        exercise_id=slugs(),
        fields=st.lists(st.sampled_from(_FACTS), min_size=1, unique=True).map(
            lambda names: sorted(names, key=_FACTS.index)
        ),
    )


@st.composite
def resolutions(draw: st.DrawFn) -> Resolved[Routine]:
    """Routines of built-in exercises, some renamed, resolved against the built-in catalog.

    Shrinks towards one block that agrees with the catalog.
    """
    catalog = default_catalog()
    picked = draw(st.lists(st.sampled_from(catalog.ids), min_size=1, max_size=4, unique=True))
    renamed = draw(st.sets(st.sampled_from(picked)))
    chosen = [
        attrs.evolve(catalog[i], name=f"{catalog[i].name} (renamed)")
        if i in renamed
        else catalog[i]
        for i in picked
    ]
    return resolve_exercises(Routine.of("Posted", main=chosen), catalog)


def _from_type_strategy(cls: type) -> st.SearchStrategy[Any]:
    """The strategy ``st.from_type`` uses for an upperback type."""
    if cls in PROP_TYPES.values():
        return props(kinds=[cls.kind])  # type: ignore[attr-defined]
    return _FROM_TYPE[cls]()


_FROM_TYPE: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Problem: lambda: st.builds(Problem, path=texts(), message=texts()),
    Reference: lambda: st.sampled_from(sorted(references().values(), key=lambda r: r.key)),
    Dose: doses,
    DoseLimits: dose_limits,
    Exercise: exercises,
    Source: sources,
    PropNeed: prop_needs,
    Media: media_items,
    Kit: kits,
    Block: blocks,
    Caution: cautions,
    Finding: findings,
    ConditionGuidance: lambda: st.sampled_from(CONDITION_GUIDANCE),
    Section: sections,
    Routine: routines,
    Catalog: catalogs,
    Coverage: coverages,
    Step: steps,
    DoseChange: dose_changes,
    ScaleResult: scale_results,
    Substitution: substitutions,
    SubstitutionResult: substitution_results,
    Profile: profiles,
    Pregnancy: pregnancies,
    Injury: injuries,
    Surgery: surgeries,
    DatedCondition: dated_conditions,
    PersonChange: person_changes,
    Rule: rules,
    Modification: modifications,
    ScreenReport: screen_reports,
    BlockScreen: block_screens,
    SymptomReport: symptom_reports,
    SafetyPolicy: safety_policies,
    Advice: advices,
    Reason: reasons,
    Target: targets,
    Goal: goals,
    Choice: choices,
    Gap: gaps,
    Composition: compositions,
    Change: changes,
    Prescription: prescriptions,
    Mismatch: mismatches,
    Resolved: resolutions,
}
