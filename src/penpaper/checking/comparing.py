"""Equivalence by evaluation: both answers at the same random draws, then compared.

Draws where the key is undefined are skipped; everywhere else the learner's
answer must agree to about 25 significant digits (or within the stated
tolerance). A wrong answer gets the cheapest useful explanation: a shape, a
name it should not use, a flipped sign, a constant factor or offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations
from typing import Any

import mpmath  # type: ignore[import-untyped]

from penpaper.checking import feedback
from penpaper.checking.interpreting import Interpreter
from penpaper.checking.judges import Finding
from penpaper.checking.names import Vocabulary
from penpaper.checking.numeric import Identity, NumericBackend, TooLarge, Undefined, describe_shape
from penpaper.checking.sampling import Draw
from penpaper.checking.syntax import Node
from penpaper.checking.verdict import BankError

_RELATIVE_TOLERANCE = mpmath.mpf("1e-25")
_ABSOLUTE_TOLERANCE = mpmath.mpf("1e-30")
_MOST_CONDITION_NAMES = 3


class Missing(Enum):
    """No value at a draw."""

    UNDEFINED = "undefined"
    TOO_LARGE = "too large"


@dataclass(frozen=True)
class Evaluation:
    """One answer evaluated at every draw, with the symbol names it used."""

    outcomes: tuple[Any, ...]
    symbols: frozenset[str]
    has_decimals: bool = False


class Evaluator:
    """Evaluates trees against one vocabulary and one set of draws."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        draws: Sequence[Draw],
        backend: Callable[[Draw], NumericBackend] = NumericBackend,
    ) -> None:
        self.vocabulary = vocabulary
        self.draws = draws
        self.backend = backend

    def evaluate(self, node: Node, text: str) -> Evaluation:
        """Raises :class:`AnswerError` when the answer makes no sense at all."""
        outcomes: list[Any] = []
        symbols: set[str] = set()
        for draw in self.draws:
            interpreter = Interpreter(self.backend(draw), self.vocabulary, text)
            outcomes.append(outcome(interpreter, node))
            symbols |= interpreter.symbols
        return Evaluation(tuple(outcomes), frozenset(symbols), "." in text[node.start : node.end])


def outcome(interpreter: Interpreter[Any], node: Node) -> Any:
    """The value of ``node``, or why there is none (:class:`Missing`)."""
    try:
        return interpreter.value(node)
    except BankError:
        raise
    except TooLarge:
        return Missing.TOO_LARGE
    except (Undefined, ArithmeticError, ValueError):
        return Missing.UNDEFINED


def values_equal(given: Any, expected: Any, tolerance: float | None = None) -> bool:
    given, expected = _aligned(given, expected)
    if isinstance(given, Identity) and isinstance(expected, Identity):
        return _close(given.scale, expected.scale, tolerance)
    if isinstance(given, mpmath.matrix) != isinstance(expected, mpmath.matrix):
        return False
    if isinstance(given, mpmath.matrix):
        return (given.rows, given.cols) == (expected.rows, expected.cols) and all(
            _close(g, k, tolerance) for g, k in zip(given, expected, strict=True)
        )
    return _close(given, expected, tolerance)


def _aligned(given: Any, expected: Any) -> tuple[Any, Any]:
    """Give an identity the size of the square matrix it is compared with."""
    if isinstance(given, Identity) and isinstance(expected, mpmath.matrix):
        return given.scale * mpmath.eye(expected.rows), expected
    if isinstance(expected, Identity) and isinstance(given, mpmath.matrix):
        return given, expected.scale * mpmath.eye(given.rows)
    return given, expected


def _close(given: Any, expected: Any, tolerance: float | None) -> bool:
    difference = abs(given - expected)
    scale = max(abs(given), abs(expected))
    if tolerance is not None:
        return bool(difference <= tolerance * scale + _ABSOLUTE_TOLERANCE)
    return bool(difference <= _RELATIVE_TOLERANCE * scale + _ABSOLUTE_TOLERANCE)


