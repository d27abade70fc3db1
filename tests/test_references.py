from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import upperback as ub
from tests._shared import shared_file
from upperback import strategies as ubst

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"
SHIPPED = ROOT / "src" / "upperback" / "data" / "references.json"


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "references_from_domain", ROOT / "tools" / "references_from_domain.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_references_match_the_fact_sheet() -> None:
    shared_file("DOMAIN.md")
    parsed = _tool().parse(DOMAIN.read_text(encoding="utf-8"))
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == parsed


def test_the_tool_reads_keys_titles_and_every_address() -> None:
    text = (
        "## 11. Sources\n"
        "- A1 A title: https://a.org/1\n"
        "- B2* https://b.org/2 ; B3 Another: http://b.org/3 ; full text: https://b.org/3b\n"
        "- C4 Same thing (as A1); C4b* https://c.org/4\n"
        "## 12. Gaps\n"
    )
    assert _tool().parse(text) == {
        "A1": {"title": "A title", "urls": ["https://a.org/1"]},
        "C4": {"title": "Same thing (as A1)", "urls": ["https://a.org/1"]},
        "C4b*": {"title": "", "urls": ["https://c.org/4"]},
        "B2*": {"title": "", "urls": ["https://b.org/2"]},
        "B3": {"title": "Another", "urls": ["http://b.org/3", "https://b.org/3b"]},
    }


def _cited_in_text(text: str) -> set[str]:
    return set(re.findall(r"\[([A-Z]\d+[a-z]?\*?)\]", text))


def test_every_key_the_library_cites_has_a_reference() -> None:
    cited: set[str] = set()
    for rule in ub.RULES:
        cited |= set(rule.sources) | _cited_in_text(rule.reason)
    for flag in ub.RedFlag:
        cited |= set(flag.sources)
    for benefit in ub.Benefit:
        cited |= _cited_in_text(benefit.evidence)
    for exercise in ub.default_catalog():
        cited |= {source.key for source in exercise.sources}
        cited |= _cited_in_text(exercise.dose_note or "")
    missing = sorted(key for key in cited if key not in ub.references())
    assert missing == []


def test_every_exercise_source_address_is_one_of_its_references() -> None:
    for exercise in ub.default_catalog():
        for source in exercise.sources:
            assert source.url in ub.reference(source.key).urls, (exercise.id, source.key)


@given(ubst.symptom_reports(), ubst.safety_policies())
def test_every_reason_triage_gives_cites_known_sources(
    report: ub.SymptomReport, policy: ub.SafetyPolicy
) -> None:
    for reason in ub.triage(report, policy).reasons:
        for key in reason.sources:
            assert key in ub.references()


def test_reference_lookup() -> None:
    c1 = ub.reference("C1")
    assert c1.title == "Bone Health & Osteoporosis Foundation, Protecting your spine"
    assert not c1.is_secondary
    assert ub.reference("E13*").is_secondary
    assert len(ub.reference("R3").urls) == 3
    assert ub.references() is ub.references()
    with pytest.raises(TypeError):
        ub.references()["X1"] = c1  # type: ignore[index]


def test_an_unknown_key_suggests_close_ones() -> None:
    with pytest.raises(ub.UnknownReference) as info:
        ub.reference("E13")
    assert isinstance(info.value, KeyError)
    assert info.value.key == "E13"
    assert "E13*" in info.value.suggestions
    assert str(info.value).startswith("No source has the key 'E13'. Did you mean 'E13*'")
    with pytest.raises(ub.UnknownReference, match=r"^No source has the key 'Q0'\.$"):
        ub.reference("Q0")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": ""}, "key"),
        ({"title": ""}, "title"),
        ({"urls": ()}, "urls"),
        ({"urls": 3}, "urls"),
        ({"urls": ("ftp://x.org",)}, "urls[0]"),
        ({"urls": ("",)}, "urls[0]"),
    ],
)
def test_invalid_references(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Reference(**{"key": "A1", "urls": ("https://a.org",), **changes})
    assert info.value.field == field


@given(st.sampled_from(sorted(ub.references())))
def test_every_reference_is_valid(key: str) -> None:
    found = ub.reference(key)
    assert found.key == key
    assert all(url.startswith(("https://", "http://")) for url in found.urls)
