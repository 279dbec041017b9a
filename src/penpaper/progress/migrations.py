"""The schema of the progress database, grown by named migrations.

A database at ``PRAGMA user_version`` n has had exactly the first n migrations
of :data:`MIGRATIONS` applied; each runs once, inside the transaction that
bumps the version. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def m001_initial(connection: sqlite3.Connection) -> None:
    """The first schema: the attempt log, help events, card cache, ratings and settings."""
    # Not STRICT tables: those need SQLite 3.37, newer than some Pythons ship.
    for statement in (
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
            first INTEGER NOT NULL CHECK (first IN (0, 1)))""",
        "CREATE INDEX attempts_by_exercise ON attempts (exercise_id, finished_at)",
        "CREATE INDEX attempts_by_time ON attempts (finished_at)",
        """CREATE TABLE part_results (
            attempt_id INTEGER NOT NULL REFERENCES attempts (id),
            part INTEGER NOT NULL,
            outcome TEXT NOT NULL
                CHECK (outcome IN ('correct', 'incorrect', 'invalid', 'skipped', 'self-graded')),
            answer TEXT NOT NULL,
            hints_used INTEGER NOT NULL,
            solution_seen INTEGER NOT NULL CHECK (solution_seen IN (0, 1)),
            self_grade INTEGER CHECK (self_grade BETWEEN 1 AND 4),
            PRIMARY KEY (attempt_id, part))""",
        """CREATE TABLE help_events (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            part INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('hint', 'solution')),
            at TEXT NOT NULL)""",
        "CREATE INDEX help_events_by_exercise ON help_events (exercise_id, at)",
        """CREATE TABLE cards (
            exercise_id TEXT PRIMARY KEY,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            due TEXT NOT NULL,
            last_review TEXT NOT NULL,
            reviews INTEGER NOT NULL,
            lapses INTEGER NOT NULL)""",
        """CREATE TABLE learner_ratings (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            attempt_id INTEGER NOT NULL REFERENCES attempts (id),
            at TEXT NOT NULL,
            rating REAL NOT NULL,
            deviation REAL NOT NULL,
            volatility REAL NOT NULL)""",
        "CREATE INDEX learner_ratings_by_topic ON learner_ratings (topic, at)",
        """CREATE TABLE exercise_ratings (
            exercise_id TEXT PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES attempts (id),
            at TEXT NOT NULL,
            rating REAL NOT NULL,
            deviation REAL NOT NULL,
            volatility REAL NOT NULL)""",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        connection.execute(statement)


def m002_tries(connection: sqlite3.Connection) -> None:
    """Every try is kept, written as it is judged; a review remembers the card it replaced.

    Existing part results become tries at their attempt's finish (their time on
    the part was never measured), so an upgraded history exports whole.
    """
    for statement in (
        """CREATE TABLE tries (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            part INTEGER NOT NULL,
            at TEXT NOT NULL,
            answer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK
                (verdict IN ('correct', 'incorrect', 'undecided', 'gave-up', 'self-graded')),
            hints INTEGER NOT NULL,
            seconds REAL,
            solution_seen INTEGER NOT NULL CHECK (solution_seen IN (0, 1)),
            self_grade INTEGER CHECK (self_grade BETWEEN 1 AND 4),
            overridden INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1)),
            seed INTEGER,
            practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
            attempt_id INTEGER REFERENCES attempts (id))""",
        "CREATE INDEX tries_by_exercise ON tries (exercise_id, part, id)",
        "CREATE INDEX tries_by_attempt ON tries (attempt_id)",
        "ALTER TABLE attempts ADD COLUMN card_before TEXT",
        """INSERT INTO tries (exercise_id, part, at, answer, verdict, hints, seconds,
            solution_seen, self_grade, practice, attempt_id)
           SELECT a.exercise_id, p.part, a.finished_at, p.answer,
            CASE p.outcome WHEN 'correct' THEN 'correct' WHEN 'self-graded' THEN 'self-graded'
                WHEN 'skipped' THEN 'gave-up' ELSE 'incorrect' END,
            p.hints_used, NULL, p.solution_seen, p.self_grade, 0, a.id
           FROM part_results p JOIN attempts a ON a.id = p.attempt_id
           ORDER BY a.id, p.part""",
    ):
        connection.execute(statement)


def m003_shown_instances(connection: sqlite3.Connection) -> None:
    """The instance of each parameterised exercise the learner last saw, by its seed:
    what ``check``, ``hint`` and ``solution`` judge and show when no ``--seed`` is given."""
    connection.execute(
        """CREATE TABLE shown_instances (
            exercise_id TEXT PRIMARY KEY,
            seed INTEGER NOT NULL,
            at TEXT NOT NULL)"""
    )


# Append only: a database at user_version n has had exactly the first n applied.
MIGRATIONS: tuple[Migration, ...] = (m001_initial, m002_tries, m003_shown_instances)
