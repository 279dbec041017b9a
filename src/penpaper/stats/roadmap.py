"""A path through the topics, from each ``topic.yaml``'s prerequisites, and what to do next.

Rules (README and ``penpaper roadmap --help`` repeat them):

- A topic is **unlocked** once every prerequisite is at *familiar* or better
  (:data:`UNLOCKED_FROM`); a topic with no prerequisite always is. Locked
  topics can still be drilled: the roadmap only advises.
- A topic is **done** at *proficient* or better, **in progress** once any of
  its exercises is started, otherwise **unlocked** or **locked**.
- Topics are laid out in layers: a topic sits one layer below its deepest
  prerequisite; within a layer, in the bank's order.
- The **next topic** is the first in that layout that is in progress and
  unlocked, else the first unlocked one not started; failing those, the first
  topic not done.
- The **home screen's next step** is ``penpaper review`` when anything is due,
  else a drill of the next topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from penpaper.bank.loading import Bank
from penpaper.progress import history
from penpaper.progress.store import Store
from penpaper.scheduling.days import day_shift, learner_day
from penpaper.scheduling.queues import due_exercises, new_left_today
from penpaper.stats.streaks import streak_of
from penpaper.stats.topics import Mastery, TopicProgress, topic_order, topic_row, topic_summaries

UNLOCKED_FROM = Mastery.FAMILIAR
DONE_FROM = Mastery.PROFICIENT
LEVELS = tuple(Mastery)  # weakest first


class TopicStatus(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in progress"
    UNLOCKED = "unlocked"
    LOCKED = "locked"


@dataclass(frozen=True)
class RoadmapTopic:
    """A topic where the roadmap draws it: its layer, and what still locks it."""

    progress: TopicProgress
    layer: int  # 0 for a topic with no prerequisite, else one below its deepest one
    prerequisites: tuple[str, ...]
    blocking: tuple[str, ...]  # prerequisites not yet at UNLOCKED_FROM
    status: TopicStatus


@dataclass(frozen=True)
class Roadmap:
    """Every topic by layer, and the one to work on next with the reason in words."""

    topics: tuple[RoadmapTopic, ...]  # layer by layer, the bank's order within a layer
    next_topic: str | None
    next_reason: str


@dataclass(frozen=True)
class Home:
    """What ``penpaper`` alone shows: where the learner stands and the one next step."""

    exercises_total: int
    exercises_started: int
    exercises_mastered: int
    due_today: int
    streak_days: int
    practised_today: bool
    new_left_today: int
    new_per_day: int
    next_command: str
    next_reason: str


def at_least(level: Mastery, floor: Mastery) -> bool:
    return LEVELS.index(level) >= LEVELS.index(floor)


def roadmap(bank: Bank, store: Store, now: datetime) -> Roadmap:
    summaries = {s.topic: s for s in topic_summaries(bank.summaries(), store, now)}
    progress = {
        slug: topic_row(summary, bank.topics[slug].title if slug in bank.topics else slug)
        for slug, summary in summaries.items()
    }
    layers = _layers(bank)
    placed = sorted(progress, key=lambda slug: (layers.get(slug, 0), *topic_order(bank, slug)))
    topics = tuple(_place(bank, progress, layers, slug) for slug in placed)
    chosen, reason = _next(topics, progress)
    return Roadmap(topics, chosen, reason)


def _place(
    bank: Bank, progress: dict[str, TopicProgress], layers: dict[str, int], slug: str
) -> RoadmapTopic:
    topic = bank.topics.get(slug)
    prerequisites = tuple(p for p in (topic.prerequisites if topic else ()) if p in progress)
    blocking = tuple(p for p in prerequisites if not at_least(progress[p].mastery, UNLOCKED_FROM))
    mastery = progress[slug].mastery
    if at_least(mastery, DONE_FROM):
        status = TopicStatus.DONE
    elif progress[slug].exercises_seen:
        status = TopicStatus.IN_PROGRESS
    else:
        status = TopicStatus.LOCKED if blocking else TopicStatus.UNLOCKED
    return RoadmapTopic(progress[slug], layers.get(slug, 0), prerequisites, blocking, status)


def _layers(bank: Bank) -> dict[str, int]:
    """Each topic's depth in the prerequisite graph; a cycle (``validate`` reports it) is cut."""
    depth: dict[str, int] = {}

    def visit(slug: str, path: tuple[str, ...]) -> int:
        if slug in depth:
            return depth[slug]
        topic = bank.topics.get(slug)
        known = [p for p in (topic.prerequisites if topic else ()) if p in bank.topics]
        below = [visit(p, (*path, slug)) for p in known if p not in path and p != slug]
        depth[slug] = 1 + max(below) if below else 0
        return depth[slug]

    for slug in bank.topics:
        visit(slug, ())
    return depth


