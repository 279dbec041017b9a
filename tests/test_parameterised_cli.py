"""Parameterised exercises from the command line: show, list, validate and one-shot answers."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import packages_imported, run_cli
from penpaper.bank.loading import load_bank
from penpaper.instances.instantiate import instance_of
from test_validate_cli import write_exercise

PARAMETERISED_BANK = Path(__file__).parent / "fixtures" / "parameterised"
EXERCISE = "algebra/quadratic-step"


def test_show_draws_the_instance_of_a_seed_and_seed_zero_is_the_original() -> None:
    original = run_cli("show", EXERCISE, bank=PARAMETERISED_BANK)
    assert original.exit_code == 0, original.output
    assert "f(x) = 3x² − 2x" in original.stdout and "seed 0" in original.stdout
    assert all(text in original.stdout for text in ("x_{k+1}", "such as {a} and", "{x :"))
    shown = {
        run_cli("show", EXERCISE, "--seed", str(seed), bank=PARAMETERISED_BANK).stdout
        for seed in range(1, 6)
    }
    assert len(shown) > 1
    again = run_cli("show", EXERCISE, "--seed", "3", bank=PARAMETERISED_BANK).stdout
    assert again in shown and "seed 3" in again


def test_a_seed_for_an_exercise_without_parameters_is_refused() -> None:
    result = run_cli("show", "calculus/chain-rule", "--seed", "2")
    assert result.exit_code == 2
    assert "calculus/chain-rule has no parameters" in result.stderr


def test_show_of_an_instance_loads_neither_sympy_nor_numpy() -> None:
    imported, shown = packages_imported("show", EXERCISE, "--seed", "12", bank=PARAMETERISED_BANK)
    assert "penpaper" in imported and "seed 12" in shown
    assert "sympy" not in imported and "numpy" not in imported


def test_list_marks_parameterised_exercises() -> None:
    listing = run_cli("list", bank=PARAMETERISED_BANK)
    assert "One gradient step on a quadratic · lab · fresh numbers" in listing.stdout
    summary = json.loads(run_cli("list", "--json", bank=PARAMETERISED_BANK).stdout)
    assert [entry["parameterised"] for entry in summary] == [True]
    fixed = json.loads(run_cli("list", "--json").stdout)
    assert {entry["parameterised"] for entry in fixed} == {False}


def test_check_hint_and_solution_use_the_instance_of_the_seed() -> None:
    exercise = load_bank([PARAMETERISED_BANK]).exercises[EXERCISE]
    keys = {seed: instance_of(exercise, seed).exercise.parts[1].answer.expect for seed in range(9)}
    other = next(seed for seed, key in keys.items() if key != keys[0])
    assert keys[0] == "1/5"  # seed 0 is the original: b = −2 and η = 1/10

    def check(answer: object, seed: int) -> int:
        arguments = ("check", EXERCISE, "--part", "b", str(answer), "--seed", str(seed))
        return run_cli(*arguments, bank=PARAMETERISED_BANK).exit_code

    assert (check(keys[0], 0), check(keys[other], other)) == (0, 0)
    assert (check(keys[other], 0), check(keys[0], other)) == (1, 1)
    hint = run_cli("hint", EXERCISE, "--part", "b", "--seed", "0", bank=PARAMETERISED_BANK)
    assert "f′(0) = −2" in hint.stdout
    solution = run_cli("solution", EXERCISE, "--part", "b", "--seed", "0", bank=PARAMETERISED_BANK)
    assert "x_1 = 0 − 0.1 · (−2) = 1/5" in solution.stdout


def validated(
    tmp_path: Path, parameters: str, expect: str = "{= 1/a}", ask: str = "What is 1/{a}?"
) -> str:
    """What ``validate`` prints about a one-part exercise with these parameters ('' if valid)."""
    part = (
        f"  - ask: {ask}\n    answer:\n      type: number\n"
        f"      expect: '{expect}'\n    solution: It is {expect}.\n"
    )
    text = f"title: T\ndifficulty: 1\nstatement: Compute.\n{parameters}parts:\n{part}"
    result = run_cli("validate", str(write_exercise(tmp_path, text)), bank=None)
    assert "Traceback" not in result.output
    assert result.exit_code == (1 if "problem" in result.stdout else 0), result.output
    return result.stdout if result.exit_code == 1 else ""


def test_validate_names_file_line_and_seed_of_an_unsatisfiable_condition(tmp_path: Path) -> None:
    output = validated(tmp_path, "parameters:\n  a: {integer: [1, 5]}\nwhere: ['a > 7']\n")
    assert (
        "sums/adding.yaml:6: sums/adding where[1]: seed 0: 'a > 7': no draw of 1000 met it"
        in output
    )
    assert "(and 19 more of 20 seeds)" in output


def test_validate_finds_a_key_that_divides_by_zero_for_some_draws(tmp_path: Path) -> None:
    output = validated(tmp_path, "parameters:\n  a: {integer: [-2, 2]}\n")
    assert "sums/adding.yaml:10: sums/adding parts[1].answer.expect: seed " in output
    assert "(a = 0): division by zero (and 4 more of 20 seeds)" in output


def test_validate_accepts_a_sound_family_and_judges_each_instance(tmp_path: Path) -> None:
    assert validated(tmp_path, "parameters:\n  a: {integer: [1, 9]}\n") == ""
    typo = validated(tmp_path, "parameters:\n  a: {integer: [1, 9]}\n", expect="{= 1/a} + x")
    assert "parts[1].answer.expect: seed 0 (a = " in typo and "contains x" in typo


def test_validate_finds_an_unused_parameter(tmp_path: Path) -> None:
    output = validated(tmp_path, "parameters:\n  a: {integer: [1, 9]}\n  b: {integer: [1, 9]}\n")
    assert "parameters.b: is not used by any template" in output


def test_validate_finds_instances_that_ask_the_same_but_expect_different(tmp_path: Path) -> None:
    output = validated(tmp_path, "parameters:\n  a: {integer: [1, 9]}\n", ask="What is it?")
    assert "show the same question but expect different answers" in output
