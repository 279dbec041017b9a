"""Working exercises: ``drill``, ``review``, and the one-shot ``check``, ``hint``,
``solution`` and ``lab``."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING, Annotated

import typer

from penpaper.cli.app import (
    CHECK_FAILED,
    USAGE_ERROR,
    CliContext,
    app,
    console,
    exercise_or_exit,
    fail,
    now,
    open_store,
    say,
    topic_or_exit,
)
from penpaper.model import Exercise, Part

if TYPE_CHECKING:
    # The store (sqlite3, fsrs) loads only when a command uses it: `topics` stays light.
    from penpaper.store import Store

LAB_TIMEOUT_SECONDS = 120

PartOption = Annotated[
    int | None,
    typer.Option("--part", min=1, help="Part number, from 1 (needed for multi-part)."),
]
ExerciseArgument = Annotated[str, typer.Argument(metavar="ID", help="Exercise id, topic/slug.")]


def _read_line(prompt: str) -> str:
    # The prompt goes through input() itself, so readline knows where the line starts
    # (an Enter on an empty line would otherwise not move to the next line).
    return input(prompt)


def _run_session(
    context: typer.Context, store: Store, exercises: list[Exercise], practice: bool
) -> None:
    """Drill ``exercises`` interactively, then print the summary and the next useful command."""
    from penpaper.drill import BackgroundChecker, DrillLoop
    from penpaper.render import render_session_summary
    from penpaper.scheduling import upcoming_reviews
    from penpaper.stats import topic_progress

    if sys.stdin.isatty():
        import readline  # noqa: F401  (gives input() line editing and history)

    bank = context.ensure_object(CliContext).bank()
    loop = DrillLoop(console(), _read_line, store, now, BackgroundChecker(), practice)
    summary = loop.run(exercises)
    moment = now()
    upcoming = upcoming_reviews(list(bank.exercises.values()), store, moment)
    practised = {entry.logged.attempt.exercise_id.partition("/")[0] for entry in summary.recorded}
    progress = {topic: topic_progress(bank, store, moment, topic) for topic in sorted(practised)}
    console().print(render_session_summary(summary, upcoming, progress, moment))


def _part_or_exit(exercise: Exercise, number: int | None) -> Part:
    if number is None:
        if len(exercise.parts) > 1:
            fail(f"{exercise.id} has {len(exercise.parts)} parts: choose one with --part N.")
        return exercise.parts[0]
    if number > len(exercise.parts):
        fail(f"{exercise.id} has {len(exercise.parts)} part(s); there is no part {number}.")
    return exercise.parts[number - 1]


@app.command()
def drill(
    context: typer.Context,
    topic: Annotated[str, typer.Argument(help="The topic to drill (see `penpaper topics`).")],
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many exercises.")] = 5,
    new: Annotated[bool, typer.Option("--new", help="Only exercises never attempted.")] = False,
    difficulty: Annotated[
        int | None, typer.Option(min=1, max=5, help="Only this difficulty (1–5).")
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
    `solution` to give up and see it, `quit` to stop (everything is saved).
    """
    from penpaper.scheduling import drill_exercises, weakest_exercises

    bank = context.ensure_object(CliContext).bank()
    topic_or_exit(bank, topic)
    store = open_store(context)
    with store:
        moment = now()
        if exercise_id is not None:
            exercise = exercise_or_exit(bank, exercise_id)
            card = store.card(exercise.id)
            _run_session(
                context, store, [exercise], practice=card is not None and card.due > moment
            )
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
            say(_nothing_to_drill(topic, in_topic, store, practice))
            return
        _run_session(context, store, chosen, practice=practice)


def _nothing_to_drill(topic: str, exercises: list[Exercise], store: Store, practice: bool) -> str:
    """Why a drill found nothing, and what to run instead."""
    if practice:
        return (
            f"In {topic}, you have not attempted any exercise. Start with `penpaper drill {topic}`."
        )
    ahead = f"Practise ahead of schedule with `penpaper drill {topic} --practice`."
    attempted = store.attempted_exercise_ids()
    if any(exercise.id not in attempted for exercise in exercises):
        limit = store.settings().new_per_day
        return (
            f"You have reached today's limit of {limit} new exercise{'s' if limit != 1 else ''} "
            f"(`penpaper config new_per_day N` changes it). {ahead}"
        )
    return f"In {topic}, nothing is due or new. {ahead}"


