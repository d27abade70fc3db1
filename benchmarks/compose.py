"""How long composing takes, how it grows, and how it compares with the exact optimum.

Run on demand (not part of the checks)::

    python benchmarks/compose.py [--quick] [--free-exercise-db PATH/TO/exercises.json]

The free-exercise-db file may also be given in ``UPPERBACK_FREE_EXERCISE_DB``;
without either, that case is skipped. Times are medians of repeated runs on
a shared machine: compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import upperback as ub
from upperback.compose import Goal, Target, compose, objective
from upperback.interop import free_exercise_db
from upperback.routine import Routine

if TYPE_CHECKING:
    from collections.abc import Callable

FULL_KIT = ub.Kit(
    props=ub.Kit.of(ub.SwissBall.for_height(170), ub.ResistanceBand.from_colour("red")).props
    | ub.Kit.everyday().props
)
SMALL = 18
"""Exercises in the small instances the exact search solves."""
BROAD = Goal.of(
    15,
    benefits={ub.Benefit.STRENGTHEN_BACK: 2, ub.Benefit.FLEXIBILITY: 1},
    regions=[ub.Region.NECK, ub.Region.SHOULDER_BLADES],
)


def median_s(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``fn`` over ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(size: int, seed: int = 1) -> ub.Catalog:
    """A catalog of ``size`` made-up but valid exercises, of every kind, position and prop."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data
    props = [ub.PropKind.SWISS_BALL, ub.PropKind.RESISTANCE_BAND, ub.PropKind.CHAIR]
    exercises = []
    for i in range(size):
        kind = rng.choice(list(ub.ExerciseKind))
        stretch = kind.is_stretch
        exercises.append(
            ub.Exercise(
                id=f"synthetic-{i}",
                name=f"Synthetic exercise {i}",
                kind=kind,
                position=rng.choice(list(ub.Position)),
                targets=rng.sample(list(ub.Muscle), rng.randint(1, 3)),
                benefits=rng.sample(list(ub.Benefit), rng.randint(0, 2)),
                movements=rng.sample(list(ub.Movement), rng.randint(0, 2)),
                features=rng.sample(list(ub.Feature), rng.randint(0, 1)),
                props=[ub.PropNeed(kind=k) for k in rng.sample(props, rng.randint(0, 1))],
                level=rng.choice(list(ub.Level)),
                cues=["Do it slowly."],
                default_dose=ub.Dose(sets=rng.randint(1, 3), hold_s=rng.choice([15, 20, 30]))
                if stretch
                else ub.Dose(sets=rng.randint(1, 3), reps=rng.randint(6, 15)),
            )
        )
    return ub.Catalog(exercises=exercises)


def small_instance(rng: random.Random, size: int) -> tuple[ub.Catalog, Goal]:
    """A small catalog and goal the exact search can solve."""
    catalog = synthetic(size, seed=rng.randrange(10**9))
    aims: list[ub.Benefit | ub.Region | ub.Muscle] = [*ub.Benefit, *ub.Region, *ub.Muscle]
    targets = [
        Target.of(aim, weight=rng.choice([1, 1, 2, 3]))
        for aim in rng.sample(aims, rng.randint(2, 4))
    ]
    return catalog, Goal(minutes=rng.randint(4, 8), targets=targets, level=ub.Level.ADVANCED)


def exact(catalog: ub.Catalog, goal: Goal, kit: ub.Kit) -> float:
    """The best objective over every subset of usable exercises that fits the budget."""
    usable = [e for e in catalog if kit.satisfies_all(e.props)]
    cost = {e.id: Routine.of("one", main=[e]).duration().total_seconds() for e in usable}
    budget = goal.minutes * 60
    pool = [e for e in usable if cost[e.id] <= budget]
    best = 0.0
    for size in range(1, len(pool) + 1):
        found = False
        for subset in itertools.combinations(pool, size):
            if sum(cost[e.id] for e in subset) <= budget:
                found = True
                best = max(best, objective(subset, goal))
        if not found:
            break
    return best


def main(argv: list[str]) -> int:
    """Run every case and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and instances")
    parser.add_argument(
        "--free-exercise-db",
        type=Path,
        default=os.environ.get("UPPERBACK_FREE_EXERCISE_DB"),
        help="the free-exercise-db exercises.json (or set UPPERBACK_FREE_EXERCISE_DB)",
    )
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else 11

    builtin = ub.default_catalog()
    osteoporosis = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}, kit=FULL_KIT)
    print("case\tcatalog size\tmedian ms")
    for name, catalog, profile in (
        ("built-in, full kit", builtin, None),
        ("built-in, osteoporosis", builtin, osteoporosis),
    ):
        ms = 1000 * median_s(
            partial(compose, catalog, BROAD, profile=profile, kit=FULL_KIT), repeat
        )
        print(f"{name}\t{len(catalog)}\t{ms:.2f}")
    if args.free_exercise_db is not None:
        imported = free_exercise_db.load(args.free_exercise_db).catalog
        ms = 1000 * median_s(lambda: compose(imported, BROAD, kit=FULL_KIT), repeat)
        print(f"free-exercise-db\t{len(imported)}\t{ms:.2f}")
    else:
        print("free-exercise-db\t-\tskipped (no --free-exercise-db)")

    sizes = (1_000, 10_000)
    timings = {}
    for size in sizes:
        catalog = synthetic(size)
        timings[size] = median_s(
            partial(compose, catalog, BROAD, kit=FULL_KIT), max(3, repeat // 3)
        )
        print(f"synthetic\t{size}\t{1000 * timings[size]:.2f}")
    growth = timings[sizes[1]] / timings[sizes[0]]
    print(f"growth from 1,000 to 10,000 exercises: {growth:.1f}x (10x is linear)")

    rng = random.Random(7)  # noqa: S311 - reproducible instances
    instances = [small_instance(rng, SMALL) for _ in range(5 if args.quick else 30)]
    exact_s = composer_s = 0.0
    ratios = []
    for catalog, goal in instances:
        start = time.perf_counter()
        optimum = exact(catalog, goal, FULL_KIT)
        exact_s += time.perf_counter() - start
        start = time.perf_counter()
        try:
            score = compose(catalog, goal, kit=FULL_KIT).score
        except ub.NothingFits:
            score = 0.0
        composer_s += time.perf_counter() - start
        ratios.append(1.0 if optimum == 0 else score / optimum)
    print(
        f"exact search vs compose on {len(instances)} instances of {SMALL} exercises: "
        f"{1000 * exact_s / len(instances):.1f} ms vs {1000 * composer_s / len(instances):.2f} ms "
        f"({exact_s / composer_s:.0f}x faster); objective {statistics.mean(ratios):.3f} of the "
        f"optimum on average, {min(ratios):.3f} at worst"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
