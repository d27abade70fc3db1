"""Benchmarks, measured side by side in one run and reported as ratios.

Run on demand (not part of the checks): ``python -m nox -s bench`` or
``python benchmarks/run.py [--quick]``. This machine is shared and noisy, so
each case is timed in interleaved rounds and reported as a median, next to a
baseline measured in the same rounds; compare the ratios, not the seconds.
Results are written down in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import attrs

import upperback as ub
from upperback._codec.converter import make_converter
from upperback.catalog.builtin import _load_default_catalog
from upperback.interop import free_exercise_db

HERE = Path(__file__).parent
FREE_EXERCISE_DB = HERE.parents[1] / "shared/data/free-exercise-db/exercises.json"

Case = tuple[str, Callable[[], object]]


def sample_exercise() -> ub.Exercise:
    """A realistic, fully populated exercise."""
    return ub.Exercise(
        id="thoracic-extension-swiss-ball",
        name="Thoracic extension over a Swiss ball",
        aliases=("Supine arch over ball",),
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.SUPINE,
        targets=frozenset(
            {ub.Muscle.THORACIC_ERECTOR_SPINAE, ub.Muscle.PECTORALIS_MAJOR, ub.Muscle.RHOMBOIDS}
        ),
        movements=frozenset({ub.Movement.EXTENSION}),
        benefits=frozenset({ub.Benefit.STRETCH_UPPER_SPINE, ub.Benefit.FLEXIBILITY}),
        props=(ub.PropNeed(kind=ub.PropKind.SWISS_BALL),),
        laterality=ub.Laterality.BILATERAL,
        level=ub.Level.MODERATE,
        cues=(
            "Sit on the ball, then walk your feet forward until your mid-back rests on it.",
            "Let your arms open out to the sides and your upper back drape over the ball.",
            "Breathe slowly; stop if you feel dizzy.",
        ),
        features=frozenset({ub.Feature.SUPINE, ub.Feature.UNSTABLE_SURFACE}),
        default_dose=ub.Dose(sets=3, hold_s=15, rest_s=15),
        sources=(ub.Source(key="E11*", url="https://liftmanual.com/exercise-ball-lat-stretch/"),),
    )


def time_cases(cases: list[Case], *, rounds: int, number: int) -> dict[str, float]:
    """Median seconds per call of each case, timed in interleaved rounds."""
    samples: dict[str, list[float]] = {name: [] for name, _ in cases}
    for _ in range(rounds):
        for name, fn in cases:
            samples[name].append(timeit.timeit(fn, number=number) / number)
    return {name: statistics.median(values) for name, values in samples.items()}


def import_cost(*, rounds: int) -> dict[str, float]:
    """Median seconds of a fresh interpreter importing each module set."""
    programs = {
        "python -c pass": "pass",
        "import attrs, cattrs": "import attrs, cattrs",
        "import upperback": "import upperback",
        "import upperback + first dumps": "import upperback as u; u.dumps(u.Dose(reps=1))",
    }
    samples: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(rounds):
        for name, code in programs.items():
            start = timeit.default_timer()
            subprocess.run([sys.executable, "-c", code], check=True)
            samples[name].append(timeit.default_timer() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def exercise_cases() -> list[Case]:
    """Construct, encode and decode one exercise; trusted decode without validation."""
    exercise = sample_exercise()
    text = ub.dumps(exercise)
    document = json.loads(text)
    fast = make_converter(detailed_validation=False)
    data = document["data"]
    return [
        ("exercise: construct", sample_exercise),
        ("exercise: dumps", lambda: ub.dumps(exercise)),
        ("exercise: loads", lambda: ub.loads(text)),
        ("exercise: from_dict (detailed)", lambda: ub.from_dict(document)),
        (
            "exercise: structure, detailed_validation=False",
            lambda: fast.structure(data, ub.Exercise),
        ),
    ]


def catalog_cases() -> list[Case]:
    """Load the built-in catalog (uncached), import free-exercise-db, query."""
    catalog = ub.default_catalog()
    kit = ub.Kit.of(ub.SwissBall.for_height(178), ub.ResistanceBand(level=ub.BandLevel.MEDIUM))
    cases: list[Case] = [
        ("catalog: default_catalog() cached", ub.default_catalog),
        ("catalog: load built-in (uncached)", _load_default_catalog),
        (
            "catalog: query kit + level + without supine",
            lambda: catalog.where(kit=kit, max_level=3, without=ub.Feature.SUPINE),
        ),
        ("catalog: chain", lambda: catalog.chain("kneeling-push-up-plus")),
    ]
    if FREE_EXERCISE_DB.exists():
        entries = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))
        cases.append(
            ("catalog: import free-exercise-db (873)", lambda: free_exercise_db.load(entries))
        )
    return cases


def sample_routine() -> ub.Routine:
    """A 12-block routine: four straight warm-up blocks, a superset, a circuit, a cool-down."""
    base = sample_exercise()
    exercises = [
        attrs.evolve(base, id=f"exercise-{i}", props=(), features=frozenset()) for i in range(12)
    ]
    reps = ub.Dose(sets=2, reps=12, rest_s=45)
    hold = ub.Dose(sets=2, hold_s=30, rest_s=15)
    sections = (
        ub.Section(
            role=ub.SectionRole.WARM_UP,
            blocks=[ub.Block(exercise=e, dose=reps) for e in exercises[:4]],
        ),
        ub.Section(
            role=ub.SectionRole.MAIN,
            structure=ub.Structure.SUPERSET,
            blocks=[ub.Block(exercise=e, dose=reps) for e in exercises[4:6]],
        ),
        ub.Section(
            role=ub.SectionRole.MAIN,
            structure=ub.Structure.CIRCUIT,
            rounds=3,
            rest_between_rounds_s=60,
            blocks=[ub.Block(exercise=e, dose=reps) for e in exercises[6:9]],
        ),
        ub.Section(
            role=ub.SectionRole.COOL_DOWN,
            blocks=[ub.Block(exercise=e, dose=hold) for e in exercises[9:]],
        ),
    )
    return ub.Routine(id="desk-reset", title="Desk reset", sections=sections, tags={"desk"})


def routine_cases() -> list[Case]:
    """Build, time, cover, script and serialize a 12-block routine."""
    routine = sample_routine()
    assert len(routine.blocks) == 12
    text = ub.dumps(routine)
    return [
        ("routine (12 blocks): build", sample_routine),
        ("routine: duration()", routine.duration),
        ("routine: session_script()", routine.session_script),
        ("routine: coverage()", routine.coverage),
        ("routine: a + a", lambda: routine + routine),
        ("routine: scaled(minutes=20)", lambda: ub.scale(routine, minutes=20)),
        ("routine: dumps", lambda: ub.dumps(routine)),
        ("routine: loads", lambda: ub.loads(text)),
    ]


def safety_cases() -> list[Case]:
    """Screen a 12-block routine for a person with three conditions; triage two reports."""
    exercise = sample_exercise()
    others = [
        ub.Exercise(
            id=f"band-row-{i}",
            name="Band row",
            kind=ub.ExerciseKind.STRENGTHENING,
            position=ub.Position.SEATED,
            targets=frozenset({ub.Muscle.RHOMBOIDS}),
            cues=("Pull the band to your ribs.",),
            default_dose=ub.Dose(sets=2, reps=12),
            features=frozenset({ub.Feature.OVERHEAD}) if i % 2 else frozenset(),
        )
        for i in range(8)
    ]

    def build() -> ub.Routine:
        return ub.Routine.of(
            "Bench", warm_up=[exercise, exercise], main=others, cool_down=[exercise, exercise]
        )

    routine = build()
    person = ub.Profile(
        conditions={
            ub.Condition.HYPERMOBILITY,
            ub.Condition.CERVICAL_RADICULOPATHY,
            ub.Condition.PREGNANCY_SECOND_TRIMESTER,
        }
    )
    calm = ub.SymptomReport(days_since_onset=3, trend=ub.Trend.BETTER, pain_now=2)
    bad = ub.SymptomReport(
        days_since_onset=50,
        trend=ub.Trend.WORSE,
        pain_now=7,
        pain_after_exercise=8,
        pain_next_morning=7,
        days_worse_after_exercise=5,
        red_flags=frozenset({ub.RedFlag.CHEST_PAIN, ub.RedFlag.RECENT_TRAUMA}),
    )
    return [
        ("routine (12 blocks): construct", build),
        ("screen: 12 blocks, 3 conditions", lambda: ub.screen(routine, person)),
        ("screen + safe_routine", lambda: ub.screen(routine, person).safe_routine()),
        ("triage: no findings", lambda: ub.triage(calm)),
        ("triage: every finding", lambda: ub.triage(bad)),
    ]


def report(title: str, timings: dict[str, float], baseline: str) -> str:
    """A Markdown table of medians and ratios to the baseline."""
    base = timings[baseline]
    lines = [f"### {title}", "", "| case | median | ratio |", "|---|---:|---:|"]
    for name, seconds in timings.items():
        shown = f"{seconds * 1e6:,.1f} µs" if seconds < 0.01 else f"{seconds * 1e3:,.1f} ms"
        lines.append(f"| {name} | {shown} | {seconds / base:.2f}× |")
    return "\n".join(lines)


def main() -> None:
    """Run every benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    args = parser.parse_args()
    rounds = 5 if args.quick else 15
    print(report("Import cost (fresh process)", import_cost(rounds=rounds), "import attrs, cattrs"))
    print()
    timings = time_cases(exercise_cases(), rounds=rounds, number=200)
    print(report("Exercise", timings, "exercise: construct"))
    print()
    timings = time_cases(catalog_cases(), rounds=rounds, number=10)
    print(report("Catalog", timings, "catalog: load built-in (uncached)"))
    print()
    timings = time_cases(routine_cases(), rounds=rounds, number=20)
    print(report("Routine", timings, "routine (12 blocks): build"))
    print()
    timings = time_cases(safety_cases(), rounds=rounds, number=200)
    print(report("Safety", timings, "routine (12 blocks): construct"))


if __name__ == "__main__":
    main()
