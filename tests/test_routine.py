"""Tests of routines: validation, timing, the session script, coverage and composition."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ust
from upperback._codec.converter import default_converter
from upperback.dose import MAX_HOLD_S, MAX_REPS, MAX_REST_S, MAX_SETS
from upperback.interop import free_exercise_db
from upperback.routine import (
    SWITCH_SIDES_S,
    TRANSITION_S,
    Block,
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
from upperback.routine.model import slugify
from upperback.vocab import ExerciseKind, Laterality

M = ub.Muscle
K = ExerciseKind


def ex(
    id: str = "a",  # noqa: A002
    *,
    kind: ExerciseKind = K.STRENGTHENING,
    targets: Any = (M.RHOMBOIDS,),
    laterality: Laterality = Laterality.BILATERAL,
    dose: ub.Dose | None = None,
    props: Any = (),
    **kwargs: Any,
) -> ub.Exercise:
    return ub.Exercise(
        id=id,
        name=id.replace("-", " ").capitalize(),
        kind=kind,
        position=ub.Position.STANDING,
        targets=frozenset(targets),
        cues=("Move slowly.",),
        default_dose=dose or ub.Dose(sets=2, reps=10),
        laterality=laterality,
        props=tuple(ub.PropNeed(kind=p) for p in props),
        **kwargs,
    )


def block(exercise: ub.Exercise | None = None, **dose: Any) -> Block:
    return Block(exercise=exercise or ex(), dose=ub.Dose(**dose) if dose else None)  # type: ignore[arg-type]


def bl(exercise: ub.Exercise, **dose: Any) -> Block:
    return Block(exercise=exercise, dose=ub.Dose(**dose))


def routine(*sections: Section, **kwargs: Any) -> Routine:
    return Routine(
        id=kwargs.pop("id", "r"), title=kwargs.pop("title", "R"), sections=sections, **kwargs
    )


def main(*blocks: Block, **kwargs: Any) -> Section:
    return Section(role=SectionRole.MAIN, blocks=blocks, **kwargs)


def raises(field: str, value: Any, fn: Any, *args: Any, **kwargs: Any) -> ub.InvalidValue:
    with pytest.raises(ub.InvalidValue) as info:
        fn(*args, **kwargs)
    assert info.value.field == field
    assert info.value.value == value
    assert repr(field) in str(info.value)
    return info.value


# Drawing whole exercises is slow (every text field is drawn), so most properties draw
# blocks of a fixed pool that covers every kind, laterality and prop need.
def _pool() -> tuple[ub.Exercise, ...]:
    one, alt = Laterality.UNILATERAL, Laterality.ALTERNATING
    return (
        ex(
            "ball-ext",
            kind=K.STATIC_STRETCH,
            targets=(M.THORACIC_ERECTOR_SPINAE, M.PECTORALIS_MAJOR),
            props=(ub.PropKind.SWISS_BALL,),
            easier="chair-ext",
            benefits=frozenset({ub.Benefit.FLEXIBILITY}),
        ),
        ex(
            "chair-ext",
            kind=K.DYNAMIC_MOBILITY,
            targets=(M.THORACIC_ERECTOR_SPINAE,),
            props=(ub.PropKind.CHAIR,),
            harder="ball-ext",
            movements=frozenset({ub.Movement.EXTENSION}),
        ),
        ex(
            "pec-stretch",
            kind=K.PNF_STRETCH,
            targets=(M.PECTORALIS_MAJOR, M.PECTORALIS_MINOR),
            laterality=one,
            props=(ub.PropKind.DOORWAY,),
            dose=ub.Dose(sets=2, hold_s=30, per_side=True),
        ),
        ex(
            "band-row",
            targets=(M.RHOMBOIDS, M.MIDDLE_TRAPEZIUS),
            props=(ub.PropKind.RESISTANCE_BAND,),
            benefits=frozenset({ub.Benefit.STRENGTHEN_BACK}),
        ),
        ex("prone-y", targets=(M.LOWER_TRAPEZIUS, M.MIDDLE_TRAPEZIUS), props=(ub.PropKind.MAT,)),
        ex(
            "chin-tuck",
            kind=K.MOTOR_CONTROL,
            targets=(M.DEEP_NECK_FLEXORS,),
            dose=ub.Dose(reps=10, hold_s=5),
        ),
        ex(
            "thread-needle",
            kind=K.STATIC_STRETCH,
            targets=(M.RHOMBOIDS,),
            laterality=alt,
            dose=ub.Dose(sets=2, hold_s=20),
        ),
        ex("breathing", kind=K.BREATHING, targets=(M.SCALENES,), dose=ub.Dose(reps=5)),
    )


POOL = _pool()
fast_blocks = ust.blocks(exercises=st.sampled_from(POOL))
fast_routines = ust.routines(blocks=fast_blocks, max_blocks=3)
small_routines = ust.routines(blocks=fast_blocks, max_sections=2, max_blocks=2)
# Tests that draw several routines at once: a draw takes 20-100 ms under coverage on a
# loaded machine, which trips the too_slow health check though nothing is wrong.
several_routines = settings(suppress_health_check=[HealthCheck.too_slow])


# --- Validation: an invalid routine cannot be built ---------------------------------------


class TestBlock:
    def test_default_dose_is_the_exercises(self) -> None:
        exercise = ex(dose=ub.Dose(sets=3, reps=8))
        assert Block(exercise=exercise).dose == ub.Dose(sets=3, reps=8)

    def test_of(self) -> None:
        b = bl(ex(), sets=1, reps=5)
        assert Block.of(b) is b
        assert Block.of(ex()) == Block(exercise=ex())

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"exercise": "cat-camel"}, "exercise"),
            ({"exercise": ex(), "dose": 3}, "dose"),
            ({"exercise": ex(), "notes": " padded "}, "notes"),
            ({"exercise": ex(), "dose": ub.Dose(reps=1, per_side=True)}, "dose.per_side"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], field: str) -> None:
        with pytest.raises(ub.InvalidValue) as info:
            Block(**kwargs)
        assert info.value.field == field


class TestSection:
    @pytest.mark.parametrize(
        ("kwargs", "field", "value"),
        [
            ({"blocks": ()}, "blocks", ()),
            ({"blocks": ("x",)}, "blocks[0]", "x"),
            ({"role": "main"}, "role", "main"),
            ({"structure": "straight"}, "structure", "straight"),
            ({"structure": Structure.CIRCUIT, "rounds": 0}, "rounds", 0),
            ({"structure": Structure.CIRCUIT, "rounds": 11}, "rounds", 11),
            ({"rounds": 2}, "rounds", 2),
            ({"rest_between_rounds_s": 30}, "rest_between_rounds_s", 30),
            (
                {"structure": Structure.CIRCUIT, "rest_between_rounds_s": 301},
                "rest_between_rounds_s",
                301,
            ),
            ({"structure": Structure.SUPERSET}, "blocks", 1),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], field: str, value: Any) -> None:
        arguments = {"role": SectionRole.MAIN, "blocks": (bl(ex(), reps=1),), **kwargs}
        error = raises(field, value, Section, **arguments)
        if field == "blocks" and value == 1:
            assert "superset" in str(error)


class TestRoutineValidation:
    @pytest.mark.parametrize(
        ("kwargs", "field", "value"),
        [
            ({"sections": ()}, "sections", ()),
            ({"sections": ("x",)}, "sections[0]", "x"),
            ({"id": "Not a slug"}, "id", "Not a slug"),
            ({"title": ""}, "title", ""),
            ({"sessions_per_week": 0}, "sessions_per_week", 0),
            ({"sessions_per_week": 8}, "sessions_per_week", 8),
            ({"tags": 3}, "tags", 3),
            ({"tags": [" x"]}, "tags[0]", " x"),
            ({"notes": ""}, "notes", ""),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], field: str, value: Any) -> None:
        arguments = {"id": "r", "title": "R", "sections": (main(bl(ex(), reps=1)),), **kwargs}
        raises(field, value, Routine, **arguments)

    def test_warm_up_after_main(self) -> None:
        sections = (
            main(bl(ex(), reps=1)),
            Section(role=SectionRole.WARM_UP, blocks=(bl(ex(), reps=1),)),
        )
        error = raises("sections[1].role", "warm_up", routine, *sections)
        assert "warm_up, then main, then cool_down" in str(error)

    def test_of_builds_straight_sections_in_order(self) -> None:
        a, b, c = ex("a"), ex("b"), ex("c")
        r = Routine.of(
            "Desk reset", cool_down=[c], warm_up=[a], main=[bl(b, reps=3)], tags=["desk"]
        )
        assert r.id == "desk-reset"
        assert [s.role for s in r.sections] == list(SectionRole)
        assert [b.exercise.id for b in r.blocks] == ["a", "b", "c"]
        assert r.tags == frozenset({"desk"})
        assert Routine.of("X", main=[a], id="given").id == "given"
        assert [s.role for s in Routine.of("X", main=[a]).sections] == [SectionRole.MAIN]

    def test_tags_as_one_string_are_refused_both_ways(self) -> None:
        # Regression: Routine.of(..., tags="desk") gave the tags {'d', 'e', 's', 'k'}.
        a = ex("a")
        raises("tags", "desk", Routine.of, "X", main=[a], tags="desk")
        raises(
            "tags", "desk", Routine, id="x", title="X", sections=[main(bl(a, reps=1))], tags="desk"
        )
        assert Routine.of("X", main=[a], tags=("desk",)).tags == frozenset({"desk"})

    def test_of_with_nothing_is_an_error(self) -> None:
        raises("sections", (), Routine.of, "Empty")

    def test_slugify(self) -> None:
        assert slugify("Desk reset!") == "desk-reset"
        assert slugify("!!!") == "routine"
        assert slugify(3) == "routine"

    @given(st.text(max_size=200))
    @example("x" * 79 + " y")
    @example("Band_Pull_Apart")
    def test_one_slug_rule_for_titles_and_dataset_ids(self, title: str) -> None:
        made = slugify(title)
        assert ub.Routine.of("T", main=[ex()], id=made).id == made
        if free_exercise_db.slugify(title):
            assert made == free_exercise_db.slugify(title)
        else:
            assert made == "routine"


# --- Timing and the session script ----------------------------------------------------------


class TestDuration:
    def test_straight_bilateral_reps(self) -> None:
        # 2 sets of 10 reps at the default 3 s tempo, 30 s rest between.
        r = routine(main(bl(ex(), sets=2, reps=10, rest_s=30)))
        assert r.duration() == dt.timedelta(seconds=TRANSITION_S + 2 * 30 + 30)

    def test_unilateral_per_side_switches_sides(self) -> None:
        one_sided = ex(laterality=Laterality.UNILATERAL)
        r = routine(main(bl(one_sided, sets=2, hold_s=30, rest_s=30, per_side=True)))
        per_set = 30 + SWITCH_SIDES_S + 30
        assert r.duration().total_seconds() == TRANSITION_S + 2 * per_set + 30

    def test_alternating_doubles_without_a_switch(self) -> None:
        alternating = ex(laterality=Laterality.ALTERNATING)
        r = routine(main(bl(alternating, sets=1, reps=5, tempo_s=2, per_side=True)))
        assert r.duration().total_seconds() == TRANSITION_S + 5 * 2 * 2

    def test_superset_alternates_sets(self) -> None:
        a = bl(ex("a"), sets=3, reps=5, rest_s=20)  # 15 s a set
        b = bl(ex("b"), sets=2, hold_s=10, rest_s=40)  # 10 s a set
        section = main(a, b, structure=Structure.SUPERSET)
        pair = (TRANSITION_S + 15) + (TRANSITION_S + 10)
        expected = pair + 40 + pair + 40 + (TRANSITION_S + 15)
        assert section.duration().total_seconds() == expected
        kinds = [(s.kind, s.exercise_id) for s in routine(section).session_script()]
        assert [e for k, e in kinds if k is StepKind.WORK] == ["a", "b", "a", "b", "a"]

    def test_circuit_rounds(self) -> None:
        a = bl(ex("a"), sets=1, reps=10)  # 30 s
        b = bl(ex("b"), sets=2, hold_s=20, rest_s=10)  # 50 s
        section = main(a, b, structure=Structure.CIRCUIT, rounds=3, rest_between_rounds_s=60)
        one_round = (TRANSITION_S + 30) + (TRANSITION_S + 50)
        assert section.duration().total_seconds() == 3 * one_round + 2 * 60
        rounds = [
            s.round_number for s in routine(section).session_script() if s.kind is StepKind.WORK
        ]
        assert rounds == [1, 1, 1, 2, 2, 2, 3, 3, 3]

    def test_routine_is_the_sum_of_its_sections(self) -> None:
        warm = Section(role=SectionRole.WARM_UP, blocks=(bl(ex("w"), hold_s=20),))
        r = routine(warm, main(bl(ex(), reps=4)))
        assert r.duration() == sum((s.duration() for s in r.sections), dt.timedelta())


class TestSessionScript:
    def test_steps_of_a_per_side_stretch(self) -> None:
        stretch = ex("side-bend", kind=K.STATIC_STRETCH, laterality=Laterality.UNILATERAL)
        r = routine(
            main(
                bl(stretch, sets=2, hold_s=20, rest_s=15, per_side=True),
                bl(ex("row"), reps=2, rest_s=0),
            )
        )
        script = r.session_script()
        assert [(s.kind, s.side) for s in script] == [
            (StepKind.GET_READY, None),
            (StepKind.WORK, Side.LEFT),
            (StepKind.SWITCH_SIDES, None),
            (StepKind.WORK, Side.RIGHT),
            (StepKind.REST, None),
            (StepKind.WORK, Side.LEFT),
            (StepKind.SWITCH_SIDES, None),
            (StepKind.WORK, Side.RIGHT),
            (StepKind.TRANSITION, None),
            (StepKind.WORK, None),
        ]
        assert script[0].cue == "Get ready: Side bend"
        assert script[1].cue == "Side bend: set 1 of 2, 20 s hold, left side"
        assert script[1].hold_s == 20
        assert script[-2].cue == "Next: Row"
        assert script[-1].reps == 2
        assert script[4].seconds == 15

    def test_cues_describe_reps_with_holds_and_alternating(self) -> None:
        alternating = ex(laterality=Laterality.ALTERNATING)
        r = routine(main(bl(alternating, reps=4, hold_s=3, per_side=True)))
        assert (
            r.session_script()[1].cue == "A: set 1 of 1, 4 reps, 3 s hold each, alternating sides"
        )

    def test_rest_between_rounds_and_passes(self) -> None:
        circuit = main(
            bl(ex("a"), reps=1), structure=Structure.CIRCUIT, rounds=2, rest_between_rounds_s=45
        )
        rests = [s for s in routine(circuit).session_script() if s.kind is StepKind.REST]
        assert [(s.seconds, s.exercise_id) for s in rests] == [(45, None)]
        assert rests[0].cue == "Rest 45 s before round 2 of 2"
        superset = main(
            bl(ex("a"), sets=2, reps=1, rest_s=0),
            bl(ex("b"), sets=2, reps=1, rest_s=0),
            structure=Structure.SUPERSET,
        )
        assert not [s for s in routine(superset).session_script() if s.kind is StepKind.REST]

    @given(fast_routines)
    def test_duration_is_the_scripts_seconds(self, r: Routine) -> None:
        script = r.session_script()
        assert r.duration() == dt.timedelta(seconds=sum(s.seconds for s in script))
        assert script[0].kind is StepKind.GET_READY
        assert sum(s.kind is StepKind.GET_READY for s in script) == 1
        assert sum((s.duration() for s in r.sections), dt.timedelta()) == r.duration()


# --- Coverage -------------------------------------------------------------------------------


class TestCoverage:
    def test_counts_work_per_target_region_movement_benefit(self) -> None:
        stretch = ex(
            "pec",
            kind=K.STATIC_STRETCH,
            targets=(M.PECTORALIS_MAJOR, M.PECTORALIS_MINOR),
            movements=frozenset({ub.Movement.SHOULDER_HORIZONTAL_ABDUCTION}),
            benefits=frozenset({ub.Benefit.FLEXIBILITY}),
        )
        row = ex("row", targets=(M.RHOMBOIDS,), benefits=frozenset({ub.Benefit.STRENGTHEN_BACK}))
        r = routine(
            main(bl(stretch, sets=2, hold_s=30), structure=Structure.CIRCUIT, rounds=2),
            Section(role=SectionRole.COOL_DOWN, blocks=(bl(row, sets=1, reps=10),)),
        )
        coverage = r.coverage()
        assert coverage.work_s == 2 * 2 * 30 + 30
        assert coverage.muscles == (
            (M.RHOMBOIDS, 30),
            (M.PECTORALIS_MAJOR, 120),
            (M.PECTORALIS_MINOR, 120),
        )
        assert coverage.regions == ((ub.Region.SHOULDER_BLADES, 30), (ub.Region.CHEST, 120))
        assert coverage.movements == ((ub.Movement.SHOULDER_HORIZONTAL_ABDUCTION, 120),)
        assert coverage.benefits == (
            (ub.Benefit.STRENGTHEN_BACK, 30),
            (ub.Benefit.FLEXIBILITY, 120),
        )
        assert coverage.stretches == ((M.PECTORALIS_MAJOR, 120), (M.PECTORALIS_MINOR, 120))
        assert coverage.strengthens == ((M.RHOMBOIDS, 30),)
        assert coverage.seconds(M.PECTORALIS_MINOR) == 120
        assert coverage.seconds(ub.Region.CHEST) == 120
        assert coverage.seconds(ub.Movement.EXTENSION) == 0
        assert coverage.seconds(ub.Benefit.FLEXIBILITY) == 120
        raises("item", "rhomboids", coverage.seconds, "rhomboids")

    def test_breathing_neither_stretches_nor_strengthens(self) -> None:
        breathing = ex(kind=K.BREATHING, targets=(M.SCALENES,))
        coverage = routine(main(bl(breathing, hold_s=5))).coverage()
        assert coverage.muscles == ((M.SCALENES, 5),)
        assert coverage.stretches == coverage.strengthens == ()

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"work_s": -1}, "work_s"),
            ({"muscles": 3}, "muscles"),
            ({"muscles": ((M.RHOMBOIDS,),)}, "muscles[0]"),
            ({"muscles": ((ub.Region.NECK, 3),)}, "muscles[0]"),
            ({"regions": ((ub.Region.NECK, 0),)}, "regions[0][1]"),
            (
                {"benefits": ((ub.Benefit.FLEXIBILITY, 1), (ub.Benefit.STRETCH_UPPER_SPINE, 1))},
                "benefits[1]",
            ),
            ({"stretches": ((M.RHOMBOIDS, 1), (M.RHOMBOIDS, 1))}, "stretches[1]"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], field: str) -> None:
        with pytest.raises(ub.InvalidValue) as info:
            Coverage(**kwargs)
        assert info.value.field == field
        assert repr(field) in str(info.value)

    def test_add_refuses_other_types(self) -> None:
        with pytest.raises(TypeError):
            Coverage() + 1


# --- Composition ----------------------------------------------------------------------------


class TestAdd:
    def test_fields_of_the_result(self) -> None:
        a = routine(
            main(bl(ex("a"), reps=1)), id="left", title="Left", sessions_per_week=5, tags={"x"}
        )
        b = routine(
            main(bl(ex("b"), reps=1)),
            id="right",
            title="Right",
            sessions_per_week=2,
            tags={"y"},
            notes="Go easy",
        )
        joined = a + b
        assert (joined.id, joined.title) == ("left", "Left")
        assert joined.sessions_per_week == 2
        assert joined.tags == {"x", "y"}
        assert joined.notes == "Go easy"
        assert (attrs.evolve(a, notes="Mine") + b).notes == "Mine"

    def test_sections_join_by_role(self) -> None:
        warm = Section(role=SectionRole.WARM_UP, blocks=(bl(ex("w"), reps=1),))
        cool = Section(role=SectionRole.COOL_DOWN, blocks=(bl(ex("c"), hold_s=10),))
        a = routine(main(bl(ex("a1"), reps=1)), cool)
        b = routine(warm, main(bl(ex("b1"), reps=1)))
        joined = a + b
        assert [s.role for s in joined.sections] == list(SectionRole)
        assert [b.exercise.id for b in joined.sections[1].blocks] == ["a1", "b1"]
        assert [b.exercise.id for b in joined.blocks] == ["w", "a1", "b1", "c"]

    def test_only_straight_sections_merge(self) -> None:
        circuit = main(bl(ex("c"), reps=1), structure=Structure.CIRCUIT, rounds=2)
        straight = main(bl(ex("s"), reps=1))
        joined = routine(straight) + routine(circuit)
        assert [s.structure for s in joined.sections] == [Structure.STRAIGHT, Structure.CIRCUIT]

    def test_refuses_other_types(self) -> None:
        with pytest.raises(TypeError):
            routine(main(bl(ex(), reps=1))) + 1

    @several_routines
    @given(fast_routines, fast_routines)
    def test_durations_and_coverage_add_up(self, a: Routine, b: Routine) -> None:
        joined = a + b
        assert joined.duration() == a.duration() + b.duration()
        assert joined.coverage() == a.coverage() + b.coverage()
        assert len(joined.blocks) == len(a.blocks) + len(b.blocks)
        assert {m for m, _ in joined.coverage().muscles} == {m for m, _ in a.coverage().muscles} | {
            m for m, _ in b.coverage().muscles
        }

    @several_routines
    @given(small_routines, small_routines, small_routines)
    def test_associative(self, a: Routine, b: Routine, c: Routine) -> None:
        assert (a + b) + c == a + (b + c)


class TestMapReplaceWithout:
    def r(self) -> Routine:
        superset = main(bl(ex("a"), reps=5), bl(ex("b"), reps=5), structure=Structure.SUPERSET)
        cool = Section(
            role=SectionRole.COOL_DOWN, blocks=(bl(ex("c", kind=K.STATIC_STRETCH), hold_s=20),)
        )
        return routine(superset, cool)

    def test_map_doses_gets_the_block(self) -> None:
        doubled = self.r().map_doses(lambda b: attrs.evolve(b.dose, sets=b.dose.sets * 2))
        assert [b.dose.sets for b in doubled.blocks] == [2, 2, 2]
        stretches_only = self.r().map_doses(
            lambda b: attrs.evolve(b.dose, hold_s=30) if b.exercise.kind.is_stretch else b.dose
        )
        assert [b.dose.hold_s for b in stretches_only.blocks] == [None, None, 30]

    def test_map_doses_errors_name_the_block(self) -> None:
        raises("sections[0].blocks[0].dose", "x", self.r().map_doses, lambda _: "x")
        raises(
            "sections[0].blocks[0].dose.per_side",
            True,  # noqa: FBT003
            self.r().map_doses,
            lambda b: attrs.evolve(b.dose, per_side=True),
        )

    def test_replace(self) -> None:
        new = ex("z", dose=ub.Dose(sets=3, reps=6))
        replaced = self.r().replace("b", new)
        assert [b.exercise.id for b in replaced.blocks] == ["a", "z", "c"]
        assert replaced.blocks[1].dose == ub.Dose(sets=3, reps=6)
        twice = routine(main(bl(ex("a"), reps=1), bl(ex("a"), reps=2)))
        assert [b.dose.reps for b in twice.replace("a", bl(ex("q"), reps=9)).blocks] == [9, 9]
        raises("exercise_id", "nope", self.r().replace, "nope", new)

    def test_without(self) -> None:
        r = self.r()
        no_b = r.without("b")
        assert no_b.sections[0].structure is Structure.STRAIGHT
        assert [b.exercise.id for b in no_b.blocks] == ["a", "c"]
        no_c = r.without("c")
        assert [s.role for s in no_c.sections] == [SectionRole.MAIN]
        raises("exercise_id", "nope", r.without, "nope")
        error = raises("exercise_id", "a", routine(main(bl(ex("a"), reps=1))).without, "a")
        assert "only exercise" in str(error)


# --- Scaling --------------------------------------------------------------------------------


def stretch_routine() -> Routine:
    stretch = ex("pec", kind=K.STATIC_STRETCH, dose=ub.Dose(sets=2, hold_s=30))
    row = ex("row")
    return routine(
        main(bl(row, sets=3, reps=10, rest_s=60), bl(stretch, sets=4, hold_s=30, rest_s=15))
    )


class TestScaled:
    def test_shortens_within_the_rules(self) -> None:
        r = stretch_routine()
        assert r.duration().total_seconds() == (10 + 90 + 120) + (10 + 120 + 45)  # 395 s
        result = ub.scale(r, minutes=5)
        assert result.met
        assert result.duration <= dt.timedelta(minutes=5)
        assert result.budget_s == 300
        after = {b.exercise.id: b.dose for b in result.routine.blocks}
        assert after["row"].sets >= 1
        assert 2 <= after["pec"].sets <= 4
        assert after["pec"].hold_s is not None
        assert 10 <= after["pec"].hold_s <= 30
        assert {c.exercise_id for c in result.changes} <= {"row", "pec"}
        for change in result.changes:
            assert change.before != change.after
            assert "shortened" in change.reason
            assert "300 s" in change.reason

    def test_reports_a_budget_it_cannot_meet(self) -> None:
        result = ub.scale(stretch_routine(), minutes=1)
        assert not result.met
        assert [b.exercise.id for b in result.routine.blocks] == ["row", "pec"]
        after = {b.exercise.id: b.dose for b in result.routine.blocks}
        assert after["row"].sets == 1
        assert (after["pec"].sets, after["pec"].hold_s) == (2, 10)

    def test_lengthens_up_to_the_budget(self) -> None:
        r = routine(
            main(
                bl(ex("row"), sets=1, reps=10),
                bl(ex("pec", kind=K.STATIC_STRETCH), sets=2, hold_s=10),
            )
        )
        result = ub.scale(r, minutes=10)
        after = {b.exercise.id: b.dose for b in result.routine.blocks}
        assert result.met
        assert after["row"].sets == 4
        assert (after["pec"].sets, after["pec"].hold_s) == (4, 30)
        assert all("lengthened" in c.reason for c in result.changes)

    def test_leaves_out_of_range_stretches_alone_when_lengthening(self) -> None:
        r = routine(main(bl(ex("pec", kind=K.STATIC_STRETCH), sets=5, hold_s=60)))
        result = ub.scale(r, minutes=30)
        assert result.routine == r
        assert result.changes == ()

    def test_pulls_long_holds_into_range_when_shortening(self) -> None:
        r = routine(main(bl(ex("pec", kind=K.STATIC_STRETCH), sets=2, hold_s=60, rest_s=0)))
        result = ub.scale(r, minutes=1)
        assert result.routine.blocks[0].dose.hold_s == 25
        assert result.met

    @pytest.mark.parametrize("minutes", [0, 0.5, 241, float("nan"), "10", True])
    def test_invalid_minutes(self, minutes: Any) -> None:
        with pytest.raises(ub.InvalidValue, match="'minutes' must be a number") as info:
            ub.scale(stretch_routine(), minutes=minutes)
        assert info.value.field == "minutes"
        assert info.value.value is minutes

    @given(fast_routines, st.integers(1, 60))
    def test_properties(self, r: Routine, minutes: int) -> None:
        result = ub.scale(r, minutes=minutes)
        budget = minutes * 60
        before, after = r.duration().total_seconds(), result.duration.total_seconds()
        if before > budget:
            assert after <= before
            assert result.met == (after <= budget)
        else:
            assert before <= after <= budget
            assert result.met
        assert [b.exercise for b in result.routine.blocks] == [b.exercise for b in r.blocks]
        for old, new in zip(r.blocks, result.routine.blocks, strict=True):
            dose = new.dose
            assert 1 <= dose.sets <= MAX_SETS
            assert dose.hold_s is None or 1 <= dose.hold_s <= MAX_HOLD_S
            assert (dose.reps, dose.tempo_s, dose.rest_s) == (
                old.dose.reps,
                old.dose.tempo_s,
                old.dose.rest_s,
            )
            if dose.hold_s != old.dose.hold_s and old.exercise.kind.is_stretch:
                assert dose.hold_s is not None
                assert 10 <= dose.hold_s <= 30
        changed = [
            (i, j)
            for i, s in enumerate(r.sections)
            for j, b in enumerate(s.blocks)
            if result.routine.sections[i].blocks[j] != b
        ]
        assert [(c.section, c.block) for c in result.changes] == changed


# --- Substitution ---------------------------------------------------------------------------


BALL = ub.PropKind.SWISS_BALL
BAND = ub.PropKind.RESISTANCE_BAND
WALL = ub.PropKind.WALL


class TestSubstitute:
    original = ex(
        "ball-ext",
        kind=K.STATIC_STRETCH,
        targets=(M.THORACIC_ERECTOR_SPINAE, M.PECTORALIS_MAJOR),
        props=(BALL,),
        dose=ub.Dose(sets=3, hold_s=20),
        easier="chair-ext",
    )

    def r(self, dose: ub.Dose | None = None) -> Routine:
        return routine(
            main(
                Block(
                    exercise=self.original,
                    dose=dose or ub.Dose(sets=2, hold_s=30),
                    notes="Breathe out",
                )
            )
        )

    def test_prefers_same_targets_and_kind(self) -> None:
        same = ex(
            "wall-ext",
            kind=K.STATIC_STRETCH,
            targets=self.original.targets,
            props=(WALL,),
            dose=ub.Dose(hold_s=15),
        )
        chain = ex("chair-ext", kind=K.DYNAMIC_MOBILITY, targets=(M.THORACIC_ERECTOR_SPINAE,))
        result = ub.substitute(self.r(), ub.Kit.everyday(), [chain, same, self.original])
        assert [s.replacement_id for s in result.substitutions] == ["wall-ext"]
        new = result.routine.blocks[0]
        assert new.exercise == same
        assert new.dose == ub.Dose(sets=2, hold_s=30)  # same shape: kept
        assert new.notes == "Breathe out"
        assert "same target muscles and kind" in result.substitutions[0].reason
        assert "swiss_ball" in result.substitutions[0].reason
        assert result.unsatisfied == ()

    def test_a_stretch_is_not_replaced_by_strengthening_for_shared_muscles(self) -> None:
        strong = ex("a-strong", kind=K.STRENGTHENING, targets=self.original.targets, props=(WALL,))
        result = ub.substitute(self.r(), ub.Kit.everyday(), [strong])
        assert result.substitutions[0].replacement_id is None
        mobility = ex("b-mob", kind=K.DYNAMIC_MOBILITY, targets=(M.PECTORALIS_MAJOR,))
        result = ub.substitute(self.r(), ub.Kit.everyday(), [strong, mobility])
        assert result.routine.blocks[0].exercise.id == "b-mob"

    def test_avoids_turning_two_blocks_into_the_same_exercise(self) -> None:
        other = ex("band-ext", kind=K.STATIC_STRETCH, targets=self.original.targets, props=(BAND,))
        best = ex("wall-ext", kind=K.STATIC_STRETCH, targets=self.original.targets, props=(WALL,))
        second = ex("a-near", kind=K.STATIC_STRETCH, targets=(M.PECTORALIS_MAJOR,), props=(WALL,))
        two = routine(main(bl(self.original, sets=2, hold_s=30), bl(other, sets=2, hold_s=30)))
        result = ub.substitute(two, ub.Kit.everyday(), [best, second])
        assert [b.exercise.id for b in result.routine.blocks] == ["wall-ext", "a-near"]
        # With nothing else that fits, a repeat is still better than no substitute.
        result = ub.substitute(two, ub.Kit.everyday(), [best])
        assert [b.exercise.id for b in result.routine.blocks] == ["wall-ext", "wall-ext"]

    def test_prefers_an_exercise_not_already_in_the_routine(self) -> None:
        best = ex("wall-ext", kind=K.STATIC_STRETCH, targets=self.original.targets, props=(WALL,))
        second = ex("a-near", kind=K.STATIC_STRETCH, targets=(M.PECTORALIS_MAJOR,))
        present = routine(main(bl(self.original, sets=2, hold_s=30), bl(best, sets=1, hold_s=20)))
        result = ub.substitute(present, ub.Kit.everyday(), [best, second])
        assert [b.exercise.id for b in result.routine.blocks] == ["a-near", "wall-ext"]

    def test_then_chain_neighbours_then_overlap(self) -> None:
        chain = ex("chair-ext", kind=K.DYNAMIC_MOBILITY, targets=(M.TRICEPS,), dose=ub.Dose(reps=8))
        overlap = ex("b-overlap", kind=K.STATIC_STRETCH, targets=(M.PECTORALIS_MAJOR,))
        result = ub.substitute(self.r(), ub.Kit(), [overlap, chain])
        assert result.routine.blocks[0].exercise.id == "chair-ext"
        assert result.routine.blocks[0].dose == ub.Dose(reps=8)  # a different shape: its default
        assert "progression chain" in result.substitutions[0].reason
        result = ub.substitute(self.r(), ub.Kit(), [overlap])
        assert result.routine.blocks[0].exercise.id == "b-overlap"
        assert "most target muscles in common" in result.substitutions[0].reason

    def test_reverse_chain_link_and_overlap_ranking(self) -> None:
        names_it = ex("harder-one", targets=(M.TRICEPS,), easier="ball-ext")
        assert (
            ub.substitute(self.r(), ub.Kit(), [names_it]).routine.blocks[0].exercise.id
            == "harder-one"
        )
        one = ex("a-one", kind=K.STATIC_STRETCH, targets=(M.PECTORALIS_MAJOR,))
        two = ex(
            "z-two",
            kind=K.DYNAMIC_MOBILITY,
            targets=(M.PECTORALIS_MAJOR, M.THORACIC_ERECTOR_SPINAE),
        )
        other_kind = ex("b-kind", kind=K.PNF_STRETCH, targets=(M.PECTORALIS_MAJOR,))
        result = ub.substitute(self.r(), ub.Kit(), [one, other_kind, two])
        assert result.routine.blocks[0].exercise.id == "z-two"
        result = ub.substitute(self.r(), ub.Kit(), [other_kind, one])
        assert result.routine.blocks[0].exercise.id == "a-one"

    def test_ties_break_by_id(self) -> None:
        x = ex("x-ext", kind=K.STATIC_STRETCH, targets=self.original.targets)
        y = ex("y-ext", kind=K.STATIC_STRETCH, targets=self.original.targets)
        assert ub.substitute(self.r(), ub.Kit(), [y, x]).routine.blocks[0].exercise.id == "x-ext"

    def test_reports_what_cannot_be_replaced(self) -> None:
        unrelated = ex("neck", targets=(M.SCALENES,))
        needs_band = ex("band", targets=self.original.targets, kind=K.STATIC_STRETCH, props=(BAND,))
        result = ub.substitute(self.r(), ub.Kit(), [unrelated, needs_band, self.original])
        assert result.routine == self.r()
        (record,) = result.unsatisfied
        assert (record.original_id, record.replacement_id, record.satisfied) == (
            "ball-ext",
            None,
            False,
        )
        assert "cannot be done with this kit" in record.reason

    def test_fits_per_side_to_laterality(self) -> None:
        one_sided = ex(
            "one",
            laterality=Laterality.UNILATERAL,
            targets=(M.RHOMBOIDS,),
            props=(BAND,),
            dose=ub.Dose(reps=10, per_side=True),
        )
        both = ex("both", targets=(M.RHOMBOIDS,), dose=ub.Dose(reps=10))
        r = routine(main(bl(one_sided, sets=2, reps=12, per_side=True)))
        result = ub.substitute(r, ub.Kit(), [both])
        assert result.routine.blocks[0].dose == ub.Dose(sets=2, reps=12)
        assert "not per side" in result.substitutions[0].reason
        other_one_sided = ex(
            "alt",
            laterality=Laterality.ALTERNATING,
            targets=(M.RHOMBOIDS,),
            dose=ub.Dose(reps=8, per_side=True),
        )
        plain = ex("plain", targets=(M.RHOMBOIDS,), props=(BAND,))
        result = ub.substitute(
            routine(main(bl(plain, sets=2, reps=12))), ub.Kit(), [other_one_sided]
        )
        assert result.routine.blocks[0].dose == ub.Dose(sets=2, reps=12, per_side=True)
        assert "per side as its default dose is" in result.substitutions[0].reason
        result = ub.substitute(r, ub.Kit(), [other_one_sided])
        assert result.routine.blocks[0].dose == ub.Dose(sets=2, reps=12, per_side=True)

    def test_drops_a_band_level_the_new_exercise_cannot_use(self) -> None:
        banded = ex("band-row", props=(BAND,))
        towel = ex("towel-row")
        r = routine(main(bl(banded, sets=2, reps=12, band_level=ub.BandLevel.MEDIUM)))
        result = ub.substitute(r, ub.Kit(), [towel])
        assert result.routine.blocks[0].dose == ub.Dose(sets=2, reps=12)
        assert "without a band level" in result.substitutions[0].reason
        ball_and_band = ex("ball-band-row", props=(BALL, BAND))
        band_only = ex("band-pull", props=(BAND,))
        r = routine(main(bl(ball_and_band, sets=2, reps=12, band_level=ub.BandLevel.MEDIUM)))
        kit = ub.Kit.of(ub.ResistanceBand(level=ub.BandLevel.LIGHT))
        kept = ub.substitute(r, kit, [band_only])
        assert kept.routine.blocks[0].dose.band_level is ub.BandLevel.MEDIUM
        assert kept.substitutions[0].reason.endswith("dose kept")

    def test_nothing_to_do(self) -> None:
        result = ub.substitute(self.r(), ub.Kit.of(ub.SwissBall(diameter_cm=65)), [])
        assert result == SubstitutionResult(routine=self.r(), substitutions=())

    def test_invalid_arguments(self) -> None:
        raises("kit", "kit", ub.substitute, self.r(), "kit", [])
        raises("catalog", 3, ub.substitute, self.r(), ub.Kit(), 3)
        raises("catalog[0]", "x", ub.substitute, self.r(), ub.Kit(), ["x"])

    @several_routines
    @given(
        small_routines,
        ust.kits(max_size=4),
        st.lists(st.sampled_from(POOL), max_size=8, unique_by=lambda e: e.id),
    )
    def test_never_leaves_an_unreported_block_the_kit_cannot_do(
        self, r: Routine, kit: ub.Kit, catalog: list[ub.Exercise]
    ) -> None:
        result = ub.substitute(r, kit, catalog)
        unsatisfied = {(s.section, s.block) for s in result.unsatisfied}
        assert len(result.routine.blocks) == len(r.blocks)
        for i, section in enumerate(result.routine.sections):
            for j, b in enumerate(section.blocks):
                if (i, j) not in unsatisfied:
                    assert kit.satisfies_all(b.exercise.props)
                else:
                    assert b == r.sections[i].blocks[j]
        # The catalog's order never changes the choice (its ids are unique, as a catalog's are).
        assert result == ub.substitute(r, kit, reversed(catalog))


# --- Values and serialization ---------------------------------------------------------------


class TestValues:
    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"kind": "work"}, "kind"),
            ({"seconds": 0}, "seconds"),
            ({"cue": ""}, "cue"),
            ({"exercise_id": "Bad id"}, "exercise_id"),
            ({"kind": StepKind.TRANSITION, "exercise_id": None}, "exercise_id"),
            ({"kind": StepKind.REST, "side": Side.LEFT}, "side"),
            ({"side": "left"}, "side"),
            ({"set_number": None}, "set_number"),
            ({"round_number": 0}, "round_number"),
            ({"reps": 51}, "reps"),
            ({"hold_s": 121}, "hold_s"),
        ],
    )
    def test_invalid_step(self, kwargs: dict[str, Any], field: str) -> None:
        arguments = {
            "kind": StepKind.WORK,
            "seconds": 5,
            "cue": "Go",
            "exercise_id": "a",
            "set_number": 1,
            **kwargs,
        }
        with pytest.raises(ub.InvalidValue) as info:
            Step(**arguments)
        assert info.value.field == field

    def test_rest_needs_no_exercise(self) -> None:
        assert Step(kind=StepKind.REST, seconds=30, cue="Rest").exercise_id is None

    @pytest.mark.parametrize(
        ("cls", "kwargs", "field"),
        [
            (DoseChange, {"exercise_id": "A"}, "exercise_id"),
            (DoseChange, {"section": -1}, "section"),
            (DoseChange, {"block": -1}, "block"),
            (DoseChange, {"before": 1}, "before"),
            (DoseChange, {"after": 1}, "after"),
            (DoseChange, {"reason": ""}, "reason"),
            (Substitution, {"original_id": "A"}, "original_id"),
            (Substitution, {"replacement_id": "A"}, "replacement_id"),
            (Substitution, {"reason": ""}, "reason"),
            (Substitution, {"section": -1}, "section"),
            (Substitution, {"block": -1}, "block"),
            (ScaleResult, {"routine": 1}, "routine"),
            (ScaleResult, {"changes": 1}, "changes"),
            (ScaleResult, {"changes": (1,)}, "changes[0]"),
            (ScaleResult, {"budget_s": 59}, "budget_s"),
            (ScaleResult, {"met": 1}, "met"),
            (SubstitutionResult, {"routine": 1}, "routine"),
            (SubstitutionResult, {"substitutions": 1}, "substitutions"),
            (SubstitutionResult, {"substitutions": (1,)}, "substitutions[0]"),
        ],
    )
    def test_invalid_records(self, cls: type, kwargs: dict[str, Any], field: str) -> None:
        r = routine(main(bl(ex(), reps=1)))
        base: dict[type, dict[str, Any]] = {
            DoseChange: {
                "exercise_id": "a",
                "section": 0,
                "block": 0,
                "before": ub.Dose(reps=1),
                "after": ub.Dose(reps=2),
                "reason": "why",
            },
            Substitution: {
                "original_id": "a",
                "replacement_id": "b",
                "reason": "why",
                "section": 0,
                "block": 0,
            },
            ScaleResult: {"routine": r, "changes": (), "budget_s": 60, "met": True},
            SubstitutionResult: {"routine": r, "substitutions": ()},
        }
        with pytest.raises(ub.InvalidValue) as info:
            cls(**{**base[cls], **kwargs})
        assert info.value.field == field


@given(fast_routines)
def test_routine_round_trips_through_json(r: Routine) -> None:
    assert ub.loads(ub.dumps(r)) == r
    assert ub.loads(ub.dumps(r), Routine) == r


@settings(max_examples=5)
@given(ust.routines(max_blocks=2))
def test_any_routine_round_trips_through_json(r: Routine) -> None:
    assert ub.loads(ub.dumps(r), Routine) == r


@given(
    st.one_of(
        ust.coverages(),
        ust.steps(),
        ust.dose_changes(),
        ust.scale_results(routines=small_routines),
        ust.substitutions(),
        ust.substitution_results(routines=small_routines),
    )
)
def test_new_values_round_trip_through_json(value: object) -> None:
    converter = default_converter()
    text = json.dumps(converter.unstructure(value))
    assert converter.structure(json.loads(text), type(value)) == value


@given(small_routines)
def test_derived_values_round_trip(r: Routine) -> None:
    converter = default_converter()
    for value in (r.coverage(), *r.session_script()[:3]):
        assert (
            converter.structure(json.loads(json.dumps(converter.unstructure(value))), type(value))
            == value
        )


@pytest.mark.parametrize(
    "cls", [Coverage, Step, DoseChange, ScaleResult, Substitution, SubstitutionResult]
)
def test_from_type_works(cls: type) -> None:
    @settings(max_examples=3)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


def test_bounds_used_by_strategies_are_the_doses() -> None:
    # The scaled() properties rely on these; fail loudly if they move.
    assert (MAX_SETS, MAX_REPS, MAX_HOLD_S, MAX_REST_S) == (10, 50, 120, 300)
