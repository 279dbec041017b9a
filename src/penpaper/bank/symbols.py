"""What the names in an exercise mean: scalar assumptions, domains, matrix shapes.

An exercise's ``symbols:`` mapping is read here, in plain Python, so that the
bank loader can validate it without importing sympy, and the answer checker can
turn the same declarations into sympy symbols and random test points.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

SCALAR_ASSUMPTIONS = (
    "real",
    "positive",
    "negative",
    "nonnegative",
    "nonpositive",
    "nonzero",
    "integer",
)
MATRIX_PROPERTIES = (
    "symmetric",
    "positive-definite",
    "diagonal",
    "orthogonal",
    "invertible",
)
NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_INTERVAL_PATTERN = re.compile(r"\s*([(\[])\s*([^,\s]+)\s*,\s*([^,\s]+)\s*([)\]])\s*\Z")

if TYPE_CHECKING:
    from fractions import Fraction

# Where a field sits inside a YAML document: keys and list indexes from the top.
FieldPath = tuple[str | int, ...]
Dimension = int | str


class SymbolError(ValueError):
    """A declaration that cannot be used; ``path`` locates the field inside ``symbols``."""

    def __init__(self, path: FieldPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Interval:
    """An open, closed or half-open real interval; ``None`` endpoints are infinite."""

    low: Fraction | None
    high: Fraction | None
    low_open: bool = True
    high_open: bool = True

    def __str__(self) -> str:
        low = "-oo" if self.low is None else str(self.low)
        high = "oo" if self.high is None else str(self.high)
        return f"{'(' if self.low_open else '['}{low}, {high}{')' if self.high_open else ']'}"


@dataclass(frozen=True)
class SymbolDeclaration:
    """One declared name: a scalar with assumptions, or a matrix with a shape."""

    name: str
    assumptions: frozenset[str] = frozenset()
    domain: Interval | None = None
    shape: tuple[Dimension, Dimension] | None = None
    properties: frozenset[str] = frozenset()

    @property
    def is_matrix(self) -> bool:
        return self.shape is not None


def parse_symbols(raw: object) -> dict[str, SymbolDeclaration]:
    """Read a ``symbols:`` mapping; raise :class:`SymbolError` naming the bad field."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise SymbolError((), f"must be a mapping of names to declarations, got {_kind(raw)}")
    declarations: dict[str, SymbolDeclaration] = {}
    for name, spec in raw.items():
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            raise SymbolError(
                (str(name),), f"{name!r} is not a valid name (letters, digits, underscores)"
            )
        declarations[name] = _parse_declaration(name, spec)
    return declarations


def _parse_declaration(name: str, spec: object) -> SymbolDeclaration:
    if spec is None:
        return SymbolDeclaration(name)
    if not isinstance(spec, Mapping):
        raise SymbolError((name,), f"must be a mapping such as {{real: true}}, got {_kind(spec)}")
    known = (*SCALAR_ASSUMPTIONS, *MATRIX_PROPERTIES, "domain", "matrix")
    flags: set[str] = set()
    domain: Interval | None = None
    shape: tuple[Dimension, Dimension] | None = None
    for key, value in spec.items():
        if key not in known:
            raise SymbolError((name, str(key)), f"unknown key; expected one of {', '.join(known)}")
        if key == "domain":
            domain = _parse_interval(name, value)
        elif key == "matrix":
            shape = _parse_shape(name, value)
        elif value is not True and value is not False:
            raise SymbolError((name, key), f"must be true or false, got {_kind(value)}")
        elif value:
            flags.add(key)
    properties = frozenset(flags & set(MATRIX_PROPERTIES))
    assumptions = frozenset(flags & set(SCALAR_ASSUMPTIONS))
    if shape is None and properties:
        raise SymbolError(
            (name, sorted(properties)[0]), "matrix properties need a 'matrix: [rows, cols]' shape"
        )
    if shape is not None and (assumptions or domain is not None):
        key = "domain" if domain is not None else sorted(assumptions)[0]
        raise SymbolError((name, key), "scalar assumptions do not apply to a matrix symbol")
    if shape is not None and properties - {"diagonal"} and shape[0] != shape[1]:
        raise SymbolError((name, "matrix"), f"{', '.join(sorted(properties))} needs a square shape")
    _check_consistent(name, assumptions)
    return SymbolDeclaration(name, assumptions, domain, shape, properties)


def _check_consistent(name: str, assumptions: frozenset[str]) -> None:
    clashes = [("positive", "negative"), ("positive", "nonpositive"), ("negative", "nonnegative")]
    for first, second in clashes:
        if first in assumptions and second in assumptions:
            raise SymbolError((name, second), f"contradicts '{first}'")


def _parse_shape(name: str, value: object) -> tuple[Dimension, Dimension]:
    if not isinstance(value, list) or len(value) != 2:
        raise SymbolError((name, "matrix"), "must be [rows, cols], e.g. [n, 1] or [2, 2]")
    dimensions: list[Dimension] = []
    for dimension in value:
        if isinstance(dimension, bool) or not isinstance(dimension, int | str):
            raise SymbolError((name, "matrix"), f"dimension {dimension!r} is not a size or a name")
        if isinstance(dimension, int) and dimension < 1:
            raise SymbolError((name, "matrix"), f"dimension {dimension} must be at least 1")
        if isinstance(dimension, str) and not NAME_PATTERN.match(dimension):
            raise SymbolError((name, "matrix"), f"dimension {dimension!r} is not a valid name")
        dimensions.append(dimension)
    return dimensions[0], dimensions[1]


def _parse_interval(name: str, value: object) -> Interval:
    text = value if isinstance(value, str) else ""
    match = _INTERVAL_PATTERN.match(text)
    if not match:
        raise SymbolError(
            (name, "domain"), f"must be an interval such as '(0, 1)' or '[0, oo)', got {value!r}"
        )
    opening, low_text, high_text, closing = match.groups()
    low = _parse_endpoint(name, low_text, "-oo")
    high = _parse_endpoint(name, high_text, "oo")
    if low is not None and high is not None and low >= high:
        raise SymbolError((name, "domain"), f"interval {text.strip()!r} is empty")
    return Interval(low, high, opening == "(" or low is None, closing == ")" or high is None)


def _parse_endpoint(name: str, text: str, infinity: str) -> Fraction | None:
    from fractions import Fraction  # only domains need it; most symbols have none

    if text in (infinity, infinity.replace("oo", "inf")):
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise SymbolError((name, "domain"), f"endpoint {text!r} is not a number") from None


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
