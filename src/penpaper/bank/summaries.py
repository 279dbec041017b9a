"""What listings need of the bank: its topics and a summary of each exercise.

The bank index keeps exactly these, so ``topics``, ``list``, ``stats`` and the home
screen start without the full exercise types of :mod:`penpaper.bank.model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

ANSWER_TYPES = (
    "expression",
    "matrix-expression",
    "matrix",
    "vector",
    "number",
    "choice",
    "boolean",
    "set",
    "tuple",
    "equation",
    "derivation",
)
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""Topic folders and exercise file names: lowercase words joined by hyphens."""


def part_name(number: int) -> str:
    """``a`` for part 1, ``b`` for part 2: how parts are named to learners and in exports."""
    return chr(ord("a") + number - 1)


class PartSummary(NamedTuple):
    """What a listing says of a part: how it is answered and what help it has.

    A named tuple, not a frozen dataclass: a start-up makes one per part of every
    exercise in the index, and a tuple is made four times faster.
    """

    answer_type: str
    hints: int
    has_solution: bool


@dataclass(frozen=True)
class ExerciseSummary:
    """What listings need of an exercise: kept in the bank index, so that ``topics``,
    ``list``, ``stats`` and the home screen never read a whole exercise file."""

    id: str
    topic: str
    title: str
    difficulty: int
    parts: tuple[PartSummary, ...]
    tags: tuple[str, ...] = ()
    lab: Path | None = None
    is_parameterised: bool = False
    """A fresh instance at each review (see :attr:`Exercise.is_parameterised`)."""


class Listed(Protocol):
    """An exercise or its summary: all that queues and progress figures look at."""

    @property
    def id(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def difficulty(self) -> int: ...


@dataclass(frozen=True)
class Topic:
    """A folder of the bank, with the optional metadata of its ``topic.yaml``."""

    slug: str
    title: str
    description: str = ""
    order: int = 1000
    prerequisites: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)
