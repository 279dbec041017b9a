"""The checker on scalar expressions: equivalent forms, syntax, assumptions, feedback."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load
from penpaper import Verdict, check_answer


@pytest.mark.parametrize("case", load("expressions"))
def test_expression_corpus(case: Case) -> None:
    assert_judged(case)


def test_the_issue_example() -> None:
    verdict = check_answer(
        given="2*x*exp(x^2)",
        expected="2 x e^(x^2)",
        type="expression",
        symbols={"x": {"real": True}},
        tolerance=None,
    )
    assert verdict == Verdict("correct", "correct")


def test_an_undeclared_name_is_a_real_symbol_the_feedback_can_name() -> None:
    verdict = check_answer("x + y", "x", "expression", {"x": {"real": True}})
    assert verdict.message == "your answer depends on y, which the correct one does not"


def test_a_missing_dependence_is_told() -> None:
    verdict = check_answer("x^2", "x^2 y", "expression")
    assert verdict.status == "incorrect"
    assert "does not depend on y" in verdict.message


def test_verdicts_are_reproducible() -> None:
    first = check_answer("sin(x)/x", "sinc", "expression")
    assert first == check_answer("sin(x)/x", "sinc", "expression")


def test_a_matrix_is_not_a_scalar_answer() -> None:
    symbols = {"A": {"matrix": [2, 2]}}
    verdict = check_answer("A", "det(A)", "expression", symbols)
    assert verdict.status == "incorrect"
    assert "expected a scalar, got 2×2" in verdict.message


def test_an_expression_key_that_is_a_matrix_is_a_bank_error() -> None:
    with pytest.raises(ValueError, match="matrix-expression"):
        check_answer("A", "A", "expression", {"A": {"matrix": [2, 2]}})
