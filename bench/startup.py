"""Start-up and bank-loading figures for the read-only commands.

Prints the median wall and CPU time of each read path (the home screen, ``topics``,
``roadmap``, ``list``, ``show``, ``stats``) and their ratios to two floors: a bare
``python -c pass`` and a minimal two-command typer app that only prints a line
(typer itself pulls in click, pydantic and more). The commands run in turn, so a
busy machine slows all of them alike and the ratios stay comparable; CPU time, the
time the command itself computed, is the steadier of the two on a shared machine.
The same read paths, and ``hint`` (which like ``show`` reads one exercise), then run
against a synthetic bank of 2,000 exercises, warm (bank index cached) and cold (cache
removed before each run). Last, in-process: loading and validating that bank from
scratch.

Targets: every read path within 1.5x the minimal typer app, with the bundled
bank and warm with 2,000 exercises; 2,000 exercises load + validate in at most
0.5 s.

    python bench/startup.py [--runs 15] [--exercises 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from penpaper.bank.cache import CACHE_FILE
from penpaper.bank.loading import bundled_bank_path

MINIMAL_TYPER_APP = """
import typer
app = typer.Typer()
@app.command()
def hello() -> None:
    print("hello")
@app.command()
def bye() -> None:
    print("bye")
app()
"""

SYNTHETIC_EXERCISE = """\
title: Synthetic exercise {index}
difficulty: {difficulty}
tags: [synthetic, bench]
statement: |
  Let f(x) = x^{power} + {index} x for real x. This statement is long enough to
  look like a real one, with a second line of text.
symbols:
  x: {{real: true}}
  A: {{matrix: [n, n], symmetric: true}}
parts:
  - ask: Differentiate f.
    answer:
      type: expression
      expect: {power} x^{lower} + {index}
      accept: ["{power}*x**{lower} + {index}"]
      mistakes:
        - answer: x^{lower} + {index}
          feedback: Bring the power down as a factor.
    hints:
      - Differentiate term by term.
      - The power rule lowers the exponent by one.
    solution: |
      Term by term, f'(x) = {power} x^{lower} + {index}.
  - ask: Pick the option that holds.
    answer:
      type: choice
      expect: a
      options: {{a: "true", b: "false"}}
    hints: [Think., Think harder.]
    solution: It is a.
"""


INSTALLED = Path(sys.executable).with_name("penpaper")
PENPAPER = [str(INSTALLED)] if INSTALLED.is_file() else [sys.executable, "-m", "penpaper"]
"""The ``penpaper`` command pip installed beside this Python, as a learner runs it
(``python -m penpaper`` also loads runpy: about 4 ms more); that where none is installed."""
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""As a learner runs penpaper: `pip install` compiles its bytecode, so a machine that sets
PYTHONDONTWRITEBYTECODE would otherwise time compiling every module, on every run."""


@dataclass(frozen=True)
class Timing:
    """Medians of one command's runs: wall time, and CPU time (user + system), which a
    busy machine disturbs less than wall time."""

    wall: float
    cpu: float


def interleaved_medians(
    commands: dict[str, list[str]], runs: int, before: dict[str, Callable[[], None]] | None = None
) -> dict[str, Timing]:
    """Median wall and CPU time of each command, running them in turn so load drifts hit
    all alike.

    ``before[label]``, if given, runs untimed before each run of that command.
    """
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            if before and label in before:
                before[label]()
            used = children_cpu_seconds()
            start = time.perf_counter()
            subprocess.run(
                command,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=ENVIRONMENT,
            )
            walls[label].append(time.perf_counter() - start)
            cpus[label].append(children_cpu_seconds() - used)
    return {
        label: Timing(statistics.median(walls[label]), statistics.median(cpus[label]))
        for label in commands
    }


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(medians: dict[str, Timing], floor: Timing) -> None:
    print(f"{'':<32} {'wall':>9}  {'ratio':>5}   {'CPU':>9}  {'ratio':>5}")
    for label, timing in medians.items():
        line = f"{label:<32} {timing.wall * 1000:6.1f} ms"
        if label.startswith("penpaper"):
            line += f"  {timing.wall / floor.wall:4.2f}x"
        else:
            line += " " * 7
        line += f"   {timing.cpu * 1000:6.1f} ms"
        if label.startswith("penpaper"):
            line += f"  {timing.cpu / floor.cpu:4.2f}x"
        print(line)


