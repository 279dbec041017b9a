"""The learner's day: when it starts, which day a moment falls in, how many days away.

Days roll over at ``day_starts_at_hour`` (4 a.m. by default) in the timezone of
the ``now`` given, like Anki's, so practice at 1 a.m. counts for the evening
before. Daily limits, "due today", streaks and the calendar all use these.
Time is always passed in; :data:`Clock` is the type of the callable a command
injects (the CLI's is ``penpaper.cli.app.now``). Naive datetimes are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from penpaper.progress.records import as_utc
from penpaper.progress.settings import Settings

Clock = Callable[[], datetime]
ONE_DAY = timedelta(days=1)


def day_start(now: datetime, settings: Settings) -> datetime:
    """When the learner's current day began, in UTC: the rollover hour in ``now``'s timezone."""
    shift = day_shift(now, settings)
    return day_begins(learner_day(now, shift), shift)


def day_shift(now: datetime, settings: Settings) -> timedelta:
    """What to add to a UTC moment so its date is the learner day: the date in ``now``'s
    timezone, with the day rolling over at ``day_starts_at_hour`` rather than midnight."""
    offset = now.utcoffset()
    if offset is None:
        raise ValueError(f"a timezone-aware datetime is required, not naive {now}")
    return offset - timedelta(hours=settings.day_starts_at_hour)


def learner_day(moment: datetime, shift: timedelta) -> date:
    return (as_utc(moment) + shift).date()


def day_begins(day: date, shift: timedelta) -> datetime:
    """The UTC moment a learner day starts."""
    return datetime.combine(day, time(), UTC) - shift


def learner_days_until(moment: datetime, now: datetime, settings: Settings) -> int:
    """Learner days from today to the day ``moment`` falls in: 0 today, 1 tomorrow."""
    shift = day_shift(now, settings)
    return (learner_day(moment, shift) - learner_day(now, shift)).days
