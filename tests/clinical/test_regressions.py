"""Each reproduction of issue 17's "What broke", written against the behaviour the issue asks for.

``c = default_catalog()`` and ``start = 2027-01-04`` (a Monday), as in the
issue. A test marked as an expected failure reproduces a bug whose fix has
not landed yet; it turns into a failure the moment the fix lands, so the mark
is removed then.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import attrs
import pytest

import upperback as ub
from tests._cli import run
from tests.clinical import _checks as c
from tests.clinical._fedb_sample import ENTRIES
from upperback import render
from upperback.compose import compose
from upperback.interop import free_exercise_db as fedb

if TYPE_CHECKING:
    from pathlib import Path

CAT = ub.default_catalog()
START = dt.date(2027, 1, 4)


def _log(block: ub.Block, day: dt.date, **ratings: int) -> ub.SessionLog:
    before = ratings.pop("pain_before", 0)
    return ub.SessionLog(
        date=day,
        routine_id="d",
        pain_before=before,
        outcomes=[ub.Outcome.as_prescribed(block, at=(0, 0), **ratings)],
    )


def _week_by_week(
    routine: ub.Routine, weeks: int, **ratings: int
) -> tuple[ub.Program, list[ub.SessionLog]]:
    """The issue's loop: plan week by week, log every session of the week with ``ratings``."""
    logs: list[ub.SessionLog] = []
    for w in range(1, weeks + 1):
        week = ub.plan(routine, weeks=w, start=START, logs=logs).weeks[-1]
        block = week.routine.blocks[0]
        logs += [
            attrs.evolve(_log(block, s.date, **dict(ratings)), routine_id=routine.id)
            for s in week.sessions
            if s.date is not None
        ]
    return ub.plan(routine, weeks=weeks + 1, start=START, logs=logs), logs


# -- Persisting pain is never referred from logs ------------------------------------------------


def test_persisting_pain_in_logs_refers() -> None:
    """§4.3 [R3][R15]: 3/10 at every session for ten weeks refers; week 12 does not progress."""
    routine = ub.Routine.of("D", main=[CAT["band-pull-apart"]])
    program, logs = _week_by_week(routine, 11, pain_before=3, pain_during=3, pain_next_morning=3)
    week12 = program.weeks[11]
    assert week12.referred
    assert not any(d.action.harder for d in week12.decisions)
    found = c.expected_referral(logs)
    assert found is not None
    assert c.referral_violations(program, found[0]) == []


# -- After an urgent referral, exercise stays on the calendar ------------------------------------


def _chest_pain_program() -> tuple[ub.Program, dt.date]:
    routine = ub.Routine.of("D", main=[CAT["chin-tuck"]])
    first = ub.plan(routine, weeks=1, start=START).weeks[0]
    report = ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    )
    log = attrs.evolve(
        _log(first.routine.blocks[0], START, pain_during=0),
        routine_id=routine.id,
        symptoms=report,
    )
    return ub.plan(routine, weeks=6, start=START, logs=[log]), START


def test_the_sheet_after_a_chest_pain_check_in_lists_no_exercise() -> None:
    """§4.2 [R3]: after chest pain, the sheet's later weeks list no exercise and say what to do."""
    from tests.clinical.test_sheets import stopped_sheet_violations  # noqa: PLC0415

    program, since = _chest_pain_program()
    sheet = render.text(program)
    assert stopped_sheet_violations(sheet, program, since) == []
    assert c.referral_violations(program, since) == []


def test_the_calendar_after_a_chest_pain_check_in_cancels_the_sessions() -> None:
    """§4.2 [R3]: after chest pain, the calendar's later events are cancelled and say so."""
    from tests.clinical.test_sheets import calendar_violations  # noqa: PLC0415

    program, since = _chest_pain_program()
    ics = render.ical(program, tz="Europe/London", time=dt.time(8))
    assert [v for v in calendar_violations(ics, program, since) if "referral" in v] == []


# -- progress() forgets a red flag outside its window ---------------------------------------------


