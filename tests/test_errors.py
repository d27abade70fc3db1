from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import upperback
from upperback.errors import (
    InvalidCatalog,
    InvalidDocument,
    InvalidValue,
    InvalidValues,
    NothingFits,
    NothingSafe,
    Problem,
    UnknownExercise,
    UnknownReference,
    UpperbackError,
    excerpt,
    json_path,
)


def test_invalid_value_names_field_value_and_reason() -> None:
    error = InvalidValue("hold_s", 300, "must be between 1 and 120 seconds")
    assert str(error) == "'hold_s' must be between 1 and 120 seconds (got 300)."
    assert (error.field, error.value, error.reason) == (
        "hold_s",
        300,
        "must be between 1 and 120 seconds",
    )


@pytest.mark.parametrize("cls", [InvalidValue, InvalidDocument])
def test_errors_refine_value_error_and_share_a_base(cls: type[Exception]) -> None:
    assert issubclass(cls, UpperbackError)
    assert issubclass(cls, ValueError)


def test_invalid_document_lists_every_problem() -> None:
    problems = [
        Problem(path="$.data.sets", message="must be an integer (got '2')"),
        Problem(path="$.data.reps", message="must be an integer (got 3.5)"),
    ]
    error = InvalidDocument(problems)
    assert error.problems == tuple(problems)
    assert str(error) == (
        "Invalid document (2 problems):\n"
        "  $.data.sets: must be an integer (got '2')\n"
        "  $.data.reps: must be an integer (got 3.5)"
    )


def test_invalid_document_with_one_problem_says_problem() -> None:
    error = InvalidDocument([Problem(path="$", message="must be a JSON object")], what="catalog")
    assert str(error).startswith("Invalid catalog (1 problem):")


def test_problem_is_a_value() -> None:
    assert Problem(path="$.a", message="x") == Problem(path="$.a", message="x")
    assert str(Problem(path="$.a", message="x")) == "$.a: x"


# -- one shape for every error an app returns to a client ----------------------------


def _every_error_class() -> set[type[UpperbackError]]:
    for module in pkgutil.walk_packages(upperback.__path__, "upperback."):
        importlib.import_module(module.name)
    found: set[type[UpperbackError]] = set()
    stack: list[type[UpperbackError]] = [UpperbackError]
    while stack:
        cls = stack.pop()
        if cls.__module__.split(".")[0] == "upperback":  # not an app's own (the example service's)
            found.add(cls)
        stack.extend(cls.__subclasses__())
    return found


def _examples() -> dict[type[UpperbackError], UpperbackError]:
    from upperback.cli._common import UsageError  # noqa: PLC0415 - the command line's own

    catalog_problem = Problem(path="exercises['cat-camel'].harder", message="names no exercise")
    return {
        UpperbackError: UpperbackError("Something went wrong."),
        InvalidValue: InvalidValue("names[0]", "", "must not be empty"),
        InvalidValues: InvalidValues(
            [
                InvalidValue("sets", 0, "must be at least 1"),
                InvalidValue("cues[1]", " x", "is padded"),
            ]
        ),
        InvalidDocument: InvalidDocument([Problem(path="$.data.sets", message="must be 1 to 10")]),
        InvalidCatalog: InvalidCatalog([catalog_problem]),
        UnknownExercise: UnknownExercise("chin-tuk", ["chin-tuck"]),
        UnknownReference: UnknownReference("Z9", ["A1"]),
        NothingSafe: NothingSafe(["Cat-camel: avoid loaded flexion"]),
        NothingFits: NothingFits(["cat-camel: takes 2 minutes, the budget is 1"]),
        UsageError: UsageError("doc.json: no such file."),
    }


def test_every_error_class_has_an_example_here() -> None:
    assert _every_error_class() == set(_examples())


@pytest.mark.parametrize("error", list(_examples().values()), ids=lambda e: type(e).__name__)
def test_every_error_gives_problem_details_with_json_paths(error: UpperbackError) -> None:
    details = error.to_problem_details()
    assert json.loads(json.dumps(details)) == details  # plain JSON data
    assert set(details) == {"type", "title", "status", "detail", "errors"}
    assert (details["type"], details["status"], details["title"]) == (
        "about:blank",
        422,
        "Unprocessable Content",
    )
    assert details["detail"].endswith((".", "?"))
    assert "\n" not in details["detail"]
    assert details["errors"]
    assert len(details["errors"]) == len(error.problems)
    for item, problem in zip(details["errors"], error.problems, strict=True):
        assert set(item) == {"path", "pointer", "detail"}
        assert item["path"].startswith("$")
        assert item["pointer"] == Problem(path=item["path"], message="").pointer
        assert item["detail"] == problem.message
    assert error.to_list() == [
        {"path": item["path"], "message": item["detail"]} for item in details["errors"]
    ]
    other = error.to_problem_details(status=400, type="https://example.org/bad", instance="/x/1")
    assert (other["status"], other["title"], other["type"], other["instance"]) == (
        400,
        "Bad Request",
        "https://example.org/bad",
        "/x/1",
    )


