"""The progress store: one SQLite file that remembers everything the learner did.

The append-only ``attempts`` log (with its ``part_results``) is the source of
truth; ``cards`` is a cache of FSRS state that ``scheduling.rebuild_cards``
recomputes from it. Help taken outside an attempt (``penpaper hint``,
``penpaper solution``) goes to ``help_events``. Learner ratings are a history
(one row per change) so stats can show how a topic moved over a week.

Reliability: WAL mode so readers never block the writer, a busy timeout so two
processes queue instead of failing, ``BEGIN IMMEDIATE`` so a write transaction
never has to upgrade its lock halfway, and one transaction per attempt. The
schema grows by the named migrations in :data:`MIGRATIONS`, counted by
``PRAGMA user_version``; ``PRAGMA application_id`` marks the file as ours so a
stranger's file is refused before anything is written to it.

This module knows persistence only: FSRS and Glicko-2 arithmetic live in
``scheduling`` and ``ratings``.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from fsrs import Rating, State

from penpaper.paths import database_path
from penpaper.ratings import SkillRating

APPLICATION_ID = 0x70656E70  # "penp": tells our databases from any other SQLite file
BUSY_TIMEOUT_SECONDS = 10.0


class StoreError(Exception):
    """The progress database cannot be used; the message names the file and what to do."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


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


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is refused because its zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is required, not naive {moment}")
    return moment.astimezone(UTC)


def _timestamp(moment: datetime) -> str:
    # One fixed ISO format, so timestamps compare correctly as text in SQL.
    return as_utc(moment).isoformat(timespec="microseconds")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Outcome(StrEnum):
    """How one part of an attempt ended."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    INVALID = "invalid"  # could not be read as an answer
    SKIPPED = "skipped"  # gave up, or never answered
    SELF_GRADED = "self-graded"  # a derivation: the learner graded their own work


class HelpKind(StrEnum):
    HINT = "hint"
    SOLUTION = "solution"


@dataclass(frozen=True)
class PartResult:
    """One part of an attempt: what was typed, how it was judged, how much help it took.

    ``solution_seen`` means the solution was shown *before* the part was answered
    correctly (seeing it afterwards changes nothing). ``hints_used`` counts every
    hint seen for this part, including those taken with ``penpaper hint`` since
    the last attempt (see :meth:`Store.help_taken`).
    """

    number: int
    outcome: Outcome
    answer: str = ""
    hints_used: int = 0
    solution_seen: bool = False
    self_grade: Rating | None = None

    def __post_init__(self) -> None:
        if self.hints_used < 0:
            raise ValueError(f"part {self.number}: hints_used cannot be negative")
        if (self.outcome is Outcome.SELF_GRADED) != (self.self_grade is not None):
            raise ValueError(f"part {self.number}: a self_grade goes with a self-graded outcome")


@dataclass(frozen=True)
class Attempt:
    """One sitting at one exercise, all its parts together, as the drill/review command saw it.

    ``practice`` marks a review taken ahead of schedule (``weakest_exercises``).
    """

    exercise_id: str
    started_at: datetime
    finished_at: datetime
    parts: tuple[PartResult, ...]
    practice: bool = False

    def __post_init__(self) -> None:
        if "/" not in self.exercise_id:
            raise ValueError(f"exercise ids look like topic/slug, not {self.exercise_id!r}")
        if not self.parts:
            raise ValueError(f"an attempt at {self.exercise_id} needs at least one part")
        if len({part.number for part in self.parts}) != len(self.parts):
            raise ValueError(f"an attempt at {self.exercise_id} lists a part twice")
        if as_utc(self.finished_at) < as_utc(self.started_at):
            raise ValueError(f"an attempt at {self.exercise_id} finished before it started")

    @property
    def duration(self) -> timedelta:
        return self.finished_at - self.started_at


@dataclass(frozen=True)
class LoggedAttempt:
    """An attempt as stored: log id, the rating the scheduler got, whether it was the first."""

    id: int
    attempt: Attempt
    rating: Rating
    first: bool


@dataclass(frozen=True)
class FirstOfDay:
    """The first attempt at one exercise on one learner day, for measuring retention."""

    exercise_id: str
    day: date
    rating: Rating
    first: bool  # the exercise's first attempt ever
    practice: bool


@dataclass(frozen=True)
class CardState:
    """The FSRS memory state of one exercise, cached from the log.

    ``lapses`` counts Again ratings given after the card first reached the
    Review state; four of them make a leech.
    """

    exercise_id: str
    state: State
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    reviews: int
    lapses: int


@dataclass(frozen=True)
class HelpEvent:
    exercise_id: str
    part: int
    kind: HelpKind
    at: datetime


@dataclass(frozen=True)
class HelpTaken:
    """Hints and solutions shown outside an attempt since the exercise's last attempt."""

    events: tuple[HelpEvent, ...]

    def hints_used(self, part: int) -> int:
        return sum(1 for event in self.events if event.part == part and event.kind is HelpKind.HINT)

    def solution_seen(self, part: int) -> bool:
        return any(e.part == part and e.kind is HelpKind.SOLUTION for e in self.events)


