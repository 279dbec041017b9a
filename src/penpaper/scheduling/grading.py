"""What an attempt is worth: each part graded, the parts combined into one FSRS rating.

One FSRS card per exercise (its parts are worked together), so an attempt's
parts become one rating; the same rating scores the Glicko-2 game against the
exercise (:data:`GAME_SCORE`).
"""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating, State

from penpaper.progress.records import Attempt, CardState, Outcome, PartResult
from penpaper.progress.settings import Settings

# What an attempt scores against the exercise in Glicko-2 terms: Hard is half a win.
GAME_SCORE = {Rating.Again: 0.0, Rating.Hard: 0.5, Rating.Good: 1.0, Rating.Easy: 1.0}


def part_grade(part: PartResult) -> Rating:
    """One part's worth: the learner's own grade for a derivation, else judged by help taken."""
    if part.self_grade is not None:
        return part.self_grade
    if part.outcome is not Outcome.CORRECT or part.solution_seen:
        return Rating.Again
    return Rating.Hard if part.hints_used else Rating.Good


def rating_for_attempt(attempt: Attempt, card: CardState | None, settings: Settings) -> Rating:
    """The rating the scheduler gets for ``attempt`` on an exercise whose card was ``card``.

    Each part is graded (:func:`part_grade`), then combined: every part failed
    → Again; some failed and some passed (partly correct) → Hard; otherwise the
    weakest part's grade. A clean Good becomes Easy when the attempt was quick
    (``quick_seconds_per_part`` per part) and the card was already in Review.
    """
    grades = [part_grade(part) for part in attempt.parts]
    failed = grades.count(Rating.Again)
    if failed == len(grades):
        return Rating.Again
    if failed:
        return Rating.Hard
    rating = min(grades)
    quick = attempt.duration <= timedelta(seconds=settings.quick_seconds_per_part * len(grades))
    if rating is Rating.Good and quick and card is not None and card.state is State.Review:
        return Rating.Easy
    return rating
