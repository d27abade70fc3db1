"""Corners of rendering: sources with no reference or none at all, and what an exclusion shows."""

from __future__ import annotations

import importlib

import attrs
import pytest

import upperback as ub
from upperback.render import _person, _sheet
from upperback.routine import Routine
from upperback.safety import Action, Condition, Profile, Verdict, screen

# The modules, not the functions of the same names that the package exports.
html = importlib.import_module("upperback.render.html")
markdown = importlib.import_module("upperback.render.markdown")
text = importlib.import_module("upperback.render.text")

UNKNOWN = "ZZ9"  # a source key with no reference behind it


def a_sheet(**changes: object) -> _sheet.Sheet:
    block = ub.Block(exercise=ub.default_catalog()["chin-tuck"])
    values: dict[str, object] = {
        "title": "A sheet",
        "facts": (),
        "cards": (_sheet.card(1, block),),
        "notice": _person.notice(5),
    }
    return _sheet.Sheet(**{**values, **changes})  # type: ignore[arg-type]


def test_a_source_key_with_no_reference_is_shown_plainly_not_as_a_link() -> None:
    with pytest.raises(ub.UnknownReference):
        ub.reference(UNKNOWN)
    sheet = a_sheet(changes=(_sheet.Cited(text="Shorter holds.", sources=(UNKNOWN,)),))
    page = html.render_sheet(sheet)
    (line,) = [line for line in page.splitlines() if "Shorter holds." in line]
    assert f"[{UNKNOWN}]" in line
    assert "<a " not in line
    assert f"Shorter holds. \\[{UNKNOWN}\\]" in markdown.render_sheet(sheet)
    assert f"\\[{UNKNOWN}\\](" not in markdown.render_sheet(sheet)


def test_a_card_without_sources_has_no_sources_line() -> None:
    chin_tuck = ub.default_catalog()["chin-tuck"]
    assert chin_tuck.sources
    bare = attrs.evolve(chin_tuck, sources=())
    for exercise, expected in [(chin_tuck, True), (bare, False)]:
        assert ("Sources:" in text.text(exercise)) is expected
        assert ("Sources:" in markdown.markdown(exercise)) is expected


@pytest.mark.parametrize("module", [text, markdown, html], ids=["text", "markdown", "html"])
def test_every_sheet_ends_with_its_safety_notice(module: object) -> None:
    sheet = a_sheet()
    assert not sheet.warning_signs
    shown: str = module.render_sheet(sheet)  # type: ignore[attr-defined]
    (line,) = sheet.notice[-1:]
    assert "Safety" in shown
    assert shown.rindex("Safety") < shown.rindex(line.text.split(";")[0])
    assert "urgent help" not in shown


def test_an_excluded_block_shows_only_the_rules_that_exclude_it() -> None:
    exercise = ub.default_catalog()["kneeling-lat-stretch-swiss-ball"]
    report = screen(
        Routine.of("Lat", main=[exercise]),
        Profile(conditions=frozenset({Condition.PREGNANCY_FIRST_TRIMESTER})),
    )
    (item,) = report.blocks
    assert item.verdict is Verdict.EXCLUDE
    excluding = [rule for rule in item.rules if rule.action is Action.EXCLUDE]
    assert excluding
    assert len(excluding) < len(item.rules)  # it also has rules that only modify
    assert _sheet.screen_changes(report) == tuple(
        _sheet.Cited(text=f"Left out {exercise.name}: {rule.reason}", sources=rule.sources)
        for rule in excluding
    )


def test_an_exercise_twice_in_a_routine_is_named_once_in_what_changed() -> None:
    chin = ub.default_catalog()["chin-tuck"]
    report = screen(
        Routine.of("Twice", warm_up=[chin], main=[chin]),
        Profile(conditions=frozenset({Condition.CERVICAL_RADICULOPATHY})),
    )
    (line,) = _sheet.screen_changes(report)
    assert line.text.startswith(f"Changed {chin.name}: ")
