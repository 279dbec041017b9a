"""Text wrapped before printing keeps its words, styles and indents."""

from __future__ import annotations

from rich.text import Text

from penpaper.terminal.layout import wrapped


def styled_words(text: Text) -> list[tuple[str, str]]:
    """Each word of ``text`` with the style it is shown in."""
    words = []
    for line in text.split("\n"):
        for piece in line.divide(i for i, c in enumerate(line.plain) if c == " "):
            word = piece.plain.strip()
            if word:
                style = next((str(s.style) for s in piece.spans), str(piece.style))
                words.append((word, style))
    return words


def test_words_keep_their_styles_across_line_breaks_and_paragraphs() -> None:
    text = Text.assemble(
        ("slug", "bold"),
        "  plain words here",
        (" dim words that will wrap", "dim"),
        "\n",
        "  kept  spacing and a second paragraph",
    )
    result = wrapped(text, 24, "    ", first="")
    assert result.plain.split("\n") == [
        "slug  plain words here",
        "    dim words that will",
        "    wrap",
        "      kept  spacing and",  # a paragraph's own leading and inner spaces are kept
        "    a second paragraph",
    ]
    assert styled_words(result) == styled_words(text)


def test_a_word_longer_than_the_line_is_left_whole() -> None:
    long_id = "directed-graphical-models/naive-bayes-parameter-formulas"
    result = wrapped(Text(f"{long_id}  ★★☆☆☆"), 30, "    ", first="")
    assert result.plain.split("\n") == [long_id, "    ★★☆☆☆"]


def test_blank_lines_stay_blank() -> None:
    assert wrapped(Text("one\n\ntwo"), 40, "  ").plain == "  one\n\n  two"
