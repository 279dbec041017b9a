"""Verify an exercise's answer keys with the real checker: what ``penpaper validate`` runs.

For every checkable part: the expected answer must be judged correct against
itself, every accepted form correct, and every listed mistake incorrect.
"""

from __future__ import annotations

from dataclasses import dataclass

from penpaper.checking.checker import check_answer
from penpaper.model import AnswerKey, Exercise

# Nobody waits on a key check, and a slow machine must not turn a right key into
# "undecided": validation allows five times the learner's bound.
KEY_CHECK_SECONDS = 10.0


@dataclass(frozen=True)
class KeyProblem:
    """One failed expectation: ``part`` numbered from 1, ``field`` like ``answer.accept[2]``."""

    part: int
    field: str
    message: str


def answer_key_problems(exercise: Exercise) -> list[KeyProblem]:
    """Each key, accepted form and listed mistake of ``exercise`` the checker disagrees with."""
    problems: list[KeyProblem] = []
    for part in exercise.parts:
        key = part.answer
        if not key.is_checkable:
            continue
        if key.expect is None:
            problems.append(KeyProblem(part.number, "answer.expect", "no expected answer"))
            continue
        forms = [("answer.expect", key.expect, "correct")]
        forms += [(f"answer.accept[{i}]", text, "correct") for i, text in enumerate(key.accept, 1)]
        forms += [
            (f"answer.mistakes[{i}].answer", mistake.answer, "incorrect")
            for i, mistake in enumerate(key.mistakes, 1)
        ]
        for field, text, wanted in forms:
            message = _disagreement(exercise, key, text, wanted)
            if message is not None:
                problems.append(KeyProblem(part.number, field, message))
            if message is not None and field == "answer.expect":
                break
    return problems


def _disagreement(exercise: Exercise, key: AnswerKey, given: str, wanted: str) -> str | None:
    assert key.expect is not None
    try:
        verdict = check_answer(
            given,
            expected=key.expect,
            type=key.type,
            symbols=exercise.raw_symbols,
            tolerance=key.tolerance,
            options=[label for label, _ in key.options],
            time_limit=KEY_CHECK_SECONDS,
        )
    except ValueError as error:
        return str(error)
    if verdict.status == wanted:
        return None
    return f"{given!r} is judged {verdict.status}, should be {wanted}: {verdict.message}"
