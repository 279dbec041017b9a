"""What to practise when: FSRS memory state per exercise, queues, leeches and summaries.

One FSRS card per exercise (its parts are worked together). The ``fsrs``
package (FSRS-6) does the arithmetic; this module decides what an attempt is
worth (:func:`rating_for_attempt`), records it in one transaction, and builds
the queues the drill, review and stats commands show.

Time is always passed in (``now``); :data:`Clock` is the type of the callable a
command injects (the CLI's is ``penpaper.cli.app.now``). Naive datetimes are refused.
Daily limits count from the day start in the timezone of the ``now`` given,
so the CLI should pass local time (``datetime.now().astimezone()``).

Learning and relearning steps are one day, not FSRS's default minutes: unlike
a flashcard, an exercise redone ten minutes after reading its solution tests
short-term memory. A failure brings the exercise back tomorrow; the card
reaches Review (is "learned") once it is passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from fsrs import Card, Rating, Scheduler, State

from penpaper.bank.model import Exercise
from penpaper.progress.records import Attempt, CardState, LoggedAttempt, Outcome, PartResult, as_utc
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import TARGET_SUCCESS, SkillRating, expected_score, play, seed_for_difficulty

Clock = Callable[[], datetime]
LEECH_LAPSES = 4
ONE_DAY = timedelta(days=1)
RATING_CHANGE_WINDOW = timedelta(days=7)
# What an attempt scores against the exercise in Glicko-2 terms: Hard is half a win.
_SCORE_FOR_RATING = {Rating.Again: 0.0, Rating.Hard: 0.5, Rating.Good: 1.0, Rating.Easy: 1.0}


def fsrs_scheduler(settings: Settings) -> Scheduler:
    """The FSRS scheduler for these settings (fuzzing off makes due dates reproducible)."""
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=(ONE_DAY,),
        relearning_steps=(ONE_DAY,),
        enable_fuzzing=settings.fuzzing,
    )


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
            before, seed_for_difficulty(exercise.difficulty), _SCORE_FOR_RATING[rating]
        )
        store.append_learner_rating(exercise.topic, after, logged.id, attempt.finished_at)
        store.save_exercise_rating(exercise.id, exercise_rating, logged.id, attempt.finished_at)
    return RecordedAttempt(logged, card, before, after)


def rebuild_cards(store: Store, settings: Settings | None = None) -> int:
    """Recompute every card from the attempt log; returns how many cards there are.

    With fuzzing on, due dates may land elsewhere within the fuzz range.
    """
    settings = store.settings() if settings is None else settings
    scheduler = fsrs_scheduler(settings)
    cards: dict[str, CardState] = {}
    with store.transaction():
        logged = sorted(store.attempts(), key=lambda entry: (entry.attempt.finished_at, entry.id))
        for entry in logged:
            exercise_id = entry.attempt.exercise_id
            cards[exercise_id] = reviewed_card(
                cards.get(exercise_id),
                exercise_id,
                entry.rating,
                entry.attempt.finished_at,
                scheduler,
            )
        store.replace_cards(cards.values())
    return len(cards)


def day_start(now: datetime, settings: Settings) -> datetime:
    """When the learner's current day began, in UTC: the rollover hour in ``now``'s timezone."""
    shift = day_shift(now, settings)
    return day_begins(learner_day(now, shift), shift)


def day_shift(now: datetime, settings: Settings) -> timedelta:
    """What to add to a UTC moment so its date is the learner day: the date in ``now``'s
    timezone, with the day rolling over at ``day_starts_at_hour`` rather than midnight."""
    offset = now.utcoffset()
    if offset is None:
        raise ValueError(f"a timezone-aware datetime is required, not naive {now}")
    return offset - timedelta(hours=settings.day_starts_at_hour)


def learner_day(moment: datetime, shift: timedelta) -> date:
    return (as_utc(moment) + shift).date()


def day_begins(day: date, shift: timedelta) -> datetime:
    """The UTC moment a learner day starts."""
    return datetime.combine(day, time(), UTC) - shift


def learner_days_until(moment: datetime, now: datetime, settings: Settings) -> int:
    """Learner days from today to the day ``moment`` falls in: 0 today, 1 tomorrow."""
    shift = day_shift(now, settings)
    return (learner_day(moment, shift) - learner_day(now, shift)).days


def _daily_room(allowed: int, used: int, limit: int | None) -> int:
    room = max(0, allowed - used)
    return room if limit is None else min(room, limit)


def _in_topic(bank: Iterable[Exercise], topic: str | None) -> list[Exercise]:
    return [exercise for exercise in bank if topic is None or exercise.topic == topic]


def _weakest_first(
    bank: Iterable[Exercise],
    store: Store,
    now: datetime,
    topic: str | None,
    due_by: datetime | None,
    settings: Settings,
) -> list[Exercise]:
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
    bank: Iterable[Exercise],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[Exercise]:
    """Exercises due by the end of the learner's day, least likely remembered first.

    Capped by what is left of the daily review limit. Ids no longer in the bank are skipped.
    """
    settings = store.settings()
    today = day_start(now, settings)
    due = _weakest_first(bank, store, now, topic, today + ONE_DAY, settings)
    room = _daily_room(settings.reviews_per_day, store.count_attempts(today, first=False), limit)
    return due[:room]


def weakest_exercises(
    bank: Iterable[Exercise],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[Exercise]:
    """Every seen exercise, weakest first, due or not: for practice ahead of schedule.

    No daily limit applies; record these attempts with ``practice=True``.
    """
    return _weakest_first(bank, store, now, topic, None, store.settings())[:limit]


def predicted_success(learner: SkillRating, exercise: Exercise) -> float:
    """The chance the learner solves a never-attempted ``exercise`` (rated from its difficulty)."""
    return expected_score(learner, seed_for_difficulty(exercise.difficulty))


def new_exercises(
    bank: Iterable[Exercise],
    store: Store,
    now: datetime,
    topic: str | None = None,
    limit: int | None = None,
) -> list[Exercise]:
    """Never-attempted exercises, the one with predicted success closest to 75% first.

    Capped by what is left of the daily limit for new exercises.
    """
    settings = store.settings()
    attempted = store.attempted_exercise_ids()
    learner = store.learner_ratings()
    fresh = [exercise for exercise in _in_topic(bank, topic) if exercise.id not in attempted]
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
    room = _daily_room(
        settings.new_per_day, store.count_attempts(day_start(now, settings), first=True), limit
    )
    return fresh[:room]


def drill_exercises(
    bank: Iterable[Exercise], store: Store, now: datetime, count: int, *, only_new: bool = False
) -> list[Exercise]:
    """Up to ``count`` exercises for a drill: the due ones first, then new ones near the level."""
    exercises = list(bank)
    due = [] if only_new else due_exercises(exercises, store, now, limit=count)
    return due + new_exercises(exercises, store, now, limit=count - len(due))


@dataclass(frozen=True)
class UpcomingReviews:
    """What is coming, for the line that ends a session ("3 due tomorrow — run penpaper review")."""

    due_today: int  # what `penpaper review` would show now, daily limit applied
    due_tomorrow: int  # due by the end of tomorrow and not in today's queue, up to the daily limit
    next_due: datetime | None  # the earliest due date after today, if any
    next_due_in_days: int | None  # learner days until then (1 is tomorrow)


def upcoming_reviews(bank: Iterable[Exercise], store: Store, now: datetime) -> UpcomingReviews:
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


def leeches(bank: Iterable[Exercise], store: Store) -> list[Exercise]:
    """Exercises failed :data:`LEECH_LAPSES` times after being learned, most failed first."""
    cards = store.cards()
    flagged = [
        (-card.lapses, exercise.id, exercise)
        for exercise in bank
        if (card := cards.get(exercise.id)) is not None and card.lapses >= LEECH_LAPSES
    ]
    flagged.sort(key=lambda entry: entry[:2])
    return [entry[2] for entry in flagged]


@dataclass(frozen=True)
class CardSummary:
    """One seen exercise's memory state, for ``penpaper stats``."""

    exercise_id: str
    state: State
    stability: float
    difficulty: float
    retrievability: float
    due: datetime
    last_review: datetime
    reviews: int
    lapses: int

    @property
    def is_leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES


