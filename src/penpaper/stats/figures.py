"""Every figure ``penpaper stats`` shows, computed from the progress store as plain data.

Definitions (the README and ``penpaper stats --help`` repeat them):

- **Learner day.** Days are the learner's calendar days in the UTC offset of
  the ``now`` handed in, starting at the settings' ``day_starts_at_hour``
  (4 a.m. by default), the same rollover as the daily limits and "due today":
  practice at 1 a.m. still counts for the evening before. The offset in force
  now is used for the whole history, so after a daylight-saving change an
  attempt within an hour of the rollover may count on the neighbouring day.
- **Mastery** and **topic mastery**: see :mod:`penpaper.stats.topics`.
- **True retention** over the last :data:`RETENTION_WINDOW_DAYS` learner days:
  of each exercise's first attempt on each day, those that were scheduled
  reviews (not the exercise's first attempt ever, which tests learning rather
  than memory, nor practice ahead of schedule), the share not rated Again.
  It is compared with the settings' desired retention, the scheduler's target.
- **Streak**: consecutive learner days with at least one attempt. The current
  streak ends today, or yesterday while today has no attempt yet (it is only
  lost once a whole day passes without practice); the longest covers all history.
- **Time this week**: attempts (start to finish) finished since Monday's
  rollover, each counted up to :data:`LONGEST_COUNTED_ATTEMPT` so a terminal
  left open overnight does not count as study.
- **Forecast**: exercises due on each of the next :data:`FORECAST_DAYS` learner
  days, today including anything overdue; the daily review limit is not applied.
- **Calendar**: attempts on each day of the last :data:`CALENDAR_WEEKS` weeks,
  Monday-aligned, up to today.
- **Attention**: leeches (:data:`~penpaper.scheduling.memory.LEECH_LAPSES` or more
  failures after being learned), orphans (ids with history that are no
  longer in the bank), and answers the learner overrode ("the checker was
  wrong"), which a bank author may want to look at.

With a topic, every figure covers that topic only, and per-exercise rows are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from penpaper.bank.loading import Bank
from penpaper.progress import history
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.scheduling.days import ONE_DAY, day_begins, day_shift, learner_day
from penpaper.stats.streaks import Streak, streak_of
from penpaper.stats.topics import (
    CardSummary,
    Mastery,
    TopicProgress,
    exercise_mastery,
    topic_order,
    topic_row,
    topic_summaries,
)

RETENTION_WINDOW_DAYS = 30
FORECAST_DAYS = 30
CALENDAR_WEEKS = 26
LONGEST_COUNTED_ATTEMPT = timedelta(minutes=30)


@dataclass(frozen=True)
class ExerciseProgress:
    """One exercise of a topic, for ``stats TOPIC``; memory fields are None until attempted."""

    id: str
    title: str
    difficulty: int  # as authored, 1 to 5
    mastery: Mastery
    last_result: str | None  # the latest attempt's rating: again, hard, good or easy
    last_attempt: datetime | None
    next_due: datetime | None
    due_in_days: int | None  # learner days from today; 0 is today, negative is overdue
    stability_days: float | None
    retrievability: float | None  # predicted chance of solving it now
    reviews: int
    lapses: int


@dataclass(frozen=True)
class ForecastDay:
    """How many reviews fall due on a coming day."""

    day: date
    due: int


@dataclass(frozen=True)
class ActiveDay:
    """How many attempts were finished on a learner day, for the calendar."""

    day: date
    attempts: int


@dataclass(frozen=True)
class Retention:
    """True retention over the window, against the scheduler's target."""

    window_days: int
    target: float
    reviews: int
    passed: int
    rate: float | None  # passed / reviews; None without reviews


@dataclass(frozen=True)
class Leech:
    """An exercise forgotten again and again since it was learned."""

    id: str
    title: str
    lapses: int


@dataclass(frozen=True)
class ProgressStats:
    """Everything ``penpaper stats`` shows; ``--json`` prints exactly these fields."""

    generated_at: datetime
    today: date
    topic: str | None
    has_history: bool
    exercises_total: int
    exercises_seen: int
    due_today: int
    due_next_7_days: int
    due_next_30_days: int
    forecast: tuple[ForecastDay, ...]
    retention: Retention
    streak: Streak
    week_start: date
    seconds_this_week: float
    calendar: tuple[ActiveDay, ...]
    topics: tuple[TopicProgress, ...]
    exercises: tuple[ExerciseProgress, ...]  # only with a topic
    leeches: tuple[Leech, ...]
    orphans: tuple[str, ...]
    overridden_answers: int  # answers the learner counted as right over the checker's verdict


