"""Every key, accepted form and listed mistake of the bundled bank, judged by the real checker."""

from __future__ import annotations

import pytest

from bank_support import bundled_bank
from penpaper.checking import answer_key_problems

EXERCISES = list(bundled_bank().exercises.values())


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise.id for exercise in EXERCISES])
def test_answer_keys_are_judged_as_the_author_says(exercise) -> None:
    problems = [f"part {p.part} {p.field}: {p.message}" for p in answer_key_problems(exercise)]
    assert problems == []
