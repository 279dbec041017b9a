"""`penpaper stats` on the fixture bank, with histories recorded through the store's API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import Result

from helpers import FIXTURE_BANK, run_cli
from penpaper.bank.loading import load_bank
from penpaper.bank.model import Exercise
from penpaper.progress.records import Attempt, Outcome, PartResult
from penpaper.progress.store import Store
from penpaper.scheduling.recording import record_attempt

# A Wednesday afternoon in UTC+2; the learner's day started at 04:00 local.
NOW = datetime.fromisoformat("2025-03-12T15:00:00+02:00")
DAY = timedelta(days=1)


def run_stats(*arguments: str) -> Result:
    return run_cli("stats", *arguments, now=NOW.isoformat())


def solve(store: Store, exercise: Exercise, at: datetime) -> None:
    """Record an attempt at ``exercise`` with every part right."""
    parts = tuple(PartResult(part.number, Outcome.CORRECT, answer="x") for part in exercise.parts)
    record_attempt(store, exercise, Attempt(exercise.id, at - timedelta(minutes=5), at, parts))


@pytest.fixture
def history(progress_store: Store, make_exercise: Callable[..., Exercise]) -> Store:
    """Calculus in progress on two days (chain-rule passed twice: proficient), graphs
    untouched, and history of an exercise no longer in the bank."""
    chain_rule = load_bank([FIXTURE_BANK]).exercises["calculus/chain-rule"]
    solve(progress_store, chain_rule, NOW - 2 * DAY)
    solve(progress_store, chain_rule, NOW - DAY)
    solve(progress_store, make_exercise("calculus/gone-away"), NOW - DAY)
    return progress_store


def json_keys(document: object, inside: str = "") -> set[str]:
    """Every key of the document, nested ones too (a level's name is data, not a key)."""
    if isinstance(document, list):
        return set().union(*(json_keys(item, inside) for item in document))
    if not isinstance(document, dict) or inside == "levels":
        return set()
    return set(document).union(*(json_keys(value, key) for key, value in document.items()))


def test_without_history_it_says_how_to_start() -> None:
    result = run_stats()

    assert result.exit_code == 0, result.output
    assert "No practice recorded yet" in result.stdout
    assert "penpaper drill calculus" in result.stdout
    assert "0/2" not in result.stdout  # no table of zeros


def test_the_overview_shows_topics_reviews_habits_and_attention(history: Store) -> None:
    result = run_stats()

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    calculus = next(line for line in lines if line.startswith("calculus"))
    assert "1/2" in calculus and "attempted" in calculus and "40%" in calculus
    assert "±" in calculus
    assert "━━━─────" in calculus  # 40 % of the bar: it reads without colour (piped here)
    graphs = next(line for line in lines if line.startswith("graphs"))
    assert "0/1" in graphs and "not started" in graphs and "—" in graphs
    assert "1 of 3 exercises seen" in result.stdout
    assert "Streak     2 days" in result.stdout and "practise today" in result.stdout
    assert "Activity over the last 26 weeks" in result.stdout
    assert "3 attempts on 2 days" in result.stdout
    assert "no scheduled reviews" not in result.stdout  # the second chain-rule was a review
    assert "100% of 1 reviews passed" in result.stdout
    assert "calculus/gone-away  has history, left the bank" in result.stdout


def test_a_topic_lists_its_exercises(history: Store) -> None:
    result = run_stats("calculus")

    assert result.exit_code == 0, result.output
    assert "Calculus fixtures (calculus)" in result.stdout
    chain = next(line for line in result.stdout.splitlines() if "chain-rule" in line)
    assert "proficient" in chain and "passed" in chain and "★☆☆☆☆" in chain
    assert "passed with help" not in chain
    assert "good" not in chain  # the last review in words, never the scheduler's grade
    quadratic = next(line for line in result.stdout.splitlines() if "quadratic-gradient" in line)
    assert "not started" in quadratic and "—" in quadratic
    assert "graphs" not in result.stdout


def test_a_topic_without_history_has_its_own_empty_state(history: Store) -> None:
    result = run_stats("graphs")

    assert result.exit_code == 0, result.output
    assert "Nothing practised in graphs yet" in result.stdout
    assert "penpaper drill graphs" in result.stdout


def test_json_carries_every_figure_under_documented_keys(history: Store) -> None:
    result = run_stats("--json")

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["generated_at"] == NOW.isoformat()
    assert (document["today"], document["topic"], document["has_history"]) == (
        "2025-03-12",
        None,
        True,
    )
    assert (document["exercises_total"], document["exercises_seen"]) == (3, 1)
    assert document["streak"] == {"current": 2, "longest": 2, "active_today": False}
    assert document["retention"]["reviews"] == 1 and document["retention"]["rate"] == 1.0
    assert document["orphans"] == ["calculus/gone-away"]
    assert len(document["forecast"]) == 30 and document["forecast"][0]["day"] == "2025-03-12"
    assert document["calendar"][-2:] == [
        {"day": "2025-03-11", "attempts": 2},
        {"day": "2025-03-12", "attempts": 0},
    ]
    calculus = document["topics"][0]
    # One exercise of two proficient (80 points of 100): 40%, below familiar's 50%.
    assert (calculus["topic"], calculus["mastery"], calculus["mastery_percent"]) == (
        "calculus",
        "attempted",
        40.0,
    )
    assert calculus["levels"] == {
        "not_started": 1,
        "attempted": 0,
        "familiar": 0,
        "proficient": 1,
        "mastered": 0,
    }
    assert document["exercises"] == []

    help_text = run_stats("--help").stdout
    undocumented = {key for key in json_keys(document) if key not in help_text}
    assert not undocumented


def test_json_for_a_topic_has_exercise_rows(history: Store) -> None:
    document = json.loads(run_stats("calculus", "--json").stdout)

    chain, quadratic = document["exercises"]
    assert (chain["id"], chain["last_result"], chain["mastery"], chain["reviews"]) == (
        "calculus/chain-rule",
        "good",
        "proficient",
        2,
    )
    assert datetime.fromisoformat(chain["last_attempt"]) == NOW - DAY
    assert chain["due_in_days"] >= 1
    assert (quadratic["mastery"], quadratic["next_due"]) == ("not_started", None)


def test_an_unknown_topic_is_a_usage_error_with_a_suggestion() -> None:
    result = run_stats("calculos")

    assert result.exit_code == 2
    assert "Unknown topic 'calculos'. Did you mean: calculus?" in result.stderr


@pytest.mark.slow
def test_stats_fits_80_columns_without_importing_the_maths_stack(history: Store) -> None:
    command = ["-m", "penpaper", "--no-bundled-bank", "--bank", str(FIXTURE_BANK), "stats"]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80", "PENPAPER_NOW": NOW.isoformat()},
        cwd=Path(__file__).parent,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "penpaper" in imported and "fsrs" in imported
    assert "sympy" not in imported and "numpy" not in imported
    assert "Streak     2 days" in result.stdout and "Needs attention" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize("columns", ["60", "80"])
def test_topic_names_and_figures_are_never_cut(history: Store, columns: str) -> None:
    result = run_cli("stats", now=NOW.isoformat(), columns=columns)
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    for topic in ("calculus", "graphs"):
        assert any(line.strip().startswith(topic) for line in result.stdout.splitlines())
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_the_week_chart_fits_a_narrow_terminal(history: Store) -> None:
    later = (NOW + 30 * DAY).isoformat()  # chain-rule is due by then: today's bar is full
    lines = run_cli("stats", now=later, columns="40").stdout.splitlines()
    chart = lines[lines.index(next(line for line in lines if line.startswith("today"))) :][:7]
    assert "█" in chart[0] and len(chart) == 7 and all(len(line) <= 40 for line in chart)


def test_the_rating_and_the_levels_are_explained(history: Store) -> None:
    overview = run_stats().stdout
    assert "you would solve a typical difficulty-3 exercise of" in overview
    assert "Levels: attempted → familiar (50 %) → proficient (80 %) → mastered (100 %)" in (
        overview.replace("\n", " ")
    )
    topic = run_stats("calculus").stdout
    assert "next level:" in topic or "mastered: the top of the ladder" in topic


def test_the_calendar_labels_the_current_month_over_the_week_of_its_first(
    history: Store,
) -> None:
    """6 December 2026 is a Sunday; 1 December is in the week that began on 30 November."""
    result = run_cli("stats", now="2026-12-06T10:00:00+00:00")
    months = result.stdout.split("Activity")[1].splitlines()[1]
    assert months.split()[-2:] == ["Nov", "Dec"]


def test_an_exercise_passed_with_help_counts_once_passed_again_as_the_levels_say() -> None:
    """A hint makes a right answer "passed with help": the exercise comes back the next day
    and counts toward mastery once passed then, as the levels line says."""
    drilled = run_cli(
        "drill",
        "calculus",
        "--id",
        "calculus/chain-rule",
        input="hint\n2*x*exp(x^2)\n",
        now=NOW.isoformat(),
    )
    assert "passed with help" in drilled.stdout, drilled.stdout
    first = run_stats().stdout
    assert "(passed with help: once passed again at its next review)" in first.replace("\n", " ")
    chain = next(line for line in run_stats("calculus").stdout.splitlines() if "chain-rule" in line)
    assert "attempted" in chain and "passed with help" in chain
    later = (NOW + 2 * DAY).isoformat()
    run_cli("review", input="2*x*exp(x^2)\n", now=later)
    again = run_cli("stats", "calculus", now=later).stdout
    chain = next(line for line in again.splitlines() if "chain-rule" in line)
    assert "familiar" in chain and "passed" in chain and "passed with help" not in chain
