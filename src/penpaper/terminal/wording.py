"""Small phrases used across screens, so every screen says a thing the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from penpaper.bank.summaries import part_name

if TYPE_CHECKING:  # the listing commands import this module; fsrs stays unloaded for them
    from fsrs import Rating

# A review's outcome in words, never FSRS's grade names.
REVIEW_OUTCOMES = {
    "Again": "not yet known",
    "Hard": "passed with help or in part",
    "Good": "passed",
    "Easy": "passed easily",
}


def in_days(days: int) -> str:
    """``today``, ``tomorrow`` or ``in 5 days``, for learner days from today."""
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 exercise``, ``3 exercises`` (``many`` for irregular plurals)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def difficulty_stars(difficulty: int) -> str:
    """``★★★☆☆`` for difficulty 3 of 5."""
    return "★" * difficulty + "☆" * (5 - difficulty)


def part_letter(number: int) -> str:
    """``(a)`` for part 1, ``(b)`` for part 2: how parts are named on screen."""
    return f"({part_name(number)})"


def part_range(numbers: Sequence[int] | range) -> str:
    """``(a)``, ``(a) and (c)`` or ``(a)–(c)`` for parts answered or left."""
    letters = [part_letter(number) for number in numbers]
    consecutive = list(numbers) == list(range(numbers[0], numbers[0] + len(numbers)))
    if len(letters) > 2 and consecutive:
        return f"parts {letters[0]}–{letters[-1]}"
    if len(letters) > 1:
        return f"parts {', '.join(letters[:-1])} and {letters[-1]}"
    return f"part {letters[0]}"


def review_outcome(rating: Rating) -> str:
    return REVIEW_OUTCOMES[rating.name]


def first_line(text: str, width: int = 60) -> str:
    """The start of ``text`` on one line, cut at a word with an ellipsis past ``width``."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    return line[: line.rfind(" ", 0, width)].rstrip(",;:") + "…"
