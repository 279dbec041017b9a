"""`penpaper` alone, `roadmap` and `topics`: where the learner stands and what to do next.

A synthetic bank with a diamond of prerequisites (a → b, a → c, b and c → d)
is written in each test's folder; answers go through `check` like a learner's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli

DAY_1 = "2026-03-02T10:00:00+00:00"
DAY_2 = "2026-03-03T10:00:00+00:00"
EXERCISE = """\
title: Exercise {name}
difficulty: 2
statement: What is 1 + {number}?
parts:
  - ask: Give the number.
    answer:
      type: number
      expect: "{answer}"
    hints: [Add.]
    solution: It is {answer}.
"""


def write_bank(root: Path, prerequisites: dict[str, list[str]], exercises: int = 2) -> Path:
    for topic, needs in prerequisites.items():
        folder = root / topic
        folder.mkdir(parents=True)
        (folder / "topic.yaml").write_text(
            f"title: Topic {topic.upper()}\ndescription: All about {topic}.\n"
            f"prerequisites: [{', '.join(needs)}]\n",
            encoding="utf-8",
        )
        for number in range(1, exercises + 1):
            (folder / f"e{number}.yaml").write_text(
                EXERCISE.format(name=f"{topic}{number}", number=number, answer=1 + number),
                encoding="utf-8",
            )
    return root


@pytest.fixture
def diamond(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank", {"a": [], "b": ["a"], "c": ["a"], "d": ["b", "c"]})


def master(bank: Path, topic: str, now: str = DAY_1) -> None:
    """Answer every exercise of ``topic`` right."""
    for number in (1, 2):
        result = run_cli("check", f"{topic}/e{number}", str(1 + number), bank=bank, now=now)
        assert result.exit_code == 0, result.output


def test_home_at_zero_suggests_the_first_topic_and_shows_the_allowance(diamond: Path) -> None:
    result = run_cli(bank=diamond, now=DAY_1)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "penpaper  0 / 8 exercises started · 0 mastered"
    assert "Due today: 0 · streak: 0 days · new exercises left today: 10 of 10" in lines[1]
    assert "Next: penpaper drill a" in result.stdout
    assert "a needs no other topic first" in result.stdout


def test_home_with_some_progress_points_at_the_started_topic(diamond: Path) -> None:
    run_cli("check", "a/e1", "2", bank=diamond, now=DAY_1)
    result = run_cli(bank=diamond, now=DAY_1)
    assert "1 / 8 exercises started" in result.stdout
    assert "new exercises left today: 9 of 10" in result.stdout
    assert "streak: 1 day" in result.stdout
    assert "Next: penpaper drill a" in result.stdout
    assert "you have started a" in result.stdout


def test_home_suggests_review_when_something_is_due(diamond: Path) -> None:
    run_cli("check", "a/e1", "7", bank=diamond, now=DAY_1)  # wrong: due again tomorrow
    result = run_cli(bank=diamond, now=DAY_2)
    assert "Next: penpaper review" in result.stdout
    assert "1 exercise due today" in result.stdout
    assert "(practise today to keep it)" in result.stdout


def test_home_never_suggests_a_drill_with_nothing_to_do(tmp_path: Path) -> None:
    """A started topic with every exercise seen gives way to an unlocked one; with the
    day's new exercises used up, practice is what is left to do."""
    bank = write_bank(tmp_path / "bank", {"a": [], "b": ["a"]}, exercises=1)
    master_one = run_cli("check", "a/e1", "2", bank=bank, now=DAY_1)
    assert master_one.exit_code == 0, master_one.output
    assert "Next: penpaper drill b" in run_cli(bank=bank, now=DAY_1).stdout
    run_cli("config", "new_per_day", "1", bank=bank)
    used_up = run_cli(bank=bank, now=DAY_1).stdout
    assert "Next: penpaper drill a --practice" in used_up
    assert "today's new exercises are done (new_per_day = 1)" in used_up
    practice = run_cli("drill", "a", "--practice", bank=bank, now=DAY_1, input="quit\n")
    assert "Exercise 1 of 1" in practice.stdout


def test_a_practice_drill_says_nothing_of_the_limit_on_new_exercises(diamond: Path) -> None:
    run_cli("check", "a/e1", "2", bank=diamond, now=DAY_1)
    run_cli("config", "new_per_day", "1", bank=diamond)
    practice = run_cli("drill", "a", "--practice", bank=diamond, now=DAY_1, input="quit\n")
    assert "Exercise 1 of 1" in practice.stdout
    assert "new exercise" not in practice.stdout  # practice takes none: the limit is no reason


