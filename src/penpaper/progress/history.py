"""Read-only questions about the learner's history, asked by ``penpaper stats``.

Activity by learner day: a learner day is the UTC calendar day after adding
``day_shift`` (the learner's UTC offset minus their rollover hour), so a day
starting at 04:00 in UTC+2 (a shift of -2 h) begins at 02:00 UTC. The queries
count in SQL over the ``finished_at`` index rather than loading the log: they
stay fast on a 100,000-attempt history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from fsrs import Rating

from penpaper.progress.database import Database, timestamp

# A row whose time SQLite cannot read (written outside penpaper) is left out of the counts.
_READABLE = "julianday(finished_at) IS NOT NULL"


def orphans(database: Database, bank_ids: Iterable[str]) -> list[str]:
    """Ids with history but no exercise in the bank any more (renamed or removed)."""
    known = set(bank_ids)
    recorded = database.exercise_ids("attempts") | database.exercise_ids("help_events")
    return sorted(recorded - known)


# Day boundaries are written in _timestamp's format, so they compare as text.
_DAY_START = "strftime('%Y-%m-%dT%H:%M:%S.000000+00:00', day, :unshift)"
_NEXT_DAY_START = "strftime('%Y-%m-%dT%H:%M:%S.000000+00:00', day, '+1 day', :unshift)"
_EARLIEST = "''"
"""Before every time and day, as SQL: the empty text sorts first."""


def active_days(
    database: Database, day_shift: timedelta, until: date, topic: str | None = None
) -> set[date]:
    """The learner days up to ``until`` with at least one attempt finished.

    Each day is found by the first attempt at or after the next day's start, along
    the ``finished_at`` index, so a long history costs about its number of days,
    not of attempts (more with a topic filter, which skips other topics' rows).
    Each day found must be later than the last: a time written with another UTC
    offset (outside penpaper) sorts as text out of its place, and is skipped
    rather than found again.
    """
    condition, parameters = _topic_condition(topic)

    def first_day_from(start: str, after: str) -> str:
        return (
            f"(SELECT date(finished_at, :shift) FROM attempts WHERE finished_at >= {start}"
            f" AND date(finished_at, :shift) > {after}{condition}"
            " ORDER BY finished_at LIMIT 1)"
        )

    rows = database.rows(
        "WITH RECURSIVE active (day) AS ("
        f" SELECT {first_day_from(_EARLIEST, _EARLIEST)}"
        f" UNION ALL SELECT {first_day_from(_NEXT_DAY_START, 'day')}"
        " FROM active WHERE day < :until)"
        " SELECT day FROM active WHERE day IS NOT NULL AND day <= :until",
        {
            "shift": _shift_modifier(day_shift),
            "unshift": _shift_modifier(-day_shift),
            "until": until.isoformat(),
            **parameters,
        },
    )
    return {date.fromisoformat(day) for (day,) in rows}


def attempts_per_day(
    database: Database, day_shift: timedelta, since: date, until: date, topic: str | None = None
) -> dict[date, int]:
    """Attempts finished on each learner day from ``since`` to ``until``; days without any
    are left out.

    One index range count per day, rather than a date computation per attempt:
    several times faster on a long history.
    """
    condition, parameters = _topic_condition(topic)
    rows = database.rows(
        "WITH RECURSIVE days (day) AS ("
        " SELECT :since UNION ALL SELECT date(day, '+1 day') FROM days WHERE day < :until)"
        f" SELECT day, (SELECT count(*) FROM attempts WHERE finished_at >= {_DAY_START}"
        f" AND finished_at < {_NEXT_DAY_START}{condition}) AS attempts"
        " FROM days WHERE day <= :until",
        {
            "unshift": _shift_modifier(-day_shift),
            "since": since.isoformat(),
            "until": until.isoformat(),
            **parameters,
        },
    )
    return {date.fromisoformat(day): count for day, count in rows if count}


def reviews_passed(
    database: Database, day_shift: timedelta, since: datetime, topic: str | None = None
) -> tuple[int, int]:
    """Of the reviews since ``since`` (each exercise's first attempt of a learner day, not
    its first attempt ever, nor practice), how many there were and how many passed
    (rated better than Again)."""
    condition, parameters = _topic_condition(topic)
    # SQLite takes the bare columns of a min() aggregate from the row holding the minimum.
    # Grouping by day first keeps the planner on the finished_at index (not a full scan).
    reviews, passed = database.rows(
        "SELECT count(*), coalesce(sum(rating != :again), 0) FROM ("
        "SELECT date(finished_at, :shift) AS day, rating, first, practice, min(finished_at)"
        f" FROM attempts WHERE finished_at >= :since AND {_READABLE}{condition}"
        " GROUP BY day, exercise_id) WHERE NOT first AND NOT practice",
        {
            "shift": _shift_modifier(day_shift),
            "since": timestamp(since),
            "again": int(Rating.Again),
            **parameters,
        },
    )[0]
    return int(reviews), int(passed)


def seconds_spent(
    database: Database, since: datetime, longest_attempt: timedelta, topic: str | None = None
) -> float:
    """Seconds on attempts finished since ``since``, each counting up to ``longest_attempt``."""
    condition, parameters = _topic_condition(topic)
    return float(
        database.scalar(
            "SELECT coalesce(sum(min((julianday(finished_at) - julianday(started_at)) * 86400,"
            f" :longest)), 0) FROM attempts WHERE finished_at >= :since{condition}",
            {
                "since": timestamp(since),
                "longest": longest_attempt.total_seconds(),
                **parameters,
            },
        )
    )


def last_ratings(database: Database, topic: str | None = None) -> dict[str, Rating]:
    """The rating of each attempted exercise's latest attempt."""
    condition, parameters = _topic_condition(topic)
    return {
        exercise_id: Rating(rating)
        for exercise_id, rating in database.rows(
            "SELECT e.exercise_id, (SELECT rating FROM attempts WHERE exercise_id ="
            " e.exercise_id ORDER BY finished_at DESC, id DESC LIMIT 1)"
            f" FROM (SELECT DISTINCT exercise_id FROM attempts WHERE 1{condition}) e",
            parameters,
        )
    }


def _topic_condition(topic: str | None) -> tuple[str, dict[str, object]]:
    """An SQL condition (and its named parameters) keeping one topic's exercise ids, or all."""
    if topic is None:
        return "", {}
    return " AND substr(exercise_id, 1, :prefix_length) = :prefix", {
        "prefix_length": len(topic) + 1,
        "prefix": topic + "/",
    }


def _shift_modifier(shift: timedelta) -> str:
    """An SQLite date modifier moving a moment by ``shift`` (whole minutes)."""
    return f"{round(shift.total_seconds() / 60):+d} minutes"
