"""Small numerical methods the bank tests use to compute answers independently of the keys.

Each is a plain textbook method (golden-section search, bisection, central
differences …) kept deliberately simple, so a test's independent computation is
easy to trust. Where topics relied on different variants (stopping rule, tie rule,
spectrum of a random matrix) the variant is a parameter or has its own name, so
every test keeps exactly the computation it had.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np

Array = np.ndarray


def golden_max(
    f: Callable[[float], float],
    low: float,
    high: float,
    tol: float = 1e-12,
    *,
    relative: bool = True,
    tie_keeps: Literal["left", "right"] = "left",
) -> float:
    """The maximiser of a unimodal function on [low, high] by golden-section search.

    Needs no derivative, so it checks keys derived by setting a derivative to zero.
    Stops when the bracket is narrower than ``tol`` (times ``max(1, |a| + |b|)`` when
    ``relative``). When the two probes tie, ``tie_keeps`` says which part of the
    bracket is kept: at a flat maximum the two choices can differ in the last digits.
    """
    ratio = (math.sqrt(5) - 1) / 2
    a, b = low, high
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = f(c), f(d)
    while b - a > (tol * max(1.0, abs(a) + abs(b)) if relative else tol):
        if fc > fd or (fc == fd and tie_keeps == "left"):
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = f(d)
    return (a + b) / 2


def golden_minimum(f: Callable[[float], float], low: float, high: float, steps: int = 200) -> float:
    """The minimiser of a unimodal function on [low, high] by golden-section search.

    A fixed number of steps, both probes evaluated afresh each step; ties keep the
    right part. (Not ``golden_max`` of ``-f``: that stops on a width and reuses probes.)
    """
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(steps):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        low, high = (low, b) if f(a) < f(b) else (a, high)
    return (low + high) / 2


def bisect(predicate: Callable[[float], bool], low: float, high: float, steps: int = 80) -> float:
    """The boundary where ``predicate`` switches from True (at low) to False (at high).

    Finds thresholds (largest stable step size, a quantile) without a closed form;
    the bracket is checked first, so a wrong bracket fails instead of returning an end.
    """
    assert predicate(low) and not predicate(high)
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (middle, high) if predicate(middle) else (low, middle)
    return (low + high) / 2


def invert_increasing(
    function: Callable[[float], float], target: float, low: float, high: float
) -> float:
    """The x in [low, high] with ``function(x) = target``, for an increasing function.

    For quantiles: bisection on ``function(x) < target``.
    """
    return bisect(lambda x: function(x) < target, low, high)


def derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The central-difference derivative of a scalar function of one variable."""
    return (f(x + h) - f(x - h)) / (2 * h)


def second_derivative(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """The central second difference of a scalar function of one variable."""
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def central_difference(
    function: Callable[[Array], object], point: object, h: float = 1e-6
) -> Array:
    """Gradient (or Jacobian, output index first) of ``function`` at ``point`` entry by entry.

    Works for any shapes: the result has shape ``output shape + point shape``, so it
    compares directly with a key for a gradient with respect to a vector or matrix.
    """
    point = np.asarray(point, dtype=float)
    columns = []
    for index in np.ndindex(point.shape):
        step = np.zeros_like(point)
        step[index] = h
        columns.append(
            (np.asarray(function(point + step)) - np.asarray(function(point - step))) / (2 * h)
        )
    stacked = np.stack(columns, axis=-1)
    return stacked.reshape(np.shape(columns[0]) + point.shape)


def hessian(f: Callable[[Array], float], point: Sequence[float] | Array, h: float = 1e-3) -> Array:
    """The Hessian of a scalar function of a vector by mixed central differences."""
    point = np.asarray(point, dtype=float)
    unit = np.eye(len(point)) * h
    return np.array(
        [
            [
                (f(point + a + b) - f(point + a - b) - f(point - a + b) + f(point - a - b))
                / (4 * h**2)
                for b in unit
            ]
            for a in unit
        ]
    )


def random_spd(rng: np.random.Generator, n: int, low: float = 0.5, high: float = 2.5) -> Array:
    """A random symmetric positive-definite matrix with eigenvalues drawn from [low, high).

    A random rotation of a random spectrum: the conditioning is bounded by ``high/low``.
    """
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return q @ np.diag(rng.uniform(low, high, n)) @ q.T


def random_gram_spd(rng: np.random.Generator, n: int) -> Array:
    """A random symmetric positive-definite matrix ``M Mᵀ + n I`` with Gaussian ``M``.

    Cheaper than ``random_spd`` and with a different (unbounded) spectrum.
    """
    m = rng.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


def softmax(z: Array, axis: int | None = -1) -> Array:
    """The softmax along ``axis`` (``None``: over all entries, e.g. of a column vector).

    Shifted by the maximum first, so large logits do not overflow.
    """
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def normal_density(x: Array, mean: float, variance: float) -> Array:
    """The density of N(mean, variance) at ``x``, written out rather than taken from scipy."""
    return np.exp(-((x - mean) ** 2) / (2 * variance)) / np.sqrt(2 * np.pi * variance)