def test_home_sends_the_learner_back_to_an_exercise_left_open(tmp_path: Path) -> None:
    """Left open in a topic that is not the roadmap's next, with no new exercise allowed."""
    run_cli("config", "new_per_day", "0")
    answered = run_cli("check", "graphs/pick-parents", "--part", "a", "b", now=DAY_1)
    assert answered.exit_code == 0, answered.output
    home = run_cli(now=DAY_1).stdout
    assert "1 / 3 exercises started" in home
    assert "Next: penpaper drill graphs" in home
    assert "graphs/pick-parents is left open" in home


def test_home_with_no_new_exercise_allowed_says_how_to_get_some(diamond: Path) -> None:
    run_cli("config", "new_per_day", "0", bank=diamond)
    home = run_cli(bank=diamond, now=DAY_1).stdout
    assert "Next: penpaper config new_per_day 10" in home
    assert "new_per_day is 0, so no new exercise comes" in home
    narrow = run_cli(bank=diamond, now=DAY_1, columns="40").stdout.splitlines()
    reason = narrow[narrow.index("Next: penpaper config new_per_day 10") + 1 :][:3]
    assert all(line.startswith("      ") and len(line) <= 40 for line in reason), reason
    assert " ".join(line.strip() for line in reason).startswith("new_per_day is 0, so no new")


def test_home_after_a_day_of_new_exercises_elsewhere_says_more_come_tomorrow(
    diamond: Path, tmp_path: Path
) -> None:
    """The allowance is the learner's, across banks: used up on another one, this bank has
    nothing practised to suggest."""
    run_cli("config", "new_per_day", "1", bank=diamond)
    run_cli("check", "a/e1", "2", bank=diamond, now=DAY_1)
    other = write_bank(tmp_path / "other", {"z": []})
    home = run_cli(bank=other, now=DAY_1).stdout
    assert "Next: penpaper config new_per_day 2" in home
    assert "today's new exercises are done (new_per_day = 1): more come tomorrow" in home


def test_roadmap_follows_the_prerequisites_of_a_diamond(diamond: Path) -> None:
    fresh = run_cli("roadmap", bank=diamond, now=DAY_1).stdout
    assert fresh.index("Step 1") < fresh.index("○ a") < fresh.index("Step 2")
    assert fresh.index("Step 2") < fresh.index("· b") < fresh.index("Step 3") < fresh.index("· d")
    assert "needs a at familiar" in fresh
    assert "Next: penpaper drill a" in fresh

    master(diamond, "a")
    after_a = run_cli("roadmap", bank=diamond, now=DAY_1).stdout
    assert "a  in progress, familiar 50 %" in after_a
    assert "○ b  unlocked" in after_a and "○ c  unlocked" in after_a
    assert "needs b, c at familiar" in after_a  # d waits for both sides of the diamond
    master(diamond, "b")
    master(diamond, "c")
    assert "○ d  unlocked" in run_cli("roadmap", bank=diamond, now=DAY_1).stdout


def test_topics_json_gives_each_topic_with_level_and_prerequisites(diamond: Path) -> None:
    master(diamond, "a")
    result = run_cli("topics", "--json", bank=diamond, now=DAY_1)
    topics = json.loads(result.stdout)
    assert [set(topic) for topic in topics] == [
        {"topic", "title", "description", "prerequisites", "exercises", "level", "mastery"}
    ] * 4
    first, *_, last = topics
    assert (first["topic"], first["level"], first["mastery"], first["exercises"]) == (
        "a",
        "familiar",
        50.0,
        2,
    )
    assert (last["topic"], last["prerequisites"], last["description"]) == (
        "d",
        ["b", "c"],
        "All about d.",
    )


@pytest.mark.parametrize("columns", ["60", "80"])
def test_no_topic_slug_is_ever_cut(tmp_path: Path, columns: str) -> None:
    long = "a-rather-long-topic-slug-for-narrow-screens"
    bank = write_bank(tmp_path / "bank", {long: [], "b": [long]})
    for command in ("topics", "roadmap"):
        output = run_cli(command, bank=bank, now=DAY_1, columns=columns).stdout
        assert long in output, (command, output)
        assert all(line == line.rstrip() for line in output.splitlines())  # no padding


def test_validate_refuses_a_prerequisite_cycle(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", {"x": ["y"], "y": ["x"], "z": ["x"]}, exercises=1)
    result = run_cli("validate", "--no-keys", bank=bank)
    assert result.exit_code == 1
    assert "prerequisites form a cycle: x → y → x" in result.stdout
    assert result.stdout.count("cycle") == 1  # reported once, not once per topic on it
    assert run_cli("roadmap", bank=bank, now=DAY_1).exit_code == 0  # still drawn
