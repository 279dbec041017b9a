"""Styled text wrapped by words before it is printed.

Listings are printed with ``soft_wrap``: rich then neither measures nor wraps
them again, which for a long listing costs more than everything else a command
does. So they are wrapped here, by :mod:`textwrap`, keeping their styles, with a
hanging indent rich has no option for. A word longer than the line (an id) is
never cut: its line is left longer, for the terminal to fold.
"""

from __future__ import annotations

import textwrap

from rich.text import Text


def wrapped(text: Text, width: int, indent: str = "", first: str | None = None) -> Text:
    """``text`` wrapped to ``width`` columns, each line after ``indent`` (the first after
    ``first``, if given); its own line breaks are kept."""
    first = indent if first is None else first
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        initial = indent if lines else first
        found = textwrap.wrap(
            plain,
            max(width, len(indent) + 20),
            initial_indent=initial,
            subsequent_indent=indent,
            expand_tabs=False,
            break_on_hyphens=False,
            break_long_words=False,
        )
        start = 0
        for number, line in enumerate(found):
            prefix = initial if number == 0 else indent
            while number and plain[start].isspace():
                start += 1  # spaces a line break replaced
            end = start + len(line) - len(prefix)
            lines.append(Text(prefix).append_text(paragraph[start:end]))
            start = end
        if not found:
            lines.append(Text())
    return Text("\n").join(lines)
