"""The progress store: what the learner did, kept in one SQLite file.

The append-only ``attempts`` log (with its ``part_results``) is the source of
truth; ``cards`` is a cache of FSRS state that
:func:`penpaper.scheduling.memory.rebuild_cards` recomputes from it. Help taken
outside an attempt (``penpaper hint``, ``penpaper solution``) goes to
``help_events``. Learner ratings are a history (one row per change) so stats
can show how a topic moved over a week. The instance of each parameterised
exercise the learner saw last is kept in ``shown_instances`` (its seed; each
try keeps its own). One transaction per attempt.

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

from fsrs import Rating

from penpaper.paths import database_path
from penpaper.progress.database import Database, moment, timestamp
from penpaper.progress.records import (
    Attempt,
    CardState,
    HelpEvent,
    HelpKind,
    HelpTaken,
    LoggedAttempt,
    LoggedTry,
    Outcome,
    PartResult,
    ShownInstance,
    Try,
)
from penpaper.progress.rows import (
    CARD_COLUMNS,
    CARD_PLACEHOLDERS,
    TRY_COLUMNS,
    card_from_json,
    card_from_row,
    card_json,
    card_row,
    rating_values,
    readable,
    try_from_row,
)
from penpaper.progress.settings import Settings, valid_setting
from penpaper.ratings import SkillRating


class Store(Database):
    """The learner's progress database: open with :meth:`open`, use as a context manager."""

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        """Open ``path`` (default: :func:`~penpaper.paths.database_path`), creating or upgrading."""
        return super().open(database_path() if path is None else path)

    # The attempt log

    def append_attempt(
        self, attempt: Attempt, rating: Rating, card_before: CardState | None
    ) -> LoggedAttempt:
        """Add the review ``attempt`` with the rating the scheduler was given.

        ``card_before`` (None for a new exercise) is kept so that undoing the
        review restores the schedule exactly, fuzzed due date included.
        """
        with self.transaction():
            first = not self.scalar(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE exercise_id = ?)",
                (attempt.exercise_id,),
            )
            cursor = self.execute(
                "INSERT INTO attempts (exercise_id, started_at, finished_at, rating, practice,"
                " first, card_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.exercise_id,
                    timestamp(attempt.started_at),
                    timestamp(attempt.finished_at),
                    int(rating),
                    int(attempt.practice),
                    int(first),
                    card_json(card_before),
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

        def logged(row: Sequence[Any]) -> LoggedAttempt:
            attempt_id, identifier, started, finished, rating, practice, first = row
            attempt = Attempt(
                identifier,
                moment(started),
                moment(finished),
                tuple(parts[attempt_id]),
                bool(practice),
            )
            return LoggedAttempt(attempt_id, attempt, Rating(rating), bool(first))

        return readable(
            self.rows(
                "SELECT a.id, a.exercise_id, a.started_at, a.finished_at, a.rating, a.practice,"
                f" a.first FROM attempts a{where} ORDER BY a.id",
                parameters,
            ),
            logged,
        )

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
        return self.exercise_ids("attempts")

    def reviewed_since(self, exercise_id: str, since: datetime) -> bool:
        """Whether the exercise had a review finished at ``since`` or later."""
        return bool(
            self.scalar(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE exercise_id = ? AND finished_at >= ?)",
                (exercise_id, timestamp(since)),
            )
        )

    def card_before(self, attempt_id: int) -> tuple[bool, CardState | None]:
        """The card a review replaced: (known, card); not known for reviews from before m002."""
        text = self.scalar("SELECT card_before FROM attempts WHERE id = ?", (attempt_id,))
        if text is None:
            return False, None
        return True, card_from_json(text)

    def remove_attempt(self, attempt_id: int) -> None:
        """Delete a review with what it changed (ratings), reopening the tries that fed it.

        The card is the caller's to restore (see :meth:`card_before`).
        """
        with self.transaction():
            for sql in (
                "UPDATE tries SET attempt_id = NULL WHERE attempt_id = ?",
                "DELETE FROM learner_ratings WHERE attempt_id = ?",
                "DELETE FROM exercise_ratings WHERE attempt_id = ?",
                "DELETE FROM part_results WHERE attempt_id = ?",
                "DELETE FROM attempts WHERE id = ?",
            ):
                self.execute(sql, (attempt_id,))

    # The try log: every answer, written the moment it is judged

    def append_try(self, tried: Try, *, practice: bool) -> LoggedTry:
        with self.transaction():
            cursor = self.execute(
                "INSERT INTO tries (exercise_id, part, at, answer, verdict, hints, seconds,"
                " solution_seen, self_grade, overridden, seed, practice)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    tried.exercise_id,
                    tried.part,
                    timestamp(tried.at),
                    tried.answer,
                    tried.verdict.value,
                    tried.hints,
                    tried.seconds,
                    int(tried.solution_seen),
                    None if tried.self_grade is None else int(tried.self_grade),
                    int(tried.overridden),
                    tried.seed,
                    int(practice),
                ),
            )
        return LoggedTry(int(cursor.lastrowid or 0), tried, practice, None)

    def tries(self, exercise_id: str | None = None, *, open_only: bool = False) -> list[LoggedTry]:
        """The try log in order, for one exercise or all; ``open_only``: the tries of
        sittings not yet reviewed (practice and undecided tries left out)."""
        conditions = [] if exercise_id is None else ["t.exercise_id = :exercise"]
        if open_only:
            conditions.append(
                "t.attempt_id IS NULL AND t.practice = 0 AND t.verdict != 'undecided'"
            )
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self.rows(
            f"SELECT {TRY_COLUMNS}, CASE WHEN t.id = (SELECT max(id) FROM tries"
            " WHERE attempt_id = t.attempt_id) THEN a.rating END"
            f" FROM tries t LEFT JOIN attempts a ON a.id = t.attempt_id{where} ORDER BY t.id",
            {"exercise": exercise_id},
        )
        return readable(rows, try_from_row)

    def open_exercise_ids(self) -> dict[str, datetime]:
        """Exercises with a sitting not yet reviewed, and when each sitting began."""
        rows = self.rows(
            "SELECT exercise_id, min(at) FROM tries WHERE attempt_id IS NULL"
            " AND practice = 0 AND verdict != 'undecided' GROUP BY exercise_id"
        )
        return dict(readable(rows, lambda row: (row[0], moment(row[1]))))

    def last_try(self) -> LoggedTry | None:
        return self._one_try("ORDER BY t.id DESC LIMIT 1")

    def logged_try(self, try_id: int) -> LoggedTry | None:
        return self._one_try("WHERE t.id = ?", (try_id,))

    def _one_try(self, condition: str, parameters: Sequence[object] = ()) -> LoggedTry | None:
        rows = self.rows(
            f"SELECT {TRY_COLUMNS}, CASE WHEN t.id = (SELECT max(id) FROM tries"
            " WHERE attempt_id = t.attempt_id) THEN a.rating END"
            f" FROM tries t LEFT JOIN attempts a ON a.id = t.attempt_id {condition}",
            parameters,
        )
        return next(iter(readable(rows, try_from_row)), None)

    def parts_tried_since(self, exercise_id: str, since: datetime) -> set[int]:
        """The parts of the exercise with a try at ``since`` or later."""
        rows = self.rows(
            "SELECT DISTINCT part FROM tries WHERE exercise_id = ? AND at >= ?",
            (exercise_id, timestamp(since)),
        )
        return {int(row[0]) for row in rows}

    def last_try_at(self, exercise_id: str, part: int) -> datetime | None:
        """When the part was last tried (any verdict), or None if never."""
        rows = self.rows(
            "SELECT max(at) FROM tries WHERE exercise_id = ? AND part = ?", (exercise_id, part)
        )
        return next(iter(readable(rows, lambda row: moment(row[0]))), None)

    def link_tries(self, try_ids: Iterable[int], attempt_id: int) -> None:
        """Mark tries as the sitting that became review ``attempt_id``."""
        with self.transaction():
            self.execute_many(
                "UPDATE tries SET attempt_id = ? WHERE id = ?",
                [(attempt_id, try_id) for try_id in try_ids],
            )

    def delete_try(self, try_id: int) -> None:
        self.write("DELETE FROM tries WHERE id = ?", (try_id,))

    def mark_overridden(self, try_id: int) -> None:
        """The learner says the checker was wrong: the try counts as right, and says so."""
        self.write("UPDATE tries SET verdict = 'correct', overridden = 1 WHERE id = ?", (try_id,))

    def overridden_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM tries WHERE overridden = 1"))

    # Help taken outside an attempt

    def record_help(self, exercise_id: str, part: int, kind: HelpKind, at: datetime) -> None:
        """Remember a hint or solution shown by the one-shot ``hint``/``solution`` commands."""
        self.write(
            "INSERT INTO help_events (exercise_id, part, kind, at) VALUES (?, ?, ?, ?)",
            (exercise_id, part, kind.value, timestamp(at)),
        )

    def help_taken(self, exercise_id: str) -> HelpTaken:
        """Help shown for each part since that part's last try: its next try should count it."""
        rows = self.rows(
            "SELECT e.part, e.kind, e.at FROM help_events e WHERE e.exercise_id = ? AND e.at >"
            " coalesce((SELECT max(t.at) FROM tries t WHERE t.exercise_id = e.exercise_id"
            " AND t.part = e.part), '') ORDER BY e.id",
            (exercise_id,),
        )
        return HelpTaken(
            tuple(
                readable(
                    rows,
                    lambda row: HelpEvent(exercise_id, row[0], HelpKind(row[1]), moment(row[2])),
                )
            )
        )

    # Instances of parameterised exercises

    def remember_shown(self, exercise_id: str, seed: int, at: datetime) -> None:
        """``seed``'s instance of the exercise is the one the learner sees now; shown again,
        it keeps the moment it was first shown (its sitting began then)."""
        self.write(
            "INSERT INTO shown_instances (exercise_id, seed, at) VALUES (?, ?, ?)"
            " ON CONFLICT (exercise_id) DO UPDATE SET seed = excluded.seed, at = excluded.at"
            " WHERE seed != excluded.seed",
            (exercise_id, seed, timestamp(at)),
        )

    def shown_instance(self, exercise_id: str) -> ShownInstance | None:
        """The instance of the exercise the learner saw last, if any."""
        rows = self.rows(
            "SELECT seed, at FROM shown_instances WHERE exercise_id = ?", (exercise_id,)
        )
        read = readable(rows, lambda row: ShownInstance(exercise_id, int(row[0]), moment(row[1])))
        return next(iter(read), None)

    # The card cache

    def card(self, exercise_id: str) -> CardState | None:
        rows = self.rows(f"SELECT {CARD_COLUMNS} FROM cards WHERE exercise_id = ?", (exercise_id,))
        return next(iter(readable(rows, card_from_row)), None)

    def cards(self) -> dict[str, CardState]:
        """Every cached card, keyed by exercise id (orphans included; queues filter by bank)."""
        rows = self.rows(f"SELECT {CARD_COLUMNS} FROM cards")
        return {card.exercise_id: card for card in readable(rows, card_from_row)}

    def delete_card(self, exercise_id: str) -> None:
        self.write("DELETE FROM cards WHERE exercise_id = ?", (exercise_id,))

    def save_card(self, card: CardState) -> None:
        self.write(
            f"INSERT OR REPLACE INTO cards ({CARD_COLUMNS}) VALUES ({CARD_PLACEHOLDERS})",
            card_row(card),
        )

    def replace_cards(self, cards: Iterable[CardState]) -> None:
        """Swap the whole cache at once (used by a rebuild from the log)."""
        with self.transaction():
            self.execute("DELETE FROM cards")
            self.execute_many(
                f"INSERT INTO cards ({CARD_COLUMNS}) VALUES ({CARD_PLACEHOLDERS})",
                [card_row(card) for card in cards],
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
        self.write(
            "INSERT INTO learner_ratings (topic, attempt_id, at, rating, deviation, volatility)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (topic, attempt_id, timestamp(at), *rating_values(rating)),
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
        self.write(
            "INSERT OR REPLACE INTO exercise_ratings"
            " (exercise_id, attempt_id, at, rating, deviation, volatility)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (exercise_id, attempt_id, timestamp(at), *rating_values(rating)),
        )

    # Settings

    def settings(self) -> Settings:
        """Stored settings over the defaults. A key unknown here (a newer penpaper's) is
        ignored, and so is a value of the wrong type or out of its range (an older
        penpaper checked less): the default applies until ``penpaper config`` sets it."""
        defaults = Settings()
        values: dict[str, Any] = {}
        for key, text in self.rows("SELECT key, value FROM settings"):
            if not hasattr(defaults, key):
                continue
            try:
                value = json.loads(text)
            except ValueError:
                continue
            expected = type(getattr(defaults, key))
            if expected is tuple and type(value) is list and all(type(v) is str for v in value):
                value = tuple(value)  # JSON has lists only
            typed = type(value) is expected or (expected is float and type(value) is int)
            if typed and valid_setting(key, value):
                values[key] = value
        return dataclasses.replace(defaults, **values)

    def save_settings(self, settings: Settings) -> None:
        rows = [(key, json.dumps(value)) for key, value in dataclasses.asdict(settings).items()]
        with self.transaction():
            self.execute_many("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", rows)
