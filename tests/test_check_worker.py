"""The checker's worker processes: what the time limit counts, and who may call the checker."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
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


ABANDONING_SCRIPT = """
import os, threading
from penpaper import check_answer
from penpaper.checking import worker

sent = threading.Event()
send = worker._Worker.send

def send_and_tell(self, job, limit):
    send(self, job, limit)
    print(self.process.pid, flush=True)
    sent.set()

worker._Worker.send = send_and_tell
threading.Thread(
    target=check_answer,
    args=("(x+1)^200 = (x+2)^199", "x = 1", "equation"),  # a minute of sympy without a limit
    kwargs={"time_limit": 0.5},
    daemon=True,
).start()
sent.wait()
os._exit(0)  # gone without a word, as when the terminal is closed mid-check
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_whose_caller_is_gone_stops_at_its_time_limit(tmp_path: Path) -> None:
    script = tmp_path / "abandoning.py"
    script.write_text(ABANDONING_SCRIPT)
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    pid = int(result.stdout.split()[0])
    deadline = time.monotonic() + 60  # its CPU second may come slowly on a busy machine
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid)
