"""Template expressions (``{= 1 - 6*eta}``) and ``where:`` conditions, computed exactly.

The text is read by the answer checker's own parser, so a template is written
in the notation learners type, and nothing is ever evaluated as code. Only
arithmetic the exact values support is allowed (``+ - * /``, whole powers,
``det``, ``tr``, ``inv``, transposes, ``abs``, ``sqrt`` of a perfect square,
``min``, ``max``, ``binomial``, ``factorial``, ``entry(A, i, j)``); anything
else is refused with a message saying what.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Mapping
from fractions import Fraction

from penpaper.checking.names import function_called
from penpaper.checking.parsing import parse
from penpaper.checking.syntax import (
    Bars,
    Binary,
    Bracket,
    Call,
    Factorial,
    Name,
    Node,
    Number,
    Power,
    Transpose,
    TransposeMark,
    Unary,
    ungroup,
)
from penpaper.checking.verdict import AnswerError
from penpaper.instances import values as exact
from penpaper.instances.values import Matrix, TemplateError, Value, scalar, whole

MAX_FACTORIAL = 100
_COMPARISON = re.compile(r"<=|>=|!=|==|≠|≤|≥|<|>|=")
_COMPARISONS: dict[str, Callable[[Fraction, Fraction], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "≤": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "≥": lambda a, b: a >= b,
}


def evaluate(text: str, values: Mapping[str, Value]) -> Value:
    """The exact value of ``text``, an expression of the parameters in ``values``."""
    return _Evaluator(values, text).value(_parsed(text))


def holds(condition: str, values: Mapping[str, Value]) -> bool:
    """Whether a ``where:`` condition such as ``a != b`` or ``det(A) > 0`` is true."""
    found = _COMPARISON.findall(condition)
    if len(found) != 1:
        raise TemplateError(
            f"{condition!r} must compare two expressions with one of = != < <= > >="
        )
    operator = found[0]
    left_text, _, right_text = condition.partition(operator)
    left, right = evaluate(left_text, values), evaluate(right_text, values)
    if operator in ("=", "=="):
        return left == right
    if operator in ("!=", "≠"):
        return left != right
    return _COMPARISONS[operator](scalar(left, operator), scalar(right, operator))


def names_in(text: str) -> set[str]:
    """Every name ``text`` mentions (a parameter's, or a typo)."""
    found: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Name):
            found.add(node.name)
        for field in dataclasses.fields(node):
            child = getattr(node, field.name)
            for item in child if isinstance(child, tuple) else (child,):
                if isinstance(item, Node):
                    walk(item)

    walk(_parsed(text))
    return found


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> Node:
    """One expression's tree; cached, as every instance reads the same templates."""
    try:
        nodes = parse(text)
    except AnswerError as error:
        raise TemplateError(f"cannot read {text.strip()!r}: {error}") from None
    if len(nodes) != 1:
        raise TemplateError(f"{text.strip()!r} must be one expression (no top-level commas)")
    return nodes[0]


