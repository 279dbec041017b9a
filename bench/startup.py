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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def median_seconds_to_first_prompt(runs: int, data_dir: Path) -> float:
    """Wall time from launching ``penpaper drill`` to its first ``answer>`` prompt, in a pty."""
    import pexpect

    timings = []
    for run in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            sys.executable,
            [
                "-m",
                "penpaper",
                "--data-dir",
                str(data_dir / str(run)),
                "drill",
                "optimization",
                "--id",
                "optimization/quadratic-step-size",
            ],
            encoding="utf-8",
            timeout=60,
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
        minimal_app = Path(scratch) / "minimal_app.py"
        minimal_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        bare = median_seconds([sys.executable, "-c", "pass"], runs)
        floor = median_seconds([sys.executable, str(minimal_app), "hello"], runs)
        print(f"python -c pass           {bare * 1000:7.1f} ms")
        print(f"minimal typer app        {floor * 1000:7.1f} ms  (the floor)")
        for command in (["--help"], ["topics"], ["list", "--json"]):
            seconds = median_seconds([sys.executable, "-m", "penpaper", *command], runs)
            label = "penpaper " + " ".join(command)
            print(
                f"{label:<24} {seconds * 1000:7.1f} ms  {seconds / floor:4.2f}x the floor "
                "(target <= 1.5x)"
            )

        show = median_seconds(
            [sys.executable, "-m", "penpaper", "show", "optimization/quadratic-step-size"], runs
        )
        first_prompt = median_seconds_to_first_prompt(runs, Path(scratch) / "homes")
        print(f"penpaper show            {show * 1000:7.1f} ms")
        print(
            f"drill: first prompt      {first_prompt * 1000:7.1f} ms  {first_prompt / show:4.2f}x"
            " show (the checker loads in the background)"
        )

        from penpaper.bank import load_bank

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
