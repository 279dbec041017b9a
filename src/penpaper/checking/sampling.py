"""Random test points inside the declared domains, reproducible from a seed.

Equivalence is judged by evaluating both answers at several *draws*: exact
rational values for every scalar name (respecting ``positive``, ``integer``,
``domain: (0, 1)`` …) and random matrices of the declared shapes (respecting
``symmetric``, ``positive-definite``, ``diagonal``, ``orthogonal``). Named
dimensions such as ``n`` get distinct concrete sizes in each draw, so a
missing transpose between an n×m and an m×n matrix cannot hide.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from penpaper.bank.symbols import Dimension, SymbolDeclaration
from penpaper.checking.verdict import BankError

Entries = list[list[Fraction]]
_DENOMINATORS = (7, 11, 13, 17, 19, 23)


@dataclass
class Sampler:
    """Shares, across draws, the order in which names were first asked for.

    The first three names get sign patterns that cover every combination over
    eight draws, so ``log(a*b)`` vs ``log(a) + log(b)`` meets a, b < 0.
    """

    declarations: Mapping[str, SymbolDeclaration]
    seed: str
    order: dict[str, int] = field(default_factory=dict)

    def draws(self, count: int) -> list[Draw]:
        named = sorted(
            {
                d
                for s in self.declarations.values()
                if s.shape
                for d in s.shape
                if isinstance(d, str)
            }
        )
        fixed = {
            d for s in self.declarations.values() if s.shape for d in s.shape if isinstance(d, int)
        }
        pool = [size for size in range(2, 2 + len(named) + len(fixed) + 3) if size not in fixed]
        draws = []
        for index in range(count):
            rng = random.Random(f"{self.seed}/sizes/{index}")
            chosen = rng.sample(pool[: max(3, len(named))], len(named))
            # Alternate the order so that both n < m and n > m are met.
            sizes = dict(zip(named, sorted(chosen, reverse=index % 2 == 1), strict=True))
            draws.append(Draw(self, index, sizes))
        return draws

    def sign_bit(self, name: str, index: int, rng: random.Random) -> bool:
        position = self.order.setdefault(name, len(self.order))
        if position < 3:
            flipped = random.Random(f"{self.seed}/{name}").random() < 0.5
            return bool((index >> position) & 1) != flipped
        return rng.random() < 0.5


@dataclass
class Draw:
    """One assignment of values to names; values are made on first use."""

    sampler: Sampler
    index: int
    sizes: dict[str, int]
    _scalars: dict[str, Fraction] = field(default_factory=dict)
    _matrices: dict[str, Entries] = field(default_factory=dict)
    converted: dict[tuple[str, int], object] = field(default_factory=dict)
    """The values above as a backend's numbers, by name and precision: made once per draw."""

    def size(self, dimension: Dimension) -> int:
        return dimension if isinstance(dimension, int) else self.sizes[dimension]

    def dimension_name(self, size: int) -> str:
        """How a concrete size is shown in a message: the declared name it stands for."""
        names = [name for name, value in self.sizes.items() if value == size]
        return names[0] if names else str(size)

    def _rng(self, name: str) -> random.Random:
        return random.Random(f"{self.sampler.seed}/{self.index}/{name}")

    def scalar(self, name: str) -> Fraction:
        if name not in self._scalars:
            declaration = self.sampler.declarations.get(name, SymbolDeclaration(name))
            rng = self._rng(name)
            negative = self.sampler.sign_bit(name, self.index, rng)
            self._scalars[name] = _scalar(declaration, rng, negative)
        return self._scalars[name]

    def matrix(self, name: str) -> Entries:
        if name not in self._matrices:
            declaration = self.sampler.declarations[name]
            assert declaration.shape is not None
            rows, cols = (self.size(d) for d in declaration.shape)
            self._matrices[name] = _matrix(rows, cols, declaration.properties, self._rng(name))
        return self._matrices[name]


def _bounds(declaration: SymbolDeclaration) -> tuple[Fraction | None, Fraction | None]:
    low: Fraction | None = None
    high: Fraction | None = None
    assumptions = declaration.assumptions
    if assumptions & {"positive", "nonnegative"}:
        low = Fraction(0)
    if assumptions & {"negative", "nonpositive"}:
        high = Fraction(0)
    if declaration.domain is not None:
        if declaration.domain.low is not None and (low is None or declaration.domain.low > low):
            low = declaration.domain.low
        if declaration.domain.high is not None and (high is None or declaration.domain.high < high):
            high = declaration.domain.high
    if low is not None and high is not None and low >= high:
        raise BankError(f"symbol {declaration.name!r}: its assumptions leave no values")
    return low, high


