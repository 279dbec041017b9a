"""Taking things back: ``penpaper undo``, a drill's ``undo``, and "the checker was wrong".

Each removes or changes tries and, when a try had made a review, removes that
review and restores what it changed: the card exactly as it was (the review
kept it), the learner's and the exercise's ratings (their rows go with it).
The sitting the review was made from is open again, so its parts can be
answered again; a corrected sitting is reviewed again at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from penpaper.bank.model import Exercise
from penpaper.progress.records import CardState, LoggedTry
from penpaper.progress.store import Store
from penpaper.scheduling.memory import fsrs_scheduler, replayed_cards
from penpaper.scheduling.recording import RecordedTry, complete_sitting


@dataclass(frozen=True)
class Undone:
    """What ``penpaper undo`` took back: the try, and the card as restored if it made a review."""

    tried: LoggedTry
    review_removed: bool
    card: CardState | None


def undo_last_try(store: Store) -> Undone | None:
    """Remove the last recorded try and the review it made; None when the log is empty."""
    with store.transaction():
        last = store.last_try()
        if last is None:
            return None
        if last.attempt_id is not None:
            # The newest try of a review is the one that made it.
            _remove_review(store, last.attempt_id, last.tried.exercise_id)
        store.delete_try(last.id)
        return Undone(last, last.attempt_id is not None, store.card(last.tried.exercise_id))


def take_back(store: Store, tries: Sequence[LoggedTry]) -> None:
    """Remove ``tries`` (a part just judged in a drill) and any review they made."""
    with store.transaction():
        # Read afresh: a try's review is linked after the try was written.
        current = [entry for logged in tries if (entry := store.logged_try(logged.id))]
        for attempt_id, exercise_id in {
            (entry.attempt_id, entry.tried.exercise_id)
            for entry in current
            if entry.attempt_id is not None
        }:
            _remove_review(store, attempt_id, exercise_id)
        for entry in current:
            store.delete_try(entry.id)


def override(store: Store, exercise: Exercise, logged: LoggedTry, now: datetime) -> RecordedTry:
    """Count a try judged wrong as right (``overridden`` stays on it for the bank's author).

    If it had made a review, that review is replaced by one made with the
    corrected verdict; a practice try is only marked.
    """
    with store.transaction():
        current = store.logged_try(logged.id)  # afresh: the caller's copy may predate a review
        if current is None:
            raise ValueError(f"try {logged.id} is not in the log")
        if current.attempt_id is not None:
            _remove_review(store, current.attempt_id, exercise.id)
        store.mark_overridden(logged.id)
        corrected = store.logged_try(logged.id)
        assert corrected is not None
        if corrected.practice:
            return RecordedTry(corrected, True, None, ())
        return complete_sitting(store, exercise, store.settings(), corrected, now)


def _remove_review(store: Store, attempt_id: int, exercise_id: str) -> None:
    known, card = store.card_before(attempt_id)
    store.remove_attempt(attempt_id)
    if not known:  # a review from before reviews kept their card: replay the log
        scheduler = fsrs_scheduler(store.settings())
        card = replayed_cards(store.attempts(exercise_id), scheduler).get(exercise_id)
    if card is None:
        store.delete_card(exercise_id)
    else:
        store.save_card(card)