def test_progress_remembers_a_red_flag_two_sessions_back() -> None:
    """§4.2 [R3]: a red-flag log two sessions back refers with the default window=1."""
    block = ub.Block(exercise=CAT["band-pull-apart"])
    report = ub.SymptomReport(
        days_since_onset=1, trend=ub.Trend.SAME, red_flags={ub.RedFlag.CHEST_PAIN}
    )
    logs = [
        attrs.evolve(_log(block, START, pain_during=0, pain_next_morning=0), symptoms=report),
        _log(block, START + dt.timedelta(days=2), pain_during=0, pain_next_morning=0),
        _log(block, START + dt.timedelta(days=4), pain_during=0, pain_next_morning=0),
    ]
    decision = ub.progress(block, logs, ub.default_rule(block.exercise))
    assert decision.action is ub.ProgressAction.REFER


# -- Ungated rules make things harder after a worse morning ---------------------------------------


def test_a_chain_does_not_progress_after_next_morning_pain_rose() -> None:
    """§3.1 [P7]: 3 × 12 stays (or eases) after next-morning pain rose from 0 to 3."""
    block = ub.Block(exercise=CAT["band-pull-apart"])
    assert block.dose.describe() == "3 × 12 reps"
    log = _log(block, START, pain_before=0, pain_during=0, pain_next_morning=3)
    rule = ub.Chain(rules=[ub.DoubleProgression(low=8, high=12, max_sets=4)])
    decision = ub.progress(block, [log], rule)
    assert not c.harder(decision.block, block), decision.describe()


def test_a_painful_deload_week_does_not_bounce_back_above_it() -> None:
    """§3.1 [P7], §3.4 [P6]: 8/10 in a 1 × 12 deload week is followed by nothing above 1 × 12."""
    rule = ub.PainGate(
        inner=ub.Chain(
            rules=[ub.Deload(every_weeks=2, percent=50), ub.DoubleProgression(low=8, high=12)]
        )
    )
    routine = ub.Routine.of(
        "D",
        main=[ub.Block(exercise=CAT["band-pull-apart"], dose=ub.Dose(sets=2, reps=12))],
        sessions_per_week=1,
    )
    logs: list[ub.SessionLog] = []
    for w in (1, 2):
        week = ub.plan(routine, weeks=w, rules=rule, start=START, logs=logs).weeks[-1]
        pain = 8 if week.deload else 0
        assert week.sessions[0].date is not None
        logs.append(
            attrs.evolve(
                _log(
                    week.routine.blocks[0],
                    week.sessions[0].date,
                    pain_during=pain,
                    pain_next_morning=0,
                ),
                routine_id=routine.id,
            )
        )
    program = ub.plan(routine, weeks=3, rules=rule, start=START, logs=logs)
    deload, after = program.weeks[1].routine.blocks[0], program.weeks[2].routine.blocks[0]
    assert deload.dose.describe() == "1 × 12 reps"
    assert not c.harder(after, deload), after.dose.describe()


# -- A person who changes is planned as if frozen ------------------------------------------------


def test_a_pregnancy_is_screened_week_by_week() -> None:
    """§8 [C5][C6][C6c*]: a pregnancy at week 10, planned 30 weeks, drops supine and prone work."""
    routine = ub.Routine.of(
        "D",
        main=[CAT["chin-tuck"], CAT["prone-row"], CAT["thoracic-extension-towel-roll"]],
    )
    pregnancy = ub.Pregnancy.at_week(10, on=START)
    person = ub.Profile(pregnancy=pregnancy)
    program = ub.plan(routine, weeks=30, profile=person, start=START)
    assert c.program_exclusion_violations(program) == []
    late = program.weeks[20:]  # pregnancy weeks 30 to 39
    ids = {b.exercise.id for week in late for b in week.routine.blocks if c.to_do(week)}
    assert ids.isdisjoint({"prone-row", "thoracic-extension-towel-roll"})


# -- Imported exercises pass screening that the same movement fails built-in ----------------------

_IMPORTED = [
    ("Childs_Pose", ub.Condition.OSTEOPOROSIS),
    ("Cat_Stretch", ub.Condition.OSTEOPOROSIS),
    ("Bent_Over_Barbell_Row", ub.Condition.OSTEOPOROSIS),
    ("Bent_Over_Two-Dumbbell_Row", ub.Condition.OSTEOPOROSIS),
    ("Reverse_Grip_Bent-Over_Rows", ub.Condition.OSTEOPOROSIS),
    ("Smith_Machine_Bent_Over_Row", ub.Condition.OSTEOPOROSIS),
    ("Rope_Climb", ub.Condition.OSTEOPOROSIS),
    ("Bent-Arm_Barbell_Pullover", ub.Condition.PREGNANCY_SECOND_TRIMESTER),
    ("Dynamic_Chest_Stretch", ub.Condition.PREGNANCY_SECOND_TRIMESTER),
    ("Dynamic_Chest_Stretch", ub.Condition.HYPERMOBILITY),
    ("One_Arm_Against_Wall", ub.Condition.SHOULDER_INSTABILITY),
    ("Seated_Front_Deltoid", ub.Condition.SHOULDER_INSTABILITY),
]