def test_a_value_error_names_its_field_by_a_json_path_and_shows_values_as_json() -> None:
    error = InvalidValue("logs[6].routine_id", None, "must be given")
    assert [str(p) for p in error.problems] == ["$.logs[6].routine_id: must be given (got null)"]
    both = InvalidValues([InvalidValue("sets", 0, "must be at least 1"), error])
    assert [p.path for p in both.problems] == ["$.sets", "$.logs[6].routine_id"]
    assert both.to_problem_details()["detail"] == "The value has 2 problems."


def test_a_catalog_problem_is_answered_at_a_json_path() -> None:
    error = InvalidCatalog([Problem(path="exercises['cat-camel'].harder", message="x")])
    assert error.problems[0].path == "exercises['cat-camel'].harder"  # as the catalog names it
    [item] = error.to_problem_details()["errors"]
    assert (item["path"], item["pointer"]) == (
        '$.exercises["cat-camel"].harder',
        "/exercises/cat-camel/harder",
    )


@example(["names", 0])
@example(["exercises", "cat-camel", "harder"])
@example(["odd key", 'a "quoted" key', 3])
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**6),
            st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True),
            st.text(max_size=8),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_python_path_becomes_the_json_path_to_the_same_place(parts: list[int | str]) -> None:
    # Python's spelling of the path (a key that is no name quoted as Python quotes it) ...
    field = ""
    for part in parts:
        if isinstance(part, int):
            field += f"[{part}]"
        elif part.isidentifier() and part.isascii():
            field += f".{part}" if field else part
        else:
            field += f"[{part!r}]"
    # ... names the same place as a JSON Pointer to it.
    pointer = "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in parts)
    path = json_path(field)
    assert path.startswith("$")
    assert Problem(path=path, message="").pointer == pointer
    assert json_path(path) == path


def test_text_that_is_no_path_names_a_key_of_the_root() -> None:
    assert json_path("odd key") == '$["odd key"]'
    assert json_path("") == "$"


def test_a_base_error_is_one_problem_about_the_input_as_a_whole() -> None:
    error = UpperbackError("Nothing to plan:\n  the routine is empty")
    assert error.detail == "Nothing to plan."
    assert [str(p) for p in error.problems] == ["$: Nothing to plan."]


def test_a_logged_dose_that_differs_in_rest_only_says_so() -> None:
    catalog = upperback.default_catalog()
    routine = upperback.Routine.of("Desk", main=[catalog["band-pull-apart"]])
    block = routine.blocks[0]
    rested = attrs.evolve(block, dose=attrs.evolve(block.dose, rest_s=block.dose.rest_s + 30))
    log = upperback.SessionLog(
        date=dt.date(2027, 1, 4),
        routine_id=routine.id,
        outcomes=[upperback.Outcome.as_prescribed(rested, at=(0, 0))],
    )
    with pytest.raises(InvalidValue) as info:
        log.check(routine)
    [problem] = info.value.problems
    assert problem.path == "$.outcomes[0].dose"
    rest = block.dose.rest_s
    assert f"it differs in rest_s ({rest} prescribed, {rest + 30} logged)" in problem.message


def test_text_with_a_path_part_after_a_space_names_a_key_of_the_root() -> None:
    assert json_path("a b.c") == '$["a b.c"]'


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (False, "false"),
        (2**70, "an integer of about 22 digits"),
        (1.5, "1.5"),
        (float("nan"), "NaN"),
        ({}, "{}"),
        ({"a": 1, "b": [1, 2]}, '{"a": 1, "b": [1, 2]}'),
        ({str(i): i for i in range(6)}, '{"0": 0, "1": 1, "2": 2, "3": 3, …}'),
        ([[[[1]]]], "[[[[…]]]]"),
        (frozenset({"b", "a"}), '["a", "b"]'),
        ([], "[]"),
        ("\ud800", '"\\ud800"'),
        (upperback.Condition.OSTEOPOROSIS, '"osteoporosis"'),
        (object(), "{…}"),
        (list(range(100)), "[0, 1, 2, 3, …]"),
        (
            ["x" * 30] * 4,
            '["' + "x" * 20 + '…" (30 characters), "' + "x" * 20 + '…" (30 characters…',
        ),
    ],
)
def test_a_value_is_shown_in_json_form_and_cut_short(value: object, shown: str) -> None:
    assert excerpt(value) == shown


def test_a_quoted_key_that_is_not_json_is_kept_as_written_in_the_pointer() -> None:
    assert Problem(path='$["\\q"]', message="x").pointer == '/"\\q"'


def test_the_messages_without_suggestions_and_past_twenty_reasons() -> None:
    assert str(UnknownExercise("x")) == "No exercise has the id 'x'."
    error = NothingFits([f"e{i}: too long" for i in range(25)])
    assert str(error).endswith("  e19: too long\n  and 5 more")
    assert len(error.problems) == 25
    assert str(UnknownReference("Z9")) == "No source has the key 'Z9'."
