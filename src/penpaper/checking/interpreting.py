"""Syntax tree → value, for any arithmetic: mpmath numbers and matrices, or sympy.

One walker decides what the notation means (``A^T`` is a transpose, ``A^-1``
an inverse, ``x(y+1)`` a product, ``log_2`` a base-2 logarithm, ``a/bc`` is
(a/b)·c, a tuple ``(a, b)`` and ``(a, b)ᵀ`` the column ``[a, b]``); a *backend*
supplies the arithmetic. The numeric backend is used to judge, the symbolic
one only where numbers cannot decide.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from penpaper.checking.names import CONSTANTS, FUNCTION_ARITY, Vocabulary, log_base
from penpaper.checking.syntax import (
    Bars,
    Binary,
    Bracket,
    Call,
    EmptySet,
    Factorial,
    Name,
    Node,
    Number,
    Power,
    Relation,
    Transpose,
    TransposeMark,
    Unary,
    ungroup,
)
from penpaper.checking.verdict import AnswerError

Value = TypeVar("Value")


class ShapeError(Exception):
    """An operation that makes no sense for the shapes involved (a learner's mistake)."""


class Backend(Protocol[Value]):
    """The arithmetic the interpreter needs; see :mod:`numeric` and :mod:`symbolic`."""

    def number(self, text: str) -> Value: ...
    def symbol(self, name: str) -> Value: ...
    def constant(self, name: str) -> Value: ...
    def identity(self) -> Value: ...
    def add(self, left: Value, right: Value) -> Value: ...
    def multiply(self, left: Value, right: Value) -> Value: ...
    def divide(self, left: Value, right: Value) -> Value: ...
    def negate(self, value: Value) -> Value: ...
    def power(self, base: Value, exponent: Value) -> Value: ...
    def transpose(self, value: Value) -> Value: ...
    def apply(self, function: str, arguments: list[Value]) -> Value: ...
    def matrix(self, rows: list[list[Value]]) -> Value: ...
    def is_matrix(self, value: Value) -> bool: ...


class Interpreter(Generic[Value]):
    """Walks a tree of one answer; ``symbols`` collects the symbol names it used."""

    def __init__(self, backend: Backend[Value], vocabulary: Vocabulary, text: str) -> None:
        self.backend = backend
        self.vocabulary = vocabulary
        self.text = text
        self.symbols: set[str] = set()

    def value(self, node: Node) -> Value:
        try:
            return self._value(node)
        except ShapeError as error:
            # A stray name is read as a scalar, so it usually surfaces as a shape error:
            # name it, since that is the learner's real slip (Sigma_ba for Sigma_ab^T).
            strangers = sorted(
                self.symbols - self.vocabulary.declarations.keys() - self.vocabulary.key_names
            )
            note = f" ({', '.join(strangers)}: not a symbol of this exercise)" if strangers else ""
            raise AnswerError(f"{error} in {self.quote(node)}{note}") from None

    def quote(self, node: Node) -> str:
        snippet = self.text[node.start : node.end]
        return repr(snippet if len(snippet) <= 40 else snippet[:37] + "...")

    def _value(self, node: Node) -> Value:
        backend = self.backend
        if isinstance(node, Number):
            return backend.number(node.text)
        if isinstance(node, Name):
            return self.name(node.name)
        if isinstance(node, Unary):
            operand = self.value(node.operand)
            return backend.negate(operand) if node.operator == "-" else operand
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Power):
            return self.power(node)
        if isinstance(node, Transpose):
            return self.transposed(node.operand, self.value(node.operand))
        if isinstance(node, Factorial):
            return backend.apply("factorial", [self.value(node.operand)])
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Bars):
            return backend.apply("norm" if node.norm else "abs", [self.value(node.operand)])
        if isinstance(node, Bracket):
            return self.bracket(node)
        if isinstance(node, Relation):
            raise AnswerError(f"{node.operator!r} is not expected in {self.quote(node)}")
        if isinstance(node, EmptySet | TransposeMark):
            raise AnswerError(f"{self.quote(node)} is not expected here")
        raise AnswerError(f"cannot read {self.quote(node)}")

    def name(self, name: str) -> Value:
        return self.product(self.vocabulary.resolve(name))

    def product(self, atoms: tuple[str, ...] | list[str]) -> Value:
        result = self.atom(atoms[0])
        for atom in atoms[1:]:
            result = self.backend.multiply(result, self.atom(atom))
        return result

    def atom(self, atom: str) -> Value:
        if atom in self.vocabulary.declarations:
            self.symbols.add(atom)
            return self.backend.symbol(atom)
        if atom in CONSTANTS:
            return self.backend.constant(atom)
        if self.vocabulary.is_identity(atom):
            return self.backend.identity()
        self.symbols.add(atom)
        return self.backend.symbol(atom)

    def binary(self, node: Binary) -> Value:
        """A chain such as ``a + b - c + …`` or ``a b / c …``, folded left to right.

        The parser builds such a chain as a left-leaning tree as deep as it is
        long (400 terms fit the token limit): walk down it in a loop, not by recursion.
        """
        chain: list[Binary] = []
        leftmost: Node = node
        while isinstance(leftmost, Binary) and _same_level(leftmost.operator, node.operator):
            chain.append(leftmost)
            leftmost = leftmost.left
        result = self.value(leftmost)
        backend = self.backend
        for link in reversed(chain):
            right = self.value(link.right)
            if link.operator == "+":
                result = backend.add(result, right)
            elif link.operator == "-":
                result = backend.add(result, backend.negate(right))
            elif link.operator == "*":
                result = backend.multiply(result, right)
            else:
                result = self.divided(result, link.right, right)
        return result

    def divided(self, dividend: Value, divisor: Node, value: Value) -> Value:
        """``a/bc`` is (a/b)·c: letters run together are juxtaposed factors, and ``/``
        divides by the first factor only, as in ``a/b c``."""
        if not isinstance(divisor, Name):
            return self.backend.divide(dividend, value)
        first, *rest = self.vocabulary.resolve(divisor.name)
        result = self.backend.divide(dividend, self.atom(first))
        for atom in rest:
            result = self.backend.multiply(result, self.atom(atom))
        return result

    def power(self, node: Power) -> Value:
        written = node.base
        if isinstance(written, Call) and self.is_product(written):
            # ``gamma(x+1)^2`` with gamma a declared symbol: the power belongs to the bracket.
            argument = written.arguments[0]
            bracketed = Power(argument.start, node.end, argument, node.exponent)
            return self.backend.multiply(self.name(written.name), self.value(bracketed))
        if isinstance(written, Name):
            *factors, last = self.vocabulary.resolve(written.name)
            if factors:
                # ``xy^2`` is x·y²: letters run together are juxtaposed, and ``^`` binds tighter.
                letter = Name(written.start, written.end, last)
                powered = Power(node.start, node.end, letter, node.exponent)
                return self.backend.multiply(self.product(factors), self.value(powered))
        base = self.value(node.base)
        exponent = ungroup(node.exponent)
        if self.is_transpose_sign(exponent, base):
            return self.transposed(node.base, base)
        if (
            isinstance(exponent, Unary)
            and exponent.operator == "-"
            and self.is_transpose_sign(ungroup(exponent.operand), base)
        ):
            return self.backend.apply("inv", [self.backend.transpose(base)])
        return self.backend.power(base, self.value(exponent))

    def transposed(self, operand: Node, value: Value) -> Value:
        """The transpose, except of a tuple: ``(a, b, c)ᵀ`` is how statements write a column."""
        if _is_tuple(operand):
            return value
        return self.backend.transpose(value)

    def is_transpose_sign(self, exponent: Node, base: Value) -> bool:
        """``^⊤`` always; ``^T`` unless T is a declared scalar and the base a scalar."""
        if isinstance(exponent, TransposeMark):
            return True
        if not isinstance(exponent, Name) or exponent.name != "T":
            return False
        return "T" not in self.vocabulary.declarations or self.backend.is_matrix(base)

    def is_product(self, node: Call) -> bool:
        return self.vocabulary.function(node.name) is None and len(node.arguments) == 1

    def call(self, node: Call) -> Value:
        function = self.vocabulary.function(node.name)
        arguments = [self.value(argument) for argument in node.arguments]
        if function is None:
            if len(arguments) != 1:
                raise AnswerError(
                    f"{node.name!r} at column {node.start + 1} is not a function "
                    f"(known: sqrt, exp, log, sin, tr, det, inv, …)"
                )
            return self.backend.multiply(self.name(node.name), arguments[0])
        base = log_base(node.name) if function == "log" else None
        if base is not None:
            arguments.append(self.backend.number(base) if base.isdigit() else self.name(base))
        fewest, most = FUNCTION_ARITY[function]
        if not fewest <= len(arguments) <= most:
            count = f"{fewest}" if fewest == most else f"{fewest} to {most}"
            noun = "argument" if most == 1 else "arguments"
            raise AnswerError(
                f"{node.name} at column {node.start + 1} takes {count} {noun}, "
                f"got {len(arguments)}"
            )
        return self.backend.apply(function, arguments)

    def bracket(self, node: Bracket) -> Value:
        if node.is_group:
            return self.value(node.items[0])
        if node.kind == "{" or not node.items:
            raise AnswerError(
                f"a list is not expected here: {self.quote(node)} "
                "(write vectors as [a, b, c], matrices as [[a, b], [c, d]])"
            )
        rows = [ungroup(item) for item in node.items]
        if all(isinstance(row, Bracket) and row.kind == "[" for row in rows):
            table = [
                [self.entry(entry) for entry in row.items]
                for row in rows
                if isinstance(row, Bracket)
            ]
            widths = {len(row) for row in table}
            if len(widths) != 1:
                raise AnswerError(f"the rows of {self.quote(node)} have different lengths")
            return self.backend.matrix(table)
        return self.backend.matrix([[self.entry(item)] for item in rows])

    def entry(self, node: Node) -> Value:
        value = self.value(node)
        if self.backend.is_matrix(value):
            raise AnswerError(f"a matrix entry must be a number or expression: {self.quote(node)}")
        return value


def _is_tuple(node: Node) -> bool:
    """``(a, b, c)`` with its brackets, the way a vector is written in a line of text."""
    return isinstance(node, Bracket) and node.kind == "(" and not node.is_group


def _same_level(operator: str, other: str) -> bool:
    """Whether two binary operators bind alike: both additive or both multiplicative."""
    return (operator in "+-") == (other in "+-")
