"""``penpaper stats``: progress figures, drawn for a person or printed as one JSON document."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Annotated

import typer

from penpaper.cli.app import CliContext, commands, console, now, settled_store, topic_or_exit


@commands.command()
def stats(
    context: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(metavar="TOPIC", help="Only this topic, with a row per exercise."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every figure as one JSON document (keys below).")
    ] = False,
) -> None:
    """Show how far you are: mastery, ratings, reviews due, retention, streak, activity.

    Mastery of an exercise follows its memory state: attempted (still
    learning, or failed since), familiar (passed, in review), proficient
    (memory stable for 7+ days), mastered (21+ days). A topic's percentage
    scores them 0, 50, 80 and 100 points.
    Retention is the share of scheduled reviews (each exercise's first attempt
    of a day, first-ever attempts and practice left out) not failed, over the
    last 30 days. Days start at the day_starts_at_hour setting (4 a.m.).

    \b
    JSON keys (dates ISO 8601; moments with their UTC offset; a mastery is
    not_started, attempted, familiar, proficient or mastered):
      generated_at, today     the moment used and the learner day it is in
      topic                   the topic asked for, or null
      has_history             false until the first attempt (in the topic)
      exercises_total, exercises_seen
      due_today, due_next_7_days, due_next_30_days
                              exercises due, overdue ones counted today
      forecast[]: day, due    each of the next 30 days
      retention: window_days, target, reviews, passed, rate
      streak: current, longest, active_today   (in days)
      week_start, seconds_this_week   since Monday; 30 min at most an attempt
      calendar[]: day, attempts   every day of the last 26 weeks
      topics[]: topic, title, exercises_total, exercises_seen, due_today,
        leeches, mastery, mastery_percent, levels {mastery: count}, rating,
        rating_deviation, rating_change_7_days,
        typical_success (chance of solving a typical difficulty-3 exercise)
      exercises[] (with TOPIC): id, title, difficulty, mastery, last_result
        (again/hard/good/easy), last_attempt, next_due, due_in_days,
        stability_days, retrievability, reviews, lapses
      leeches[]: id, title, lapses
      orphans[]               ids with history that left the bank
      overridden_answers      answers you counted as right over the checker
    """
    from penpaper.stats.figures import progress_stats
    from penpaper.terminal.stats_view import render_empty_state, render_stats

    bank = context.ensure_object(CliContext).bank()
    if topic is not None:
        topic_or_exit(bank, topic)
    with settled_store(context, reading_only=True) as store:
        figures = progress_stats(bank, store, now(), topic)
    if as_json:
        document = dataclasses.asdict(figures)
        print(json.dumps(document, indent=2, ensure_ascii=False, default=_json_value))
    elif not figures.has_history:
        console().print(render_empty_state(figures))
    else:
        console().print(render_stats(figures, console().width))


def _json_value(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
