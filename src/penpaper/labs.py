"""Running a lab: an exercise's standalone numpy script, in a subprocess with a time limit.

One runner for ``penpaper lab`` and the test that runs every bundled lab, so
what the tests prove is what the learner runs. The lab starts in an empty
scratch folder (a lab must write no files) with the interpreter running penpaper.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LAB_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class LabRun:
    """What a lab printed, and how it ended (``timed_out``: stopped at the time limit)."""

    exit_code: int
    output: str
    errors: str
    timed_out: bool = False


def run_lab(
    lab: Path, working_dir: Path | None = None, timeout: float = LAB_TIMEOUT_SECONDS
) -> LabRun:
    """Run ``lab`` in ``working_dir`` (default: a fresh scratch folder, removed afterwards)."""
    if working_dir is None:
        with tempfile.TemporaryDirectory() as scratch:
            return run_lab(lab, Path(scratch), timeout)
    try:
        completed = subprocess.run(
            [sys.executable, str(lab.resolve())],
            cwd=working_dir,
            timeout=timeout,
            capture_output=True,
            text=True,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return LabRun(-1, _text(expired.stdout), _text(expired.stderr), timed_out=True)
    return LabRun(completed.returncode, completed.stdout, completed.stderr)


def _text(captured: bytes | str | None) -> str:
    if isinstance(captured, bytes):
        return captured.decode("utf-8", errors="replace")
    return captured or ""


def lab_summary(lab: Path) -> str:
    """The first line of the lab's docstring: what it shows, for the line that offers it.

    The file is parsed, never run; a lab that cannot be read gets a plain line.
    """
    try:
        docstring = ast.get_docstring(ast.parse(lab.read_text(encoding="utf-8")))
    except (OSError, SyntaxError, ValueError):
        docstring = None
    first = (docstring or "").strip().splitlines()
    return first[0].rstrip(".") if first else "its numbers, computed"
