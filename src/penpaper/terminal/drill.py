"""The interactive drill: exercises one after another, answers checked as they are typed.

The loop takes its console, its line reader, its clock and its checker as
arguments, so tests drive it with scripted input; the CLI hands it rich's
console and ``input``. Every finished exercise is recorded at once, in one
transaction. Ctrl-C or end of input records what was answered of the current
exercise and ends the session: at most the line being typed is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Rating
from rich.console import Console
from rich.text import Text

from penpaper.bank.model import Exercise, Part
from penpaper.progress.records import Attempt, HelpKind, HelpTaken, Outcome, PartResult
from penpaper.progress.store import Store
from penpaper.scheduling.days import Clock, learner_days_until
from penpaper.scheduling.recording import RecordedAttempt, record_attempt
from penpaper.terminal.exercise_view import render_part_question, render_solution, render_statement
from penpaper.terminal.wording import in_days

if TYPE_CHECKING:
    from penpaper.checking import Verdict

ReadLine = Callable[[str], str]

HINT_COMMANDS = frozenset({"?", "hint"})
SKIP_COMMAND = "skip"
GIVE_UP_COMMAND = "solution"
QUIT_COMMAND = "quit"
SELF_GRADES: Mapping[str, Rating] = {
    **dict.fromkeys(("1", "a", "again"), Rating.Again),
    **dict.fromkeys(("2", "h", "hard"), Rating.Hard),
    **dict.fromkeys(("3", "g", "good"), Rating.Good),
    **dict.fromkeys(("4", "e", "easy"), Rating.Easy),
}
COMMANDS_HELP = "commands: ? hint · skip · solution (give up) · quit"


class EndSession(Exception):
    """The learner asked to stop (``quit``, Ctrl-C or end of input)."""


class BackgroundChecker:
    """The answer checker, loaded in a thread while the learner reads the first statement.

    Importing the checker and starting its worker process takes about a second;
    starting early means the first exercise appears as fast as ``penpaper show``
    and the first answer rarely waits.
    """

    def __init__(self) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="load-checker", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            from penpaper.checking import display, warm_up

            warm_up()
            del display  # imported for its sympy, which pretty-printing needs later
        except BaseException as error:  # re-raised in the main thread on first use
            self._error = error

    def _wait(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error

    def check(self, exercise: Exercise, part: Part, given: str) -> Verdict:
        self._wait()
        from penpaper.checking.exercise_keys import check_against_key

        return check_against_key(exercise, part.answer, given)

    def expected_for_display(self, exercise: Exercise, part: Part) -> str | None:
        """The key pretty-printed (sympy's Unicode art where it helps), or None for a derivation."""
        if part.answer.expect is None:
            return None
        self._wait()
        from penpaper.checking.display import pretty_key

        return pretty_key(exercise, part)


@dataclass
class SessionSummary:
    """What a session did, for the closing summary."""

    started_at: datetime
    finished_at: datetime | None = None
    recorded: list[RecordedAttempt] = field(default_factory=list)
    exercises_skipped: int = 0
    parts_answered: int = 0
    correct_first_try: int = 0
    hints_used: int = 0
    ended_early: bool = False


class DrillLoop:
    """Works through exercises with the learner, recording each one as it is finished."""

    def __init__(
        self,
        console: Console,
        read_line: ReadLine,
        store: Store,
        clock: Clock,
        checker: BackgroundChecker,
        practice: bool = False,
    ) -> None:
        self.console = console
        self.read_line = read_line
        self.store = store
        self.clock = clock
        self.checker = checker
        self.practice = practice
        self._hints_in_open_part = 0  # hints shown on the part being worked, for an early end

    def run(self, exercises: Sequence[Exercise]) -> SessionSummary:
        summary = SessionSummary(started_at=self.clock())
        try:
            for position, exercise in enumerate(exercises, start=1):
                self.console.rule(f"Exercise {position} of {len(exercises)}", style="dim")
                self._work_exercise(exercise, summary)
        except EndSession:
            summary.ended_early = True
        summary.finished_at = self.clock()
        return summary

    def _work_exercise(self, exercise: Exercise, summary: SessionSummary) -> None:
        started_at = self.clock()
        self.console.print(render_statement(exercise))
        self.console.print(Text(COMMANDS_HELP, style="dim"))
        outside_help = self.store.help_taken(exercise.id)
        results: list[PartResult] = []
        try:
            for part in exercise.parts:
                self.console.print(render_part_question(part, len(exercise.parts)))
                self._hints_in_open_part = 0
                results.append(self._work_part(exercise, part, outside_help))
        except (EndSession, KeyboardInterrupt, EOFError):
            self.console.print()
            recorded = self._record(exercise, started_at, results, summary)
            after = None if recorded is None else recorded.logged.attempt.finished_at
            self._keep_hints_of_open_part(exercise, len(results) + 1, summary, after)
            raise EndSession from None
        self._record(exercise, started_at, results, summary)

    def _keep_hints_of_open_part(
        self, exercise: Exercise, number: int, summary: SessionSummary, after: datetime | None
    ) -> None:
        """Hints seen on the part left unanswered count when that part is next attempted."""
        if not self._hints_in_open_part:
            return
        # Strictly after the attempt just recorded: "since the last attempt" must include them.
        moment = self.clock()
        if after is not None:
            moment = max(moment, after + timedelta(microseconds=1))
        for _ in range(self._hints_in_open_part):
            self.store.record_help(exercise.id, number, HelpKind.HINT, moment)
        summary.hints_used += self._hints_in_open_part

    def _record(
        self,
        exercise: Exercise,
        started_at: datetime,
        results: list[PartResult],
        summary: SessionSummary,
    ) -> RecordedAttempt | None:
        # Parts skipped without help are not an attempt: the exercise stays in the queue.
        untouched = all(
            result.outcome is Outcome.SKIPPED and not result.solution_seen and not result.hints_used
            for result in results
        )
        if untouched:
            if results:
                summary.exercises_skipped += 1
                self.console.print("Skipped: it stays in your queue.", style="dim")
            return None
        attempt = Attempt(
            exercise_id=exercise.id,
            started_at=started_at,
            finished_at=self.clock(),
            parts=tuple(results),
            practice=self.practice,
        )
        recorded = record_attempt(self.store, exercise, attempt)
        summary.recorded.append(recorded)
        summary.parts_answered += sum(r.outcome is not Outcome.SKIPPED for r in results)
        summary.correct_first_try += sum(
            r.outcome is Outcome.CORRECT and not r.solution_seen for r in results
        )
        summary.hints_used += sum(result.hints_used for result in results)
        days = learner_days_until(recorded.card.due, self.clock(), self.store.settings())
        self.console.print(
            f"Saved ({recorded.logged.rating.name}); this exercise comes back {in_days(days)}.",
            style="dim",
        )
        return recorded

    def _ask(self, prompt: str) -> str:
        line = self.read_line(prompt)
        if line.strip().lower() == QUIT_COMMAND:
            raise EndSession
        return line

    def _show_hint(self, part: Part, shown: int) -> int:
        if shown >= len(part.hints):
            self.console.print("No more hints. Type `solution` to see the worked solution.")
            return shown
        self.console.print(
            Text(f"Hint {shown + 1}/{len(part.hints)}: ", style="yellow") + Text(part.hints[shown])
        )
        self._hints_in_open_part += 1
        return shown + 1

    def _show_solution(self, exercise: Exercise, part: Part) -> None:
        self.console.print(render_solution(part, self.checker.expected_for_display(exercise, part)))

    def _work_part(self, exercise: Exercise, part: Part, outside_help: HelpTaken) -> PartResult:
        if not part.answer.is_checkable:
            return self._work_derivation(exercise, part, outside_help)
        hints = outside_help.hints_used(part.number)
        solution_seen = outside_help.solution_seen(part.number)
        first: PartResult | None = None  # the first checked answer is what the scheduler rates

        def finish(outcome_if_unanswered: Outcome, seen: bool) -> PartResult:
            if first is not None:
                return PartResult(part.number, first.outcome, first.answer, hints, seen)
            return PartResult(part.number, outcome_if_unanswered, "", hints, seen)

        while True:
            line = self._ask("answer> " if first is None else "again> ")
            command = line.strip().lower()
            if command in HINT_COMMANDS:
                hints = self._show_hint(part, hints)
            elif command == SKIP_COMMAND and first is None:
                return finish(Outcome.SKIPPED, solution_seen)
            elif command == GIVE_UP_COMMAND or (command in ("", SKIP_COMMAND) and first):
                self._show_solution(exercise, part)
                return finish(Outcome.SKIPPED, True)
            elif command:
                verdict = self.checker.check(exercise, part, line.strip())
                if verdict.status == "correct":
                    self.console.print(Text("✓ correct", style="bold green"))
                    if first is None:
                        first = PartResult(part.number, Outcome.CORRECT, line.strip())
                    self._show_solution(exercise, part)
                    return finish(Outcome.CORRECT, solution_seen)
                if verdict.status == "incorrect":
                    self.console.print(
                        Text("✗ not quite", style="bold red")
                        + Text(f" — {verdict.message}" if verdict.message else "")
                    )
                    if first is None:
                        first = PartResult(part.number, Outcome.INCORRECT, line.strip())
                    self.console.print(
                        "Try again, `?` for a hint, `solution` to see it, or Enter to move on.",
                        style="dim",
                    )
                elif verdict.status == "invalid":
                    self.console.print(f"Couldn't read that: {verdict.message}", style="yellow")
                else:
                    self.console.print(
                        f"Couldn't judge that in time ({verdict.message}); try a simpler form.",
                        style="yellow",
                    )

    def _work_derivation(
        self, exercise: Exercise, part: Part, outside_help: HelpTaken
    ) -> PartResult:
        hints = outside_help.hints_used(part.number)
        self.console.print(
            "Work it out on paper (or type notes here), then press Enter to see the solution.",
            style="dim",
        )
        notes: list[str] = []
        while True:
            line = self._ask("notes> ")
            command = line.strip().lower()
            if command in HINT_COMMANDS:
                hints = self._show_hint(part, hints)
            elif command == SKIP_COMMAND:
                return PartResult(part.number, Outcome.SKIPPED, "", hints)
            elif command and command != GIVE_UP_COMMAND:
                notes.append(line.strip())
            else:
                break
        self._show_solution(exercise, part)
        while True:
            grade = self._ask("How did it go? again / hard / good / easy> ").strip().lower()
            if grade in SELF_GRADES:
                return PartResult(
                    part.number,
                    Outcome.SELF_GRADED,
                    " / ".join(notes),
                    hints,
                    self_grade=SELF_GRADES[grade],
                )
            self.console.print("Type again, hard, good or easy (or 1–4).", style="dim")
