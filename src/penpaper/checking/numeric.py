"""Arithmetic on high-precision numbers and matrices (mpmath), with magnitude guards.

Values are mpmath scalars (real or complex), ``mpmath.matrix`` objects, or an
:class:`Identity` whose size is taken from whatever it meets (``A + λI``). A
1×1 result counts as a scalar, so ``xᵀAx`` is a number. Anything undefined at
a point (division by zero, a pole) raises :class:`Undefined`; anything beyond
the magnitude bound raises :class:`TooLarge` before it is computed where
possible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]

from penpaper.checking.interpreting import ShapeError
from penpaper.checking.limits import MAX_FACTORIAL_ARGUMENT, MAX_MAGNITUDE_BITS, power_is_too_large
from penpaper.checking.sampling import Draw

PRECISION_DIGITS = 40
_SINGULAR_CONDITION = mpmath.mpf(10) ** (PRECISION_DIGITS // 2)
_LU_SINGULAR = TypeError
"""What mpmath's LU decomposition raises, instead of ZeroDivisionError, on a singular matrix
whose pivot column is zero below the diagonal (``[[0, 0, 1], [0, 0, 1], [0, 0, 1]]``):
it leaves the pivot unset and compares None with a row number."""


class Undefined(Exception):
    """The value does not exist at this point (pole, division by zero, log of zero)."""


class TooLarge(Undefined):
    """The value exists but is beyond the magnitude bound."""


@dataclass(frozen=True)
class Identity:
    """``scale``·I of a size not known until it meets a matrix."""

    scale: Any


Numeric = Any
"""An mpf, an mpc, an ``mpmath.matrix`` or an :class:`Identity` (mpmath has no types)."""

_SCALAR_FUNCTIONS: dict[str, Callable[..., Numeric]] = {
    "sqrt": mpmath.sqrt,
    "sin": mpmath.sin,
    "cos": mpmath.cos,
    "tan": mpmath.tan,
    "sec": mpmath.sec,
    "csc": mpmath.csc,
    "cot": mpmath.cot,
    "asin": mpmath.asin,
    "acos": mpmath.acos,
    "atan": mpmath.atan,
    "sinh": mpmath.sinh,
    "cosh": mpmath.cosh,
    "tanh": mpmath.tanh,
    "asinh": mpmath.asinh,
    "acosh": mpmath.acosh,
    "atanh": mpmath.atanh,
    "abs": abs,
    "sign": mpmath.sign,
    "erf": mpmath.erf,
    "gamma": mpmath.gamma,
    "loggamma": mpmath.loggamma,
    "digamma": mpmath.digamma,
    "factorial": mpmath.factorial,
    "binomial": mpmath.binomial,
    "root": lambda x, n: mpmath.power(x, 1 / n),
    "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x)),
    "softplus": lambda x: mpmath.log(1 + mpmath.exp(x)),
    "log": lambda x, base=None: mpmath.log(x) if base is None else mpmath.log(x) / mpmath.log(base),
}
_REAL_FUNCTIONS: dict[str, Callable[..., Numeric]] = {
    "floor": mpmath.floor,
    "ceil": mpmath.ceil,
    "max": max,
    "min": min,
}
_EXPONENTIAL_FUNCTIONS = frozenset({"exp", "sinh", "cosh", "sigmoid", "softplus"})
_GAMMA_FUNCTIONS = frozenset({"gamma", "loggamma", "factorial", "binomial"})


class NumericBackend:
    """Evaluates at one :class:`Draw`; shapes in messages use the draw's dimension names."""

    def __init__(self, draw: Draw) -> None:
        self.draw = draw

    def number(self, text: str) -> Numeric:
        exact = Fraction(text)
        return mpmath.mpf(exact.numerator) / exact.denominator

    def symbol(self, name: str) -> Numeric:
        key = (name, mpmath.mp.prec)
        value = self.draw.converted.get(key)
        if value is None:
            value = self.draw.converted[key] = self.converted(name)
        # A matrix is mutable: each use gets its own.
        return value.copy() if isinstance(value, mpmath.matrix) else value

    def converted(self, name: str) -> Numeric:
        declaration = self.draw.sampler.declarations.get(name)
        if declaration is not None and declaration.is_matrix:
            rows = self.draw.matrix(name)
            return self.matrix([[self.number_from(entry) for entry in row] for row in rows])
        if declaration is None and name in self.draw.sizes:
            return mpmath.mpf(self.draw.sizes[name])
        return self.number_from(self.draw.scalar(name))

    @staticmethod
    def number_from(exact: Fraction) -> Numeric:
        return mpmath.mpf(exact.numerator) / exact.denominator

    def constant(self, name: str) -> Numeric:
        return mpmath.e if name == "e" else mpmath.pi

    def identity(self) -> Numeric:
        return Identity(mpmath.mpf(1))

    def is_matrix(self, value: Numeric) -> bool:
        return isinstance(value, mpmath.matrix | Identity)

    def shape(self, value: Numeric) -> str:
        return describe_shape(value, self.draw)

    def matrix(self, rows: list[list[Numeric]]) -> Numeric:
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return mpmath.matrix(rows)

    def add(self, left: Numeric, right: Numeric) -> Numeric:
        if isinstance(left, Identity) and isinstance(right, Identity):
            return Identity(left.scale + right.scale)
        if isinstance(left, Identity) or isinstance(right, Identity):
            identity, other = (left, right) if isinstance(left, Identity) else (right, left)
            if not isinstance(other, mpmath.matrix) or other.rows != other.cols:
                raise ShapeError(f"cannot add the identity to a {self.shape(other)}")
            return _checked(other + identity.scale * mpmath.eye(other.rows))
        if self.is_matrix(left) != self.is_matrix(right) or (
            self.is_matrix(left) and (left.rows, left.cols) != (right.rows, right.cols)
        ):
            raise ShapeError(f"cannot add a {self.shape(left)} and a {self.shape(right)}")
        return _checked(left + right)

    def negate(self, value: Numeric) -> Numeric:
        return Identity(-value.scale) if isinstance(value, Identity) else -value

    def multiply(self, left: Numeric, right: Numeric) -> Numeric:
        if isinstance(left, Identity) and isinstance(right, Identity):
            return Identity(left.scale * right.scale)
        if isinstance(left, Identity) or isinstance(right, Identity):
            identity, other = (left, right) if isinstance(left, Identity) else (right, left)
            if isinstance(other, mpmath.matrix):
                return _checked(identity.scale * other)
            return Identity(_checked(identity.scale * other))
        if isinstance(left, mpmath.matrix) and isinstance(right, mpmath.matrix):
            if left.cols != right.rows:
                raise ShapeError(
                    f"cannot multiply a {self.shape(left)} by a {self.shape(right)} matrix"
                )
            product = left * right
            return _checked(product[0, 0] if product.rows == product.cols == 1 else product)
        return _checked(left * right)

    def divide(self, left: Numeric, right: Numeric) -> Numeric:
        if isinstance(right, mpmath.matrix):
            raise ShapeError("cannot divide by a matrix (write inv(...) instead)")
        if isinstance(right, Identity):
            return self.multiply(left, Identity(self.reciprocal(right.scale)))
        return self.multiply(left, self.reciprocal(right))

    @staticmethod
    def reciprocal(value: Numeric) -> Numeric:
        if value == 0:
            raise Undefined("division by zero")
        return 1 / value

    def power(self, base: Numeric, exponent: Numeric) -> Numeric:
        if self.is_matrix(exponent):
            raise ShapeError("an exponent must be a scalar")
        if isinstance(base, Identity):
            return Identity(self.power(base.scale, exponent))
        if isinstance(base, mpmath.matrix):
            return self.matrix_power(base, exponent)
        if base == 0 and mpmath.re(exponent) <= 0:
            raise Undefined("zero to a non-positive power")
        if base != 0 and power_is_too_large(
            float(mpmath.log(abs(base), 2)), float(mpmath.re(exponent))
        ):
            raise TooLarge("power too large")
        return _checked(mpmath.power(base, exponent))

    def matrix_power(self, base: Numeric, exponent: Numeric) -> Numeric:
        if base.rows != base.cols:
            raise ShapeError(f"cannot raise a {self.shape(base)} matrix to a power")
        if mpmath.im(exponent) != 0 or exponent != int(exponent) or abs(exponent) > 64:
            raise ShapeError("a matrix power must be a whole number between -64 and 64")
        result = mpmath.eye(base.rows)
        factor = self.inverse(base) if exponent < 0 else base
        for _ in range(abs(int(exponent))):
            result = _checked(result * factor)
        return result

    def inverse(self, value: Numeric) -> Numeric:
        if isinstance(value, Identity):
            return Identity(self.reciprocal(value.scale))
        if not isinstance(value, mpmath.matrix):
            return self.reciprocal(value)
        if value.rows != value.cols:
            raise ShapeError(f"cannot invert a {self.shape(value)} matrix")
        try:
            inverse = mpmath.inverse(value)
        except (ZeroDivisionError, _LU_SINGULAR):
            raise Undefined("singular matrix") from None
        # Rounding turns an exactly singular matrix into a nearly singular one.
        if mpmath.mnorm(value, 1) * mpmath.mnorm(inverse, 1) > _SINGULAR_CONDITION:
            raise Undefined("singular matrix")
        return _checked(inverse)

    def transpose(self, value: Numeric) -> Numeric:
        return value.T if isinstance(value, mpmath.matrix) else value

    def apply(self, function: str, arguments: list[Numeric]) -> Numeric:
        if function in ("tr", "det", "inv", "transpose", "norm"):
            return self.apply_matrix_function(function, arguments[0])
        if any(self.is_matrix(argument) for argument in arguments):
            raise ShapeError(f"{function} of a matrix is not supported")
        if function in _EXPONENTIAL_FUNCTIONS and abs(mpmath.re(arguments[0])) > MAX_MAGNITUDE_BITS:
            raise TooLarge(f"{function} too large")
        if function in _GAMMA_FUNCTIONS and any(
            abs(argument) > MAX_FACTORIAL_ARGUMENT for argument in arguments
        ):
            raise TooLarge(f"{function} too large")
        if function == "exp":
            return _checked(mpmath.exp(arguments[0]))
        if function in _REAL_FUNCTIONS:
            if any(mpmath.im(argument) != 0 for argument in arguments):
                raise Undefined(f"{function} of a complex number")
            return _checked(_REAL_FUNCTIONS[function](*(mpmath.re(a) for a in arguments)))
        try:
            return _checked(_SCALAR_FUNCTIONS[function](*arguments))
        except (ValueError, ZeroDivisionError):
            raise Undefined(f"{function} undefined here") from None

    def apply_matrix_function(self, function: str, value: Numeric) -> Numeric:
        if function == "inv":
            return self.inverse(value)
        if function == "transpose":
            return self.transpose(value)
        if isinstance(value, Identity):
            raise ShapeError(f"the size of I is unknown in {function}(...)")
        if not isinstance(value, mpmath.matrix):
            return abs(value) if function == "norm" else value
        if function == "norm":
            return _checked(mpmath.sqrt(sum(abs(entry) ** 2 for entry in value)))
        if value.rows != value.cols:
            raise ShapeError(f"{function} needs a square matrix, not a {self.shape(value)}")
        if function == "tr":
            return _checked(mpmath.fsum(value[i, i] for i in range(value.rows)))
        try:
            return _checked(mpmath.det(value))
        except _LU_SINGULAR:
            return mpmath.mpf(0)


