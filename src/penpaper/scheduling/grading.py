"""What a review is worth: each part graded, the parts combined into one FSRS rating,
and the score of the Glicko-2 game against the exercise.

One FSRS card per exercise (its parts are worked together), so a review's parts
become one rating. A review passes only if most of its parts were right; help
(hints, a solution read first) lowers the FSRS grade, so the exercise comes
back sooner, but not the game: a right first answer is a win for the topic's
rating whatever hints were read (:func:`game_score`).
"""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating, State

from penpaper.progress.records import Attempt, CardState, Outcome, PartResult
from penpaper.progress.settings import Settings


def part_grade(part: PartResult) -> Rating:
    """One part's worth: the learner's own grade for a derivation, else judged by help taken."""
    if part.self_grade is not None:
        return part.self_grade
    if part.outcome is not Outcome.CORRECT or part.solution_seen:
        return Rating.Again
    return Rating.Hard if part.hints_used else Rating.Good


def rating_for_attempt(attempt: Attempt, card: CardState | None, settings: Settings) -> Rating:
    """The rating the scheduler gets for ``attempt`` on an exercise whose card was ``card``.

    Each part is graded (:func:`part_grade`), then combined: half the parts or
    more failed → Again (not passed); fewer failed → Hard (passed in part);
    none failed → the weakest part's grade. A clean Good becomes Easy when the
    attempt was quick (``quick_seconds_per_part`` per part) and the card was
    already in Review.
    """
    grades = [part_grade(part) for part in attempt.parts]
    failed = grades.count(Rating.Again)
    if 2 * failed >= len(grades):
        return Rating.Again
    if failed:
        return Rating.Hard
    rating = min(grades)
    quick = attempt.duration <= timedelta(seconds=settings.quick_seconds_per_part * len(grades))
    if rating is Rating.Good and quick and card is not None and card.state is State.Review:
        return Rating.Easy
    return rating


def game_score(attempt: Attempt) -> float:
    """The review's score in the game against the exercise: the share of its parts right
    on the first try (a self-graded part counts when graded above again). Hints do not
    lower it; a solution read before answering does."""
    right = sum(
        part.self_grade is not Rating.Again
        if part.self_grade is not None
        else part.outcome is Outcome.CORRECT and not part.solution_seen
        for part in attempt.parts
    )
    return right / len(attempt.parts)
