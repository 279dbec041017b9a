"""A record the learner can trust: one review a day, undo, export, honest help and errors.

Everything through the CLI on the fixture bank, in a temporary data folder;
the store is read back to check what was really written.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import run_cli
from penpaper.paths import database_path
from penpaper.progress import database as database_module
from penpaper.progress.export import EXPORT_FIELDS
from penpaper.progress.records import TryVerdict
from penpaper.progress.store import Store

DAY_1 = "2026-03-02T10:00:00+00:00"
DAY_1_LATER = "2026-03-02T10:01:00+00:00"
DAY_2 = "2026-03-03T10:00:00+00:00"
DAY_6 = "2026-03-07T10:00:00+00:00"
CHAIN = "calculus/chain-rule"  # one part, key 2 x exp(x^2)
RIGHT, WRONG = "2 x exp(x^2)", "exp(x^2)"
V1_FILE = Path(__file__).parent / "fixtures" / "progress" / "written-by-0.1.0-schema-1.sqlite3"


def store() -> Store:
    return Store.open(database_path())


def test_repeated_checks_on_one_day_cost_one_review() -> None:
    for _ in range(3):
        assert run_cli("check", CHAIN, WRONG, now=DAY_1).exit_code == 1
    last = run_cli("check", CHAIN, RIGHT, now=DAY_1_LATER)
    assert last.exit_code == 0
    assert "Practice: this exercise was already reviewed today" in last.stdout
    with store() as progress:
        [review] = progress.attempts()
        card = progress.card(CHAIN)
        tries = progress.tries()
    assert [t.practice for t in tries] == [False, True, True, True]  # every try is kept
    assert review.attempt.parts[0].answer == WRONG
    assert card is not None and (card.reviews, card.lapses) == (1, 0)


def test_undo_restores_the_card_and_the_ratings_exactly() -> None:
    """Fuzzing stays on: a replay could land elsewhere, the restored card may not."""
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    with store() as progress:
        card_before = progress.card(CHAIN)
        ratings_before = progress.learner_ratings()
    run_cli("check", CHAIN, WRONG, now=DAY_6)
    with store() as progress:
        assert progress.card(CHAIN) != card_before

    undone = run_cli("undo", now=DAY_6)
    assert undone.exit_code == 0, undone.output
    assert f"Undid '{WRONG}' (incorrect) for {CHAIN}" in undone.stdout
    assert "Its review (not yet known) is removed too" in undone.stdout
    with store() as progress:
        assert progress.card(CHAIN) == card_before
        assert progress.learner_ratings() == ratings_before
        assert len(progress.attempts()) == 1

    run_cli("undo", now=DAY_6)
    with store() as progress:
        assert progress.card(CHAIN) is None  # new again, its first game taken back too
        assert progress.learner_ratings() == {}
        assert progress.exercise_ratings() == {}
    nothing = run_cli("undo", now=DAY_6)
    assert nothing.exit_code == 1
    assert "Nothing to undo" in nothing.stderr


def test_an_undone_part_of_an_open_exercise_is_simply_gone() -> None:
    run_cli("check", "graphs/pick-parents", "--part", "1", "a", now=DAY_1)
    assert "Undid 'a' (incorrect)" in run_cli("undo", now=DAY_1).stdout
    with store() as progress:
        assert progress.tries() == []
        assert progress.attempts() == []


def test_export_gives_every_try_in_order_in_both_formats(tmp_path: Path) -> None:
    run_cli("drill", "graphs", "--id", "graphs/pick-parents", input="a\noverride\nyes\n", now=DAY_1)
    run_cli("hint", CHAIN, now=DAY_1)
    run_cli("check", CHAIN, WRONG, now=DAY_2)
    run_cli("solution", "graphs/pick-parents", "--part", "2", "--give-up", now=DAY_2)

    jsonl = run_cli("export", now=DAY_2)
    assert jsonl.exit_code == 0, jsonl.output
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [tuple(row) for row in rows] == [EXPORT_FIELDS] * 4
    assert [(r["exercise"], r["part"], r["verdict"]) for r in rows] == [
        ("graphs/pick-parents", "a", "correct"),
        ("graphs/pick-parents", "b", "correct"),
        (CHAIN, "a", "incorrect"),
        ("graphs/pick-parents", "b", "gave-up"),
    ]
    assert [r["overridden"] for r in rows] == [True, False, False, False]
    assert [r["rating"] for r in rows] == [None, "good", "again", None]  # the try that made it
    assert rows[2]["hints"] == 1 and rows[0]["time"] == DAY_1
    assert all(isinstance(r["seconds"], float) for r in rows[:2]) and rows[2]["seconds"] is None
    assert [r["seed"] for r in rows] == [None] * 4

    file = tmp_path / "log.csv"
    written = run_cli("export", "--format", "csv", "--output", str(file), now=DAY_2)
    assert "4 tries written" in written.stdout
    from_csv = list(csv.DictReader(io.StringIO(file.read_text(encoding="utf-8"))))
    assert [tuple(row) for row in from_csv] == [EXPORT_FIELDS] * 4
    for read, original in zip(from_csv, rows, strict=True):
        assert read == {key: _csv_text(value) for key, value in original.items()}


def _csv_text(value: object) -> str:
    return "" if value is None else str(value)


def test_a_solution_reread_on_the_day_is_free_and_on_a_later_day_is_help() -> None:
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    same_day = run_cli("solution", CHAIN, now=DAY_1_LATER)
    assert "counts as help" not in same_day.stdout
    later = run_cli("solution", CHAIN, now=DAY_6)
    assert "This counts as help at your next review of this part" in later.stdout
    assert later.stdout.index("counts as help") < later.stdout.index("SECRET-SOLUTION-CHAIN")
    run_cli("check", CHAIN, RIGHT, now=DAY_6)
    with store() as progress:
        first, second = progress.attempts()
    assert not first.attempt.parts[0].solution_seen
    assert second.attempt.parts[0].solution_seen  # read before answering again: help


def test_a_hint_after_answering_today_is_not_counted() -> None:
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    assert (
        "Not counted: you already answered this part today"
        in run_cli("hint", CHAIN, now=DAY_1_LATER).stdout
    )
    with store() as progress:
        assert progress.help_taken(CHAIN).events == ()


def test_a_read_only_progress_file_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod does not stop writes: open the file read-only at SQLite's level."""
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    connect = sqlite3.connect

    def read_only(path: object, **options: object) -> sqlite3.Connection:
        return connect(f"file:{path}?mode=ro", uri=True, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(database_module.sqlite3, "connect", read_only)
    result = run_cli("check", CHAIN, WRONG, now=DAY_2)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"cannot save progress to {database_path()}: attempt to write a readonly database"
    )
    assert "incorrect" not in result.stdout  # no verdict that is not on disk
    for reading in (["stats"], ["topics"], ["roadmap"], []):  # still show what is saved
        shown = run_cli(*reading, now=DAY_2)
        assert shown.exit_code == 0, (reading, shown.output)


