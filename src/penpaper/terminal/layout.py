"""Styled text wrapped by words before it is printed.

Listings are printed with ``soft_wrap``, so rich does not wrap them again: they
are wrapped here, by :mod:`textwrap`, with a hanging indent rich has no option
for. The work is done on plain strings and the styles put back by position, as
:class:`rich.text.Text` objects cost too much per line for a listing of
thousands. A word longer than the line (an id) is never cut: its line is left
longer, for the terminal to fold. Text with characters two columns wide is
wrapped by rich, which counts columns (and folds such a word).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text

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
        # Each line is a stretch of the paragraph, with its ASCII whitespace made spaces
        # (as textwrap does): found there, after the spaces the line breaks took.
        spaced = paragraph.translate(_SPACED)
        found = _lines(spaced, max(width, len(indent) + 20), initial, indent)
        start = 0
        for number, body in enumerate(found):
            at = spaced.find(body, start)
            lines.append((initial if number == 0 else indent, offset + at, offset + at + len(body)))
            start = at + len(body)
        if not found:
            lines.append(("", offset, offset))
        offset += len(paragraph) + 1
    return _styled(runs, lines)


_SPACED = str.maketrans("\t\x0b\x0c\r", "    ")


def _lines(paragraph: str, width: int, initial: str, indent: str) -> list[str]:
    """The lines of ``paragraph`` wrapped after ``initial`` then ``indent``, without them.

    textwrap counts characters; a paragraph with characters two columns wide (CJK,
    most emoji) is wrapped by rich instead, which counts columns.
    """
    if cell_len(paragraph) == len(paragraph):
        wrapper = textwrap.TextWrapper(
            width,
            initial_indent=initial,
            subsequent_indent=indent,
            expand_tabs=False,
            break_on_hyphens=False,
            break_long_words=False,
        )
        return [
            line[len(initial if n == 0 else indent) :]
            for n, line in enumerate(wrapper.wrap(paragraph))
        ]
    from rich.console import Console

    narrowest = width - max(len(initial), len(indent))
    return [line.plain for line in Text(paragraph).wrap(Console(width=width), narrowest)]


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