@app.command()
def review(
    context: typer.Context,
    topic: Annotated[str | None, typer.Option(help="Only this topic.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
) -> None:
    """Work through every exercise due today, least well remembered first."""
    from penpaper.render import render_next_review
    from penpaper.scheduling import due_exercises, upcoming_reviews

    bank = context.ensure_object(CliContext).bank()
    if topic is not None:
        topic_or_exit(bank, topic)
    with open_store(context) as store:
        moment = now()
        exercises = list(bank.exercises.values())
        due = due_exercises(exercises, store, moment, topic=topic, limit=limit)
        if not due:
            upcoming = upcoming_reviews(exercises, store, moment)
            say("Nothing is due for review. " + render_next_review(upcoming, moment))
            return
        _run_session(context, store, due, practice=False)


# An answer such as "-1/4" looks like an option; let it through as the answer.
@app.command(context_settings={"ignore_unknown_options": True})
def check(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    answer: Annotated[str, typer.Argument(help="Your answer, quoted for the shell.")],
    part_number: PartOption = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="Save the attempt (default) or only check.")
    ] = True,
) -> None:
    """Check one answer without a session. Exit 0 correct, 1 incorrect, 2 unreadable."""
    from penpaper.checking import warm_up
    from penpaper.checking.keys import check_against_key
    from penpaper.scheduling import record_attempt
    from penpaper.store import Attempt, Outcome, PartResult

    warm_up()  # the worker imports sympy while the bank loads
    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    part = _part_or_exit(exercise, part_number)
    if not part.answer.is_checkable:
        fail(f"Part {part.number} of {exercise.id} is a derivation: work it in `penpaper drill`.")
    started_at = now()
    verdict = check_against_key(exercise, part.answer, answer)
    if verdict.status in ("invalid", "undecided"):
        fail(
            f"Couldn't {'read' if verdict.status == 'invalid' else 'judge'} that: "
            f"{verdict.message}",
            USAGE_ERROR,
        )
    correct = verdict.status == "correct"
    say("✓ correct" if correct else f"✗ incorrect — {verdict.message}".rstrip(" —"))
    if record:
        with open_store(context) as store:
            help_taken = store.help_taken(exercise.id)
            result = PartResult(
                part.number,
                Outcome.CORRECT if correct else Outcome.INCORRECT,
                answer,
                help_taken.hints_used(part.number),
                help_taken.solution_seen(part.number),
            )
            record_attempt(store, exercise, Attempt(exercise.id, started_at, now(), (result,)))
    if not correct:
        raise typer.Exit(CHECK_FAILED)


@app.command()
def hint(
    context: typer.Context, exercise_id: ExerciseArgument, part_number: PartOption = None
) -> None:
    """Show the next hint for a part (hints taken count when the answer is rated)."""
    from penpaper.store import HelpKind

    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    part = _part_or_exit(exercise, part_number)
    with open_store(context) as store:
        shown = store.help_taken(exercise.id).hints_used(part.number)
        if shown >= len(part.hints):
            say(
                f"No more hints for part {part.number} ({len(part.hints)} shown). "
                f"`penpaper solution {exercise.id} --part {part.number}` after an attempt."
            )
            return
        store.record_help(exercise.id, part.number, HelpKind.HINT, now())
    say(f"Hint {shown + 1}/{len(part.hints)}: {part.hints[shown]}")


@app.command()
def solution(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    part_number: PartOption = None,
    give_up: Annotated[
        bool, typer.Option("--give-up", help="Record a failed attempt and show the solution.")
    ] = False,
) -> None:
    """Show a part's worked solution, once you have attempted it."""
    from penpaper.drill import BackgroundChecker
    from penpaper.render import render_solution
    from penpaper.scheduling import record_attempt
    from penpaper.store import Attempt, HelpKind, Outcome, PartResult

    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    part = _part_or_exit(exercise, part_number)
    with open_store(context) as store:
        moment = now()
        if give_up:
            hints = store.help_taken(exercise.id).hints_used(part.number)
            result = PartResult(part.number, Outcome.SKIPPED, "", hints, solution_seen=True)
            record_attempt(store, exercise, Attempt(exercise.id, moment, moment, (result,)))
        elif not store.part_attempted(exercise.id, part.number):
            fail(
                f"Try part {part.number} of {exercise.id} first: `penpaper check {exercise.id} "
                f"--part {part.number} ANSWER`, or `--give-up` to see the solution now "
                "(it counts as failed).",
                CHECK_FAILED,
            )
        else:
            store.record_help(exercise.id, part.number, HelpKind.SOLUTION, moment)
    expected = BackgroundChecker(start_worker=False).expected_for_display(exercise, part)
    console().print(render_solution(part, expected))


@app.command()
def lab(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    show_code: Annotated[
        bool, typer.Option("--show", help="Print the lab's code instead.")
    ] = False,
) -> None:
    """Run an exercise's numpy experiment (available once you have attempted it)."""
    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    if exercise.lab is None:
        fail(f"{exercise.id} has no lab. `penpaper list --json` marks the ones that do.")
    with open_store(context) as store:
        attempted = exercise.id in store.attempted_exercise_ids()
    if not attempted:
        fail(
            f"Attempt {exercise.id} first (`penpaper drill {exercise.topic} --id {exercise.id}`): "
            "the lab shows the answer.",
            CHECK_FAILED,
        )
    if show_code:
        from rich.syntax import Syntax

        console().print(Syntax(exercise.lab.read_text(encoding="utf-8"), "python"))
        say(f"Run it yourself: python {exercise.lab}", style="dim")
        return
    say(f"Running the lab of {exercise.id}…", style="dim")
    with tempfile.TemporaryDirectory() as scratch:
        try:
            completed = subprocess.run(
                [sys.executable, str(exercise.lab)],
                cwd=scratch,
                timeout=LAB_TIMEOUT_SECONDS,
                capture_output=True,
                text=True,
                check=False,
            )
        except subprocess.TimeoutExpired:
            fail(f"The lab ran for over {LAB_TIMEOUT_SECONDS} s and was stopped.", CHECK_FAILED)
    console().print(completed.stdout, markup=False, highlight=False, end="")
    if completed.returncode != 0:
        fail(
            f"The lab stopped with exit code {completed.returncode}:\n{completed.stderr}",
            CHECK_FAILED,
        )
