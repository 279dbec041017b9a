"""Answers judged against an exercise's own keys, and the keys themselves verified.

:func:`check_against_key` is the one place an :class:`AnswerKey` becomes
``check_answer`` arguments (the drill, ``validate`` and the bank tests use it).
:func:`answer_key_problems` is what ``penpaper validate`` runs: for every
checkable part the expected answer must be judged correct against itself,
every accepted form correct, and every listed mistake incorrect, each within
the learner's time limit (so each obeys its part's rule on values:
``evaluate``, ``forbid``); :mod:`penpaper.instances.validation` runs it over
the instances of a parameterised exercise, and over many exercises at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from penpaper.bank.model import AnswerKey, Exercise
from penpaper.checking.checker import check_answer, check_each, forbidden_functions
from penpaper.checking.limits import MAX_MISTAKES, TIME_LIMIT_SECONDS
from penpaper.checking.verdict import Verdict


@dataclass(frozen=True)
class KeyProblem:
    """One failed expectation: ``part`` numbered from 1, ``field`` like ``answer.accept[2]``."""

    part: int
    field: str
    message: str


def check_against_key(
    exercise: Exercise,
    key: AnswerKey,
    given: str,
    *,
    with_mistakes: bool = True,
    tolerance: float | None = None,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> Verdict:
    """Judge ``given`` against ``key`` with the exercise's symbols, options and mistakes.

    ``tolerance`` overrides the key's own (for a float estimate of an exact key).
    """
    assert key.expect is not None, "a derivation has no key to check against"
    return check_answer(
        given,
        expected=key.expect,
        type=key.type,
        symbols=exercise.raw_symbols,
        tolerance=key.tolerance if tolerance is None else tolerance,
        mistakes=[(m.answer, m.feedback) for m in key.mistakes] if with_mistakes else (),
        options=[label for label, _ in key.options],
        evaluate=key.evaluate,
        forbid=key.forbid,
        asks=key.asks,
        time_limit=time_limit,
    )


def answer_key_problems(exercise: Exercise) -> list[KeyProblem]:
    """Each key, accepted form and listed mistake of ``exercise`` the checker disagrees with."""
    problems: list[KeyProblem] = []
    for part in exercise.parts:
        key = part.answer
        if not key.is_checkable:
            continue
        if len(key.mistakes) > MAX_MISTAKES:
            too_many = f"{len(key.mistakes)} listed mistakes; at most {MAX_MISTAKES}"
            problems.append(KeyProblem(part.number, "answer.mistakes", too_many))
            continue
        if key.expect is None:
            problems.append(KeyProblem(part.number, "answer.expect", "no expected answer"))
            continue
        unknown = _unknown_functions(key.forbid)
        if unknown:
            problems += [KeyProblem(part.number, field, message) for field, message in unknown]
            continue
        forms = [("answer.expect", key.expect, "correct")]
        forms += [(f"answer.accept[{i}]", text, "correct") for i, text in enumerate(key.accept, 1)]
        forms += [
            (f"answer.mistakes[{i}].answer", mistake.answer, "incorrect")
            for i, mistake in enumerate(key.mistakes, 1)
        ]
        try:
            # Without the mistakes: a listed mistake must be wrong on its own merits.
            verdicts = check_each(
                [text for _, text, _ in forms],
                key.expect,
                key.type,
                exercise.raw_symbols,
                key.tolerance,
                [label for label, _ in key.options],
                evaluate=key.evaluate,
                forbid=key.forbid,
                asks=key.asks,
            )
        except ValueError as error:
            problems.append(KeyProblem(part.number, "answer.expect", str(error)))
            continue
        for (field, text, wanted), verdict in zip(forms, verdicts, strict=True):
            if verdict.status != wanted:
                judged = f"{text!r} is judged {verdict.status}, should be {wanted}"
                problems.append(KeyProblem(part.number, field, f"{judged}: {verdict.message}"))
                if field == "answer.expect":
                    break
    return problems


def _unknown_functions(names: Sequence[str]) -> list[tuple[str, str]]:
    """(field, message) for each name in a part's ``forbid`` that is not a function."""
    unknown = []
    for index, name in enumerate(names, 1):
        try:
            forbidden_functions([name])
        except ValueError as error:
            unknown.append((f"answer.forbid[{index}]", str(error)))
    return unknown
