"""Every command on a stranger's hostile bank, next to the bundled one: at worst it shows
wrong maths. No escape reaches the terminal, no lab runs without consent, no file outside
the bank leaks, each broken file is reported once, and the bundled bank still loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import run_cli
from hostile_bank import BROKEN, GOOD_EXERCISE, SECRET, assert_nothing_forbidden, write_hostile_bank

NOW = "2026-03-02T10:00:00+00:00"
EXERCISE = "tricks/escapes"
COMMANDS: list[tuple[tuple[str, ...], str | None]] = [
    (("topics",), None),
    (("list",), None),
    (("list", "--json"), None),
    (("show", EXERCISE), None),
    (("show", "broken/good"), None),
    (("hint", EXERCISE, "--part", "1"), None),
    (("hint", EXERCISE, "--part", "1"), None),
    (("check", EXERCISE, "--part", "1", "3"), None),
    (("solution", EXERCISE, "--part", "1"), None),
    (("drill", "tricks"), "3\n\na\n"),
    (("lab", EXERCISE), None),
    (("lab", EXERCISE, "--show"), None),
    (("stats",), None),
    (("stats", "tricks"), None),
    (("review",), None),
    (("validate", "--no-keys"), None),
]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bank = write_hostile_bank(tmp_path / "hostile", tmp_path / "canary")
    locked = bank / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text(GOOD_EXERCISE, encoding="utf-8")
    real_scandir = os.scandir

    def unreadable_locked(path: str | Path = ".") -> object:
        if Path(path) == locked.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", unreadable_locked)
    return bank


def test_every_command_on_a_hostile_bank(hostile: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    for command, typed in COMMANDS:
        result = run_cli("--bank", str(hostile), *command, bank=None, input=typed, now=NOW)
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert_nothing_forbidden(result.stdout, result.stderr)
        assert SECRET not in result.output and "PRIVATE KEY" not in result.output, command
        assert not canary.exists(), command
        if command[0] in ("show", "hint", "check", "solution"):
            continue  # each reads its one file: the others' problems are not its to report
        reports = result.stdout if command[0] == "validate" else result.stderr
        for name in [*BROKEN, "locked: cannot list the folder"]:
            assert reports.count(f"/{name}") == 1, (command, name, reports)
    hostile_too = ("--bank", str(hostile))
    topics = run_cli(*hostile_too, "topics", bank=None)
    assert "optimization" in topics.stdout and "tricks" in topics.stdout  # the bundled bank
    for part in ("1", "2"):  # attempted for certain, whatever the checker made of the drill
        run_cli(*hostile_too, "solution", EXERCISE, "--part", part, "--give-up", bank=None)
    refused = run_cli(*hostile_too, "lab", EXERCISE, bank=None)
    assert refused.exit_code == 1 and "--trust" in refused.stderr
    trusted = run_cli(*hostile_too, "lab", EXERCISE, "--trust", bank=None)
    assert trusted.exit_code == 0, trusted.output
    assert canary.exists()  # the canary works: it is written only with consent
