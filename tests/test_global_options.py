"""`--bank`, `--no-bundled-bank` and `--data-dir` work before or after the command's name."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_BANK, run_cli
from penpaper.cli.app import global_options_first

FIXTURE_IDS = {"calculus/chain-rule", "calculus/quadratic-gradient", "graphs/pick-parents"}
TAKES_VALUE = {"--bank": True, "--data-dir": True, "--no-bundled-bank": False}


def listed_ids(*arguments: str) -> set[str]:
    result = run_cli(*arguments, bank=None)
    assert result.exit_code == 0, result.output
    return {entry["id"] for entry in json.loads(result.stdout)}


@pytest.mark.parametrize(
    "arguments",
    [
        ("--no-bundled-bank", "--bank", str(FIXTURE_BANK), "list", "--json"),
        ("list", "--json", "--no-bundled-bank", "--bank", str(FIXTURE_BANK)),
        ("list", "--no-bundled-bank", "--json", f"--bank={FIXTURE_BANK}"),
        ("--no-bundled-bank", "list", "--bank", str(FIXTURE_BANK), "--json"),
    ],
)
def test_bank_options_anywhere(arguments: tuple[str, ...]) -> None:
    assert listed_ids(*arguments) == FIXTURE_IDS


def test_data_dir_after_the_command(tmp_path: Path) -> None:
    result = run_cli("stats", "--data-dir", str(tmp_path / "elsewhere"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / "progress.sqlite3").is_file()


def test_a_lab_with_a_relative_bank_given_after_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURE_BANK.parent)
    relative = ("--no-bundled-bank", "--bank", FIXTURE_BANK.name)
    gave_up = run_cli("solution", "calculus/chain-rule", "--give-up", *relative, bank=None)
    assert gave_up.exit_code == 0, gave_up.output
    ran = run_cli("lab", "calculus/chain-rule", *relative, "--trust", bank=None)
    assert ran.exit_code == 0, ran.output
    assert "finite difference" in ran.stdout


@pytest.mark.parametrize(
    ("given", "parsed"),
    [
        (["stats", "--data-dir", "d"], ["--data-dir", "d", "stats"]),
        (["--bank", "a", "list", "--bank=b", "x"], ["--bank=b", "--bank", "a", "list", "x"]),
        (["check", "id", "--", "--bank"], ["check", "id", "--", "--bank"]),
        (["--bank", "list", "topics"], ["--bank", "list", "topics"]),  # "list" is the folder
        (["topics", "--no-bundled-bank", "--help"], ["--no-bundled-bank", "topics", "--help"]),
    ],
)
def test_global_options_are_moved_before_the_command(given: list[str], parsed: list[str]) -> None:
    assert global_options_first(given, TAKES_VALUE) == parsed


COMMANDS = [
    "topics",
    "roadmap",
    "list",
    "show",
    "validate",
    "drill",
    "review",
    "check",
    "hint",
    "solution",
    "lab",
    "stats",
    "undo",
    "export",
    "config",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_and_help_are_in_plain_words(command: str) -> None:
    """No type names (``<str>``, ``<int range>``, ``list[Path]``), no ``{ID}``, no ``x>=1``."""
    shown = run_cli(command, "--help", columns="100").stdout
    for leaked in ("<str>", "<int", "<path>", "list[", "x>=", "<=x", "range]"):
        assert leaked not in shown, (command, leaked)
    assert re.search(r"\{[A-Z_]+\}", shown) is None, command


def test_a_missing_argument_and_an_out_of_range_number_are_said_plainly() -> None:
    missing = run_cli("show")
    assert missing.exit_code == 2 and "Usage: penpaper show [OPTIONS] ID\n" in missing.output
    assert "Missing argument 'ID'" in missing.output
    out_of_range = run_cli("list", "--difficulty", "7")
    assert out_of_range.exit_code == 2 and "7 is not 1 to 5." in out_of_range.output
    too_few = run_cli("drill", "calculus", "-n", "0")
    assert too_few.exit_code == 2 and "0 is not at least 1." in too_few.output


def test_the_command_collects_garbage_after_start_up_paused_it(tmp_path: Path) -> None:
    """`penpaper` pauses garbage collection while it starts (a speed-up); the command's own
    work, a drill of an hour say, must run with it on again, and start-up frozen."""
    on_exit = "print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)"
    script = (
        f"import atexit, gc, sys; atexit.register(lambda: {on_exit}); "
        "from penpaper.__main__ import main; main()"
    )
    arguments = [
        "--no-bundled-bank",
        "--bank",
        str(FIXTURE_BANK),
        "--data-dir",
        str(tmp_path),
        "topics",
    ]
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Calculus" in result.stdout
    assert result.stderr.split() == ["True", "True"]


def test_a_command_run_in_process_leaves_the_callers_collection_alone() -> None:
    """Only the pause `penpaper` itself made is ended: a program that turned collection
    off (timeit does) and runs a command in-process finds it still off, nothing frozen."""
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        assert run_cli("topics").exit_code == 0
        assert not gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.enable()
