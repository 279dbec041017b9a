"""A broken file is a problem of that file: reported once, by path and reason, never by its
contents; everything else still loads, and nothing hangs or crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import run_cli
from hostile_bank import BROKEN, GOOD_EXERCISE, SECRET, write_hostile_bank


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_hostile_bank(tmp_path / "hostile", tmp_path / "canary")


def failing_for(
    monkeypatch: pytest.MonkeyPatch, name: str, target: Path, error: OSError
) -> None:
    """Make ``os.<name>`` raise ``error`` for ``target`` only, as the OS would for a path
    the user may not read (these tests run as root, whom chmod does not stop)."""
    real: Callable[..., object] = getattr(os, name)

    def guarded(path: str | Path, *arguments: object, **options: object) -> object:
        if Path(path) == target:
            raise error
        return real(path, *arguments, **options)

    monkeypatch.setattr(os, name, guarded)


def test_each_broken_file_is_reported_once_and_the_rest_loads(hostile: Path) -> None:
    result = run_cli("list", "--json", bank=hostile)
    assert result.exit_code == 0, result.output
    assert {entry["id"] for entry in json.loads(result.stdout)} == {
        "broken/good",
        "tricks/escapes",
    }
    skipped = result.stderr.splitlines()
    for name, reason in BROKEN.items():
        lines = [line for line in skipped if f"broken/{name}" in line]
        assert len(lines) == 1, (name, skipped)
        assert reason in lines[0], (name, lines[0])
    assert len(skipped) == len(BROKEN)
    assert SECRET not in result.output and "PRIVATE KEY" not in result.output


def test_validate_reports_the_same_files_and_exits_1(hostile: Path) -> None:
    result = run_cli("validate", "--no-keys", str(hostile / "broken"), bank=None)
    assert result.exit_code == 1
    for name, reason in BROKEN.items():
        assert sum(f"broken/{name}" in line for line in result.stdout.splitlines()) == 1, name
        assert reason in result.stdout
    assert "1 exercise OK" in result.stdout
    assert "PRIVATE KEY" not in result.output


def test_read_only_commands_still_work_with_the_bundled_bank(hostile: Path) -> None:
    listing = run_cli("--bank", str(hostile), "list", "--json", bank=None)
    assert listing.exit_code == 0
    ids = {entry["id"] for entry in json.loads(listing.stdout)}
    assert "broken/good" in ids and "optimization/quadratic-step-size" in ids
    for command in (("topics",), ("show", "broken/good"), ("stats",)):
        result = run_cli("--bank", str(hostile), *command, bank=None)
        assert result.exit_code == 0, (command, result.output)
        assert "PRIVATE KEY" not in result.output


@pytest.mark.parametrize("command", [["list", "--json"], ["validate", "--no-keys"], ["topics"]])
def test_a_fifo_and_a_link_to_dev_zero_never_hang_a_command(
    hostile: Path, command: list[str]
) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "penpaper", "--no-bundled-bank", "--bank", str(hostile), *command],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    assert "broken/fifo.yaml" in completed.stdout + completed.stderr
    assert "broken/zero.yaml" in completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr and "PRIVATE KEY" not in completed.stdout


def test_an_unreadable_topic_folder_is_reported_and_skipped(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_for(monkeypatch, "scandir", hostile / "broken", PermissionError(13, "denied"))
    result = run_cli("list", "--json", bank=hostile)
    assert result.exit_code == 0
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["tricks/escapes"]
    assert "broken: cannot list the folder: permission denied" in result.stderr


def test_an_unreadable_bank_folder_leaves_the_other_banks(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_for(monkeypatch, "scandir", hostile.resolve(), PermissionError(13, "denied"))
    result = run_cli("--bank", str(hostile), "list", "--json", bank=None)
    assert result.exit_code == 0
    assert "cannot list the folder: permission denied" in result.stderr
    assert len(json.loads(result.stdout)) > 100  # the bundled bank


def test_an_unreadable_file_is_reported(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = hostile / "broken" / "good.yaml"
    failing_for(monkeypatch, "open", good.resolve(), PermissionError(13, "denied"))
    result = run_cli("list", bank=hostile)
    assert result.exit_code == 0
    assert "broken/good.yaml: cannot be read: permission denied" in result.stderr
    assert "tricks/escapes" in result.stdout


def test_a_file_that_vanishes_after_listing_is_reported(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = (hostile / "broken" / "good.yaml").resolve()
    real_open = os.open

    def vanishing(path: str, *arguments: int) -> int:
        if Path(path) == good:
            good.unlink()  # gone after it was listed, before it is opened
        return real_open(path, *arguments)

    monkeypatch.setattr(os, "open", vanishing)
    result = run_cli("list", bank=hostile)
    assert result.exit_code == 0
    assert "broken/good.yaml: disappeared before it could be read" in result.stderr


def test_text_that_is_not_utf8_and_odd_entries(tmp_path: Path) -> None:
    topic = tmp_path / "odd"
    topic.mkdir()
    (topic / "latin.yaml").write_bytes(b"title: caf\xe9\n")
    (topic / "folder.yaml").mkdir()
    (topic / "fine.yaml").write_text(GOOD_EXERCISE, encoding="utf-8")
    (topic / "fine.py").symlink_to("/etc/hostname")
    (tmp_path / "outside").symlink_to(tmp_path.parent)
    result = run_cli("list", "--json", bank=tmp_path)
    assert result.exit_code == 0
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["odd/fine"]
    assert json.loads(result.stdout)[0]["has_lab"] is False
    assert "odd/latin.yaml: is not UTF-8 text (byte 10)" in result.stderr
    assert "odd/folder.yaml: is not a regular file" in result.stderr
    assert "odd/fine.py: is a link out of the bank folder: not followed" in result.stderr
    assert "outside: is a link out of the bank folder" in result.stderr


def test_links_inside_the_bank_are_followed(tmp_path: Path) -> None:
    topic = tmp_path / "bank" / "shared"
    topic.mkdir(parents=True)
    (topic / "fine.yaml").write_text(GOOD_EXERCISE, encoding="utf-8")
    (topic / "alias.yaml").symlink_to("fine.yaml")
    (tmp_path / "bank" / "mirror").symlink_to("shared")
    result = run_cli("list", "--json", bank=tmp_path / "bank")
    assert result.exit_code == 0, result.output
    assert {entry["id"] for entry in json.loads(result.stdout)} == {
        "mirror/alias",
        "mirror/fine",
        "shared/alias",
        "shared/fine",
    }


def test_a_bank_that_is_a_link_loop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    result = run_cli("topics", bank=tmp_path / "loop")
    assert result.exit_code == 0
    assert "loop: bank folder cannot be used: is a link that loops" in result.stderr


def test_validate_of_a_fifo_named_on_the_command_line_does_not_open_it(hostile: Path) -> None:
    result = run_cli("validate", "--no-keys", str(hostile / "broken" / "fifo.yaml"), bank=None)
    assert result.exit_code == 1
    assert "fifo.yaml: is not a regular file (a folder, FIFO or device): skipped" in result.stdout