def test_a_full_disk_is_said_plainly_and_nothing_half_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite's own "disk is full": the file may not grow past its size when opened."""
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    real_open = database_module.Database.open.__func__  # type: ignore[attr-defined]

    def full(cls: type[database_module.Database], path: Path) -> database_module.Database:
        opened = real_open(cls, path)
        opened.execute(f"PRAGMA max_page_count = {opened.scalar('PRAGMA page_count')}")
        return opened

    monkeypatch.setattr(database_module.Database, "open", classmethod(full))
    long_wrong_answer = WRONG + " " * 1900  # kept as typed: a page fills in a few tries
    saved = 0
    result = run_cli("check", CHAIN, long_wrong_answer, now=DAY_2)
    while "cannot save" not in result.stderr and saved < 60:
        assert result.exit_code == 1, result.output
        saved += 1
        result = run_cli("check", CHAIN, long_wrong_answer, now=DAY_2)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"cannot save progress to {database_path()}: database or disk is full"
    )
    assert "incorrect" not in result.stdout  # no verdict that is not on disk
    monkeypatch.setattr(database_module.Database, "open", classmethod(real_open))
    with store() as progress:
        assert len(progress.tries()) == 1 + saved  # everything before the full disk is there


def test_out_of_range_settings_are_refused_naming_the_range() -> None:
    huge = run_cli("config", "quick_seconds_per_part", "99999999999999999999")
    assert huge.exit_code == 1
    assert "quick_seconds_per_part must be between 1 and 3600" in huge.stderr
    assert "between 0 and 1000" in run_cli("config", "new_per_day", str(10**30)).stderr
    assert "0.7–0.99" in run_cli("config").stdout  # ranges are listed
    assert run_cli("check", CHAIN, RIGHT, now=DAY_1).exit_code == 0


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-05:00"])
def test_a_penpaper_now_outside_1970_to_9999_is_a_clear_error(moment: str) -> None:
    result = run_cli("stats", now=moment)
    assert result.exit_code == 2
    assert "between the years 1970 and 9999" in result.stderr


def test_one_odd_stored_timestamp_never_breaks_stats() -> None:
    run_cli("check", CHAIN, RIGHT, now=DAY_1)
    run_cli("check", "graphs/pick-parents", "--part", "1", "b", now=DAY_1)
    connection = sqlite3.connect(database_path())
    with connection:
        connection.execute("UPDATE attempts SET finished_at = 'yesterday-ish'")
        connection.execute("UPDATE tries SET at = 'soon' WHERE part = 1 AND verdict = 'correct'")
        connection.execute("UPDATE cards SET due = 'someday'")
    connection.close()
    for command in (["stats"], ["stats", "calculus"], ["export"], ["review"]):
        result = run_cli(*command, now=DAY_2)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output


def test_a_progress_file_from_the_previous_release_is_carried_forward(tmp_path: Path) -> None:
    home = database_path().parent
    home.mkdir(parents=True)
    shutil.copy(V1_FILE, database_path())
    exported = run_cli("export", now=DAY_6)
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [(r["exercise"], r["part"], r["verdict"]) for r in rows] == [
        (CHAIN, "a", "correct"),
        ("graphs/pick-parents", "a", "incorrect"),
        ("graphs/pick-parents", "b", "correct"),
        (CHAIN, "a", "incorrect"),
    ]
    assert [r["rating"] for r in rows] == ["good", None, "hard", "again"]
    assert run_cli("config", "new_per_day").stdout.strip() == "new_per_day = 7"
    assert run_cli("stats", now=DAY_6).exit_code == 0
    # A review written before reviews kept their card is undone by replaying the log.
    assert "removed too" in run_cli("undo", now=DAY_6).stdout
    with store() as progress:
        card = progress.card(CHAIN)
        assert card is not None and card.reviews == 1
        assert [t.tried.verdict for t in progress.tries()][-1] is TryVerdict.CORRECT
