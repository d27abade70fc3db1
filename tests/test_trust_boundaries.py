"""Documents from outside: exercise facts from a catalog, a program checked against its person.

Issue 17: a posted routine whose cat-camel had lost its ``features`` screened ok
for osteoporosis, and a loaded program whose weeks held exercises its own profile
excludes loaded without complaint.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback.progression.screened import check_screened

CATALOG = ub.default_catalog()
OSTEOPOROSIS = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})

# Facts a document could get wrong, each with a way to get it wrong.
CHANGES: dict[str, Any] = {
    "features": lambda e: attrs.evolve(e, features=frozenset()),
    "name": lambda e: attrs.evolve(e, name=e.name + " (edited)"),
    "cues": lambda e: attrs.evolve(e, cues=(*e.cues, "Go further.")),
    "level": lambda e: attrs.evolve(e, level=ub.Level(1 if e.level != 1 else 2)),
    "precautions": lambda e: attrs.evolve(e, precautions=()),
}


def _with(routine: ub.Routine, changes: dict[int, Any]) -> ub.Routine:
    """The routine with block ``i`` (in session order) changed by ``changes[i]``."""
    count = 0
    sections = []
    for section in routine.sections:
        blocks = []
        for block in section.blocks:
            change = changes.get(count)
            blocks.append(
                block if change is None else attrs.evolve(block, exercise=change(block.exercise))
            )
            count += 1
        sections.append(attrs.evolve(section, blocks=tuple(blocks)))
    return attrs.evolve(routine, sections=tuple(sections))


def test_a_routine_stripped_of_its_features_is_screened_on_the_catalogs_facts() -> None:
    routine = ub.Routine.of("Posted", main=[CATALOG["cat-camel"], CATALOG["wall-angel"]])
    posted = _with(routine, {0: CHANGES["features"]})
    assert ub.screen(posted, OSTEOPOROSIS).verdict is ub.Verdict.OK  # the hazard
    resolved = ub.resolve_exercises(posted, CATALOG)
    assert resolved.value == routine
    assert resolved.mismatches == (
        ub.Mismatch(
            path="$.sections[0].blocks[0].exercise", exercise_id="cat-camel", fields=["features"]
        ),
    )
    assert not resolved.agreed
    assert ub.screen(resolved.value, OSTEOPOROSIS).excluded[0].block.exercise.id == "cat-camel"


@settings(max_examples=40)
@given(
    ids=st.lists(st.sampled_from(CATALOG.ids), min_size=1, max_size=6, unique=True),
    data=st.data(),
)
def test_every_changed_fact_is_reported_and_every_exercise_is_the_catalogs(
    ids: list[str], data: st.DataObject
) -> None:
    exercises = [CATALOG[i] for i in ids]
    routine = ub.Routine.of("Any", main=exercises)
    changed = data.draw(
        st.dictionaries(
            st.integers(0, len(ids) - 1), st.sets(st.sampled_from(sorted(CHANGES)), min_size=1)
        )
    )

    def change(names: set[str]) -> Any:
        def apply(exercise: ub.Exercise) -> ub.Exercise:
            for name in sorted(names):
                exercise = CHANGES[name](exercise)
            return exercise

        return apply

    posted = _with(routine, {i: change(names) for i, names in changed.items()})
    resolved = ub.resolve_exercises(posted, CATALOG)
    assert resolved.value == routine
    expected = []
    for i in sorted(changed):
        differ = [
            f.name
            for f in attrs.fields(ub.Exercise)
            if getattr(posted.blocks[i].exercise, f.name) != getattr(exercises[i], f.name)
        ]
        if differ:
            path = f"$.sections[0].blocks[{i}].exercise"
            expected.append(ub.Mismatch(path=path, exercise_id=ids[i], fields=differ))
    assert list(resolved.mismatches) == expected
    # Resolving again changes nothing: the facts are the catalog's.
    again = ub.resolve_exercises(resolved.value, CATALOG)
    assert again.agreed
    assert again.value is resolved.value


def test_a_value_that_agrees_is_returned_as_it_is() -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["chin-tuck"]])
    resolved = ub.resolve_exercises(routine, CATALOG)
    assert resolved.value is routine
    assert resolved.agreed


def test_doses_notes_and_cautions_stay_the_documents_own() -> None:
    block = ub.Block(
        exercise=CATALOG["doorway-pec-stretch"], dose=ub.Dose(sets=1, hold_s=20), notes="Gently."
    )
    routine = ub.screen(
        ub.Routine.of("Desk", main=[block]), ub.Profile(conditions={ub.Condition.HYPERMOBILITY})
    ).safe_routine()
    posted = _with(routine, {0: CHANGES["name"]})
    resolved = ub.resolve_exercises(posted, CATALOG).value.blocks[0]
    assert (resolved.dose, resolved.notes, resolved.cautions) == (
        routine.blocks[0].dose,
        "Gently.",
        routine.blocks[0].cautions,
    )
    assert resolved.exercise == CATALOG["doorway-pec-stretch"]


def test_an_exercise_a_block_and_a_tuple_are_resolved_too() -> None:
    stripped = CHANGES["features"](CATALOG["cat-camel"])
    exercise = ub.resolve_exercises(stripped, CATALOG)
    assert exercise.value == CATALOG["cat-camel"]
    assert exercise.mismatches[0].path == "$"
    block = ub.resolve_exercises(ub.Block(exercise=stripped, dose=stripped.default_dose), CATALOG)
    assert block.mismatches[0].path == "$.exercise"
    both = ub.resolve_exercises((stripped, CATALOG["chin-tuck"]), CATALOG)
    assert both.value == (CATALOG["cat-camel"], CATALOG["chin-tuck"])
    assert [m.path for m in both.mismatches] == ["$[0]"]
    assert ub.resolve_exercises("not a value", CATALOG).value == "not a value"
    assert ub.resolve_exercises(CATALOG, CATALOG).value is CATALOG


def test_unknown_ids_are_listed_at_their_paths_with_the_closest_ids() -> None:
    routine = ub.Routine.of(
        "Posted",
        main=[
            attrs.evolve(CATALOG["chin-tuck"], id="chin-tuk"),
            CATALOG["wall-angel"],
            attrs.evolve(CATALOG["wall-angel"], id="zzzz-qqqq"),
        ],
    )
    with pytest.raises(ub.InvalidValues) as info:
        ub.resolve_exercises(routine, CATALOG)
    where = "$.sections[0].blocks"
    close = "must name an exercise of the catalog; did you mean 'chin-tuck'?"
    assert [str(p) for p in info.value.problems] == [
        f'{where}[0].exercise.id: {close} (got "chin-tuk")',
        f'{where}[2].exercise.id: must name an exercise of the catalog (got "zzzz-qqqq")',
    ]
    with pytest.raises(ub.InvalidValue) as one:
        ub.resolve_exercises(attrs.evolve(CATALOG["chin-tuck"], id="chin-tuk"), CATALOG)
    assert one.value.field == "id"


def test_the_catalog_must_be_a_catalog() -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.resolve_exercises(ub.Routine.of("Desk", main=[CATALOG["chin-tuck"]]), [])  # type: ignore[arg-type]
    assert info.value.field == "catalog"


def _program(weeks: int = 3, profile: ub.Profile | None = OSTEOPOROSIS) -> ub.Program:
    routine = ub.Routine.of("Desk", main=[CATALOG["wall-angel"], CATALOG["band-pull-apart"]])
    return ub.plan(
        routine, weeks=weeks, profile=profile, catalog=CATALOG, start=dt.date(2027, 1, 4)
    )


def test_a_programs_weeks_and_decisions_are_resolved() -> None:
    program = _program()
    renamed = CHANGES["name"]
    weeks = tuple(
        attrs.evolve(
            week,
            routine=_with(week.routine, {0: renamed}),
            decisions=tuple(
                attrs.evolve(d, block=attrs.evolve(d.block, exercise=renamed(d.block.exercise)))
                if d.at == (0, 0)
                else d
                for d in week.decisions
            ),
        )
        for week in program.weeks
    )
    posted = attrs.evolve(program, routine=_with(program.routine, {0: renamed}), weeks=weeks)
    resolved = ub.resolve_exercises(posted, CATALOG)
    assert resolved.value == program
    paths = [m.path for m in resolved.mismatches]
    assert paths[:3] == [
        "$.routine.sections[0].blocks[0].exercise",
        "$.weeks[0].routine.sections[0].blocks[0].exercise",
        "$.weeks[1].routine.sections[0].blocks[0].exercise",
    ]
    assert "$.weeks[1].decisions[0].block.exercise" in paths
    assert {m.fields for m in resolved.mismatches} == {("name",)}


def test_a_program_whose_facts_hid_an_exclusion_is_refused_once_resolved() -> None:
    routine = ub.Routine.of("Desk", main=[CHANGES["features"](CATALOG["cat-camel"])])
    program = ub.plan(routine, weeks=2, profile=OSTEOPOROSIS)  # screened on the posted facts
    with pytest.raises(ub.InvalidValue) as info:
        ub.resolve_exercises(program, CATALOG)
    assert info.value.problems[0].path == "$.routine.sections[0].blocks[0].exercise.id"
    assert "osteoporosis-flexion-rotation" in info.value.problems[0].message


def test_a_screen_report_on_other_facts_is_refused_once_resolved() -> None:
    routine = ub.Routine.of("Desk", main=[CHANGES["features"](CATALOG["cat-camel"])])
    report = ub.screen(routine, OSTEOPOROSIS)
    with pytest.raises(ub.InvalidValue) as info:
        ub.resolve_exercises(report, CATALOG)
    assert info.value.problems[0].path.startswith("$.blocks[0]")


def test_mismatches_are_values_that_check_themselves() -> None:
    with pytest.raises(ub.InvalidValue):
        ub.Mismatch(path="$", exercise_id="cat-camel", fields=[])
    with pytest.raises(ub.InvalidValue):
        ub.Mismatch(path="$", exercise_id="cat-camel", fields=["colour"])
    with pytest.raises(ub.InvalidValue):
        ub.Mismatch(path="$", exercise_id="Cat Camel", fields=["name"])
    with pytest.raises(ub.InvalidValue):
        ub.Resolved(value=1, mismatches=["cat-camel"])


# -- a program is checked against its own person -----------------------------------------


def test_a_loaded_program_with_an_excluded_exercise_is_refused_at_its_path() -> None:
    document = ub.to_dict(_program())
    blocks = document["data"]["weeks"][1]["routine"]["sections"][0]["blocks"]
    blocks.insert(
        0,
        ub.to_dict(ub.Routine.of("x", main=[CATALOG["cat-camel"]]))["data"]["sections"][0][
            "blocks"
        ][0],
    )
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document)
    [problem] = info.value.problems
    assert problem.path == "$.data.weeks[1].routine.sections[0].blocks[0].exercise.id"
    assert problem.message.startswith(
        "must not be an exercise the program's profile excludes (osteoporosis-flexion-rotation: "
    )
    assert problem.message.endswith('(got "cat-camel")')


def test_every_excluded_block_is_named() -> None:
    program = _program(weeks=2)
    bent = ub.Block(exercise=CATALOG["cat-camel"], dose=CATALOG["cat-camel"].default_dose)
    weeks = tuple(
        attrs.evolve(week, routine=attrs.evolve(week.routine, sections=(
            attrs.evolve(week.routine.sections[0], blocks=(bent, *week.routine.sections[0].blocks)),
        )))
        for week in program.weeks
    )  # fmt: skip
    with pytest.raises(ub.InvalidValues) as info:
        attrs.evolve(program, weeks=weeks)
    assert [e.field for e in info.value.errors] == [
        "weeks[0].routine.sections[0].blocks[0].exercise.id",
        "weeks[1].routine.sections[0].blocks[0].exercise.id",
    ]


def test_a_decision_that_gives_an_excluded_block_is_refused() -> None:
    program = _program(weeks=2)
    week = program.weeks[1]
    decision = week.decisions[0]
    bent = ub.Block(exercise=CATALOG["cat-camel"], dose=CATALOG["cat-camel"].default_dose)
    forged = attrs.evolve(week, decisions=(attrs.evolve(decision, block=bent), *week.decisions[1:]))
    with pytest.raises(ub.InvalidValue) as info:
        attrs.evolve(program, weeks=(program.weeks[0], forged))
    assert info.value.field == "weeks[1].decisions[0].block.exercise.id"


def test_a_program_without_a_person_holds_whatever_it_was_planned_with() -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["cat-camel"]])
    program = ub.plan(routine, weeks=2)
    check_screened(program)  # nothing to check against
    assert program.weeks[1].routine.blocks[0].exercise.id == "cat-camel"


@settings(max_examples=15)
@given(st.sampled_from(sorted(ub.Condition)), st.integers(1, 6))
def test_every_planned_program_passes_its_own_check(condition: ub.Condition, weeks: int) -> None:
    routine = ub.Routine.of("Desk", main=[CATALOG["wall-angel"], CATALOG["chin-tuck"]])
    profile = ub.Profile(conditions={condition})
    try:
        program = ub.plan(routine, weeks=weeks, profile=profile, catalog=CATALOG)
    except ub.NothingSafe:
        return
    assert ub.loads(ub.dumps(program), ub.Program) == program


@attrs.frozen(kw_only=True)
class _Holder:
    """An app's own value holding an exercise, with a field made from it."""

    exercise: ub.Exercise
    name: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "name", self.exercise.name)


def test_an_apps_own_value_is_made_again_on_the_catalogs_facts() -> None:
    held = _Holder(exercise=CHANGES["name"](CATALOG["chin-tuck"]))
    resolved = ub.resolve_exercises(held, CATALOG)
    assert resolved.value.name == CATALOG["chin-tuck"].name
    assert [m.path for m in resolved.mismatches] == ["$.exercise"]
