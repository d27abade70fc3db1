"""What the clinical suite generates: people, kits, goals, catalogs, programs and their logs.

The strategies draw what a clinic meets, not only what a type allows:
people with several conditions at once, every age band and level, pregnancy
at any trimester; the kits people own; goals of every length and frequency;
the built-in catalog, imported catalogs and both merged; and session logs
that go well, that hurt and stay hurting, that get worse by the next
morning, that carry a red flag, that skip weeks or fall on odd days.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, TypedDict

import attrs
from hypothesis import reject
from hypothesis import strategies as st

import upperback as ub
from tests.clinical._fedb_sample import LABELLED, SENTENCES, entry
from upperback.interop import free_exercise_db as fedb

if TYPE_CHECKING:
    import random

__all__ = [
    "BUILT_IN",
    "START",
    "Pains",
    "catalogs",
    "goals",
    "imported_catalogs",
    "kits",
    "people",
    "routine_ids",
    "routine_of",
    "routines",
    "week_logs",
]

BUILT_IN: Final = ub.default_catalog()
"""The built-in catalog, loaded once."""

START: Final = dt.date(2027, 1, 4)
"""A Monday: the first day of every generated program."""

_PLAIN = tuple(c for c in ub.Condition if not c.is_pregnancy)
_TRIMESTERS = tuple(c for c in ub.Condition if c.is_pregnancy)
_PROPS = (
    "swiss_ball",
    "resistance_band",
    "chair",
    "wall",
    "doorway",
    "towel",
    "mat",
    "foam_roller",
    "dumbbell",
    "pillow",
)


def conditions(*, max_size: int = 3) -> st.SearchStrategy[frozenset[ub.Condition]]:
    """Any conditions a person may have at once, at most one pregnancy trimester."""
    return st.tuples(
        st.frozensets(st.sampled_from(_PLAIN), max_size=max_size),
        st.none() | st.sampled_from(_TRIMESTERS),
    ).map(lambda pair: pair[0] | ({pair[1]} if pair[1] is not None else set()))


def kits() -> st.SearchStrategy[ub.Kit]:
    """The props a person may own: none, a few, or many; a band of any level."""
    return st.builds(
        lambda names, level: ub.Kit.from_names(sorted(names), band_level=level),
        st.frozensets(st.sampled_from(_PROPS), max_size=len(_PROPS)),
        st.sampled_from(ub.BandLevel),
    )


@st.composite
def people(
    draw: st.DrawFn,
    *,
    conditions: st.SearchStrategy[frozenset[ub.Condition]] | None = None,
    avoid: bool = True,
) -> ub.Profile:
    """A person: conditions, age band, level, height, kit, and sometimes a clinician's list."""
    chosen = draw(conditions if conditions is not None else globals()["conditions"]())
    avoided = draw(st.frozensets(st.sampled_from(ub.Feature), max_size=2)) if avoid else frozenset()
    return ub.Profile(
        conditions=chosen,
        avoid_features=avoided,
        avoid_note="As advised at the clinic." if avoided else None,
        level=draw(st.none() | st.sampled_from(ub.Level)),
        age_band=draw(st.none() | st.sampled_from(ub.AgeBand)),
        height_cm=draw(st.none() | st.integers(140, 205)),
        kit=draw(kits()),
    )


@st.composite
def goals(draw: st.DrawFn, *, sessions: st.SearchStrategy[int] | None = None) -> ub.Goal:
    """A goal: 3–40 minutes, one to three benefits or regions, any level and frequency."""
    benefits = draw(st.frozensets(st.sampled_from(ub.Benefit), max_size=3))
    regions = draw(st.frozensets(st.sampled_from(ub.Region), max_size=2))
    if not benefits and not regions:
        benefits = frozenset({draw(st.sampled_from(ub.Benefit))})
    return ub.Goal.of(
        draw(st.integers(3, 40)),
        benefits=sorted(benefits),
        regions=sorted(regions),
        level=draw(st.sampled_from(ub.Level)),
        sessions_per_week=draw(sessions if sessions is not None else st.integers(1, 7)),
    )


