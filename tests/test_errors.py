from __future__ import annotations

import pytest

from upperback.errors import InvalidDocument, InvalidValue, Problem, UpperbackError


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
