"""The bundled bank meets the authoring rules of BANK.md: loadable, complete, honest.

These are structural rules; tests/test_bank_keys.py judges every key with the
real checker, and tests/bank/ confirms the keys by independent computation.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bank_support import bundled_bank, bundled_exercise
from penpaper.bank.model import Exercise

MIN_EXERCISES_PER_TOPIC = 12
MIN_HINTS_PER_PART = 2
MIN_CHECKABLE_SHARE = 0.70
MIN_MISTAKES_SHARE = 0.50

TOPICS = sorted(bundled_bank().topics)


def exercises_of(topic: str) -> list[Exercise]:
    """A topic's exercises as first shown (a parameterised one with its original numbers)."""
    return [bundled_exercise(exercise.id) for exercise in bundled_bank().in_topic(topic)]


def test_the_bundled_bank_loads_without_problems() -> None:
    assert [str(problem) for problem in bundled_bank().problems] == []


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_size_and_difficulty_spread(topic: str) -> None:
    exercises = exercises_of(topic)
    assert len(exercises) >= MIN_EXERCISES_PER_TOPIC
    difficulties = Counter(exercise.difficulty for exercise in exercises)
    assert difficulties[1] + difficulties[2] >= 2, "at least two warm-ups (difficulty 1–2)"
    assert difficulties[4] + difficulties[5] >= 2, "at least two hard ones (difficulty 4–5)"


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_parts_are_mostly_checkable_with_mistakes(topic: str) -> None:
    parts = [part for exercise in exercises_of(topic) for part in exercise.parts]
    checkable = [part for part in parts if part.answer.is_checkable]
    assert len(checkable) >= MIN_CHECKABLE_SHARE * len(parts)
    with_mistakes = [part for part in checkable if part.answer.mistakes]
    assert len(with_mistakes) >= MIN_MISTAKES_SHARE * len(checkable)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_part_has_climbing_hints_and_a_solution(topic: str) -> None:
    for exercise in exercises_of(topic):
        for part in exercise.parts:
            where = f"{exercise.id} part {part.number}"
            assert len(part.hints) >= MIN_HINTS_PER_PART, where
            assert len(part.solution) > 40, f"{where}: the solution should teach, not just state"
            if part.answer.expect:
                for hint in part.hints:
                    assert part.answer.expect.replace(" ", "") != hint.replace(" ", ""), (
                        f"{where}: a hint gives the answer away"
                    )


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_has_a_described_topic_file(topic: str) -> None:
    described = bundled_bank().topics[topic]
    assert described.path is not None, f"bank/{topic}/topic.yaml is missing"
    assert described.description


@pytest.mark.parametrize("topic", TOPICS)
def test_every_exercise_has_an_independent_key_check(topic: str) -> None:
    """Each topic's tests/bank/test_bank_<topic>.py names every exercise it confirms."""
    checks = Path(__file__).parent / "bank" / f"test_bank_{topic.replace('-', '_')}.py"
    assert checks.is_file(), f"{checks.name} is missing"
    source = checks.read_text(encoding="utf-8")
    unchecked = [e.id for e in exercises_of(topic) if f'"{e.slug}"' not in source]
    assert unchecked == []
