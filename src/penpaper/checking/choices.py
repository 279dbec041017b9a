"""Judges ``choice`` and ``boolean`` answers: labels, case-insensitive, order-free.

A choice key may name several labels (``a, c``); the learner may separate them
with commas, spaces or "and", wrap them in brackets, or run single-letter
labels together (``ac``) when every option label is one letter.
"""

from __future__ import annotations

import re

from penpaper.checking.judges import Finding, Request, read_key
from penpaper.checking.names import Vocabulary
from penpaper.checking.verdict import AnswerError

_SEPARATORS = re.compile(r"[,;\s]+|\band\b", re.IGNORECASE)
_DECORATION = "()[]{}.:)"
_YES = frozenset({"yes", "y", "true", "t"})
_NO = frozenset({"no", "n", "false", "f"})


class ChoiceJudge:
    answer_names: Vocabulary | None = None  # its names are labels or nodes, not symbols

    def __init__(self, request: Request) -> None:
        self.options = tuple(label.strip().lower() for label in request.options)
        self.key: frozenset[str] = read_key(request.expected, self.read)

    def read(self, text: str) -> frozenset[str]:
        words = [word.strip(_DECORATION).lower() for word in _SEPARATORS.split(text.strip())]
        labels: set[str] = set()
        for word in filter(None, words):
            labels |= self.labels(word)
        if not labels:
            raise AnswerError("no option chosen")
        return frozenset(labels)

    def labels(self, word: str) -> set[str]:
        if not self.options or word in self.options:
            return {word}
        single_letters = all(len(option) == 1 for option in self.options)
        if single_letters and all(letter in self.options for letter in word):
            return set(word)
        raise AnswerError(f"unknown option {word!r}; choose from {', '.join(self.options)}")

    def compare(self, given: frozenset[str], expected: frozenset[str]) -> Finding:
        if given == expected:
            return Finding("equal")
        if len(expected) == 1:
            return Finding("different", "not the correct option")
        wrong = sorted(given - expected)
        missing = len(expected - given)
        parts = []
        if wrong:
            parts.append(f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not correct")
        if missing:
            parts.append(f"{missing} correct option{'s' if missing > 1 else ''} missing")
        return Finding("different", "; ".join(parts))


class BooleanJudge:
    answer_names: Vocabulary | None = None  # its names are labels or nodes, not symbols

    def __init__(self, request: Request) -> None:
        self.key: bool = read_key(request.expected, self.read)

    def read(self, text: str) -> bool:
        word = text.strip().strip(".!").lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise AnswerError(f"answer yes or no (or true/false), not {text.strip()[:20]!r}")

    def compare(self, given: bool, expected: bool) -> Finding:
        return Finding("equal") if given == expected else Finding("different", "not correct")
