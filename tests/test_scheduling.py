"""Scheduling: the attempt → rating mapping, recording, rebuilds, queues, leeches and summaries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State

from penpaper.bank.model import Exercise
from penpaper.progress.records import Attempt, CardState, Outcome, PartResult
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import SkillRating
from penpaper.scheduling.days import day_start
from penpaper.scheduling.grading import game_score, rating_for_attempt
from penpaper.scheduling.memory import LEECH_LAPSES, fsrs_scheduler, rebuild_cards
from penpaper.scheduling.queues import (
    UpcomingReviews,
    drill_exercises,
    due_exercises,
    new_exercises,
    upcoming_reviews,
    weakest_exercises,
)
from penpaper.scheduling.recording import record_attempt
from penpaper.stats.topics import topic_summaries

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
MakeAttempt = Callable[..., Attempt]
MakeExercise = Callable[..., Exercise]
SETTINGS = Settings(fuzzing=False)
NEW_CARD = None
REVIEW_CARD = CardState("a/one", State.Review, None, 5.0, 5.0, T0, T0 - 5 * DAY, 3, 0)


def parts(*results: PartResult, seconds: float = 600) -> Attempt:
    return Attempt("a/one", T0 - timedelta(seconds=seconds), T0, results)


def correct(number: int = 1, hints: int = 0, solution_seen: bool = False) -> PartResult:
    return PartResult(number, Outcome.CORRECT, "x", hints, solution_seen)


def graded(number: int, grade: Rating) -> PartResult:
    return PartResult(number, Outcome.SELF_GRADED, "proof", self_grade=grade)


@pytest.mark.parametrize(
    ("attempt", "card", "expected"),
    [
        (parts(correct(1), correct(2)), NEW_CARD, Rating.Good),
        (parts(correct(1), correct(2, hints=1)), NEW_CARD, Rating.Hard),
        (parts(correct(1), PartResult(2, Outcome.INCORRECT)), NEW_CARD, Rating.Again),
        (
            parts(correct(1), correct(2), PartResult(3, Outcome.INCORRECT)),
            NEW_CARD,
            Rating.Hard,
        ),
        (parts(PartResult(1, Outcome.INCORRECT)), NEW_CARD, Rating.Again),
        (
            parts(PartResult(1, Outcome.INCORRECT), PartResult(2, Outcome.SKIPPED)),
            NEW_CARD,
            Rating.Again,
        ),
        (parts(correct(1, solution_seen=True)), REVIEW_CARD, Rating.Again),
        (parts(correct(1), seconds=30), REVIEW_CARD, Rating.Easy),
        (parts(correct(1), correct(2), seconds=100), REVIEW_CARD, Rating.Easy),
        (parts(correct(1), seconds=30), NEW_CARD, Rating.Good),
        (parts(correct(1), seconds=61), REVIEW_CARD, Rating.Good),
        (parts(correct(1, hints=2), seconds=30), REVIEW_CARD, Rating.Hard),
        (parts(graded(1, Rating.Easy)), NEW_CARD, Rating.Easy),
        (parts(correct(1), graded(2, Rating.Hard)), REVIEW_CARD, Rating.Hard),
        (parts(correct(1), graded(2, Rating.Again)), NEW_CARD, Rating.Again),
        (parts(graded(1, Rating.Again)), REVIEW_CARD, Rating.Again),
    ],
    ids=[
        "all-correct",
        "hint-used",
        "half-correct-fails",
        "mostly-correct-passes",
        "wrong",
        "invalid-and-gave-up",
        "solution-before-answer",
        "quick-in-review",
        "quick-per-part",
        "quick-but-new",
        "slow-in-review",
        "quick-with-hints",
        "self-graded-easy",
        "self-graded-hard",
        "self-graded-fail-half",
        "self-graded-fail",
    ],
)
def test_rating_for_attempt(attempt: Attempt, card: CardState | None, expected: Rating) -> None:
    assert rating_for_attempt(attempt, card, SETTINGS) is expected


def test_a_first_attempt_makes_a_card_and_moves_the_ratings_once(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    exercise = make_exercise("a/one", difficulty=3)

    first = record_attempt(progress_store, exercise, make_attempt("a/one", T0))

    assert first.logged.rating is Rating.Good
    assert first.card.state is State.Review
    assert first.card.due == T0 + 2 * DAY  # FSRS-6 default: a first Good holds ~2.3 days
    assert progress_store.card("a/one") == first.card
    assert first.learner_rating_before == SkillRating()
    assert first.learner_rating_after is not None
    assert first.learner_rating_after.rating > 1500
    assert progress_store.learner_rating("a") == first.learner_rating_after
    assert progress_store.exercise_ratings()["a/one"].rating < 1500

    again = record_attempt(progress_store, exercise, make_attempt("a/one", T0 + 3 * DAY))

    assert again.learner_rating_after is None
    assert progress_store.learner_rating("a") == first.learner_rating_after
    assert again.card.reviews == 2


def test_an_attempt_must_match_its_exercise(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    with pytest.raises(ValueError, match="not a/two"):
        record_attempt(progress_store, make_exercise("a/two"), make_attempt("a/one", T0))


def test_a_failed_first_attempt_stays_in_learning_and_returns_tomorrow(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    recorded = record_attempt(
        progress_store, make_exercise("a/one"), make_attempt("a/one", T0, Outcome.INCORRECT)
    )

    assert recorded.card.state is State.Learning
    assert recorded.card.due == T0 + DAY


def test_rebuilding_from_the_log_reproduces_the_cached_cards(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    history = [
        ("a/one", 0, Outcome.CORRECT),
        ("a/two", 0, Outcome.INCORRECT),
        ("a/one", 2, Outcome.INCORRECT),
        ("a/two", 1, Outcome.CORRECT),
        ("a/one", 3, Outcome.CORRECT),
    ]
    for exercise_id, days, outcome in history:
        at = T0 + days * DAY
        record_attempt(
            progress_store, make_exercise(exercise_id), make_attempt(exercise_id, at, outcome)
        )
    cached = progress_store.cards()
    progress_store.replace_cards([])

    assert rebuild_cards(progress_store) == 2
    assert progress_store.cards() == cached


def study(
    store: Store,
    exercise: Exercise,
    make_attempt: MakeAttempt,
    *days_and_outcomes: tuple[float, Outcome],
) -> None:
    for days, outcome in days_and_outcomes:
        record_attempt(store, exercise, make_attempt(exercise.id, T0 + days * DAY, outcome))


def test_due_exercises_come_weakest_first_and_skip_orphans_and_other_topics(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    solid, shaky, later, other = (
        make_exercise(exercise_id) for exercise_id in ("a/solid", "a/shaky", "a/later", "b/other")
    )
    study(progress_store, solid, make_attempt, (0, Outcome.CORRECT), (2, Outcome.CORRECT))
    study(progress_store, shaky, make_attempt, (0, Outcome.CORRECT), (2, Outcome.INCORRECT))
    study(progress_store, later, make_attempt, (13, Outcome.CORRECT))
    study(progress_store, other, make_attempt, (0, Outcome.CORRECT))
    study(progress_store, make_exercise("a/gone"), make_attempt, (0, Outcome.CORRECT))
    bank = [solid, shaky, later, other]
    now = T0 + 14 * DAY

    assert due_exercises(bank, progress_store, now) == [shaky, other, solid]
    assert due_exercises(bank, progress_store, now, topic="a") == [shaky, solid]
    assert due_exercises(bank, progress_store, now, limit=1) == [shaky]
    assert due_exercises(bank, progress_store, T0 + DAY) == []


def test_due_means_due_by_the_end_of_the_learners_day(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    exercise = make_exercise("a/one")
    study(progress_store, exercise, make_attempt, (0, Outcome.CORRECT))  # due T0 + 2 days, noon

    assert due_exercises([exercise], progress_store, T0 + 2 * DAY - timedelta(hours=6)) == [
        exercise
    ]
    assert due_exercises([exercise], progress_store, T0 + DAY) == []


def test_the_daily_review_limit_counts_todays_reviews_but_not_practice(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    progress_store.save_settings(Settings(fuzzing=False, reviews_per_day=2))
    bank = [make_exercise(f"a/e{number}") for number in range(4)]
    for exercise in bank:
        study(progress_store, exercise, make_attempt, (0, Outcome.CORRECT))
    now = T0 + 10 * DAY

    assert len(due_exercises(bank, progress_store, now)) == 2
    study(progress_store, bank[0], make_attempt, (10, Outcome.CORRECT))
    assert len(due_exercises(bank, progress_store, now)) == 1
    practice = make_attempt(bank[1].id, now, practice=True)
    record_attempt(progress_store, bank[1], practice)
    assert len(due_exercises(bank, progress_store, now)) == 1
    assert len(due_exercises(bank, progress_store, now + DAY)) == 2


def test_new_exercises_start_near_75_percent_and_follow_the_rating(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    bank = [make_exercise(f"a/level{level}", difficulty=level) for level in range(1, 6)]

    first_pick = new_exercises(bank, progress_store, T0)
    assert [exercise.difficulty for exercise in first_pick] == [1, 2, 3, 4, 5]

    study(progress_store, make_exercise("a/elsewhere"), make_attempt, (-9, Outcome.CORRECT))
    logged = progress_store.attempts()[0]
    progress_store.append_learner_rating("a", SkillRating(1900, 60), logged.id, T0)
    strong_pick = new_exercises(bank, progress_store, T0)
    assert strong_pick[0].difficulty == 4

    study(progress_store, bank[3], make_attempt, (0, Outcome.CORRECT))
    assert bank[3] not in new_exercises(bank, progress_store, T0 + DAY)


def test_the_daily_new_limit_counts_exercises_introduced_today(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    progress_store.save_settings(Settings(fuzzing=False, new_per_day=2))
    bank = [make_exercise(f"a/e{number}") for number in range(5)]

    assert len(new_exercises(bank, progress_store, T0)) == 2
    study(progress_store, bank[0], make_attempt, (0, Outcome.CORRECT))
    assert len(new_exercises(bank, progress_store, T0)) == 1
    assert len(new_exercises(bank, progress_store, T0, limit=0)) == 0
    assert len(new_exercises(bank, progress_store, T0 + DAY)) == 2


def test_a_drill_takes_due_exercises_first_then_new_ones(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    seen, due, easy_new, hard_new = (
        make_exercise("a/seen"),
        make_exercise("a/due"),
        make_exercise("a/easy", difficulty=1),
        make_exercise("a/hard", difficulty=5),
    )
    study(progress_store, seen, make_attempt, (9, Outcome.CORRECT))
    study(progress_store, due, make_attempt, (0, Outcome.CORRECT))
    bank = [hard_new, easy_new, seen, due]
    now = T0 + 10 * DAY

    assert drill_exercises(bank, progress_store, now, 5) == [due, easy_new, hard_new]
    assert drill_exercises(bank, progress_store, now, 2) == [due, easy_new]
    assert drill_exercises(bank, progress_store, now, 5, only_new=True) == [easy_new, hard_new]


def test_upcoming_reviews_say_what_is_due_today_tomorrow_and_next(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    bank = [make_exercise(f"a/e{number}") for number in range(3)]
    for exercise, day in zip(bank, (0, 1, 5), strict=True):
        study(progress_store, exercise, make_attempt, (day, Outcome.CORRECT))  # due 2 days later

    assert upcoming_reviews(bank, progress_store, T0 + 2 * DAY) == UpcomingReviews(
        due_today=1, due_tomorrow=1, next_due=T0 + 3 * DAY, next_due_in_days=1
    )
    assert upcoming_reviews(bank, progress_store, T0 + 4 * DAY) == UpcomingReviews(
        due_today=2, due_tomorrow=0, next_due=T0 + 7 * DAY, next_due_in_days=3
    )
    assert upcoming_reviews([], progress_store, T0) == UpcomingReviews(0, 0, None, None)


def test_weakest_exercises_include_those_not_yet_due(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    strong, weak, unseen = (
        make_exercise("a/strong"),
        make_exercise("a/weak"),
        make_exercise("a/new"),
    )
    study(progress_store, strong, make_attempt, (0, Outcome.CORRECT), (2, Outcome.CORRECT))
    study(progress_store, weak, make_attempt, (0, Outcome.INCORRECT), (1, Outcome.CORRECT))
    now = T0 + 2 * DAY + timedelta(hours=2)  # weak is due tomorrow, strong in ten days

    assert due_exercises([strong, weak, unseen], progress_store, now) == []
    assert weakest_exercises([strong, weak, unseen], progress_store, now) == [weak, strong]
    assert weakest_exercises([strong, weak, unseen], progress_store, now, limit=1) == [weak]


def test_four_failures_after_learning_make_a_leech_but_early_failures_do_not(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    learned, never_learned = make_exercise("a/learned"), make_exercise("a/never")
    failures = [(day, Outcome.INCORRECT) for day in range(3, 3 + LEECH_LAPSES)]
    study(progress_store, learned, make_attempt, (0, Outcome.CORRECT), *failures[:-1])
    study(progress_store, never_learned, make_attempt, *failures, *failures)
    bank = [learned, never_learned]

    assert leech_ids(bank, progress_store) == []
    study(progress_store, learned, make_attempt, failures[-1])
    assert leech_ids(bank, progress_store) == [learned.id]
    assert leech_ids([never_learned], progress_store) == []


def leech_ids(bank: list[Exercise], store: Store) -> list[str]:
    """The leeches ``penpaper stats`` would list, by id."""
    summaries = topic_summaries(bank, store, T0 + 30 * DAY)
    return [card.exercise_id for summary in summaries for card in summary.cards if card.is_leech]


def test_topic_summaries_report_coverage_memory_and_rating_change(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one, two, three, other = (make_exercise(i) for i in ("a/one", "a/two", "a/three", "b/x"))
    study(progress_store, one, make_attempt, (0, Outcome.CORRECT))
    study(progress_store, make_exercise("a/gone"), make_attempt, (1, Outcome.CORRECT))
    study(progress_store, two, make_attempt, (10, Outcome.CORRECT))
    now = T0 + 11 * DAY
    history = progress_store.learner_ratings()

    [topic_a, topic_b] = topic_summaries([one, two, three, other], progress_store, now)

    assert (topic_a.topic, topic_a.exercises, topic_a.seen, topic_a.due) == ("a", 3, 2, 1)
    assert topic_a.rating == history["a"]
    week_ago = progress_store.learner_ratings(as_of=now - 7 * DAY)["a"]
    assert topic_a.rating_change == pytest.approx(history["a"].rating - week_ago.rating)
    assert topic_a.rating_change > 0
    assert [card.exercise_id for card in topic_a.cards] == ["a/one", "a/two"]
    assert all(0 < card.retrievability <= 1 for card in topic_a.cards)
    assert topic_a.cards[0].retrievability < topic_a.cards[1].retrievability
    assert (topic_b.seen, topic_b.rating, topic_b.rating_change) == (0, SkillRating(), 0)


def test_the_day_starts_at_the_rollover_hour_in_the_callers_timezone() -> None:
    tokyo = timezone(timedelta(hours=9))
    settings = Settings(day_starts_at_hour=4)

    assert day_start(datetime(2025, 3, 3, 3, 0, tzinfo=tokyo), settings) == datetime(
        2025, 3, 1, 19, 0, tzinfo=UTC
    )
    assert day_start(datetime(2025, 3, 3, 5, 0, tzinfo=UTC), settings) == datetime(
        2025, 3, 3, 4, 0, tzinfo=UTC
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        day_start(datetime(2025, 3, 3, 5, 0), settings)


def test_fuzzing_follows_the_settings() -> None:
    assert fsrs_scheduler(Settings(fuzzing=True)).enable_fuzzing
    assert not fsrs_scheduler(Settings(fuzzing=False)).enable_fuzzing


@pytest.mark.parametrize(
    ("attempt", "score"),
    [
        (parts(correct(1), correct(2, hints=2)), 1.0),  # hints lower FSRS's grade, not the game
        (parts(correct(1, solution_seen=True), correct(2)), 0.5),
        (parts(correct(1), PartResult(2, Outcome.INCORRECT), graded(3, Rating.Hard)), 2 / 3),
        (parts(graded(1, Rating.Again)), 0.0),
    ],
    ids=["hints-still-win", "solution-first-loses", "share-of-parts", "self-graded-again"],
)
def test_the_rating_game_scores_the_share_of_parts_right_first_time(
    attempt: Attempt, score: float
) -> None:
    assert game_score(attempt) == pytest.approx(score)


def test_a_session_of_right_answers_with_hints_raises_the_topic_rating(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    for number in range(4):
        exercise = make_exercise(f"a/e{number}", difficulty=3)
        attempt = make_attempt(exercise.id, T0 + number * timedelta(minutes=5), hints=1)
        record_attempt(progress_store, exercise, attempt)
    assert progress_store.learner_rating("a").rating > SkillRating().rating
