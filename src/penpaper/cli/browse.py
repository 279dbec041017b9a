"""Reading the bank: ``topics``, ``list``, ``show`` and ``validate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from penpaper.bank.loading import Problem, load_bank, load_files
from penpaper.bank.model import Exercise
from penpaper.cli.app import (
    CHECK_FAILED,
    CliContext,
    app,
    console,
    error_console,
    exercise_or_exit,
    topic_or_exit,
)


@app.command()
def topics(context: typer.Context) -> None:
    """List the topics of the bank with their size and difficulty spread."""
    from penpaper.terminal.bank_view import topics_table

    console().print(topics_table(context.ensure_object(CliContext).bank()))


@app.command("list")
def list_exercises(
    context: typer.Context,
    topic: Annotated[str | None, typer.Argument(help="Only this topic.")] = None,
    difficulty: Annotated[
        int | None, typer.Option(min=1, max=5, help="Only this difficulty (1–5).")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only exercises with this tag.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List exercises: id, title, difficulty, and the answer type of each part."""
    bank = context.ensure_object(CliContext).bank()
    if topic is not None:
        topic_or_exit(bank, topic)
    chosen = [
        exercise
        for exercise in bank.exercises.values()
        if (topic is None or exercise.topic == topic)
        and (difficulty is None or exercise.difficulty == difficulty)
        and (tag is None or tag in exercise.tags)
    ]
    if as_json:
        # Only what helps choose an exercise: never an expected answer or a solution.
        print(
            json.dumps(
                [_exercise_summary(exercise) for exercise in chosen], indent=2, ensure_ascii=False
            )
        )
        return
    from penpaper.terminal.bank_view import exercises_table

    console().print(exercises_table(chosen) if chosen else "No exercises match.")


def _exercise_summary(exercise: Exercise) -> dict[str, object]:
    return {
        "id": exercise.id,
        "topic": exercise.topic,
        "title": exercise.title,
        "difficulty": exercise.difficulty,
        "tags": list(exercise.tags),
        "has_lab": exercise.lab is not None,
        "parts": [
            {
                "number": part.number,
                "answer_type": part.answer.type,
                "hints": len(part.hints),
                "has_solution": bool(part.solution),
            }
            for part in exercise.parts
        ],
    }


@app.command()
def show(
    context: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id, topic/slug.")],
) -> None:
    """Show an exercise's statement and questions (never its solution)."""
    from penpaper.terminal.exercise_view import render_exercise

    bank = context.ensure_object(CliContext).bank()
    console().print(render_exercise(exercise_or_exit(bank, exercise_id)))


@app.command()
def validate(
    context: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Exercise files or folders (default: every configured bank)."),
    ] = None,
    check_keys: Annotated[
        bool,
        typer.Option(
            "--keys/--no-keys",
            help="Also run the answer checker on every expected answer, accepted form and "
            "listed mistake (slower).",
        ),
    ] = True,
) -> None:
    """Check exercise files and report every problem; exit 1 if there is any."""
    session = context.ensure_object(CliContext)
    bank = load_files(paths) if paths else load_bank(session.bank_paths())
    problems = bank.problems + bank.warnings
    if check_keys:
        problems += _answer_key_problems(list(bank.exercises.values()))
    for problem in problems:
        console().print(str(problem), markup=False, highlight=False, soft_wrap=True)
    broken_ids = {problem.exercise_id for problem in problems if problem.exercise_id}
    valid = len(bank.exercises.keys() - broken_ids)
    if problems:
        console().print(f"{len(problems)} problem(s); {valid} exercise(s) OK.", style="red")
        raise typer.Exit(CHECK_FAILED)
    checked = " (answer keys checked)" if check_keys else ""
    console().print(f"All {valid} exercise(s) valid{checked}.", style="green")


def _answer_key_problems(exercises: list[Exercise]) -> list[Problem]:
    """Run the real checker over every key; imported here because it loads sympy."""
    from rich.progress import track

    from penpaper.checking.exercise_keys import answer_key_problems

    problems = []
    for exercise in track(
        exercises, description="Checking answer keys", console=error_console(), transient=True
    ):
        problems += [
            Problem(
                exercise.path,
                key_problem.message,
                exercise_id=exercise.id,
                field=f"parts[{key_problem.part}].{key_problem.field}",
            )
            for key_problem in answer_key_problems(exercise)
        ]
    return problems
