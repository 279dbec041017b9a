"""Values, not computations, and feedback that teaches: the corpus, a property, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from check_corpus.corpus import Case, assert_judged, load
from helpers import run_cli
from penpaper import check_answer
from penpaper.paths import database_path
from penpaper.progress.store import Store


@pytest.mark.parametrize("case", load("values"))
def test_values_corpus(case: Case) -> None:
    assert_judged(case)


def literal(matrix: sympy.Matrix) -> str:
    """``[[1, 2], [3, 4]]``, entries written as exact fractions."""
    rows = [", ".join(str(entry) for entry in matrix.row(i)) for i in range(matrix.rows)]
    return "[" + ", ".join(f"[{row}]" for row in rows) + "]"


small_matrices = st.integers(2, 3).flatmap(
    lambda size: st.lists(
        st.lists(st.integers(-9, 9), min_size=size, max_size=size), min_size=size, max_size=size
    )
)


@settings(max_examples=25, deadline=None)
@given(entries=small_matrices)
def test_a_computation_typed_for_a_value_is_never_judged(entries: list[list[int]]) -> None:
    # The keys come from sympy, independently of the checker; with evaluate: true the
    # same text is correct, so the key is right and the refusal is the only reason.
    matrix = sympy.Matrix(entries)
    text = literal(matrix)
    typed = [
        (f"det({text})", str(matrix.det()), "number"),
        (f"tr({text})", str(matrix.trace()), "number"),
        (f"{text}^T", literal(matrix.T), "matrix"),
    ]
    if matrix.det() != 0:
        typed.append((f"inv({text})", literal(matrix.inv()), "matrix"))
    for answer, key, answer_type in typed:
        refused = check_answer(answer, key, answer_type)
        assert refused.status == "invalid", (answer, refused)
        assert "give the value, not an expression that computes it" in refused.message
        assert check_answer(answer, key, answer_type, evaluate=True).status == "correct"
    if matrix != matrix.T:
        named = check_answer(text, literal(matrix.T), "matrix")
        assert named.message == "that is the transpose of the expected matrix", named


EXERCISE = """\
title: Two steps of the power method
difficulty: 2
statement: Let A = [[2, 1], [1, 2]] and x₀ = (1, 0)ᵀ.
parts:
  - ask: Without normalising, what is x₂ = A² x₀?
    answer:
      type: vector
      expect: "[5, 4]"
    solution: x₁ = A x₀ = (2, 1)ᵀ, then x₂ = A x₁ = (5, 4)ᵀ.
  - ask: What is det A?
    answer:
      type: number
      expect: "3"
    solution: 2·2 − 1·1 = 3.
  - ask: Simplify log(8)/log(2).
    answer:
      type: number
      expect: "3"
      forbid: [log]
    solution: log 8 = 3 log 2.
  - ask: Write A⁻¹ as inv(...) of a literal matrix.
    answer:
      type: matrix
      expect: inv([[2, 1], [1, 2]])
      evaluate: true
    solution: inv([[2, 1], [1, 2]]).
  - ask: Write the matrix whose rows are (2, 1) and (0, 3).
    answer:
      type: matrix
      expect: "[[2, 1], [0, 3]]"
    solution: "[[2, 1], [0, 3]]: one bracket per row."
  - ask: Give exp(-2) to 3 significant figures.
    answer:
      type: number
      expect: exp(-2)
      tolerance: 0.005
    solution: 0.135.
