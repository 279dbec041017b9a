"""Parameter values from a seed: the same seed gives the same instance, anywhere.

Each draw is a SHA-256 of (exercise id, seed, try, parameter, entry) read as a
number, so an instance does not depend on the Python version, the platform or
``random``'s internals, and a seed stored with a try reproduces what the
learner saw years later. A ``where:`` condition that fails is met by drawing
again (the try counter changes), at most :data:`MAX_TRIES` times.
Seed 0 is the original instance: parameters that declare an ``original`` take it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from fractions import Fraction

from penpaper.bank.model import Exercise, Parameter
from penpaper.instances.values import Matrix, TemplateError, Value

MAX_TRIES = 1_000
"""Draws of one instance before its ``where:`` conditions are called unsatisfiable."""
ORIGINAL_SEED = 0


def drawn_values(exercise: Exercise, seed: int) -> dict[str, Value]:
    """The values of ``exercise``'s parameters for ``seed``, meeting every ``where:``."""
    from penpaper.instances.expressions import holds

    failures: Counter[int] = Counter()
    fixed = seed == ORIGINAL_SEED and all(p.original is not None for p in exercise.parameters)
    for attempt in range(1 if fixed else MAX_TRIES):
        values = {p.name: _value(exercise.id, seed, attempt, p) for p in exercise.parameters}
        failed = None
        for number, condition in enumerate(exercise.constraints, start=1):
            try:
                met = holds(condition, values)
            except TemplateError as error:
                raise error.at(("where", number)) from None
            if not met:
                failed = number
                break
        if failed is None:
            return values
        failures[failed] += 1
    number, _ = failures.most_common(1)[0]
    condition = exercise.constraints[number - 1]
    why = (
        "the original values do not meet it"
        if fixed
        else f"no draw of {MAX_TRIES} met it (make the ranges wider or the condition looser)"
    )
    raise TemplateError(f"{condition!r}: {why}", ("where", number))


def _value(exercise_id: str, seed: int, attempt: int, parameter: Parameter) -> Value:
    if seed == ORIGINAL_SEED and parameter.original is not None:
        return _as_value(parameter.original)
    if parameter.choices:
        index = _uniform(len(parameter.choices), exercise_id, seed, attempt, parameter.name)
        return Fraction(parameter.choices[index])
    if parameter.shape is None:
        return Fraction(_integer(parameter, exercise_id, seed, attempt, parameter.name))
    rows, columns = parameter.shape
    return Matrix(
        tuple(
            tuple(
                Fraction(_integer(parameter, exercise_id, seed, attempt, parameter.name, r, c))
                for c in range(columns)
            )
            for r in range(rows)
        )
    )


def _as_value(original: int | str | tuple[tuple[int, ...], ...]) -> Value:
    if isinstance(original, tuple):
        return Matrix(tuple(tuple(Fraction(entry) for entry in row) for row in original))
    return Fraction(original)


def _integer(parameter: Parameter, *key: object) -> int:
    """A whole number of the range, skipping the excluded ones, all equally likely."""
    excluded = [v for v in parameter.excluded if parameter.low <= v <= parameter.high]
    value = parameter.low + _uniform(parameter.high - parameter.low + 1 - len(excluded), *key)
    for skipped in excluded:  # sorted: each excluded value at or below shifts the draw up
        if skipped <= value:
            value += 1
    return value


def _uniform(count: int, *key: object) -> int:
    """One of ``0 … count - 1``, fixed by ``key``."""
    digest = hashlib.sha256("\x00".join(map(str, key)).encode()).digest()
    return int.from_bytes(digest[:8], "big") % count