def compare(
    given: Evaluation,
    expected: Evaluation,
    draws: Sequence[Draw],
    tolerance: float | None = None,
    orientation_free: bool = False,
) -> Finding:
    """Judge ``given`` against ``expected`` draw by draw; explain a difference cheaply."""
    pairs = [
        (g, k, draw)
        for g, k, draw in zip(given.outcomes, expected.outcomes, draws, strict=True)
        if not isinstance(k, Missing)
    ]
    if not pairs:
        return Finding("unknown", "the expected answer cannot be evaluated at the test points")
    if all(g is Missing.TOO_LARGE for g, _, _ in pairs):
        return Finding("unknown", "the numbers in your answer are too large to evaluate")
    if orientation_free:
        pairs = [(_oriented(g, k), k, draw) for g, k, draw in pairs]
    for g, k, draw in pairs:
        if not isinstance(g, Missing) and not _same_shape(g, k):
            shapes = describe_shape(g, draw), describe_shape(k, draw)
            return Finding("different", feedback.shape_message(*shapes, _transposed(pairs)))
    agree = [not isinstance(g, Missing) and values_equal(g, k, tolerance) for g, k, _ in pairs]
    if all(agree):
        return Finding("equal")
    names = given.symbols | expected.symbols
    condition = _where_equal(agree, [draw for _, _, draw in pairs], names) if any(agree) else None
    if condition is not None:
        return Finding("different", condition)
    if _transposed(pairs):
        _, key_value, draw = pairs[0]
        return Finding("different", feedback.transposed_message(describe_shape(key_value, draw)))
    return Finding("different", _explain(given, expected, [(g, k) for g, k, _ in pairs]))


def _transposed(pairs: Sequence[tuple[Any, Any, Draw]]) -> bool:
    """Whether the given matrix is the expected one transposed, at every draw."""
    return all(
        isinstance(g, mpmath.matrix)
        and isinstance(k, mpmath.matrix)
        and (g.rows, g.cols) == (k.cols, k.rows)
        and values_equal(g.T, k)
        for g, k, _ in pairs
    )


def _where_equal(agree: list[bool], draws: list[Draw], names: frozenset[str]) -> str | None:
    """When the answers agree exactly where some names are positive (or of one sign), say so.

    ``sqrt(k/m) sqrt(m/k)`` is 1 only where k and m have the same sign; saying
    "not equivalent", or that the answer depends on k and m, would mislead.
    """
    signed = sorted(
        name
        for name in names
        if _is_scalar(draws[0], name) and any(draw.scalar(name) < 0 for draw in draws)
    )
    for size in range(1, min(len(signed), _MOST_CONDITION_NAMES) + 1):
        for subset in combinations(signed, size):
            signs = [[draw.scalar(name) > 0 for name in subset] for draw in draws]
            same_sign = [len(set(row)) == 1 for row in signs]
            if size == 2 and same_sign == agree:
                return feedback.same_sign_message(subset)
            positive = [all(row) for row in signs]
            if sum(positive) >= 2 and all(a for a, p in zip(agree, positive, strict=True) if p):
                return feedback.positive_only_message(subset)
    return None


def _is_scalar(draw: Draw, name: str) -> bool:
    """Whether ``name`` is a scalar symbol (not a matrix, nor a dimension such as n)."""
    declaration = draw.sampler.declarations.get(name)
    if declaration is None:
        return name not in draw.sizes
    return not declaration.is_matrix


def _oriented(given: Any, expected: Any) -> Any:
    """A vector typed flat may stand for a column or a row: turn it to match."""
    if (
        isinstance(given, mpmath.matrix)
        and isinstance(expected, mpmath.matrix)
        and 1 in (given.rows, given.cols)
        and (given.rows, given.cols) == (expected.cols, expected.rows)
    ):
        return given.T
    return given


