"""One answer at a time, without a session: ``check``, ``hint`` and ``solution``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from penpaper.bank.summaries import part_name
from penpaper.cli.app import (
    CHECK_FAILED,
    USAGE_ERROR,
    CliContext,
    SeedOption,
    commands,
    console,
    fail,
    instance_or_exit,
    now,
    saved_or_exit,
    say,
    settled_store,
    tried_today,
)
from penpaper.terminal.wording import first_line, part_letter, part_range

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise, Part
    from penpaper.instances.instantiate import Instance
    from penpaper.progress.store import Store
    from penpaper.scheduling.recording import RecordedTry

PartOption = Annotated[
    str | None,
    typer.Option(
        "--part", metavar="PART", help="Which part: a, b, … (or 1, 2, …); needed for multi-part."
    ),
]
ExerciseArgument = Annotated[str, typer.Argument(metavar="ID", help="Exercise id, topic/slug.")]


def _instance(context: typer.Context, exercise_id: str, seed: int | None) -> Instance:
    """The exercise as the learner sees it: for a parameterised one, the instance of
    ``--seed``, else the one they saw last. Read from its own file, as ``show`` does."""
    exercise = context.ensure_object(CliContext).exercise(exercise_id)
    return instance_or_exit(context, exercise, seed)


def _remember_chosen(store: Store, instance: Instance, seed: int | None) -> None:
    """An instance chosen with ``--seed`` is the one the learner works on from now on."""
    from penpaper.scheduling.showing import remember_shown

    if seed is not None:
        saved_or_exit(store, lambda: remember_shown(store, instance, now()))


def _part_or_exit(exercise: Exercise, chosen: str | None) -> Part:
    """The part named by ``--part`` as a letter (``b``, ``(b)``) or a number (``2``)."""
    count = len(exercise.parts)
    if chosen is None:
        if count > 1:
            listing = "\n".join(
                f"  {part_letter(part.number)} {first_line(part.ask)}" for part in exercise.parts
            )
            fail(f"{exercise.id} has {count} parts; choose one with --part a, b, …:\n{listing}")
        return exercise.parts[0]
    name = chosen.strip().strip("()").lower()
    number = int(name) if name.isdigit() else ord(name) - ord("a") + 1 if len(name) == 1 else 0
    if not 1 <= number <= count:
        fail(f"{exercise.id} has no part '{chosen}'; it has {part_range(range(1, count + 1))}.")
    return exercise.parts[number - 1]


# An answer such as "-1/4" looks like an option; let it through as the answer.
@commands.command(context_settings={"ignore_unknown_options": True})
def check(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    answer: Annotated[
        str, typer.Argument(metavar="ANSWER", help="Your answer, quoted for the shell.")
    ],
    part_number: PartOption = None,
    seed: SeedOption = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="Save the answer (default) or only check.")
    ] = True,
) -> None:
    """Check one answer without a session. Exit 0 correct, 1 incorrect, 2 unreadable.

    The answer is saved at once. A multi-part exercise is rated when every part
    is answered (or at the end of the day); after its review of the day,
    further answers are practice: kept in your history, not scheduled.
    """
    from penpaper.checking import warm_up
    from penpaper.checking.exercise_keys import check_against_key
    from penpaper.progress.records import Try, TryVerdict
    from penpaper.scheduling.recording import record_try

    warm_up()  # the worker imports sympy while the exercise loads
    instance = _instance(context, exercise_id, seed)
    exercise = instance.exercise
    part = _part_or_exit(exercise, part_number)
    if not part.answer.is_checkable:
        fail(
            f"Part {part_letter(part.number)} of {exercise.id} is a derivation: work it in "
            f"`penpaper drill {exercise.topic} --id {exercise.id}`."
        )
    verdict = check_against_key(exercise, part.answer, answer)
    if verdict.status == "invalid":
        fail(f"Couldn't read that: {verdict.message}", USAGE_ERROR)
    judged = TryVerdict(verdict.status)
    if record:
        with settled_store(context) as store:
            help_taken = store.help_taken(exercise.id)
            tried = Try(
                exercise.id,
                part.number,
                now(),
                answer,
                judged,
                hints=help_taken.hints_used(part.number),
                solution_seen=help_taken.solution_seen(part.number),
                seed=instance.seed,
            )
            recorded = saved_or_exit(store, lambda: record_try(store, exercise, tried, now()))
    if judged is TryVerdict.UNDECIDED:
        fail(f"Couldn't judge that: {verdict.message}", USAGE_ERROR)
    correct = judged is TryVerdict.CORRECT
    note = "" if verdict.message in ("", "correct") else f" — {verdict.message}"
    which = "" if instance.seed is None else f" (seed {instance.seed})"
    say(f"✓ correct{which}{note}" if correct else f"✗ incorrect{which}{note}")
    if record:
        _say_what_was_saved(recorded)
    if not correct:
        raise typer.Exit(CHECK_FAILED)


def _say_what_was_saved(recorded: RecordedTry) -> None:
    """Whether a one-shot answer was practice or is waiting for the exercise's other parts."""
    if recorded.practice:
        say(
            "Practice: this exercise was already reviewed today, so this answer is kept in "
            "your history but not scheduled.",
            style="dim",
        )
    elif recorded.unanswered:
        left = ", ".join(part_letter(number) for number in recorded.unanswered)
        say(
            f"Saved. Still to answer: {left}. The exercise is rated once every part is "
            "answered, or at the end of the day with the rest counted as not known.",
            style="dim",
        )


