"""The interactive drill: exercises one after another, answers checked as they are typed.

The loop takes its console, its line reader, its clock and its checker as
arguments, so tests drive it with scripted input; the CLI hands it rich's
console and ``input``. Every try is written (one transaction) before its
verdict is printed, so whatever ends the session (``quit``, Ctrl-C, Ctrl-D, a
closed terminal, a kill) every verdict on screen is already on disk. An
exercise left with unanswered parts stays open: the next drill resumes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from fsrs import Rating
from rich.console import Console
from rich.text import Text

from penpaper.bank.loading import display_path
from penpaper.bank.model import Exercise, Part
from penpaper.bank.schema import format_field
from penpaper.instances.values import TemplateError
from penpaper.labs import lab_summary
from penpaper.progress.records import HelpKind, HelpTaken, LoggedTry, Try, TryVerdict
from penpaper.progress.store import Store
from penpaper.sanitising import printable
from penpaper.scheduling.corrections import override, take_back
from penpaper.scheduling.days import Clock, day_start, learner_days_until
from penpaper.scheduling.recording import RecordedAttempt, RecordedTry, open_sitting, record_try
from penpaper.scheduling.showing import instance_to_work, remember_shown
from penpaper.terminal.exercise_view import (
    render_part_question,
    render_solution,
    render_statement,
)
from penpaper.terminal.session_view import SessionSummary
from penpaper.terminal.wording import in_days, part_letter, part_range, plural, review_outcome

if TYPE_CHECKING:
    from penpaper.checking.background import BackgroundChecker

ReadLine = Callable[[str], str]

HINT_COMMANDS = frozenset({"?", "hint"})
SKIP_COMMAND = "skip"
GIVE_UP_COMMAND = "solution"
QUIT_COMMANDS = frozenset({"quit", "exit", "q"})
HELP_COMMANDS = frozenset({"help", "h"})
UNDO_COMMAND = "undo"
OVERRIDE_COMMAND = "override"
SELF_GRADES: Mapping[str, Rating] = {
    **dict.fromkeys(("1", "a", "again"), Rating.Again),
    **dict.fromkeys(("2", "h", "hard"), Rating.Hard),
    **dict.fromkeys(("3", "g", "good"), Rating.Good),
    **dict.fromkeys(("4", "e", "easy"), Rating.Easy),
}
COMMANDS_HELP = (
    "commands: ? hint · skip · solution (give up) · undo · override (after ✗) · help · quit"
)


class EndSession(Exception):
    """The learner asked to stop (``quit``, Ctrl-C or end of input)."""


class TakeBack(Exception):
    """``undo``: the part just judged is to be taken back and asked again."""


class DrillLoop:
    """Works through exercises with the learner, writing every try as it is judged."""

    def __init__(
        self,
        console: Console,
        read_line: ReadLine,
        store: Store,
        clock: Clock,
        checker: BackgroundChecker,
    ) -> None:
        self.console = console
        self.read_line = read_line
        self.store = store
        self.clock = clock
        self.checker = checker
        self._hints_seen = 0
        self._first_tries: dict[tuple[str, int], LoggedTry] = {}  # this session's, by part
        self._reviews: dict[int, RecordedAttempt] = {}
        # The exercise at hand, by part number: its tries, the hints seen (kept across an
        # undo, like a solution shown), and the part being worked with its hints.
        self._part_tries: dict[int, list[LoggedTry]] = {}
        self._part_hints: dict[int, int] = {}
        self._solution_shown: set[int] = set()
        self._open_part: tuple[int, int] | None = None
        self._seed: int | None = None  # the instance at hand's, for a parameterised exercise

    def run(self, exercises: Sequence[Exercise]) -> SessionSummary:
        summary = SessionSummary(started_at=self.clock())
        try:
            for position, exercise in enumerate(exercises, start=1):
                self.console.rule(f"Exercise {position} of {len(exercises)}", style="dim")
                self._work_exercise(exercise, summary)
        except EndSession:
            summary.ended_early = True
        summary.finished_at = self.clock()
        self._count(summary)
        return summary

    def _count(self, summary: SessionSummary) -> None:
        """The summary's counts, from what is on disk now (after any undo or override)."""
        alive = [entry for first in self._first_tries.values() if (entry := self._fresh(first))]
        verdicts = [entry.tried.verdict for entry in alive]
        summary.parts_checked = sum(
            verdict in (TryVerdict.CORRECT, TryVerdict.INCORRECT) for verdict in verdicts
        )
        summary.correct_first_try = sum(
            e.tried.verdict is TryVerdict.CORRECT and not e.tried.solution_seen for e in alive
        )
        summary.parts_given_up = verdicts.count(TryVerdict.GAVE_UP)
        summary.parts_self_graded = verdicts.count(TryVerdict.SELF_GRADED)
        reviews = {entry.attempt_id for entry in alive}
        summary.recorded = [review for key, review in self._reviews.items() if key in reviews]
        summary.hints_used = self._hints_seen

    def _fresh(self, logged: LoggedTry) -> LoggedTry | None:
        return self.store.logged_try(logged.id)

    def _work_exercise(self, template: Exercise, summary: SessionSummary) -> None:
        try:
            instance = instance_to_work(self.store, template)
        except TemplateError as error:
            why = f"{format_field(error.field)}: {error.message}"
            self.console.print(
                Text(
                    f"Skipped {template.id}: its file has a template that cannot be filled "
                    f"({printable(why)}); `penpaper validate {display_path(template.path)}` "
                    "says more.",
                    style="yellow",
                )
            )
            summary.exercises_skipped += 1
            return
        remember_shown(self.store, instance, self.clock())
        exercise, self._seed = instance.exercise, instance.seed
        self.console.print(render_statement(exercise, instance.seed))
        self.console.print(Text(COMMANDS_HELP, style="dim"))
        now = self.clock()
        practice = self.store.reviewed_since(exercise.id, day_start(now, self.store.settings()))
        done = set() if practice else set(open_sitting(self.store, exercise))
        if practice:
            self.console.print(
                "Practice: you reviewed this exercise today, so these answers are kept in your "
                "history but not scheduled.",
                style="dim",
            )
        elif done:
            self._say_resuming(exercise, done)
        self._part_tries, self._part_hints, self._solution_shown = {}, {}, set()
        skipped: set[int] = set()
        outside_help = self.store.help_taken(exercise.id)
        try:
            while remaining := [
                p for p in exercise.parts if p.number not in done and p.number not in skipped
            ]:
                part = remaining[0]
                self.console.print(render_part_question(part, len(exercise.parts)))
                try:
                    answered = self._work_part(exercise, part, outside_help)
                except TakeBack:
                    done.discard(self._take_back(exercise, part))
                    continue
                (done if answered else skipped).add(part.number)
        except (EndSession, KeyboardInterrupt, EOFError):
            self.console.print()
            self._keep_hints_of_open_part(exercise)
            left_open = self._part_tries or done  # answered now, or in a sitting resumed
            if not practice and left_open and not self._reviews_of_exercise():
                summary.exercises_left_open += 1
            raise EndSession from None
        self._close_exercise(exercise, done, skipped, practice, summary)

    def _say_resuming(self, exercise: Exercise, done: set[int]) -> None:
        first_open = next(p.number for p in exercise.parts if p.number not in done)
        self.console.print(
            f"Resuming: part {part_letter(first_open)} of {len(exercise.parts)}; "
            f"{part_range(sorted(done))} answered earlier today.",
            style="cyan",
        )

    def _close_exercise(
        self,
        exercise: Exercise,
        done: set[int],
        skipped: set[int],
        practice: bool,
        summary: SessionSummary,
    ) -> None:
        reviews = self._reviews_of_exercise()
        if reviews:
            review = reviews[-1]
            days = learner_days_until(review.card.due, self.clock(), self.store.settings())
            outcome = review_outcome(review.logged.rating)
            self.console.print(f"Saved: {outcome}; this exercise comes back {in_days(days)}.")
        elif practice:
            self.console.print("Saved as practice.", style="dim")
        elif done and skipped:
            summary.exercises_left_open += 1
            self.console.print(
                f"Saved; {part_range(sorted(skipped))} still to answer. Resume it today with "
                f"`penpaper drill {exercise.topic} --id {exercise.id}`; at the end of the day "
                "the parts left count as not known.",
                style="dim",
            )
        elif skipped:
            summary.exercises_skipped += 1
            self.console.print("Skipped: it stays in your queue.", style="dim")
        if exercise.lab is not None and (reviews or practice):
            summary.labs.append(exercise)
            self.console.print(
                Text.assemble(
                    ("lab: ", "bold"),
                    (f"penpaper lab {exercise.id}", "cyan"),
                    f" — {lab_summary(exercise.lab)}",
                )
            )

    def _reviews_of_exercise(self) -> list[RecordedAttempt]:
        """The reviews the exercise at hand's tries made in this session."""
        return [
            review
            for tries in self._part_tries.values()
            for logged in tries
            if (review := self._reviews.get(self._attempt_id(logged) or 0)) is not None
        ]

    def _attempt_id(self, logged: LoggedTry) -> int | None:
        fresh = self._fresh(logged)
        return None if fresh is None else fresh.attempt_id

    def _record(self, exercise: Exercise, tried: Try) -> RecordedTry:
        recorded = record_try(self.store, exercise, tried, self.clock())
        self._part_tries.setdefault(tried.part, []).append(recorded.logged)
        self._first_tries.setdefault((exercise.id, tried.part), recorded.logged)
        if recorded.review is not None:
            self._reviews[recorded.review.logged.id] = recorded.review
        return recorded

    def _take_back(self, exercise: Exercise, current: Part) -> int:
        """Remove the tries of the part just judged (this one, else the last one judged)."""
        number = current.number if current.number in self._part_tries else None
        if number is None and self._part_tries:
            number = next(reversed(self._part_tries))
        if number is None:
            self.console.print("Nothing to take back in this exercise yet.", style="dim")
            return current.number
        take_back(self.store, self._part_tries.pop(number))
        self._first_tries.pop((exercise.id, number), None)
        self.console.print(f"Took back {part_letter(number)}: it is asked again.", style="cyan")
        return number

    def _keep_hints_of_open_part(self, exercise: Exercise) -> None:
        """Hints seen on the part left unanswered count when that part is next attempted."""
        if self._open_part is None:
            return
        number, hints = self._open_part
        # After the tries just written: "since the part's last try" must include them.
        moment = self.clock() + timedelta(microseconds=1)
        for _ in range(hints):
            self.store.record_help(exercise.id, number, HelpKind.HINT, moment)

    def _ask(self, prompt: str, answers: frozenset[str] = frozenset()) -> str:
        """A line from the learner; the session's commands are handled here unless the
        word is one of this prompt's ``answers`` (a choice labelled h, say)."""
        while True:
            line = self.read_line(prompt)
            command = line.strip().lower()
            if command in answers:
                return line
            if command in QUIT_COMMANDS:
                raise EndSession
            if command == UNDO_COMMAND:
                raise TakeBack
            if command not in HELP_COMMANDS:
                return line
            self.console.print(Text(COMMANDS_HELP, style="dim"))

    def _show_hint(self, part: Part, shown: int) -> int:
        if shown >= len(part.hints):
            self.console.print("No more hints. Type `solution` to see the worked solution.")
            return shown
        self.console.print(
            Text(f"Hint {shown + 1}/{len(part.hints)}: ", style="yellow") + Text(part.hints[shown])
        )
        self._hints_seen += 1
        self._part_hints[part.number] = shown + 1
        if self._open_part is not None:
            self._open_part = (part.number, self._open_part[1] + 1)
        return shown + 1

    def _show_solution(self, exercise: Exercise, part: Part) -> None:
        self._solution_shown.add(part.number)
        self.console.print(render_solution(part, self.checker.expected_for_display(exercise, part)))

    def _work_part(self, exercise: Exercise, part: Part, outside_help: HelpTaken) -> bool:
        """Ask ``part`` until it is answered (True) or skipped (False)."""
        self._open_part = (part.number, 0)
        answered = self._work_open_part(exercise, part, outside_help)
        self._open_part = None
        return answered

    def _work_open_part(self, exercise: Exercise, part: Part, outside_help: HelpTaken) -> bool:
        if not part.answer.is_checkable:
            return self._work_derivation(exercise, part, outside_help)
        hints = self._part_hints.get(part.number, outside_help.hints_used(part.number))
        seen = outside_help.solution_seen(part.number) or part.number in self._solution_shown
        started = self.clock()
        last: RecordedTry | None = None  # the latest judged try of this part

        def tried(answer: str, verdict: TryVerdict) -> Try:
            seconds = (self.clock() - started).total_seconds()
            return Try(
                exercise.id,
                part.number,
                self.clock(),
                answer,
                verdict,
                hints,
                seconds,
                seen,
                seed=self._seed,
            )

        while True:
            labels = frozenset(label.lower() for label, _ in part.answer.options)
            line = self._ask("answer> " if last is None else "again> ", labels)
            command = line.strip().lower()
            if command in HINT_COMMANDS:
                hints = self._show_hint(part, hints)
            elif command == OVERRIDE_COMMAND and last is not None:
                self._override(exercise, last)
                self._show_solution(exercise, part)
                return True
            elif command == SKIP_COMMAND and last is None:
                return False
            elif command == GIVE_UP_COMMAND or (command in ("", SKIP_COMMAND) and last):
                if last is None:
                    self._record(exercise, tried("", TryVerdict.GAVE_UP))
                self._show_solution(exercise, part)
                return True
            elif command:
                recorded = self._judge(exercise, part, line.strip(), tried)
                if recorded is not None and recorded.logged.tried.verdict is TryVerdict.CORRECT:
                    self._show_solution(exercise, part)
                    return True
                last = recorded or last

    def _judge(
        self, exercise: Exercise, part: Part, answer: str, tried: Callable[[str, TryVerdict], Try]
    ) -> RecordedTry | None:
        """Check ``answer``, write it, then say the verdict; None when it was not counted."""
        verdict = self.checker.check(exercise, part, answer)
        # Verdicts quote the answer and the bank's feedback: plain text, never markup.
        message = printable(verdict.message)
        if verdict.status == "invalid":
            self.console.print(Text(f"Couldn't read that: {message}", style="yellow"))
            return None
        recorded = self._record(exercise, tried(answer, TryVerdict(verdict.status)))
        if verdict.status == "undecided":
            self.console.print(
                Text(f"Couldn't judge that in time ({message}); try a simpler form.", "yellow")
            )
            return None
        if verdict.status == "correct":
            reading = "" if verdict.message == "correct" else f" — {verdict.message}"
            self.console.print(
                Text("✓ correct", style="bold green") + Text(reading) + self._help_note(recorded)
            )
        else:
            self.console.print(
                Text("✗ not quite", style="bold red") + Text(f" — {message}" if message else "")
            )
            self.console.print(
                "Try again, `?` for a hint, `solution` to see it, Enter to move on, "
                "`override` if the checker is wrong, `undo` if you mistyped.",
                style="dim",
            )
        return recorded

    def _help_note(self, recorded: RecordedTry) -> Text:
        """Why a right first answer counts for less, when help lowered it."""
        tried = recorded.logged.tried
        first = self._first_tries.get((tried.exercise_id, tried.part))
        if recorded.practice or first is None or first.id != recorded.logged.id:
            return Text("")
        if tried.solution_seen:
            reason = "counted as not yet known: you saw its solution before answering"
        elif tried.hints:
            reason = f"with {plural(tried.hints, 'hint')}, it counts as known with help"
        else:
            return Text("")
        return Text(f" ({reason}, so it comes back sooner)", style="yellow")

    def _override(self, exercise: Exercise, recorded: RecordedTry) -> None:
        result = override(self.store, exercise, recorded.logged, self.clock())
        if result.review is not None:
            self._reviews[result.review.logged.id] = result.review
        self.console.print(
            Text("✓ counted as right", style="bold green")
            + Text(" — marked as overridden, so the bank's author can check this answer.")
        )

    def _work_derivation(self, exercise: Exercise, part: Part, outside_help: HelpTaken) -> bool:
        hints = self._part_hints.get(part.number, outside_help.hints_used(part.number))
        started = self.clock()
        self.console.print(
            "Work it out on paper (or type notes here), then press Enter to see the solution.",
            style="dim",
        )
        notes: list[str] = []
        while True:
            line = self._ask("notes (empty line to finish)> " if notes else "notes> ")
            command = line.strip().lower()
            if command in HINT_COMMANDS:
                hints = self._show_hint(part, hints)
            elif command == SKIP_COMMAND:
                return False
            elif command and command != GIVE_UP_COMMAND:
                notes.append(line.strip())
            else:
                break
        if notes:
            self.console.print(Text("Your notes: ", style="dim") + Text(" / ".join(notes)))
        self._show_solution(exercise, part)
        while True:
            grade = (
                self._ask("How did it go? again / hard / good / easy> ", frozenset(SELF_GRADES))
                .strip()
                .lower()
            )
            if grade in SELF_GRADES:
                seconds = (self.clock() - started).total_seconds()
                notes_text = " / ".join(notes)
                verdict = TryVerdict.SELF_GRADED
                moment, self_grade = self.clock(), SELF_GRADES[grade]
                self._record(
                    exercise,
                    Try(
                        exercise.id,
                        part.number,
                        moment,
                        notes_text,
                        verdict,
                        hints,
                        seconds,
                        self_grade=self_grade,
                        seed=self._seed,
                    ),
                )
                return True
            self.console.print("Type again, hard, good or easy (or 1–4).", style="dim")
