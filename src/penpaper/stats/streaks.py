"""Streaks of active days: their own module, since the home screen needs them and not
the rest of ``penpaper stats``'s figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from penpaper.scheduling.days import ONE_DAY


@dataclass(frozen=True)
class Streak:
    """Runs of learner days with an attempt: the one going on, and the longest."""

    current: int
    longest: int
    active_today: bool


def streak_of(active: set[date], today: date) -> Streak:
    longest = 0
    for day in active:
        if day - ONE_DAY not in active:  # the first day of a run: measure the run
            length = 1
            while day + length * ONE_DAY in active:
                length += 1
            longest = max(longest, length)
    current = 0
    day = today if today in active else today - ONE_DAY
    while day in active:
        current += 1
        day -= ONE_DAY
    return Streak(current=current, longest=longest, active_today=today in active)
