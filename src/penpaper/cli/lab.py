"""``penpaper lab``: an exercise's numpy experiment, run or shown once it has been attempted.

Exercise files are data; labs are code. A lab of the bundled bank runs; a lab
from any other bank runs only with the learner's consent: ``--trust`` for one
run, or its bank folder listed in ``penpaper config trusted_banks``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from penpaper.cli.answers import ExerciseArgument
from penpaper.cli.app import (
    CHECK_FAILED,
    CliContext,
    SeedOption,
    commands,
    console,
    error_console,
    exercise_or_exit,
    fail,
    instance_or_exit,
    open_store,
    say,
)
from penpaper.sanitising import printable

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise


@commands.command()
def lab(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    show_code: Annotated[
        bool, typer.Option("--show", help="Print the lab's code instead.")
    ] = False,
    trust: Annotated[
        bool, typer.Option("--trust", help="Run a lab from a bank you have not trusted, once.")
    ] = False,
    seed: SeedOption = None,
) -> None:
    """Run an exercise's numpy experiment (available once you have attempted it).

    Labs are code and run with your rights: the bundled bank's run; a lab from
    any other bank runs only with --trust, or once its folder is trusted with
    `penpaper config trusted_banks add PATH`. Read it first with --show.
    The lab of a parameterised exercise runs with the numbers of the instance
    you saw last (or of --seed).
    """
    from penpaper.labkit import PARAMETERS_VARIABLE
    from penpaper.labs import LAB_TIMEOUT_SECONDS, bank_folder, run_lab

    exercise = exercise_or_exit(context.ensure_object(CliContext).bank(), exercise_id)
    if exercise.lab is None:
        fail(f"{exercise.id} has no lab. `penpaper list` marks the ones that do.")
    with open_store(context) as store:
        attempted = exercise.id in store.attempted_exercise_ids()
        trusted_banks = store.settings().trusted_banks
    if not attempted:
        fail(
            f"Finish {exercise.id} first (`penpaper drill {exercise.topic} --id {exercise.id}`): "
            "the lab shows the answers.",
            CHECK_FAILED,
        )
    code = _code_or_exit(exercise, exercise.lab)
    if show_code:
        from penpaper.terminal.exercise_view import render_lab_code

        # Escaped, so that no control character can hide a line: what is shown is what runs.
        if sys.stdout.isatty():
            console().print(render_lab_code(printable(code)))
        else:  # `lab ID --show > lab.py` gives the script itself, unwrapped
            sys.stdout.write(printable(code))
        error_console().print(
            f"Run it yourself: python {exercise.lab}", style="dim", markup=False, soft_wrap=True
        )
        return
    folder = bank_folder(exercise.lab)
    if not (trust or _is_trusted(folder, trusted_banks)):
        import shlex

        fail(
            f"The lab of {exercise.id} is code from {folder}, a bank that is not trusted: "
            "it would run with your rights. Read it with "
            f"`penpaper lab {exercise.id} --show`, then run it once with "
            f"`penpaper lab {exercise.id} --trust`, or trust every lab of that folder with "
            f"`penpaper config trusted_banks add {shlex.quote(str(folder))}`.",
            CHECK_FAILED,
        )
    instance = instance_or_exit(context, exercise, seed)
    environment = {}
    if instance.seed is not None:
        environment[PARAMETERS_VARIABLE] = json.dumps(instance.plain_values())
        say(f"Running the lab of {exercise.id} with the numbers of {instance.described()}…")
    else:
        say(f"Running the lab of {exercise.id}…", style="dim")
    run = run_lab(exercise.lab, folder, LAB_TIMEOUT_SECONDS, environment)
    console().print(printable(run.output), markup=False, highlight=False, end="")
    if run.timed_out:
        fail(f"The lab ran for over {LAB_TIMEOUT_SECONDS} s and was stopped.", CHECK_FAILED)
    if run.exit_code != 0:
        fail(f"The lab stopped with exit code {run.exit_code}:\n{run.errors}", CHECK_FAILED)


def _is_trusted(folder: Path, trusted_banks: tuple[str, ...]) -> bool:
    """Whether labs of the bank ``folder`` (resolved) may run without asking."""
    from penpaper.bank.loading import bundled_bank_path

    return folder == bundled_bank_path().resolve() or str(folder) in trusted_banks


def _code_or_exit(exercise: Exercise, lab: Path) -> str:
    """The lab's code as Python will read it, or a line saying why it will not be used.

    Read as every bank file is: inside its bank folder, a regular file of at most 1 MB.
    """
    from penpaper.bank.files import BankTree, Unusable
    from penpaper.labs import LabError, lab_code

    try:
        tree = BankTree(lab.parent.parent)
        return lab_code(tree.read(tree.entry(lab)).data)
    except (Unusable, LabError) as error:
        fail(f"The lab of {exercise.id} cannot be used: {error}.", CHECK_FAILED)
