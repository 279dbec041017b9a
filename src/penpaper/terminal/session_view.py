"""The end of a session: what it achieved, where each practised topic stands, what next."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from penpaper.terminal.wording import in_days, plural

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise
    from penpaper.scheduling.queues import UpcomingReviews
    from penpaper.scheduling.recording import RecordedAttempt
    from penpaper.stats.topics import TopicProgress


@dataclass
class SessionSummary:
    """What a session did, for the closing summary (counts follow undo and override)."""

    started_at: datetime
    finished_at: datetime | None = None
    recorded: list[RecordedAttempt] = field(default_factory=list)
    exercises_skipped: int = 0
    exercises_left_open: int = 0
    parts_checked: int = 0  # parts whose first try the checker judged
    correct_first_try: int = 0
    parts_given_up: int = 0
    parts_self_graded: int = 0
    hints_used: int = 0
    labs: list[Exercise] = field(default_factory=list)  # finished exercises that have a lab
    ended_early: bool = False


def render_next_review(upcoming: UpcomingReviews, now: datetime, topic: str | None = None) -> str:
    """The next useful command, by what is due when (in ``topic`` only, when given)."""
    review = "penpaper review" if topic is None else f"penpaper review --topic {topic}"
    if upcoming.due_today:
        return f"{upcoming.due_today} due today — run `{review}`."
    if upcoming.due_tomorrow:
        return f"{upcoming.due_tomorrow} due tomorrow — run `{review}` then."
    if upcoming.next_due is not None and upcoming.next_due_in_days is not None:
        when = upcoming.next_due.astimezone(now.tzinfo)
        days = in_days(upcoming.next_due_in_days)
        return f"Next review {days} ({when:%a %d %b}) — `{review}`."
    if topic is not None:
        return f"Nothing in it is started yet: `penpaper drill {topic}`."
    return "Start with `penpaper`, then the drill it suggests."


def render_session_summary(
    summary: SessionSummary,
    upcoming: UpcomingReviews,
    progress: dict[str, TopicProgress],
    now: datetime,
) -> RenderableType:
    """What the session achieved, where each topic practised now stands, what to do next."""
    finished = summary.finished_at or now
    minutes = max(0, round((finished - summary.started_at).total_seconds() / 60))
    lines = Text()
    if summary.ended_early:
        lines.append("Session ended; everything you answered is saved.\n", style="bold")
    lines.append(_counts(summary, minutes) + "\n")
    starting: dict[str, float] = {}  # ratings move only on first attempts
    for recorded in summary.recorded:
        before = recorded.learner_rating_before
        if before is not None:
            starting.setdefault(
                recorded.logged.attempt.exercise_id.partition("/")[0], before.rating
            )
    for topic, row in progress.items():
        before_rating = starting.get(topic)
        moved = (
            "" if before_rating is None else f" ({row.rating - before_rating:+.0f} this session)"
        )
        lines.append(
            f"{topic}: {row.mastery.value.replace('_', ' ')}, {row.mastery_percent:.0f} % "
            f"mastery · rating {row.rating:.0f} ± {row.rating_deviation:.0f}{moved}\n"
        )
    if summary.labs:
        lines.append("Labs to run now: ", style="bold")
        lines.append(", ".join(f"penpaper lab {exercise.id}" for exercise in summary.labs) + "\n")
    lines.append(render_next_review(upcoming, now), style="cyan")
    return Panel(lines, title="Session summary", title_align="left")


def _counts(summary: SessionSummary, minutes: int) -> str:
    """What happened, counted as the learner would count it."""
    finished = f"{plural(len(summary.recorded), 'exercise')} finished"
    if summary.exercises_left_open:
        finished += f", {summary.exercises_left_open} left open"
    if summary.exercises_skipped:
        finished += f", {summary.exercises_skipped} skipped"
    parts = [
        f"{summary.correct_first_try} of {plural(summary.parts_checked, 'part')} right first time"
    ]
    if summary.parts_given_up:
        parts.append(f"{summary.parts_given_up} given up")
    if summary.parts_self_graded:
        parts.append(f"{summary.parts_self_graded} self-graded")
    parts += [plural(summary.hints_used, "hint"), f"{minutes} min"]
    return f"{finished}; {', '.join(parts)}."
