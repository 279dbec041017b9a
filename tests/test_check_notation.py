"""The notation learners paste, and the one stated reading of ambiguous text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from check_corpus.corpus import Case, assert_judged, judge, load
from helpers import run_cli
from penpaper import check_answer

NOW = "2026-03-02T10:00:00+00:00"
CASES = [param.values[0] for param in load("notation") + load("expressions")]
READABLE = [
    case
    for case in CASES
    if case.verdict in ("correct", "incorrect") and not case.given.startswith(("$", "\\(", "\\["))
]
WRAPPERS = [("$", "$"), ("$$", "$$"), ("\\(", "\\)"), ("\\[", "\\]"), ("  $", "$ ")]
FACTORS = ["2", "1/2", "3/4", "x", "(x+1)", "x^2", "e^x", "sqrt(x)", "(1-x)"]
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


NOTATION_ALPHABET = "x1207 ,;/()[]{}%$^_-½⅓ⁿ⁻¹²ˣᵀᵢ₁∛√Σ∞·×x̄" + "\\"
KEYS = {
    "expression": "x/2",
    "number": "1/2",
    "vector": "[1, x]",
    "matrix": "[[1, 0], [0, 1]]",
    "tuple": "(1, x)",
    "set": "{1, x}",
    "equation": "y = x/2",
}


@pytest.mark.parametrize("case", load("notation"))
def test_notation_corpus(case: Case) -> None:
    assert_judged(case)


@SOME
@given(
    text=st.text(alphabet=NOTATION_ALPHABET, max_size=30)
    | st.lists(st.sampled_from(["\\frac", "\\sqrt", "\\bar", "{", "}", "1", "x", "[", "]"]))
    .map("".join),
    answer_type=st.sampled_from(sorted(KEYS)),
)
def test_any_pasted_notation_gets_a_verdict(text: str, answer_type: str) -> None:
    verdict = check_answer(text, KEYS[answer_type], answer_type, symbols={"x": {"real": True}})
    assert verdict.status in ("correct", "incorrect", "invalid", "undecided")
    assert verdict.message


@SOME
@given(case=st.sampled_from(READABLE), wrapper=st.sampled_from(WRAPPERS))
def test_an_answer_pasted_between_latex_delimiters_reads_as_the_plain_one(
    case: Case, wrapper: tuple[str, str]
) -> None:
    opener, closer = wrapper
    wrapped = Case(**{**case.__dict__, "given": f"{opener}{case.given}{closer}"})
    assert judge(wrapped).status == case.verdict


@SOME
@given(
    number=st.integers(min_value=1_000, max_value=10**15),
    separator=st.sampled_from([",", " ", "\u2009", "\u202f"]),
    sign=st.sampled_from(["", "-"]),
)
def test_a_number_with_thousands_separators_is_that_number(
    number: int, separator: str, sign: str
) -> None:
    grouped = sign + f"{number:,}".replace(",", separator)
    assert check_answer(grouped, f"{sign}{number}", "number").status == "correct"
    assert check_answer(grouped, f"{sign}{number + 1}", "number").status == "incorrect"
    in_a_vector = check_answer(f"[{sign}{number:,}]", f"[{sign}{number}]", "vector")
    assert in_a_vector.status == "invalid"  # three entries, or one number? Not guessed


@SOME
@given(
    factors=st.lists(st.sampled_from(FACTORS), min_size=2, max_size=4),
    operators=st.lists(st.sampled_from(["", "/", "*"]), min_size=3, max_size=3),
)
def test_spacing_never_changes_the_reading(factors: list[str], operators: list[str]) -> None:
    tight = factors[0]
    spaced = factors[0]
    for operator, factor in zip(operators, factors[1:], strict=False):
        # Letters or digits run together would be one word or number, not two factors.
        assume(operator or not (tight[-1].isalnum() and factor[0].isalnum()))
        tight += operator + factor
        spaced += f" {operator} {factor}" if operator else f" {factor}"
    symbols = {"x": {"positive": True}}
    tight_reading = check_answer(tight, spaced, "expression", symbols=symbols)
    assert tight_reading.status == "correct", (tight, spaced, tight_reading.message)
    assert ("read as" in tight_reading.message) == ("read as" in check_answer(
        spaced, tight, "expression", symbols=symbols
    ).message)


def test_check_states_the_reading_of_a_trap_whether_right_or_wrong() -> None:
    right = run_cli("check", "calculus/chain-rule", "1/2(4x exp(x^2))", now=NOW)
    assert right.exit_code == 0, right.output
    assert right.stdout.startswith("✓ correct — read as (1/2)·(4x exp(x^2))")
    wrong = run_cli("check", "calculus/chain-rule", "1/2x exp(x^2)", now=NOW)
    assert wrong.exit_code == 1, wrong.output
    assert "✗ incorrect — read as (1/2)·x: " in wrong.stdout


def test_the_drill_states_the_reading_of_a_trap() -> None:
    result = run_cli(
        "drill", "calculus", "--id", "calculus/chain-rule", input="1/2 (4x e^(x^2))\n", now=NOW
    )
    assert result.exit_code == 0, result.output
    assert "✓ correct — read as (1/2)·(4x e^(x^2))" in result.stdout


def test_pasted_latex_and_unicode_are_checked_from_the_command_line() -> None:
    latex = run_cli("check", "calculus/chain-rule", "$2x\\,e^{x^{2}}$", now=NOW)
    assert (latex.exit_code, latex.stdout.splitlines()[0]) == (0, "✓ correct")
    unicode = run_cli("check", "calculus/chain-rule", "2x·eˣ²", "--no-record", now=NOW)
    assert unicode.exit_code == 2  # eˣ² is e^(x2): x2 is no symbol here, so not counted
    assert "x2 is not a symbol of this exercise" in unicode.stderr
    summed = run_cli("check", "calculus/chain-rule", "\\sum_i x_i", "--no-record", now=NOW)
    assert summed.exit_code == 2
    assert "type the sum out" in summed.stderr


def test_validate_checks_the_name_a_part_asks_for(tmp_path: Path) -> None:
    part = """\
  - ask: What is c?
    answer:
      type: number
      expect: "-10"
      asks: 3c
    solution: Ten below zero.
  - ask: Is it?
    answer:
      type: boolean
      expect: "yes"
      asks: c
    solution: Yes.
"""
    folder = tmp_path / "sums"
    folder.mkdir()
    (folder / "asking.yaml").write_text(
        f"title: Asking\ndifficulty: 1\nstatement: Find c.\nparts:\n{part}", encoding="utf-8"
    )
    result = run_cli("validate", "--no-keys", str(folder / "asking.yaml"), bank=None)
    assert result.exit_code == 1, result.output
    assert "parts[1].answer.asks: must be a name such as c or x_1, got '3c'" in result.stdout
    assert "parts[2].answer.asks: a 'boolean' answer does not take 'asks'" in result.stdout
