"""What an answer may leave for the checker to compute: values, not computations.

A number, vector or matrix part (and a number in a set or tuple) asks for a
value the learner works out on paper. Numbers, fractions, roots, constants,
elementary functions of numbers and a common factor times a vector or matrix
are values; ``det``, ``inv``, ``tr``, a norm, a transposed matrix, a matrix
power and a product or sum of matrices make the checker do the learner's
work, so such an answer is unreadable (not counted) and told why. A vector's
transpose is notation, not work: ``[1, 2, 3]^T`` is a value. A part may allow
computations (``evaluate: true``), and any part may forbid functions
(``forbid: [log, exp]``) when it asks for a simplified form; forbidding
``exp`` forbids powers of e too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import mpmath  # type: ignore[import-untyped]

from penpaper.bank.model import VALUE_TYPES
from penpaper.checking.feedback import COMPUTES
from penpaper.checking.interpreting import ShapeError
from penpaper.checking.judges import Request
from penpaper.checking.numeric import Numeric, NumericBackend
from penpaper.checking.sampling import Draw

_COMPUTING_FUNCTIONS = {
    "det": "a determinant",
    "inv": "an inverse",
    "tr": "a trace",
    "norm": "a norm",
}


@dataclass(frozen=True)
class ValueRule:
    """What one part lets its answers compute."""

    values_only: bool = False
    """Refuse matrix algebra and ``det``, ``inv``, ``tr``, norms."""
    forbidden: frozenset[str] = frozenset()
    """Canonical names of functions the answers may not use."""

    @classmethod
    def of(cls, request: Request) -> ValueRule:
        return cls(request.type in VALUE_TYPES and not request.evaluate, request.forbid)

    def backend(self) -> Callable[[Draw], NumericBackend]:
        """How an :class:`~penpaper.checking.comparing.Evaluator` makes its backend."""
        if not self.values_only and not self.forbidden:
            return NumericBackend
        return lambda draw: RuledBackend(draw, self)


class Refused(ShapeError):
    """An answer that computes what it should state.

    A :class:`ShapeError`, so that the interpreter quotes the part of the answer
    it is about and the answer is unreadable, not wrong.
    """


class RuledBackend(NumericBackend):
    """Numeric arithmetic that refuses what its :class:`ValueRule` does not allow."""

    def __init__(self, draw: Draw, rule: ValueRule) -> None:
        super().__init__(draw)
        self.rule = rule

    def add(self, left: Numeric, right: Numeric) -> Numeric:
        self.refuse_if(self.is_matrix(left) and self.is_matrix(right), _of("a sum", left, right))
        return super().add(left, right)

    def multiply(self, left: Numeric, right: Numeric) -> Numeric:
        both = self.is_matrix(left) and self.is_matrix(right)
        self.refuse_if(both, _of("a product", left, right))
        return super().multiply(left, right)

    def power(self, base: Numeric, exponent: Numeric) -> Numeric:
        self.refuse_if(self.is_matrix(base), "an inverse" if exponent == -1 else "a matrix power")
        # The constant e itself, not a value equal to it: e^x is how exp is written.
        if base is mpmath.e and "exp" in self.rule.forbidden:
            raise Refused(_forbidden_message("exp"))
        return super().power(base, exponent)

    def transpose(self, value: Numeric) -> Numeric:
        # A vector's transpose is notation ((1, 2, 3)^T); a matrix's is work.
        not_a_vector = isinstance(value, mpmath.matrix) and min(value.rows, value.cols) > 1
        self.refuse_if(not_a_vector, "a transpose")
        return super().transpose(value)

    def apply(self, function: str, arguments: list[Numeric]) -> Numeric:
        if function in self.rule.forbidden:
            raise Refused(_forbidden_message(function))
        computing = _COMPUTING_FUNCTIONS.get(function)
        self.refuse_if(computing is not None, computing or "")
        return super().apply(function, arguments)

    def refuse_if(self, computes: bool, what: str) -> None:
        if computes and self.rule.values_only:
            raise Refused(f"{COMPUTES}: {what}")


def _of(operation: str, left: Numeric, right: Numeric) -> str:
    """``a product of vectors`` or ``a sum of matrices``: what the learner left to compute."""
    vectors = all(
        isinstance(value, mpmath.matrix) and 1 in (value.rows, value.cols)
        for value in (left, right)
    )
    return f"{operation} of {'vectors' if vectors else 'matrices'}"


def _forbidden_message(function: str) -> str:
    return f"this part wants an answer without {function}: simplify {function}"
