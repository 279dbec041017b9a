"""Short, cheap explanations of a wrong answer, phrased for the learner.

Nothing here reveals the expected answer: only how the learner's answer
relates to it (a factor, a sign, a shape, a name it should not use).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]

NOT_EQUIVALENT = "not equivalent to the expected answer"
COMPUTES = "give the value, not an expression that computes it"
_FINEST_PERCENTAGE = 0.01
"""A tolerance of 1 % or more is told as a percentage; a finer one of the form 1 or 5 times
a power of ten is how authors say "n significant figures"."""


def not_exact_message(entries: int) -> str:
    """A rounded decimal where the key is exact: numbers, vectors, matrices and tuples alike."""
    if entries == 1:
        return "close, but the exact value is expected (a fraction or closed form)"
    return "close, but exact values are expected (fractions or closed forms)"


def tolerance_message(tolerance: float) -> str:
    """Why a close number misses a relative ``tolerance``: in significant figures where that
    is what it means (0.005 is 3 figures, 0.0005 and 0.001 are 4), else as a percentage."""
    mantissa = float(f"{tolerance:e}".partition("e")[0])
    if tolerance < _FINEST_PERCENTAGE and mantissa in (1, 5):
        # n figures are within 5·10^-n of the value: the fewest that always pass.
        return figures_message(math.ceil(math.log10(5 / tolerance) - 1e-9))
    return f"close, but not within {tolerance * 100:g}% of the exact value"


def figures_message(figures: int) -> str:
    """A close number that is not right to as many figures as the key states or needs."""
    noun = "figure" if figures == 1 else "figures"
    return f"close, but not correct to {figures} significant {noun}"


def transposed_message(shape: str) -> str:
    """The answer is exactly the transpose of the key."""
    return f"that is the transpose of the expected {_noun(shape)}"


def nice_number(value: Any) -> str:
    """``2``, ``-1/2`` or ``about 1.414``: how a factor or constant is told."""
    if mpmath.im(value) != 0:
        return f"about {mpmath.nstr(value, 4)}"
    real = mpmath.re(value)
    fraction = Fraction(str(mpmath.nstr(real, 30))).limit_denominator(100)
    if abs(real - mpmath.mpf(fraction.numerator) / fraction.denominator) <= 1e-20 * abs(real):
        return str(fraction)
    return f"about {mpmath.nstr(real, 4)}"


def factor_message(factor: Any) -> str:
    if abs(factor + 1) < 1e-20:
        return "the sign is flipped"
    return f"off by a constant factor {nice_number(factor)}"


def offset_message(offset: Any) -> str:
    direction = "much" if offset > 0 else "little"
    return f"off by an additive constant ({nice_number(abs(offset))} too {direction})"


def shape_message(given: str, expected: str, transposed: bool = False) -> str:
    """``expected a 2×1 vector, got 1×2 — a transpose?``; when the answer is exactly the
    key ``transposed``, it is said so."""
    message = f"expected {_article(expected)}, got {_article(given, bare=True)}"
    if transposed:
        return f"{message}: {transposed_message(expected)}"
    if _transposed(given) == expected and given != expected:
        message += " — a transpose?"
    return message


def extra_names_message(names: Iterable[str]) -> str:
    listed = _listing(names)
    return f"your answer depends on {listed}, which the correct one does not"


def positive_only_message(names: Sequence[str]) -> str:
    """The answers agree where ``names`` are positive, but the exercise allows negative ones."""
    listed = _listing(names)
    return f"equal where {listed} {_be(names)} positive, but {listed} may be negative here"


def same_sign_message(names: Sequence[str]) -> str:
    """The answers agree where two names have the same sign, but they need not."""
    first, second = names
    return (
        f"equal where {first}/{second} > 0, but {first} and {second} may have opposite signs here"
    )


def _be(names: Sequence[str]) -> str:
    return "is" if len(names) == 1 else "are"


def missing_names_message(names: Iterable[str]) -> str:
    return f"your answer does not depend on {_listing(names)}, but the correct one does"


def _listing(names: Iterable[str]) -> str:
    ordered = sorted(names)
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]


def _transposed(shape: str) -> str:
    rows, times, cols = shape.partition("×")
    return f"{cols}×{rows}" if times else shape


def _article(shape: str, bare: bool = False) -> str:
    if shape in ("scalar", "identity"):
        return "a scalar" if shape == "scalar" else "a multiple of the identity"
    return shape if bare else f"a {shape} {_noun(shape)}"


def _noun(shape: str) -> str:
    rows, _, cols = shape.partition("×")
    return "vector" if "1" in (rows, cols) else "matrix"
