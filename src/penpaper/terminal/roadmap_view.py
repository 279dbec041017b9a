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
from penpaper.terminal.layout import wrapped
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


def render_home(home: Home) -> RenderableType:
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
            f"\n      {home.next_reason}",
        ),
        Text(
            "\n`penpaper roadmap` shows the path through the topics, `penpaper stats` the "
            "details, `penpaper --help` every command.",
            style="dim",
        ),
    )


def render_roadmap(roadmap: Roadmap, width: int) -> Text:
    """The topics layer by layer, each marked with its status, wrapped to ``width``."""
    lines = [
        wrapped(
            Text.assemble(
                ("Roadmap", "bold"),
                f"  a topic unlocks when each prerequisite is at {UNLOCKED_FROM.value} or better;",
                " locked topics can still be drilled.",
            ),
            width,
        )
    ]
    for layer in sorted({topic.layer for topic in roadmap.topics}):
        lines.append(Text(f"\nStep {layer + 1}", style="bold"))
        lines += [
            wrapped(
                _roadmap_line(topic, topic.progress.topic == roadmap.next_topic), width, ROW, ""
            )
            for topic in roadmap.topics
            if topic.layer == layer
        ]
    if roadmap.next_topic is not None:
        next_step = Text.assemble(
            "Next: ",
            (f"penpaper drill {roadmap.next_topic}", "bold cyan"),
            f" — {roadmap.next_reason}",
        )
        lines += [Text(), wrapped(next_step, width, ROW, "")]
    return Text("\n").join(lines)


def _roadmap_line(topic: RoadmapTopic, is_next: bool) -> Text:
    mark, style = STATUS_MARKS[topic.status]
    line = Text.assemble(
        f"  {mark} ",
        (topic.progress.topic, "bold" if is_next else style),
        f"  {topic.status.value}, {level_text(topic)}",
        ("  ← next" if is_next else "", "bold cyan"),
    )
    if topic.blocking:
        after = f"needs {', '.join(topic.blocking)} at {UNLOCKED_FROM.value}"
    elif topic.prerequisites:
        after = f"after {', '.join(topic.prerequisites)}"
    else:
        return line
    return line.append(f"\n{after}", style="dim")


def render_topics(bank: Bank, topics: Sequence[RoadmapTopic], width: int) -> Text:
    """Each topic: slug, level, size and difficulty spread, then title, description and
    prerequisites wrapped beneath, to ``width``."""
    rows: list[Text] = []
    for topic in topics:
        slug = topic.progress.topic
        exercises = bank.summaries(slug)
        spread = " ".join(str(sum(1 for e in exercises if e.difficulty == d)) for d in range(1, 6))
        described = bank.topics.get(slug)
        row = Text.assemble(
            (slug, "bold"),
            f"  {level_text(topic)} · {plural(len(exercises), 'exercise')}",
            (f" · difficulty 1–5: {spread}", "dim"),
            "\n",
            topic.progress.title,
        )
        if described is not None and described.description:
            row.append(f" — {described.description}", "dim")
        if topic.prerequisites:
            row.append(f"\nafter: {', '.join(topic.prerequisites)}", "dim")
        rows.append(wrapped(row, width, INDENT, ""))
    return Text("\n\n").join(rows) if rows else Text("The bank has no topics.")
