"""How the bank looks in a listing: the exercises list (topics: see ``roadmap_view``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from penpaper.bank.summaries import ExerciseSummary
from penpaper.terminal.layout import Piece, wrapped
from penpaper.terminal.wording import difficulty_stars, plural

INDENT = "    "
LAB_MARK = " · lab"
FRESH_MARK = " · fresh numbers"


def exercises_listing(exercises: Sequence[ExerciseSummary], width: int) -> Text:
    """Each exercise's id and difficulty, then its title and the answer type of each part
    (never answers) beneath, wrapped to ``width`` under an indent; a lab and a
    parameterised exercise (a fresh instance at each review) are marked.

    One text, wrapped here (:func:`~penpaper.terminal.layout.wrapped`), not a table: a
    table measures every cell before it draws a line, which a bank of a few thousand
    exercises turns into seconds. An id is never cut.
    """
    id_width = max(len(exercise.id) for exercise in exercises)
    aligned = id_width + 2 + len(difficulty_stars(5)) <= width
    pieces: list[Piece] = []
    for number, exercise in enumerate(exercises):
        shown_id = exercise.id.ljust(id_width) if aligned else exercise.id
        stars = difficulty_stars(exercise.difficulty)
        title = wrapped([exercise.title], width, INDENT)
        marks = [
            (mark, style)
            for mark, style, shown in (
                (LAB_MARK, "cyan", exercise.lab is not None),
                (FRESH_MARK, "magenta", exercise.is_parameterised),
            )
            if shown
        ]
        last_line = "".join(text for text, _ in title).rpartition("\n")[2]
        if marks and cell_len(last_line) + sum(len(mark) for mark, _ in marks) > width:
            title.append(("\n" + INDENT, ""))  # the marks on a line of their own
            marks[0] = (marks[0][0].removeprefix(" · "), marks[0][1])
        kinds = ", ".join(part.answer_type for part in exercise.parts)
        pieces += [
            ("\n" if number else "", ""),
            *wrapped([(shown_id, "bold"), f"  {stars}"], width, INDENT, ""),
            ("\n", ""),
            *title,
            *marks,
            ("\n", ""),
            *wrapped([(f"{plural(len(exercise.parts), 'part')}: {kinds}", "dim")], width, INDENT),
        ]
    return Text.assemble(*pieces)
