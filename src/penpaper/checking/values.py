"""Judges answers that are values: expression, matrix-expression, matrix, vector, number.

All five are read the same way and evaluated at the same random draws; they
differ in what the result must be (a scalar, any shape, a fixed shape, a
number without symbols), in what it may compute (a number, vector or matrix
is a value: see :mod:`computations`) and in how a number key written with
decimals is matched (to its stated precision).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import mpmath  # type: ignore[import-untyped]

from penpaper.checking import feedback
from penpaper.checking.comparing import (
    Evaluation,
    Evaluator,
    Missing,
    compare,
    rounded,
    values_equal,
    wrong_entries,
)
from penpaper.checking.computations import ValueRule
from penpaper.checking.judges import Finding, Request, read_key
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.numeric import Undefined
from penpaper.checking.parsing import parse
from penpaper.checking.sampling import Sampler
from penpaper.checking.symbolic import Unsupported, symbolically_equal, to_sympy
from penpaper.checking.syntax import Bracket, Node, Number, Unary, ungroup
from penpaper.checking.verdict import AnswerError, BankError

_MATRIX_TYPES = frozenset({"matrix-expression", "matrix", "vector"})
_FIXED_SHAPE_TYPES = frozenset({"matrix", "vector"})


@dataclass(frozen=True)
class Reading:
    node: Node
    text: str
    evaluation: Evaluation
    flat: bool
    """A vector typed as a flat list: it may stand for a column or a row."""


class ValueJudge:
    def __init__(self, request: Request) -> None:
        self.request = request
        self.type = request.type
        has_matrices = any(d.is_matrix for d in request.declarations.values())
        identity = has_matrices or request.type in _MATRIX_TYPES
        plain = Vocabulary(request.declarations, identity_is_matrix=identity)
        key_node = read_key(request.expected, self.node)
        self.vocabulary = Vocabulary(request.declarations, names_in((key_node,), plain), identity)
        self.answer_names: Vocabulary | None = self.vocabulary
        count = 1 if self.type == "number" else 5 if has_matrices else 8
        self.draws = Sampler(request.declarations, seed=request.expected).draws(count)
        self.evaluator = Evaluator(self.vocabulary, self.draws, ValueRule.of(request).backend())
        self.key: Reading = read_key(request.expected, self.read)
        if self.type == "expression" and any(
            isinstance(value, mpmath.matrix) for value in self.key.evaluation.outcomes
        ):
            raise BankError("an 'expression' key must be a scalar; use 'matrix-expression'")

    def node(self, text: str) -> Node:
        items = parse(text, number=self.type == "number")
        if self.type in _FIXED_SHAPE_TYPES:
            node = (
                ungroup(items[0])
                if len(items) == 1
                else Bracket(items[0].start, items[-1].end, "[", items)
            )
            if isinstance(node, Bracket) and node.kind == "(" and not node.is_group:
                node = replace(node, kind="[")
            return node
        if len(items) != 1:
            raise AnswerError(f"a single answer is expected, not a list of {len(items)} items")
        return items[0]

    def read(self, text: str) -> Reading:
        node = self.node(text)
        evaluation = self.evaluator.evaluate(node, text)
        if self.type == "number" and evaluation.symbols:
            names = ", ".join(sorted(evaluation.symbols))
            raise AnswerError(f"a number is expected, but your answer contains {names}")
        if self.type == "number" and any(isinstance(v, mpmath.matrix) for v in evaluation.outcomes):
            raise AnswerError("a single number is expected, not a vector or matrix")
        flat = (
            isinstance(node, Bracket)
            and node.kind == "["
            and not all(isinstance(ungroup(item), Bracket) for item in node.items)
        )
        return Reading(node, text, evaluation, flat)

    def compare(self, given: Reading, expected: Reading) -> Finding:
        if self.type == "number":
            return self.compare_numbers(given, expected)
        finding = compare(
            given.evaluation,
            expected.evaluation,
            self.draws,
            self.request.tolerance,
            orientation_free=given.flat or expected.flat,
        )
        if finding.status == "unknown" and not any(
            outcome is Missing.TOO_LARGE for outcome in given.evaluation.outcomes
        ):
            return self.compare_symbolically(given, expected) or finding
        if finding.message == feedback.NOT_EQUIVALENT and self.type in _FIXED_SHAPE_TYPES:
            wrong = wrong_entries(given.evaluation, expected.evaluation, self.request.tolerance)
            if wrong:
                return Finding("different", _entries_message(wrong))
        return finding

    def compare_symbolically(self, given: Reading, expected: Reading) -> Finding | None:
        """Only when the key is undefined at every draw: let sympy simplify the difference."""
        try:
            equal = symbolically_equal(
                to_sympy(given.node, given.text, self.vocabulary),
                to_sympy(expected.node, expected.text, self.vocabulary),
            )
        except (Unsupported, Undefined, AnswerError, ArithmeticError, ValueError, TypeError):
            return None
        if equal is None:
            return None
        return Finding("equal") if equal else Finding("different", feedback.NOT_EQUIVALENT)

    def compare_numbers(self, given: Reading, expected: Reading) -> Finding:
        g, k = given.evaluation.outcomes[0], expected.evaluation.outcomes[0]
        if isinstance(k, Missing):
            return Finding("unknown", "the expected number cannot be evaluated")
        if g is Missing.TOO_LARGE:
            return Finding("unknown", "your number is too large to evaluate")
        if g is Missing.UNDEFINED:
            return Finding("different", "your answer is undefined (a division by zero?)")
        tolerance = self.request.tolerance
        stated = None if tolerance is not None else _stated_precision(expected.node)
        if tolerance is not None:
            allowed = tolerance * abs(k) if k != 0 else mpmath.mpf(tolerance)
            near = feedback.tolerance_message(tolerance)
        elif stated is not None:
            allowed = stated.precision * (1 + mpmath.mpf("1e-20"))
            near = feedback.figures_message(stated.figures)
        else:
            allowed, near = None, feedback.not_exact_message(1)
        if values_equal(g, k) if allowed is None else abs(g - k) <= allowed:
            return Finding("equal")
        if k != 0 and values_equal(-g, k):
            return Finding("different", "the sign is flipped")
        if allowed is None:
            close = rounded(given.evaluation, expected.evaluation)
        else:
            close = abs(g - k) <= abs(k) / 10
        return Finding("different", near if close else "not the expected value")


@dataclass(frozen=True)
class StatedPrecision:
    """What a decimal key such as ``0.1353`` asks for: half a unit in its last digit, which
    is the key's significant figures (a close miss is never of a zero key)."""

    precision: Any
    figures: int


def _stated_precision(node: Node) -> StatedPrecision | None:
    """How precisely a decimal key is written, else None (an exact key)."""
    literal = ungroup(node)
    if isinstance(literal, Unary):
        literal = ungroup(literal.operand)
    if not isinstance(literal, Number) or "." not in literal.text:
        return None
    mantissa, _, exponent = literal.text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    figures = len(mantissa.replace(".", "").lstrip("0"))
    return StatedPrecision(mpmath.mpf(10) ** (int(exponent or 0) - decimals) / 2, figures)


def _entries_message(positions: list[tuple[int, int]]) -> str:
    shown = [f"({i}, {j})" for i, j in positions[:3]]
    if len(positions) == 1:
        return f"entry {shown[0]} is wrong"
    more = f" and {len(positions) - 3} more" if len(positions) > 3 else ""
    return f"entries {', '.join(shown)}{more} are wrong"