def progress_stats(
    bank: Bank, store: Store, now: datetime, topic: str | None = None
) -> ProgressStats:
    """Every figure of ``penpaper stats``, for the whole bank or for one ``topic``."""
    settings = store.settings()
    shift = day_shift(now, settings)
    today = learner_day(now, shift)
    exercises = bank.summaries(topic)
    summaries = {summary.topic: summary for summary in topic_summaries(exercises, store, now)}
    titles = {slug: bank.topics[slug].title if slug in bank.topics else slug for slug in summaries}
    topics = tuple(
        topic_row(summaries[slug], titles[slug])
        for slug in sorted(summaries, key=lambda slug: topic_order(bank, slug))
    )
    cards = [card for summary in summaries.values() for card in summary.cards]
    forecast = _forecast(cards, today, shift)
    active_days = history.active_days(store, shift, today, topic)
    week_start = today - timedelta(days=today.weekday())
    calendar_start = week_start - timedelta(weeks=CALENDAR_WEEKS - 1)
    attempts = history.attempts_per_day(store, shift, calendar_start, today, topic)
    return ProgressStats(
        generated_at=now,
        today=today,
        topic=topic,
        has_history=bool(active_days),
        exercises_total=len(exercises),
        exercises_seen=len(cards),
        due_today=forecast[0].due,
        due_next_7_days=sum(day.due for day in forecast[:7]),
        due_next_30_days=sum(day.due for day in forecast),
        forecast=forecast,
        retention=_retention(store, shift, today, settings, topic),
        streak=streak_of(active_days, today),
        week_start=week_start,
        seconds_this_week=history.seconds_spent(
            store, day_begins(week_start, shift), LONGEST_COUNTED_ATTEMPT, topic
        ),
        calendar=tuple(
            ActiveDay(day, attempts.get(day, 0))
            for day in (calendar_start + offset * ONE_DAY for offset in range(7 * CALENDAR_WEEKS))
            if day <= today
        ),
        topics=topics,
        exercises=() if topic is None else _exercise_rows(bank, store, cards, topic, today, shift),
        leeches=_leeches(bank, cards),
        overridden_answers=store.overridden_count(),
        orphans=tuple(
            orphan
            for orphan in history.orphans(store, bank.exercises)
            if topic is None or orphan.startswith(topic + "/")
        ),
    )


def _forecast(cards: list[CardSummary], today: date, shift: timedelta) -> tuple[ForecastDay, ...]:
    counts = [0] * FORECAST_DAYS
    for card in cards:
        offset = max(0, (learner_day(card.due, shift) - today).days)
        if offset < FORECAST_DAYS:
            counts[offset] += 1
    return tuple(ForecastDay(today + offset * ONE_DAY, due) for offset, due in enumerate(counts))


def _retention(
    store: Store, shift: timedelta, today: date, settings: Settings, topic: str | None
) -> Retention:
    since = day_begins(today - (RETENTION_WINDOW_DAYS - 1) * ONE_DAY, shift)
    reviews, passed = history.reviews_passed(store, shift, since, topic)
    return Retention(
        window_days=RETENTION_WINDOW_DAYS,
        target=settings.desired_retention,
        reviews=reviews,
        passed=passed,
        rate=passed / reviews if reviews else None,
    )


def _exercise_rows(
    bank: Bank,
    store: Store,
    seen: list[CardSummary],
    topic: str,
    today: date,
    shift: timedelta,
) -> tuple[ExerciseProgress, ...]:
    cards = {card.exercise_id: card for card in seen}
    last = history.last_ratings(store, topic)
    rows = []
    for exercise in sorted(bank.summaries(topic), key=lambda exercise: exercise.id):
        card = cards.get(exercise.id)
        rating = last.get(exercise.id)
        rows.append(
            ExerciseProgress(
                id=exercise.id,
                title=exercise.title,
                difficulty=exercise.difficulty,
                mastery=exercise_mastery(card),
                last_result=None if rating is None else rating.name.lower(),
                last_attempt=None if card is None else card.last_review,
                next_due=None if card is None else card.due,
                due_in_days=None if card is None else (learner_day(card.due, shift) - today).days,
                stability_days=None if card is None else card.stability,
                retrievability=None if card is None else card.retrievability,
                reviews=0 if card is None else card.reviews,
                lapses=0 if card is None else card.lapses,
            )
        )
    return tuple(rows)


def _leeches(bank: Bank, cards: list[CardSummary]) -> tuple[Leech, ...]:
    titles = {summary.id: summary.title for summary in bank.summaries()}
    flagged = sorted(
        (card for card in cards if card.is_leech), key=lambda c: (-c.lapses, c.exercise_id)
    )
    return tuple(Leech(card.exercise_id, titles[card.exercise_id], card.lapses) for card in flagged)