"""


def write_bank(root: Path, text: str = EXERCISE) -> Path:
    (root / "linear").mkdir(parents=True)
    (root / "linear" / "power.yaml").write_text(text, encoding="utf-8")
    return root


def check(bank: Path, part: str, answer: str, *options: str) -> Result:
    """``penpaper check linear/power --part PART ANSWER`` on the bank written by write_bank."""
    return run_cli("check", *options, "linear/power", "--part", part, answer, bank=bank)


def test_check_refuses_a_computation_and_does_not_count_it(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank")
    computed = check(bank, "a", "[[2, 1], [1, 2]]^2 [1, 0]")
    assert computed.exit_code == 2
    assert (
        "Couldn't read that: give the value, not an expression that computes it: "
        "a matrix power in '[[2, 1], [1, 2]]^2'" in computed.stderr
    )
    determinant = check(bank, "b", "det([[2, 1], [1, 2]])")
    assert determinant.exit_code == 2
    assert "a determinant" in determinant.stderr
    assert check(bank, "a", "[5, 4]").exit_code == 0
    with Store.open(database_path()) as store:
        assert [entry.tried.answer for entry in store.tries()] == ["[5, 4]"]


def test_check_follows_the_parts_evaluate_and_forbid(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank")
    logs = check(bank, "c", "log(8)/log(2)", "--no-record")
    assert logs.exit_code == 2
    assert "this part wants an answer without log" in logs.stderr
    assert check(bank, "c", "3", "--no-record").exit_code == 0
    for answer in ("inv([[2, 1], [1, 2]])", "[[2/3, -1/3], [-1/3, 2/3]]"):
        allowed = check(bank, "d", answer, "--no-record")
        assert allowed.exit_code == 0, allowed.output


def test_check_names_a_transpose_and_significant_figures(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank")
    transposed = check(bank, "e", "[[2, 0], [1, 3]]", "--no-record")
    assert transposed.exit_code == 1
    assert "✗ incorrect — that is the transpose of the expected matrix" in transposed.stdout
    rounded = check(bank, "f", "0.134", "--no-record")
    assert rounded.exit_code == 1
    assert "close, but not correct to 3 significant figures" in rounded.stdout


def test_validate_accepts_keys_that_obey_their_parts_rule(tmp_path: Path) -> None:
    result = run_cli("validate", str(write_bank(tmp_path / "bank")), bank=None)
    assert result.exit_code == 0, result.output
    assert "The exercise is valid (answer keys checked)." in result.stdout


def test_validate_names_each_key_that_breaks_its_parts_rule(tmp_path: Path) -> None:
    text = (
        EXERCISE.replace(
            'expect: "[5, 4]"', 'expect: "[5, 4]"\n      accept: ["[[2, 1], [1, 2]]^2 [1, 0]"]'
        )
        .replace(
            'expect: "3"\n    solution: 2·2', "expect: det([[2, 1], [1, 2]])\n    solution: 2·2"
        )
        .replace("forbid: [log]", "forbid: [lg]")
        .replace("      evaluate: true\n", "")
    )
    result = run_cli("validate", str(write_bank(tmp_path / "bank", text)), bank=None)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    expected = [
        "linear/power parts[1].answer.accept[1]: '[[2, 1], [1, 2]]^2 [1, 0]' is "
        "judged invalid, should be correct: give the value, not an expression that computes it",
        "linear/power parts[2].answer.expect: the answer key 'det([[2, 1], [1, 2]])' "
        "cannot be read: give the value, not an expression that computes it: a determinant",
        "linear/power parts[3].answer.forbid[1]: 'lg' is not a function",
        "linear/power parts[4].answer.expect: the answer key 'inv([[2, 1], [1, 2]])' "
        "cannot be read: give the value, not an expression that computes it: an inverse",
    ]
    for wanted in expected:
        assert any(wanted in line for line in lines), (wanted, result.stdout)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "type: vector",
            "type: expression\n      evaluate: true",
            "parts[1].answer.evaluate: only 'matrix', 'vector', 'number', 'set', 'tuple' answers "
            "take 'evaluate' (the others are expressions)",
        ),
        (
            "evaluate: true",
            "evaluate: sometimes",
            "parts[4].answer.evaluate: must be true or false",
        ),
        ("forbid: [log]", "forbid: log", "parts[3].answer.forbid: must be a list"),
        (
            'type: vector\n      expect: "[5, 4]"',
            "type: boolean\n      expect: 'yes'\n      forbid: [log]",
            "parts[1].answer.forbid: only 'expression', 'matrix-expression', 'matrix', 'vector', "
            "'number', 'set', 'tuple' answers take 'forbid'",
        ),
    ],
)
def test_validate_reports_a_misused_evaluate_or_forbid(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in EXERCISE
    bank = write_bank(tmp_path / "bank", EXERCISE.replace(old, new, 1))
    result = run_cli("validate", "--no-keys", str(bank), bank=None)
    assert result.exit_code == 1
    assert message in result.stdout, result.stdout


def test_forbidding_a_name_that_is_no_function_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="'lg' is not a function penpaper knows"):
        check_answer("3", "3", "number", forbid=["lg"])
