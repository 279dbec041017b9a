"""Reading the bank: ``topics``, ``list``, ``show`` and ``validate``."""

from __future__ import annotations

import contextlib
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from penpaper.bank.loading import Bank, Problem, load_bank, load_files
from penpaper.bank.summaries import ExerciseSummary, part_name
from penpaper.cli.app import (
    CHECK_FAILED,
    CliContext,
    SeedOption,
    commands,
    console,
    error_console,
    in_range,
    instance_or_exit,
    now,
    open_store,
    settled_store,
    topic_or_exit,
)
from penpaper.terminal.wording import plural

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise
    from penpaper.instances.instantiate import Instance
    from penpaper.stats.roadmap import RoadmapTopic


@commands.command()
def topics(
    context: typer.Context,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="As JSON: [{topic, title, description, prerequisites, exercises, level, "
            "mastery}].",
        ),
    ] = False,
) -> None:
    """List the topics: your level, size, difficulty spread, description and prerequisites."""
    from penpaper.stats.roadmap import roadmap
    from penpaper.terminal.roadmap_view import render_topics

    bank = context.ensure_object(CliContext).bank()
    with settled_store(context, reading_only=True) as store:
        path = roadmap(bank, store, now())
    from penpaper.stats.topics import topic_order

    listed = sorted(path.topics, key=lambda topic: topic_order(bank, topic.progress.topic))
    if as_json:
        print(json.dumps([_topic_summary(bank, topic) for topic in listed], indent=2))
        return
    out = console()
    out.print(render_topics(bank, listed, out.width), soft_wrap=True)  # wrapped already


def _topic_summary(bank: Bank, topic: RoadmapTopic) -> dict[str, object]:
    described = bank.topics.get(topic.progress.topic)
    return {
        "topic": topic.progress.topic,
        "title": topic.progress.title,
        "description": described.description if described else "",
        "prerequisites": list(topic.prerequisites),
        "exercises": topic.progress.exercises_total,
        "level": topic.progress.mastery.value,
        "mastery": round(topic.progress.mastery_percent, 1),
    }


@commands.command()
def roadmap(context: typer.Context) -> None:
    """Show the path through the topics: what is done, in progress, unlocked or locked,
    and the topic to do next.

    A topic unlocks when each of its prerequisites (from its topic.yaml) is at
    familiar or better, and is done at proficient or better. Locked topics can
    still be drilled: the roadmap only advises.
    """
    from penpaper.stats.roadmap import roadmap as path_through
    from penpaper.terminal.roadmap_view import render_roadmap

    bank = context.ensure_object(CliContext).bank()
    with settled_store(context, reading_only=True) as store:
        out = console()
        out.print(render_roadmap(path_through(bank, store, now()), out.width), soft_wrap=True)


