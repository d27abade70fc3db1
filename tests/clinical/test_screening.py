"""Screening: what a person's conditions leave out, change and cap (DOMAIN §3.1, §5.4, §8).

Routines drawn from the built-in catalog, alone or merged with an imported
one, are screened for people with any conditions at once; what screening
keeps is checked against the fact sheet's contraindications, read afresh in
:mod:`tests.clinical._domain`.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback as ub
from tests.clinical import _checks as c
from tests.clinical._fedb_sample import LABELLED, entry
from tests.clinical._people import BUILT_IN, catalogs, people, routine_ids, routine_of
from tests.clinical._settings import examples
from upperback.interop import free_exercise_db as fedb


@st.composite
def _screened(draw: st.DrawFn) -> tuple[ub.Profile, ub.Routine, ub.Routine | None]:
    """A person, a routine of a catalog, and what screening keeps of it (None: nothing safe)."""
    catalog = draw(catalogs())
    person = draw(people())
    routine = routine_of(draw(routine_ids(catalog, max_blocks=6)), 3, catalog)
    try:
        safe = ub.screen(routine, person).safe_routine()
    except ub.NothingSafe:
        safe = None
    return person, routine, safe


@examples(40)
@given(_screened())
def test_scr1_screening_keeps_nothing_the_persons_conditions_exclude(
    drawn: tuple[ub.Profile, ub.Routine, ub.Routine | None],
) -> None:
    """SCR-1 [§8 C1–C11, E6e*, E23, B10]: nothing a person's conditions exclude is kept.

    Osteoporosis (end-range or loaded flexion, end-range rotation, ball and
    balance work), pregnancy (supine and prone from the second trimester,
    ballistic, ball, hanging), hypermobility (ballistic), an acute injury
    (stretching), recent surgery (everything), cervical radiculopathy (neck
    side-bend, rotation, loaded neck), balance impairment (ball work),
    shoulder instability (end range, doorway and towel stretches), and the
    clinician's own list.
    """
    person, _, safe = drawn
    if safe is not None:
        assert c.exclusion_violations(person, safe.blocks, "screened") == []


def test_scr1_checker_rejects_a_deep_forward_bend_with_osteoporosis() -> None:
    """SCR-1 [§8 C1–C4]: the checker rejects cat–camel (end-range flexion) for osteoporosis."""
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    found = c.exclusion_violations(person, [ub.Block(exercise=BUILT_IN["cat-camel"])], "here")
    assert any("osteoporosis" in v for v in found)


def test_scr1_checker_rejects_lying_on_the_back_in_the_third_trimester() -> None:
    """SCR-1 [§8 C5 C6]: the checker rejects the foam-roller extension (supine) at 30 weeks."""
    person = ub.Profile(conditions={ub.trimester(30)})
    block = ub.Block(exercise=BUILT_IN["thoracic-extension-foam-roller"])
    assert c.exclusion_violations(person, [block], "here")


def test_scr1_checker_rejects_what_the_clinician_said_to_avoid() -> None:
    """SCR-1 [§8]: the checker rejects an exercise with a feature the clinician listed."""
    person = ub.Profile(avoid_features={ub.Feature.OVERHEAD}, avoid_note="Until review.")
    assert c.exclusion_violations(person, [ub.Block(exercise=BUILT_IN["wall-angel"])], "here")


def test_scr1_checker_accepts_what_a_clinician_cleared() -> None:
    """SCR-1 [§8 E23]: after a surgeon's clearance, the checker accepts exercise again."""
    person = ub.Profile(
        conditions={ub.Condition.RECENT_SURGERY},
        cleared_rules={"recent-surgery-clearance"},
        clearance_note="Mr Shah (surgeon), 2027-02-01.",
    )
    assert c.exclusion_violations(person, [ub.Block(exercise=BUILT_IN["chin-tuck"])], "x") == []


@examples(40)
@given(_screened())
def test_scr2_what_the_sheet_flags_carries_a_caution(
    drawn: tuple[ub.Profile, ub.Routine, ub.Routine | None],
) -> None:
    """SCR-2 [§8 C8*, C9*, C11]: what the sheet says to do only with care carries a caution.

    Stretching and end-range movement in pregnancy (joint laxity),
    stretching with hypermobility, overhead work with nerve-related arm pain.
    """
    person, _, safe = drawn
    if safe is not None:
        assert c.screen_caution_violations(person, safe.blocks, "screened") == []


def test_scr2_checker_rejects_a_stretch_without_a_caution_in_pregnancy() -> None:
    """SCR-2 [§8 C8*]: the checker rejects a pregnant person's stretch that carries no caution."""
    person = ub.Profile(conditions={ub.trimester(10)})
    block = ub.Block(exercise=BUILT_IN["upper-back-reach-stretch"])
    assert c.screen_caution_violations(person, [block], "here")


@examples(40)
@given(_screened())
def test_scr3_pain_caps_keep_to_the_persons_ceiling(
    drawn: tuple[ub.Profile, ub.Routine, ub.Routine | None],
) -> None:
    """SCR-3 [§3.1 P7, §8 C11]: no kept block allows pain above 5/10, or 3/10 for nerve pain."""
    person, _, safe = drawn
    if safe is not None:
        assert c.pain_cap_violations(person, safe.blocks, "screened") == []


