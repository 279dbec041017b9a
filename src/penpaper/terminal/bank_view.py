"""How the bank looks in a listing: the exercises table (topics: see ``roadmap_view``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from penpaper.bank.model import Exercise
from penpaper.terminal.wording import difficulty_stars, plural


def exercises_table(exercises: Sequence[Exercise]) -> Table:
    """Id, difficulty, title and the answer type of each part (never answers); a lab and
    a parameterised exercise (a fresh instance at each review) are marked."""
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
            Text.assemble(
                exercise.title,
                (" · lab" if exercise.lab is not None else "", "cyan"),
                (" · fresh numbers" if exercise.is_parameterised else "", "magenta"),
                (f"\n{count}: {kinds}", "dim"),
            ),
        )
    return table
