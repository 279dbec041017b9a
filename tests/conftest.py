"""Shared fixtures: every test runs against a throw-away data directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from penpaper.bank.model import AnswerKey, Exercise, Part
from penpaper.progress.records import Attempt, Outcome, PartResult
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point PENPAPER_HOME at a temporary folder so no test touches a real learner's data."""
    home = tmp_path / "penpaper-home"
    monkeypatch.setenv("PENPAPER_HOME", str(home))
    monkeypatch.delenv("PENPAPER_BANK", raising=False)
    return home


@pytest.fixture
def make_exercise() -> Callable[..., Exercise]:
    """Build an in-memory exercise: ``make_exercise("algebra/one", difficulty=2, parts=2)``."""

    def build(exercise_id: str, difficulty: int = 3, parts: int = 1) -> Exercise:
        return Exercise(
            id=exercise_id,
            topic=exercise_id.partition("/")[0],
            title=exercise_id,
            difficulty=difficulty,
            statement="Compute it.",
            parts=tuple(
                Part(n, "?", AnswerKey(type="expression", expect="x"), ("look closer",), "x")
                for n in range(1, parts + 1)
            ),
            path=FIXTURES / f"{exercise_id}.yaml",
        )

    return build


@pytest.fixture
def make_attempt() -> Callable[..., Attempt]:
    """Build a one-sitting attempt finished at ``at``, one part per outcome given."""

    def build(
        exercise_id: str,
        at: datetime,
        *outcomes: Outcome,
        hints: int = 0,
        seconds: float = 300,
        practice: bool = False,
    ) -> Attempt:
        parts = tuple(
            PartResult(number, outcome, answer="x", hints_used=hints)
            for number, outcome in enumerate(outcomes or (Outcome.CORRECT,), start=1)
        )
        return Attempt(exercise_id, at - timedelta(seconds=seconds), at, parts, practice)

    return build


@pytest.fixture
def progress_store(isolated_home: Path) -> Iterator[Store]:
    """A fresh progress store in the temporary home, fuzzing off so due dates are exact."""
    with Store.open() as store:
        store.save_settings(Settings(fuzzing=False))
        yield store
