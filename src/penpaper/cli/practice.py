"""Sessions: ``drill`` a topic and ``review`` what is due, in the interactive drill loop."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from penpaper.cli.app import (
    CliContext,
    commands,
    console,
    exercise_or_exit,
    fail,
    in_range,
    now,
    saved_or_exit,
    say,
    settled_store,
    topic_or_exit,
)
from penpaper.terminal.wording import plural

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise

    # The store (sqlite3, fsrs) loads only when a command uses it: `topics` stays light.
    from penpaper.progress.store import Store


def _read_line(prompt: str) -> str:
    """One line of input; bytes that are not text get a message and the prompt again."""
    while True:
        try:
            # The prompt goes through input() itself, so readline knows where the line
            # starts (an Enter on an empty line would otherwise not move to the next line).
            line = input(prompt)
        except UnicodeDecodeError:  # a strict stdin encoding
            line = "\udcff"
        # Python keeps undecodable bytes as lone surrogates (its surrogateescape handler).
        if not any("\udc80" <= character <= "\udcff" for character in line):
            return line
        say("That line had bytes that are not text (check the terminal's encoding); type it again.")


class TerminalClosed(Exception):
    """SIGHUP: the terminal went away, so nothing more is printed."""


@contextmanager
def _ended_by_signals() -> Iterator[None]:
    """SIGTERM ends a session like Ctrl-C; SIGHUP (terminal closed) too, but silently.

    Every verdict is already on disk, so ending here loses at most the line being typed.
    """

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    def hang_up(signum: int, frame: FrameType | None) -> None:
        raise TerminalClosed

    previous = {
        number: signal.signal(number, handler)
        for number, handler in ((signal.SIGTERM, interrupt), (signal.SIGHUP, hang_up))
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _run_session(context: typer.Context, store: Store, exercises: list[Exercise]) -> None:
    """Drill ``exercises`` interactively, then print the summary and the next useful command."""
    from penpaper.checking.background import BackgroundChecker
    from penpaper.scheduling.queues import upcoming_reviews
    from penpaper.stats.topics import topic_progress
    from penpaper.terminal.drill import DrillLoop
    from penpaper.terminal.session_view import render_session_summary

    if sys.stdin.isatty():
        import readline  # noqa: F401  (gives input() line editing and history)

    bank = context.ensure_object(CliContext).bank()
    loop = DrillLoop(console(), _read_line, store, now, BackgroundChecker())
    try:
        with _ended_by_signals():
            summary = saved_or_exit(store, lambda: loop.run(exercises))
    except (TerminalClosed, OSError):  # OSError: writing to a terminal that is gone
        raise typer.Exit(130) from None
    moment = now()
    upcoming = upcoming_reviews(list(bank.exercises.values()), store, moment)
    practised = {entry.logged.attempt.exercise_id.partition("/")[0] for entry in summary.recorded}
    progress = {topic: topic_progress(bank, store, moment, topic) for topic in sorted(practised)}
    console().print(render_session_summary(summary, upcoming, progress, moment))


@commands.command()
def drill(
    context: typer.Context,
    topic: Annotated[
        str, typer.Argument(metavar="TOPIC", help="The topic to drill (see `penpaper topics`).")
    ],
    count: Annotated[
        int,
        typer.Option(
            "--count", "-n", metavar="N", callback=in_range(1), help="How many exercises."
        ),
    ] = 5,
    new: Annotated[bool, typer.Option("--new", help="Only exercises never attempted.")] = False,
    difficulty: Annotated[
        int | None,
        typer.Option(metavar="1-5", callback=in_range(1, 5), help="Only this difficulty."),
    ] = None,
    exercise_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Drill this one exercise.")
    ] = None,
    practice: Annotated[
        bool,
        typer.Option("--practice", help="Review your weakest exercises ahead of schedule."),
    ] = False,
) -> None:
    """Drill a topic: due exercises first, then new ones near your level.

    At the answer prompt: `?` or `hint` for the next hint, `skip` to move on,
    `solution` to give up and see it, `undo` to take back your last answer, `override`
    after ✗ when you are sure you were right (marked for the bank's author), `help` or `h`
    for these commands, `quit`, `q` or `exit` to stop (everything is saved).
    """
    from penpaper.scheduling.queues import drill_exercises, weakest_exercises

    bank = context.ensure_object(CliContext).bank()
    topic_or_exit(bank, topic)
    _refuse_clashing_filters(exercise_id, new, difficulty, practice)
    if exercise_id is not None:
        chosen_one = exercise_or_exit(bank, exercise_id)
        if chosen_one.topic != topic:
            fail(
                f"{chosen_one.id} is in {chosen_one.topic}, not {topic}: run "
                f"`penpaper drill {chosen_one.topic} --id {chosen_one.id}`."
            )
    store = settled_store(context)
    with store:
        moment = now()
        if exercise_id is not None:
            _run_session(context, store, [chosen_one])
            return
        in_topic = [
            exercise
            for exercise in bank.in_topic(topic)
            if difficulty is None or exercise.difficulty == difficulty
        ]
        if practice:
            chosen = weakest_exercises(in_topic, store, moment, limit=count)
        else:
            chosen = drill_exercises(in_topic, store, moment, count, only_new=new)
        if not chosen:
            say(_nothing_to_drill(topic, bank.in_topic(topic), difficulty, store, practice))
            return
        short = "" if practice else _why_short(topic, in_topic, chosen, count, store)
        if short:
            say(short, style="yellow")
        _run_session(context, store, chosen)


def _refuse_clashing_filters(
    exercise_id: str | None, new: bool, difficulty: int | None, practice: bool
) -> None:
    if exercise_id is not None and (new or difficulty is not None or practice):
        fail("--id drills that one exercise: leave out --new, --difficulty and --practice.")
    if practice and new:
        fail(
            "--practice reviews exercises you have done, --new picks ones you have not: choose one."
        )


def _why_short(
    topic: str, candidates: list[Exercise], chosen: list[Exercise], count: int, store: Store
) -> str:
    """Say so when the daily limit on new exercises cuts a drill short (an exercise left
    open is resumed, not new)."""
    if len(chosen) >= count:
        return ""
    begun = store.attempted_exercise_ids() | set(store.open_exercise_ids())
    unseen = sum(exercise.id not in begun for exercise in candidates)
    new_chosen = sum(exercise.id not in begun for exercise in chosen)
    if unseen <= new_chosen:
        return ""
    limit = store.settings().new_per_day
    left = f"Only {plural(new_chosen, 'new exercise')}" if new_chosen else "No new exercise"
    return (
        f"{left} left today (new_per_day = {limit}) — "
        f"`penpaper review`, `penpaper drill {topic} --practice`, or "
        f"`penpaper config new_per_day {max(2 * limit, 1)}` for more."
    )


def _nothing_to_drill(
    topic: str, exercises: list[Exercise], difficulty: int | None, store: Store, practice: bool
) -> str:
    """Why a drill found nothing, what there is, and what to run instead."""
    attempted = store.attempted_exercise_ids()
    if practice:
        return (
            f"In {topic}, you have not attempted any exercise"
            f"{'' if difficulty is None else f' of difficulty {difficulty}'}. "
            f"Start with `penpaper drill {topic}`."
        )
    ahead = f"Practise ahead of schedule with `penpaper drill {topic} --practice`."
    fresh = [exercise for exercise in exercises if exercise.id not in attempted]
    at_level = [e for e in fresh if difficulty is None or e.difficulty == difficulty]
    if at_level:
        limit = store.settings().new_per_day
        return (
            f"You have reached today's limit of {plural(limit, 'new exercise')} "
            f"(`penpaper config new_per_day N` changes it). {ahead}"
        )
    if difficulty is not None and fresh:
        levels = sorted({exercise.difficulty for exercise in fresh})
        spread = f"{levels[0]}–{levels[-1]}" if len(levels) > 1 else str(levels[0])
        return (
            f"No new exercise at difficulty {difficulty} in {topic}, and none due; "
            f"{len(fresh)} new at {spread}: `penpaper drill {topic} --difficulty {levels[0]}`."
        )
    return f"In {topic}, nothing is due or new. {ahead}"


@commands.command()
def review(
    context: typer.Context,
    topic: Annotated[str | None, typer.Option(metavar="TOPIC", help="Only this topic.")] = None,
    limit: Annotated[
        int | None, typer.Option(metavar="N", callback=in_range(1), help="At most this many.")
    ] = None,
) -> None:
    """Work through every exercise due today, least well remembered first (unfinished
    ones before them)."""
    from penpaper.scheduling.queues import due_exercises, open_exercises, upcoming_reviews
    from penpaper.terminal.session_view import render_next_review

    bank = context.ensure_object(CliContext).bank()
    if topic is not None:
        topic_or_exit(bank, topic)
    with settled_store(context) as store:
        moment = now()
        exercises = list(bank.exercises.values())
        due = list(
            dict.fromkeys(
                open_exercises(exercises, store, topic)
                + due_exercises(exercises, store, moment, topic=topic, limit=limit)
            )
        )[:limit]
        if not due:
            scope = exercises if topic is None else bank.in_topic(topic)
            upcoming = upcoming_reviews(scope, store, moment)
            where = "" if topic is None else f" in {topic}"
            next_step = render_next_review(upcoming, moment, topic)
            say(f"Nothing{where} is due for review. {next_step}")
            return
        _run_session(context, store, due)