def _scalar(declaration: SymbolDeclaration, rng: random.Random, negative: bool) -> Fraction:
    low, high = _bounds(declaration)
    if "integer" in declaration.assumptions:
        return _integer(declaration, rng, negative)
    denominator = rng.choice(_DENOMINATORS)

    def fraction_between(start: Fraction, stop: Fraction) -> Fraction:
        return Fraction(
            rng.randint(int(start * denominator) + 1, int(stop * denominator) - 1), denominator
        )

    if low is None and high is None:
        magnitude = fraction_between(Fraction(1, 4), Fraction(3))
        return -magnitude if negative else magnitude
    if high is None:
        assert low is not None
        return low + fraction_between(Fraction(1, 10), Fraction(3))
    if low is None:
        return high - fraction_between(Fraction(1, 10), Fraction(3))
    width = high - low
    value = low + width * fraction_between(Fraction(1, 20), Fraction(19, 20))
    if value == 0 and "nonzero" in declaration.assumptions:
        value = low + width / 3
    return value


def _integer(declaration: SymbolDeclaration, rng: random.Random, negative: bool) -> Fraction:
    low, high = _bounds(declaration)
    first = -6 if low is None else math.floor(low)
    last = 6 if high is None else math.ceil(high)
    if low is None and high is not None:
        first = last - 8
    if high is None and low is not None:
        last = first + 8
    choices = [k for k in range(first, last + 1) if admits(declaration, Fraction(k))]
    signed = [k for k in choices if (k < 0) == negative]
    if low is None and high is None and signed:
        choices = signed
    if not choices:
        raise BankError(f"symbol {declaration.name!r}: no integer satisfies its assumptions")
    return Fraction(rng.choice(choices))


def admits(declaration: SymbolDeclaration, value: Fraction) -> bool:
    """Whether ``value`` lies in the declared domain (assumptions and interval)."""
    checks = {
        "positive": value > 0,
        "negative": value < 0,
        "nonnegative": value >= 0,
        "nonpositive": value <= 0,
        "nonzero": value != 0,
        "integer": value.denominator == 1,
    }
    if not all(checks.get(assumption, True) for assumption in declaration.assumptions):
        return False
    domain = declaration.domain
    if domain is None:
        return True
    above = (
        domain.low is None or value > domain.low or (value == domain.low and not domain.low_open)
    )
    below = (
        domain.high is None
        or value < domain.high
        or (value == domain.high and not domain.high_open)
    )
    return above and below


def _matrix(rows: int, cols: int, properties: frozenset[str], rng: random.Random) -> Entries:
    def entry() -> Fraction:
        return Fraction(rng.randint(-12, 12), rng.choice((1, 2, 3, 4, 5)))

    base = [[entry() for _ in range(cols)] for _ in range(rows)]
    if "diagonal" in properties:
        positive = "positive-definite" in properties
        signed = [abs(entry()) + Fraction(1, 3) for _ in range(rows)]
        if "orthogonal" in properties:
            signed = [Fraction(1) for _ in range(rows)]
        if not positive:
            signed = [s if rng.random() < 0.5 else -s for s in signed]
        return [[signed[i] if i == j else Fraction(0) for j in range(cols)] for i in range(rows)]
    if "orthogonal" in properties:
        first, second = (
            _householder([entry() + Fraction(1, 7) for _ in range(rows)]) for _ in range(2)
        )
        return _product(first, second)
    if "positive-definite" in properties:
        gram = _product(base, _transposed(base))
        return [[gram[i][j] + (1 if i == j else 0) for j in range(rows)] for i in range(rows)]
    if "symmetric" in properties:
        return [[(base[i][j] + base[j][i]) / 2 for j in range(cols)] for i in range(rows)]
    return base


def _transposed(matrix: Entries) -> Entries:
    return [list(column) for column in zip(*matrix, strict=True)]


def _product(left: Entries, right: Entries) -> Entries:
    return [
        [
            sum((a * b for a, b in zip(row, column, strict=True)), Fraction(0))
            for column in zip(*right, strict=True)
        ]
        for row in left
    ]


def _householder(vector: list[Fraction]) -> Entries:
    """I − 2vvᵀ/(vᵀv): an exactly orthogonal rational matrix."""
    norm = sum((v * v for v in vector), Fraction(0))
    size = len(vector)
    return [
        [(1 if i == j else 0) - 2 * vector[i] * vector[j] / norm for j in range(size)]
        for i in range(size)
    ]
