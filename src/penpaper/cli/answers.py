"""One answer at a time, without a session: ``check``, ``hint`` and ``solution``."""

from __future__ import annotations

from typing import Annotated

import typer

from penpaper.bank.model import Exercise, Part
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
)

PartOption = Annotated[
    int | None,
    typer.Option("--part", min=1, help="Part number, from 1 (needed for multi-part)."),
]
ExerciseArgument = Annotated[str, typer.Argument(metavar="ID", help="Exercise id, topic/slug.")]


def _part_or_exit(exercise: Exercise, number: int | None) -> Part:
    if number is None:
        if len(exercise.parts) > 1:
            fail(f"{exercise.id} has {len(exercise.parts)} parts: choose one with --part N.")
        return exercise.parts[0]
    if number > len(exercise.parts):
        fail(f"{exercise.id} has {len(exercise.parts)} part(s); there is no part {number}.")
    return exercise.parts[number - 1]


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
    from penpaper.checking.exercise_keys import check_against_key
    from penpaper.progress.records import Outcome
    from penpaper.scheduling.recording import record_one_part

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
        outcome = Outcome.CORRECT if correct else Outcome.INCORRECT
        with open_store(context) as store:
            record_one_part(store, exercise, part.number, outcome, answer, started_at, now())
    if not correct:
        raise typer.Exit(CHECK_FAILED)


@app.command()
def hint(
    context: typer.Context, exercise_id: ExerciseArgument, part_number: PartOption = None
) -> None:
    """Show the next hint for a part (hints taken count when the answer is rated)."""
    from penpaper.progress.records import HelpKind

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
    from penpaper.checking.display import pretty_key
    from penpaper.progress.records import HelpKind, Outcome
    from penpaper.scheduling.recording import record_one_part
    from penpaper.terminal.exercise_view import render_solution

    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    part = _part_or_exit(exercise, part_number)
    with open_store(context) as store:
        moment = now()
        if give_up:
            skipped = Outcome.SKIPPED
            record_one_part(store, exercise, part.number, skipped, "", moment, moment, gave_up=True)
        elif not store.part_attempted(exercise.id, part.number):
            fail(
                f"Try part {part.number} of {exercise.id} first: `penpaper check {exercise.id} "
                f"--part {part.number} ANSWER`, or `--give-up` to see the solution now "
                "(it counts as failed).",
                CHECK_FAILED,
            )
        else:
            store.record_help(exercise.id, part.number, HelpKind.SOLUTION, moment)
    console().print(render_solution(part, pretty_key(exercise, part)))


