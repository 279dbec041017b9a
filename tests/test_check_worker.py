"""The checker's worker processes: what the time limit counts, and who may call the checker."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import run_cli
from penpaper.checking import worker
from penpaper.checking.limits import TIME_LIMIT_SECONDS

SLOW_START_SECONDS = TIME_LIMIT_SECONDS + 0.5


@pytest.fixture
def slow_starting_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool with no worker yet, whose workers each burn more CPU at start-up than a check may.

    Python imports ``sitecustomize`` at start-up from the first folder of
    PYTHONPATH that has one, and a worker inherits the environment.
    """
    (tmp_path / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import time
            end = time.process_time() + {SLOW_START_SECONDS}
            while time.process_time() < end:
                pass
            """
        )
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setattr(worker, "pool", worker.WorkerPool())


@pytest.mark.usefixtures("slow_starting_pool")
def test_a_slow_worker_start_is_not_charged_to_the_answer() -> None:
    result = run_cli("check", "--no-record", "calculus/chain-rule", "2 x e^(x^2)")
    assert (result.exit_code, result.stdout.strip()) == (0, "✓ correct"), result.output


@pytest.mark.usefixtures("slow_starting_pool")
def test_a_fast_first_answer_in_a_drill_after_a_slow_start_is_judged() -> None:
    result = run_cli("drill", "calculus", "--id", "calculus/chain-rule", input="2 x e^(x^2)\n")
    assert result.exit_code == 0, result.output
    assert "✓ correct" in result.stdout


def test_a_script_without_a_main_guard_can_check_answers(tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from penpaper import check_answer\n"
        "print(check_answer('2x', 'x + x', 'expression').status)\n"
        "print(check_answer('3x', 'x + x', 'expression').status)\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert (result.returncode, result.stdout.split()) == (0, ["correct", "incorrect"]), (
        result.stderr
    )
