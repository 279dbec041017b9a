"""How the home screen, the roadmap and the topic list look.

Topic slugs are what the learner types, so they are never cut: every row
starts with the whole slug and the rest wraps beneath it, at any width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from penpaper.bank.loading import Bank
from penpaper.stats.roadmap import UNLOCKED_FROM, Home, Roadmap, RoadmapTopic, TopicStatus
from penpaper.terminal.layout import Piece, wrapped
from penpaper.terminal.wording import plural

INDENT = "  "
ROW = "      "
"""Where a roadmap row's wrapped lines start: under its topic's name."""

STATUS_MARKS = {
    TopicStatus.DONE: ("✓", "bold green"),
    TopicStatus.IN_PROGRESS: ("◐", "cyan"),
    TopicStatus.UNLOCKED: ("○", ""),
    TopicStatus.LOCKED: ("·", "dim"),
}


def level_text(topic: RoadmapTopic) -> str:
    progress = topic.progress
    return f"{progress.mastery.value.replace('_', ' ')} {progress.mastery_percent:.0f} %"


def render_home(home: Home, width: int) -> RenderableType:
    """Where the learner stands, and the next command with its reason wrapped under it."""
    streak = plural(home.streak_days, "day")
    keep = " (practise today to keep it)" if home.streak_days and not home.practised_today else ""
    return Group(
        Text.assemble(
            ("penpaper", "bold"),
            f"  {home.exercises_started} / {home.exercises_total} exercises started"
            f" · {home.exercises_mastered} mastered",
        ),
        Text(
            f"Due today: {home.due_today} · streak: {streak}{keep} · new exercises left today: "
            f"{home.new_left_today} of {home.new_per_day}"
        ),
        Text.assemble(
            "\nNext: ",
            (home.next_command, "bold cyan"),
            "\n",
            *wrapped([home.next_reason], width, " " * len("Next: ")),
        ),
        Text(
            "\n`penpaper roadmap` shows the path through the topics, `penpaper stats` the "
            "details, `penpaper --help` every command.",
            style="dim",
        ),
    )


def render_roadmap(roadmap: Roadmap, width: int) -> Text:
    """The topics layer by layer, each marked with its status, wrapped to ``width``."""
    pieces = wrapped(
        [
            ("Roadmap", "bold"),
            f"  a topic unlocks when each prerequisite is at {UNLOCKED_FROM.value} or better;",
            " locked topics can still be drilled.",
        ],
        width,
    )
    for layer in sorted({topic.layer for topic in roadmap.topics}):
        pieces.append((f"\n\nStep {layer + 1}", "bold"))
        for topic in roadmap.topics:
            if topic.layer == layer:
                is_next = topic.progress.topic == roadmap.next_topic
                pieces += [("\n", ""), *wrapped(_roadmap_line(topic, is_next), width, ROW, "")]
    if roadmap.next_topic is not None:
        next_step: list[str | Piece] = [
            "Next: ",
            (f"penpaper drill {roadmap.next_topic}", "bold cyan"),
            f" — {roadmap.next_reason}",
        ]
        pieces += [("\n\n", ""), *wrapped(next_step, width, ROW, "")]
    return Text.assemble(*pieces)


def _roadmap_line(topic: RoadmapTopic, is_next: bool) -> list[Piece]:
    mark, style = STATUS_MARKS[topic.status]
    line: list[Piece] = [
        (f"  {mark} ", ""),
        (topic.progress.topic, "bold" if is_next else style),
        (f"  {topic.status.value}, {level_text(topic)}", ""),
        ("  ← next" if is_next else "", "bold cyan"),
    ]
    if topic.blocking:
        line.append((f"\nneeds {', '.join(topic.blocking)} at {UNLOCKED_FROM.value}", "dim"))
    elif topic.prerequisites:
        line.append((f"\nafter {', '.join(topic.prerequisites)}", "dim"))
    return line


def render_topics(bank: Bank, topics: Sequence[RoadmapTopic], width: int) -> Text:
    """Each topic: slug, level, size and difficulty spread, then title, description and
    prerequisites wrapped beneath, to ``width``."""
    pieces: list[Piece] = []
    for topic in topics:
        slug = topic.progress.topic
        exercises = bank.summaries(slug)
        spread = " ".join(str(sum(1 for e in exercises if e.difficulty == d)) for d in range(1, 6))
        described = bank.topics.get(slug)
        row: list[Piece] = [
            (slug, "bold"),
            (f"  {level_text(topic)} · {plural(len(exercises), 'exercise')}", ""),
            (f" · difficulty 1–5: {spread}", "dim"),
            (f"\n{topic.progress.title}", ""),
        ]
        if described is not None and described.description:
            row.append((f" — {described.description}", "dim"))
        if topic.prerequisites:
            row.append((f"\nafter: {', '.join(topic.prerequisites)}", "dim"))
        pieces += [("\n\n" if pieces else "", ""), *wrapped(row, width, INDENT, "")]
    return Text.assemble(*pieces) if pieces else Text("The bank has no topics.")
