"""Helpers for the bank's key-verification tests.

Every computable answer key is confirmed by an independent computation (finite
differences, Monte Carlo, enumeration, direct linear algebra). These helpers
read the key from the bundled bank and judge a value against it with the real
checker, so a test states only the independent computation.
"""

from __future__ import annotations

import functools

from penpaper import check_answer
from penpaper.bank import Bank, bundled_bank_path, load_bank
from penpaper.model import Exercise, Part


@functools.cache
def bundled_bank() -> Bank:
    return load_bank([bundled_bank_path()])


def bundled_exercise(exercise_id: str) -> Exercise:
    return bundled_bank().exercises[exercise_id]


def bundled_part(exercise_id: str, part: int) -> Part:
    """Part ``part`` (numbered from 1) of a bundled exercise."""
    return bundled_exercise(exercise_id).parts[part - 1]


def assert_judged_correct(
    exercise_id: str, part: int, given: str, tolerance: float | None = None
) -> None:
    """The checker accepts ``given`` (an independently computed answer) for this part's key.

    Pass ``tolerance`` when ``given`` is a floating-point estimate of an exact
    number key (it then compares with that relative tolerance).
    """
    exercise = bundled_exercise(exercise_id)
    key = exercise.parts[part - 1].answer
    assert key.expect is not None, f"{exercise_id} part {part} has no key"
    verdict = check_answer(
        given=given,
        expected=key.expect,
        type=key.type,
        symbols=exercise.raw_symbols,
        tolerance=tolerance if tolerance is not None else key.tolerance,
        options=[label for label, _ in key.options],
    )
    assert verdict.status == "correct", (
        f"{exercise_id} part {part}: key {key.expect!r} vs independent {given!r}: "
        f"{verdict.status} ({verdict.message})"
    )
