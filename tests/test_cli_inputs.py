"""What the command line reads: every file through the library's reader, routines from
any document that holds one (standard input included), and exercise facts from a catalog."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

import upperback as ub
from tests._cli import run
from upperback.cli import build_parser
from upperback.compose import compose

if TYPE_CHECKING:
    from collections.abc import Callable

CATALOG = ub.default_catalog()
DOCUMENTS = Path(__file__).parent / "documents" / "v2"


@pytest.fixture
def routine(tmp_path: Path) -> Path:
    """A routine on the built-in catalog's facts: one that needs no note."""
    path = tmp_path / "routine.json"
    made = ub.Routine.of(
        "Morning",
        warm_up=[CATALOG["cat-camel"]],
        main=[CATALOG["wall-angel"], CATALOG["band-pull-apart"]],
    )
    path.write_text(ub.dumps(made), encoding="utf-8")
    return path


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# -- every file a command reads, and the reader's limits -------------------------------

# Each way a command takes a file, with FILE where the file goes.
FILE_ARGUMENTS = {
    ("validate", "file"): ["validate", "FILE"],
    ("screen", "routine"): ["screen", "FILE"],
    ("screen", "--profile"): ["screen", "ROUTINE", "--profile", "FILE"],
    ("screen", "--catalog"): ["screen", "ROUTINE", "--catalog", "FILE"],
    ("plan", "routine"): ["plan", "FILE"],
    ("plan", "--logs"): ["plan", "ROUTINE", "--logs", "FILE"],
    ("plan", "--profile"): ["plan", "ROUTINE", "--profile", "FILE"],
    ("plan", "--catalog"): ["plan", "ROUTINE", "--catalog", "FILE"],
    ("prescribe", "routine"): ["prescribe", "FILE"],
    ("prescribe", "--profile"): ["prescribe", "ROUTINE", "--profile", "FILE"],
    ("prescribe", "--catalog"): ["prescribe", "ROUTINE", "--catalog", "FILE"],
    ("triage", "--report"): ["triage", "--report", "FILE"],
    ("triage", "--profile"): ["triage", "--days", "2", "--trend", "same", "--profile", "FILE"],
}


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


def test_the_table_names_every_file_a_command_reads() -> None:
    reads = set()
    for name, parser in _subcommands().items():
        for action in parser._actions:
            if action.metavar == "FILE" and action.dest != "output":
                reads.add((name, action.option_strings[0]))
            elif not action.option_strings and action.dest in {"routine", "file"}:
                reads.add((name, action.dest))
    assert reads == set(FILE_ARGUMENTS)


def _argv(where: tuple[str, str], file: Path, routine: Path) -> list[str]:
    return [
        str(file) if part == "FILE" else str(routine) if part == "ROUTINE" else part
        for part in FILE_ARGUMENTS[where]
    ]


DEEP = "[" * 10_000 + "]" * 10_000
LONG_NUMBER = '{"upperback": 2, "kind": "dose", "data": {"sets": ' + "9" * 5_000 + ', "reps": 1}}'
REPEATED = '{"upperback": 2, "kind": "kit", "data": {}, "data": {}}'