@commands.command()
def hint(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    part_number: PartOption = None,
    seed: SeedOption = None,
) -> None:
    """Show the next hint for a part (counted when you next answer it, unless you
    already answered it today)."""
    from penpaper.progress.records import HelpKind

    instance = _instance(context, exercise_id, seed)
    exercise = instance.exercise
    part = _part_or_exit(exercise, part_number)
    with settled_store(context) as store:
        _remember_chosen(store, instance, seed)
        shown = store.help_taken(exercise.id).hints_used(part.number)
        if shown >= len(part.hints):
            say(
                f"No more hints for part {part_letter(part.number)} ({len(part.hints)} shown). "
                f"`penpaper solution {exercise.id} --part {part_name(part.number)}` after an "
                "attempt."
            )
            return
        if tried_today(store, exercise.id, part.number):
            say("Not counted: you already answered this part today.", style="dim")
        else:
            saved_or_exit(
                store, lambda: store.record_help(exercise.id, part.number, HelpKind.HINT, now())
            )
    say(f"Hint {shown + 1}/{len(part.hints)}: {part.hints[shown]}")


@commands.command()
def solution(
    context: typer.Context,
    exercise_id: ExerciseArgument,
    part_number: PartOption = None,
    seed: SeedOption = None,
    give_up: Annotated[
        bool, typer.Option("--give-up", help="Record a failed attempt and show the solution.")
    ] = False,
) -> None:
    """Show a part's worked solution, once you have attempted it.

    Reading it again on the day you answered the part is free; read on a later
    day, before answering the part again, it counts as help at that answer.
    """
    from penpaper.checking.display import pretty_key
    from penpaper.progress.records import HelpKind, Try, TryVerdict
    from penpaper.scheduling.recording import record_try
    from penpaper.terminal.exercise_view import render_solution

    instance = _instance(context, exercise_id, seed)
    exercise = instance.exercise
    part = _part_or_exit(exercise, part_number)
    with settled_store(context) as store:
        _remember_chosen(store, instance, seed)
        moment = now()
        if give_up:
            hints = store.help_taken(exercise.id).hints_used(part.number)
            tried = Try(
                exercise.id,
                part.number,
                moment,
                "",
                TryVerdict.GAVE_UP,
                hints=hints,
                seed=instance.seed,
            )
            _say_what_was_saved(
                saved_or_exit(store, lambda: record_try(store, exercise, tried, moment))
            )
        elif store.last_try_at(exercise.id, part.number) is None:
            fail(
                f"Try part {part_letter(part.number)} of {exercise.id} first: `penpaper check "
                f"{exercise.id} --part {part_name(part.number)} ANSWER`, or `--give-up` to see "
                "the solution now (it counts as failed).",
                CHECK_FAILED,
            )
        elif not tried_today(store, exercise.id, part.number):
            saved_or_exit(
                store,
                lambda: store.record_help(exercise.id, part.number, HelpKind.SOLUTION, moment),
            )
            say(
                "This counts as help at your next review of this part: you last answered it "
                "on an earlier day.",
                style="yellow",
            )
    console().print(render_solution(part, pretty_key(exercise, part)))
