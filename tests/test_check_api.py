"""The checker's contract: what raises, what returns, and what stays cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from penpaper import Verdict, check_answer
from penpaper.checking import warm_up
from penpaper.checking.limits import MAX_FACTORIAL_ARGUMENT, MAX_MISTAKES


def test_an_unknown_type_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown answer type 'formula'"):
        check_answer("x", "x", "formula")


@pytest.mark.parametrize(
    ("symbols", "words"),
    [
        ({"x": {"rael": True}}, "symbols.x.rael: unknown key"),
        ({"x": {"domain": "(1, 0)"}}, "is empty"),
        ({"A": {"matrix": [2, 3], "symmetric": True}}, "square"),
        (["x"], "must be a mapping"),
    ],
)
def test_unusable_symbols_are_a_bank_error(symbols: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        check_answer("x", "x", "expression", symbols)  # type: ignore[arg-type]


def test_an_unreadable_key_is_a_bank_error() -> None:
    with pytest.raises(ValueError, match=r"answer key '2 x \(' cannot be read"):
        check_answer("2x", "2 x (", "expression")


def test_an_unreadable_mistake_is_a_bank_error() -> None:
    with pytest.raises(ValueError, match="mistake 1"):
        check_answer("3x", "2 x", "expression", mistakes=[("2 x )", "typo")])


def test_more_mistakes_than_the_bound_are_a_bank_error() -> None:
    mistakes = [(f"{n} x", "no") for n in range(3, 3 + MAX_MISTAKES + 1)]
    with pytest.raises(ValueError, match=f"at most {MAX_MISTAKES}"):
        check_answer("2x", "2 x", "expression", mistakes=mistakes)
    assert check_answer("2x", "2 x", "expression", mistakes=mistakes[:-1]).status == "correct"


@pytest.mark.parametrize("seconds", [0.0, -1.0, float("inf"), float("nan")])
def test_a_time_limit_must_be_a_positive_number_of_seconds(seconds: float) -> None:
    with pytest.raises(ValueError, match="time_limit must be a positive number"):
        check_answer("x", "x", "expression", time_limit=seconds)


def test_an_overlong_mistake_is_a_bank_error() -> None:
    with pytest.raises(ValueError, match="mistake 2 is longer than"):
        check_answer("2x", "2 x", "expression", mistakes=[("3x", "no"), ("x" * 2_001, "no")])


def test_a_key_too_large_to_evaluate_gets_a_sentence_not_a_python_error() -> None:
    verdict = check_answer("7", "9^9^9", "expression")
    assert verdict == Verdict(
        "undecided", "the expected answer cannot be evaluated at the test points"
    )


def test_the_documented_factorial_bound_is_the_real_one() -> None:
    assert check_answer(
        f"factorial({MAX_FACTORIAL_ARGUMENT})", f"{MAX_FACTORIAL_ARGUMENT}!", "number"
    ).status == "correct"
    assert check_answer(
        f"factorial({MAX_FACTORIAL_ARGUMENT})/factorial({MAX_FACTORIAL_ARGUMENT - 1})",
        str(MAX_FACTORIAL_ARGUMENT),
        "number",
    ).status == "correct"


def test_a_missing_key_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs an expected answer"):
        check_answer("x", "  ", "expression")


def test_learner_text_problems_return_invalid_with_a_place() -> None:
    assert check_answer("x +", "x", "expression") == Verdict(
        "invalid", "the answer stops too early after '+' at column 3"
    )
    assert check_answer("x # y", "x", "expression") == Verdict(
        "invalid", "unexpected character '#' at column 3"
    )
    assert check_answer("\\int x", "x", "expression") == Verdict(
        "invalid", "\\int at column 1 is not supported: give the value"
    )
    assert check_answer("foo(x, y)", "x", "expression").message.startswith(
        "'foo' at column 1 is not a function"
    )
    assert check_answer("exp(x, 2)", "x", "expression") == Verdict(
        "invalid", "exp at column 1 takes 1 argument, got 2"
    )


def test_a_long_paste_is_refused_without_parsing() -> None:
    verdict = check_answer("x" * 50_000, "x", "expression")
    assert verdict.status == "invalid"
    assert "too long" in verdict.message


def test_warm_up_can_be_called_any_time() -> None:
    warm_up()
    assert check_answer("x", "x", "expression").status == "correct"


def test_importing_the_checker_does_not_load_sympy() -> None:
    code = "import sys, penpaper.checking; print('sympy' in sys.modules, 'mpmath' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