@pytest.mark.parametrize(("dataset_id", "condition"), _IMPORTED)
def test_an_imported_exercise_is_not_ok_where_its_words_say_otherwise(
    dataset_id: str, condition: ub.Condition
) -> None:
    """§8: the issue's imported exercises, screened for the condition their words concern: out."""
    catalog, _ = fedb.load([ENTRIES[dataset_id]], id_prefix="fedb-")
    (exercise,) = tuple(catalog)
    assert ub.screen(exercise, ub.Profile(conditions={condition})).verdict is ub.Verdict.EXCLUDE


# -- compose() gives strengthening on 7 sessions a week -------------------------------------------


def test_compose_keeps_strengthening_to_what_recovery_allows() -> None:
    """§2 [A6][A7]: 7 sessions a week get no strengthening (or are refused); plan accepts it."""
    goal = ub.Goal.of(10, benefits=[ub.Benefit.STRENGTHEN_BACK], sessions_per_week=7)
    try:
        composition = compose(CAT, goal)
    except ub.InvalidValue:
        return
    assert c.frequency_violations(composition.routine, "composed") == []
    ub.plan(composition.routine, weeks=4, start=START)


# -- The sheets drop the safety cues screening computed -------------------------------------------

_PREGNANT = ub.Profile(conditions={ub.trimester(20)})
_NERVE = ub.Profile(conditions={ub.Condition.CERVICAL_RADICULOPATHY})
_BONES = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})


def _sheet_values(person: ub.Profile) -> list[tuple[str, object, tuple[ub.Block, ...]]]:
    report = ub.screen(ub.desk_reset(), person)
    composition = compose(CAT, ub.Goal.of(15, benefits=[ub.Benefit.FLEXIBILITY]), profile=person)
    prescription = ub.prescribe(ub.desk_reset(), CAT, profile=person)
    program = ub.plan(ub.desk_reset(), weeks=4, profile=person, start=START)
    return [
        ("routine", report.safe_routine(), report.safe_routine().blocks),
        ("composition", composition, composition.routine.blocks),
        ("prescription", prescription, prescription.routine.blocks),
        ("program", program, tuple({b for w in program.weeks for b in w.routine.blocks})),
    ]


