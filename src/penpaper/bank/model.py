"""The domain as plain data: exercises, their parts and answer keys.

These frozen dataclasses are what the bank loader produces and what the
checker, the store and the CLI consume; nothing here knows about YAML,
sympy or the terminal. What listings need of the bank (topics and exercise
summaries) is in :mod:`penpaper.bank.summaries`, which start-up reads alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from penpaper.bank.summaries import ExerciseSummary, PartSummary

if TYPE_CHECKING:
    from penpaper.bank.symbols import SymbolDeclaration

SELF_GRADED_TYPES = frozenset({"derivation"})
VALUE_TYPES = frozenset({"number", "vector", "matrix", "set", "tuple"})
"""Answers that are values the learner works out: ``det`` or a matrix product typed in
would leave that work to the checker, unless the part says ``evaluate: true``."""
FORBID_TYPES = VALUE_TYPES | {"expression", "matrix-expression"}
"""Answers read as arithmetic, where a part may ``forbid`` functions it wants simplified away."""


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the one line of feedback it deserves."""

    answer: str
    feedback: str


@dataclass(frozen=True)
class AnswerKey:
    """How a part is judged: its type, the expected answer and the forms around it."""

    type: str
    expect: str | None = None
    accept: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    tolerance: float | None = None
    options: tuple[tuple[str, str], ...] = ()
    evaluate: bool = False
    """Whether the answer may compute its value (``det``, ``inv``, matrix products, …)."""
    forbid: tuple[str, ...] = ()
    """Functions the answer may not use, where the part asks for a simplified form."""
    asks: str | None = None
    """The name the part asks for (``c = -10`` is then read as -10); see ``bank/schema.py``."""

    @property
    def is_checkable(self) -> bool:
        return self.type not in SELF_GRADED_TYPES


@dataclass(frozen=True)
class Part:
    """One question of an exercise, answered and graded on its own."""

    number: int
    ask: str
    answer: AnswerKey
    hints: tuple[str, ...]
    solution: str


ParameterValue = int | str | tuple[tuple[int, ...], ...]
"""A parameter's value as authored: a whole number, an exact rational as text (``1/10``),
or the integer rows of a matrix."""


@dataclass(frozen=True)
class Parameter:
    """A name the templates of a parameterised exercise use, and the values it may take.

    Whole numbers from ``low`` to ``high`` without the ``excluded`` ones (for each
    entry of a ``shape``-d matrix too), or one of ``choices``, exact rationals kept as
    written. ``original`` is what seed 0 shows, so that converting an exercise keeps
    the numbers its learners already saw.
    """

    name: str
    low: int = 0
    high: int = 0
    excluded: tuple[int, ...] = ()
    choices: tuple[str, ...] = ()
    shape: tuple[int, int] | None = None
    original: ParameterValue | None = None


@dataclass(frozen=True)
class Exercise:
    """One exercise file: ``bank/<topic>/<slug>.yaml`` with id ``<topic>/<slug>``."""

    id: str
    topic: str
    title: str
    difficulty: int
    statement: str
    parts: tuple[Part, ...]
    path: Path
    tags: tuple[str, ...] = ()
    lab: Path | None = None
    symbols: dict[str, SymbolDeclaration] = field(default_factory=dict, compare=False)
    raw_symbols: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    parameters: tuple[Parameter, ...] = ()
    """Non-empty for a parameterised exercise, whose texts and keys are then templates."""
    constraints: tuple[str, ...] = ()
    """The ``where:`` conditions every drawn instance meets (``a != b``)."""

    @property
    def slug(self) -> str:
        return self.id.partition("/")[2]

    @property
    def is_parameterised(self) -> bool:
        """Each review shows a fresh instance drawn from a seed (``penpaper.instances``)."""
        return bool(self.parameters)

    @property
    def summary(self) -> ExerciseSummary:
        return ExerciseSummary(
            id=self.id,
            topic=self.topic,
            title=self.title,
            difficulty=self.difficulty,
            parts=tuple(
                PartSummary(part.answer.type, len(part.hints), bool(part.solution))
                for part in self.parts
            ),
            tags=self.tags,
            lab=self.lab,
            is_parameterised=self.is_parameterised,
        )