def test_scr3_checker_rejects_an_uncapped_block_with_nerve_pain() -> None:
    """SCR-3 [§8 C11]: the checker rejects a radiculopathy block with no cap, or a 7/10 cap."""
    person = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
    exercise = BUILT_IN["chin-tuck"]
    loose = ub.Block(exercise=exercise, dose=attrs.evolve(exercise.default_dose, max_pain=7))
    assert len(c.pain_cap_violations(person, [ub.Block(exercise=exercise), loose], "here")) == 2


@examples(40)
@given(_screened())
def test_scr4_screening_is_idempotent(
    drawn: tuple[ub.Profile, ub.Routine, ub.Routine | None],
) -> None:
    """SCR-4 [§8; design: repeatable operations are idempotent]: screening twice changes nothing.

    A routine screened once and screened again for the same person is the
    same routine, and every block of it is kept (none excluded twice over).
    """
    person, _, safe = drawn
    if safe is not None:
        again = ub.screen(safe, person)
        assert repeat_violations(safe, again) == []


def repeat_violations(once: ub.Routine, again: ub.ScreenReport) -> list[str]:
    """What a second screening changed: blocks left out, or a routine that differs."""
    found = [f"{item.block.exercise.id} left out the second time" for item in again.excluded]
    if not found and again.safe_routine() != once:
        found.append("the routine screened twice differs from the routine screened once")
    return found


def test_scr4_checker_rejects_a_second_screening_that_changes_the_routine() -> None:
    """SCR-4: the checker rejects a report whose routine, screened again, would change."""
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    routine = ub.Routine.of("R", main=[BUILT_IN["cat-camel"], BUILT_IN["chin-tuck"]])
    assert repeat_violations(routine, ub.screen(routine, person))


def test_scr5_no_exercise_puts_a_load_on_a_swiss_ball() -> None:
    """SCR-5 [§5.4 B7 B10]: no built-in or labelled imported exercise loads a ball."""
    imported, _ = fedb.load([data for data, _ in LABELLED], id_prefix="fedb-")
    blocks = [ub.Block(exercise=exercise) for exercise in (*BUILT_IN, *imported)]
    assert c.ball_load_violations(blocks, "catalog") == []


@examples(10)
@example("Lie on a flat bench with a barbell using a shoulder grip width.", None)
@given(
    st.sampled_from(
        [
            "Lie on a flat bench with a barbell using a shoulder grip width.",
            (
                "Stand up with your torso upright and a dumbbell in each hand being held at"
                " arms length. The elbows should be close to the torso."
            ),
        ]
    ),
    st.sampled_from([None, ub.Condition.OSTEOPOROSIS, ub.Condition.HYPERMOBILITY]),
)
def test_scr5_a_load_on_a_ball_is_never_offered(
    sentence: str, condition: ub.Condition | None
) -> None:
    """SCR-5 [§5.4 B7 B10]: a barbell or dumbbells on a ball is left out, for anyone."""
    data = entry(
        id="Ball_Work", name="Ball work", equipment="exercise ball", instructions=[sentence]
    )
    catalog, _ = fedb.load([data], id_prefix="fedb-")
    person = ub.Profile(conditions=set() if condition is None else {condition})
    kept = [
        ub.Block(exercise=e)
        for e in catalog
        if ub.screen(e, person).verdict is not ub.Verdict.EXCLUDE
    ]
    assert c.ball_load_violations(kept, "kept") == []


def test_scr5_checker_rejects_dumbbells_on_a_ball() -> None:
    """SCR-5 [§5.4]: the checker rejects a ball exercise that needs a dumbbell."""
    ball = BUILT_IN["prone-i-y-t-w-swiss-ball"]
    loaded = attrs.evolve(
        ball,
        props=(*ball.props, ub.PropNeed(kind=ub.PropKind.DUMBBELL)),
        features=ball.features | {ub.Feature.EXTERNAL_LOAD},
    )
    assert c.ball_load_violations([ub.Block(exercise=loaded)], "here")


@pytest.mark.parametrize("condition", sorted(ub.Condition))
def test_scr6_every_condition_leaves_some_exercise_safe_or_says_why(
    condition: ub.Condition,
) -> None:
    """SCR-6 [§8]: for each condition alone the built-in catalog keeps something, except surgery.

    Screening is not vacuous: it keeps what the sheet allows (recent surgery
    alone keeps nothing until cleared [E23], and says why for each exercise).
    """
    person = ub.Profile(conditions={condition})
    kept = ub.safe_exercises(BUILT_IN, person)
    assert c.exclusion_violations(person, [ub.Block(exercise=e) for e in kept], "kept") == []
    if condition is ub.Condition.RECENT_SURGERY:
        assert len(kept) == 0
        with pytest.raises(ub.NothingSafe):
            ub.screen(ub.desk_reset(), person).safe_routine()
    else:
        assert len(kept) > 0
