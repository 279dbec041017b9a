"""How the bank looks in a listing: the exercises table (topics: see ``roadmap_view``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from penpaper.bank.model import ExerciseSummary
from penpaper.terminal.wording import difficulty_stars, plural


def exercises_table(exercises: Sequence[ExerciseSummary]) -> Table:
    """Id, difficulty, title and the answer type of each part (never answers)."""
    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("difficulty", no_wrap=True)
    table.add_column("title and parts")
    for exercise in exercises:
        kinds = ", ".join(part.answer_type for part in exercise.parts)
        count = plural(len(exercise.parts), "part")
        table.add_row(
            exercise.id,
            difficulty_stars(exercise.difficulty),
            Text.assemble(
                exercise.title,
                (" · lab" if exercise.lab is not None else "", "cyan"),
                (f"\n{count}: {kinds}", "dim"),
            ),
        )
    return table
