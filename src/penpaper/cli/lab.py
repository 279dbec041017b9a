"""``penpaper lab``: an exercise's numpy experiment, run or shown once it has been attempted."""

from __future__ import annotations

from typing import Annotated

import typer

from penpaper.cli.answers import ExerciseArgument
from penpaper.cli.app import (
    CHECK_FAILED,
    CliContext,
    app,
    console,
    exercise_or_exit,
    fail,
    open_store,
    say,
)


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
        from penpaper.terminal.exercise_view import render_lab_code

        console().print(render_lab_code(exercise.lab.read_text(encoding="utf-8")))
        say(f"Run it yourself: python {exercise.lab}", style="dim")
        return
    from penpaper.labs import LAB_TIMEOUT_SECONDS, run_lab

    say(f"Running the lab of {exercise.id}…", style="dim")
    run = run_lab(exercise.lab)
    console().print(run.output, markup=False, highlight=False, end="")
    if run.timed_out:
        fail(f"The lab ran for over {LAB_TIMEOUT_SECONDS} s and was stopped.", CHECK_FAILED)
    if run.exit_code != 0:
        fail(f"The lab stopped with exit code {run.exit_code}:\n{run.errors}", CHECK_FAILED)