def median_seconds_to_first_prompt(penpaper: list[str], runs: int, data_dir: Path) -> float:
    """Wall time from launching ``penpaper drill`` to its first ``answer>`` prompt, in a pty."""
    import pexpect

    timings = []
    for run in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            penpaper[0],
            [
                *penpaper[1:],
                "--data-dir",
                str(data_dir / str(run)),
                "drill",
                "optimization",
                "--id",
                "optimization/quadratic-step-size",
            ],
            encoding="utf-8",
            timeout=60,
            env=ENVIRONMENT,
        )
        child.expect("answer> ")
        timings.append(time.perf_counter() - start)
        child.sendline("quit")
        child.expect(pexpect.EOF)
        child.close()
    return statistics.median(timings)


def write_synthetic_bank(root: Path, count: int) -> None:
    for index in range(count):
        topic = root / f"topic-{index % 10}"
        topic.mkdir(exist_ok=True)
        power = 2 + index % 7
        (topic / f"exercise-{index}.yaml").write_text(
            SYNTHETIC_EXERCISE.format(
                index=index, difficulty=1 + index % 5, power=power, lower=power - 1
            ),
            encoding="utf-8",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exercises", type=int, default=2000)
    arguments = parser.parse_args()
    runs = arguments.runs

    with tempfile.TemporaryDirectory() as scratch:
        # A snapshot of the bundled bank and a private PENPAPER_HOME: the figures do not
        # depend on edits in progress, and the learner's own data and cache stay untouched.
        snapshot = Path(scratch) / "bundled-bank"
        shutil.copytree(bundled_bank_path(), snapshot)
        home = Path(scratch) / "home"
        ENVIRONMENT["PENPAPER_HOME"] = str(home)
        bundled = [*PENPAPER, "--no-bundled-bank", "--bank", str(snapshot)]
        subprocess.run([*bundled, "topics"], check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
        minimal_app = Path(scratch) / "minimal_app.py"
        minimal_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        floors = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "minimal typer app": [sys.executable, str(minimal_app), "hello"],
        }
        read_paths = {
            "": [],
            "topics": ["topics"],
            "roadmap": ["roadmap"],
            "list": ["list"],
            "list --json": ["list", "--json"],
            "show": ["show", "optimization/quadratic-step-size"],
            "stats": ["stats"],
        }
        medians = interleaved_medians(
            {
                **floors,
                "penpaper --help": [*bundled, "--help"],
                **{
                    f"penpaper {name}".strip(): [*bundled, *args]
                    for name, args in read_paths.items()
                },
            },
            runs,
        )
        floor = medians["minimal typer app"]
        print("bundled bank, index cached:")
        report(medians, floor)

        large_bank = Path(scratch) / "large-bank"
        large_bank.mkdir()
        write_synthetic_bank(large_bank, arguments.exercises)
        old_enough = time.time() - 3600  # files this new are not trusted to the cache
        for exercise_file in large_bank.rglob("*.yaml"):
            os.utime(exercise_file, (old_enough, old_enough))
        large = [*PENPAPER, "--no-bundled-bank", "--bank", str(large_bank)]
        subprocess.run([*large, "topics"], check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
        cache_file = home / "cache" / CACHE_FILE

        def forget_the_index() -> None:
            cache_file.unlink(missing_ok=True)

        large_paths = {
            "topics": ["topics"],
            "list --json": ["list", "--json"],
            "show": ["show", "topic-3/exercise-13"],
            "hint": ["hint", "topic-3/exercise-13", "--part", "a"],  # after two: "no more"
            "": [],
        }
        warm = {
            f"penpaper {name} (warm)".replace("  ", " "): [*large, *args]
            for name, args in large_paths.items()
        }
        cold = {
            f"penpaper {name} (cold)".replace("  ", " "): [*large, *args]
            for name, args in large_paths.items()
        }
        large_medians = interleaved_medians(
            {"minimal typer app": floors["minimal typer app"], **warm, **cold},
            runs,
            before=dict.fromkeys(cold, forget_the_index),
        )
        print(f"synthetic bank of {arguments.exercises} exercises:")
        report(large_medians, large_medians["minimal typer app"])
        first_prompt = median_seconds_to_first_prompt(bundled, runs, Path(scratch) / "homes")
        print(
            f"drill: first prompt      {first_prompt * 1000:7.1f} ms  "
            f"{first_prompt / medians['penpaper show'].wall:4.2f}x show "
            "(the checker loads in the background)"
        )

        from penpaper.bank.loading import load_bank

        timings = []
        for _ in range(5):
            start = time.perf_counter()
            bank = load_bank([large_bank])
            bank.exercises.values()  # every exercise read in full, not only the index
            timings.append(time.perf_counter() - start)
        assert len(bank.exercises) == arguments.exercises and not bank.problems, bank.problems[:3]
        print(
            f"load + validate {arguments.exercises} exercises: "
            f"{statistics.median(timings) * 1000:.0f} ms median of 5 (target <= 500 ms)"
        )


if __name__ == "__main__":
    main()
