"""The bank cache: reused while files are unchanged, never trusted beyond that."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from helpers import FIXTURE_BANK, run_cli
from penpaper.bank import cache as bank_cache
from penpaper.bank import yaml_reading
from penpaper.bank.cache import BankCache
from penpaper.bank.files import Entry
from penpaper.bank.loading import Bank, load_bank

CHAIN_RULE = Path("calculus") / "chain-rule.yaml"
AN_HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def copy_of_fixture_bank(tmp_path: Path, name: str = "bank") -> Path:
    """The fixture bank's exercise files, last modified an hour ago (as a cloned bank's are,
    long before it is read: a file written just now is not cached, see ``TRUSTED_AGE_NS``)."""
    target = tmp_path / name
    for source in FIXTURE_BANK.rglob("*.yaml"):
        destination = target / source.relative_to(FIXTURE_BANK)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(source.read_bytes())
        os.utime(destination, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    return target


def stored(cache_folder: Path) -> dict[str, dict[str, object]]:
    """Each cached file's row: its stamp, summary and data, as the cache holds them."""
    with closing(sqlite3.connect(cache_folder / bank_cache.CACHE_FILE)) as connection:
        rows = connection.execute(
            "SELECT path, stamp, summary, data FROM files JOIN contents USING (path)"
        ).fetchall()
    return {
        path: {
            "stamp": stamp,
            "summary": None if summary is None else json.loads(summary),
            "data": json.loads(data),
        }
        for path, stamp, summary, data in rows
    }


def run_sql(cache_folder: Path, statement: str, *values: object) -> None:
    """Change the cache behind penpaper's back, as damage or a crafted file would."""
    connection = sqlite3.connect(cache_folder / bank_cache.CACHE_FILE)
    with closing(connection), connection:
        connection.execute(statement, values)


def overwrite(cache_folder: Path, path: str, column: str, value: object) -> None:
    table = "contents" if column == "data" else "files"
    run_sql(
        cache_folder, f"UPDATE {table} SET {column} = ? WHERE path = ?", json.dumps(value), path
    )


def reloaded_with(tmp_path: Path, file: Path, column: str, value: object) -> tuple[Bank, Path, str]:
    """The fixture bank loaded again after one cached row's ``column`` was overwritten:
    the bank, the cache folder and the row's key."""
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    load_bank([bank_path], BankCache(cache_folder))
    key = str((bank_path / file).resolve())
    overwrite(cache_folder, key, column, value)
    return load_bank([bank_path], BankCache(cache_folder)), cache_folder, key


def no_parsing(text: str) -> object:
    raise AssertionError("a cached file was parsed again")


def test_unchanged_files_are_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    first = load_bank([bank_path], BankCache(cache_folder))
    monkeypatch.setattr(yaml_reading, "read_yaml", no_parsing)
    second = load_bank([bank_path], BankCache(cache_folder))
    assert second.exercises == first.exercises
    assert second.topics == first.topics
    assert set(stored(cache_folder)) == {str(path.resolve()) for path in bank_path.rglob("*.yaml")}


