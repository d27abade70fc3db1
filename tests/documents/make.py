"""Builds the values whose saved documents are kept in ``tests/documents/v<N>/``.

``v1/`` holds what schema 1 wrote and is never rewritten: a later schema must
still load those files (through its migrations) into these same values.
``v2/`` holds the same values as schema 2 writes them, and besides them the
vocabulary and the document kinds schema 2 added (:func:`additions`). Regenerate the current
version's files only when adding a document kind or changing a value,
for those names only: ``python tests/documents/make.py NAME``.
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
            level=ub.Level.MODERATE,  # as saved: Goal.of leaves no level to the person
            kinds=[ub.ExerciseKind.STRENGTHENING, ub.ExerciseKind.STATIC_STRETCH],
            sessions_per_week=4,
            title="Desk worker, fifteen minutes",
        ),
        "composition": compose(
            catalog,
            ub.Goal.of(10, benefits=[ub.Benefit.FLEXIBILITY], level=ub.Level.MODERATE),
            profile=person,
            kit=kit,
            seed=1,
        ),
        "prescription": ub.prescribe(
            ub.desk_reset(catalog), catalog, profile=person, kit=kit, minutes=12
        ),
    }


def additions() -> dict[str, object]:
    """Values only schema 2 can write: its equipment, muscles with roles, kinds and media,
    and the kinds of document it added (adherence).

    And, added to schema 2 with defaults that keep older documents' meaning,
    a person over time (:func:`over_time`).
    """
    kit = ub.Kit.from_names(
        [kind for kind in ub.PropKind if kind is not ub.PropKind.OTHER], height_cm=178
    ).with_props(
        ub.Dumbbell(mass_kg=2),
        ub.Kettlebell(mass_kg=8),
        ub.WeightPlate(mass_kg=2.5),
        ub.OtherProp(name="sandbag"),
    )
    row = ub.Exercise(
        id="prone-dumbbell-row",
        name="Prone dumbbell row",
        kind=ub.ExerciseKind.STRENGTHENING,
        position=ub.Position.PRONE,
        targets={ub.Muscle.RHOMBOIDS, ub.Muscle.MIDDLE_TRAPEZIUS},
        secondary_targets={ub.Muscle.BICEPS, ub.Muscle.POSTERIOR_DELTOID, ub.Muscle.FOREARMS},
        cues=["Lie face down on a bench, a light dumbbell in each hand.", "Row to the ribs."],
        default_dose=ub.Dose(sets=2, reps=10, rest_s=60),
        props=[
            ub.PropNeed(kind=ub.PropKind.BENCH),
            ub.PropNeed(kind=ub.PropKind.DUMBBELL),
            ub.PropNeed.named("other:sandbag", required=False),
        ],
        features={ub.Feature.PRONE, ub.Feature.EXTERNAL_LOAD},
        media=[
            ub.Media(
                url="https://example.org/prone-row-0.jpg",
                kind=ub.MediaKind.IMAGE,
                alt="Lying face down on a bench, pulling two dumbbells up to the ribs",
                author="Example Studio",
                licence="CC-BY-SA-4.0",
                source_url="https://example.org/prone-row",
            ),
            ub.Media(url="videos/prone-row.mp4", kind=ub.MediaKind.VIDEO, alt="The row, slowly"),
        ],
    )
    release = ub.Exercise(
        id="upper-back-ball-release",
        name="Upper-back ball release",
        kind=ub.ExerciseKind.SELF_MASSAGE,
        position=ub.Position.STANDING,
        targets={ub.Muscle.RHOMBOIDS},
        secondary_targets={ub.Muscle.MIDDLE_TRAPEZIUS},
        cues=["Lean a massage ball between the shoulder blade and a wall.", "Roll slowly."],
        default_dose=ub.Dose(sets=1, hold_s=60, per_side=True),
        laterality=ub.Laterality.UNILATERAL,
        props=[ub.PropNeed(kind=ub.PropKind.MASSAGE_BALL), ub.PropNeed(kind=ub.PropKind.WALL)],
    )
    first = values()
    program = first["program"]
    log = first["session_log"]
    assert isinstance(program, ub.Program)
    assert isinstance(log, ub.SessionLog)
    return {
        "adherence": ub.adherence(program, [log], on=log.date + dt.timedelta(days=9)),
        "kit-equipment": kit,
        "exercise-dumbbell-row": row,
        "catalog-new-vocabulary": ub.Catalog(exercises=[row, release]),
        **over_time(),
    }


def over_time() -> dict[str, object]:
    """A person over time: a profile with dated facts, and a program that follows them."""
    catalog = ub.default_catalog()
    start = dt.date(2027, 1, 4)
    person = ub.Profile(
        conditions={ub.Condition.HYPERMOBILITY},
        height_cm=165,
        pregnancy=ub.Pregnancy(
            due=dt.date(2027, 4, 1),
            ended=dt.date(2027, 3, 20),
            cleared=dt.date(2027, 5, 5),
            clearance_note="Six-week check with the midwife, 5 May 2027.",
        ),
        injuries=[ub.Injury(on=dt.date(2027, 1, 13), note="Pulled a muscle lifting a box.")],
        surgeries=[
            ub.Surgery(
                on=dt.date(2026, 9, 1),
                cleared=dt.date(2026, 10, 13),
                clearance_note="Surgeon's letter, 13 October 2026.",
                note="Knee arthroscopy.",
            )
        ],
        dated_conditions=[
            ub.DatedCondition(
                condition=ub.Condition.SHOULDER_INSTABILITY,
                start=dt.date(2027, 2, 1),
                end=dt.date(2027, 3, 1),
                note="Until the shoulder review.",
            )
        ],
    )
    # Four weeks: an injury in week 2, past its first days in week 3; a pregnancy
    # that ends in week 2 and is cleared in week 4.
    mother = ub.Profile(
        pregnancy=ub.Pregnancy(
            due=dt.date(2027, 1, 20),
            ended=dt.date(2027, 1, 12),
            cleared=dt.date(2027, 1, 22),
            clearance_note="Check with the midwife, 22 January 2027.",
        ),
        injuries=[ub.Injury(on=dt.date(2027, 1, 13))],
    )
    routine = ub.Routine.of(
        "Back care",
        main=[catalog["prone-cobra"], catalog["band-pull-apart"]],
        cool_down=[catalog["doorway-pec-stretch"]],
    )
    program = ub.plan(routine, weeks=4, start=start, profile=mother)
    return {"profile-dated": person, "program-person": program}


def main(names: list[str]) -> None:
    """Write one file per value under ``v{SCHEMA_VERSION}/`` (only ``names``, if given)."""
    folder = HERE / f"v{ub.SCHEMA_VERSION}"
    folder.mkdir(exist_ok=True)
    for name, value in {**values(), **additions()}.items():
        if names and name not in names:
            continue
        (folder / f"{name}.json").write_text(ub.dumps(value, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
