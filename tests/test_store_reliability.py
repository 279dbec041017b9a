"""Nothing is ever lost: concurrent processes, a SIGKILL, old and new schemas, foreign files."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from penpaper.bank.model import Exercise
from penpaper.progress import database as database_module
from penpaper.progress.database import NewerSchemaError, NotADatabaseError, StoreError
from penpaper.progress.migrations import MIGRATIONS
from penpaper.progress.records import Attempt, Outcome, PartResult
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.scheduling.recording import record_attempt

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
# Real processes, started fresh: nothing inherited from the test process but arguments.
SPAWN = multiprocessing.get_context("spawn")
pytestmark = pytest.mark.slow


def _attempt(exercise: Exercise, at: datetime) -> Attempt:
    return Attempt(exercise.id, at - timedelta(minutes=5), at, (PartResult(1, Outcome.CORRECT),))


def record_many(
    path: Path, exercises: list[Exercise], count: int, start: Barrier, report: Connection
) -> None:
    """Child process: record ``count`` attempts, reporting each log id once committed."""
    with Store.open(path) as store:
        start.wait()  # every child is ready before any records: they really overlap
        for number in range(count):
            exercise = exercises[number % len(exercises)]
            recorded = record_attempt(
                store, exercise, _attempt(exercise, T0 + number * timedelta(hours=1))
            )
            report.send(recorded.logged.id)
    report.close()


def start_recorder(
    path: Path, exercises: list[Exercise], count: int, start: Barrier
) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    receiver, sender = SPAWN.Pipe(duplex=False)
    process = SPAWN.Process(target=record_many, args=(path, exercises, count, start, sender))
    process.start()
    sender.close()
    return process, receiver


def received(receiver: Connection) -> list[int]:
    ids = []
    try:
        while True:
            ids.append(receiver.recv())
    except EOFError:
        return ids


def test_two_processes_recording_at_once_lose_nothing(
    progress_store: Store, make_exercise: Callable[..., Exercise]
) -> None:
    exercises = [make_exercise(f"a/e{number}") for number in range(5)]
    start = SPAWN.Barrier(2)
    children = [start_recorder(progress_store.path, exercises, 30, start) for _ in range(2)]
    ids = [received(receiver) for _, receiver in children]
    for process, _ in children:
        process.join(timeout=60)
        assert process.exitcode == 0

    logged = progress_store.attempts()
    assert sorted(entry.id for entry in logged) == sorted(ids[0] + ids[1])
    assert len(logged) == 60
    # Each card was read and written inside the attempt's transaction: no update lost.
    assert sum(card.reviews for card in progress_store.cards().values()) == 60
    assert sum(entry.first for entry in logged) == len(exercises)


def test_a_killed_process_leaves_every_committed_attempt(
    progress_store: Store, make_exercise: Callable[..., Exercise]
) -> None:
    start = SPAWN.Barrier(1)
    process, receiver = start_recorder(progress_store.path, [make_exercise("a/one")], 10_000, start)
    committed = [receiver.recv() for _ in range(25)]
    os.kill(process.pid or 0, signal.SIGKILL)
    process.join(timeout=30)
    committed += received(receiver)

    assert process.exitcode == -signal.SIGKILL
    with Store.open(progress_store.path) as reopened:
        logged_ids = {entry.id for entry in reopened.attempts()}
        assert set(committed) <= logged_ids
        assert reopened.settings() == Settings(fuzzing=False)
    check = sqlite3.connect(progress_store.path).execute("PRAGMA integrity_check").fetchone()
    assert check == ("ok",)


def m002_add_notes(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE notes (exercise_id TEXT NOT NULL, text TEXT NOT NULL)")


def test_an_older_database_is_upgraded_in_place_keeping_its_history(
    isolated_home: Path, make_exercise: Callable[..., Exercise], monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = make_exercise("a/one")
    with Store.open() as old:
        record_attempt(old, exercise, _attempt(exercise, T0))
        path = old.path

    monkeypatch.setattr(database_module, "MIGRATIONS", (*MIGRATIONS, m002_add_notes))
    with Store.open() as upgraded:
        assert len(upgraded.attempts()) == 1
    with Store.open():  # a second open finds nothing left to do
        pass

    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_an_empty_file_becomes_a_new_database(isolated_home: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "progress.sqlite3").touch()

    with Store.open() as store:
        assert store.attempts() == []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_a_newer_database_is_refused_and_left_untouched(
    isolated_home: Path, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("a/one")
    with Store.open() as store:
        record_attempt(store, exercise, _attempt(exercise, T0))
        path = store.path
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = path.read_bytes()

    with pytest.raises(NewerSchemaError, match="newer penpaper") as raised:
        Store.open()

    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "write",
    [
        lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        lambda path: path.write_text("my notes, not a database\n"),
        lambda path: sqlite3.connect(path).execute("CREATE TABLE accounts (id INTEGER)"),
    ],
    ids=["binary", "text", "someone-elses-sqlite"],
)
def test_a_foreign_file_is_refused_naming_it_and_left_untouched(
    isolated_home: Path, write: Callable[[Path], object]
) -> None:
    isolated_home.mkdir()
    path = isolated_home / "progress.sqlite3"
    write(path)
    before = snapshot(isolated_home)

    with pytest.raises(NotADatabaseError, match="left untouched") as raised:
        Store.open()

    assert str(path) in str(raised.value)
    assert snapshot(isolated_home) == before


def test_a_corrupt_database_reports_a_store_error_naming_the_file(
    isolated_home: Path, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("a/one")
    with Store.open() as store:
        for hour in range(200):
            record_attempt(store, exercise, _attempt(exercise, T0 + timedelta(hours=hour)))
        path = store.path
    data = path.read_bytes()
    page_size = 4096  # keep page 1 (the schema) so the damage shows when the log is read
    path.write_bytes(data[:page_size] + bytes(range(256)) * ((len(data) - page_size) // 256))

    with pytest.raises(StoreError, match="malformed") as raised, Store.open() as damaged:
        damaged.attempts()

    assert str(path) in str(raised.value)