def _next(
    topics: tuple[RoadmapTopic, ...], progress: dict[str, TopicProgress]
) -> tuple[str | None, str]:
    started = [t for t in topics if t.status is TopicStatus.IN_PROGRESS and not t.blocking]
    # A started topic whose every exercise is seen has nothing new: its reviews come when due.
    unfinished = [t for t in started if t.progress.exercises_seen < t.progress.exercises_total]
    fresh = [t for t in topics if t.status is TopicStatus.UNLOCKED]
    open_ones = [t for t in topics if t.status is not TopicStatus.DONE]
    if unfinished or (started and not fresh):
        chosen = (unfinished or started)[0]
        return chosen.progress.topic, (
            f"you have started {chosen.progress.topic} "
            f"({chosen.progress.mastery_percent:.0f} % mastery)"
        )
    if fresh:
        chosen = fresh[0]
        if not chosen.prerequisites:
            return chosen.progress.topic, f"{chosen.progress.topic} needs no other topic first"
        levels = ", ".join(
            f"{p} is at {progress[p].mastery.value.replace('_', ' ')}" for p in chosen.prerequisites
        )
        return chosen.progress.topic, f"{chosen.progress.topic} is unlocked: {levels}"
    if open_ones:
        chosen = open_ones[0]
        waiting = ", ".join(chosen.blocking)
        return chosen.progress.topic, (
            f"{chosen.progress.topic} is the first topic not done (it builds on {waiting})"
        )
    return None, "every topic is done"


def home(bank: Bank, store: Store, now: datetime) -> Home:
    """The home screen's figures and its one suggested command."""
    settings = store.settings()
    shift = day_shift(now, settings)
    today = learner_day(now, shift)
    path = roadmap(bank, store, now)
    levels = [t.progress.levels for t in path.topics]
    due = len(due_exercises(bank.summaries(), store, now))
    streak = streak_of(history.active_days(store, shift, today), today)
    new_left = new_left_today(store, now)
    seen = {card.exercise_id for card in store.cards().values()}
    left_open = [e for e in store.open_exercise_ids() if e in bank.exercises]  # oldest first
    if due:
        command, reason = "penpaper review", f"{due} exercise{'s' if due != 1 else ''} due today"
    elif left_open:
        command, reason = (
            f"penpaper drill {left_open[0].partition('/')[0]}",
            f"{left_open[0]} is left open: finish it today, as its parts left count as not "
            "known tonight",
        )
    elif path.next_topic is not None:
        command, reason = _next_drill(path, new_left, settings.new_per_day)
    else:
        command, reason = "penpaper stats", "everything is done and nothing is due: well done"
    return Home(
        exercises_total=len(bank.exercises),
        exercises_started=len({e for e in seen if e in bank.exercises} | set(left_open)),
        exercises_mastered=sum(level[Mastery.MASTERED] for level in levels),
        due_today=due,
        streak_days=streak.current,
        practised_today=streak.active_today,
        new_left_today=new_left,
        new_per_day=settings.new_per_day,
        next_command=command,
        next_reason=reason,
    )


def _next_drill(path: Roadmap, new_left: int, new_per_day: int) -> tuple[str, str]:
    """The drill to suggest for the roadmap's next topic, so that it has something to do:
    new exercises while today's allowance lasts, else practice of what the learner has done,
    ahead of its reviews."""
    assert path.next_topic is not None
    topic = path.next_topic
    row = next(t.progress for t in path.topics if t.progress.topic == topic)
    if new_left and row.exercises_seen < row.exercises_total:
        return f"penpaper drill {topic}", path.next_reason
    if new_left:
        why = f"every exercise of {topic} is started and none is due"
    elif new_per_day:
        why = f"today's new exercises are done (new_per_day = {new_per_day})"
    else:
        why = "new_per_day is 0, so no new exercise comes"
    done = [t.progress.topic for t in path.topics if t.progress.exercises_seen]
    if done:
        practised = topic if row.exercises_seen else done[0]
        return f"penpaper drill {practised} --practice", f"{why}: practise ahead of the reviews"
    if new_per_day:
        return f"penpaper config new_per_day {2 * new_per_day}", f"{why}: more come tomorrow"
    return "penpaper config new_per_day 10", f"{why}: allow some each day"