@pytest.mark.parametrize("where", sorted(FILE_ARGUMENTS), ids="-".join)
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (DEEP, "nests more than 64 levels deep"),
        (LONG_NUMBER, "holds an integer of more than 20 digits"),
        (REPEATED, 'repeats the key "data" in one object'),
        ('{"upperback": 2, "kind": "kit", "data": {"props": [NaN]}}', "holds NaN"),
    ],
    ids=["deep", "long-number", "repeated-key", "nan"],
)
def test_every_file_is_read_within_the_readers_limits(  # noqa: PLR0917 - fixtures and cases
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    routine: Path,
    where: tuple[str, str],
    content: str,
    message: str,
) -> None:
    """Issue 17: a 10,000-deep or 5,000-digit file ended in a traceback; a repeated key was read."""
    file = tmp_path / "input.json"
    file.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, *_argv(where, file, routine))
    assert (code, out) == (2, "")
    assert err.startswith(f"upperback: {file}: ")
    assert message in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_a_repeated_red_flag_key_is_refused_not_read_as_the_last(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 17: ``"red_flags": ["chest_pain"], "red_flags": []`` gave "continue"."""
    report = tmp_path / "report.json"
    report.write_text(
        '{"upperback": 2, "kind": "symptom_report", "data": {"days_since_onset": 1,'
        ' "trend": "better", "red_flags": ["chest_pain"], "red_flags": []}}',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "triage", "--report", str(report))
    assert (code, out) == (2, "")
    assert err == f'upperback: {report}: repeats the key "red_flags" in one object.\n'


def test_a_repeated_conditions_key_cannot_clear_a_condition(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, routine: Path
) -> None:
    """Issue 17: a profile repeating ``conditions`` kept cat-camel ok for osteoporosis."""
    profile = tmp_path / "profile.json"
    profile.write_text(
        '{"upperback": 2, "kind": "profile", "data":'
        ' {"conditions": ["osteoporosis"], "conditions": []}}',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "screen", str(routine), "--profile", str(profile))
    assert (code, out) == (2, "")
    assert 'repeats the key "conditions" in one object' in err


def test_problems_of_a_document_are_named_by_their_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dose = tmp_path / "dose.json"
    dose.write_text('{"upperback": 2, "kind": "dose", "data": {"sets": 0, "reps": 1e999}}')
    code, _, err = run(capsys, "validate", str(dose))
    assert code == 2
    assert "$.data.sets: must be an integer between 1 and 10 (got 0)" in err
    assert "$.data.reps:" in err


def test_standard_input_is_read_no_further_than_a_document_may_be(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    most = ub.Limits().max_bytes
    asked: list[int] = []

    class Endless:
        def read(self, size: int = -1) -> bytes:
            asked.append(size)
            return b" " * size

    class Stdin:
        buffer = Endless()

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, _, err = run(capsys, "validate", "-")
    assert code == 2
    assert asked == [most + 1]
    assert f"must be at most {most} bytes of JSON (got {most + 1} bytes)" in err


def test_a_text_stream_without_bytes_is_read_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ub.dumps(ub.Dose(sets=1, reps=5))))
    code, out, _ = run(capsys, "validate", "-")
    assert (code, out) == (0, "-: a valid dose document.\n")


# -- commands chain: any document that holds a routine, from standard input ----------


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    return out


def test_compose_then_plan_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: ``compose --format json | plan -`` answered ``$.kind: must be routine``."""
    composed = _json(capsys, "compose", "--minutes", "10", "--kit", "resistance_band")
    _stdin(monkeypatch, composed)
    program = ub.loads(_json(capsys, "plan", "-", "--weeks", "3"), ub.Program)
    assert program.routine == ub.loads(composed, ub.Composition).routine
    assert len(program.weeks) == 3


@pytest.mark.parametrize(
    "make",
    [
        ["compose", "--minutes", "8"],
        ["routine", "--kit", "chair,wall"],
        ["plan", "ROUTINE", "--weeks", "2"],
        ["prescribe", "ROUTINE", "--minutes", "6"],
        [],  # the routine document itself
    ],
    ids=["composition", "prescription", "program", "prescription-of-a-file", "routine"],
)
@pytest.mark.parametrize("then", ["screen", "plan", "prescribe"])
def test_every_command_that_takes_a_routine_takes_every_document_that_holds_one(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    routine: Path,
    make: list[str],
    then: str,
) -> None:
    if not make:
        document = routine.read_text(encoding="utf-8")
    else:
        document = _json(capsys, *[str(routine) if part == "ROUTINE" else part for part in make])
    value = ub.loads(document)
    held = value if isinstance(value, ub.Routine) else value.routine  # type: ignore[attr-defined]
    _stdin(monkeypatch, document)
    code, out, err = run(capsys, then, "-", "--format", "json")
    assert (code, err) == (0, "")
    if then == "screen":
        assert ub.loads(out, ub.ScreenReport).routine == held
    elif then == "plan":
        assert ub.loads(out, ub.Program).routine == held
    else:
        everyday = ub.Profile(kit=ub.Kit.everyday())
        assert ub.loads(out, ub.Prescription) == ub.prescribe(held, CATALOG, profile=everyday)


def test_a_program_brings_its_person(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, routine: Path
) -> None:
    planned = _json(capsys, "plan", str(routine), "--condition", "osteoporosis", "--weeks", "2")
    person = ub.loads(planned, ub.Program).profile
    assert person is not None
    assert ub.Condition.OSTEOPOROSIS in person.conditions
    _stdin(monkeypatch, planned)
    report = ub.loads(_json(capsys, "screen", "-"), ub.ScreenReport)
    assert report.profile == person
    _stdin(monkeypatch, planned)
    replanned = ub.loads(_json(capsys, "plan", "-", "--weeks", "2"), ub.Program)
    assert replanned.profile == person
    # Options still say who the person is, when given.
    _stdin(monkeypatch, planned)
    plain = ub.loads(_json(capsys, "screen", "-", "--condition", "hypermobility"), ub.ScreenReport)
    assert plain.profile.conditions == {ub.Condition.HYPERMOBILITY}


def test_a_profile_file_is_the_person_everywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, routine: Path
) -> None:
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS}, kit=ub.Kit.everyday())
    profile = tmp_path / "profile.json"
    profile.write_text(ub.dumps(person), encoding="utf-8")
    for command in ("screen", "plan", "prescribe"):
        out = _json(capsys, command, str(routine), "--profile", str(profile))
        value = ub.loads(out)
        kept = value.routine if isinstance(value, ub.Prescription | ub.Program) else None
        if isinstance(value, ub.ScreenReport):
            assert value.profile == person
        else:
            assert kept is not None
            assert "cat-camel" not in {block.exercise.id for block in kept.blocks}
    advice = ub.loads(
        _json(capsys, "triage", "--days", "3", "--trend", "same", "--pain-now", "2",
              "--profile", str(profile)),
        ub.Advice,
    )  # fmt: skip
    assert advice.level is ub.AdviceLevel.SEE_PROFESSIONAL  # as for --condition osteoporosis


