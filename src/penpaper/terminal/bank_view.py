"""How the bank looks in a listing: the exercises list (topics: see ``roadmap_view``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text

from penpaper.bank.model import ExerciseSummary
from penpaper.terminal.wording import difficulty_stars, plural

INDENT = "    "
LAB_MARK = " · lab"
FRESH_MARK = " · fresh numbers"


def exercises_listing(exercises: Sequence[ExerciseSummary], width: int) -> Text:
    """Each exercise's id and difficulty, then its title and the answer type of each part
    (never answers) beneath, wrapped to ``width`` under an indent; a lab and a
    parameterised exercise (a fresh instance at each review) are marked.

    One text, not a table: a table measures every cell before it draws a line, which
    a bank of a few thousand exercises turns into seconds.
    """
    id_width = max(len(exercise.id) for exercise in exercises)
    pieces: list[str | tuple[str, str]] = []
    for exercise in exercises:
        mark = LAB_MARK if exercise.lab is not None else ""
        fresh = FRESH_MARK if exercise.is_parameterised else ""
        kinds = ", ".join(part.answer_type for part in exercise.parts)
        pieces += [
            (exercise.id.ljust(id_width), "bold"),
            f"  {difficulty_stars(exercise.difficulty)}\n",
            _indented(exercise.title, width - len(mark) - len(fresh)),
            (mark, "cyan"),
            (fresh, "magenta"),
            ("\n" + _indented(f"{plural(len(exercise.parts), 'part')}: {kinds}", width), "dim"),
            "\n",
        ]
    listing = Text.assemble(*pieces)
    listing.rstrip()
    return listing


def _indented(text: str, width: int) -> str:
    return textwrap.fill(
        text,
        max(width, 20),
        initial_indent=INDENT,
        subsequent_indent=INDENT,
        break_on_hyphens=False,
    )
