"""The learner's record as plain data: tries, reviews (attempts) and their parts, help, cards.

Two levels, both kept: every answer typed is a :class:`Try`, written the moment
its verdict is shown; an :class:`Attempt` is the review the scheduler sees, at
most one per exercise and learner day, made from the first try of each part.
These dataclasses cross every layer above the store; they know nothing of SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from fsrs import Rating, State


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is refused because its zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is required, not naive {moment}")
    return moment.astimezone(UTC)


class Outcome(StrEnum):
    """How one part of an attempt ended."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    SKIPPED = "skipped"  # gave up, or never answered
    SELF_GRADED = "self-graded"  # a derivation: the learner graded their own work


class HelpKind(StrEnum):
    HINT = "hint"
    SOLUTION = "solution"


@dataclass(frozen=True)
class PartResult:
    """One part of an attempt: what was typed, how it was judged, how much help it took.

    ``solution_seen`` means the solution was shown *before* the part was answered
    correctly (seeing it afterwards changes nothing). ``hints_used`` counts every
    hint seen for this part, including those taken with ``penpaper hint`` since
    the last attempt (see :meth:`Store.help_taken`).
    """

    number: int
    outcome: Outcome
    answer: str = ""
    hints_used: int = 0
    solution_seen: bool = False
    self_grade: Rating | None = None

    def __post_init__(self) -> None:
        if self.hints_used < 0:
            raise ValueError(f"part {self.number}: hints_used cannot be negative")
        if (self.outcome is Outcome.SELF_GRADED) != (self.self_grade is not None):
            raise ValueError(f"part {self.number}: a self_grade goes with a self-graded outcome")


class TryVerdict(StrEnum):
    """How one try was judged (the ``verdict`` of ``penpaper export``)."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    UNDECIDED = "undecided"  # could not be judged in time: logged, never counted
    GAVE_UP = "gave-up"  # the solution was asked for instead of an answer
    SELF_GRADED = "self-graded"  # a derivation, graded by the learner


_OUTCOME_OF_VERDICT = {
    TryVerdict.CORRECT: Outcome.CORRECT,
    TryVerdict.INCORRECT: Outcome.INCORRECT,
    TryVerdict.GAVE_UP: Outcome.SKIPPED,
    TryVerdict.SELF_GRADED: Outcome.SELF_GRADED,
}


@dataclass(frozen=True)
class Try:
    """One answer to one part, as typed and judged; ``hints`` were seen before it.

    ``solution_seen`` means the solution was shown before this try (and counts
    against it); ``overridden`` that the learner said the checker was wrong and
    it was counted as right; ``seconds`` is the time spent on the part, when known.
    """

    exercise_id: str
    part: int
    at: datetime
    answer: str
    verdict: TryVerdict
    hints: int = 0
    seconds: float | None = None
    solution_seen: bool = False
    self_grade: Rating | None = None
    overridden: bool = False
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.hints < 0:
            raise ValueError(f"part {self.part}: hints cannot be negative")
        if (self.verdict is TryVerdict.SELF_GRADED) != (self.self_grade is not None):
            raise ValueError(f"part {self.part}: a self_grade goes with a self-graded try")

    @property
    def counts(self) -> bool:
        """Whether the scheduler can rate this try (an undecided one cannot)."""
        return self.verdict is not TryVerdict.UNDECIDED

    def part_result(self) -> PartResult:
        """This try as the part of a review (it is the part's first try)."""
        return PartResult(
            self.part,
            _OUTCOME_OF_VERDICT[self.verdict],
            self.answer,
            self.hints,
            self.solution_seen or self.verdict is TryVerdict.GAVE_UP,
            self.self_grade,
        )


@dataclass(frozen=True)
class LoggedTry:
    """A try as stored: its log id, whether it was practice, and the review it fed.

    ``practice`` tries came after the exercise's review that learner day: they
    are history, not scheduling. ``attempt_id`` is set once the try's sitting
    became a review; ``rating`` is that review's rating when this try made it.
    """

    id: int
    tried: Try
    practice: bool
    attempt_id: int | None
    rating: Rating | None = None


@dataclass(frozen=True)
class Attempt:
    """A review: one sitting at one exercise, every part's first try, as the scheduler saw it.

    ``practice`` marks a review taken ahead of schedule (``weakest_exercises``).
    """

    exercise_id: str
    started_at: datetime
    finished_at: datetime
    parts: tuple[PartResult, ...]
    practice: bool = False

    def __post_init__(self) -> None:
        if "/" not in self.exercise_id:
            raise ValueError(f"exercise ids look like topic/slug, not {self.exercise_id!r}")
        if not self.parts:
            raise ValueError(f"an attempt at {self.exercise_id} needs at least one part")
        if len({part.number for part in self.parts}) != len(self.parts):
            raise ValueError(f"an attempt at {self.exercise_id} lists a part twice")
        if as_utc(self.finished_at) < as_utc(self.started_at):
            raise ValueError(f"an attempt at {self.exercise_id} finished before it started")

    @property
    def duration(self) -> timedelta:
        return self.finished_at - self.started_at


@dataclass(frozen=True)
class LoggedAttempt:
    """An attempt as stored: log id, the rating the scheduler got, whether it was the first."""

    id: int
    attempt: Attempt
    rating: Rating
    first: bool


@dataclass(frozen=True)
class CardState:
    """The FSRS memory state of one exercise, cached from the log.

    ``lapses`` counts Again ratings given after the card first reached the
    Review state; four of them make a leech.
    """

    exercise_id: str
    state: State
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime
    reviews: int
    lapses: int


@dataclass(frozen=True)
class ShownInstance:
    """The instance of a parameterised exercise a learner saw last, and when."""

    exercise_id: str
    seed: int
    at: datetime


@dataclass(frozen=True)
class HelpEvent:
    """A hint or solution seen outside a recorded try (``penpaper hint``, ``penpaper
    solution``, or hints of a part a drill left open), counted when that part is next
    attempted."""

    exercise_id: str
    part: int
    kind: HelpKind
    at: datetime


@dataclass(frozen=True)
class HelpTaken:
    """Hints and solutions shown outside an attempt since the exercise's last attempt."""

    events: tuple[HelpEvent, ...]

    def hints_used(self, part: int) -> int:
        return sum(1 for event in self.events if event.part == part and event.kind is HelpKind.HINT)

    def solution_seen(self, part: int) -> bool:
        return any(e.part == part and e.kind is HelpKind.SOLUTION for e in self.events)
