"""Turning independently computed values into answer text, the way a learner would type it.

The bank tests compute each answer without looking at the key, then hand the text
to the real checker. These helpers do the writing, so every topic writes a float,
a fraction, a set or a matrix the same way. Where topics need different precision
(a denominator bound, a closeness tolerance) it is a parameter, never a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TypedDict, Unpack

import numpy as np
import sympy as sp


def number(value: float) -> str:
    """A float at full precision, as text the checker reads exactly.

    ``repr`` of a Python float round-trips; ``repr`` of a numpy scalar would read
    ``np.float64(…)``, hence the conversion.
    """
    return repr(float(value))


def float_vector_text(values: object) -> str:
    """A numerical vector ``[a, b, c]`` at full precision, for comparison with a tolerance.

    Any array shape is read in order (a column vector gives its entries).
    """
    return "[" + ", ".join(number(v) for v in np.ravel(values)) + "]"


def float_matrix_text(matrix: object) -> str:
    """A numerical matrix ``[[a, b], [c, d]]`` row by row at full precision (1-D: one row)."""
    return "[" + ", ".join(float_vector_text(row) for row in np.atleast_2d(matrix)) + "]"


def simple_fraction(
    value: float, max_denominator: int = 1000, tolerance: float = 1e-7, *, relative: bool = True
) -> Fraction:
    """The simple fraction a numerical result stands for, after checking it really is that close.

    A numerical method only approximates an exact key, so the result is snapped to the
    nearest fraction with denominator at most ``max_denominator`` and the snap must be
    smaller than ``tolerance`` (times ``max(1, |value|)`` when ``relative``), else the
    test fails instead of silently writing a wrong fraction.
    """
    value = float(value)
    fraction = Fraction(value).limit_denominator(max_denominator)
    bound = tolerance * max(1.0, abs(value)) if relative else tolerance
    assert abs(float(fraction) - value) < bound, (value, fraction)
    return fraction


class Closeness(TypedDict, total=False):
    """How ``simple_fraction`` snaps a float: keyword arguments the ``exact_*`` helpers pass on."""

    max_denominator: int
    tolerance: float
    relative: bool


def exact_text(value: float, **closeness: Unpack[Closeness]) -> str:
    """``simple_fraction`` as answer text, e.g. ``3/8``."""
    return str(simple_fraction(value, **closeness))


def exact_entries(values: Iterable[float], **closeness: Unpack[Closeness]) -> str:
    """Numerical results as simple fractions separated by commas, ``1/2, -3, 2/7``."""
    return ", ".join(exact_text(v, **closeness) for v in values)


def exact_vector_text(values: Iterable[float], **closeness: Unpack[Closeness]) -> str:
    """A vector of numerical results written as simple fractions, ``[1/2, -3, 2/7]``."""
    return "[" + exact_entries(values, **closeness) + "]"


def exact_tuple_text(values: Iterable[float], **closeness: Unpack[Closeness]) -> str:
    """A tuple answer of numerical results written as simple fractions, ``(1/2, 3)``."""
    return "(" + exact_entries(values, **closeness) + ")"


def exact_matrix_text(rows: object, **closeness: Unpack[Closeness]) -> str:
    """A matrix of numerical results as simple fractions, row by row (1-D: one row)."""
    return "[" + ", ".join(exact_vector_text(row, **closeness) for row in np.atleast_2d(rows)) + "]"


def sympy_vector_text(values: object) -> str:
    """A vector of exact sympy numbers ``[1/2, sqrt(2)]``; a matrix is read entry by entry.

    ``nsimplify`` turns numbers that sympy holds as floats back into exact ones. It is
    not for :class:`fractions.Fraction` entries with large denominators (it may return
    a product of radicals): write those with ``str`` directly.
    """
    return "[" + ", ".join(str(sp.nsimplify(v)) for v in sp.Matrix(values)) + "]"


def sympy_matrix_text(matrix: object) -> str:
    """A matrix of exact sympy numbers typed the way a learner would: ``[[1/2, -1], ...]``."""
    rows = sp.Matrix(matrix).tolist()
    return "[" + ", ".join(sympy_vector_text(row) for row in rows) + "]"


def set_text(names: Iterable[str]) -> str:
    """A set of names ``{A, B, C}``, sorted so the text does not depend on set order."""
    return "{" + ", ".join(sorted(names)) + "}"


def edge_set_text(edges: Iterable[Iterable[str]]) -> str:
    """A set of undirected edges ``{A-B, B-C}``: each edge's ends sorted, then the edges."""
    return set_text("-".join(sorted(edge)) for edge in edges)


def yes_no(flag: bool) -> str:
    """A yes/no answer from a computed truth value."""
    return "yes" if flag else "no"