def test_a_file_written_just_now_is_not_trusted_to_the_cache(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    (bank_path / CHAIN_RULE).write_bytes((bank_path / CHAIN_RULE).read_bytes())
    load_bank([bank_path], BankCache(cache_folder))
    assert str((bank_path / CHAIN_RULE).resolve()) not in stored(cache_folder)


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    load_bank([bank_path], BankCache(cache_folder))
    exercise_file = bank_path / CHAIN_RULE
    # Same size and modification time: the inode's change time still gives it away.
    text = exercise_file.read_text(encoding="utf-8")
    exercise_file.write_text(text.replace("warm-up", "warm-on"), encoding="utf-8")
    os.utime(exercise_file, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    reloaded = load_bank([bank_path], BankCache(cache_folder))
    assert reloaded.exercises["calculus/chain-rule"].title == "Chain rule warm-on"


def test_an_edit_during_the_parse_is_not_cached_as_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    exercise_file = bank_path / CHAIN_RULE
    parse = yaml_reading.read_yaml

    def parse_while_the_author_saves(text: str) -> object:
        if "Chain rule warm-up" in text:
            exercise_file.write_text(text.replace("warm-up", "edited"), encoding="utf-8")
            os.utime(exercise_file, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
        return parse(text)

    monkeypatch.setattr(yaml_reading, "read_yaml", parse_while_the_author_saves)
    during = load_bank([bank_path], BankCache(cache_folder))
    assert during.exercises["calculus/chain-rule"].title == "Chain rule warm-up"
    monkeypatch.setattr(yaml_reading, "read_yaml", parse)
    after = load_bank([bank_path], BankCache(cache_folder))
    assert after.exercises["calculus/chain-rule"].title == "Chain rule edited"


def test_relative_banks_in_two_folders_never_share_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same relative path, same size, same modification time, different question."""
    first = copy_of_fixture_bank(tmp_path, "first")
    second = copy_of_fixture_bank(tmp_path, "second")
    for bank_path, number in ((first, "7"), (second, "8")):
        exercise_file = bank_path / CHAIN_RULE
        text = exercise_file.read_text(encoding="utf-8")
        exercise_file.write_text(text.replace("exp(x²) for", f"exp({number}x) for"), "utf-8")
        os.utime(exercise_file, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    for bank_path, number in ((first, "7"), (second, "8"), (first, "7")):
        monkeypatch.chdir(bank_path)
        shown = run_cli("show", "calculus/chain-rule", bank=Path())  # --bank .
        assert shown.exit_code == 0, shown.output
        assert f"exp({number}x)" in shown.stdout


def test_a_listing_reads_the_index_and_show_reads_one_exercise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    load_bank([bank_path], BankCache(cache_folder))
    opened: list[str] = []
    read_data = BankCache.data

    def counted(cache: BankCache, entry: Entry) -> object | None:
        opened.append(entry.path.name)
        return read_data(cache, entry)

    monkeypatch.setattr(BankCache, "data", counted)
    monkeypatch.setattr(yaml_reading, "read_yaml", no_parsing)
    bank = load_bank([bank_path], BankCache(cache_folder))
    titles = {summary.id: summary.title for summary in bank.summaries()}
    assert titles["calculus/chain-rule"] == "Chain rule warm-up" and len(titles) == 3
    assert bank.topics["calculus"].title == "Calculus fixtures"
    assert opened == []
    assert bank.exercises["calculus/chain-rule"].parts[0].answer.type == "expression"
    assert opened == ["chain-rule.yaml"]


WELL_FORMED = {
    "title": "Crafted",
    "difficulty": 1,
    "parts": [["number", 1, True]],
    "tags": [],
    "parameterised": False,
}
CRAFTED_SUMMARIES = [
    "not a summary",
    {"title": "Crafted"},
    {key: value for key, value in WELL_FORMED.items() if key != "parameterised"},
    {**WELL_FORMED, "title": 5},
    {**WELL_FORMED, "title": "Crafted \x1b]52;c;cm0gLXJm\x07"},
    {**WELL_FORMED, "difficulty": 9},
    {**WELL_FORMED, "difficulty": True},
    {**WELL_FORMED, "parts": []},
    {**WELL_FORMED, "parts": [["essay", 1, True]]},
    {**WELL_FORMED, "parts": [["number", -1, True]]},
    {**WELL_FORMED, "parts": [["number", 1, 1]]},
    {**WELL_FORMED, "parts": [["number", 1]]},
    {**WELL_FORMED, "tags": [3]},
    {**WELL_FORMED, "tags": ["\u202e"]},
    {**WELL_FORMED, "parameterised": "yes"},
    [[[[[[[[[[]]]]]]]]]],
]


@pytest.mark.parametrize("summary", CRAFTED_SUMMARIES)
def test_a_crafted_summary_is_ignored_and_rewritten(tmp_path: Path, summary: object) -> None:
    bank, cache_folder, key = reloaded_with(tmp_path, CHAIN_RULE, "summary", summary)
    assert {s.id: s.title for s in bank.summaries()}["calculus/chain-rule"] == "Chain rule warm-up"
    assert bank.problems == []
    assert stored(cache_folder)[key]["summary"] == {
        "title": "Chain rule warm-up",
        "difficulty": 1,
        "parts": [["expression", 2, True]],
        "tags": ["derivative", "chain-rule"],
        "parameterised": False,
    }


@pytest.mark.parametrize(
    "summary",
    [
        None,
        {"title": "Crafted"},
        {"title": "Crafted\x1b[8m", "description": "", "order": 1, "prerequisites": []},
        {"title": "Crafted", "description": "", "order": "1", "prerequisites": []},
        {"title": "Crafted", "description": "", "order": 1, "prerequisites": [7]},
    ],
)
def test_a_crafted_topic_summary_is_ignored_and_rewritten(tmp_path: Path, summary: object) -> None:
    bank, cache_folder, key = reloaded_with(
        tmp_path, Path("calculus", "topic.yaml"), "summary", summary
    )
    assert bank.topics["calculus"].title == "Calculus fixtures" and bank.problems == []
    assert stored(cache_folder)[key]["summary"] == {
        "title": "Calculus fixtures",
        "description": "A tiny topic for the test-suite.",
        "order": 1,
        "prerequisites": [],
    }


@pytest.mark.parametrize(
    "data",
    [
        "not a record",
        None,
        {"title": "Crafted"},
        {"title": 5, "difficulty": "hard", "statement": [], "parts": "none"},
        {"title": "Crafted", "difficulty": 1, "statement": "s", "parts": [{}]},
        [[[[[[[[[[]]]]]]]]]],
    ],
)
def test_crafted_data_is_ignored_and_the_file_read(tmp_path: Path, data: object) -> None:
    bank, _, _ = reloaded_with(tmp_path, CHAIN_RULE, "data", data)
    assert bank.exercises["calculus/chain-rule"].title == "Chain rule warm-up"
    assert bank.problems == []


def test_crafted_text_in_the_cache_never_reaches_the_terminal(tmp_path: Path) -> None:
    bank_path = copy_of_fixture_bank(tmp_path)
    cache_folder = tmp_path / "home" / "cache"
    run_cli("--data-dir", str(tmp_path / "home"), "topics", bank=bank_path)
    key = str((bank_path / CHAIN_RULE).resolve())
    crafted = "Crafted \x1b]52;c;cm0gLXJm\x07"
    overwrite(
        cache_folder, key, "summary", {**stored(cache_folder)[key]["summary"], "title": crafted}
    )  # type: ignore[dict-item]
    overwrite(cache_folder, key, "data", {**stored(cache_folder)[key]["data"], "title": crafted})  # type: ignore[dict-item]
    for command in ("list", "topics", "show"):
        arguments = ("show", "calculus/chain-rule") if command == "show" else (command,)
        result = run_cli("--data-dir", str(tmp_path / "home"), *arguments, bank=bank_path)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "Crafted" not in result.stdout


def test_records_of_deleted_files_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    other = copy_of_fixture_bank(tmp_path, "other")
    load_bank([bank_path, other], BankCache(cache_folder))
    (bank_path / CHAIN_RULE).unlink()
    (other / CHAIN_RULE).unlink()
    checked: list[str] = []
    real_is_dir = Path.is_dir
    monkeypatch.setattr(Path, "is_dir", lambda path: checked.append(str(path)) or real_is_dir(path))
    load_bank([bank_path], BankCache(cache_folder))
    keys = set(stored(cache_folder))
    assert str((bank_path / CHAIN_RULE).resolve()) not in keys  # gone from the bank loaded
    assert str((other / CHAIN_RULE).resolve()) in keys  # ``other`` is not loaded: not looked at
    assert checked.count(str(other.resolve())) == 1  # beyond one look at its folder
    load_bank([other], BankCache(cache_folder))
    assert str((other / CHAIN_RULE).resolve()) not in set(stored(cache_folder))
    shutil.rmtree(other)
    load_bank([bank_path], BankCache(cache_folder))
    assert not any(key.startswith(str(other.resolve())) for key in stored(cache_folder))


@pytest.mark.parametrize("trouble", ["locked", "damaged"])
def test_a_cache_that_fails_in_the_middle_of_a_load_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    """Another penpaper locks the cache, or it turns out damaged, after one bank's rows
    were read and a changed file of it parsed: the load ends with every exercise."""
    first, second = copy_of_fixture_bank(tmp_path, "first"), copy_of_fixture_bank(tmp_path)
    for topic in ("calculus", "graphs"):  # other ids than the first bank's
        (second / topic).rename(second / f"{topic}-again")
    cache_folder = tmp_path / "cache"
    load_bank([first, second], BankCache(cache_folder))
    changed = first / CHAIN_RULE
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(changed, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    read_bank = BankCache.read_bank
    holders: list[sqlite3.Connection] = []

    def troubled_read(cache: BankCache, root: Path) -> None:
        if root == second.resolve():
            if trouble == "locked":
                holders.append(sqlite3.connect(cache_folder / bank_cache.CACHE_FILE))
                holders[-1].execute("BEGIN EXCLUSIVE")
            else:
                monkeypatch.setattr(cache, "_connection", DamagedConnection())
        read_bank(cache, root)

    monkeypatch.setattr(BankCache, "read_bank", troubled_read)
    bank = load_bank([first, second], BankCache(cache_folder))
    for holder in holders:
        holder.close()
    assert len(bank.exercises) == 6 and bank.problems == []


class DamagedConnection:
    """A connection whose every statement finds the file is not a database."""

    def execute(self, *arguments: object) -> sqlite3.Cursor:
        raise sqlite3.DatabaseError("file is not a database")

    def close(self) -> None:
        pass


def test_the_cache_belongs_to_the_data_folder_in_use(tmp_path: Path, isolated_home: Path) -> None:
    bank_path = copy_of_fixture_bank(tmp_path)
    for place in (("--data-dir", str(tmp_path / "elsewhere")), ()):
        assert run_cli(*place, "topics", bank=bank_path).exit_code == 0
    assert (tmp_path / "elsewhere" / "cache" / bank_cache.CACHE_FILE).is_file()
    assert (isolated_home / "cache" / bank_cache.CACHE_FILE).is_file()


def test_a_cache_that_cannot_be_written_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"

    def full_disk(*arguments: object, **keywords: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bank_cache.sqlite3, "connect", full_disk)
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert len(bank.exercises) == 3 and bank.problems == []
    assert bank.exercises["calculus/chain-rule"].title == "Chain rule warm-up"


@pytest.mark.parametrize("content", [b"{not a database", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    cache_folder.mkdir()
    (cache_folder / bank_cache.CACHE_FILE).write_bytes(content)
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert len(bank.exercises) == 3
    assert len(stored(cache_folder)) == 4


def test_broken_files_are_reported_every_time(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    (bank_path / "calculus" / "broken.yaml").write_text("title: [", encoding="utf-8")
    for _ in range(2):
        bank = load_bank([bank_path], BankCache(cache_folder))
        assert any("broken.yaml" in str(problem) for problem in bank.problems)


def test_a_cache_of_another_version_or_layout_is_emptied(tmp_path: Path) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    load_bank([bank_path], BankCache(cache_folder))
    chain_rule = str((bank_path / CHAIN_RULE).resolve())
    overwrite(
        cache_folder,
        chain_rule,
        "summary",
        {**stored(cache_folder)[chain_rule]["summary"], "title": "Old"},
    )  # type: ignore[dict-item]
    run_sql(cache_folder, "UPDATE about SET value = '0.0.0-old' WHERE key = 'version'")
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert bank.summaries()[0].title != "Old"
    assert {s.title for s in bank.summaries()} >= {"Chain rule warm-up"}
    assert stored(cache_folder)[chain_rule]["summary"]["title"] == "Chain rule warm-up"  # type: ignore[index]
    run_sql(cache_folder, "DROP TABLE about")
    run_sql(cache_folder, "CREATE TABLE about (other BLOB)")
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert bank.exercises["calculus/chain-rule"].title == "Chain rule warm-up"
    assert len(stored(cache_folder)) == 4


def test_a_cache_of_an_older_layout_is_replaced_and_then_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_path, cache_folder = copy_of_fixture_bank(tmp_path), tmp_path / "cache"
    cache_folder.mkdir()
    with closing(sqlite3.connect(cache_folder / bank_cache.CACHE_FILE)) as connection:
        connection.executescript(
            "CREATE TABLE files (path TEXT PRIMARY KEY, stamp TEXT, summary TEXT, data TEXT);"
            "CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO about VALUES ('format', '6');"
        )
    load_bank([bank_path], BankCache(cache_folder))
    monkeypatch.setattr(yaml_reading, "read_yaml", no_parsing)
    bank = load_bank([bank_path], BankCache(cache_folder))
    assert bank.exercises["calculus/chain-rule"].title == "Chain rule warm-up"


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (("show",), "Chain rule warm-up"),
        (("hint", "--part", "a"), "outer function"),
        (("solution", "--part", "a", "--give-up"), "SECRET-SOLUTION-CHAIN"),
        (("check", "--part", "a", "2 x e^(x^2)"), "correct"),
    ],
)
def test_a_command_on_one_exercise_reads_one_file_however_large_the_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], shows: str
) -> None:
    bank_path = copy_of_fixture_bank(tmp_path)
    (bank_path / "calculus" / "broken.yaml").write_text("title: [", encoding="utf-8")
    parsed: list[str] = []
    parse = yaml_reading.read_yaml

    def counted(text: str) -> object:
        parsed.append(text.splitlines()[0])
        return parse(text)

    monkeypatch.setattr(yaml_reading, "read_yaml", counted)
    name, *options = command
    done = run_cli(name, "calculus/chain-rule", *options, bank=bank_path)
    assert done.exit_code == 0 and shows in done.stdout, done.output
    assert parsed == ["title: Chain rule warm-up"]  # not the broken file, not the others
    assert "broken.yaml" not in done.output
    unknown = run_cli(name, "calculus/chain-rul", *options, bank=bank_path)  # all, to suggest
    assert unknown.exit_code != 0 and "calculus/chain-rule" in unknown.output
    assert "broken.yaml" in unknown.output


def test_show_takes_the_first_bank_that_has_the_exercise_and_stays_inside_it(
    tmp_path: Path,
) -> None:
    first, second = (
        copy_of_fixture_bank(tmp_path, "first"),
        copy_of_fixture_bank(tmp_path, "second"),
    )
    chain_rule = second / CHAIN_RULE
    chain_rule.write_text(
        chain_rule.read_text(encoding="utf-8").replace("warm-up", "from the second bank"), "utf-8"
    )
    arguments = ["--no-bundled-bank", "--bank", str(first), "--bank", str(second)]
    shown = run_cli(*arguments, "show", "calculus/chain-rule", bank=None)
    assert "Chain rule warm-up" in shown.stdout
    (first / CHAIN_RULE).unlink()
    shown = run_cli(*arguments, "show", "calculus/chain-rule", bank=None)
    assert "Chain rule from the second bank" in shown.stdout
    outside = tmp_path / "outside"
    (outside / "calculus").mkdir(parents=True)
    (outside / "calculus" / "sneaky.yaml").write_bytes((second / CHAIN_RULE).read_bytes())
    (first / "linked").symlink_to(outside / "calculus")
    refused = run_cli(*arguments, "show", "linked/sneaky", bank=None)
    assert refused.exit_code != 0 and "Unknown exercise" in refused.output
