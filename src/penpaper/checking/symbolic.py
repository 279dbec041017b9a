"""Sympy arithmetic for the few questions numbers cannot settle, and keys pretty-printed.

Used for equations (comparing solution sets) and when the key is undefined at
every random draw. Symbols carry the declared assumptions, so ``sqrt(x^2)``
simplifies to ``x`` only for a nonnegative x. Only scalars are supported here;
the numeric backend handles matrices, except in :func:`render_pretty`, which
shows a matrix of scalars.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.interpreting import Interpreter
from penpaper.checking.judges import DisplayRequest
from penpaper.checking.limits import MAX_FACTORIAL_ARGUMENT, power_is_too_large
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.numeric import TooLarge, Undefined
from penpaper.checking.parsing import parse
from penpaper.checking.syntax import Bracket, Node
from penpaper.checking.verdict import AnswerError

_FUNCTIONS: dict[str, Any] = {
    "sqrt": sympy.sqrt,
    "exp": sympy.exp,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "asinh": sympy.asinh,
    "acosh": sympy.acosh,
    "atanh": sympy.atanh,
    "abs": sympy.Abs,
    "sign": sympy.sign,
    "floor": sympy.floor,
    "ceil": sympy.ceiling,
    "erf": sympy.erf,
    "gamma": sympy.gamma,
    "loggamma": sympy.loggamma,
    "digamma": sympy.digamma,
    "factorial": sympy.factorial,
    "binomial": sympy.binomial,
    "root": sympy.root,
    "max": sympy.Max,
    "min": sympy.Min,
    "log": sympy.log,
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
    "softplus": lambda x: sympy.log(1 + sympy.exp(x)),
    "norm": sympy.Abs,
    "inv": lambda x: 1 / x,
    "tr": lambda x: x,
    "det": lambda x: x,
    "transpose": lambda x: x,
}
_LARGE_ARGUMENT_FUNCTIONS = frozenset({"factorial", "gamma", "loggamma", "binomial"})


class Unsupported(Exception):
    """Not expressible in the scalar symbolic backend (a matrix, the identity)."""


def symbol_for(name: str, declaration: SymbolDeclaration | None) -> Any:
    """A sympy symbol carrying the declared assumptions (undeclared names are real)."""
    assumptions: dict[str, bool] = {"real": True}
    if declaration is not None:
        assumptions.update({flag: True for flag in declaration.assumptions})
        domain = declaration.domain
        if domain is not None and domain.low is not None and domain.low >= 0:
            assumptions["positive" if domain.low > 0 or domain.low_open else "nonnegative"] = True
        if domain is not None and domain.high is not None and domain.high <= 0:
            assumptions["negative" if domain.high < 0 or domain.high_open else "nonpositive"] = True
    return sympy.Symbol(name, **assumptions)


class SymbolicBackend:
    """Builds sympy expressions, refusing numbers too large to build."""

    def __init__(self, declarations: Mapping[str, SymbolDeclaration]) -> None:
        self.declarations = declarations

    def number(self, text: str) -> Any:
        exact = Fraction(text)
        return sympy.Rational(exact.numerator, exact.denominator)

    def symbol(self, name: str) -> Any:
        declaration = self.declarations.get(name)
        if declaration is not None and declaration.is_matrix:
            raise Unsupported(f"{name} is a matrix")
        return symbol_for(name, declaration)

    def constant(self, name: str) -> Any:
        return sympy.E if name == "e" else sympy.pi

    def identity(self) -> Any:
        raise Unsupported("the identity matrix")

    def is_matrix(self, value: Any) -> bool:
        return False

    def matrix(self, rows: list[list[Any]]) -> Any:
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        raise Unsupported("a matrix")

    def add(self, left: Any, right: Any) -> Any:
        return left + right

    def negate(self, value: Any) -> Any:
        return -value

    def multiply(self, left: Any, right: Any) -> Any:
        return left * right

    def divide(self, left: Any, right: Any) -> Any:
        return left / right

    def power(self, base: Any, exponent: Any) -> Any:
        if base.is_number and exponent.is_number and base != 0:
            magnitude = abs(complex(sympy.N(base, 15)))
            if power_is_too_large(abs(math.log2(magnitude)), abs(complex(sympy.N(exponent, 15)))):
                raise TooLarge("power too large")
        return sympy.Pow(base, exponent)

    def transpose(self, value: Any) -> Any:
        return value

    def apply(self, function: str, arguments: list[Any]) -> Any:
        if function in _LARGE_ARGUMENT_FUNCTIONS and any(
            argument.is_number and abs(complex(sympy.N(argument, 15))) > MAX_FACTORIAL_ARGUMENT
            for argument in arguments
        ):
            raise TooLarge(f"{function} too large")
        return _FUNCTIONS[function](*arguments)


def to_sympy(node: Node, text: str, vocabulary: Vocabulary) -> Any:
    """A scalar sympy expression for ``node``; raises :class:`Unsupported` for matrices."""
    return Interpreter(SymbolicBackend(vocabulary.declarations), vocabulary, text).value(node)


def symbolically_equal(given: Any, expected: Any) -> bool | None:
    """Whether ``given - expected`` simplifies to zero; None when sympy cannot tell."""
    difference = sympy.simplify(given - expected)
    if difference == 0:
        return True
    return None if difference.free_symbols or difference.has(sympy.zoo, sympy.nan) else False


def render_pretty(request: DisplayRequest) -> str:
    """The key in sympy's Unicode art, or as written when sympy cannot build it."""
    text = request.text
    try:
        nodes = parse(text)
        if len(nodes) != 1:
            return text
        plain = Vocabulary(request.declarations)
        vocabulary = Vocabulary(request.declarations, names_in(nodes, plain))
        node = nodes[0]
        if isinstance(node, Bracket) and node.kind == "[":
            rows = [
                item.items if isinstance(item, Bracket) and item.kind == "[" else (item,)
                for item in node.items
            ]
            cells = [[to_sympy(cell, text, vocabulary) for cell in row] for row in rows]
            value = sympy.Matrix(cells)
        else:
            value = to_sympy(node, text, vocabulary)
        return str(sympy.pretty(value, use_unicode=True))
    except (AnswerError, Unsupported, Undefined, ValueError, TypeError, ArithmeticError):
        return text
