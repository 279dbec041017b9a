"""Recording what the learner does: every try at once, and the day's review when it is due.

Every way of answering (a drill, ``penpaper check``, ``solution --give-up``)
goes through :func:`record_try`, so all are rated alike:

- A try is written the moment it is judged (one transaction), so a verdict on
  screen is on disk whatever happens next.
- An exercise's tries since its last review form a *sitting*. When every part
  of the sitting has a first try, the sitting becomes the exercise's review
  (:func:`record_attempt`): one FSRS review, and on the first review ever one
  Glicko-2 game, made from the first try of each part.
- At most one review per exercise and learner day: tries after that day's
  review are practice, kept in the log and never scheduled.
- A sitting left open past the end of the learner day it began in is settled
  (:func:`settle_open_sittings`): rated from the parts answered, every part
  left unanswered counted as failed, exactly as a wrong answer would be. So
  quitting is never better than answering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from penpaper.bank.model import Exercise
from penpaper.progress.records import (
    Attempt,
    CardState,
    LoggedAttempt,
    LoggedTry,
    Outcome,
    PartResult,
    Try,
)
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import SkillRating, play, seed_for_difficulty
from penpaper.scheduling.days import ONE_DAY, day_start
from penpaper.scheduling.grading import game_score, rating_for_attempt
from penpaper.scheduling.memory import fsrs_scheduler, reviewed_card


@dataclass(frozen=True)
class RecordedAttempt:
    """What a review did: the log entry, the new card, and any move of the learner's rating."""

    logged: LoggedAttempt
    card: CardState
    learner_rating_before: SkillRating | None = None
    learner_rating_after: SkillRating | None = None


@dataclass(frozen=True)
class RecordedTry:
    """What recording a try did: the try as logged, and the review it completed, if any.

    ``practice``: the exercise was already reviewed this learner day, so the try
    is history only. ``unanswered``: parts of the open sitting still to answer.
    """

    logged: LoggedTry
    practice: bool
    review: RecordedAttempt | None
    unanswered: tuple[int, ...]


def record_attempt(
    store: Store, exercise: Exercise, attempt: Attempt, settings: Settings | None = None
) -> RecordedAttempt:
    """Log the review ``attempt``, update the card (and on a first review the ratings),
    in one transaction. Settings default to the store's own."""
    if attempt.exercise_id != exercise.id:
        raise ValueError(f"attempt is at {attempt.exercise_id}, not {exercise.id}")
    settings = store.settings() if settings is None else settings
    with store.transaction():
        # Read inside the transaction: another process may have just reviewed this card.
        previous = store.card(exercise.id)
        rating = rating_for_attempt(attempt, previous, settings)
        logged = store.append_attempt(attempt, rating, previous)
        card = reviewed_card(
            previous, exercise.id, rating, attempt.finished_at, fsrs_scheduler(settings)
        )
        store.save_card(card)
        if not logged.first:
            return RecordedAttempt(logged, card)
        before = store.learner_rating(exercise.topic)
        after, exercise_rating = play(
            before, seed_for_difficulty(exercise.difficulty), game_score(attempt)
        )
        store.append_learner_rating(exercise.topic, after, logged.id, attempt.finished_at)
        store.save_exercise_rating(exercise.id, exercise_rating, logged.id, attempt.finished_at)
    return RecordedAttempt(logged, card, before, after)


def record_try(store: Store, exercise: Exercise, tried: Try, now: datetime) -> RecordedTry:
    """Write ``tried`` at once; if it completes the open sitting, make the day's review too."""
    if tried.exercise_id != exercise.id:
        raise ValueError(f"try is at {tried.exercise_id}, not {exercise.id}")
    with store.transaction():
        settings = store.settings()
        practice = store.reviewed_since(exercise.id, day_start(now, settings))
        logged = store.append_try(tried, practice=practice)
        if tried.seed is not None:  # an answer to an instance: it is the one shown now
            store.remember_shown(exercise.id, tried.seed, tried.at)
        if practice or not tried.counts:
            return RecordedTry(logged, practice, None, ())
        return complete_sitting(store, exercise, settings, logged, now)


def complete_sitting(
    store: Store, exercise: Exercise, settings: Settings, logged: LoggedTry, now: datetime
) -> RecordedTry:
    """Make the review of ``exercise``'s open sitting if every part has a first try."""
    tries = store.tries(exercise.id, open_only=True)
    firsts = _first_tries(tries)
    unanswered = tuple(part.number for part in exercise.parts if part.number not in firsts)
    if unanswered:
        return RecordedTry(logged, False, None, unanswered)
    review = _review_sitting(store, exercise, settings, now, tries)
    return RecordedTry(logged, False, review, ())


def open_sitting(store: Store, exercise: Exercise) -> dict[int, LoggedTry]:
    """The first try of each part answered since the exercise's last review."""
    return _first_tries(store.tries(exercise.id, open_only=True))


def _first_tries(tries: Sequence[LoggedTry]) -> dict[int, LoggedTry]:
    firsts: dict[int, LoggedTry] = {}
    for logged in tries:
        firsts.setdefault(logged.tried.part, logged)
    return firsts


def settle_open_sittings(
    store: Store, exercises: Mapping[str, Exercise], now: datetime
) -> list[RecordedAttempt]:
    """Review every sitting begun before today's learner day, unanswered parts as failed.

    Exercises no longer in the bank stay open: their parts are unknown.
    """
    settled = []
    with store.transaction():
        settings = store.settings()
        today = day_start(now, settings)
        for exercise_id, began in store.open_exercise_ids().items():
            if began < today and exercise_id in exercises:
                tries = store.tries(exercise_id, open_only=True)
                exercise = exercises[exercise_id]
                settled.append(_review_sitting(store, exercise, settings, now, tries))
    return settled


def _review_sitting(
    store: Store,
    exercise: Exercise,
    settings: Settings,
    now: datetime,
    tries: Sequence[LoggedTry],
) -> RecordedAttempt:
    """The open sitting (``tries``) as a review: each part's first try, a missing part
    as failed.

    A review of an exercise not due today is practice ahead of schedule: it
    moves the card but never counts against the daily limits or retention.
    """
    firsts = _first_tries(tries)
    parts = tuple(
        firsts[part.number].tried.part_result()
        if part.number in firsts
        else PartResult(part.number, Outcome.SKIPPED)
        for part in exercise.parts
    )
    card = store.card(exercise.id)
    ahead = card is not None and card.due >= day_start(now, settings) + ONE_DAY
    moments = [logged.tried.at for logged in tries]
    attempt = Attempt(exercise.id, min(moments), max(moments), parts, ahead)
    recorded = record_attempt(store, exercise, attempt, settings)
    store.link_tries((logged.id for logged in tries), recorded.logged.id)
    return recorded
