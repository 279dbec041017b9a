"""Helpers for the bank's key-verification tests.

Every computable answer key is confirmed by an independent computation (finite
differences, Monte Carlo, enumeration, direct linear algebra). These helpers
read the key from the bundled bank and judge a value against it with the real
checker, so a test states only the independent computation.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from penpaper.bank.loading import Bank, bundled_bank_path, load_bank
from penpaper.bank.model import Exercise, Part
from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.exercise_keys import check_against_key
from penpaper.instances.instantiate import instance_of

PROPERTY_SEEDS = 50
"""Instances of each parameterised exercise the bank's tests judge (``validate`` draws 20)."""


@functools.cache
def bundled_bank() -> Bank:
    """The bundled bank as authored: a parameterised exercise's texts and keys are templates."""
    return load_bank([bundled_bank_path()])


@functools.cache
def bundled_exercise(exercise_id: str, seed: int = 0) -> Exercise:
    """A bundled exercise as a learner sees it: a parameterised one's instance of ``seed``
    (0 by default, the original numbers)."""
    return instance_of(bundled_bank().exercises[exercise_id], seed).exercise


def bundled_instances() -> list[Exercise]:
    """Every bundled exercise as first shown (seed 0), for checks of what learners read."""
    return [bundled_exercise(exercise_id) for exercise_id in bundled_bank().exercises]


def instance_seeds(exercise_id: str, count: int = PROPERTY_SEEDS) -> list[int]:
    """Seed 0 and ``count - 1`` others spread over the seed range, the same on every run
    (so a failure names a seed that reproduces it)."""
    digests = (hashlib.sha256(f"{exercise_id}/{i}".encode()).digest() for i in range(1, count))
    return [0, *(int.from_bytes(digest[:4], "big") for digest in digests)]


def instance_values(exercise_id: str, seed: int) -> dict[str, float | np.ndarray]:
    """The parameter values of an instance, as floats and float arrays for numpy."""
    from penpaper.instances.values import Matrix

    instance = instance_of(bundled_bank().exercises[exercise_id], seed)
    return {
        name: np.array(value.rows, dtype=float) if isinstance(value, Matrix) else float(value)
        for name, value in instance.values
    }


def bundled_part(exercise_id: str, part: int, seed: int = 0) -> Part:
    """Part ``part`` (numbered from 1) of a bundled exercise (its instance of ``seed``)."""
    return bundled_exercise(exercise_id, seed).parts[part - 1]


def assert_judged_correct(
    exercise_id: str, part: int, given: str, tolerance: float | None = None, seed: int = 0
) -> None:
    """The checker accepts ``given`` (an independently computed answer) for this part's key
    (of the instance of ``seed``, for a parameterised exercise).

    Pass ``tolerance`` when ``given`` is a floating-point estimate of an exact
    number key (it then compares with that relative tolerance).
    """
    exercise = bundled_exercise(exercise_id, seed)
    key = exercise.parts[part - 1].answer
    assert key.expect is not None, f"{exercise_id} part {part} has no key"
    verdict = check_against_key(exercise, key, given, with_mistakes=False, tolerance=tolerance)
    assert verdict.status == "correct", (
        f"{exercise_id} seed {seed} part {part}: key {key.expect!r} vs independent {given!r}: "
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

    def judged(
        self, slug: str, part: int, given: str, tolerance: float | None = None, seed: int = 0
    ) -> None:
        """The checker accepts ``given``, computed independently, for this part's key."""
        assert_judged_correct(self.id(slug), part, given, tolerance=tolerance, seed=seed)

    def instances(self, slug: str) -> list[tuple[int, dict[str, float | np.ndarray]]]:
        """Each tested seed of a parameterised exercise with its parameter values."""
        exercise_id = self.id(slug)
        return [(seed, instance_values(exercise_id, seed)) for seed in instance_seeds(exercise_id)]

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
