"""How the bank looks in a listing: the topics table and the exercises table."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from penpaper.bank.loading import Bank
from penpaper.bank.model import Exercise
from penpaper.terminal.wording import difficulty_stars, plural


def topics_table(bank: Bank) -> Table:
    """Each topic with its size and how many exercises it has at each difficulty."""
    table = Table(title="Topics", title_justify="left")
    table.add_column("topic", style="bold")
    table.add_column("title")
    table.add_column("exercises", justify="right")
    table.add_column("difficulty 1 2 3 4 5", no_wrap=True)
    for topic in bank.ordered_topics():
        exercises = bank.in_topic(topic.slug)
        spread = [sum(1 for e in exercises if e.difficulty == d) for d in range(1, 6)]
        table.add_row(
            topic.slug,
            Text(topic.title),  # bank text: shown as written, never read as markup
            str(len(exercises)),
            " ".join(f"{count:>2}" for count in spread),
        )
    return table


def exercises_table(exercises: Sequence[Exercise]) -> Table:
    """Id, difficulty, title and the answer type of each part (never answers)."""
    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("difficulty", no_wrap=True)
    table.add_column("title and parts")
    for exercise in exercises:
        kinds = ", ".join(part.answer.type for part in exercise.parts)
        count = plural(len(exercise.parts), "part")
        table.add_row(
            exercise.id,
            difficulty_stars(exercise.difficulty),
            Text(exercise.title + "\n") + Text(f"{count}: {kinds}", style="dim"),
        )
    return table
