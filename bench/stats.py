"""Benchmark ``penpaper stats``: ``python bench/stats.py [--runs 9]``.

Synthesises histories over the bundled bank with ``bench/store.py``'s
``synthesise`` (the real recording code path), then times the real command in
a subprocess, as a learner runs it:

- 100,000 reviews over three years and an ordinary history (500 reviews over
  two months): wall time against a minimal two-command typer app that only
  prints a line. Target: at most 1.5x for both. For 100,000 reviews also the
  wall time minus a bare ``python -c pass`` (interpreter start): at most 300 ms.

It also checks with ``python -X importtime`` that ``stats`` never imports sympy
or numpy, and times the figures alone (:func:`penpaper.stats.progress_stats`)
on ``bench/store.py``'s 1,000-exercise bank, in-process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from penpaper.bank.loading import Bank, Exercises, configured_bank_paths, load_bank
from penpaper.bank.summaries import Topic
from penpaper.progress.store import Store
from penpaper.stats.figures import progress_stats

# Both live beside this script, which puts its own folder on sys.path.
from startup import ENVIRONMENT, MINIMAL_TYPER_APP, PENPAPER
from store import HISTORY, REVIEWS, START, median_seconds, synthesise, synthetic_bank

TARGET_SECONDS = 0.300
TARGET_RATIO = 1.5
ORDINARY_REVIEWS = 500
ORDINARY_HISTORY = timedelta(days=60)
END = START + HISTORY


def penpaper_stats(*interpreter_options: str) -> list[str]:
    """The command line, as a learner runs it unless Python is given options; the history
    it reads is chosen by :func:`environment_for`."""
    if interpreter_options:
        return [sys.executable, *interpreter_options, "-m", "penpaper", "stats"]
    return [*PENPAPER, "stats"]


def environment_for(home: Path) -> dict[str, str]:
    # The clock stops where the history ends, so the streak and calendar are full.
    return {**ENVIRONMENT, "PENPAPER_HOME": str(home), "PENPAPER_NOW": END.isoformat()}


def interleaved_medians(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int
) -> dict[str, float]:
    """Median wall time of each command, taking turns so a busy machine slows all alike."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, environment) in commands.items():
            began = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=environment)
            timings[name].append(time.perf_counter() - began)
    return {name: statistics.median(seconds) for name, seconds in timings.items()}


def imported_top_level_modules(home: Path) -> set[str]:
    result = subprocess.run(
        penpaper_stats("-X", "importtime"),
        capture_output=True,
        text=True,
        check=True,
        env=environment_for(home),
    )
    return {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def history(folder: Path, name: str, reviews: int, start: datetime, span: timedelta) -> Path:
    home = folder / name
    bundled = sorted(load_bank(configured_bank_paths()).exercises.values(), key=lambda e: e.id)
    began = time.perf_counter()
    synthesise(home / "progress.sqlite3", bundled, reviews, start, span)
    print(
        f"synthesised {reviews:,} reviews of {len(bundled)} bundled exercises "
        f"in {time.perf_counter() - began:.1f} s"
    )
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        large = history(folder, "large", REVIEWS, START, HISTORY)
        ordinary = history(
            folder, "ordinary", ORDINARY_REVIEWS, END - ORDINARY_HISTORY, ORDINARY_HISTORY
        )
        minimal_app = folder / "minimal_app.py"
        minimal_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")

        medians = interleaved_medians(
            {
                "bare": ([sys.executable, "-c", "pass"], dict(ENVIRONMENT)),
                "floor": ([sys.executable, str(minimal_app), "hello"], dict(ENVIRONMENT)),
                "large": (penpaper_stats(), environment_for(large)),
                "ordinary": (penpaper_stats(), environment_for(ordinary)),
            },
            runs,
        )
        bare, floor = medians["bare"], medians["floor"]
        on_large, on_ordinary = medians["large"], medians["ordinary"]
        maths = imported_top_level_modules(large) & {"sympy", "numpy"}

        bank_exercises = synthetic_bank()
        topics = {
            exercise.topic: Topic(exercise.topic, exercise.topic) for exercise in bank_exercises
        }
        bank = Bank(Exercises(bank_exercises), topics)
        store_path = folder / "synthetic" / "progress.sqlite3"
        synthesise(store_path, bank_exercises)
        with Store.open(store_path) as store:
            core = median_seconds(lambda: progress_stats(bank, store, END))

    beyond_start = on_large - bare
    print(f"python -c pass                     {bare * 1000:7.1f} ms")
    print(f"minimal typer app                  {floor * 1000:7.1f} ms  (the floor)")
    for label, measured in (
        (f"stats, {REVIEWS:,} reviews     ", on_large),
        (f"stats, {ORDINARY_REVIEWS} reviews         ", on_ordinary),
    ):
        ratio = measured / floor
        print(
            f"{label}      {measured * 1000:7.1f} ms  {ratio:.2f}x the floor: "
            f"{'meets' if ratio <= TARGET_RATIO else 'MISSES'} the {TARGET_RATIO}x target"
        )
    print(
        f"stats, {REVIEWS:,} reviews beyond interpreter start: {beyond_start * 1000:.0f} ms, "
        f"{'meets' if beyond_start <= TARGET_SECONDS else 'MISSES'} the "
        f"{TARGET_SECONDS * 1000:.0f} ms target"
    )
    print(f"figures alone, 1,000 exercises     {core * 1000:7.1f} ms  (in-process, median)")
    print(f"imports sympy or numpy: {', '.join(sorted(maths)) if maths else 'neither'}")


if __name__ == "__main__":
    main()