@dataclass(frozen=True)
class Settings:
    """The learner's scheduling choices, kept in the database's ``settings`` table.

    The day (for daily limits) starts at ``day_starts_at_hour`` in the timezone
    of the ``now`` handed to the queues, like Anki's 4 a.m. rollover.
    """

    new_per_day: int = 10
    reviews_per_day: int = 100
    desired_retention: float = 0.9
    fuzzing: bool = True
    quick_seconds_per_part: int = 60
    day_starts_at_hour: int = 4

    def __post_init__(self) -> None:
        problems = [
            "new_per_day must be 0 or more" if self.new_per_day < 0 else "",
            "reviews_per_day must be 0 or more" if self.reviews_per_day < 0 else "",
            "desired_retention must be between 0.7 and 0.99"
            if not 0.7 <= self.desired_retention <= 0.99
            else "",
            "quick_seconds_per_part must be positive" if self.quick_seconds_per_part <= 0 else "",
            "day_starts_at_hour must be 0 to 23" if not 0 <= self.day_starts_at_hour <= 23 else "",
        ]
        if any(problems):
            raise ValueError("; ".join(problem for problem in problems if problem))


Migration = Callable[[sqlite3.Connection], None]
Parameters = Sequence[object] | Mapping[str, object]  # positional (?) or named (:name)


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


# Append only: a database at user_version n has had exactly the first n applied.
MIGRATIONS: tuple[Migration, ...] = (m001_initial,)

_CARD_COLUMNS = "exercise_id, state, step, stability, difficulty, due, last_review, reviews, lapses"
_CARD_PLACEHOLDERS = ", ".join("?" * len(_CARD_COLUMNS.split(",")))


