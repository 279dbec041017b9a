"""Start-up and bank-loading figures for the read-only commands.

Prints the median wall time of ``penpaper --help``, ``topics`` and ``list --json``
next to two floors: a bare ``python -c pass`` and a minimal two-command typer app
that only prints a line (typer itself pulls in click and more). Then times loading
and validating a synthetic bank of 2,000 exercises in-process.

Targets: read-only commands within 1.5x the minimal typer app; 2,000 exercises
load + validate in at most 0.5 s.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


PENPAPER = [sys.executable, "-m", "penpaper"]
ENVIRONMENT = dict(os.environ)


def interleaved_medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, running them in turn so load drifts hit all alike."""
    timings: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(
                command,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=ENVIRONMENT,
            )
            timings[label].append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in timings.items()}


def median_seconds_to_first_prompt(runs: int, data_dir: Path) -> float:
    """Wall time from launching ``penpaper drill`` to its first ``answer>`` prompt, in a pty."""
    import pexpect

    timings = []
    for run in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            sys.executable,
            [
                *PENPAPER[1:],
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
        PENPAPER.extend(["--no-bundled-bank", "--bank", str(snapshot)])
        ENVIRONMENT["PENPAPER_HOME"] = str(Path(scratch) / "home")
        subprocess.run(
            [*PENPAPER, "topics"], check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT
        )
        minimal_app = Path(scratch) / "minimal_app.py"
        minimal_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "minimal typer app": [sys.executable, str(minimal_app), "hello"],
            "penpaper --help": [*PENPAPER, "--help"],
            "penpaper topics": [*PENPAPER, "topics"],
            "penpaper list --json": [*PENPAPER, "list", "--json"],
            "penpaper show": [*PENPAPER, "show", "optimization/quadratic-step-size"],
        }
        medians = interleaved_medians(commands, runs)
        floor = medians["minimal typer app"]
        for label, seconds in medians.items():
            verdict = f"  {seconds / floor:4.2f}x the floor" if label.startswith("penpaper") else ""
            target = " (target <= 1.5x)" if label != "penpaper show" and verdict else ""
            print(f"{label:<24} {seconds * 1000:7.1f} ms{verdict}{target}")
        first_prompt = median_seconds_to_first_prompt(runs, Path(scratch) / "homes")
        print(
            f"drill: first prompt      {first_prompt * 1000:7.1f} ms  "
            f"{first_prompt / medians['penpaper show']:4.2f}x show "
            "(the checker loads in the background)"
        )

        from penpaper.bank.loading import load_bank

        bank_root = Path(scratch) / "bank"
        bank_root.mkdir()
        write_synthetic_bank(bank_root, arguments.exercises)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            bank = load_bank([bank_root])
            timings.append(time.perf_counter() - start)
        assert len(bank.exercises) == arguments.exercises and not bank.problems, bank.problems[:3]
        print(
            f"load + validate {arguments.exercises} exercises: "
            f"{statistics.median(timings) * 1000:.0f} ms median of 5 (target <= 500 ms)"
        )


if __name__ == "__main__":
    main()
