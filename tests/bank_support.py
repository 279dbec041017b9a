"""Helpers for the bank's key-verification tests.

Every computable answer key is confirmed by an independent computation (finite
differences, Monte Carlo, enumeration, direct linear algebra). These helpers
read the key from the bundled bank and judge a value against it with the real
checker, so a test states only the independent computation.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from penpaper.bank.loading import Bank, bundled_bank_path, load_bank
from penpaper.bank.model import Exercise, Part
from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.exercise_keys import check_against_key


@functools.cache
def bundled_bank() -> Bank:
    return load_bank([bundled_bank_path()])


def bundled_exercise(exercise_id: str) -> Exercise:
    return bundled_bank().exercises[exercise_id]


def bundled_part(exercise_id: str, part: int) -> Part:
    """Part ``part`` (numbered from 1) of a bundled exercise."""
    return bundled_exercise(exercise_id).parts[part - 1]


def assert_judged_correct(
    exercise_id: str, part: int, given: str, tolerance: float | None = None
) -> None:
    """The checker accepts ``given`` (an independently computed answer) for this part's key.

    Pass ``tolerance`` when ``given`` is a floating-point estimate of an exact
    number key (it then compares with that relative tolerance).
    """
    exercise = bundled_exercise(exercise_id)
    key = exercise.parts[part - 1].answer
    assert key.expect is not None, f"{exercise_id} part {part} has no key"
    verdict = check_against_key(exercise, key, given, with_mistakes=False, tolerance=tolerance)
    assert verdict.status == "correct", (
        f"{exercise_id} part {part}: key {key.expect!r} vs independent {given!r}: "
        f"{verdict.status} ({verdict.message})"
    )


Value = complex | float | np.ndarray


def key_value(exercise_id: str, part: int, **values: object) -> Value | tuple[Value, ...]:
    """The part's key evaluated at ``values`` (floats for scalars, arrays for matrix symbols).

    Uses the checker's own reader and high-precision evaluator, so a test can
    compare the key with an independent numeric computation at any point.
    A real result comes back as a float, a matrix as a float (or complex) array,
    a tuple key as a tuple of those.
    """
    exercise = bundled_exercise(exercise_id)
    key = exercise.parts[part - 1].answer
    assert key.expect is not None, f"{exercise_id} part {part} has no key"
    return evaluate(key.expect, exercise.symbols, **values)


def key_array(exercise_id: str, part: int, **values: object) -> np.ndarray:
    """:func:`key_value` as a float array (a 0-d array for a scalar key)."""
    return np.asarray(key_value(exercise_id, part, **values), dtype=float)


@dataclass(frozen=True)
class BankTopic:
    """One topic of the bundled bank, as its verification tests address it: by slug."""

    name: str

    @property
    def folder(self) -> Path:
        return bundled_bank_path() / self.name

    def id(self, slug: str) -> str:
        return f"{self.name}/{slug}"

    def judged(self, slug: str, part: int, given: str, tolerance: float | None = None) -> None:
        """The checker accepts ``given``, computed independently, for this part's key."""
        assert_judged_correct(self.id(slug), part, given, tolerance=tolerance)

    def key_at(self, slug: str, part: int, **values: object) -> np.ndarray:
        """The key evaluated at ``values``, as a float array."""
        return key_array(self.id(slug), part, **values)

    def scalar_key(self, slug: str, part: int, **values: object) -> float:
        """A scalar key evaluated at ``values`` (its real part)."""
        value = key_value(self.id(slug), part, **values)
        assert not isinstance(value, tuple | np.ndarray), value
        return float(np.real(value))

    def tuple_key(self, slug: str, part: int, **values: object) -> tuple[float, ...]:
        """A tuple key's entries evaluated at ``values``."""
        entries = key_value(self.id(slug), part, **values)
        assert isinstance(entries, tuple), entries
        return tuple(float(np.real(entry)) for entry in entries)


def evaluate(
    text: str, declarations: Mapping[str, SymbolDeclaration], **values: object
) -> Value | tuple[Value, ...]:
    """``text`` (answer syntax, read by the checker's parser: nothing is eval'd) at ``values``."""
    from penpaper.checking.interpreting import Interpreter
    from penpaper.checking.names import Vocabulary, names_in
    from penpaper.checking.numeric import NumericBackend
    from penpaper.checking.parsing import parse
    from penpaper.checking.sampling import Draw, Sampler
    from penpaper.checking.syntax import Bracket

    scalars: dict[str, Fraction] = {}
    matrices: dict[str, list[list[Fraction]]] = {}
    sizes: dict[str, int] = {}
    for name, value in values.items():
        declaration = declarations.get(name)
        if declaration is not None and declaration.shape is not None:
            array = np.asarray(value, dtype=float)
            array = array.reshape(-1, 1) if array.ndim == 1 else array
            for dimension, size in zip(declaration.shape, array.shape, strict=True):
                if isinstance(dimension, str):
                    sizes[dimension] = size
            matrices[name] = [[Fraction(float(entry)) for entry in row] for row in array]
        else:
            scalars[name] = Fraction(float(value))  # type: ignore[arg-type]
    draw = Draw(Sampler(declarations, seed="evaluate"), 0, sizes, scalars, matrices)
    nodes = parse(text)
    if len(nodes) == 1 and isinstance(nodes[0], Bracket) and nodes[0].kind == "(":
        nodes = nodes[0].items  # a tuple key such as (M, R - M^2)
    plain = Vocabulary(declarations, identity_is_matrix=True)
    vocabulary = Vocabulary(declarations, names_in(nodes, plain), True)
    interpreter = Interpreter(NumericBackend(draw), vocabulary, text)
    results = tuple(_plain_number(interpreter.value(node)) for node in nodes)
    return results[0] if len(results) == 1 else results


def _plain_number(result: object) -> Value:
    import mpmath

    if isinstance(result, mpmath.matrix):
        array = np.array(result.tolist(), dtype=complex)
        return array.real if not np.any(array.imag) else array
    number = complex(result)  # type: ignore[arg-type]
    return number.real if number.imag == 0 else number
