"""The ``penpaper`` command line: parses arguments, calls the core, renders with rich.

Nothing here decides anything about exercises, answers or schedules; it only
turns the core's plain data into text for a person (or JSON for a script).
"""

from __future__ import annotations

import difflib
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from penpaper import __version__
from penpaper.bank import Bank, Problem, configured_bank_paths, load_bank, load_files
from penpaper.model import Exercise

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="penpaper",
    help=(
        "Pen-and-paper exercises for the maths behind machine learning, "
        "checked as you type them.\n\n"
        "Exercises come from the bundled bank plus any folders named by --bank or "
        "PENPAPER_BANK (separated by ':')."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


# rich is imported on first output, so `list --json` and argument errors never pay for it.
@functools.cache
def console() -> Console:
    from rich.console import Console

    return Console()


@functools.cache
def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


USAGE_ERROR = 2
CHECK_FAILED = 1


@dataclass
class Session:
    """What the global options chose, and the bank they lead to (loaded once, on demand)."""

    extra_banks: list[Path] = field(default_factory=list)
    include_bundled: bool = True
    _bank: Bank | None = None

    def bank_paths(self) -> list[Path]:
        return configured_bank_paths(self.extra_banks, include_bundled=self.include_bundled)

    def bank(self) -> Bank:
        if self._bank is None:
            self._bank = load_bank(self.bank_paths())
            for problem in self._bank.problems:
                error_console().print(
                    f"skipped {problem}", style="yellow", markup=False, soft_wrap=True
                )
        return self._bank


def _version(value: bool) -> None:
    if value:
        console().print(f"penpaper {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    context: typer.Context,
    bank: Annotated[
        list[Path] | None,
        typer.Option(
            "--bank",
            metavar="DIR",
            help="An extra exercise folder (repeatable).",
            file_okay=False,
        ),
    ] = None,
    no_bundled_bank: Annotated[
        bool,
        typer.Option("--no-bundled-bank", help="Use only the --bank / PENPAPER_BANK folders."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    context.obj = Session(extra_banks=list(bank or []), include_bundled=not no_bundled_bank)


def _fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    error_console().print(message, markup=False, soft_wrap=True)
    raise typer.Exit(code)


def _closest(word: str, candidates: list[str]) -> str:
    """A 'did you mean' line from difflib, also matching the part after a topic's slash."""
    matches = difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)
    matches += [c for c in candidates if word in c and c not in matches][: 3 - len(matches)]
    return f" Did you mean: {', '.join(matches)}?" if matches else ""


def _topic_or_exit(bank: Bank, topic: str) -> str:
    if topic not in bank.topics:
        known = sorted(bank.topics)
        _fail(f"Unknown topic '{topic}'.{_closest(topic, known)} (see `penpaper topics`)")
    return topic


def _exercise_or_exit(bank: Bank, exercise_id: str) -> Exercise:
    exercise = bank.exercises.get(exercise_id)
    if exercise is None:
        known = list(bank.exercises)
        _fail(
            f"Unknown exercise '{exercise_id}'.{_closest(exercise_id, known)} (see `penpaper list`)"
        )
    return exercise


@app.command()
def topics(context: typer.Context) -> None:
    """List the topics of the bank with their size and difficulty spread."""
    from rich.table import Table

    bank = context.ensure_object(Session).bank()
    table = Table(title="Topics", title_justify="left")
    table.add_column("topic", style="bold")
    table.add_column("title")
    table.add_column("exercises", justify="right")
    table.add_column("difficulty 1 2 3 4 5", no_wrap=True)
    for topic in bank.ordered_topics():
        exercises = bank.in_topic(topic.slug)
        spread = [sum(1 for e in exercises if e.difficulty == d) for d in range(1, 6)]
        table.add_row(
            topic.slug,
            topic.title,
            str(len(exercises)),
            " ".join(f"{count:>2}" for count in spread),
        )
    console().print(table)


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
    bank = context.ensure_object(Session).bank()
    if topic is not None:
        _topic_or_exit(bank, topic)
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
    from rich.table import Table
    from rich.text import Text

    from penpaper.render import difficulty_stars

    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("difficulty", no_wrap=True)
    table.add_column("title and parts")
    for exercise in chosen:
        kinds = ", ".join(part.answer.type for part in exercise.parts)
        count = f"{len(exercise.parts)} part{'s' if len(exercise.parts) > 1 else ''}"
        table.add_row(
            exercise.id,
            difficulty_stars(exercise.difficulty),
            Text(exercise.title + "\n") + Text(f"{count}: {kinds}", style="dim"),
        )
    console().print(table if chosen else "No exercises match.")


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
    from penpaper.render import render_exercise

    bank = context.ensure_object(Session).bank()
    console().print(render_exercise(_exercise_or_exit(bank, exercise_id)))


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
    session = context.ensure_object(Session)
    bank = load_files(paths) if paths else load_bank(session.bank_paths())
    problems = list(bank.problems)
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

    from penpaper.checking.keys import answer_key_problems

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


def main() -> None:
    app()
