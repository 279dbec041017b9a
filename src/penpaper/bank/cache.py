"""The bank index: what each unchanged file held, kept between runs so commands start fast.

Parsing YAML and validating it is most of the cost of loading a bank, and most
commands need little of it: ``topics``, ``list``, ``stats`` and the home screen
need each exercise's title, difficulty and part types; ``show`` needs one
exercise in full. So the cache keeps, per file, a small *summary* (read for
every file at start-up) and the file's *data* (read only for the exercises a
command opens, through the same schema and sanitising as a freshly parsed
file). It is one SQLite file in the cache folder: a row can be read alone, and
a write is one transaction, so a crash or a second penpaper leaves it whole.
Summaries and data are in two tables, so reading every summary of a bank does
not read the pages of every exercise too.

Nothing in it is trusted beyond that: a summary is used only if it is well
formed and its text is clean, and data must pass the schema again, so a damaged
or crafted row can at worst cost a re-read of the file. No pickle: nothing read
from disk can run code.

A row is keyed by the file's resolved path and carries the file's stamp (size,
modification time, inode, change time) taken *before* it was read; it is stored
only if the stamp is the same after parsing and the file was last modified long
enough ago for its stamp to be trusted (two writes within the file system's
clock resolution can leave the same stamp). Files with problems, even ones that
still load, are never cached: they are read and reported every time.

A row also names its bank folder, and a run reads only the rows of the banks it
loads (``show`` only the row of its file): a learner's other banks cost nothing.
Loading a whole bank drops the rows of its files that are gone, without a look
at the disk (it has just listed them all), and the rows of banks whose folder is gone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from penpaper.bank.files import Entry, Stamp, stamp_of
from penpaper.bank.summaries import ANSWER_TYPES, ExerciseSummary, PartSummary, Topic
from penpaper.sanitising import is_clean
from penpaper.version import __version__

CACHE_FILE = "bank-cache.sqlite3"
FORMAT = 8  # bump when a row's layout changes: older caches are then emptied
TRUSTED_AGE_NS = 2_000_000_000
"""How old a file must be before its stamp is trusted: well above any file system's clock
resolution (git calls files newer than their index "racily clean" for the same reason)."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    bank TEXT NOT NULL,
    stamp TEXT NOT NULL,
    summary TEXT
);
CREATE INDEX IF NOT EXISTS files_of_bank ON files (bank);
CREATE TABLE IF NOT EXISTS contents (path TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class BankCache:
    """Summaries and data of bank files, valid while each file's stamp is unchanged."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / CACHE_FILE if folder is not None else None
        self._stamps: dict[str, tuple[str, str | None]] = {}
        """The stamp and summary (JSON) of each cached file read so far, by resolved path."""
        self._banks: tuple[str, ...] = ()
        """The bank folders loaded whole, whose rows were all read, each ending in a separator."""
        self._used: set[str] = set()
        self._written: dict[str, tuple[str, str] | None] = {}
        """The bank and data (JSON) of each row to write on save; None for a row to delete."""
        self._connection: sqlite3.Connection | None = None
        self._reset = True  # until rows of this version are found: written afresh on save
        if self._path is None or not self._path.exists():
            return
        try:
            self._connection = sqlite3.connect(self._path, timeout=1)
            about = dict(self._connection.execute("SELECT key, value FROM about"))
            if about == _about():
                self._reset = False
        except sqlite3.Error:
            self._drop_unreadable_file()

    def read_bank(self, root: Path) -> None:
        """Read the rows of the bank folder ``root`` (resolved), to be loaded whole:
        afterwards, its rows no file was looked up for are those of files gone."""
        self._banks += (f"{root}{os.sep}",)
        for path, stamp, summary in self._rows("WHERE bank = ?", str(root)):
            self._stamps[path] = (stamp, summary)

    def summary(self, entry: Entry) -> object | None:
        """The summary stored for ``entry`` when it was cached, if unchanged since."""
        found = self._fresh(entry)
        return None if found is None or found[1] is None else _json(found[1])

    def data(self, entry: Entry) -> object | None:
        """What ``entry`` held when it was cached, if its stamp has not changed since."""
        if self._fresh(entry) is None or self._connection is None:
            return None
        try:
            row = self._connection.execute(
                "SELECT data FROM contents WHERE path = ?", (entry.where,)
            ).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else _json(row[0])

    def store(self, root: Path, entry: Entry, data: object, stamp: Stamp, summary: object) -> None:
        """Keep ``data``, read from ``entry`` of the bank ``root`` when it had ``stamp``, if
        that stamp can be trusted.

        The file is checked again now: if it changed while it was parsed, or so
        recently that a change may not show in its stamp, it is not kept.
        """
        if self._path is None:
            return
        try:
            now = stamp_of(entry.real.stat())
        except OSError:
            return
        if now != stamp or time.time_ns() - stamp[1] < TRUSTED_AGE_NS:
            return
        try:
            text = json.dumps(data)
            if json.loads(text) != data:
                return  # e.g. a number as a key: JSON would change it, so parse every time
        except (TypeError, ValueError):
            return  # e.g. a date: not JSON at all
        key = entry.where
        self._stamps[key] = (_stamp_text(stamp), json.dumps(summary))
        self._written[key] = (str(root), text)

    def forget(self, entry: Entry) -> None:
        """Drop the row of ``entry`` (what it holds no longer loads)."""
        key = entry.where
        if self._stamps.pop(key, None) is not None:
            self._written[key] = None

    def save(self) -> None:
        """Write what changed in one transaction, dropping the rows of files gone from the
        banks loaded whole and of bank folders gone.

        A failure (a full disk, a read-only folder, another penpaper holding the
        lock) is harmless: the next run reads the files again.
        """
        if self._path is None:
            return
        self._drop_rows_of_files_gone()
        banks_gone = self._banks_gone()
        if not (self._written or self._reset or banks_gone):
            return
        try:
            if self._connection is None:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                self._connection = sqlite3.connect(self._path, timeout=1)
            if self._reset:  # another version's tables may have another layout
                self._connection.executescript(
                    "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS contents;"
                    "DROP TABLE IF EXISTS about;"
                )
            self._connection.executescript(_SCHEMA)
            self._path.chmod(0o600)  # it holds what the learner's banks hold
            with self._connection:
                if self._reset:
                    self._connection.executemany(
                        "INSERT INTO about VALUES (?, ?)", _about().items()
                    )
                for key, written in self._written.items():
                    if written is None:
                        self._connection.execute("DELETE FROM files WHERE path = ?", (key,))
                        self._connection.execute("DELETE FROM contents WHERE path = ?", (key,))
                    else:
                        stamp, summary = self._stamps[key]
                        self._connection.execute(
                            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                            (key, written[0], stamp, summary),
                        )
                        self._connection.execute(
                            "INSERT OR REPLACE INTO contents VALUES (?, ?)", (key, written[1])
                        )
                for bank in banks_gone:
                    self._connection.execute(
                        "DELETE FROM contents"
                        " WHERE path IN (SELECT path FROM files WHERE bank = ?)",
                        (bank,),
                    )
                    self._connection.execute("DELETE FROM files WHERE bank = ?", (bank,))
        except (OSError, sqlite3.Error):
            return
        self._written.clear()
        self._reset = False

    def _drop_rows_of_files_gone(self) -> None:
        """Rows of a bank loaded whole that no file was looked up for: their files are gone
        (or now have problems, whose rows are dropped anyway)."""
        for key in [key for key in self._stamps if key not in self._used]:
            if key.startswith(self._banks):
                del self._stamps[key]
                self._written[key] = None

    def _banks_gone(self) -> list[str]:
        """Bank folders with rows that no longer exist (a few checks: one per bank)."""
        if not self._banks or self._connection is None or self._reset:
            return []  # a run that read one file does not look at other banks
        try:
            others = self._connection.execute("SELECT DISTINCT bank FROM files").fetchall()
        except sqlite3.Error:
            return []
        loaded = {bank.removesuffix(os.sep) for bank in self._banks}
        return [bank for (bank,) in others if bank not in loaded and not Path(bank).is_dir()]

    def _rows(self, where: str, value: str) -> list[tuple[str, str, str | None]]:
        """``(path, stamp, summary)`` of the rows matching ``where`` (none if unreadable)."""
        if self._connection is None or self._reset:
            return []
        try:
            return self._connection.execute(
                f"SELECT path, stamp, summary FROM files {where}", (value,)
            ).fetchall()
        except sqlite3.OperationalError:
            return []  # locked by another penpaper, say: these files are read this time
        except sqlite3.Error:
            self._drop_unreadable_file()
            return []

    def _fresh(self, entry: Entry) -> tuple[str, str | None] | None:
        key = entry.where
        self._used.add(key)
        if key not in self._stamps and not key.startswith(self._banks):
            for path, stamp, summary in self._rows("WHERE path = ?", key):  # one file's row
                self._stamps[path] = (stamp, summary)
        found = self._stamps.get(key)
        if found is None or found[0] != _stamp_text(stamp_of(entry.status)):
            return None
        return found

    def _drop_unreadable_file(self) -> None:
        """Not a database of ours (damaged, or another layout): start again from nothing,
        also forgetting what this run meant to write (it is read again next time)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._stamps.clear()
        self._written.clear()
        self._reset = True
        if self._path is not None:
            try:
                self._path.unlink()
            except OSError:
                self._path = None  # cannot replace it: run without a cache


def exercise_summary(
    stored: object, exercise_id: str, topic: str, lab: Path | None
) -> ExerciseSummary | None:
    """The summary a cache row holds, or None unless it is well formed and its text clean.

    Id, topic and lab come from the file's place in the bank, never from the row. Read
    for every exercise at every start, so checked in plain loops, texts in one scan.
    """
    if not isinstance(stored, dict):
        return None
    title, difficulty = stored.get("title"), stored.get("difficulty")
    parts, tags = stored.get("parts"), stored.get("tags")
    parameterised = stored.get("parameterised")
    if not (
        isinstance(title, str)
        and type(difficulty) is int
        and 1 <= difficulty <= 5
        and isinstance(parts, list)
        and parts
        and isinstance(tags, list)
        and type(parameterised) is bool
    ):
        return None
    summaries = []
    for part in parts:
        if not (
            isinstance(part, list)
            and len(part) == 3
            and part[0] in ANSWER_TYPES
            and type(part[1]) is int
            and 0 <= part[1] <= 100
            and type(part[2]) is bool
        ):
            return None
        summaries.append(PartSummary(part[0], part[1], part[2]))
    for tag in tags:
        if not isinstance(tag, str):
            return None
    if not is_clean("\n".join([title, *tags])):  # newline is clean: one scan checks them all
        return None
    return ExerciseSummary(
        exercise_id, topic, title, difficulty, tuple(summaries), tuple(tags), lab, parameterised
    )


def topic_summary(stored: object, slug: str, path: Path) -> Topic | None:
    """The topic a cache row holds, or None unless it is well formed and its text clean.

    A topic is small, so its summary is all of it; the slug comes from its folder.
    """
    if not isinstance(stored, dict):
        return None
    title, description = stored.get("title"), stored.get("description")
    order, prerequisites = stored.get("order"), stored.get("prerequisites")
    if not (
        isinstance(title, str)
        and is_clean(title)
        and isinstance(description, str)
        and is_clean(description)
        and type(order) is int
        and isinstance(prerequisites, list)
        and all(isinstance(other, str) and is_clean(other) for other in prerequisites)
    ):
        return None
    return Topic(slug, title, description, order, tuple(prerequisites), path)


def summary_record(loaded: ExerciseSummary | Topic) -> dict[str, object]:
    """What :func:`exercise_summary` or :func:`topic_summary` reads back: all but what
    the file's place in the bank says."""
    if isinstance(loaded, Topic):
        return {
            "title": loaded.title,
            "description": loaded.description,
            "order": loaded.order,
            "prerequisites": list(loaded.prerequisites),
        }
    return {
        "title": loaded.title,
        "difficulty": loaded.difficulty,
        "parts": [[part.answer_type, part.hints, part.has_solution] for part in loaded.parts],
        "tags": list(loaded.tags),
        "parameterised": loaded.is_parameterised,
    }


def _about() -> dict[str, str]:
    return {"version": __version__, "format": str(FORMAT)}


def _stamp_text(stamp: Stamp) -> str:
    size, modified, inode, changed = stamp
    return f"{size},{modified},{inode},{changed}"


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