class Store:
    """An open progress database. Use :meth:`open`; close it, or use it as a context manager."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open ``path`` (default :func:`database_path`), creating or upgrading the schema."""
        path = database_path() if path is None else path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are begun explicitly, IMMEDIATE for writes.
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(path, f"cannot open the progress database ({error})") from error
        store = cls(path, connection)
        try:
            # Identify before any write: WAL and migrations would modify a stranger's file.
            version = store._identify()
            with store._translated_errors():
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA foreign_keys = ON")
            if version < len(MIGRATIONS):
                store._migrate()
        except BaseException:
            connection.close()
            raise
        return store

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
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
            application_id = self._scalar("PRAGMA application_id")
            version = self._scalar("PRAGMA user_version")
            objects = self._scalar("SELECT count(*) FROM sqlite_master")
        except StoreError as error:
            raise NotADatabaseError(self.path, str(error.__cause__)) from error
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
            self._execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
            self._execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(self.path, f"database error: {error}") from error

    def _execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        with self._translated_errors():
            return self._connection.execute(sql, parameters)

    def _rows(self, sql: str, parameters: Parameters = ()) -> list[Any]:
        with self._translated_errors():
            return self._connection.execute(sql, parameters).fetchall()

    def _scalar(self, sql: str, parameters: Parameters = ()) -> Any:
        return self._rows(sql, parameters)[0][0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one, so callers can group writes."""
        if self._connection.in_transaction:
            yield
            return
        self._execute("BEGIN IMMEDIATE")
        try:
            yield
            self._execute("COMMIT")
        except BaseException:
            # Also after a failed COMMIT, so the connection is never left mid-transaction
            # (a no-op when SQLite already rolled back).
            self._connection.rollback()
            raise

    # The attempt log

    def append_attempt(self, attempt: Attempt, rating: Rating) -> LoggedAttempt:
        """Add ``attempt`` to the log with the rating the scheduler was given."""
        with self.transaction():
            first = not self._scalar(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE exercise_id = ?)",
                (attempt.exercise_id,),
            )
            cursor = self._execute(
                "INSERT INTO attempts (exercise_id, started_at, finished_at, rating, practice,"
                " first) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    attempt.exercise_id,
                    _timestamp(attempt.started_at),
                    _timestamp(attempt.finished_at),
                    int(rating),
                    int(attempt.practice),
                    int(first),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            with self._translated_errors():
                self._connection.executemany(
                    "INSERT INTO part_results (attempt_id, part, outcome, answer, hints_used,"
                    " solution_seen, self_grade) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            attempt_id,
                            part.number,
                            part.outcome.value,
                            part.answer,
                            part.hints_used,
                            int(part.solution_seen),
                            None if part.self_grade is None else int(part.self_grade),
                        )
                        for part in attempt.parts
                    ],
                )
        return LoggedAttempt(id=attempt_id, attempt=attempt, rating=rating, first=first)

    def attempts(self, exercise_id: str | None = None) -> list[LoggedAttempt]:
        """The log, oldest first, for one exercise or all of them."""
        where = "" if exercise_id is None else " WHERE a.exercise_id = ?"
        parameters = () if exercise_id is None else (exercise_id,)
        parts: dict[int, list[PartResult]] = {}
        for attempt_id, number, outcome, answer, hints, seen, grade in self._rows(
            "SELECT p.attempt_id, p.part, p.outcome, p.answer, p.hints_used, p.solution_seen,"
            " p.self_grade FROM part_results p JOIN attempts a ON a.id = p.attempt_id"
            f"{where} ORDER BY p.attempt_id, p.part",
            parameters,
        ):
            parts.setdefault(attempt_id, []).append(
                PartResult(
                    number=number,
                    outcome=Outcome(outcome),
                    answer=answer,
                    hints_used=hints,
                    solution_seen=bool(seen),
                    self_grade=None if grade is None else Rating(grade),
                )
            )
        return [
            LoggedAttempt(
                id=attempt_id,
                attempt=Attempt(
                    exercise_id=identifier,
                    started_at=_moment(started),
                    finished_at=_moment(finished),
                    parts=tuple(parts[attempt_id]),
                    practice=bool(practice),
                ),
                rating=Rating(rating),
                first=bool(first),
            )
            for attempt_id, identifier, started, finished, rating, practice, first in self._rows(
                "SELECT a.id, a.exercise_id, a.started_at, a.finished_at, a.rating, a.practice,"
                f" a.first FROM attempts a{where} ORDER BY a.id",
                parameters,
            )
        ]

    def count_attempts(self, since: datetime, *, first: bool) -> int:
        """Attempts since ``since`` that introduced an exercise (``first``) or reviewed one.

        Practice reviews are extra work, so they never count against the daily review limit.
        """
        return int(
            self._scalar(
                "SELECT count(*) FROM attempts WHERE finished_at >= ? AND first = ?"
                " AND (first = 1 OR practice = 0)",
                (_timestamp(since), int(first)),
            )
        )

    def attempted_exercise_ids(self) -> set[str]:
        return {row[0] for row in self._rows("SELECT DISTINCT exercise_id FROM attempts")}

    def part_attempted(self, exercise_id: str, part: int) -> bool:
        """Whether the learner ever gave an answer (not a skip) to this part."""
        return bool(
            self._scalar(
                "SELECT EXISTS (SELECT 1 FROM part_results p JOIN attempts a"
                " ON a.id = p.attempt_id WHERE a.exercise_id = ? AND p.part = ?"
                " AND p.outcome != 'skipped')",
                (exercise_id, part),
            )
        )

    def orphans(self, bank_ids: Iterable[str]) -> list[str]:
        """Ids with history but no exercise in the bank any more (renamed or removed)."""
        known = set(bank_ids)
        recorded = {
            row[0]
            for row in self._rows(
                "SELECT exercise_id FROM attempts UNION SELECT exercise_id FROM help_events"
            )
        }
        return sorted(recorded - known)

    # Activity by learner day. A learner day is the UTC calendar day after adding
    # ``day_shift``: the learner's UTC offset minus their rollover hour, so that a
    # day starting at 04:00 in UTC+2 (a shift of -2 h) begins at 02:00 UTC.

    def attempts_per_day(
        self, day_shift: timedelta, until: date, topic: str | None = None
    ) -> dict[date, int]:
        """Attempts finished on each learner day up to ``until``; days without any are left out.

        One index range count per day since the first attempt, rather than a date
        computation per attempt: several times faster on a long history.
        """
        condition, parameters = _topic_condition(topic)
        # Day boundaries are written in _timestamp's format, so they compare as text.
        boundary = "strftime('%Y-%m-%dT%H:%M:%S.000000+00:00', day, :unshift)"
        next_boundary = "strftime('%Y-%m-%dT%H:%M:%S.000000+00:00', day, '+1 day', :unshift)"
        rows = self._rows(
            "WITH RECURSIVE days (day) AS ("
            f" SELECT date(min(finished_at), :shift) FROM attempts WHERE 1{condition}"
            " UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < :until)"
            f" SELECT day, (SELECT count(*) FROM attempts WHERE finished_at >= {boundary}"
            f" AND finished_at < {next_boundary}{condition}) AS attempts"
            " FROM days WHERE day <= :until",
            {
                "shift": _shift_modifier(day_shift),
                "unshift": _shift_modifier(-day_shift),
                "until": until.isoformat(),
                **parameters,
            },
        )
        return {date.fromisoformat(day): count for day, count in rows if count}

    def first_attempts_of_days(
        self, day_shift: timedelta, since: datetime, topic: str | None = None
    ) -> list[FirstOfDay]:
        """For each exercise and learner day since ``since``, that day's first attempt."""
        condition, parameters = _topic_condition(topic)
        # SQLite takes the bare columns of a min() aggregate from the row holding the minimum.
        # Grouping by day first keeps the planner on the finished_at index (not a full scan).
        return [
            FirstOfDay(
                exercise_id, date.fromisoformat(day), Rating(rating), bool(first), bool(practice)
            )
            for exercise_id, day, rating, first, practice, _ in self._rows(
                "SELECT exercise_id, date(finished_at, :shift) AS day, rating, first, practice,"
                f" min(finished_at) FROM attempts WHERE finished_at >= :since{condition}"
                " GROUP BY day, exercise_id ORDER BY day, exercise_id",
                {"shift": _shift_modifier(day_shift), "since": _timestamp(since), **parameters},
            )
        ]

    def seconds_spent(
        self, since: datetime, longest_attempt: timedelta, topic: str | None = None
    ) -> float:
        """Seconds on attempts finished since ``since``, each counting up to ``longest_attempt``."""
        condition, parameters = _topic_condition(topic)
        return float(
            self._scalar(
                "SELECT coalesce(sum(min((julianday(finished_at) - julianday(started_at)) * 86400,"
                f" :longest)), 0) FROM attempts WHERE finished_at >= :since{condition}",
                {
                    "since": _timestamp(since),
                    "longest": longest_attempt.total_seconds(),
                    **parameters,
                },
            )
        )

    def last_ratings(self, topic: str | None = None) -> dict[str, Rating]:
        """The rating of each attempted exercise's latest attempt."""
        condition, parameters = _topic_condition(topic)
        return {
            exercise_id: Rating(rating)
            for exercise_id, rating in self._rows(
                "SELECT e.exercise_id, (SELECT rating FROM attempts WHERE exercise_id ="
                " e.exercise_id ORDER BY finished_at DESC, id DESC LIMIT 1)"
                f" FROM (SELECT DISTINCT exercise_id FROM attempts WHERE 1{condition}) e",
                parameters,
            )
        }

    # Help taken outside an attempt

    def record_help(self, exercise_id: str, part: int, kind: HelpKind, at: datetime) -> None:
        """Remember a hint or solution shown by the one-shot ``hint``/``solution`` commands."""
        with self.transaction():
            self._execute(
                "INSERT INTO help_events (exercise_id, part, kind, at) VALUES (?, ?, ?, ?)",
                (exercise_id, part, kind.value, _timestamp(at)),
            )

    def help_taken(self, exercise_id: str) -> HelpTaken:
        """Help shown since the exercise's last attempt: the next attempt should count it."""
        rows = self._rows(
            "SELECT part, kind, at FROM help_events WHERE exercise_id = ? AND at > coalesce("
            "(SELECT max(finished_at) FROM attempts WHERE exercise_id = ?), '') ORDER BY id",
            (exercise_id, exercise_id),
        )
        return HelpTaken(
            tuple(
                HelpEvent(exercise_id, part, HelpKind(kind), _moment(at)) for part, kind, at in rows
            )
        )

    # The card cache

    def card(self, exercise_id: str) -> CardState | None:
        rows = self._rows(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE exercise_id = ?", (exercise_id,)
        )
        return _card_from_row(rows[0]) if rows else None

    def cards(self) -> dict[str, CardState]:
        """Every cached card, keyed by exercise id (orphans included; queues filter by bank)."""
        return {
            row[0]: _card_from_row(row) for row in self._rows(f"SELECT {_CARD_COLUMNS} FROM cards")
        }

    def save_card(self, card: CardState) -> None:
        with self.transaction():
            self._execute(
                f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES ({_CARD_PLACEHOLDERS})",
                _card_row(card),
            )

    def replace_cards(self, cards: Iterable[CardState]) -> None:
        """Swap the whole cache at once (used by a rebuild from the log)."""
        with self.transaction():
            self._execute("DELETE FROM cards")
            with self._translated_errors():
                self._connection.executemany(
                    f"INSERT INTO cards ({_CARD_COLUMNS}) VALUES ({_CARD_PLACEHOLDERS})",
                    [_card_row(card) for card in cards],
                )

    # Ratings

    def learner_ratings(self, as_of: datetime | None = None) -> dict[str, SkillRating]:
        """The learner's rating per rated topic: the latest, or as it stood at ``as_of``."""
        cutoff = "" if as_of is None else " AND at <= ?"
        parameters = () if as_of is None else (_timestamp(as_of),)
        return {
            topic: SkillRating(rating, deviation, volatility)
            for topic, rating, deviation, volatility in self._rows(
                "SELECT r.topic, r.rating, r.deviation, r.volatility"
                " FROM (SELECT DISTINCT topic FROM learner_ratings) t JOIN learner_ratings r"
                " ON r.id = (SELECT id FROM learner_ratings WHERE topic = t.topic"
                f"{cutoff} ORDER BY at DESC, id DESC LIMIT 1)",
                parameters,
            )
        }

    def learner_rating(self, topic: str) -> SkillRating:
        """The learner's current rating in ``topic``, a newcomer's if never rated."""
        rows = self._rows(
            "SELECT rating, deviation, volatility FROM learner_ratings WHERE topic = ?"
            " ORDER BY at DESC, id DESC LIMIT 1",
            (topic,),
        )
        return SkillRating(*rows[0]) if rows else SkillRating()

    def append_learner_rating(
        self, topic: str, rating: SkillRating, attempt_id: int, at: datetime
    ) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO learner_ratings (topic, attempt_id, at, rating, deviation, volatility)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (topic, attempt_id, _timestamp(at), *_rating_values(rating)),
            )

    def exercise_ratings(self) -> dict[str, SkillRating]:
        """Ratings of exercises that have been attempted (the others keep their difficulty seed)."""
        return {
            exercise_id: SkillRating(rating, deviation, volatility)
            for exercise_id, rating, deviation, volatility in self._rows(
                "SELECT exercise_id, rating, deviation, volatility FROM exercise_ratings"
            )
        }

    def save_exercise_rating(
        self, exercise_id: str, rating: SkillRating, attempt_id: int, at: datetime
    ) -> None:
        with self.transaction():
            self._execute(
                "INSERT OR REPLACE INTO exercise_ratings"
                " (exercise_id, attempt_id, at, rating, deviation, volatility)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (exercise_id, attempt_id, _timestamp(at), *_rating_values(rating)),
            )

    # Settings

    def settings(self) -> Settings:
        """Stored settings over the defaults; keys unknown here (a newer penpaper's) are ignored."""
        defaults = Settings()
        values: dict[str, Any] = {}
        for key, text in self._rows("SELECT key, value FROM settings"):
            if not hasattr(defaults, key):
                continue
            try:
                value = json.loads(text)
            except ValueError:
                value = None  # reported just below, as a value of the wrong type
            expected = type(getattr(defaults, key))
            if type(value) is not expected and not (expected is float and type(value) is int):
                raise StoreError(self.path, f"setting {key} = {text} is not a {expected.__name__}")
            values[key] = value
        try:
            return dataclasses.replace(defaults, **values)
        except ValueError as error:
            raise StoreError(self.path, f"invalid settings: {error}") from error

    def save_settings(self, settings: Settings) -> None:
        rows = [(key, json.dumps(value)) for key, value in dataclasses.asdict(settings).items()]
        with self.transaction(), self._translated_errors():
            self._connection.executemany(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", rows
            )