def test_a_profile_and_conditions_together_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, routine: Path
) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(ub.dumps(ub.Profile()), encoding="utf-8")
    argv = ["--profile", str(profile), "--condition", "osteoporosis"]
    code, out, err = run(capsys, "screen", str(routine), *argv)
    assert (code, out) == (2, "")
    assert err == (
        "upperback: give --profile or --condition, not both: a profile holds the conditions.\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "-", "--logs", "-"],
        ["screen", "-", "--profile", "-"],
        ["triage", "--report", "-", "--profile", "-"],
    ],
)
def test_only_one_input_comes_from_standard_input(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "only one input can come from standard input (-)" in err


def test_logs_and_reports_come_from_standard_input_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, routine: Path
) -> None:
    report = ub.SymptomReport(days_since_onset=16, trend=ub.Trend.SAME)
    _stdin(monkeypatch, ub.dumps(report))
    advice = ub.loads(_json(capsys, "triage", "--report", "-"), ub.Advice)
    assert advice == ub.triage(report)
    made = ub.loads(routine.read_text(encoding="utf-8"), ub.Routine)
    start = dt.date(2027, 1, 4)
    addresses = [(0, 0), (1, 0), (1, 1)]
    log = ub.SessionLog(
        date=start,
        routine_id=made.id,
        outcomes=[
            ub.Outcome.as_prescribed(block, at=at, pain_during=0)
            for at, block in zip(addresses, made.blocks, strict=True)
        ],
    )
    _stdin(monkeypatch, json.dumps([ub.to_dict(log)]))
    argv = ["plan", str(routine), "--logs", "-", "--start", start.isoformat()]
    program = ub.loads(_json(capsys, *argv), ub.Program)
    assert program.weeks[0].sessions[0].logged


# -- exercise facts come from a catalog -------------------------------------------------


