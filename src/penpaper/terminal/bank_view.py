"""How the bank looks in a listing: the exercises list (topics: see ``roadmap_view``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text

from penpaper.bank.summaries import ExerciseSummary
from penpaper.terminal.wording import difficulty_stars, plural

INDENT = "    "
LAB_MARK = " · lab"
FRESH_MARK = " · fresh numbers"


def exercises_listing(exercises: Sequence[ExerciseSummary], width: int) -> Text:
    """Each exercise's id and difficulty, then its title and the answer type of each part
    (never answers) beneath, wrapped to ``width`` under an indent; a lab and a
    parameterised exercise (a fresh instance at each review) are marked.

    One text, wrapped here by words, not a table: a table measures every cell before
    it draws a line, which a bank of a few thousand exercises turns into seconds. An
    id is never cut: one wider than the terminal is left for the terminal to fold.
    """
    id_width = max(len(exercise.id) for exercise in exercises)
    aligned = id_width + 2 + len(difficulty_stars(5)) <= width
    pieces: list[str | tuple[str, str]] = []
    for exercise in exercises:
        stars = difficulty_stars(exercise.difficulty)
        shown_id = exercise.id.ljust(id_width) if aligned else exercise.id
        gap = "  " if len(shown_id) + 2 + len(stars) <= width else "\n" + INDENT
        head: list[str | tuple[str, str]] = [(shown_id, "bold"), f"{gap}{stars}\n"]
        marks: list[tuple[str, str]] = [
            (mark, style)
            for mark, style, shown in (
                (LAB_MARK, "cyan", exercise.lab is not None),
                (FRESH_MARK, "magenta", exercise.is_parameterised),
            )
            if shown
        ]
        title = _indented(exercise.title, width)
        if marks and len(title.rpartition("\n")[2]) + sum(len(m) for m, _ in marks) > width:
            title += "\n" + INDENT  # the marks on a line of their own
            marks[0] = (marks[0][0].removeprefix(" · "), marks[0][1])
        kinds = ", ".join(part.answer_type for part in exercise.parts)
        pieces += [
            *head,
            title,
            *marks,
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