class _Evaluator:
    def __init__(self, values: Mapping[str, Value], text: str) -> None:
        self.values = values
        self.text = text

    def refuse(self, node: Node, why: str) -> TemplateError:
        """A refusal quoting the expression and its part at fault (offsets are the parser's)."""
        return TemplateError(
            f"{why} in {self.text.strip()!r}: {self.text[node.start : node.end].strip()!r}"
        )

    def value(self, node: Node) -> Value:
        node = ungroup(node)
        if isinstance(node, Number):
            return Fraction(node.text)
        if isinstance(node, Name):
            if node.name not in self.values:
                known = ", ".join(self.values) or "none"
                raise self.refuse(node, f"unknown name (the parameters are {known})")
            return self.values[node.name]
        if isinstance(node, Unary):
            operand = self.value(node.operand)
            return operand if node.operator == "+" else exact.multiply(Fraction(-1), operand)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Power):
            return self.power(node)
        if isinstance(node, Transpose):
            return exact.transpose(self.value(node.operand))
        if isinstance(node, Factorial):
            return self.factorial(node.operand)
        if isinstance(node, Bars) and not node.norm:
            return abs(scalar(self.value(node.operand), "|…|"))
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Bracket) and node.kind == "[":
            return self.matrix(node)
        raise self.refuse(node, "not allowed in a template")

    def binary(self, node: Binary) -> Value:
        left, right = self.value(node.left), self.value(node.right)
        if node.operator == "+":
            return exact.add(left, right)
        if node.operator == "-":
            return exact.add(left, right, sign=-1)
        if node.operator == "*":
            return exact.multiply(left, right)
        return exact.divide(left, right)

    def power(self, node: Power) -> Value:
        exponent = ungroup(node.exponent)
        if isinstance(exponent, TransposeMark) or (
            isinstance(exponent, Name) and exponent.name == "T"
        ):
            return exact.transpose(self.value(node.base))
        return exact.power(self.value(node.base), whole(self.value(exponent), "an exponent"))

    def factorial(self, operand: Node) -> Value:
        number = whole(self.value(operand), "factorial")
        if not 0 <= number <= MAX_FACTORIAL:
            raise self.refuse(operand, f"factorial needs a whole number from 0 to {MAX_FACTORIAL}")
        return Fraction(math.factorial(number))

    def call(self, node: Call) -> Value:
        name = function_called(node.name) or node.name
        arguments = [self.value(argument) for argument in node.arguments]
        one = {
            "det": exact.determinant,
            "tr": exact.trace,
            "inv": exact.inverse,
            "transpose": exact.transpose,
            "abs": lambda value: abs(scalar(value, "abs")),
            "sqrt": _square_root,
        }
        if name in one and len(arguments) == 1:
            return one[name](arguments[0])
        if name == "factorial" and len(arguments) == 1:
            return self.factorial(node.arguments[0])
        if name in ("min", "max") and arguments:
            numbers = [scalar(argument, name) for argument in arguments]
            return min(numbers) if name == "min" else max(numbers)
        if name == "binomial" and len(arguments) == 2:
            n, k = (whole(argument, "binomial") for argument in arguments)
            if not 0 <= n <= MAX_FACTORIAL:
                raise self.refuse(node, f"binomial needs n from 0 to {MAX_FACTORIAL}")
            return Fraction(math.comb(n, k) if k >= 0 else 0)
        if name == "entry" and len(arguments) in (2, 3):
            return self.entry(node, arguments)
        raise self.refuse(node, "not a function a template can compute")

    def entry(self, node: Call, arguments: list[Value]) -> Value:
        """``entry(A, i, j)``, or ``entry(v, i)`` of a vector, counted from 1."""
        matrix, *indexes = arguments
        if not isinstance(matrix, Matrix):
            raise self.refuse(node, "entry needs a matrix first")
        positions = [whole(index, "entry") for index in indexes]
        if len(positions) == 1:
            column = matrix.transposed() if matrix.shape[0] == 1 else matrix
            positions.append(1)
        else:
            column = matrix
        row, col = positions
        rows, columns = column.shape
        if not (1 <= row <= rows and 1 <= col <= columns):
            raise self.refuse(node, f"no entry ({row}, {col}) in a {rows}×{columns} matrix")
        return column.rows[row - 1][col - 1]

    def matrix(self, node: Bracket) -> Value:
        """``[[1, a], [b, 2]]``, or ``[1, a]`` as a column."""
        items = [ungroup(item) for item in node.items]
        nested = [item for item in items if isinstance(item, Bracket) and item.kind == "["]
        if items and len(nested) == len(items):
            rows = [[self.entry_value(entry) for entry in row.items] for row in nested]
        else:
            rows = [[self.entry_value(item)] for item in items]
        if not rows or len({len(row) for row in rows}) != 1 or not rows[0]:
            raise self.refuse(node, "rows of a matrix must have the same length")
        return Matrix(tuple(tuple(row) for row in rows))

    def entry_value(self, node: Node) -> Fraction:
        return scalar(self.value(node), "a matrix entry")


def _square_root(value: Value) -> Fraction:
    number = scalar(value, "sqrt")
    if number < 0:
        raise TemplateError(f"sqrt of a negative number ({exact.plain(number)})")
    roots = [math.isqrt(part) for part in (number.numerator, number.denominator)]
    root = Fraction(roots[0], roots[1])
    if root * root != number:
        raise TemplateError(f"sqrt({exact.plain(number)}) is not a rational number")
    return root
