"""Styled text wrapped by words before it is printed.

Listings are printed with ``soft_wrap``, so rich does not wrap them again: they
are wrapped here, by :mod:`textwrap`, with a hanging indent rich has no option
for. The work is done on plain strings and the styles put back by position, as
:class:`rich.text.Text` objects cost too much per line for a listing of
thousands. A word longer than the line (an id) is never cut: its line is left
longer, for the terminal to fold.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

Piece = tuple[str, str]
"""A run of text and its rich style ("" for none), as :meth:`rich.text.Text.assemble` takes."""


def wrapped(
    pieces: Iterable[str | Piece], width: int, indent: str = "", first: str | None = None
) -> list[Piece]:
    """``pieces`` wrapped to ``width`` columns, each line after ``indent`` (the first after
    ``first``, if given); line breaks of their own are kept."""
    runs = [(piece, "") if isinstance(piece, str) else piece for piece in pieces]
    plain = "".join(text for text, _ in runs)
    lines: list[tuple[str, int, int]] = []  # each line's indent and where it is in ``plain``
    offset = 0
    for paragraph in plain.split("\n"):
        initial = indent if lines else (indent if first is None else first)
        start = 0
        for number, line in enumerate(
            textwrap.wrap(
                paragraph,
                max(width, len(indent) + 20),
                initial_indent=initial,
                subsequent_indent=indent,
                expand_tabs=False,
                break_on_hyphens=False,
                break_long_words=False,
            )
        ):
            prefix = initial if number == 0 else indent
            while number and paragraph[start].isspace():
                start += 1  # spaces a line break replaced
            end = start + len(line) - len(prefix)
            lines.append((prefix, offset + start, offset + end))
            start = end
        if not paragraph.strip():
            lines.append(("", offset, offset))
        offset += len(paragraph) + 1
    return _styled(runs, lines)


def _styled(runs: list[Piece], lines: list[tuple[str, int, int]]) -> list[Piece]:
    """The text of ``lines`` (ranges of the runs' joined text), each run's part in its style."""
    styled: list[Piece] = []
    run, run_start = 0, 0
    for number, (prefix, start, end) in enumerate(lines):
        styled.append((("\n" if number else "") + prefix, ""))
        while run < len(runs) and run_start + len(runs[run][0]) <= start:
            run_start += len(runs[run][0])
            run += 1
        at, next_run, next_start = start, run, run_start
        while at < end:
            text, style = runs[next_run]
            stop = min(end, next_start + len(text))
            styled.append((text[at - next_start : stop - next_start], style))
            at = stop
            if stop == next_start + len(text):
                next_start += len(text)
                next_run += 1
    return styled
