"""The bank cache: reused while files are unchanged, never trusted beyond that."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import FIXTURE_BANK
from penpaper.bank import cache as bank_cache
from penpaper.bank import yaml_reading
from penpaper.bank.cache import BankCache
from penpaper.bank.loading import load_bank


def copy_of_fixture_bank(tmp_path: Path) -> Path:
    target = tmp_path / "bank"
    for source in FIXTURE_BANK.rglob("*.yaml"):
        destination = target / source.relative_to(FIXTURE_BANK)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(source.read_bytes())
    return target


def test_unchanged_files_are_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    first = load_bank([bank_path], BankCache(cache_folder))

    def no_parsing(text: str) -> object:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(yaml_reading, "read_yaml", no_parsing)
    second = load_bank([bank_path], BankCache(cache_folder))
    assert second.exercises == first.exercises
    assert second.topics == first.topics


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    load_bank([bank_path], BankCache(cache_folder))
    exercise_file = bank_path / "calculus" / "chain-rule.yaml"
    exercise_file.write_text(
        exercise_file.read_text(encoding="utf-8").replace("Chain rule warm-up", "Renamed"),
        encoding="utf-8",
    )
    status = exercise_file.stat()
    os.utime(exercise_file, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    reloaded = load_bank([bank_path], BankCache(cache_folder))
    assert reloaded.exercises["calculus/chain-rule"].title == "Renamed"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    cache_folder.mkdir()
    (cache_folder / bank_cache.CACHE_FILE).write_text("{not json", encoding="utf-8")
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert len(bank.exercises) == 3
    assert (cache_folder / bank_cache.CACHE_FILE).read_text(encoding="utf-8").startswith("{")


def test_broken_files_are_reported_every_time(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    (bank_path / "calculus" / "broken.yaml").write_text("title: [", encoding="utf-8")
    for _ in range(2):
        bank = load_bank([bank_path], BankCache(cache_folder))
        assert any("broken.yaml" in str(problem) for problem in bank.problems)


def test_a_cache_of_another_layout_is_ignored(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    cache_folder.mkdir()
    chain_rule = str(bank_path / "calculus" / "chain-rule.yaml")
    for stored in (
        {"version": "0.1.0", "files": {chain_rule: [[1, 2], {}, []]}},
        {"version": "0.1.0", "format": bank_cache.FORMAT, "files": {chain_rule: [1, 2]}},
    ):
        (cache_folder / bank_cache.CACHE_FILE).write_text(json.dumps(stored), encoding="utf-8")
        bank = load_bank([bank_path], BankCache(cache_folder))
        assert bank.exercises["calculus/chain-rule"].title == "Chain rule warm-up"
