"""Text wrapped before printing keeps its words, styles and indents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from penpaper.terminal.layout import Piece, wrapped


def styled_words(pieces: list[Piece]) -> list[tuple[str, str]]:
    """Each word with the style it is shown in."""
    words: list[tuple[str, str]] = []
    for text, style in pieces:
        words += [(word, style) for word in text.split()]
    return words


def plain(pieces: list[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def test_words_keep_their_styles_across_line_breaks_and_paragraphs() -> None:
    pieces: list[str | Piece] = [
        ("slug", "bold"),
        "  plain words here",
        (" dim words that will wrap", "dim"),
        "\n  kept  spacing and a second paragraph",
    ]
    result = wrapped(pieces, 24, "    ", first="")
    assert plain(result).split("\n") == [
        "slug  plain words here",
        "    dim words that will",
        "    wrap",
        "      kept  spacing and",  # a paragraph's own leading and inner spaces are kept
        "    a second paragraph",
    ]
    original = [(p, "") if isinstance(p, str) else p for p in pieces]
    assert styled_words(result) == styled_words(original)


def test_a_word_longer_than_the_line_is_left_whole() -> None:
    long_id = "directed-graphical-models/naive-bayes-parameter-formulas"
    result = wrapped([(long_id, "bold"), "  ★★☆☆☆"], 30, "    ", first="")
    assert plain(result).split("\n") == [long_id, "    ★★☆☆☆"]
    assert (long_id, "bold") in result


def test_blank_lines_stay_blank_and_unindented() -> None:
    assert plain(wrapped(["one\n\ntwo"], 40, "  ")) == "  one\n\n  two"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab xyz\t\n\u2003\u00a0机器学习-/", max_size=120),
    width=st.integers(min_value=1, max_value=60),
    cut=st.integers(min_value=0, max_value=120),
)
def test_wrapping_keeps_every_character_and_fits_what_can_fit(
    text: str, width: int, cut: int
) -> None:
    """Whatever the spaces (tabs, unicode ones) and wide characters: nothing but spaces
    a line break took is lost or moved, styles stay on their characters, and only a
    line holding one word wider than the terminal is wider than it."""
    pieces: list[str | Piece] = [(text[:cut], "bold"), text[cut:]]
    result = wrapped(pieces, width, "  ", first="")
    shown = plain(result)

    def visible(value: str) -> str:
        return "".join(c for c in value if not c.isspace())

    assert visible(shown) == visible(text)
    bold = "".join(t for t, style in result if style == "bold")
    assert visible(bold) == visible(text[:cut])
    limit = max(width, 2 + 20)
    for line in shown.split("\n"):
        assert cell_len(line) <= limit or len(line.split()) <= 1
