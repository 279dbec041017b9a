"""Judges ``equation`` answers: the same solution set over the declared domains, not the same text.

Both sides are evaluated over the reals (a square root of a negative number is
undefined, not imaginary) at random draws. A draw that solves one equation but
not the other settles a difference; two equations that hold at every draw are
both identities. Otherwise a draw almost never lies on a solution set, and
``2y = 4x + 2`` agrees with ``y = 2x + 1`` because one side-difference is a
nonzero constant multiple of the other: the cheap test, which settles most
cases. Failing that, sympy solves both equations for each unknown in turn; the
real solutions within the unknown's domain, at a few draws of the other names,
must each solve the other equation too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]
import sympy

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking import feedback
from penpaper.checking.comparing import (
    Evaluation,
    Evaluator,
    Missing,
    constant_factor,
    outcome,
    values_equal,
)
from penpaper.checking.interpreting import Interpreter
from penpaper.checking.judges import Finding, Request, parse_single, read_key
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.numeric import PRECISION_DIGITS, Identity, RealBackend, Undefined
from penpaper.checking.sampling import Draw, Sampler, admits
from penpaper.checking.symbolic import Unsupported, to_sympy
from penpaper.checking.syntax import Relation
from penpaper.checking.verdict import AnswerError

_POINT_DIGITS = 3 * PRECISION_DIGITS
"""A solution found by sympy is tested rounded to this many digits."""
_SHRINKING = mpmath.mpf(10) ** (-PRECISION_DIGITS // 2)
"""How much closer the sides of a true solution come when the precision doubles."""
_POINT_DRAWS = 3
NOT_SAME = "not the same solution set as the expected equation"
_BEYOND_SYMPY = (
    Unsupported,
    Undefined,
    NotImplementedError,
    ArithmeticError,
    ValueError,
    TypeError,
)


@dataclass(frozen=True)
class Equation:
    relation: Relation
    text: str
    left: Evaluation
    right: Evaluation

    @property
    def names(self) -> frozenset[str]:
        return self.left.symbols | self.right.symbols

    @property
    def defined(self) -> tuple[bool, ...]:
        """At each draw, whether both sides have a (real) value."""
        return tuple(
            not isinstance(left, Missing) and not isinstance(right, Missing)
            for left, right in zip(self.left.outcomes, self.right.outcomes, strict=True)
        )

    @property
    def difference(self) -> Evaluation:
        """``left - right`` at each draw where both are scalars."""
        return Evaluation(
            tuple(map(_scalar_difference, self.left.outcomes, self.right.outcomes)), self.names
        )


class EquationJudge:
    def __init__(self, request: Request) -> None:
        self.declarations = request.declarations
        key_relation = read_key(request.expected, self.relation)
        plain = Vocabulary(request.declarations)
        self.vocabulary = Vocabulary(request.declarations, names_in((key_relation,), plain))
        self.answer_names: Vocabulary | None = self.vocabulary
        self.draws = Sampler(request.declarations, seed=request.expected).draws(8)
        self.evaluator = Evaluator(self.vocabulary, self.draws, RealBackend)
        self.key: Equation = read_key(request.expected, self.read)

    @staticmethod
    def relation(text: str) -> Relation:
        node = parse_single(text, "one equation")
        if not isinstance(node, Relation) or node.operator != "=":
            raise AnswerError("an equation with '=' is expected, such as y = 2x + 1")
        return node

    def read(self, text: str) -> Equation:
        relation = self.relation(text)
        return Equation(
            relation,
            text,
            self.evaluator.evaluate(relation.left, text),
            self.evaluator.evaluate(relation.right, text),
        )

    def compare(self, given: Equation, expected: Equation) -> Finding:
        solved_by_draws = self.holds(given)
        if solved_by_draws != self.holds(expected):
            if all(solved_by_draws):
                return Finding("different", "your equation holds for every value: " + NOT_SAME)
            return Finding("different", NOT_SAME)
        if any(solved_by_draws):
            # Both hold at the same draws: identities, or solution sets with an interior.
            return Finding("equal")
        if (
            given.defined == expected.defined
            and constant_factor(given.difference, expected.difference) is not None
        ):
            return Finding("equal")
        try:
            same = self.same_solutions(given, expected)
        except _BEYOND_SYMPY:
            same = None
        if same:
            return Finding("equal")
        extra = given.names - expected.names
        if extra:
            return Finding("different", feedback.extra_names_message(extra))
        if same is None:
            return Finding("unknown", "could not compare the solution sets of these equations")
        return Finding("different", NOT_SAME)

    def same_solutions(self, given: Equation, expected: Equation) -> bool | None:
        """Whether, solving for each unknown in turn, every solution of one solves the other."""
        zeros = [_zero_form(self.sympy_difference(equation)) for equation in (given, expected)]
        unknowns = sorted(zeros[0].free_symbols | zeros[1].free_symbols, key=lambda s: s.name)
        decided = False
        for unknown in unknowns:
            try:
                solved = [sympy.solve(zero, unknown) for zero in zeros]
            except NotImplementedError:
                continue
            # Candidates that solve neither equation (x = -1 for sqrt(x)^2 = -1) count too.
            decided = decided or any(solved)
            for draw in self.draws[:_POINT_DRAWS]:
                mine = self.solutions(solved[0], unknown, draw, given)
                theirs = self.solutions(solved[1], unknown, draw, expected)
                if not all(self.solves(expected, draw, values) for values in mine):
                    return False
                if not all(self.solves(given, draw, values) for values in theirs):
                    return False
        return True if decided else None

    def sympy_difference(self, equation: Equation) -> Any:
        relation = equation.relation
        left, right = (
            to_sympy(side, equation.text, self.vocabulary)
            for side in (relation.left, relation.right)
        )
        return left - right

    def solutions(
        self, found: list[Any], unknown: Any, draw: Draw, equation: Equation
    ) -> list[dict[str, Fraction]]:
        """The real solutions for ``unknown`` in its domain that solve ``equation`` at ``draw``.

        Each is given as the value of ``unknown``; the other names keep the draw's values.
        """
        others = {
            symbol: sympy.Rational(draw.scalar(symbol.name))
            for solution in found
            for symbol in solution.free_symbols
        }
        declaration = self.declarations.get(unknown.name, SymbolDeclaration(unknown.name))
        solutions = []
        for solution in found:
            value = sympy.N(solution.xreplace(others), _POINT_DIGITS)
            if not (value.is_number and value.is_finite and value.is_extended_real):
                continue
            values = {unknown.name: Fraction(str(value))}
            if admits(declaration, values[unknown.name]) and self.solves(equation, draw, values):
                solutions.append(values)
        return solutions

    def holds(self, equation: Equation) -> tuple[bool, ...]:
        """At each draw, whether it solves ``equation``."""
        return tuple(
            self.solves(equation, draw, {}, sides)
            for draw, *sides in zip(
                self.draws, equation.left.outcomes, equation.right.outcomes, strict=True
            )
        )

    def solves(
        self,
        equation: Equation,
        draw: Draw,
        values: Mapping[str, Fraction],
        sides: Sequence[Any] = (),
    ) -> bool:
        """Whether ``draw``, with ``values`` for some names, solves ``equation`` over the reals.

        Agreeing to the working precision is not enough: ``(x - 2)^300`` at x = 3/2
        is 0 to 40 digits. The sides of a true solution (``sides`` if already
        evaluated) come closer when the precision doubles; those of a near miss do not.
        """
        residuals: list[Any] = []
        for digits in (PRECISION_DIGITS, 2 * PRECISION_DIGITS):
            with mpmath.workdps(digits):
                if not sides or residuals:
                    backend = RealBackend(draw, values)
                    interpreter = Interpreter(backend, self.vocabulary, equation.text)
                    relation = equation.relation
                    sides = [outcome(interpreter, side) for side in (relation.left, relation.right)]
                left, right = sides
                if isinstance(left, Missing) or isinstance(right, Missing):
                    return False
                if not values_equal(left, right):
                    return False
                residual = _residual(left, right)
                if residual is None or residual == 0:
                    return True
                residuals.append(residual)
        return bool(residuals[1] <= residuals[0] * _SHRINKING)


def _residual(left: Any, right: Any) -> Any:
    """``|left - right|`` for two scalars, else None (matrices are taken as they agree)."""
    if any(isinstance(side, Identity | mpmath.matrix) for side in (left, right)):
        return None
    return abs(left - right)


def _scalar_difference(left: Any, right: Any) -> Any:
    scalars = all(
        not isinstance(side, Missing | Identity | mpmath.matrix) for side in (left, right)
    )
    return left - right if scalars else Missing.UNDEFINED


def _zero_form(expression: Any) -> Any:
    """An expression with the same zeros where it is defined, without powers to expand.

    ``(4a - x)^6000`` is zero exactly where ``4a - x`` is; sympy would expand the power.
    """
    if expression.is_number:
        return expression
    factors = [
        factor.base if factor.is_Pow and factor.exp.is_Rational and factor.exp > 0 else factor
        for factor in sympy.Mul.make_args(expression)
        if not factor.is_number
    ]
    return sympy.Mul(*factors)
