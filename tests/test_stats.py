"""Progress figures from synthetic histories recorded through the store, with an injected clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from fsrs import State

from penpaper.bank.loading import Bank, Exercises
from penpaper.bank.model import Exercise
from penpaper.bank.summaries import Topic
from penpaper.progress.records import Attempt, CardState, Outcome
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.scheduling.memory import LEECH_LAPSES
from penpaper.scheduling.recording import record_attempt
from penpaper.stats.figures import (
    CALENDAR_WEEKS,
    FORECAST_DAYS,
    LONGEST_COUNTED_ATTEMPT,
    progress_stats,
)
from penpaper.stats.topics import CardSummary, Mastery, exercise_mastery, topic_mastery

MakeAttempt = Callable[..., Attempt]
MakeExercise = Callable[..., Exercise]
DAY = timedelta(days=1)
# A Wednesday noon, UTC.
NOW = datetime(2025, 3, 12, 12, 0, tzinfo=UTC)
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def bank_of(*exercises: Exercise) -> Bank:
    topics = {
        exercise.topic: Topic(exercise.topic, exercise.topic.title()) for exercise in exercises
    }
    return Bank(exercises=Exercises(exercises), topics=topics)


def practise(
    store: Store,
    exercise: Exercise,
    make_attempt: MakeAttempt,
    *moments: datetime,
    outcome: Outcome = Outcome.CORRECT,
    practice: bool = False,
) -> None:
    for moment in moments:
        attempt = make_attempt(exercise.id, moment, outcome, practice=practice)
        record_attempt(store, exercise, attempt)


def card_summary(state: State, stability: float) -> CardSummary:
    return CardSummary("a/one", state, stability, 5.0, 0.9, NOW, NOW - DAY, 3, 0)


def test_an_empty_history_has_the_bank_and_no_figures(
    progress_store: Store, make_exercise: MakeExercise
) -> None:
    bank = bank_of(make_exercise("a/one"), make_exercise("a/two"), make_exercise("b/one"))

    figures = progress_stats(bank, progress_store, NOW)

    assert not figures.has_history
    assert (figures.exercises_total, figures.exercises_seen, figures.due_today) == (3, 0, 0)
    assert [topic.topic for topic in figures.topics] == ["a", "b"]
    assert {topic.mastery for topic in figures.topics} == {Mastery.NOT_STARTED}
    assert figures.topics[0].levels[Mastery.NOT_STARTED] == 2
    assert figures.topics[0].mastery_percent == 0
    assert len(figures.forecast) == FORECAST_DAYS
    assert figures.retention.rate is None and figures.retention.target == 0.9
    assert (figures.streak.current, figures.streak.longest) == (0, 0)
    assert figures.seconds_this_week == 0
    assert (figures.leeches, figures.orphans, figures.exercises) == ((), (), ())


@pytest.mark.parametrize(
    ("state", "stability", "level"),
    [
        (State.Learning, 30.0, Mastery.ATTEMPTED),
        (State.Relearning, 30.0, Mastery.ATTEMPTED),
        (State.Review, 2.3, Mastery.FAMILIAR),
        (State.Review, 7.0, Mastery.PROFICIENT),
        (State.Review, 20.9, Mastery.PROFICIENT),
        (State.Review, 21.0, Mastery.MASTERED),
    ],
)
def test_exercise_mastery_follows_state_and_stability(
    state: State, stability: float, level: Mastery
) -> None:
    assert exercise_mastery(card_summary(state, stability)) is level


def test_topic_mastery_thresholds() -> None:
    assert exercise_mastery(None) is Mastery.NOT_STARTED
    assert topic_mastery(0, seen=0) is Mastery.NOT_STARTED
    assert topic_mastery(0, seen=1) is Mastery.ATTEMPTED
    assert topic_mastery(49.9, seen=3) is Mastery.ATTEMPTED
    assert topic_mastery(50, seen=3) is Mastery.FAMILIAR
    assert topic_mastery(80, seen=3) is Mastery.PROFICIENT
    assert topic_mastery(100, seen=3) is Mastery.MASTERED


def test_one_topic_in_progress(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one, two, three, other = (make_exercise(i) for i in ("a/one", "a/two", "a/three", "b/one"))
    bank = bank_of(one, two, three, other)
    practise(progress_store, one, make_attempt, NOW - 20 * DAY)
    practise(progress_store, two, make_attempt, NOW - 2 * DAY, outcome=Outcome.INCORRECT)

    figures = progress_stats(bank, progress_store, NOW)
    [topic_a, topic_b] = figures.topics

    assert figures.has_history and figures.exercises_seen == 2
    assert (topic_a.exercises_seen, topic_a.exercises_total) == (2, 3)
    assert topic_a.levels[Mastery.FAMILIAR] == 1  # passed once, in review
    assert topic_a.levels[Mastery.ATTEMPTED] == 1  # failed, still learning
    assert topic_a.levels[Mastery.NOT_STARTED] == 1
    assert topic_a.mastery_percent == pytest.approx(50 / 3)
    assert topic_a.mastery is Mastery.ATTEMPTED
    assert topic_a.rating_deviation < 350
    # The first attempt was 20 days ago, the failure 2 days ago: the week's change is the loss.
    assert topic_a.rating_change_7_days < 0
    assert (topic_b.mastery, topic_b.exercises_seen, topic_b.rating) == (
        Mastery.NOT_STARTED,
        0,
        1500,
    )
    # Both are overdue or due today (a new card passes to a review a few days later).
    assert figures.due_today == 2 == topic_a.due_today


def test_streak_counts_learner_days_across_midnight_utc(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one = make_exercise("a/one")
    bank = bank_of(one)
    local = NEW_YORK_WINTER  # UTC-5; the day starts at 4 a.m. local
    monday = datetime(2025, 3, 3, tzinfo=local)
    # 18:00 and 19:30 local fall on two UTC dates (23:00 and 00:30): one learner day.
    practise(progress_store, one, make_attempt, monday.replace(hour=18))
    practise(progress_store, one, make_attempt, monday.replace(hour=19, minute=30))
    # 03:00 Tuesday is still Monday night, before the rollover.
    practise(progress_store, one, make_attempt, monday + DAY + timedelta(hours=3))

    figures = progress_stats(bank, progress_store, monday + DAY + timedelta(hours=3, minutes=30))
    assert (figures.today, figures.streak.current, figures.streak.longest) == (
        date(2025, 3, 3),
        1,
        1,
    )
    assert figures.calendar[-1].day == date(2025, 3, 3)
    assert figures.calendar[-1].attempts == 3

    # 05:00 Tuesday shares its UTC date (10:00) with 03:00 (08:00) but is a new learner day.
    practise(progress_store, one, make_attempt, monday + DAY + timedelta(hours=5))
    tuesday = progress_stats(bank, progress_store, monday + DAY + timedelta(hours=6))
    assert (tuesday.streak.current, tuesday.streak.active_today) == (2, True)

    wednesday = progress_stats(bank, progress_store, monday + 2 * DAY + timedelta(hours=12))
    assert (wednesday.streak.current, wednesday.streak.active_today) == (2, False)  # still alive

    thursday = progress_stats(bank, progress_store, monday + 3 * DAY + timedelta(hours=12))
    assert (thursday.streak.current, thursday.streak.longest) == (0, 2)


def test_a_midnight_rollover_setting_moves_the_day_boundary(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one = make_exercise("a/one")
    progress_store.save_settings(Settings(fuzzing=False, day_starts_at_hour=0))
    monday = datetime(2025, 3, 3, tzinfo=NEW_YORK_WINTER)
    practise(progress_store, one, make_attempt, monday.replace(hour=22), monday + DAY)

    figures = progress_stats(bank_of(one), progress_store, monday + DAY + timedelta(hours=1))

    assert figures.streak.current == 2
    assert [day.attempts for day in figures.calendar[-2:]] == [1, 1]


def test_calendar_covers_whole_weeks_from_a_monday_up_to_today(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one = make_exercise("a/one")
    practise(progress_store, one, make_attempt, NOW - 3 * DAY, NOW - 3 * DAY + timedelta(hours=1))
    practise(progress_store, one, make_attempt, NOW - 400 * DAY)  # before the calendar

    figures = progress_stats(bank_of(one), progress_store, NOW)

    first, last = figures.calendar[0].day, figures.calendar[-1].day
    assert first.weekday() == 0 and last == NOW.date()
    assert (last - first).days == 7 * (CALENDAR_WEEKS - 1) + NOW.weekday()
    assert sum(day.attempts for day in figures.calendar) == 2
    assert figures.streak.longest == 1


def test_a_leech_is_listed_for_attention(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    sticky, fine = make_exercise("a/sticky"), make_exercise("a/fine")
    start = NOW - 30 * DAY
    practise(progress_store, sticky, make_attempt, start)
    failures = [start + (3 + 3 * n) * DAY for n in range(LEECH_LAPSES)]
    practise(progress_store, sticky, make_attempt, *failures, outcome=Outcome.INCORRECT)
    practise(progress_store, fine, make_attempt, start)

    figures = progress_stats(bank_of(sticky, fine), progress_store, NOW)

    [leech] = figures.leeches
    assert (leech.id, leech.title, leech.lapses) == ("a/sticky", "a/sticky", LEECH_LAPSES)
    assert figures.topics[0].leeches == 1


def test_a_vanished_id_is_an_orphan_and_not_counted_as_seen(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    kept, gone, elsewhere = make_exercise("a/kept"), make_exercise("a/gone"), make_exercise("b/x")
    practise(progress_store, gone, make_attempt, NOW - DAY)
    practise(progress_store, elsewhere, make_attempt, NOW - DAY)
    bank = bank_of(kept, elsewhere)

    figures = progress_stats(bank, progress_store, NOW)
    in_a = progress_stats(bank, progress_store, NOW, topic="a")

    assert figures.orphans == ("a/gone",)
    assert figures.exercises_seen == 1
    assert figures.has_history
    assert in_a.orphans == ("a/gone",) and in_a.has_history and in_a.exercises_seen == 0
    assert progress_stats(bank, progress_store, NOW, topic="b").orphans == ()


def test_true_retention_counts_the_first_scheduled_review_of_each_day(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one, two = make_exercise("a/one"), make_exercise("a/two")
    # Long ago: outside the 30-day window, and the first-ever attempts are never counted.
    practise(progress_store, one, make_attempt, NOW - 40 * DAY, NOW - 35 * DAY)
    practise(progress_store, two, make_attempt, NOW - 10 * DAY)
    # In the window: a pass, then a same-day failure that is not the day's first.
    practise(progress_store, one, make_attempt, NOW - 9 * DAY)
    practise(
        progress_store,
        one,
        make_attempt,
        NOW - 9 * DAY + timedelta(hours=1),
        outcome=Outcome.INCORRECT,
    )
    practise(progress_store, one, make_attempt, NOW - 2 * DAY, outcome=Outcome.INCORRECT)
    practise(progress_store, two, make_attempt, NOW - 3 * DAY, practice=True)  # ahead of schedule
    progress_store.save_settings(Settings(fuzzing=False, desired_retention=0.85))

    retention = progress_stats(bank_of(one, two), progress_store, NOW).retention

    assert (retention.reviews, retention.passed, retention.rate) == (2, 1, 0.5)
    assert (retention.target, retention.window_days) == (0.85, 30)


def test_forecast_counts_due_exercises_per_learner_day(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    exercises = [make_exercise(f"a/e{n}") for n in range(6)]
    # Due: long overdue, later today, tomorrow, in 6 days, in 7 days, beyond the forecast.
    dues = [NOW - 9 * DAY, NOW + timedelta(hours=3), NOW + DAY, NOW + 6 * DAY, NOW + 7 * DAY]
    dues.append(NOW + (FORECAST_DAYS + 5) * DAY)
    for exercise, due in zip(exercises, dues, strict=True):
        practise(progress_store, exercise, make_attempt, NOW - 10 * DAY)
        progress_store.save_card(
            CardState(exercise.id, State.Review, None, 5.0, 5.0, due, NOW - 10 * DAY, 1, 0)
        )

    figures = progress_stats(bank_of(*exercises), progress_store, NOW)

    assert [day.due for day in figures.forecast[:8]] == [2, 1, 0, 0, 0, 0, 1, 1]
    assert [day.day for day in figures.forecast[:2]] == [NOW.date(), NOW.date() + DAY]
    assert (figures.due_today, figures.due_next_7_days, figures.due_next_30_days) == (2, 4, 5)


def test_time_this_week_caps_each_attempt_and_starts_on_monday(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one = make_exercise("a/one")
    monday = datetime(2025, 3, 10, 4, 0, tzinfo=UTC)  # the week's rollover (NOW is Wednesday)
    for at, seconds in [
        (monday - timedelta(minutes=1), 600),  # last week
        (monday + timedelta(hours=5), 600),
        (NOW - DAY, 3 * 3600),  # a terminal left open: counts as the cap
    ]:
        record_attempt(progress_store, one, make_attempt(one.id, at, seconds=seconds))

    figures = progress_stats(bank_of(one), progress_store, NOW)

    assert figures.week_start == date(2025, 3, 10)
    expected = timedelta(minutes=10) + LONGEST_COUNTED_ATTEMPT
    assert figures.seconds_this_week == pytest.approx(expected.total_seconds(), abs=0.01)


def test_a_topic_lists_its_exercises_with_status_last_result_and_due(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    passed, failed, unseen = (make_exercise(i, difficulty=2) for i in ("a/p", "a/f", "a/u"))
    other = make_exercise("b/x")
    practise(progress_store, passed, make_attempt, NOW - DAY)
    practise(progress_store, failed, make_attempt, NOW - 4 * DAY)
    practise(progress_store, failed, make_attempt, NOW - 3 * DAY, outcome=Outcome.INCORRECT)
    practise(progress_store, other, make_attempt, NOW - DAY)

    figures = progress_stats(bank_of(passed, failed, unseen, other), progress_store, NOW, "a")

    assert [topic.topic for topic in figures.topics] == ["a"]
    assert (figures.exercises_total, figures.exercises_seen) == (3, 2)
    rows = {row.id: row for row in figures.exercises}
    assert list(rows) == ["a/f", "a/p", "a/u"]
    assert (rows["a/p"].mastery, rows["a/p"].last_result) == (Mastery.FAMILIAR, "good")
    assert rows["a/p"].due_in_days is not None and rows["a/p"].due_in_days > 0
    assert (rows["a/f"].mastery, rows["a/f"].last_result, rows["a/f"].lapses) == (
        Mastery.ATTEMPTED,
        "again",
        1,
    )
    assert rows["a/f"].due_in_days == -2  # relearning step of one day, two days ago
    assert rows["a/f"].last_attempt == NOW - 3 * DAY
    assert (rows["a/u"].mastery, rows["a/u"].last_result, rows["a/u"].next_due) == (
        Mastery.NOT_STARTED,
        None,
        None,
    )
    assert rows["a/u"].difficulty == 2
    assert sum(day.attempts for day in figures.calendar) == 3  # b/x is not in the topic


def test_the_rollover_is_exact_to_the_minute_in_a_half_hour_timezone(
    progress_store: Store, make_exercise: MakeExercise, make_attempt: MakeAttempt
) -> None:
    one = make_exercise("a/one")
    india = timezone(timedelta(hours=5, minutes=30))
    rollover = datetime(2025, 3, 4, 4, 0, tzinfo=india)  # 22:30 UTC the evening before
    practise(progress_store, one, make_attempt, rollover - timedelta(minutes=1))
    practise(progress_store, one, make_attempt, rollover + timedelta(minutes=1))

    figures = progress_stats(bank_of(one), progress_store, rollover + timedelta(hours=1))

    assert [(day.day, day.attempts) for day in figures.calendar[-2:]] == [
        (date(2025, 3, 3), 1),
        (date(2025, 3, 4), 1),
    ]
    assert figures.streak.current == 2
