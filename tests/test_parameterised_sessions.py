"""Parameterised exercises in the loop: a fresh instance at each review, the same one on
resume, and check, hint, solution and lab on the instance the learner saw."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import run_cli
from penpaper.bank.loading import load_bank
from penpaper.instances.instantiate import Instance, instance_of
from penpaper.labkit import PARAMETERS_VARIABLE, parameters
from penpaper.paths import database_path
from penpaper.progress.records import ShownInstance
from penpaper.progress.store import Store

BANK = Path(__file__).parent / "fixtures" / "parameterised"
EXERCISE = "algebra/quadratic-step"
DAY_1, DAY_2, DAY_3 = (f"2026-03-0{day}T10:00:00+00:00" for day in (2, 3, 4))
TEMPLATE = load_bank([BANK]).exercises[EXERCISE]


def drill(answers: str, now: str) -> str:
    result = run_cli("drill", "algebra", "--id", EXERCISE, input=answers, now=now, bank=BANK)
    assert result.exit_code == 0, result.output
    return result.stdout


def shown_seed(output: str) -> int:
    """The seed the drill's statement panel names."""
    [seed] = {int(found) for found in re.findall(rf"{EXERCISE}  seed (\d+)", output)}
    return seed


def instance(seed: int) -> Instance:
    return instance_of(TEMPLATE, seed)


def keys(seed: int) -> str:
    """Both parts answered right, as typed in a drill."""
    parts = instance(seed).exercise.parts
    return "".join(f"{part.answer.expect}\n" for part in parts)


def cli(*arguments: str, now: str = DAY_2):
    return run_cli(*arguments, now=now, bank=BANK)


def exported() -> list[dict[str, object]]:
    return [json.loads(line) for line in cli("export").stdout.splitlines()]


def test_each_review_shows_a_fresh_instance_and_the_card_stays_the_exercises() -> None:
    seeds = []
    for day in (DAY_1, DAY_2, DAY_3):
        seed = shown_seed(drill("quit\n", day))  # a first look at the day's instance
        answered = drill(keys(seed), day)  # the same instance again, now answered
        assert shown_seed(answered) == seed and answered.count("✓ correct") == 2, answered
        seeds.append(seed)
    assert seeds[0] == 0  # the original comes first
    values = [instance(seed).values for seed in seeds]
    assert values[0] != values[1] and values[1] != values[2]
    with Store.open(database_path()) as store:
        card = store.card(EXERCISE)
        assert card is not None and card.reviews == 3
        assert list(store.exercise_ratings()) == [EXERCISE]
        assert [entry.attempt.exercise_id for entry in store.attempts()] == [EXERCISE] * 3
    assert [record["seed"] for record in exported()] == [s for s in seeds for _ in range(2)]


def test_a_resumed_sitting_shows_the_same_instance() -> None:
    drill(keys(0), DAY_1)
    started = drill("0\n\nquit\n", DAY_2)  # part (a) wrong, Enter to move on, then quit
    seed = shown_seed(started)
    assert seed != 0
    resumed = drill("quit\n", DAY_2)
    assert "Resuming: part (b) of 2" in resumed
    assert shown_seed(resumed) == seed
    statement = instance(seed).exercise.statement.splitlines()[0]
    assert statement[:40] in started and statement[:40] in resumed
    assert [record["seed"] for record in exported()][-1] == seed


def test_check_hint_and_solution_use_the_instance_last_shown() -> None:
    drill(keys(0), DAY_1)
    seed = shown_seed(drill("quit\n", DAY_2))
    part_b = instance(seed).exercise.parts[1]
    assert seed != 0  # (its part b may still share seed 0's key: the draw is random)
    hint = cli("hint", EXERCISE, "--part", "b")
    assert part_b.hints[0] in hint.stdout
    checked = cli("check", EXERCISE, "--part", "b", str(part_b.answer.expect))
    assert checked.exit_code == 0 and f"✓ correct (seed {seed})" in checked.stdout
    solution = cli("solution", EXERCISE, "--part", "b")
    assert part_b.solution in solution.stdout
    assert [record["seed"] for record in exported()][-1] == seed
    shown = cli("show", EXERCISE)
    assert f"seed {seed}" in shown.stdout


