"""What a check returns: a status and one line for the learner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["correct", "incorrect", "invalid", "undecided"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check.

    ``invalid`` means the text could not be read as an answer of its type (the
    message says where and why); ``undecided`` means it could not be judged
    within the size and time bounds, or is self-graded.
    """

    status: Status
    message: str


class AnswerError(Exception):
    """The learner's text cannot be read or makes no sense as an answer: ``invalid``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BankError(ValueError):
    """The answer key, a listed mistake or the declarations are unusable: a bank bug."""