_READ: Final = tuple(s for i, s in enumerate(SENTENCES) if i not in {4, 8})


@st.composite
def imported_entries(draw: st.DrawFn, index: int) -> tuple[dict[str, Any], frozenset[ub.Feature]]:
    """A free-exercise-db entry written from labelled sentences, and the features they describe."""
    # The two sentences the importer still misses are IMP-2's, an expected failure: drawn
    # here too, they would fail every property of imported catalogs at random. Draw them
    # again once IMP-2's mark is removed.
    chosen = draw(st.lists(st.sampled_from(_READ), min_size=1, max_size=3, unique=True))
    category = draw(st.sampled_from(("strength", "stretching")))
    # A ball with a load is its own finding (SCR-5); the ball comes with the real entries.
    equipment = draw(st.sampled_from((None, "body only", "bands", "dumbbell")))
    labels = frozenset(feature for _, features in chosen for feature in features)
    data = entry(
        id=f"Generated_{index}",
        name=f"Generated exercise {index}",
        category=category,
        equipment=equipment,
        primaryMuscles=[draw(st.sampled_from(("middle back", "lats", "traps")))],
        instructions=[text for text, _ in chosen],
    )
    return data, labels


@st.composite
def imported_catalogs(
    draw: st.DrawFn, *, max_size: int = 4
) -> tuple[ub.Catalog, dict[str, frozenset[ub.Feature]]]:
    """An imported catalog: real hand-labelled entries and entries made of labelled sentences.

    Returns the catalog and, by exercise id, the features the entry's words
    describe as a reader of the fact sheet labels them.
    """
    real = draw(
        st.lists(st.sampled_from(LABELLED), max_size=max_size, unique_by=lambda x: x[0]["id"])
    )
    made = [draw(imported_entries(i)) for i in range(draw(st.integers(0, max_size)))]
    pairs = real + made
    catalog, _ = fedb.load([data for data, _ in pairs], id_prefix="fedb-")
    labels = {f"fedb-{fedb.slugify(data['id'])}": features for data, features in pairs}
    return catalog, {key: value for key, value in labels.items() if key in catalog}


def catalogs() -> st.SearchStrategy[ub.Catalog]:
    """The built-in catalog, alone or merged with an imported one."""
    return st.one_of(
        st.just(BUILT_IN),
        imported_catalogs().map(lambda pair: BUILT_IN.merge(pair[0])),
    )


def routine_of(
    ids: list[str], sessions_per_week: int, catalog: ub.Catalog = BUILT_IN
) -> ub.Routine:
    """A routine of catalog exercises at their default doses."""
    return ub.Routine.of(
        "Generated",
        main=[ub.Block(exercise=catalog[i]) for i in ids],
        sessions_per_week=sessions_per_week,
    )


def routine_ids(
    catalog: ub.Catalog = BUILT_IN, *, max_blocks: int = 4
) -> st.SearchStrategy[list[str]]:
    """A few exercise ids of a catalog (drawn as ids, so that a failure prints short)."""
    return st.lists(st.sampled_from(catalog.ids), min_size=1, max_size=max_blocks, unique=True)


def routines(
    *, catalog: ub.Catalog = BUILT_IN, max_blocks: int = 4
) -> st.SearchStrategy[ub.Routine]:
    """A routine of a few catalog exercises at their default doses, done 1–3 times a week."""
    return st.builds(
        routine_of, routine_ids(catalog, max_blocks=max_blocks), st.integers(1, 3), st.just(catalog)
    )


# -- logs ------------------------------------------------------------------------------------

PAIN: Final = st.integers(0, 10)


class Pains(TypedDict):
    """The bounds of a history's pain ratings: during, the next morning, and before a session."""

    pain: tuple[int, int]
    morning: tuple[int, int]
    before: tuple[int, int]