def test_a_seed_given_once_becomes_the_learners_instance() -> None:
    assert cli("show", EXERCISE, "--seed", "7").exit_code == 0
    key = str(instance(7).exercise.parts[1].answer.expect)
    assert cli("check", EXERCISE, "--part", "b", key).exit_code == 0
    assert cli("check", EXERCISE, "--part", "b", "--seed", "0", "1/5").exit_code == 0
    assert [record["seed"] for record in exported()] == [7, 0]
    assert "seed 0" in cli("show", EXERCISE).stdout


def test_the_lab_gets_the_values_of_the_instance_shown() -> None:
    drill(keys(0), DAY_1)
    seed = shown_seed(drill("quit\n", DAY_2))
    values = {name: float(value) for name, value in instance(seed).values}
    ran = cli("lab", EXERCISE, "--trust")
    assert ran.exit_code == 0, ran.output
    assert f"with the numbers of seed {seed}" in ran.stdout
    assert f"a = {values['a']:g}, b = {values['b']:g}, eta = {values['eta']:g}" in ran.stdout
    original = cli("lab", EXERCISE, "--trust", "--seed", "0")
    assert "a = 3, b = -2, eta = 0.1" in original.stdout
    assert "one step from 0 lands at 0.2" in original.stdout


def test_a_template_that_cannot_be_filled_skips_the_exercise_in_a_drill(tmp_path: Path) -> None:
    topic = tmp_path / "algebra"
    topic.mkdir()
    text = (BANK / "algebra" / "quadratic-step.yaml").read_text(encoding="utf-8")
    (topic / "quadratic-step.yaml").write_text(text.replace("{= -eta*b}", "{= -eta/(b + 2)}"))
    result = run_cli("drill", "algebra", "--id", EXERCISE, input="", now=DAY_1, bank=tmp_path)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "Skipped algebra/quadratic-step: its file has a template that cannot be filled" in (
        result.stdout
    )
    assert "parts[2].answer.expect: division by zero" in result.stdout


def test_the_instance_shown_keeps_the_moment_it_was_first_shown(progress_store: Store) -> None:
    first, later = datetime(2026, 3, 2, 9, tzinfo=UTC), datetime(2026, 3, 2, 11, tzinfo=UTC)
    progress_store.remember_shown(EXERCISE, 5, first)
    progress_store.remember_shown(EXERCISE, 5, later)
    assert progress_store.shown_instance(EXERCISE) == ShownInstance(EXERCISE, 5, first)
    progress_store.remember_shown(EXERCISE, 6, later)
    assert progress_store.shown_instance(EXERCISE) == ShownInstance(EXERCISE, 6, later)
    assert progress_store.shown_instance("algebra/other") is None


def test_labkit_reads_the_values_penpaper_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    originals = {"a": 3, "eta": 0.1, "M": [[1, 0], [0, 1]]}
    assert parameters(**originals) == {"a": 3.0, "eta": 0.1, "M": [[1.0, 0.0], [0.0, 1.0]]}
    given = {"a": 5, "eta": "1/8", "M": [[2, -1], [0, 3]], "unused": 1}
    monkeypatch.setenv(PARAMETERS_VARIABLE, json.dumps(given))
    assert parameters(**originals) == {"a": 5.0, "eta": 0.125, "M": [[2.0, -1.0], [0.0, 3.0]]}
    monkeypatch.setenv(PARAMETERS_VARIABLE, '{"a": "x"}')
    with pytest.raises(ValueError, match=f"{PARAMETERS_VARIABLE} is not a JSON object"):
        parameters(**originals)