@pytest.mark.parametrize("person", [_PREGNANT, _NERVE, _BONES], ids=["pregnant", "nerve", "bones"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_sheet_shows_the_cautions_one_pain_limit_and_the_condition_lines(
    person: ub.Profile, fmt: str
) -> None:
    """§3.1, §8 [C1][C8*][C11]: each kind of sheet shows every caution, one limit, C1's line."""
    draw = {"text": render.text, "markdown": render.markdown, "html": render.html}[fmt]
    for name, value, blocks in _sheet_values(person):
        profile = None if isinstance(value, ub.Program) else person
        sheet = draw(value, profile=profile)
        assert c.sheet_violations(sheet, blocks, person) == [], name


def test_a_program_sheet_for_osteoporosis_sends_back_pain_to_a_clinician() -> None:
    """§8 [C1]: back pain in osteoporosis → see a clinician, on the program sheet."""
    program = ub.plan(ub.desk_reset(), weeks=4, profile=_BONES, start=START)
    text = c.readable(render.text(program)).lower()
    assert "back pain with osteoporosis" in text


def test_calendar_events_carry_the_how_to_and_the_cautions() -> None:
    """§8 [C11]: a radiculopathy program's events carry the dose, cues and the 3/10 caution."""
    from tests.clinical.test_sheets import calendar_violations  # noqa: PLC0415

    program = ub.plan(ub.desk_reset(), weeks=2, profile=_NERVE, start=START)
    assert (
        calendar_violations(render.ical(program, tz="Europe/London", time=dt.time(8)), program)
        == []
    )


# -- Osteoporosis blocks every progression ---------------------------------------------------------


def test_pain_free_sessions_with_osteoporosis_do_not_refer() -> None:
    """§8 [C1]: three pain-free sessions (all pains 0) are no back pain: nothing refers."""
    routine = ub.Routine.of("D", main=[CAT["chin-tuck"]])
    block = routine.blocks[0]
    logs = [
        attrs.evolve(
            _log(block, START + dt.timedelta(days=2 * i), pain_during=0, pain_next_morning=0),
            routine_id=routine.id,
        )
        for i in range(3)
    ]
    program = ub.plan(routine, weeks=3, profile=_BONES, start=START, logs=logs)
    assert not any(week.referred for week in program.weeks)


def test_a_clinician_can_clear_back_pain_with_osteoporosis() -> None:
    """§8 [C1]: after a clinician has seen the pain, their clearance lets the plan go on."""
    block = ub.Block(exercise=CAT["chin-tuck"])
    log = _log(block, START, pain_before=2, pain_during=2)
    found = ub.triage_history([log], profile=_BONES)
    assert found.referral is not None
    clearance = ub.Clearance.of_referral(
        found.referral, by="Dr A. Okafor (GP)", date=START + dt.timedelta(days=3)
    )
    assert not ub.triage_history(
        [log], profile=_BONES, clearances=[clearance], as_of=clearance.date
    ).referred


# -- Documents from outside are trusted as facts ---------------------------------------------------


def test_a_posted_cat_camel_without_its_features_is_resolved_against_the_catalog() -> None:
    """§8 [C1–C4]: the posted cat–camel, facts from the catalog, is left out for osteoporosis."""
    posted = ub.loads(
        ub.dumps(ub.Routine.of("Posted", main=[attrs.evolve(CAT["cat-camel"], features=())]))
    )
    assert isinstance(posted, ub.Routine)
    assert ub.screen(posted, _BONES).verdict is ub.Verdict.OK  # the document's own (false) facts
    resolved = ub.resolve_exercises(posted, CAT)
    assert [m.exercise_id for m in resolved.mismatches] == ["cat-camel"]
    assert ub.screen(resolved.value, _BONES).verdict is ub.Verdict.EXCLUDE


def test_a_program_whose_weeks_its_profile_excludes_does_not_load() -> None:
    """§8: a program document for osteoporosis holding cat–camel is refused when it loads."""
    program = ub.plan(ub.Routine.of("D", main=[CAT["cat-camel"]]), weeks=2, start=START)
    document = json.loads(ub.dumps(program))
    document["data"]["profile"] = json.loads(ub.dumps(_BONES))["data"]
    with pytest.raises(ub.UpperbackError):
        ub.loads(json.dumps(document))


# -- The command line reads files with plain JSON, not the library's reader ------------------------

_DEEP = "[" * 10_000 + "]" * 10_000
_LONG = '{"upperback": 2, "kind": "profile", "data": {"height_cm": 1' + "0" * 5000 + "}}"


def test_the_command_line_refuses_a_repeated_red_flags_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """§4.2: a report with "red_flags" twice (a flag, then none) is refused."""
    path = tmp_path / "report.json"
    path.write_text(
        '{"upperback": 2, "kind": "symptom_report", "data": {"days_since_onset": 1,'
        ' "trend": "same", "red_flags": ["chest_pain"], "red_flags": []}}',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "triage", "--report", str(path))
    assert code != 0
    assert "continue" not in out.lower()


def test_the_command_line_refuses_a_repeated_conditions_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """§8 [C1]: a profile repeating "conditions" never screens cat–camel ok for osteoporosis."""
    profile = tmp_path / "profile.json"
    profile.write_text(
        '{"upperback": 2, "kind": "profile", "data": {"conditions": ["osteoporosis"],'
        ' "conditions": []}}',
        encoding="utf-8",
    )
    routine = tmp_path / "routine.json"
    routine.write_text(ub.dumps(ub.Routine.of("D", main=[CAT["cat-camel"]])), encoding="utf-8")
    code, _, err = run(capsys, "screen", str(routine), "--profile", str(profile))
    assert code != 0
    assert "conditions" in err


@pytest.mark.parametrize("document", [_DEEP, _LONG], ids=["deep", "long-number"])
@pytest.mark.parametrize("command", ["validate", "screen", "plan", "prescribe"])
def test_the_command_line_ends_a_hostile_file_with_a_message(
    command: str, document: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 10,000-deep or 5,000-digit file ends in the library's message, never a traceback."""
    path = tmp_path / "input.json"
    path.write_text(document, encoding="utf-8")
    code, out, err = run(capsys, command, str(path))
    assert code != 0
    assert "Traceback" not in out + err
    assert err.strip()


# -- Also ----------------------------------------------------------------------------------------


def test_markdown_never_writes_a_source_url_raw() -> None:
    """A crafted source URL cannot inject Markdown markup."""
    from tests.clinical.test_sheets import injection_violations  # noqa: PLC0415

    source = ub.Source(key="X1*", url="https://example.invalid/a)[x](javascript:alert(1)")
    exercise = attrs.evolve(CAT["chin-tuck"], sources=(source,))
    sheet = render.markdown(ub.Routine.of("R", main=[exercise]))
    assert injection_violations(sheet, "markdown") == []
    assert "](javascript:" not in sheet


def test_a_deload_that_changes_nothing_is_not_labelled_deload() -> None:
    """§3.4 [P6]: a one-set chin tuck 'deloaded' to one set is not a deload week."""
    from tests.clinical.test_progression import deload_violations  # noqa: PLC0415

    routine = ub.Routine.of("D", main=[CAT["chin-tuck"]])
    rule = ub.Chain(rules=[ub.Deload(every_weeks=2, percent=50), ub.Hold()])
    assert deload_violations(ub.plan(routine, weeks=4, rules=rule, start=START)) == []


def test_a_missed_week_does_not_trap_the_next_weeks_log() -> None:
    """A person who missed week 1 and did week 2 as the plan showed it can log it."""
    routine = ub.Routine.of("D", main=[CAT["band-pull-apart"]])
    week2 = ub.plan(routine, weeks=2, start=START).weeks[1]
    assert week2.sessions[0].date is not None
    log = attrs.evolve(
        _log(week2.routine.blocks[0], week2.sessions[0].date, pain_during=0, pain_next_morning=0),
        routine_id=routine.id,
    )
    program = ub.plan(routine, weeks=3, start=START, logs=[log])
    assert program.weeks[1].sessions[0].logged


def test_a_time_budget_never_shortens_an_older_adults_holds() -> None:
    """§1.1 [A1][A2]: an older adult's stretches fitted into 6 minutes keep 30 s holds."""
    older = ub.Profile(age_band=ub.AgeBand.OVER_50)
    ids = ["childs-pose", "cross-body-shoulder-stretch", "sleeper-stretch"]
    routine = ub.Routine.of("D", main=[CAT[i] for i in ids])
    adapted = ub.prescribe(routine, CAT, profile=older, minutes=6).routine
    found = [
        b.dose.describe()
        for b in adapted.blocks
        if b.exercise.kind is ub.ExerciseKind.STATIC_STRETCH and (b.dose.hold_s or 0) < 30
    ]
    assert found == []


def test_a_novice_stays_within_the_starting_bands_for_a_year() -> None:
    """§6 [D1]: a level-2 person's band pull-apart never goes past green in 52 weeks."""
    exercise = CAT["band-pull-apart"]
    dose = attrs.evolve(exercise.default_dose, band_level=ub.BandLevel.LIGHT)
    routine = ub.Routine.of("D", main=[ub.Block(exercise=exercise, dose=dose)])
    person = ub.Profile(level=ub.Level.EASY)
    program = ub.plan(routine, weeks=52, profile=person, start=START)
    found = [
        v for w in program.weeks for v in c.band_violations(person, w.routine.blocks, str(w.number))
    ]
    assert found == []


def test_the_ball_arch_keeps_to_its_own_10_to_15_second_holds() -> None:
    """§7 #10: the ball arch's holds never pass the 15 s its own dose note gives."""
    routine = ub.Routine.of("D", main=[CAT["thoracic-extension-swiss-ball"]])
    program = ub.plan(routine, weeks=26, start=START)
    assert max(w.routine.blocks[0].dose.hold_s or 0 for w in program.weeks) <= 15


def test_a_self_massage_block_at_9_of_10_is_reduced() -> None:
    """§3.1 [P7][P11*]: foam rolling at 9/10 is reduced the next week, not held."""
    routine = ub.Routine.of("D", main=[CAT["foam-roller-upper-back-release"]], sessions_per_week=1)
    block = routine.blocks[0]
    log = attrs.evolve(_log(block, START, pain_during=9), routine_id=routine.id)
    program = ub.plan(routine, weeks=2, start=START, logs=[log])
    after = program.weeks[1]
    assert after.referred or c.lighter(after.routine.blocks[0], block)
