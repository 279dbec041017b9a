"""Helpers for the bank's key-verification tests.

Every computable answer key is confirmed by an independent computation (finite
differences, Monte Carlo, enumeration, direct linear algebra). These helpers
read the key from the bundled bank and judge a value against it with the real
checker, so a test states only the independent computation.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np

from penpaper import check_answer
from penpaper.bank import Bank, bundled_bank_path, load_bank
from penpaper.model import Exercise, Part


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
    verdict = check_answer(
        given=given,
        expected=key.expect,
        type=key.type,
        symbols=exercise.raw_symbols,
        tolerance=tolerance if tolerance is not None else key.tolerance,
        options=[label for label, _ in key.options],
    )
    assert verdict.status == "correct", (
        f"{exercise_id} part {part}: key {key.expect!r} vs independent {given!r}: "
        f"{verdict.status} ({verdict.message})"
    )


def key_value(exercise_id: str, part: int, **values: object) -> complex | float | np.ndarray:
    """The part's key evaluated at ``values`` (floats for scalars, arrays for matrix symbols).

    Uses the checker's own reader and high-precision evaluator, so a test can
    compare the key with an independent numeric computation at any point.
    A real result comes back as a float, a matrix as a float (or complex) array.
    """
    import mpmath

    from penpaper.checking.interpreting import Interpreter
    from penpaper.checking.names import Vocabulary, names_in
    from penpaper.checking.numeric import NumericBackend
    from penpaper.checking.parsing import parse
    from penpaper.checking.sampling import Draw, Sampler

    exercise = bundled_exercise(exercise_id)
    key = exercise.parts[part - 1].answer
    assert key.expect is not None, f"{exercise_id} part {part} has no key"
    declarations = exercise.symbols
    scalars: dict[str, Fraction] = {}
    matrices: dict[str, list[list[Fraction]]] = {}
    sizes: dict[str, int] = {}
    for name, value in values.items():
        declaration = declarations.get(name)
        if declaration is not None and declaration.shape is not None:
            array = (
                np.asarray(value, dtype=float).reshape(-1, 1)
                if np.ndim(value) == 1
                else (np.asarray(value, dtype=float))
            )
            for dimension, size in zip(declaration.shape, array.shape, strict=True):
                if isinstance(dimension, str):
                    sizes[dimension] = size
            matrices[name] = [[Fraction(float(entry)) for entry in row] for row in array]
        else:
            scalars[name] = Fraction(float(value))  # type: ignore[arg-type]
    draw = Draw(Sampler(declarations, seed="key_value"), 0, sizes, scalars, matrices)
    [node] = parse(key.expect)
    plain = Vocabulary(declarations, identity_is_matrix=True)
    vocabulary = Vocabulary(declarations, names_in((node,), plain), True)
    result = Interpreter(NumericBackend(draw), vocabulary, key.expect).value(node)
    if isinstance(result, mpmath.matrix):
        array = np.array(result.tolist(), dtype=complex)
        return array.real if not np.any(array.imag) else array
    number = complex(result)
    return number.real if number.imag == 0 else number
