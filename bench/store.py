"""Benchmark the progress store on a long history: ``python bench/store.py``.

Synthesises 100,000 reviews of 1,000 exercises (ten topics) in a temporary
folder, then times opening the store, the due queue and the per-topic
summaries ``penpaper stats`` shows. Target: queue + summaries ≤ 300 ms.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from penpaper.bank.model import AnswerKey, Exercise, Part
from penpaper.progress.records import Attempt, Outcome, PartResult
from penpaper.progress.store import Store
from penpaper.scheduling.memory import rebuild_cards
from penpaper.scheduling.queues import due_exercises
from penpaper.scheduling.recording import record_attempt
from penpaper.stats.topics import topic_summaries

REVIEWS = 100_000
EXERCISES = 1_000
TOPICS = 10
RUNS = 7
TARGET_SECONDS = 0.300
START = datetime(2023, 1, 1, tzinfo=UTC)
HISTORY = timedelta(days=3 * 365)


def synthetic_bank() -> list[Exercise]:
    part = Part(1, "?", AnswerKey(type="expression", expect="x"), (), "x")
    return [
        Exercise(
            id=f"topic{number % TOPICS}/exercise{number}",
            topic=f"topic{number % TOPICS}",
            title=f"Exercise {number}",
            difficulty=number % 5 + 1,
            statement="",
            parts=(part,),
            path=Path(f"exercise{number}.yaml"),
        )
        for number in range(EXERCISES)
    ]


def synthesise(
    path: Path,
    bank: list[Exercise],
    reviews: int = REVIEWS,
    start: datetime = START,
    history: timedelta = HISTORY,
) -> None:
    """Record ``reviews`` attempts evenly over ``history`` from ``start``, through the real
    code path, in one transaction for speed (also used by ``bench/stats.py``)."""
    chooser = random.Random(4)
    step = history / reviews
    with Store.open(path) as store:
        settings = store.settings()
        with store.transaction():
            for number in range(reviews):
                exercise = chooser.choice(bank)
                at = start + number * step
                outcome = Outcome.CORRECT if chooser.random() < 0.85 else Outcome.INCORRECT
                part = PartResult(1, outcome, answer="x", hints_used=int(chooser.random() < 0.1))
                attempt = Attempt(exercise.id, at - timedelta(minutes=3), at, (part,))
                record_attempt(store, exercise, attempt, settings)


def median_seconds(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def main() -> None:
    bank = synthetic_bank()
    now = START + HISTORY
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.sqlite3"
        began = time.perf_counter()
        synthesise(path, bank)
        print(
            f"synthesised {REVIEWS:,} reviews of {EXERCISES:,} exercises "
            f"in {time.perf_counter() - began:.1f} s ({path.stat().st_size / 1e6:.1f} MB)"
        )

        open_time = median_seconds(lambda: Store.open(path).close())
        with Store.open(path) as store:
            queue_time = median_seconds(lambda: due_exercises(bank, store, now))
            summary_time = median_seconds(lambda: topic_summaries(bank, store, now))
            due = len(due_exercises(bank, store, now))
            began = time.perf_counter()
            rebuild_cards(store)
            rebuild_time = time.perf_counter() - began
    total = queue_time + summary_time
    verdict = "meets" if total <= TARGET_SECONDS else "MISSES"
    print(f"open store:        {open_time * 1000:7.1f} ms (median of {RUNS})")
    print(f"due queue:         {queue_time * 1000:7.1f} ms ({due} due after the daily limit)")
    print(f"topic summaries:   {summary_time * 1000:7.1f} ms")
    print(f"rebuild all cards: {rebuild_time * 1000:7.1f} ms (once; not part of the target)")
    target = f"{TARGET_SECONDS * 1000:.0f} ms"
    print(f"queue + summaries: {total * 1000:7.1f} ms: {verdict} the {target} target")


if __name__ == "__main__":
    main()
