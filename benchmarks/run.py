"""Benchmarks, measured side by side in one run and reported as ratios.

Run on demand (not part of the checks): ``python -m nox -s bench`` or
``python benchmarks/run.py [--quick]``. This machine is shared and noisy, so
each case is timed in interleaved rounds, in CPU time of the process (time spent
waiting for a core another program holds is not counted), and reported as a
median, next to a baseline measured in the same rounds; compare the ratios, not
the seconds. Import cost is wall time of a fresh interpreter.
Results are written down in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import attrs

import upperback as ub
from upperback._codec.converter import make_converter
from upperback.catalog.builtin import _load_default_catalog
from upperback.interop import free_exercise_db

HERE = Path(__file__).parent
FREE_EXERCISE_DB = HERE.parent / "tests/data/free-exercise-db/exercises.json"

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
        sources=(ub.Source(key="A2", url="https://doi.org/10.1249/MSS.0b013e318213fefb"),),
    )


def time_cases(cases: list[Case], *, rounds: int, number: int) -> dict[str, float]:
    """Median seconds per call of each case, timed in interleaved rounds."""
    samples: dict[str, list[float]] = {name: [] for name, _ in cases}
    for _ in range(rounds):
        for name, fn in cases:
            samples[name].append(timeit.timeit(fn, number=number, timer=time.process_time) / number)
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


def builtin_routine() -> ub.Routine:
    """A real 12-block routine of built-in exercises (about 20 KB of JSON)."""
    exercises = list(ub.default_catalog())[:12]
    return ub.Routine.of(
        "Desk reset",
        warm_up=exercises[:4],
        main=exercises[4:9],
        cool_down=exercises[9:],
        tags={"desk", "sample"},
    )


def _tree(value: object) -> object:
    """A value as (class name, keyword arguments), leaves as they are, to rebuild it."""
    if attrs.has(type(value)):
        fields = {
            field.name: _tree(getattr(value, field.name))
            for field in attrs.fields(type(value))  # type: ignore[arg-type] # checked by attrs.has
            if field.init and getattr(value, field.name) != field.default
        }
        return (type(value).__name__, fields)
    if isinstance(value, tuple):
        return tuple(_tree(item) for item in value)
    return value


def _plan(classes: dict[str, type], node: object, *, sets_as_tuples: bool) -> Callable[[], object]:
    """A function that rebuilds the ``_tree`` ``node`` with ``classes``, planned once.

    The plan is made ahead, so that timing it times the constructors, not a walk
    over the tree (which cost about as much as the constructors themselves, for
    every library alike, and so hid their differences).
    """
    if isinstance(node, tuple) and len(node) == 2 and isinstance(node[1], dict):
        name, fields = node
        cls = classes[name]
        parts = [
            (key, _plan(classes, item, sets_as_tuples=sets_as_tuples))
            for key, item in fields.items()
        ]
        return lambda: cls(**{key: part() for key, part in parts})
    if isinstance(node, tuple):
        items = [_plan(classes, item, sets_as_tuples=sets_as_tuples) for item in node]
        return lambda: tuple([item() for item in items])
    value = tuple(sorted(node)) if sets_as_tuples and isinstance(node, frozenset) else node
    return lambda: value


BATCH = """
import gc, json, sys, time
sys.path[:0] = {paths!r}
gc.enable()
{setup}
text = {text!r}
start = time.process_time()
kept = [decode(text) for _ in range({n})]
print(time.process_time() - start)
"""

DECODERS = {
    "upperback": "import upperback as ub\ndecode = ub.loads",
    "pydantic": "import mirrors\ndecode = mirrors.PDocument.model_validate_json",
    "msgspec": "import mirrors\ndecode = mirrors.M_DECODER.decode",
}


def batch_decode(text: str, *, n: int, rounds: int) -> dict[str, float]:
    """Seconds to decode ``n`` routines, kept alive, in a fresh process with GC on."""
    paths = [str(HERE.parent / "src"), str(HERE)]
    samples: dict[str, list[float]] = {name: [] for name in DECODERS}
    for _ in range(rounds):
        for name, setup in DECODERS.items():
            program = BATCH.format(paths=paths, setup=setup, text=text, n=n)
            out = subprocess.run(
                [sys.executable, "-c", program], check=True, capture_output=True, text=True
            )
            samples[name].append(float(out.stdout))
    return {f"decode {n:,}: {name}": statistics.median(v) for name, v in samples.items()}


def versus_cases() -> dict[str, list[Case]]:
    """One routine through upperback, pydantic v2 and msgspec, case by case."""
    import mirrors  # noqa: PLC0415 - the bench dependency group only

    routine = builtin_routine()
    text = ub.dumps(routine)
    tree = _tree(routine)
    ours = _plan(
        {cls.__name__: cls for cls in (ub.Dose, ub.Source, ub.PropNeed, ub.Exercise)}
        | {cls.__name__: cls for cls in (ub.Block, ub.Section, ub.Routine)},
        tree,
        sets_as_tuples=False,
    )
    names = ("Dose", "Source", "PropNeed", "Exercise", "Block", "Section", "Routine")
    pydantic_build = _plan(
        {name: getattr(mirrors, f"P{name}") for name in names}, tree, sets_as_tuples=True
    )
    msgspec_build = _plan(
        {name: getattr(mirrors, f"M{name}") for name in names}, tree, sets_as_tuples=True
    )
    assert ours() == routine
    p_doc = mirrors.PDocument.model_validate_json(text)
    m_doc = mirrors.M_DECODER.decode(text)
    assert json.loads(p_doc.model_dump_json(exclude_defaults=True)) == json.loads(text)
    assert json.loads(mirrors.M_ENCODER.encode(m_doc)) == json.loads(text)
    return {
        "construct": [
            ("construct: upperback", ours),
            ("construct: pydantic", pydantic_build),
            ("construct: msgspec (no checks on init)", msgspec_build),
        ],
        "encode": [
            ("encode: upperback", lambda: ub.dumps(routine)),
            ("encode: pydantic", lambda: p_doc.model_dump_json(exclude_defaults=True)),
            ("encode: msgspec", lambda: mirrors.M_ENCODER.encode(m_doc)),
        ],
        "decode": [
            ("decode: upperback", lambda: ub.loads(text)),
            ("decode: pydantic", lambda: mirrors.PDocument.model_validate_json(text)),
            ("decode: msgspec", lambda: mirrors.M_DECODER.decode(text)),
        ],
    }


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
    parser.add_argument(
        "--versus", action="store_true", help="only upperback beside pydantic and msgspec"
    )
    args = parser.parse_args()
    rounds = 5 if args.quick else 15
    if args.versus:
        versus(args, rounds)
        return
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
    print()
    versus(args, rounds)


def versus(args: argparse.Namespace, rounds: int) -> None:
    """upperback beside pydantic v2 and msgspec, as ratios to pydantic."""
    for job, cases in versus_cases().items():
        timings = time_cases(cases, rounds=rounds, number=50)
        print(report(f"Versus pydantic: {job} (one 12-block routine)", timings, cases[1][0]))
        print()
    text = ub.dumps(builtin_routine())
    timings = batch_decode(text, n=1_000 if args.quick else 10_000, rounds=1 if args.quick else 3)
    pydantic_batch = next(name for name in timings if name.endswith("pydantic"))
    print(report("Versus pydantic: a batch, fresh process, GC on", timings, pydantic_batch))


if __name__ == "__main__":
    main()
