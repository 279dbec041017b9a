"""Exact values of parameters and template expressions: rationals and small matrices.

Everything a template computes is exact (``fractions.Fraction``), so a key such
as ``{= 1 - 6*eta}`` is the number the author means, never a float near it,
and no maths library is needed to show an instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from penpaper.bank.symbols import FieldPath

MAX_EXPONENT = 64
"""Largest whole power a template may take: far above what an exercise needs."""


class TemplateError(ValueError):
    """A template that cannot give a value: ``field`` says where, once known."""

    def __init__(self, message: str, field: FieldPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def at(self, field: FieldPath) -> TemplateError:
        """The same problem, located in ``field`` of the exercise."""
        return TemplateError(self.message, field)


@dataclass(frozen=True)
class Matrix:
    """A matrix of exact rationals; a column vector is n×1."""

    rows: tuple[tuple[Fraction, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    def transposed(self) -> Matrix:
        return Matrix(tuple(zip(*self.rows, strict=True)))


Value = Fraction | Matrix


def scalar(value: Value, what: str) -> Fraction:
    if isinstance(value, Matrix):
        raise TemplateError(f"{what} needs a number, got a {_size(value)} matrix")
    return value


def whole(value: Value, what: str) -> int:
    number = scalar(value, what)
    if number.denominator != 1:
        raise TemplateError(f"{what} needs a whole number, got {plain(number)}")
    return number.numerator


def _size(matrix: Matrix) -> str:
    rows, columns = matrix.shape
    return f"{rows}×{columns}"


def add(left: Value, right: Value, sign: int = 1) -> Value:
    if isinstance(left, Fraction) and isinstance(right, Fraction):
        return left + sign * right
    if isinstance(left, Matrix) and isinstance(right, Matrix) and left.shape == right.shape:
        return Matrix(
            tuple(
                tuple(a + sign * b for a, b in zip(row, other, strict=True))
                for row, other in zip(left.rows, right.rows, strict=True)
            )
        )
    raise TemplateError(f"cannot add {_kind(left)} and {_kind(right)}")


def multiply(left: Value, right: Value) -> Value:
    if isinstance(left, Fraction) and isinstance(right, Fraction):
        return left * right
    if isinstance(left, Fraction) and isinstance(right, Matrix):
        return Matrix(tuple(tuple(left * entry for entry in row) for row in right.rows))
    if isinstance(left, Matrix) and isinstance(right, Fraction):
        return multiply(right, left)
    assert isinstance(left, Matrix) and isinstance(right, Matrix)
    if left.shape[1] != right.shape[0]:
        raise TemplateError(f"cannot multiply a {_size(left)} by a {_size(right)} matrix")
    columns = right.transposed().rows
    return Matrix(
        tuple(
            tuple(
                sum((a * b for a, b in zip(row, column, strict=True)), Fraction(0))
                for column in columns
            )
            for row in left.rows
        )
    )


def divide(left: Value, right: Value) -> Value:
    divisor = scalar(right, "division")
    if divisor == 0:
        raise TemplateError("division by zero")
    return multiply(left, 1 / divisor)


def power(base: Value, exponent: int) -> Value:
    if abs(exponent) > MAX_EXPONENT:
        raise TemplateError(f"exponent {exponent} is too large (at most {MAX_EXPONENT})")
    if isinstance(base, Fraction):
        if base == 0 and exponent < 0:
            raise TemplateError("division by zero (0 to a negative power)")
        return base**exponent
    _square(base, "a matrix power")
    result: Value = identity(base.shape[0])
    for _ in range(abs(exponent)):
        result = multiply(result, base)
    return inverse(result) if exponent < 0 else result


def identity(size: int) -> Matrix:
    return Matrix(tuple(tuple(Fraction(int(i == j)) for j in range(size)) for i in range(size)))


def _square(matrix: Matrix, what: str) -> None:
    rows, columns = matrix.shape
    if rows != columns:
        raise TemplateError(f"{what} needs a square matrix, got {_size(matrix)}")


def determinant(value: Value) -> Fraction:
    matrix = _as_matrix(value, "det")
    _square(matrix, "det")
    rows = [list(row) for row in matrix.rows]
    result = Fraction(1)
    for column in range(len(rows)):
        pivot = next((r for r in range(column, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != column:
            rows[column], rows[pivot] = rows[pivot], rows[column]
            result = -result
        result *= rows[column][column]
        for r in range(column + 1, len(rows)):
            factor = rows[r][column] / rows[column][column]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return result


def trace(value: Value) -> Fraction:
    matrix = _as_matrix(value, "tr")
    _square(matrix, "tr")
    return sum((matrix.rows[i][i] for i in range(matrix.shape[0])), Fraction(0))


def inverse(value: Value) -> Value:
    if isinstance(value, Fraction):
        return divide(Fraction(1), value)
    _square(value, "inv")
    size = value.shape[0]
    rows = [[*row, *identity(size).rows[i]] for i, row in enumerate(value.rows)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if rows[r][column] != 0), None)
        if pivot is None:
            raise TemplateError("the matrix is singular: it has no inverse")
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [entry / lead for entry in rows[column]]
        for r in range(size):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return Matrix(tuple(tuple(row[size:]) for row in rows))


def transpose(value: Value) -> Value:
    return value.transposed() if isinstance(value, Matrix) else value


def _as_matrix(value: Value, what: str) -> Matrix:
    if isinstance(value, Fraction):
        raise TemplateError(f"{what} needs a matrix, got the number {plain(value)}")
    return value


def _kind(value: Value) -> str:
    return "a number" if isinstance(value, Fraction) else f"a {_size(value)} matrix"


@dataclass(frozen=True)
class Notation:
    """How numbers are written: as fractions (``2/5``), exact decimals (``0.4``), or
    rounded to ``places`` decimals (``0.1066``); ``minus`` is ``−`` in prose, ``-`` in answers."""

    decimal: bool = False
    places: int | None = None
    minus: str = "-"


def written(value: Value, notation: Notation = Notation()) -> str:
    """The bank's plain notation: ``3``, ``-2/5``, ``[[1, 2], [3, 4]]``, a column ``[1, 2]``.

    An exact decimal that does not exist (1/3) is an error, never rounded: rounding
    is asked for by ``places``.
    """
    if isinstance(value, Matrix):
        rows = [[written(entry, notation) for entry in row] for row in value.rows]
        if value.shape[1] == 1:
            return "[" + ", ".join(row[0] for row in rows) + "]"
        return "[" + ", ".join("[" + ", ".join(row) + "]" for row in rows) + "]"
    if notation.places is not None:
        text = _decimal(round(value, notation.places), notation.places)
    else:
        text = _decimal(value) if notation.decimal else str(value)
    return text.replace("-", notation.minus)


def plain(value: Value) -> str:
    """:func:`written` as in an answer: for messages about values."""
    return written(value)


def _decimal(value: Fraction, places: int = 0) -> str:
    """``value`` as a decimal with at least ``places`` places, if it has an exact one."""
    twos = fives = 0
    rest = value.denominator
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        raise TemplateError(f"{value} has no exact decimal: write it as a fraction")
    places = max(twos, fives, places)
    digits = str(abs(value.numerator) * 10**places // value.denominator).rjust(places + 1, "0")
    text = digits[: len(digits) - places] + ("." + digits[-places:] if places else "")
    return ("-" if value < 0 and text.strip("0.") else "") + text
