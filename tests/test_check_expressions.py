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


def test_a_declared_name_the_key_does_not_use_is_named_in_the_feedback() -> None:
    declared = {"x": {"real": True}, "y": {"real": True}}
    verdict = check_answer("x + y", "x", "expression", declared)
    assert verdict.message == "your answer depends on y, which the correct one does not"


@pytest.mark.parametrize(
    ("given", "key", "message"),
    [
        ("sigmod(x)", "sigmoid(x)", "unknown function sigmod — did you mean sigmoid?"),
        ("tahn(x)", "tanh(x)", "unknown function tahn — did you mean tanh?"),
        ("Exp(x)", "exp(x)", "unknown function Exp — did you mean exp?"),
        ("X^2", "x^2", "X is not a symbol of this exercise — did you mean x?"),
        ("k x", "K x", "k is not a symbol of this exercise — did you mean K?"),
        ("lamda x", "lambda x", "lamda is not a symbol of this exercise — did you mean lambda?"),
        ("x + y", "x", "y is not a symbol of this exercise (its symbols: K, lambda, x)"),
        ("exit", "x", "exit is not a symbol of this exercise (its symbols: K, lambda, x)"),
    ],
)
def test_a_name_the_exercise_does_not_know_is_unreadable_with_a_suggestion(
    given: str, key: str, message: str
) -> None:
    """A typo is not a wrong answer: it is not counted, and the verdict says what to fix."""
    declared = {"x": {"real": True}, "K": {"positive": True}, "lambda": {"positive": True}}
    assert check_answer(given, key, "expression", declared) == Verdict("invalid", message)


def test_a_name_only_a_listed_mistake_uses_still_gets_that_mistakes_feedback() -> None:
    mistakes = [("x + y", "No y.")]
    verdict = check_answer("x + y", "x", "expression", {"x": {"real": True}}, mistakes=mistakes)
    assert verdict == Verdict("incorrect", "No y.")


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
