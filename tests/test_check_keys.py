"""``answer_key_problems``: what ``penpaper validate`` reports about a bank's answer keys."""

from __future__ import annotations

from pathlib import Path

from penpaper.bank.model import AnswerKey, Exercise, Mistake, Part
from penpaper.bank.symbols import parse_symbols
from penpaper.checking import KeyProblem, answer_key_problems


def exercise(*keys: AnswerKey, symbols: dict[str, object] | None = None) -> Exercise:
    raw = symbols or {}
    parts = tuple(
        Part(number, f"part {number}", key, ("a hint",), "a solution")
        for number, key in enumerate(keys, start=1)
    )
    return Exercise(
        id="topic/example",
        topic="topic",
        title="Example",
        difficulty=1,
        statement="…",
        parts=parts,
        path=Path("bank/topic/example.yaml"),
        symbols=parse_symbols(raw),
        raw_symbols=raw,
    )


QUADRATIC = {"A": {"matrix": ["n", "n"]}, "x": {"matrix": ["n", 1]}}


def test_a_sound_exercise_has_no_problems() -> None:
    gradient = AnswerKey(
        "matrix-expression",
        "(A + A^T) x",
        accept=("A x + A^T x", "(A^T + A) x"),
        mistakes=(Mistake("2 A x", "Only when A is symmetric."),),
    )
    choice = AnswerKey("choice", "b", options=(("a", "{D}"), ("b", "{A, B}")))
    proof = AnswerKey("derivation")
    assert answer_key_problems(exercise(gradient, choice, proof, symbols=QUADRATIC)) == []


def test_each_wrong_form_is_reported_with_its_field() -> None:
    key = AnswerKey(
        "expression",
        "2 x exp(x^2)",
        accept=("2 x e^(x^2)", "x exp(x^2)"),
        mistakes=(Mistake("exp(x^2)", "chain rule"), Mistake("2 x exp(x^2)", "not a mistake")),
    )
    problems = answer_key_problems(exercise(key, symbols={"x": {"real": True}}))
    assert [(p.part, p.field) for p in problems] == [
        (1, "answer.accept[2]"),
        (1, "answer.mistakes[2].answer"),
    ]
    assert "judged incorrect, should be correct" in problems[0].message
    assert "judged correct, should be incorrect" in problems[1].message


def test_an_unreadable_key_is_reported_once() -> None:
    key = AnswerKey("expression", "2 x (", accept=("2x",), mistakes=(Mistake("x", "no"),))
    problems = answer_key_problems(exercise(key))
    assert len(problems) == 1
    assert problems[0].field == "answer.expect"
    assert "cannot be read" in problems[0].message


def test_an_unreadable_mistake_is_reported_on_its_field() -> None:
    key = AnswerKey("number", "3/7", mistakes=(Mistake("3/7)", "a typo"),))
    problems = answer_key_problems(exercise(key))
    assert problems == [
        KeyProblem(1, "answer.mistakes[1].answer", problems[0].message),
    ]
    assert "unexpected ')' at column 4" in problems[0].message


def test_a_choice_key_outside_its_options_is_reported() -> None:
    key = AnswerKey("choice", "c", options=(("a", "one"), ("b", "two")))
    problems = answer_key_problems(exercise(key))
    assert [p.field for p in problems] == ["answer.expect"]
    assert "unknown option 'c'" in problems[0].message


def test_a_checkable_part_without_a_key_is_reported() -> None:
    problems = answer_key_problems(exercise(AnswerKey("number")))
    assert problems == [KeyProblem(1, "answer.expect", "no expected answer")]


def test_a_form_too_expensive_to_judge_is_reported_and_the_later_ones_still_judged() -> None:
    key = AnswerKey(
        "equation",
        "x = 1",
        accept=("(x+1)^200 = (x+2)^199", "2x = 2", "x = 3"),
        mistakes=(Mistake("x = 2", "no"),),
    )
    problems = answer_key_problems(exercise(key))
    assert [(p.field, p.message.split(":")[0]) for p in problems] == [
        ("answer.accept[1]", "'(x+1)^200 = (x+2)^199' is judged undecided, should be correct"),
        ("answer.accept[3]", "'x = 3' is judged incorrect, should be correct"),
    ]
    assert "too long to check" in problems[0].message
