"""Labs are code: a stranger's runs only with consent, is shown as it runs, and runs in its
bank folder with a time limit and its output made safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURE_BANK, run_cli
from hostile_bank import assert_nothing_forbidden, write_hostile_bank
from penpaper import labs
from penpaper.bank import loading

EXERCISE = "tricks/escapes"


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    return tmp_path / "canary"


@pytest.fixture
def hostile(tmp_path: Path, canary: Path) -> Path:
    bank = write_hostile_bank(tmp_path / "hostile", canary)
    # Giving up is an attempt, as any wrong answer is: the only gate there was before trust.
    for part in ("1", "2"):
        assert run_cli("solution", EXERCISE, "--part", part, "--give-up", bank=bank).exit_code == 0
    return bank


def test_a_lab_from_another_bank_does_not_run_until_trusted(hostile: Path, canary: Path) -> None:
    result = run_cli("lab", EXERCISE, bank=hostile)
    assert result.exit_code == 1
    assert not canary.exists()
    message = " ".join(result.stderr.split())  # rich may wrap the line
    assert f"is code from {hostile.resolve()}, a bank that is not trusted" in message
    assert f"penpaper lab {EXERCISE} --trust" in message
    assert f"penpaper config trusted_banks add {hostile.resolve()}" in message


def test_trust_once_runs_the_lab_in_its_bank_folder_with_safe_output(
    hostile: Path, canary: Path
) -> None:
    result = run_cli("lab", EXERCISE, "--trust", bank=hostile)
    assert result.exit_code == 0, result.output
    assert canary.read_text(encoding="utf-8") == "written"
    assert f"working folder: {hostile.resolve()}" in result.stdout
    assert r"a title \x1b]0;pwned\x07 and a bell \x07 from the lab" in result.stdout
    assert_nothing_forbidden(result.stdout, result.stderr)
    canary.unlink()
    assert run_cli("lab", EXERCISE, bank=hostile).exit_code == 1  # once means once
    assert not canary.exists()


def test_a_trusted_folder_is_kept_resolved_and_listed(
    hostile: Path, canary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile / "tricks")
    added = run_cli("config", "trusted_banks", "add", "..", bank=hostile)
    assert added.exit_code == 0, added.output
    assert added.stdout.strip() == f"trusted_banks = {hostile.resolve()}"
    assert str(hostile.resolve()) in run_cli("config", bank=hostile).stdout
    assert run_cli("lab", EXERCISE, bank=hostile).exit_code == 0
    assert canary.exists()
    canary.unlink()
    removed = run_cli("config", "trusted_banks", "remove", str(hostile), bank=hostile)
    assert removed.stdout.strip() == "trusted_banks = none"
    assert run_cli("lab", EXERCISE, bank=hostile).exit_code == 1
    assert not canary.exists()


def test_trusting_what_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    refused = run_cli("config", "trusted_banks", "add", str(tmp_path / "nowhere"))
    assert refused.exit_code == 1
    assert "is not a folder" in refused.stderr
    assert run_cli("config", "trusted_banks", "add").exit_code == 2
    assert run_cli("config", "trusted_banks", "forget", str(tmp_path)).exit_code == 2


def test_show_escapes_what_would_hide_a_line(hostile: Path, canary: Path) -> None:
    result = run_cli("lab", EXERCISE, "--show", bank=hostile)
    assert result.exit_code == 0, result.output
    assert_nothing_forbidden(result.stdout, result.stderr)
    assert r'# \x1b[8m the next line is not what it seems \x1b[0m' in result.stdout
    shown = "".join(result.stdout.split())  # long lines wrap at the terminal's width
    assert r'.write_text("written")\x0d#print("alliswell")' in shown
    assert not canary.exists()


def test_show_wraps_a_long_line_instead_of_cutting_it(hostile: Path) -> None:
    (hostile / "tricks" / "escapes.py").write_text(
        "print('harmless')" + " " * 300 + "; print('the rest of the line')\n", encoding="utf-8"
    )
    result = run_cli("lab", EXERCISE, "--show", bank=hostile)
    assert "print('the rest of the line')" in result.stdout


def test_a_lab_declaring_another_encoding_is_neither_shown_nor_run(
    hostile: Path, canary: Path
) -> None:
    lab = hostile / "tricks" / "escapes.py"
    lab.write_bytes(b"# -*- coding: utf-7 -*-\n" + lab.read_bytes())
    for options in (("--show",), ("--trust",)):
        result = run_cli("lab", EXERCISE, *options, bank=hostile)
        assert result.exit_code == 1
        assert "declares an encoding other than UTF-8" in result.stderr
    assert not canary.exists()


def test_a_lab_with_a_relative_bank_runs(
    hostile: Path, canary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile.parent)
    result = run_cli("lab", EXERCISE, "--trust", bank=Path(hostile.name))
    assert result.exit_code == 0, result.output
    assert f"working folder: {hostile.resolve()}" in result.stdout
    assert canary.exists()


def test_a_lab_that_runs_too_long_is_stopped(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (hostile / "tricks" / "escapes.py").write_text(
        "import time\nprint('started', flush=True)\ntime.sleep(60)\n", encoding="utf-8"
    )
    monkeypatch.setattr(labs, "LAB_TIMEOUT_SECONDS", 1)
    result = run_cli("lab", EXERCISE, "--trust", bank=hostile)
    assert result.exit_code == 1
    assert "The lab ran for over 1 s and was stopped." in result.stderr


def test_labs_of_the_bundled_bank_run_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fixture bank stands in for the bundled one: its lab is quick and needs no numpy.
    monkeypatch.setattr(loading, "bundled_bank_path", lambda: FIXTURE_BANK)
    assert run_cli("solution", "calculus/chain-rule", "--give-up").exit_code == 0
    result = run_cli("lab", "calculus/chain-rule")
    assert result.exit_code == 0, result.output
    assert "finite difference" in result.stdout


def test_a_stored_list_of_the_wrong_kind_trusts_nothing(isolated_home: Path) -> None:
    from penpaper.progress.store import Store

    with Store.open() as store, store.transaction():
        store.execute("INSERT INTO settings (key, value) VALUES ('trusted_banks', '[1, null]')")
    with Store.open() as store:
        assert store.settings().trusted_banks == ()


def test_a_lab_replaced_by_a_link_out_of_the_bank_is_neither_shown_nor_run(
    hostile: Path, canary: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.py"
    elsewhere.write_text(f"open({str(canary)!r}, 'w').write('SECRET')\n", encoding="utf-8")
    lab = hostile / "tricks" / "escapes.py"
    lab.unlink()
    lab.symlink_to(elsewhere)
    for options in (("--show",), ("--trust",)):
        result = run_cli("lab", EXERCISE, *options, bank=hostile)
        assert result.exit_code == 2  # the exercise has no usable lab
        assert "SECRET" not in result.output
        assert "escapes.py: is a link out of the bank folder: not followed" in result.stderr
    assert not canary.exists()
