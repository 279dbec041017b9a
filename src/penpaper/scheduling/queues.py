"""What to practise now: due reviews, practice ahead of schedule, new exercises, what is coming.

Due exercises come least-well-remembered first; new ones where the learner's
predicted success is closest to 75 % (:data:`~penpaper.ratings.TARGET_SUCCESS`).
Daily limits count from the learner's day start (:mod:`penpaper.scheduling.days`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from penpaper.bank.summaries import Listed
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import TARGET_SUCCESS, SkillRating, expected_score, seed_for_difficulty
from penpaper.scheduling.days import ONE_DAY, day_start, learner_days_until
from penpaper.scheduling.memory import fsrs_scheduler, retrievability

E = TypeVar("E", bound=Listed)
"""Whole exercises (to drill) or their summaries (to count): queues only look at ids,
topics and difficulties, and hand back what they were given."""


def _daily_room(allowed: int, used: int, limit: int | None) -> int:
    room = max(0, allowed - used)
    return room if limit is None else min(room, limit)


def _in_topic(bank: Iterable[E], topic: str | None) -> list[E]:
    return [exercise for exercise in bank if topic is None or exercise.topic == topic]


def _weakest_first(
    bank: Iterable[E],
    store: Store,
    now: datetime,
    topic: str | None,
    due_by: datetime | None,
    settings: Settings,
) -> list[E]:
    """Seen exercises of the bank (due by ``due_by`` if given), lowest retrievability first."""
    scheduler = fsrs_scheduler(settings)
    cards = store.cards()
    ranked = [
        (retrievability(card, now, scheduler), card.due, exercise.id, exercise)
        for exercise in _in_topic(bank, topic)
        if (card := cards.get(exercise.id)) is not None and (due_by is None or card.due < due_by)
    ]
    ranked.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ranked]


def due_exercises(
    bank: Iterable[E],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[E]:
    """Exercises due by the end of the learner's day, least likely remembered first.

    Capped by what is left of the daily review limit. Ids no longer in the bank are skipped.
    """
    settings = store.settings()
    today = day_start(now, settings)
    due = _weakest_first(bank, store, now, topic, today + ONE_DAY, settings)
    room = _daily_room(settings.reviews_per_day, store.count_attempts(today, first=False), limit)
    return due[:room]


def weakest_exercises(
    bank: Iterable[E],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[E]:
    """Every seen exercise, weakest first, due or not: for practice ahead of schedule.

    No daily limit applies; record these attempts with ``practice=True``.
    """
    return _weakest_first(bank, store, now, topic, None, store.settings())[:limit]


def predicted_success(learner: SkillRating, exercise: Listed) -> float:
    """The chance the learner solves a never-attempted ``exercise`` (rated from its difficulty)."""
    return expected_score(learner, seed_for_difficulty(exercise.difficulty))


def new_exercises(
    bank: Iterable[E],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[E]:
    """Never-attempted exercises, the one with predicted success closest to 75% first.

    Capped by what is left of the daily limit for new exercises.
    """
    attempted = store.attempted_exercise_ids()
    begun = store.open_exercise_ids()  # resumed first by a drill, not new again
    learner = store.learner_ratings()
    fresh = [
        exercise
        for exercise in _in_topic(bank, topic)
        if exercise.id not in attempted and exercise.id not in begun
    ]
    fresh.sort(
        key=lambda exercise: (
            abs(
                predicted_success(learner.get(exercise.topic, SkillRating()), exercise)
                - TARGET_SUCCESS
            ),
            exercise.difficulty,
            exercise.id,
        )
    )
    room = new_left_today(store, now)
    return fresh[: room if limit is None else min(room, limit)]


def new_left_today(store: Store, now: datetime) -> int:
    """How many new exercises the day's limit still allows: those finished for the first
    time today count, and so does each exercise begun and never finished (it is resumed
    before any new one, and was new when it was begun)."""
    settings = store.settings()
    introduced = store.count_attempts(day_start(now, settings), first=True)
    attempted = store.attempted_exercise_ids()
    begun = sum(exercise_id not in attempted for exercise_id in store.open_exercise_ids())
    return max(0, settings.new_per_day - introduced - begun)


def open_exercises(bank: Iterable[E], store: Store, topic: str | None = None) -> list[E]:
    """Exercises with parts answered and parts still to answer: a drill resumes them first."""
    begun = store.open_exercise_ids()
    return sorted(
        (exercise for exercise in _in_topic(bank, topic) if exercise.id in begun),
        key=lambda exercise: begun[exercise.id],
    )


def drill_exercises(
    bank: Iterable[E], store: Store, now: datetime, count: int, *, only_new: bool = False
) -> list[E]:
    """Up to ``count`` exercises for a drill: unfinished ones, the due ones, then new ones
    near the learner's level."""
    exercises = list(bank)
    chosen = open_exercises(exercises, store)
    if not only_new:
        chosen += due_exercises(exercises, store, now, limit=count)
    chosen += new_exercises(exercises, store, now, limit=count)
    return list(dict.fromkeys(chosen))[:count]


@dataclass(frozen=True)
class UpcomingReviews:
    """What is coming, for the line that ends a session ("3 due tomorrow — run penpaper review")."""

    due_today: int  # what `penpaper review` would show now, daily limit applied
    due_tomorrow: int  # due by the end of tomorrow and not in today's queue, up to the daily limit
    next_due: datetime | None  # the earliest due date after today, if any
    next_due_in_days: int | None  # learner days until then (1 is tomorrow)


def upcoming_reviews(bank: Iterable[E], store: Store, now: datetime) -> UpcomingReviews:
    """How many reviews today and tomorrow, and when the next one after today falls."""
    exercises = list(bank)
    settings = store.settings()
    tomorrow = day_start(now, settings) + ONE_DAY
    in_bank = {exercise.id for exercise in exercises}
    dues = [card.due for card in store.cards().values() if card.exercise_id in in_bank]
    due_today = len(due_exercises(exercises, store, now))
    by_end_of_tomorrow = sum(1 for due in dues if due < tomorrow + ONE_DAY)
    next_due = min((due for due in dues if due >= tomorrow), default=None)
    return UpcomingReviews(
        due_today=due_today,
        due_tomorrow=min(settings.reviews_per_day, by_end_of_tomorrow - due_today),
        next_due=next_due,
        next_due_in_days=None if next_due is None else learner_days_until(next_due, now, settings),
    )
