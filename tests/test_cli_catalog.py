from __future__ import annotations

import pytest

import upperback as ub
from upperback import cli
from upperback.cli import show as show_command


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_catalog_lists_every_built_in_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["catalog"]) == 0
    listed = rows(capsys.readouterr().out)
    assert [row[0] for row in listed] == list(ub.default_catalog().ids)
    by_id = {row[0]: row for row in listed}
    assert by_id["cat-camel"] == ["cat-camel", "Cat-camel", "dynamic_mobility", "(mat)"]
    assert by_id["upper-back-reach-stretch"][3] == "-"
    assert by_id["band-row-seated"][3] == "resistance_band, chair"


def test_catalog_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["catalog", "--prop", "swiss_ball"]) == 0
    balls = [row[0] for row in rows(capsys.readouterr().out)]
    assert balls
    assert balls == list(ub.default_catalog().where(requires=ub.PropKind.SWISS_BALL).ids)

    assert cli.main(["catalog", "--kind", "strengthening", "--region", "neck"]) == 0
    assert rows(capsys.readouterr().out) == []

    assert cli.main(["catalog", "--kind", "static_stretch", "--region", "neck"]) == 0
    neck = [row[0] for row in rows(capsys.readouterr().out)]
    assert "upper-trapezius-stretch" in neck
    assert "levator-scapulae-stretch" in neck


def test_catalog_refuses_an_unknown_filter(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["catalog", "--prop", "trampoline"])
    assert info.value.code == 2
    assert "trampoline" in capsys.readouterr().err


def test_show_prints_cues_dose_precautions_and_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["show", "thoracic-extension-swiss-ball"]) == 0
    out = capsys.readouterr().out
    exercise = ub.default_catalog()["thoracic-extension-swiss-ball"]
    assert out.startswith(exercise.name + "\n")
    assert "Also called: Supine arch over ball" in out
    assert "Props: swiss_ball" in out
    for number, cue in enumerate(exercise.cues, start=1):
        assert f"  {number}. {cue}" in out
    assert f"Dose: {exercise.default_dose.describe()}" in out
    for precaution in exercise.precautions:
        assert f"  - {precaution}" in out
    for source in exercise.sources:
        assert f"[{source.key}] {source.url}" in out


def test_show_optional_props_and_no_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", "sleeper-stretch"]) == 0
    out = capsys.readouterr().out
    assert "Props: towel (optional)" in out
    assert "Also called" not in out


def test_show_unknown_id_is_a_usage_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["show", "cat-camle"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No exercise has the id 'cat-camle'. Did you mean 'cat-camel'?" in captured.err


def test_show_leaves_out_empty_parts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = ub.Exercise(
        id="bare",
        name="Bare",
        kind=ub.ExerciseKind.STATIC_STRETCH,
        position=ub.Position.SEATED,
        targets={ub.Muscle.RHOMBOIDS},
        cues=["Sit tall."],
        default_dose=ub.Dose(sets=2, hold_s=30),
    )
    monkeypatch.setattr(show_command, "default_catalog", lambda: ub.Catalog.of(bare))
    assert cli.main(["show", "bare"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "Bare\nKind: static_stretch; position: seated; level 1\n\n"
        "How to do it:\n  1. Sit tall.\n\nDose: 2 × 30 s hold\n"
    )


def test_ball_and_no_command_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ball", "--height", "178"]) == 0
    assert "65 cm" in capsys.readouterr().out
    assert cli.main([]) == 0
    assert "catalog" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        cli.main(["ball", "--height", "20"])
    assert info.value.code == 2
    assert "height must be a number from 100 to 250 cm" in capsys.readouterr().err


def test_catalog_safe_for_a_condition_and_doable_with_a_kit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["catalog", "--safe-for", "osteoporosis", "--kit", "wall,chair"]) == 0
    listed = [row[0] for row in rows(capsys.readouterr().out)]
    person = ub.Profile(conditions={ub.Condition.OSTEOPOROSIS})
    kit = ub.Kit.of(ub.Wall(), ub.Chair())
    expected = ub.safe_exercises(ub.default_catalog(), person, kit=kit)
    assert listed == list(expected.ids)
    assert "cat-camel" not in listed  # excluded by the osteoporosis rules
    assert "thoracic-extension-swiss-ball" not in listed  # needs a ball
    for exercise_id in listed:
        assert kit.satisfies_all(ub.default_catalog()[exercise_id].props)


def test_catalog_as_json_is_a_catalog_document_and_as_markdown_a_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["catalog", "--kind", "static_stretch", "--format", "json"]) == 0
    catalog = ub.loads(capsys.readouterr().out, ub.Catalog)
    assert list(catalog.ids) == list(
        ub.default_catalog().where(kind=ub.ExerciseKind.STATIC_STRETCH).ids
    )
    assert cli.main(["catalog", "--kind", "static_stretch", "--format", "markdown"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[:2] == ["| id | exercise | kind | props |", "|---|---|---|---|"]
    assert len(table) == 2 + len(catalog)


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_show_in_other_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert cli.main(["show", "chin-tuck", "--format", fmt]) == 0
    out = capsys.readouterr().out
    exercise = ub.default_catalog()["chin-tuck"]
    if fmt == "json":
        assert ub.loads(out, ub.Exercise) == exercise
    else:
        assert exercise.name in out
        assert exercise.default_dose.describe() in out
