"""A real drill in a pseudo-terminal: typed answers, a wrong one, then Ctrl-C."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from helpers import FIXTURE_BANK
from penpaper.paths import database_path
from penpaper.progress.records import Outcome
from penpaper.progress.store import Store


def test_drill_in_a_terminal_survives_ctrl_c_and_keeps_the_answers(isolated_home: Path) -> None:
    environment = {**os.environ, "PENPAPER_HOME": str(isolated_home), "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "penpaper",
            "--no-bundled-bank",
            "--bank",
            str(FIXTURE_BANK),
            "drill",
            "graphs",
            "--id",
            "graphs/pick-parents",
        ],
        env=environment,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 100),
    )
    try:
        child.expect("Parents in a DAG")
        child.expect("answer> ")
        child.sendline("a")
        child.expect("not quite")
        child.expect("again> ")
        child.sendline("b")
        child.expect("✓ correct")
        child.expect("SECRET-SOLUTION-PARENTS")
        child.expect("answer> ")
        child.sendintr()
        child.expect("Session ended; everything you answered is saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    with Store.open(database_path()) as store:
        [entry] = store.attempts()
    assert [(part.number, part.outcome) for part in entry.attempt.parts] == [(1, Outcome.INCORRECT)]
