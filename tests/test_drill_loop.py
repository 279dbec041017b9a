"""The drill loop driven directly: scripted lines in, a console captured, a fixed clock.

``DrillLoop`` takes its console, line reader, store, clock and checker as
arguments so that a session can be tested without a terminal; the CLI and
pseudo-terminal tests cover the same loop from the outside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from io import StringIO

import pytest
from rich.console import Console

from penpaper.bank.model import Exercise
from penpaper.checking.background import BackgroundChecker
from penpaper.progress.records import HelpKind, Outcome
from penpaper.progress.store import Store
from penpaper.terminal.drill import DrillLoop
from penpaper.terminal.session_view import SessionSummary

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def scripted(lines: list[str]) -> Callable[[str], str]:
    """A line reader that answers each prompt with the next line, then ends input."""
    remaining: Iterator[str] = iter(lines)

    def read_line(prompt: str) -> str:
        try:
            return next(remaining)
        except StopIteration:
            raise EOFError from None

    return read_line


@pytest.fixture(scope="module")
def checker() -> BackgroundChecker:
    return BackgroundChecker()


def run(
    store: Store, checker: BackgroundChecker, exercises: list[Exercise], lines: list[str]
) -> tuple[SessionSummary, str]:
    screen = StringIO()
    console = Console(file=screen, width=80, color_system=None)
    loop = DrillLoop(console, scripted(lines), store, lambda: NOW, checker)
    return loop.run(exercises), screen.getvalue()


def test_a_wrong_first_try_is_what_gets_recorded_even_after_a_right_retry(
    progress_store: Store, checker: BackgroundChecker, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("algebra/one")  # its key is x
    summary, screen = run(progress_store, checker, [exercise], ["2x", "x"])
    assert "✗ not quite" in screen and "✓ correct" in screen
    assert (summary.correct_first_try, summary.parts_checked, summary.ended_early) == (0, 1, False)
    [logged] = progress_store.attempts(exercise.id)
    assert [(p.outcome, p.answer) for p in logged.attempt.parts] == [(Outcome.INCORRECT, "2x")]


def test_hints_on_a_part_left_open_are_kept_for_its_next_attempt(
    progress_store: Store, checker: BackgroundChecker, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("algebra/two", parts=2)
    summary, screen = run(progress_store, checker, [exercise], ["x", "?", "quit"])
    assert "Hint 1/1: look closer" in screen
    assert summary.ended_early and summary.hints_used == 1
    assert [t.tried.part for t in progress_store.tries(exercise.id)] == [1]
    assert progress_store.attempts(exercise.id) == []  # part 2 is still to answer
    help_taken = progress_store.help_taken(exercise.id)
    assert [(e.part, e.kind) for e in help_taken.events] == [(2, HelpKind.HINT)]


def test_an_unreadable_answer_is_not_counted_and_the_prompt_comes_back(
    progress_store: Store, checker: BackgroundChecker, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("algebra/three")
    summary, screen = run(progress_store, checker, [exercise], ["x +* (", "x"])
    assert "Couldn't read that" in screen
    assert summary.correct_first_try == 1
    [logged] = progress_store.attempts(exercise.id)
    assert logged.attempt.parts[0].outcome is Outcome.CORRECT