def week_logs(
    rnd: random.Random,
    week: ub.Week,
    *,
    pain: tuple[int, int] = (0, 10),
    morning: tuple[int, int] | None = (0, 10),
    before: tuple[int, int] | None = (0, 10),
    flags: tuple[ub.RedFlag, ...] = (),
    skip_some: bool = True,
    missing: float = 0.15,
) -> list[ub.SessionLog]:
    """Logs of a planned week's sessions: some missed, done on their day or a day or two late.

    ``rnd`` is Hypothesis' random (``st.randoms()``), so every choice shrinks.
    Each block is done as prescribed or short, or skipped, with its pain
    during drawn from ``pain``, the next morning's from ``morning`` (or not
    given, with probability ``missing`` or when ``None``) and the pain
    before the session from ``before``; ``flags`` are red flags answered yes at a
    check-in with every session. At least one session of the week is logged
    (a whole missed week is its own trap: see the regressions).
    """

    def rating(bounds: tuple[int, int] | None) -> int | None:
        if bounds is None or rnd.random() < missing:
            return None
        return rnd.randint(*bounds)

    numbers = [s.number for s in week.sessions]
    missed = {n for n in numbers if skip_some and rnd.random() < 0.2}
    if len(missed) == len(numbers):
        missed = set()
    logs = []
    for session in week.sessions:
        if session.number in missed:
            continue  # a missed session
        assert session.date is not None
        day = session.date + dt.timedelta(days=rnd.choice((0, 0, 0, 1, 2)))
        outcomes = []
        for at, block in ub.addresses(week.routine):
            if skip_some and rnd.random() < 0.1:
                outcomes.append(
                    ub.Outcome(
                        section=at[0],
                        block=at[1],
                        exercise_id=block.exercise.id,
                        dose=block.dose,
                        skip_reason="Not today.",
                    )
                )
                continue
            full = ub.Outcome.as_prescribed(
                block, at=at, pain_during=rnd.randint(*pain), pain_next_morning=rating(morning)
            )
            if skip_some and rnd.random() < 0.2:
                full = attrs.evolve(full, done=tuple(max(0, n - 2) for n in full.done))
            outcomes.append(full)
        symptoms = (
            ub.SymptomReport(days_since_onset=1, trend=ub.Trend.SAME, red_flags=flags)
            if flags
            else None
        )
        logs.append(
            ub.SessionLog(
                date=day,
                routine_id=week.routine.id,
                outcomes=outcomes,
                pain_before=rating(before),
                symptoms=symptoms,
            )
        )
    return logs


LogsFor = Any  # a callable: week -> list of SessionLog


def logged_program(
    routine: ub.Routine,
    *,
    weeks: int,
    logged: int,
    logs_for: LogsFor,
    profile: ub.Profile | None = None,
    rules: Any = None,
    catalog: ub.Catalog | None = None,
    start: dt.date = START,
) -> tuple[ub.Program, list[ub.SessionLog]]:
    """A program of ``weeks`` weeks whose first ``logged`` weeks were logged, week by week.

    Each week is planned from the logs so far, then logged as
    ``logs_for(week)`` gives, as an app does; the program is then
    planned whole from every log. A person for whom nothing is safe on
    some week (planning refuses, which is safe) rejects the example.
    """
    logs: list[ub.SessionLog] = []
    try:
        for number in range(1, min(logged, weeks) + 1):
            so_far = ub.plan(
                routine,
                weeks=number,
                profile=profile,
                rules=rules,
                catalog=catalog,
                start=start,
                logs=logs,
            )
            logs += logs_for(so_far.weeks[-1])
        program = ub.plan(
            routine,
            weeks=weeks,
            profile=profile,
            rules=rules,
            catalog=catalog,
            start=start,
            logs=logs,
        )
    except ub.NothingSafe:
        # Nothing is safe for the person on some week: refusing to plan is safe, and
        # there is nothing to check.
        reject()
    return program, logs
