"""Builds the values whose saved documents are kept in ``tests/documents/v1/``.

The files there are what schema 1 wrote; a later schema must still load them
(through a migration) into these same values. Regenerate them only when
adding a document kind, for that kind only: ``python tests/documents/make.py KIND``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import upperback as ub
from upperback.compose import compose

HERE = Path(__file__).parent


def values() -> dict[str, object]:
    """One realistic value of every document kind."""
    catalog = ub.default_catalog()
    kit = ub.Kit.of(ub.SwissBall.for_height(178), ub.ResistanceBand.from_colour("red"), ub.Wall())
    routine = ub.Routine.of(
        "Desk reset",
        warm_up=[catalog["cat-camel"]],
        main=[
            ub.Block(exercise=catalog["band-pull-apart"], dose=ub.Dose(sets=2, reps=12)),
            catalog["wall-angel"],
        ],
        cool_down=[catalog["thoracic-extension-swiss-ball"], catalog["upper-trapezius-stretch"]],
        tags=["desk"],
        notes="Stop if the pain gets worse and see your physiotherapist.",
    )
    person = ub.Profile(
        conditions={ub.Condition.OSTEOPOROSIS}, age_band=ub.AgeBand.OVER_50, height_cm=178, kit=kit
    )
    report = ub.SymptomReport(
        days_since_onset=16, trend=ub.Trend.SAME, pain_now=4, pain_after_exercise=5
    )
    start = dt.date(2026, 1, 5)
    desk = ub.Routine.of(
        "Desk reset",
        main=[
            ub.Block(
                exercise=catalog["band-pull-apart"],
                dose=ub.Dose(sets=2, reps=12, band_level=ub.BandLevel.LIGHT),
            )
        ],
        cool_down=[catalog["doorway-pec-stretch"]],
        sessions_per_week=2,
    )
    first = desk.blocks
    log = ub.SessionLog(
        date=start,
        routine_id=desk.id,
        week=1,
        session=1,
        pain_before=1,
        outcomes=[
            ub.Outcome.as_prescribed(first[0], at=(0, 0), pain_during=2, pain_next_morning=1),
            ub.Outcome(
                section=1,
                block=0,
                exercise_id=first[1].exercise.id,
                dose=first[1].dose,
                done=(30, 25),
                pain_during=3,
                effort=4,
            ),
        ],
        symptoms=ub.SymptomReport(days_since_onset=10, trend=ub.Trend.BETTER, pain_now=1),
    )
    program = ub.plan(
        desk,
        weeks=3,
        start=start,
        catalog=catalog,
        logs=[log],
        rules=ub.RuleSet(
            by_block={(1, 0): ub.PainGate(inner=ub.HoldProgression(step_s=5, max_s=45))},
            default=ub.PainGate(
                inner=ub.Chain(
                    rules=[
                        ub.Deload(every_weeks=4, percent=50),
                        ub.DoubleProgression(low=8, high=12),
                    ]
                )
            ),
        ),
    )
    return {
        "session_log": log,
        "program": program,
        "dose": ub.Dose(sets=3, hold_s=30, rest_s=15, per_side=True, max_pain=3),
        "exercise": catalog["prone-i-y-t-w-swiss-ball"],
        "kit": kit,
        "routine": routine,
        "catalog": catalog.where(requires=ub.PropKind.SWISS_BALL),
        "profile": person,
        "symptom_report": report,
        "advice": ub.triage(report),
        "safety_policy": ub.SafetyPolicy(pain_ceiling=3),
        "screen_report": ub.screen(routine, person),
        "goal": ub.Goal.of(
            15,
            benefits={ub.Benefit.STRENGTHEN_BACK: 2, ub.Benefit.FLEXIBILITY: 1},
            regions=[ub.Region.NECK],
            positions=[ub.Position.SEATED, ub.Position.STANDING],
            kinds=[ub.ExerciseKind.STRENGTHENING, ub.ExerciseKind.STATIC_STRETCH],
            sessions_per_week=4,
            title="Desk worker, fifteen minutes",
        ),
        "composition": compose(
            catalog,
            ub.Goal.of(10, benefits=[ub.Benefit.FLEXIBILITY]),
            profile=person,
            kit=kit,
            seed=1,
        ),
        "prescription": ub.prescribe(
            ub.desk_reset(catalog), catalog, profile=person, kit=kit, minutes=12
        ),
    }


def main(kinds: list[str]) -> None:
    """Write one file per kind under ``v{SCHEMA_VERSION}/`` (only ``kinds``, if given)."""
    folder = HERE / f"v{ub.SCHEMA_VERSION}"
    folder.mkdir(exist_ok=True)
    for kind, value in values().items():
        if kinds and kind not in kinds:
            continue
        (folder / f"{kind}.json").write_text(ub.dumps(value, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