def _posted(tmp_path: Path, change: Callable[[ub.Exercise], ub.Exercise]) -> Path:
    routine = ub.Routine.of("Posted", main=[change(CATALOG["cat-camel"]), CATALOG["wall-angel"]])
    path = tmp_path / "posted.json"
    path.write_text(ub.dumps(routine), encoding="utf-8")
    return path


def test_a_routine_stripped_of_its_features_is_screened_on_the_catalogs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 17: a posted cat-camel without ``features`` screened ok for osteoporosis."""
    posted = _posted(tmp_path, lambda e: attrs.evolve(e, features=frozenset()))
    code, out, err = run(capsys, "screen", str(posted), "--condition", "osteoporosis")
    assert code == 0
    assert "  1. Cat-camel: exclude" in out
    assert err == (
        f"upperback: note: {posted}: cat-camel at $.data.sections[0].blocks[0].exercise:"
        " its features differ from the catalog; the catalog's are used.\n"
    )


@pytest.mark.parametrize("command", ["screen", "plan", "prescribe"])
def test_an_unknown_exercise_asks_for_the_catalog_it_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    posted = _posted(tmp_path, lambda e: attrs.evolve(e, id="cat-camle"))
    code, out, err = run(capsys, command, str(posted))
    assert (code, out) == (2, "")
    assert err == (
        f"upperback: {posted}: $.data.sections[0].blocks[0].exercise.id: must name an"
        " exercise of the catalog; did you mean 'cat-camel'? (got \"cat-camle\")."
        " Name the catalog its exercises come from with --catalog FILE.\n"
    )
    own = ub.Catalog.of(*(e for e in CATALOG if e.id != "cat-camel"), attrs.evolve(
        CATALOG["cat-camel"], id="cat-camle", easier=None, harder=None))  # fmt: skip
    catalog = tmp_path / "catalog.json"
    catalog.write_text(ub.dumps(own), encoding="utf-8")
    code, out, err = run(capsys, command, str(posted), "--catalog", str(catalog))
    assert (code, err) == (0, "")
    assert out


def test_another_catalogs_facts_are_the_ones_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, routine: Path
) -> None:
    renamed = attrs.evolve(CATALOG["wall-angel"], name="Wall slide")
    catalog = tmp_path / "catalog.json"
    catalog.write_text(ub.dumps(CATALOG.merge([renamed], override=True)), encoding="utf-8")
    code, out, err = run(capsys, "screen", str(routine), "--catalog", str(catalog))
    assert code == 0
    assert "  2. Wall slide: ok" in out
    assert "wall-angel at $.data.sections[1].blocks[0].exercise: its name differ" in err


def test_a_document_holding_a_routine_is_noted_at_its_own_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    composition = compose(CATALOG, ub.Goal.of(5, benefits=[ub.Benefit.FLEXIBILITY]))
    first = composition.routine.sections[0]
    block = first.blocks[0]
    changed = attrs.evolve(block, exercise=attrs.evolve(block.exercise, cues=("Move.",)))
    routine = attrs.evolve(
        composition.routine,
        sections=(attrs.evolve(first, blocks=(changed, *first.blocks[1:])),
                  *composition.routine.sections[1:]),
    )  # fmt: skip
    path = tmp_path / "composition.json"
    path.write_text(ub.dumps(attrs.evolve(composition, routine=routine)), encoding="utf-8")
    code, _, err = run(capsys, "plan", str(path), "--weeks", "1")
    assert code == 0
    assert f"{block.exercise.id} at $.data.routine.sections[0].blocks[0].exercise: its cues" in err


# -- one rule for every option that takes several values --------------------------------

VALUES = {
    "kit": ("chair", "wall"),
    "prop": ("chair", "wall"),
    "condition": ("osteoporosis", "hypermobility"),
    "safe_for": ("osteoporosis", "hypermobility"),
    "benefit": ("flexibility", "strengthen_back"),
    "region": ("upper_back", "neck"),
    "position": ("standing", "seated"),
    "kind": ("static_stretch", "strengthening"),
    "red_flag": ("chest_pain", "recent_infection"),
}


def _list_options() -> list[tuple[str, str, str]]:
    found = []
    for name, parser in _subcommands().items():
        for action in parser._actions:
            if isinstance(action, argparse._AppendAction):
                pytest.fail(f"{name} {action.option_strings[0]}: append keeps its own rule")
            if type(action).__name__ == "_Items":
                found.append((name, action.option_strings[0], action.dest))
    return found


def test_every_list_option_takes_repeated_and_comma_separated_values_alike() -> None:
    """Issue 19: ``--kit chair --kit wall`` kept wall; ``prescribe --kit chair,wall`` failed."""
    options = _list_options()
    assert {dest for _, _, dest in options} == set(VALUES)
    parser = build_parser()
    for command, flag, dest in options:
        first, second = VALUES[dest]
        required = ["--minutes", "5"] if command == "compose" else []
        positional = ["x.json"] if command in {"screen", "plan", "prescribe"} else []
        forms = [
            [flag, first, flag, second],
            [flag, f"{first},{second}"],
            [flag, f" {first} , {second} ,", flag, first],
        ]
        parsed = [
            getattr(parser.parse_args([command, *positional, *required, *form]), dest)
            for form in forms
        ]
        assert len({tuple(values) for values in parsed}) == 1, (command, flag, parsed)
        assert [str(value) for value in parsed[0]] == [first, second]


def test_repeated_kits_make_one_kit_in_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["catalog"], ["routine"], ["compose", "--minutes", "6"]):
        _, repeated, _ = run(capsys, *argv, "--kit", "chair", "--kit", "resistance_band")
        _, listed, _ = run(capsys, *argv, "--kit", "chair,resistance_band")
        assert repeated == listed
        _, band_only, _ = run(capsys, *argv, "--kit", "resistance_band")
        assert repeated != band_only


def test_an_empty_kit_is_no_props(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compose", "--minutes", "5", "--kit", "")
    assert code == 0
    assert "Kit: nothing" in out


def test_a_bad_item_in_a_list_is_refused_with_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "compose", "--minutes", "5", "--benefit", "flexibility,speed")
    assert code == 2
    assert "'speed' is not a benefit; choose from " + ", ".join(ub.Benefit) in err


# -- exit codes, as docs/cli.md states them ------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["show", "chin-tuk"], 2),  # issue 19: it exited 1
        (["show", "chin-tuck"], 0),
        (["compose", "--minutes", "1", "--kind", "pnf_stretch"], 1),  # nothing fits
        (["compose", "--minutes", "5", "--level", "6"], 2),
        (["compose", "--minutes", "5", "--seed", "-1"], 2),
        (["triage", "--days", "1", "--trend", "better", "--red-flag", "chest_pain"], 0),
        (["schema", "nothing"], 2),
        (["ball", "--height", "90"], 2),
    ],
)
def test_exit_codes(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> None:
    got, _, err = run(capsys, *argv)
    assert got == code
    assert "Traceback" not in err


def test_an_unknown_id_says_which_ids_are_close(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "chin-tuk")
    assert (code, out) == (2, "")
    assert err == "upperback: No exercise has the id 'chin-tuk'. Did you mean 'chin-tuck'?\n"


def test_nothing_safe_is_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    only = tmp_path / "only.json"
    only.write_text(ub.dumps(ub.Routine.of("Bend", main=[CATALOG["cat-camel"]])))
    code, out, err = run(
        capsys, "screen", str(only), "--condition", "osteoporosis", "--format", "markdown"
    )
    assert (code, out) == (1, "")
    assert err.startswith("upperback: Nothing in this routine is safe for this person")


def test_a_value_the_library_refuses_is_exit_2(
    capsys: pytest.CaptureFixture[str], routine: Path
) -> None:
    code, out, err = run(
        capsys,
        "plan",
        str(routine),
        "--start",
        "2027-01-04",
        "--format",
        "ics",
        "--tz",
        "Mars/Olympus",
    )
    assert (code, out) == (2, "")
    assert "Mars/Olympus" in err