def _same_shape(given: Any, expected: Any) -> bool:
    given, expected = _aligned(given, expected)
    if isinstance(given, Identity) or isinstance(expected, Identity):
        return isinstance(given, Identity) and isinstance(expected, Identity)
    if isinstance(given, mpmath.matrix) and isinstance(expected, mpmath.matrix):
        return (given.rows, given.cols) == (expected.rows, expected.cols)
    return isinstance(given, mpmath.matrix) == isinstance(expected, mpmath.matrix)


def _explain(given: Evaluation, expected: Evaluation, pairs: list[tuple[Any, Any]]) -> str:
    extra = given.symbols - expected.symbols
    if extra:
        return feedback.extra_names_message(extra)
    if all(not isinstance(g, Missing) for g, _ in pairs):
        entries = [(g, k) for pair in pairs for g, k in zip(*map(_entries, pair), strict=True)]
        if rounded(given, expected):
            return feedback.not_exact_message(len(entries) // len(pairs))
        factor = _ratio(entries) if expected.symbols else None
        if factor is not None:
            return feedback.factor_message(factor)
        scalar = len(entries) == len(pairs)
        offset = _constant([g - k for g, k in entries]) if expected.symbols and scalar else None
        if offset is not None and mpmath.im(offset) == 0:
            return feedback.offset_message(offset)
    missing = expected.symbols - given.symbols
    if missing:
        return feedback.missing_names_message(missing)
    return feedback.NOT_EQUIVALENT


def rounded(given: Evaluation, expected: Evaluation) -> bool:
    """Whether ``given`` is written with decimals and within 1 % of ``expected``, entry by
    entry, wherever the key has a value: an exact value rounded, not a wrong one."""
    pairs = [
        _aligned(_oriented(g, k), k)
        for g, k in zip(given.outcomes, expected.outcomes, strict=True)
        if not isinstance(k, Missing)
    ]
    return (
        given.has_decimals
        and bool(pairs)
        and all(not isinstance(g, Missing) and _same_shape(g, k) for g, k in pairs)
        and all(
            abs(g_entry - k_entry) <= abs(k_entry) / 100
            for g, k in pairs
            for g_entry, k_entry in zip(_entries(g), _entries(k), strict=True)
        )
    )


def _entries(value: Any) -> list[Any]:
    if isinstance(value, Identity):
        return [value.scale]
    return list(value) if isinstance(value, mpmath.matrix) else [value]


def constant_factor(given: Evaluation, expected: Evaluation) -> Any:
    """The nonzero constant c with given = c·expected at every draw where both are scalars."""
    pairs = [
        (g, k)
        for g, k in zip(given.outcomes, expected.outcomes, strict=True)
        if not isinstance(g, Missing | Identity | mpmath.matrix)
        and not isinstance(k, Missing | Identity | mpmath.matrix)
    ]
    return _ratio(pairs)


def _ratio(pairs: list[tuple[Any, Any]]) -> Any:
    return _constant([g / k for g, k in pairs if _significant(k)])


def _constant(values: list[Any]) -> Any:
    """The one nonzero value all of ``values`` share (at least two of them), if any."""
    if len(values) < 2 or values[0] == 0:
        return None
    first = values[0]
    return first if all(_close(value, first, None) for value in values[1:]) else None


def _significant(value: Any) -> bool:
    return bool(abs(value) > _ABSOLUTE_TOLERANCE)


def wrong_entries(
    given: Evaluation, expected: Evaluation, tolerance: float | None
) -> list[tuple[int, int]]:
    """Positions (1-based) of matrix entries that differ at some draw, for fixed shapes."""
    wrong: set[tuple[int, int]] = set()
    for g, k in zip(given.outcomes, expected.outcomes, strict=True):
        g = _oriented(g, k)
        if not isinstance(g, mpmath.matrix) or not isinstance(k, mpmath.matrix):
            continue
        wrong |= {
            (i + 1, j + 1)
            for i in range(k.rows)
            for j in range(k.cols)
            if not _close(g[i, j], k[i, j], tolerance)
        }
    return sorted(wrong)
