"""Where each topic stands: mastery levels from memory states, and the topic's rating.

Mastery of a seen exercise comes from its FSRS memory state: *attempted* while
still learning or relearning (never passed, or failed since); *familiar* once
in review with stability under :data:`PROFICIENT_STABILITY_DAYS`;
*proficient* from 7 days of stability; *mastered* from
:data:`MASTERED_STABILITY_DAYS` (21 days: the memory is predicted to hold at
the target retention for three weeks without review). A failed review sends
an exercise back to *attempted*. A topic's mastery is Khan Academy's points
(:data:`MASTERY_POINTS`) as a percentage of 100 per exercise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from fsrs import State

from penpaper.bank.loading import Bank
from penpaper.bank.summaries import Listed
from penpaper.progress.records import as_utc
from penpaper.progress.store import Store
from penpaper.ratings import SkillRating, expected_score, seed_for_difficulty
from penpaper.scheduling.days import ONE_DAY, day_start
from penpaper.scheduling.memory import LEECH_LAPSES, fsrs_scheduler, retrievability

PROFICIENT_STABILITY_DAYS = 7.0
MASTERED_STABILITY_DAYS = 21.0
RATING_CHANGE_WINDOW = timedelta(days=7)
TYPICAL_DIFFICULTY = 3  # what a rating is explained against


def next_level(mastery: Mastery) -> tuple[Mastery, int] | None:
    """The level after ``mastery`` and the topic percentage it needs; None at the top."""
    ladder = [Mastery.FAMILIAR, Mastery.PROFICIENT, Mastery.MASTERED]
    above = [level for level in ladder if MASTERY_POINTS[level] > MASTERY_POINTS.get(mastery, 0)]
    if mastery is Mastery.MASTERED or not above:
        return None
    return above[0], MASTERY_POINTS[above[0]]


class Mastery(StrEnum):
    """How well an exercise (or a topic) is known, from weakest to strongest."""

    NOT_STARTED = "not_started"
    ATTEMPTED = "attempted"
    FAMILIAR = "familiar"
    PROFICIENT = "proficient"
    MASTERED = "mastered"


# Khan Academy's mastery points per exercise; a topic's percentage averages them.
MASTERY_POINTS = {
    Mastery.NOT_STARTED: 0,
    Mastery.ATTEMPTED: 0,
    Mastery.FAMILIAR: 50,
    Mastery.PROFICIENT: 80,
    Mastery.MASTERED: 100,
}


def exercise_mastery(card: CardSummary | None) -> Mastery:
    """An exercise's level from its memory state (None: never attempted)."""
    if card is None:
        return Mastery.NOT_STARTED
    if card.state is not State.Review:
        return Mastery.ATTEMPTED
    if card.stability >= MASTERED_STABILITY_DAYS:
        return Mastery.MASTERED
    if card.stability >= PROFICIENT_STABILITY_DAYS:
        return Mastery.PROFICIENT
    return Mastery.FAMILIAR


def topic_mastery(percent: float, seen: int) -> Mastery:
    """A topic's level from its mastery percentage and how many exercises were seen."""
    if not seen:
        return Mastery.NOT_STARTED
    for level in (Mastery.MASTERED, Mastery.PROFICIENT, Mastery.FAMILIAR):
        if percent >= MASTERY_POINTS[level]:
            return level
    return Mastery.ATTEMPTED


@dataclass(frozen=True)
class TopicProgress:
    """One row of the topic table."""

    topic: str
    title: str
    exercises_total: int
    exercises_seen: int
    due_today: int
    leeches: int
    mastery: Mastery
    mastery_percent: float  # 0 to 100
    levels: dict[Mastery, int]  # how many exercises are at each level
    rating: float  # the learner's Glicko-2 rating in the topic (1500 before any attempt)
    rating_deviation: float
    rating_change_7_days: float
    typical_success: float  # the chance of solving a typical difficulty-3 exercise of the topic


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


def topic_summaries(bank: Iterable[Listed], store: Store, now: datetime) -> list[TopicSummary]:
    """Per-topic summaries of the bank's topics, alphabetical; orphans are left out."""
    settings = store.settings()
    scheduler = fsrs_scheduler(settings)
    due_by = day_start(now, settings) + ONE_DAY
    cards = store.cards()
    current = store.learner_ratings()
    earlier = store.learner_ratings(as_of=as_utc(now) - RATING_CHANGE_WINDOW)
    by_topic: dict[str, list[Listed]] = {}
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


def topic_progress(bank: Bank, store: Store, now: datetime, topic: str) -> TopicProgress:
    """One topic's row: what a drill's summary shows of the topic it practised."""
    [summary] = topic_summaries(bank.summaries(topic), store, now)
    title = bank.topics[topic].title if topic in bank.topics else topic
    return topic_row(summary, title)


def topic_order(bank: Bank, slug: str) -> tuple[int, str]:
    """The bank's own topic order (``topic.yaml``'s ``order``), then alphabetical."""
    known = bank.topics.get(slug)
    return (1000 if known is None else known.order, slug)


def topic_row(summary: TopicSummary, title: str) -> TopicProgress:
    levels = dict.fromkeys(Mastery, 0)
    for card in summary.cards:
        levels[exercise_mastery(card)] += 1
    levels[Mastery.NOT_STARTED] = summary.exercises - summary.seen
    points = sum(MASTERY_POINTS[level] * count for level, count in levels.items())
    percent = points / summary.exercises if summary.exercises else 0.0
    return TopicProgress(
        topic=summary.topic,
        title=title,
        exercises_total=summary.exercises,
        exercises_seen=summary.seen,
        due_today=summary.due,
        leeches=summary.leeches,
        mastery=topic_mastery(percent, summary.seen),
        mastery_percent=percent,
        levels=levels,
        rating=summary.rating.rating,
        rating_deviation=summary.rating.deviation,
        rating_change_7_days=summary.rating_change,
        typical_success=expected_score(summary.rating, seed_for_difficulty(TYPICAL_DIFFICULTY)),
    )
