"""Rows of the progress database read into records and written from them.

Reading is forgiving: a row damaged outside penpaper (an odd timestamp, an
unknown verdict) is passed over by :func:`readable` rather than breaking every
command that lists the log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from fsrs import Rating, State

from penpaper.progress.database import moment, timestamp
from penpaper.progress.records import CardState, LoggedTry, Try, TryVerdict
from penpaper.ratings import SkillRating

T = TypeVar("T")
CARD_COLUMNS = "exercise_id, state, step, stability, difficulty, due, last_review, reviews, lapses"
CARD_PLACEHOLDERS = ", ".join("?" * len(CARD_COLUMNS.split(",")))
TRY_COLUMNS = (
    "t.id, t.exercise_id, t.part, t.at, t.answer, t.verdict, t.hints, t.seconds,"
    " t.solution_seen, t.self_grade, t.overridden, t.seed, t.practice, t.attempt_id"
)


def card_json(card: CardState | None) -> str:
    """A card as kept with a review, so undoing the review restores it exactly."""
    return json.dumps(None if card is None else card_row(card))


def card_from_json(text: str) -> CardState | None:
    row = json.loads(text)
    return None if row is None else card_from_row(row)


def card_row(card: CardState) -> tuple[object, ...]:
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


def card_from_row(row: Sequence[Any]) -> CardState:
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


def rating_values(rating: SkillRating) -> tuple[float, float, float]:
    return (rating.rating, rating.deviation, rating.volatility)


def readable(rows: Iterable[Sequence[Any]], read: Callable[[Sequence[Any]], T]) -> list[T]:
    """``read`` of every row that can be read: a row damaged outside penpaper (an odd
    timestamp, an unknown verdict) is passed over rather than breaking every command."""
    readable = []
    for row in rows:
        try:
            readable.append(read(row))
        except (ValueError, TypeError, KeyError):
            continue
    return readable


def try_from_row(row: Sequence[Any]) -> LoggedTry:
    (try_id, exercise_id, part, at, answer, verdict, hints, seconds, seen, grade,
     overridden, seed, practice, attempt_id, rating) = row  # fmt: skip
    tried = Try(
        exercise_id=exercise_id,
        part=part,
        at=moment(at),
        answer=answer,
        verdict=TryVerdict(verdict),
        hints=hints,
        seconds=seconds,
        solution_seen=bool(seen),
        self_grade=None if grade is None else Rating(grade),
        overridden=bool(overridden),
        seed=seed,
    )
    return LoggedTry(
        try_id, tried, bool(practice), attempt_id, None if rating is None else Rating(rating)
    )
