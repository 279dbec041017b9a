"""Parameterised exercises: the file format, the template engine and drawing instances."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from penpaper.bank.model import Exercise
from penpaper.bank.schema import FieldProblem, SourceLines, exercise_from_yaml
from penpaper.instances.drawing import MAX_TRIES, drawn_values
from penpaper.instances.expressions import evaluate, holds
from penpaper.instances.instantiate import instance_of
from penpaper.instances.templates import filled
from penpaper.instances.values import Matrix, TemplateError

FIXTURE = Path(__file__).parent / "fixtures" / "parameterised"
VALUES = {
    "a": Fraction(3),
    "b": Fraction(-3),
    "eta": Fraction(1, 10),
    "A": Matrix(((Fraction(1), Fraction(-1)), (Fraction(2), Fraction(1)))),
    "v": Matrix(((Fraction(1),), (Fraction(-2),))),
}


def read(text: str) -> tuple[Exercise | None, list[FieldProblem]]:
    return exercise_from_yaml(yaml.safe_load(text), SourceLines(), "t/x", Path("t/x.yaml"))


def exercise_from(text: str) -> Exercise:
    exercise, problems = read(text)
    assert problems == [] and exercise is not None, problems
    return exercise


def parameterised(parameters: str, where: str = "", statement: str = "x = {a}") -> str:
    return (
        f"title: T\ndifficulty: 1\nstatement: '{statement}'\nparameters:\n{parameters}"
        f"{where}parts:\n  - ask: Q\n    answer: {{type: number, expect: '{{a}}'}}\n"
        "    solution: S\n"
    )


# --- substitution ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "prose", "answer"),
    [
        ("f(x) = {a}x", "f(x) = 3x", "f(x) = 3x"),
        ("x {b:+}", "x − 3", "x - 3"),
        ("{b}", "−3", "-3"),
        ("2 + {b}", "2 + −3", "2 + (-3)"),
        ("{= 1 - 6*eta}", "2/5", "2/5"),
        ("{= 1 - 6*eta}x", "2/5x", "(2/5)x"),
        ("{= 1 - 6*eta:decimal}", "0.4", "0.4"),
        ("{= 1 - 16*eta:+decimal}", "− 0.6", "- 0.6"),
        ("{= 95/891:.4}", "0.1066", "0.1066"),
        ("{A}", "[[1, −1], [2, 1]]", "[[1, -1], [2, 1]]"),
        ("{v}", "[1, −2]", "[1, -2]"),
        ("{= A^T}", "[[1, 2], [−1, 1]]", "[[1, 2], [-1, 1]]"),
        ("{= A*v}", "[3, 0]", "[3, 0]"),
        ("det = {= det(A)}, tr = {= tr(A)}", "det = 3, tr = 2", "det = 3, tr = 2"),
        ("{= inv(A)}", "[[1/3, 1/3], [−2/3, 1/3]]", "[[1/3, 1/3], [-2/3, 1/3]]"),
        ("{= entry(A, 2, 1)} and {= entry(v, 2)}", "2 and −2", "2 and (-2)"),
        ("{= A^2}", "[[−1, −2], [4, −1]]", "[[-1, -2], [4, -1]]"),
        ("{= sqrt(9/4) + binomial(5, 2) + 3!}", "35/2", "35/2"),
        ("[[{= 1 - 6*eta}, 1], [{b}, 0]]", "[[2/5, 1], [−3, 0]]", "[[2/5, 1], [-3, 0]]"),
        ("log({= 1 - 6*eta}) + ({b})^2", "log(2/5) + (−3)^2", "log(2/5) + (-3)^2"),
        ("({= 1 - 6*eta}, {b}x)", "(2/5, −3x)", "(2/5, (-3)x)"),
        ("[{b}^2, 1 - {b}]", "[−3^2, 1 - −3]", "[(-3)^2, 1 - (-3)]"),
    ],
)
def test_values_are_written_exactly_in_the_banks_notation(
    template: str, prose: str, answer: str
) -> None:
    assert filled(template, VALUES, answer=False) == prose
    assert filled(template, VALUES, answer=True) == answer


@pytest.mark.parametrize(
    "text",
    [
        "x_{k+1} = x_k − η f′(x_k)",
        "the set {A, B} and {x : x > 0}",
        "Σ_{x_{i+1}} ψ(x_{i+1})",
        "{{1, 2}, {3}}",
        "\\frac{1}{x_{1}}",
        "{c} is not a parameter",
    ],
)
def test_braces_of_maths_text_are_kept_as_written(text: str) -> None:
    assert filled(text, VALUES, answer=False) == text


def test_doubled_braces_keep_a_placeholder_as_written() -> None:
    assert filled("{{a}} is {a}; {{= a + 1}} is {= a + 1}", VALUES, answer=False) == (
        "{a} is 3; {= a + 1} is 4"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{= __import__('os')}", "cannot read"),
        ("{= exp(a)}", "not a function a template can compute"),
        ("{= sin(a)}", "not a function a template can compute"),
        (
            "{= a + c}",
            re.escape("unknown name (the parameters are a, b, eta, A, v) in 'a + c': 'c'"),
        ),
        ("{= 1/(a - 3)}", "division by zero"),
        ("{= inv(A - A)}", "singular"),
        ("{= sqrt(2)}", "not a rational number"),
        ("{= a^(1/2)}", "needs a whole number"),
        ("{= 2^1000}", "too large"),
        ("{= A + v}", "cannot add"),
        ("{= 1/3:decimal}", "has no exact decimal"),
        ("{a:>5}", "unknown format"),
        ("{= a + 1", "has no closing"),
        ("{= a = 1}", "not allowed in a template"),
        ("{= a, b}", "must be one expression"),
    ],
)
def test_what_a_template_cannot_compute_is_refused_with_a_reason(
    template: str, message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        filled(template, VALUES, answer=True)


def test_conditions_compare_numbers_and_matrices() -> None:
    assert holds("a != b", VALUES) and holds("a >= 3", VALUES) and holds("det(A) ≠ 0", VALUES)
    assert not holds("A = A^T", VALUES)
    with pytest.raises(TemplateError, match="one of"):
        holds("a", VALUES)
    with pytest.raises(TemplateError, match="needs a number"):
        holds("A < 1", VALUES)
    assert evaluate("2(a + b) + 6eta", VALUES) == Fraction(3, 5)


# --- drawing ---------------------------------------------------------------------------


def test_seed_zero_is_the_original_and_other_seeds_draw_within_the_declaration() -> None:
    exercise = exercise_from((FIXTURE / "algebra" / "quadratic-step.yaml").read_text())
    assert dict(instance_of(exercise, 0).values) == {
        "a": 3,
        "b": -2,
        "eta": Fraction(1, 10),
    }
    drawn = [drawn_values(exercise, seed) for seed in range(1, 200)]
    assert all(2 <= v["a"] <= 9 and v["b"] != 0 and -5 <= v["b"] <= 5 for v in drawn)
    assert all(v["a"] * v["eta"] < 1 for v in drawn)
    assert {v["eta"] for v in drawn} == {Fraction(1, 10), Fraction(1, 5), Fraction(1, 4)}
    assert len({tuple(v.values()) for v in drawn}) > 40


def test_an_instance_is_the_same_in_another_process() -> None:
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from penpaper.bank.loading import load_bank\n"
        "from penpaper.instances.instantiate import instance_of\n"
        "exercise = load_bank([Path(sys.argv[1])]).exercises['algebra/quadratic-step']\n"
        "shown = [instance_of(exercise, seed).exercise for seed in (0, 1, 7, 2**40)]\n"
        "print(json.dumps([[e.statement, e.parts[1].ask, e.parts[1].answer.expect]"
        " for e in shown]))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(FIXTURE)],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(hash_seed), "PATH": ""},
        ).stdout
        for hash_seed in (1, 2)
    ]
    assert runs[0] == runs[1]
    statements = [statement for statement, _, _ in json.loads(runs[0])]
    assert statements[0].startswith("Let f(x) = 3x² − 2x")
    assert len(set(statements)) > 1


def test_an_unsatisfiable_condition_stops_after_the_try_bound() -> None:
    exercise = exercise_from(parameterised("  a: {integer: [1, 3]}\n", where="where: ['a > 5']\n"))
    with pytest.raises(TemplateError, match=f"no draw of {MAX_TRIES} met it") as raised:
        instance_of(exercise, 4)
    assert raised.value.field == ("where", 1)


def test_original_values_that_break_a_condition_are_reported() -> None:
    exercise = exercise_from(
        parameterised("  a: {integer: [1, 3], original: 1}\n", where="where: ['a > 1']\n")
    )
    with pytest.raises(TemplateError, match="the original values do not meet it"):
        instance_of(exercise, 0)
    assert instance_of(exercise, 1).exercise.statement in ("x = 2", "x = 3")


def test_an_exercise_without_parameters_is_its_own_instance() -> None:
    exercise = exercise_from(
        "title: T\ndifficulty: 1\nstatement: 'x = {a}'\nparts:\n"
        "  - ask: Q\n    answer: {type: number, expect: '1'}\n    solution: S\n"
    )
    instance = instance_of(exercise, 5)
    assert instance.exercise is exercise and instance.seed is None


# --- the file format -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameters", "field", "message"),
    [
        ("  a: {integer: [5, 1]}\n", "parameters.a.integer", "is empty"),
        ("  a: {integer: [1, 2], not: [1, 2]}\n", "parameters.a.not", "excludes every value"),
        ("  a: {integer: 3}\n", "parameters.a.integer", "must be [low, high]"),
        ("  a: {choice: [1/10, x]}\n", "parameters.a.choice[2]", "exact number"),
        ("  a: {choice: [1/2, 1/2]}\n", "parameters.a.choice[2]", "listed twice"),
        ("  a: {integer: [1, 2], choice: [3]}\n", "parameters.a", "exactly one of"),
        ("  a: {integer: [1, 3], original: 5}\n", "parameters.a.original", "one of the"),
        ("  a: {choice: [1, 2], original: 3}\n", "parameters.a.original", "one of the choices"),
        ("  A: {matrix: [2, 9], integer: [0, 1]}\n", "parameters.A.matrix", "sizes from 1 to 8"),
        (
            "  A: {matrix: [2, 2], integer: [0, 1], original: [[1, 2], [0, 1]]}\n",
            "parameters.A.original",
            "entries must be",
        ),
        ("  a: {integer: [1, 2], range: 3}\n", "parameters.a.range", "unknown key"),
        ("  2a: {integer: [1, 2]}\n", "parameters.2a", "not a parameter name"),
    ],
)
def test_a_malformed_parameter_names_its_field(parameters: str, field: str, message: str) -> None:
    _, problems = read(parameterised(parameters))
    assert any(p.field == field and message in p.message for p in problems), problems


def test_conditions_need_parameters() -> None:
    text = parameterised("  a: {integer: [1, 2]}\n").replace(
        "parameters:\n  a: {integer: [1, 2]}\n", ""
    )
    _, problems = read(text + "where: ['a > 1']\n")
    assert [(p.field, p.message) for p in problems] == [
        ("where", "conditions need 'parameters:' to be about")
    ]


def test_a_templated_symbol_domain_is_read_per_instance() -> None:
    exercise = exercise_from(
        parameterised("  a: {integer: [1, 3], original: 2}\n").replace(
            "parameters:", "symbols:\n  x: {domain: '(0, {a})'}\nparameters:"
        )
    )
    assert exercise.symbols == {}
    assert str(instance_of(exercise, 0).exercise.symbols["x"].domain) == "(0, 2)"
