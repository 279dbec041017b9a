"""Running a lab: an exercise's standalone numpy script, in a subprocess with a time limit.

One runner for ``penpaper lab`` and the test that runs every bundled lab, so
what the tests prove is what the learner runs. A lab is code: whether it may
run at all is the caller's decision (only the bundled bank's labs run without
the learner's consent). It runs with the interpreter running penpaper, no
input, and its output captured.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LAB_TIMEOUT_SECONDS = 120
# PEP 263: a "coding:" comment on the first two lines changes how Python reads the file.
_CODING_DECLARATION = re.compile(rb"[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


class LabError(ValueError):
    """A lab that penpaper will not show or run, and why."""


def lab_code(source: bytes) -> str:
    """A lab's code exactly as Python will read it, or LabError.

    Python reads UTF-8 unless a coding declaration says otherwise; a lab that
    declares another encoding could run other code than the text shown, so only
    UTF-8 is accepted.
    """
    for line in re.split(rb"\r\n?|\n", source, maxsplit=2)[:2]:
        declared = _CODING_DECLARATION.match(line)
        if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            raise LabError("it declares an encoding other than UTF-8")
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LabError(f"it is not UTF-8 text (byte {error.start})") from None


def bank_folder(lab: Path) -> Path:
    """The bank a lab belongs to (``<bank>/<topic>/<slug>.py``), resolved: how trust is kept."""
    return lab.absolute().parent.parent.resolve()


@dataclass(frozen=True)
class LabRun:
    """What a lab printed, and how it ended (``timed_out``: stopped at the time limit)."""

    exit_code: int
    output: str
    errors: str
    timed_out: bool = False


def run_lab(
    lab: Path,
    working_dir: Path | None = None,
    timeout: float = LAB_TIMEOUT_SECONDS,
    environment: Mapping[str, str] | None = None,
) -> LabRun:
    """Run ``lab`` in ``working_dir`` (default: a fresh scratch folder, removed afterwards),
    with ``environment`` added to penpaper's (the values of a parameterised exercise's
    instance, for one)."""
    if working_dir is None:
        with tempfile.TemporaryDirectory() as scratch:
            return run_lab(lab, Path(scratch), timeout, environment)
    try:
        completed = subprocess.run(
            [sys.executable, str(lab.resolve())],
            cwd=working_dir,
            env={**os.environ, **(environment or {})},
            timeout=timeout,
            stdin=subprocess.DEVNULL,  # a lab that waits for input stops at the limit instead
            capture_output=True,
            encoding="utf-8",
            errors="replace",
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
