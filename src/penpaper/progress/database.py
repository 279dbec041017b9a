"""One SQLite connection to the progress file: opening, identifying, migrating, transactions.

Reliability: WAL mode so readers never block the writer, a busy timeout so two
processes queue instead of failing, ``BEGIN IMMEDIATE`` so a write transaction
never has to upgrade its lock halfway. ``PRAGMA application_id`` marks the
file as ours, so a stranger's file is refused before anything is written to
it; the schema grows by :mod:`penpaper.progress.migrations`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from penpaper.progress.migrations import MIGRATIONS
from penpaper.progress.records import as_utc

APPLICATION_ID = 0x70656E70  # "penp": tells our databases from any other SQLite file
BUSY_TIMEOUT_SECONDS = 10.0

Parameters = Sequence[object] | Mapping[str, object]  # positional (?) or named (:name)


class StoreError(Exception):
    """The progress database cannot be used; the message names the file and what to do."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


class CannotSaveError(StoreError):
    """A write failed (a read-only folder, a full disk, a lock held too long): nothing of it
    was written, and what was saved before is intact."""

    def __init__(self, path: Path, reason: str) -> None:
        Exception.__init__(self, f"cannot save progress to {path}: {reason}")
        self.path = path


def _reason(error: StoreError) -> str:
    """The SQLite reason behind ``error``, as SQLite says it."""
    cause = error.__cause__
    return str(cause) if cause is not None else str(error)


class NotADatabaseError(StoreError):
    """The file is corrupt or belongs to something else; it was left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            path,
            f"not a penpaper progress database ({reason}). It was left untouched: "
            "move it aside, or choose another folder with --data-dir or PENPAPER_HOME.",
        )


class NewerSchemaError(StoreError):
    """The file was written by a newer penpaper; it was left untouched."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            path,
            f"written by a newer penpaper (schema version {found}; this one knows up to "
            f"{known}). It was left untouched: upgrade penpaper to use it.",
        )


def timestamp(moment: datetime) -> str:
    """``moment`` as stored: one fixed ISO format in UTC, so timestamps compare as text in SQL."""
    return as_utc(moment).isoformat(timespec="microseconds")


def moment(text: str) -> datetime:
    """A stored timestamp back as an aware datetime; ValueError for anything else."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"a stored time without its offset: {text!r}")
    return value


class Database:
    """An open progress file. Use :meth:`open`; close it, or use it as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open ``path``, creating or upgrading the schema."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are begun explicitly, IMMEDIATE for writes.
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise CannotSaveError(path, str(error)) from error
        database = cls(path, connection)
        try:
            # Identify before any write: WAL and migrations would modify a stranger's file.
            version = database._identify()
            try:
                with database._translated_errors():
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("PRAGMA foreign_keys = ON")
            except StoreError as error:
                raise CannotSaveError(path, _reason(error)) from error
            if version < len(MIGRATIONS):
                database._migrate()
        except BaseException:
            connection.close()
            raise
        return database

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _identify(self) -> int:
        """The schema version, once the file is known to be ours (or empty) and not newer."""
        try:
            application_id = self.scalar("PRAGMA application_id")
            version = self.scalar("PRAGMA user_version")
            objects = self.scalar("SELECT count(*) FROM sqlite_master")
        except StoreError as error:
            # "file is not a database" is a stranger's file; "unable to open" is the folder.
            if isinstance(error.__cause__, sqlite3.OperationalError):
                raise CannotSaveError(self.path, _reason(error)) from error
            raise NotADatabaseError(self.path, _reason(error)) from error
        if application_id != APPLICATION_ID and (application_id or version or objects):
            raise NotADatabaseError(self.path, "a SQLite database of another program")
        if version > len(MIGRATIONS):
            raise NewerSchemaError(self.path, version, len(MIGRATIONS))
        return int(version)

    def _migrate(self) -> None:
        with self.transaction():
            # Another process may have migrated between our check and our lock.
            version = self._identify()
            for migration in MIGRATIONS[version:]:
                migration(self._connection)
            self.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
            self.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(self.path, f"database error: {error}") from error

    def execute(self, sql: str, parameters: Parameters = ()) -> sqlite3.Cursor:
        with self._translated_errors():
            return self._connection.execute(sql, parameters)

    def write(self, sql: str, parameters: Parameters = ()) -> None:
        """One statement in its own write transaction (or the caller's, if one is open)."""
        with self.transaction():
            self.execute(sql, parameters)

    def execute_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        with self._translated_errors():
            self._connection.executemany(sql, rows)

    def rows(self, sql: str, parameters: Parameters = ()) -> list[Any]:
        with self._translated_errors():
            return self._connection.execute(sql, parameters).fetchall()

    def scalar(self, sql: str, parameters: Parameters = ()) -> Any:
        return self.rows(sql, parameters)[0][0]

    def exercise_ids(self, table: str) -> set[str]:
        """The exercise ids found in ``table``, one index seek each along its index on
        ``exercise_id``: a DISTINCT reads every row, 8 ms on a 100,000-attempt history
        with a few hundred ids, this under half a millisecond."""
        following = f"(SELECT min(exercise_id) FROM {table} WHERE exercise_id > ids.id)"
        rows = self.rows(
            f"WITH RECURSIVE ids (id) AS (SELECT (SELECT min(exercise_id) FROM {table})"
            f" UNION ALL SELECT {following} FROM ids WHERE ids.id IS NOT NULL)"
            " SELECT id FROM ids WHERE id IS NOT NULL"
        )
        return {exercise_id for (exercise_id,) in rows}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one, so callers can group writes."""
        if self._connection.in_transaction:
            yield
            return
        try:
            self.execute("BEGIN IMMEDIATE")
            yield
            self.execute("COMMIT")
        except BaseException as error:
            # Also after a failed COMMIT, so the connection is never left mid-transaction
            # (a no-op when SQLite already rolled back).
            self._connection.rollback()
            if isinstance(error, StoreError) and not isinstance(error, CannotSaveError):
                raise CannotSaveError(self.path, _reason(error)) from error
            raise
