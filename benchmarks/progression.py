"""Benchmark: planning and rendering a program, beside streprogen in the same run.

Run on demand: ``python benchmarks/progression.py [--rounds N]`` (streprogen is
in the ``bench`` dependency group). This machine is shared and noisy, so the
cases are timed in interleaved rounds, each from a collected heap, and
reported as medians; compare the ratios, not the seconds. Goals: ``plan``
plus its text rendering at most 0.5× streprogen building and rendering a
3-day, 8-week program (its README example with a third day), and 52 weeks
at most 7× the cost of 8 (linear in weeks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
import warnings
from typing import TYPE_CHECKING

import upperback as ub

if TYPE_CHECKING:
    from collections.abc import Callable

START = dt.date(2026, 1, 5)

IDS = (
    "cat-camel",
    "open-book",
    "band-pull-apart",
    "band-row-seated",
    "wall-push-up-plus",
    "chin-tuck",
    "wall-angel",
    "prone-cobra",
    "doorway-pec-stretch",
    "upper-trapezius-stretch",
    "seated-thoracic-extension-chair",
    "childs-pose",
)


def routine() -> ub.Routine:
    """A 12-block routine from the built-in catalog."""
    catalog = ub.default_catalog()
    blocks = [catalog[i] for i in IDS]
    return ub.Routine.of("Twelve", warm_up=blocks[:2], main=blocks[2:8], cool_down=blocks[8:])


def logs(program: ub.Program, weeks: int) -> list[ub.SessionLog]:
    """Every session of the first ``weeks`` weeks, done as prescribed, mild pain."""
    found = []
    for week in program.weeks[:weeks]:
        for session in week.sessions:
            outcomes = [
                ub.Outcome.as_prescribed(b, at=at, pain_during=2, pain_next_morning=1)
                for at, b in ub.addresses(week.routine)
            ]
            found.append(
                ub.SessionLog(
                    date=session.date or START,
                    routine_id=week.routine.id,
                    pain_before=1,
                    outcomes=outcomes,
                )
            )
    return found


def streprogen_program() -> str:
    """streprogen's README example, on three days: build, render, and its text."""
    from streprogen import Program  # noqa: PLC0415 - a bench-only dependency

    program = Program("My first program!", duration=8, units="kg", round_to=5)
    with program.Day("Day A"):
        program.DynamicExercise("Bench press", start_weight=80, min_reps=3, max_reps=8)
        program.DynamicExercise("Squats", start_weight=100, min_reps=3, max_reps=8)
    with program.Day("Day B"):
        program.DynamicExercise("Deadlifts", start_weight=100, min_reps=2, max_reps=7)
        program.StaticExercise("Curls", "3 x 10 @ 18kg")
    with program.Day("Day C"):
        program.DynamicExercise("Overhead press", start_weight=50, min_reps=3, max_reps=8)
        program.DynamicExercise("Rows", start_weight=60, min_reps=5, max_reps=10)
    program.render()
    return str(program)


def main() -> None:
    """Time every case in interleaved rounds and print medians and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    r = routine()
    catalog = ub.default_catalog()
    nominal8 = ub.plan(r, weeks=8, start=START, catalog=catalog)
    nominal52 = ub.plan(r, weeks=52, start=START, catalog=catalog)
    logged8, logged52 = logs(nominal8, 4), logs(nominal52, 26)
    cases: dict[str, Callable[[], object]] = {
        "plan 8 weeks": lambda: ub.plan(r, weeks=8, start=START, catalog=catalog),
        "plan 52 weeks": lambda: ub.plan(r, weeks=52, start=START, catalog=catalog),
        "plan 8 weeks, 4 logged": lambda: ub.plan(
            r, weeks=8, start=START, catalog=catalog, logs=logged8
        ),
        "plan 52 weeks, 26 logged": lambda: ub.plan(
            r, weeks=52, start=START, catalog=catalog, logs=logged52
        ),
        "plan 8 weeks + describe": lambda: ub.plan(
            r, weeks=8, start=START, catalog=catalog
        ).describe(),
        "plan 52 weeks + describe": lambda: ub.plan(
            r, weeks=52, start=START, catalog=catalog
        ).describe(),
        "streprogen 3-day 8-week build + render + text": streprogen_program,
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # streprogen warns about its own parameters
        for fn in cases.values():
            fn()  # warm up: imports, caches
        for _ in range(rounds):
            for name, fn in cases.items():
                gc.collect()  # each case starts from a clean heap, not the last case's garbage
                began = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - began)
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in median.items():
        print(f"{name:48} {seconds * 1000:9.2f} ms")
    strep = median["streprogen 3-day 8-week build + render + text"]
    ratio = median["plan 8 weeks + describe"] / strep
    print(f"plan 8 weeks + describe / streprogen:   {ratio:.3f}  (goal <= 0.5)")
    linear = median["plan 52 weeks"] / median["plan 8 weeks"]
    print(f"plan 52 weeks / plan 8 weeks:           {linear:.2f}  (goal <= 7)")
    logged = median["plan 52 weeks, 26 logged"] / median["plan 8 weeks, 4 logged"]
    print(f"logged 52 / logged 8:                   {logged:.2f}  (goal <= 7)")


if __name__ == "__main__":
    main()
