"""Recording an attempt: the log entry, the card and the ratings, in one transaction.

Every way of answering (a drill, ``penpaper check``, ``solution --give-up``)
records through :func:`record_attempt`, so they are rated alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from penpaper.bank.model import Exercise
from penpaper.progress.records import Attempt, CardState, LoggedAttempt, Outcome, PartResult
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import SkillRating, play, seed_for_difficulty
from penpaper.scheduling.grading import GAME_SCORE, rating_for_attempt
from penpaper.scheduling.memory import fsrs_scheduler, reviewed_card


@dataclass(frozen=True)
class RecordedAttempt:
    """What recording did: the log entry, the new card, and any move of the learner's rating."""

    logged: LoggedAttempt
    card: CardState
    learner_rating_before: SkillRating | None = None
    learner_rating_after: SkillRating | None = None


def record_attempt(
    store: Store, exercise: Exercise, attempt: Attempt, settings: Settings | None = None
) -> RecordedAttempt:
    """Log ``attempt`` and update the card (and on a first attempt the ratings) in one transaction.

    Settings default to the store's own.
    """
    if attempt.exercise_id != exercise.id:
        raise ValueError(f"attempt is at {attempt.exercise_id}, not {exercise.id}")
    settings = store.settings() if settings is None else settings
    with store.transaction():
        # Read inside the transaction: another process may have just reviewed this card.
        previous = store.card(exercise.id)
        rating = rating_for_attempt(attempt, previous, settings)
        logged = store.append_attempt(attempt, rating)
        card = reviewed_card(
            previous, exercise.id, rating, attempt.finished_at, fsrs_scheduler(settings)
        )
        store.save_card(card)
        if not logged.first:
            return RecordedAttempt(logged, card)
        before = store.learner_rating(exercise.topic)
        after, exercise_rating = play(
            before, seed_for_difficulty(exercise.difficulty), GAME_SCORE[rating]
        )
        store.append_learner_rating(exercise.topic, after, logged.id, attempt.finished_at)
        store.save_exercise_rating(exercise.id, exercise_rating, logged.id, attempt.finished_at)
    return RecordedAttempt(logged, card, before, after)


def record_one_part(
    store: Store,
    exercise: Exercise,
    part_number: int,
    outcome: Outcome,
    answer: str,
    started_at: datetime,
    finished_at: datetime,
    *,
    gave_up: bool = False,
) -> RecordedAttempt:
    """A one-shot answer (``check``, ``solution --give-up``): one part, counting the help
    taken outside a drill since the last attempt; ``gave_up`` means the solution was shown."""
    help_taken = store.help_taken(exercise.id)
    result = PartResult(
        part_number,
        outcome,
        answer,
        help_taken.hints_used(part_number),
        gave_up or help_taken.solution_seen(part_number),
    )
    return record_attempt(store, exercise, Attempt(exercise.id, started_at, finished_at, (result,)))
