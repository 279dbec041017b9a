"""Small phrases used across screens, so every screen says a thing the same way."""

from __future__ import annotations


def in_days(days: int) -> str:
    """``today``, ``tomorrow`` or ``in 5 days``, for learner days from today."""
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 exercise``, ``3 exercises`` (``many`` for irregular plurals)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def difficulty_stars(difficulty: int) -> str:
    """``★★★☆☆`` for difficulty 3 of 5."""
    return "★" * difficulty + "☆" * (5 - difficulty)
