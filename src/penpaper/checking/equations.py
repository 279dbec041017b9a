"""Judges ``equation`` answers: the same solution set, not the same text.

``2y = 4x + 2`` and ``y = 2x + 1`` agree because one side-difference is a
nonzero constant multiple of the other at every random draw: the cheap test,
which settles most cases. Otherwise sympy solves both (over the declared
domain for one unknown, for each unknown in turn for several) and the
solutions are compared numerically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking import feedback
from penpaper.checking.comparing import Evaluation, Evaluator, constant_factor
from penpaper.checking.judges import Finding, Request, parse_single, read_key
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.sampling import Draw, Sampler
from penpaper.checking.symbolic import Unsupported, domain_of, to_sympy
from penpaper.checking.syntax import Binary, Node, Relation
from penpaper.checking.verdict import AnswerError

_DIGITS = 30


@dataclass(frozen=True)
class Equation:
    difference: Node
    """``left - right``: the equation says this is zero."""
    text: str
    evaluation: Evaluation


class EquationJudge:
    def __init__(self, request: Request) -> None:
        self.declarations = request.declarations
        key_relation = read_key(request.expected, self.relation)
        plain = Vocabulary(request.declarations)
        self.vocabulary = Vocabulary(request.declarations, names_in((key_relation,), plain))
        self.draws = Sampler(request.declarations, seed=request.expected).draws(8)
        self.evaluator = Evaluator(self.vocabulary, self.draws)
        self.key: Equation = read_key(request.expected, self.read)

    @staticmethod
    def relation(text: str) -> Relation:
        node = parse_single(text, "one equation")
        if not isinstance(node, Relation) or node.operator != "=":
            raise AnswerError("an equation with '=' is expected, such as y = 2x + 1")
        return node

    def read(self, text: str) -> Equation:
        relation = self.relation(text)
        difference = Binary(relation.start, relation.end, "-", relation.left, relation.right)
        return Equation(difference, text, self.evaluator.evaluate(difference, text))

    def compare(self, given: Equation, expected: Equation) -> Finding:
        if constant_factor(given.evaluation, expected.evaluation) is not None:
            return Finding("equal")
        extra = given.evaluation.symbols - expected.evaluation.symbols
        if extra:
            return Finding("different", feedback.extra_names_message(extra))
        try:
            same = _same_solutions(
                to_sympy(given.difference, given.text, self.vocabulary),
                to_sympy(expected.difference, expected.text, self.vocabulary),
                self.declarations,
                self.draws,
            )
        except (Unsupported, NotImplementedError, ArithmeticError, ValueError, TypeError):
            same = None
        if same is None:
            return Finding("unknown", "could not compare the solution sets of these equations")
        if same:
            return Finding("equal")
        return Finding("different", "not the same solution set as the expected equation")


def _same_solutions(
    given: Any, expected: Any, declarations: Mapping[str, SymbolDeclaration], draws: Sequence[Draw]
) -> bool | None:
    unknowns = sorted(given.free_symbols | expected.free_symbols, key=lambda s: s.name)
    if len(unknowns) == 1:
        unknown = unknowns[0]
        domain = domain_of(declarations.get(unknown.name))
        solved = [sympy.solveset(side, unknown, domain) for side in (given, expected)]
        if solved[0] == solved[1]:
            return True
        if all(isinstance(solutions, sympy.FiniteSet) for solutions in solved):
            return _same_values(list(solved[0]), list(solved[1]), draws)
        return None
    decided = False
    for unknown in unknowns:
        solutions = [sympy.solve(side, unknown) for side in (given, expected)]
        if not any(solutions):
            continue
        if not _same_values(solutions[0], solutions[1], draws):
            return False
        decided = True
    return True if decided else None


def _same_values(given: list[Any], expected: list[Any], draws: Sequence[Draw]) -> bool:
    """Whether two lists of solutions (expressions in the other unknowns) agree as sets."""

    def signature(solution: Any) -> tuple[complex, ...]:
        return tuple(
            complex(
                sympy.N(
                    solution.xreplace(
                        {s: sympy.Rational(draw.scalar(s.name)) for s in solution.free_symbols}
                    ),
                    _DIGITS,
                )
            )
            for draw in draws[:3]
        )

    def close(a: tuple[complex, ...], b: tuple[complex, ...]) -> bool:
        return all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b, strict=True))

    left = [signature(solution) for solution in given]
    right = [signature(solution) for solution in expected]
    return all(any(close(a, b) for b in right) for a in left) and all(
        any(close(a, b) for a in left) for b in right
    )
