"""Reading and writing dates and the tagged rule union: every bad shape named by its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import upperback as ub
from upperback._codec.limits import DEFAULT_LIMITS
from upperback._codec.walk import _Codec, unstructurer
from upperback.progression.rules import ProgressionRule

DOCUMENTS = Path(__file__).parent / "documents" / "v1"
PROGRAM = json.loads((DOCUMENTS / "program.json").read_text(encoding="utf-8"))
LOG = json.loads((DOCUMENTS / "session_log.json").read_text(encoding="utf-8"))


def problems(document: dict[str, Any], cls: type) -> dict[str, str]:
    with pytest.raises(ub.InvalidDocument) as caught:
        ub.from_dict(document, cls)
    return {p.path: p.message for p in caught.value.problems}


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "2026-00-10"])
def test_a_date_of_the_right_shape_that_is_no_day_is_refused(date: str) -> None:
    document = copy.deepcopy(LOG)
    document["data"]["date"] = date
    found = problems(document, ub.SessionLog)
    assert found == {"$.data.date": f"must be a date written YYYY-MM-DD (got {json.dumps(date)})"}


def _chain_rules(document: dict[str, Any]) -> list[Any]:
    rules: list[Any] = document["data"]["rules"]["default"]["inner"]["rules"]
    return rules


def test_a_rule_without_its_tag_is_refused_listing_the_tags() -> None:
    document = copy.deepcopy(PROGRAM)
    del _chain_rules(document)[0]["type"]
    found = problems(document, ub.Program)
    ((path, message),) = found.items()
    assert path == "$.data.rules.default.inner.rules[0].type"
    assert message.startswith("is required: one of ")
    for tag in ('"deload"', '"chain"', '"pain_gate"', '"hold"'):
        assert tag in message


def test_a_non_object_where_a_rule_belongs_is_refused() -> None:
    document = copy.deepcopy(PROGRAM)
    _chain_rules(document)[1] = 5
    found = problems(document, ub.Program)
    assert found == {
        "$.data.rules.default.inner.rules[1]": "must be an object with a 'type' key (got 5)"
    }


def test_a_wrong_tag_is_refused_naming_it() -> None:
    document = copy.deepcopy(PROGRAM)
    _chain_rules(document)[0]["type"] = "deloads"
    found = problems(document, ub.Program)
    ((path, message),) = found.items()
    assert path == "$.data.rules.default.inner.rules[0].type"
    assert message.startswith("must be one of ")
    assert message.endswith('(got "deloads")')


def test_a_program_with_no_default_rule_round_trips_with_none_written() -> None:
    routine = ub.Routine.of("Desk", main=[ub.default_catalog()["band-pull-apart"]])
    program = ub.plan(routine, weeks=2, rules=ub.RuleSet(novice=True))
    assert program.rules.default is None
    written = ub.to_dict(program)
    assert written["data"]["rules"].get("default") is None
    assert ub.from_dict(written, ub.Program) == program


def test_a_builder_that_takes_the_lock_after_another_published_uses_that_structure() -> None:
    codec = _Codec(DEFAULT_LIMITS)
    first = codec.get(ub.Program)
    again = codec._get_locked((ub.Program, False), ub.Program, tagged=False)
    assert again is first


def test_the_writer_of_an_optional_rule_writes_none_as_none_and_a_rule_by_its_tag() -> None:
    # Documents omit a field at its default, so a None rule reaches this writer only
    # when a rule is optional with another default; the writer must still hold.
    write = unstructurer(ProgressionRule | None)
    assert write is not None
    assert write(None) is None
    rule = ub.PainGate(inner=ub.Chain(rules=[ub.Deload(every_weeks=4, percent=50), ub.Hold()]))
    written = write(rule)
    assert written["type"] == "pain_gate"
    assert written["inner"]["type"] == "chain"
    assert [r["type"] for r in written["inner"]["rules"]] == ["deload", "hold"]
