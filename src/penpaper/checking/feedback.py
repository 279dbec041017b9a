"""Short, cheap explanations of a wrong answer, phrased for the learner.

Nothing here reveals the expected answer: only how the learner's answer
relates to it (a factor, a sign, a shape, a name it should not use).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import mpmath  # type: ignore[import-untyped]

NOT_EQUIVALENT = "not equivalent to the expected answer"
NOT_EXACT = "close, but not exact: use exact values (fractions, sqrt, …), not rounded decimals"


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


def shape_message(given: str, expected: str) -> str:
    """``expected a 2×1 vector, got 1×2 — a transpose?``"""
    message = f"expected {_article(expected)}, got {_article(given, bare=True)}"
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
    rows, _, cols = shape.partition("×")
    noun = "vector" if "1" in (rows, cols) else "matrix"
    return shape if bare else f"a {shape} {noun}"