@commands.command("list")
def list_exercises(
    context: typer.Context,
    topic: Annotated[str | None, typer.Argument(metavar="TOPIC", help="Only this topic.")] = None,
    difficulty: Annotated[
        int | None,
        typer.Option(metavar="1-5", callback=in_range(1, 5), help="Only this difficulty."),
    ] = None,
    tag: Annotated[
        str | None, typer.Option(metavar="TAG", help="Only exercises with this tag.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List exercises: id, title, difficulty, and the answer type of each part."""
    bank = context.ensure_object(CliContext).bank()
    if topic is not None:
        topic_or_exit(bank, topic)
    chosen = [
        exercise
        for exercise in bank.summaries()
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
    from penpaper.terminal.bank_view import exercises_listing

    out = console()
    if not chosen:
        out.print("No exercises match.")
        return
    # Wrapped already, by words: soft_wrap only spares rich measuring every line again.
    out.print(exercises_listing(chosen, out.width), soft_wrap=True)


def _exercise_summary(exercise: ExerciseSummary) -> dict[str, object]:
    return {
        "id": exercise.id,
        "topic": exercise.topic,
        "title": exercise.title,
        "difficulty": exercise.difficulty,
        "tags": list(exercise.tags),
        "has_lab": exercise.lab is not None,
        "parameterised": exercise.is_parameterised,
        "parts": [
            {
                "part": part_name(number),  # as on screen and in `export`
                "number": number,
                "answer_type": part.answer_type,
                "hints": part.hints,
                "has_solution": part.has_solution,
            }
            for number, part in enumerate(exercise.parts, start=1)
        ],
    }


@commands.command()
def show(
    context: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id, topic/slug.")],
    seed: SeedOption = None,
) -> None:
    """Show an exercise's statement and questions (never its solution).

    A parameterised exercise shows the instance you saw last (seed 0, the original,
    if none), or the one of --seed, which `check`, `hint` and `solution` then use.
    """
    from penpaper.terminal.exercise_view import render_exercise

    exercise = context.ensure_object(CliContext).exercise(exercise_id)
    instance = instance_or_exit(context, exercise, seed)
    if seed is not None:
        _remember_shown_if_possible(context, instance)
    console().print(render_exercise(instance.exercise, instance.seed))


def _remember_shown_if_possible(context: typer.Context, instance: Instance) -> None:
    """``show --seed N`` makes N the learner's instance; a progress file that cannot be
    written does not stop a read command (it shows all the same)."""
    from penpaper.progress.database import CannotSaveError
    from penpaper.scheduling.showing import remember_shown

    with contextlib.suppress(CannotSaveError), open_store(context) as store:
        remember_shown(store, instance, now())


@commands.command()
def validate(
    context: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...", help="Exercise files or folders (default: every configured bank)."
        ),
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
    """Check exercise files and report every problem; exit 1 if there is any.

    A parameterised exercise is checked over 20 instances (seeds 0 to 19): each
    must meet its `where:` conditions within 1000 draws, fill every template
    (no division by zero, no unknown name), and have its keys judged as the
    author says; instances must differ. A problem names the failing seed and its
    values; `penpaper show ID --seed N` shows that instance.
    """
    session = context.ensure_object(CliContext)
    bank = load_files(paths) if paths else load_bank(session.bank_paths())
    problems = bank.problems + bank.warnings
    problems += _exercise_problems(list(bank.exercises.values()), check_keys)
    for problem in problems:
        console().print(str(problem), markup=False, highlight=False, soft_wrap=True)
    broken_ids = {problem.exercise_id for problem in problems if problem.exercise_id}
    valid = len(bank.exercises.keys() - broken_ids)
    if problems:
        found = f"{plural(len(problems), 'problem')}; {plural(valid, 'exercise')} OK."
        console().print(found, style="red")
        raise typer.Exit(CHECK_FAILED)
    checked = " (answer keys checked)" if check_keys else ""
    every = "The exercise is" if valid == 1 else f"All {valid} exercises are"
    console().print(f"{every} valid{checked}.", style="green")


def _exercise_problems(exercises: list[Exercise], check_keys: bool) -> list[Problem]:
    """The instances of parameterised exercises drawn and filled, and with ``check_keys``
    every key judged by the real checker (which loads sympy, so it is imported here)."""
    from rich.progress import track

    from penpaper.bank.yaml_reading import field_lines
    from penpaper.instances.validation import each_exercise_problems, exercise_problems

    if not check_keys:
        exercises = [exercise for exercise in exercises if exercise.is_parameterised]
    problems = []
    for exercise, found in track(
        each_exercise_problems(exercises, functools.partial(exercise_problems, keys=check_keys)),
        total=len(exercises),
        description="Checking answer keys" if check_keys else "Drawing instances",
        console=error_console(),
        transient=True,
    ):
        lines = field_lines(exercise.path) if found else {}
        problems += [
            Problem(
                exercise.path,
                problem.message,
                lines.get(problem.field),
                exercise_id=exercise.id,
                field=problem.field,
            )
            for problem in found
        ]
    return problems
