"""The memory model: FSRS cards per exercise, via the ``fsrs`` package (FSRS-6).

Learning and relearning steps are one day, not FSRS's default minutes: unlike
a flashcard, an exercise redone ten minutes after reading its solution tests
short-term memory. A failure brings the exercise back tomorrow; the card
reaches Review (is "learned") once it is passed. A lapse is an Again after
that; :data:`LEECH_LAPSES` of them make a leech.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

from penpaper.progress.records import CardState, LoggedAttempt, as_utc
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.scheduling.days import ONE_DAY

LEECH_LAPSES = 4


def fsrs_scheduler(settings: Settings) -> Scheduler:
    """The FSRS scheduler for these settings (fuzzing off makes due dates reproducible)."""
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=(ONE_DAY,),
        relearning_steps=(ONE_DAY,),
        enable_fuzzing=settings.fuzzing,
    )


def _fsrs_card(card: CardState) -> Card:
    # card_id is required: without it fsrs sleeps a millisecond to make a unique one.
    return Card(
        card_id=0,
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def reviewed_card(
    card: CardState | None, exercise_id: str, rating: Rating, at: datetime, scheduler: Scheduler
) -> CardState:
    """``card`` (None for a new exercise) after a review rated ``rating`` at ``at``."""
    at = as_utc(at)
    before = Card(card_id=0, due=at) if card is None else _fsrs_card(card)
    after, _ = scheduler.review_card(before, rating, review_datetime=at)
    # fsrs always sets both on review; its types allow None for never-reviewed cards.
    assert after.stability is not None and after.difficulty is not None
    lapsed = card is not None and card.state is not State.Learning and rating is Rating.Again
    return CardState(
        exercise_id=exercise_id,
        state=after.state,
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
        last_review=at,
        reviews=(0 if card is None else card.reviews) + 1,
        lapses=(0 if card is None else card.lapses) + int(lapsed),
    )


def retrievability(card: CardState, now: datetime, scheduler: Scheduler) -> float:
    """FSRS's predicted chance of solving the exercise at ``now``."""
    return float(scheduler.get_card_retrievability(_fsrs_card(card), as_utc(now)))


def rebuild_cards(store: Store, settings: Settings | None = None) -> int:
    """Recompute every card from the attempt log; returns how many cards there are.

    With fuzzing on, due dates may land elsewhere within the fuzz range.
    """
    settings = store.settings() if settings is None else settings
    with store.transaction():
        cards = replayed_cards(store.attempts(), fsrs_scheduler(settings))
        store.replace_cards(cards.values())
    return len(cards)


def replayed_cards(logged: Iterable[LoggedAttempt], scheduler: Scheduler) -> dict[str, CardState]:
    """The cards the reviews in ``logged`` lead to, replayed in the order they happened."""
    cards: dict[str, CardState] = {}
    for entry in sorted(logged, key=lambda entry: (entry.attempt.finished_at, entry.id)):
        exercise_id = entry.attempt.exercise_id
        cards[exercise_id] = reviewed_card(
            cards.get(exercise_id), exercise_id, entry.rating, entry.attempt.finished_at, scheduler
        )
    return cards