def _topic_condition(topic: str | None) -> tuple[str, dict[str, object]]:
    """An SQL condition (and its named parameters) keeping one topic's exercise ids, or all."""
    if topic is None:
        return "", {}
    return " AND substr(exercise_id, 1, :prefix_length) = :prefix", {
        "prefix_length": len(topic) + 1,
        "prefix": topic + "/",
    }


def _shift_modifier(shift: timedelta) -> str:
    """An SQLite date modifier moving a moment by ``shift`` (whole minutes)."""
    return f"{round(shift.total_seconds() / 60):+d} minutes"


def _card_row(card: CardState) -> tuple[object, ...]:
    return (
        card.exercise_id,
        int(card.state),
        card.step,
        card.stability,
        card.difficulty,
        _timestamp(card.due),
        _timestamp(card.last_review),
        card.reviews,
        card.lapses,
    )


def _card_from_row(row: Sequence[Any]) -> CardState:
    exercise_id, state, step, stability, difficulty, due, last_review, reviews, lapses = row
    return CardState(
        exercise_id=exercise_id,
        state=State(state),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=_moment(due),
        last_review=_moment(last_review),
        reviews=reviews,
        lapses=lapses,
    )


def _rating_values(rating: SkillRating) -> tuple[float, float, float]:
    return (rating.rating, rating.deviation, rating.volatility)