@dataclass(frozen=True)
class TopicSummary:
    """A topic at a glance: coverage, what is due today, leeches, and the learner's rating."""

    topic: str
    exercises: int
    seen: int
    due: int
    leeches: int
    rating: SkillRating
    rating_change: float  # rating points gained over RATING_CHANGE_WINDOW
    cards: tuple[CardSummary, ...]


def topic_summaries(bank: Iterable[Exercise], store: Store, now: datetime) -> list[TopicSummary]:
    """Per-topic summaries of the bank's topics, alphabetical; orphans are left out."""
    settings = store.settings()
    scheduler = fsrs_scheduler(settings)
    due_by = day_start(now, settings) + ONE_DAY
    cards = store.cards()
    current = store.learner_ratings()
    earlier = store.learner_ratings(as_of=as_utc(now) - RATING_CHANGE_WINDOW)
    by_topic: dict[str, list[Exercise]] = {}
    for exercise in bank:
        by_topic.setdefault(exercise.topic, []).append(exercise)
    summaries = []
    for topic, exercises in sorted(by_topic.items()):
        seen = [
            CardSummary(
                exercise_id=card.exercise_id,
                state=card.state,
                stability=card.stability,
                difficulty=card.difficulty,
                retrievability=retrievability(card, now, scheduler),
                due=card.due,
                last_review=card.last_review,
                reviews=card.reviews,
                lapses=card.lapses,
            )
            for exercise in sorted(exercises, key=lambda exercise: exercise.id)
            if (card := cards.get(exercise.id)) is not None
        ]
        rating = current.get(topic, SkillRating())
        summaries.append(
            TopicSummary(
                topic=topic,
                exercises=len(exercises),
                seen=len(seen),
                due=sum(1 for card in seen if card.due < due_by),
                leeches=sum(1 for card in seen if card.is_leech),
                rating=rating,
                rating_change=rating.rating - earlier.get(topic, SkillRating()).rating,
                cards=tuple(seen),
            )
        )
    return summaries
