"""Every key, accepted form and listed mistake of the bundled bank, judged by the real checker.

A parameterised exercise is judged over 50 instances (seed 0, the original, and 49
seeds spread over the seed range, the same every run): each must be drawn, filled
and have its keys accepted and its listed mistakes rejected.
"""

from __future__ import annotations

import pytest

from bank_support import bundled_bank, instance_seeds
from penpaper.instances.validation import exercise_problems

EXERCISES = list(bundled_bank().exercises.values())


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise.id for exercise in EXERCISES])
def test_answer_keys_are_judged_as_the_author_says(exercise) -> None:
    seeds = instance_seeds(exercise.id)
    problems = [f"{p.field}: {p.message}" for p in exercise_problems(exercise, seeds)]
    assert problems == []
