"""Text wrapped before printing keeps its words, styles and indents."""

from __future__ import annotations

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