class RealBackend(NumericBackend):
    """Arithmetic over the reals, for equations: a value that leaves them is undefined.

    ``sqrt(x) = sqrt(y)`` has no solution with x = y < 0 over the reals, though
    both sides agree as complex numbers there. ``values`` fixes some names at
    given numbers (a solution to test) instead of the draw's.
    """

    def __init__(self, draw: Draw, values: Mapping[str, Fraction] | None = None) -> None:
        super().__init__(draw)
        self.values = values or {}

    def symbol(self, name: str) -> Numeric:
        if name in self.values:
            return self.number_from(self.values[name])
        return super().symbol(name)

    def power(self, base: Numeric, exponent: Numeric) -> Numeric:
        return _real(super().power(base, exponent))

    def apply(self, function: str, arguments: list[Numeric]) -> Numeric:
        return _real(super().apply(function, arguments))


def _real(value: Numeric) -> Numeric:
    entries = value if isinstance(value, mpmath.matrix) else (value,)
    if any(not isinstance(entry, Identity) and mpmath.im(entry) != 0 for entry in entries):
        raise Undefined("not a real number")
    return value


def describe_shape(value: Numeric, draw: Draw) -> str:
    """``scalar``, ``identity`` or ``n×1``: sizes shown by the dimension names they stand for."""
    if isinstance(value, Identity):
        return "identity"
    if not isinstance(value, mpmath.matrix):
        return "scalar"
    rows, cols = (draw.dimension_name(size) for size in (value.rows, value.cols))
    return f"{rows}×{cols}"


def _checked(value: Numeric) -> Numeric:
    """Refuse non-finite or oversized results, so later steps never meet them."""
    entries = value if isinstance(value, mpmath.matrix) else (value,)
    for entry in entries:
        if not mpmath.isfinite(entry):
            raise Undefined("not finite")
        if entry != 0 and mpmath.mag(entry) > MAX_MAGNITUDE_BITS + 1:  # mag(2^n) is n + 1
            raise TooLarge("too large")
    return value
