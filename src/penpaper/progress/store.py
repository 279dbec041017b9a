"""The progress store: what the learner did, kept in one SQLite file.

The append-only ``attempts`` log (with its ``part_results``) is the source of
truth; ``cards`` is a cache of FSRS state that
:func:`penpaper.scheduling.memory.rebuild_cards` recomputes from it. Help taken
outside an attempt (``penpaper hint``, ``penpaper solution``) goes to
``help_events``. Learner ratings are a history (one row per change) so stats
can show how a topic moved over a week. One transaction per attempt.

This module knows persistence only: FSRS and Glicko-2 arithmetic live in
``scheduling`` and ``ratings``; the read-only queries behind ``penpaper stats``
live in :mod:`penpaper.progress.history`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from fsrs import Rating, State

from penpaper.paths import database_path
from penpaper.progress.database import Database, StoreError, moment, timestamp
from penpaper.progress.records import (
    Attempt,
    CardState,
    HelpEvent,
    HelpKind,
    HelpTaken,
    LoggedAttempt,
    Outcome,
    PartResult,
)
from penpaper.progress.settings import Settings
from penpaper.ratings import SkillRating

_CARD_COLUMNS = "exercise_id, state, step, stability, difficulty, due, last_review, reviews, lapses"
_CARD_PLACEHOLDERS = ", ".join("?" * len(_CARD_COLUMNS.split(",")))



class Store(Database):
    """The learner's progress database: open with :meth:`open`, use as a context manager."""

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        """Open ``path`` (default: :func:`~penpaper.paths.database_path`), creating or upgrading."""
        return super().open(database_path() if path is None else path)

    # The attempt log

    def append_attempt(self, attempt: Attempt, rating: Rating) -> LoggedAttempt:
        """Add ``attempt`` to the log with the rating the scheduler was given."""
        with self.transaction():
            first = not self.scalar(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE exercise_id = ?)",
                (attempt.exercise_id,),
            )
            cursor = self.execute(
                "INSERT INTO attempts (exercise_id, started_at, finished_at, rating, practice,"
                " first) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    attempt.exercise_id,
                    timestamp(attempt.started_at),
                    timestamp(attempt.finished_at),
                    int(rating),
                    int(attempt.practice),
                    int(first),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            self.execute_many(
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
        for attempt_id, number, outcome, answer, hints, seen, grade in self.rows(
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
                    started_at=moment(started),
                    finished_at=moment(finished),
                    parts=tuple(parts[attempt_id]),
                    practice=bool(practice),
                ),
                rating=Rating(rating),
                first=bool(first),
            )
            for attempt_id, identifier, started, finished, rating, practice, first in self.rows(
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
            self.scalar(
                "SELECT count(*) FROM attempts WHERE finished_at >= ? AND first = ?"
                " AND (first = 1 OR practice = 0)",
                (timestamp(since), int(first)),
            )
        )

    def attempted_exercise_ids(self) -> set[str]:
        return {row[0] for row in self.rows("SELECT DISTINCT exercise_id FROM attempts")}

    def part_attempted(self, exercise_id: str, part: int) -> bool:
        """Whether the learner ever gave an answer (not a skip) to this part."""
        return bool(
            self.scalar(
                "SELECT EXISTS (SELECT 1 FROM part_results p JOIN attempts a"
                " ON a.id = p.attempt_id WHERE a.exercise_id = ? AND p.part = ?"
                " AND p.outcome != 'skipped')",
                (exercise_id, part),
            )
        )

    # Help taken outside an attempt

    def record_help(self, exercise_id: str, part: int, kind: HelpKind, at: datetime) -> None:
        """Remember a hint or solution shown by the one-shot ``hint``/``solution`` commands."""
        with self.transaction():
            self.execute(
                "INSERT INTO help_events (exercise_id, part, kind, at) VALUES (?, ?, ?, ?)",
                (exercise_id, part, kind.value, timestamp(at)),
            )

    def help_taken(self, exercise_id: str) -> HelpTaken:
        """Help shown since the exercise's last attempt: the next attempt should count it."""
        rows = self.rows(
            "SELECT part, kind, at FROM help_events WHERE exercise_id = ? AND at > coalesce("
            "(SELECT max(finished_at) FROM attempts WHERE exercise_id = ?), '') ORDER BY id",
            (exercise_id, exercise_id),
        )
        return HelpTaken(
            tuple(
                HelpEvent(exercise_id, part, HelpKind(kind), moment(at)) for part, kind, at in rows
            )
        )

    # The card cache

    def card(self, exercise_id: str) -> CardState | None:
        rows = self.rows(
            f"SELECT {_CARD_COLUMNS} FROM cards WHERE exercise_id = ?", (exercise_id,)
        )
        return _card_from_row(rows[0]) if rows else None

    def cards(self) -> dict[str, CardState]:
        """Every cached card, keyed by exercise id (orphans included; queues filter by bank)."""
        return {
            row[0]: _card_from_row(row) for row in self.rows(f"SELECT {_CARD_COLUMNS} FROM cards")
        }

    def save_card(self, card: CardState) -> None:
        with self.transaction():
            self.execute(
                f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES ({_CARD_PLACEHOLDERS})",
                _card_row(card),
            )

    def replace_cards(self, cards: Iterable[CardState]) -> None:
        """Swap the whole cache at once (used by a rebuild from the log)."""
        with self.transaction():
            self.execute("DELETE FROM cards")
            self.execute_many(
                f"INSERT INTO cards ({_CARD_COLUMNS}) VALUES ({_CARD_PLACEHOLDERS})",
                [_card_row(card) for card in cards],
            )

    # Ratings

    def learner_ratings(self, as_of: datetime | None = None) -> dict[str, SkillRating]:
        """The learner's rating per rated topic: the latest, or as it stood at ``as_of``."""
        cutoff = "" if as_of is None else " AND at <= ?"
        parameters = () if as_of is None else (timestamp(as_of),)
        return {
            topic: SkillRating(rating, deviation, volatility)
            for topic, rating, deviation, volatility in self.rows(
                "SELECT r.topic, r.rating, r.deviation, r.volatility"
                " FROM (SELECT DISTINCT topic FROM learner_ratings) t JOIN learner_ratings r"
                " ON r.id = (SELECT id FROM learner_ratings WHERE topic = t.topic"
                f"{cutoff} ORDER BY at DESC, id DESC LIMIT 1)",
                parameters,
            )
        }

    def learner_rating(self, topic: str) -> SkillRating:
        """The learner's current rating in ``topic``, a newcomer's if never rated."""
        rows = self.rows(
            "SELECT rating, deviation, volatility FROM learner_ratings WHERE topic = ?"
            " ORDER BY at DESC, id DESC LIMIT 1",
            (topic,),
        )
        return SkillRating(*rows[0]) if rows else SkillRating()

    def append_learner_rating(
        self, topic: str, rating: SkillRating, attempt_id: int, at: datetime
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO learner_ratings (topic, attempt_id, at, rating, deviation, volatility)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (topic, attempt_id, timestamp(at), *_rating_values(rating)),
            )

    def exercise_ratings(self) -> dict[str, SkillRating]:
        """Ratings of exercises that have been attempted (the others keep their difficulty seed)."""
        return {
            exercise_id: SkillRating(rating, deviation, volatility)
            for exercise_id, rating, deviation, volatility in self.rows(
                "SELECT exercise_id, rating, deviation, volatility FROM exercise_ratings"
            )
        }

    def save_exercise_rating(
        self, exercise_id: str, rating: SkillRating, attempt_id: int, at: datetime
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT OR REPLACE INTO exercise_ratings"
                " (exercise_id, attempt_id, at, rating, deviation, volatility)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (exercise_id, attempt_id, timestamp(at), *_rating_values(rating)),
            )

    # Settings

    def settings(self) -> Settings:
        """Stored settings over the defaults; keys unknown here (a newer penpaper's) are ignored."""
        defaults = Settings()
        values: dict[str, Any] = {}
        for key, text in self.rows("SELECT key, value FROM settings"):
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
        with self.transaction():
            self.execute_many("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", rows)



def _card_row(card: CardState) -> tuple[object, ...]:
    return (
        card.exercise_id,
        int(card.state),
        card.step,
        card.stability,
        card.difficulty,
        timestamp(card.due),
        timestamp(card.last_review),
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
        due=moment(due),
        last_review=moment(last_review),
        reviews=reviews,
        lapses=lapses,
    )


def _rating_values(rating: SkillRating) -> tuple[float, float, float]:
    return (rating.rating, rating.deviation, rating.volatility)
