"""The ``parameters:`` and ``where:`` of a parameterised exercise, read as plain data.

Only the shape is checked here (ranges, choices, shapes, originals); what the
templates do with the values, and whether the ``where:`` conditions can be met,
is the business of :mod:`penpaper.instances`, which draws and validates
instances. Every problem is returned with the field it concerns, so that an
author sees all of them at once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import TypeGuard

from penpaper.bank.model import Parameter, ParameterValue
from penpaper.bank.symbols import FieldPath

PARAMETER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?\Z")
"""One name as the answer reader sees it: ``a``, ``eta``, ``x_1`` (not ``x_1_2``)."""
EXACT_RATIONAL = re.compile(r"-?[0-9]+(?:\.[0-9]+|/[0-9]+)?\Z")
MAX_MAGNITUDE = 1_000_000
MAX_MATRIX_SIZE = 8
MAX_CHOICES = 1_000
KINDS = ("integer", "choice")
PARAMETER_KEYS = ("integer", "choice", "matrix", "not", "original")

Found = list[tuple[FieldPath, str]]


def parse_parameters(raw: object) -> tuple[tuple[Parameter, ...], Found]:
    """The declared parameters, and every problem as (field path, message)."""
    found: Found = []
    if not isinstance(raw, Mapping) or not raw:
        found.append(
            ((), "must be a mapping of names to {integer: [low, high]} or {choice: [...]}")
        )
        return (), found
    parameters = []
    for name, spec in raw.items():
        path: FieldPath = (str(name),)
        if not isinstance(name, str) or not PARAMETER_NAME.match(name):
            found.append((path, "is not a parameter name (a letter, letters or digits, _1)"))
        elif not isinstance(spec, Mapping):
            found.append((path, "must be a mapping such as {integer: [2, 9]}"))
        else:
            parameter = _parameter(name, spec, path, found)
            if parameter is not None:
                parameters.append(parameter)
    return tuple(parameters), found


def parse_constraints(raw: object) -> tuple[tuple[str, ...], Found]:
    """The ``where:`` conditions as text, and every problem."""
    if not isinstance(raw, list) or not raw:
        return (), [((), "must be a list of conditions such as ['a != b', 'det(A) != 0']")]
    found: Found = []
    for index, condition in enumerate(raw, start=1):
        if not isinstance(condition, str) or not condition.strip():
            found.append(((index,), "must be a condition such as 'a != b' (quote it)"))
    return tuple(c.strip() for c in raw if isinstance(c, str) and c.strip()), found


def _parameter(
    name: str, spec: Mapping[object, object], path: FieldPath, found: Found
) -> Parameter | None:
    unknown = [key for key in spec if key not in PARAMETER_KEYS]
    for key in unknown:
        found.append(
            ((*path, str(key)), f"unknown key (allowed here: {', '.join(PARAMETER_KEYS)})")
        )
    kinds = [kind for kind in KINDS if kind in spec]
    if len(kinds) != 1:
        found.append((path, "needs exactly one of 'integer: [low, high]' or 'choice: [...]'"))
        return None
    count = len(found)
    if kinds == ["choice"]:
        for key in ("matrix", "not"):
            if key in spec:
                found.append(((*path, key), "only an 'integer' parameter takes this key"))
        choices = _choices(spec["choice"], (*path, "choice"), found)
        parameter = Parameter(name, choices=choices)
    else:
        low, high = _range(spec["integer"], (*path, "integer"), found)
        excluded = _whole_numbers(spec.get("not", []), (*path, "not"), found)
        if len(found) == count and high - low + 1 <= len(set(excluded) & set(range(low, high + 1))):
            found.append(((*path, "not"), "excludes every value of the range"))
        shape = _shape(spec["matrix"], (*path, "matrix"), found) if "matrix" in spec else None
        parameter = Parameter(name, low, high, tuple(sorted(set(excluded))), shape=shape)
    if "original" in spec and len(found) == count:
        original = _original(parameter, spec["original"], (*path, "original"), found)
        return dataclasses.replace(parameter, original=original)
    return parameter if len(found) == count else None


def _is_whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_MAGNITUDE


def _whole_numbers(value: object, path: FieldPath, found: Found) -> list[int]:
    if not isinstance(value, list) or not all(_is_whole(item) for item in value):
        found.append((path, f"must be a list of whole numbers within ±{MAX_MAGNITUDE}"))
        return []
    return [item for item in value if _is_whole(item)]


def _range(value: object, path: FieldPath, found: Found) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2 or not all(_is_whole(v) for v in value):
        found.append((path, f"must be [low, high], whole numbers within ±{MAX_MAGNITUDE}"))
        return 0, 0
    low, high = value
    if low > high:
        found.append((path, f"is empty: {low} is above {high}"))
    return low, high


def _shape(value: object, path: FieldPath, found: Found) -> tuple[int, int] | None:
    sizes = value if isinstance(value, list) and len(value) == 2 else []
    if not all(_is_whole(size) and 1 <= size <= MAX_MATRIX_SIZE for size in sizes) or not sizes:
        found.append((path, f"must be [rows, cols], sizes from 1 to {MAX_MATRIX_SIZE}"))
        return None
    return sizes[0], sizes[1]


def _choices(value: object, path: FieldPath, found: Found) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CHOICES:
        found.append((path, f"must be a list of 1 to {MAX_CHOICES} exact numbers (2, -1/4, 0.1)"))
        return ()
    choices = []
    for index, item in enumerate(value, start=1):
        text = _rational_text(item)
        if text is None:
            found.append(((*path, index), "must be an exact number such as 3, -1/4 or 0.1"))
        elif text in choices:
            found.append(((*path, index), f"{text} is listed twice"))
        else:
            choices.append(text)
    return tuple(choices)


def _rational_text(value: object) -> str | None:
    """An exact rational as written (YAML reads ``0.1`` as a float: its text is kept)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    text = str(value).strip()
    if not EXACT_RATIONAL.match(text) or len(text) > 30 or text.endswith("/0"):
        return None
    return text


def _original(
    parameter: Parameter, value: object, path: FieldPath, found: Found
) -> ParameterValue | None:
    """The value seed 0 shows; it must be one the parameter can take."""
    if parameter.choices:
        text = _rational_text(value)
        values = {Fraction(choice): choice for choice in parameter.choices}
        if text is None or Fraction(text) not in values:
            found.append((path, f"must be one of the choices {', '.join(parameter.choices)}"))
            return None
        return values[Fraction(text)]
    allowed = f"whole numbers from {parameter.low} to {parameter.high}" + (
        f" except {', '.join(map(str, parameter.excluded))}" if parameter.excluded else ""
    )
    if parameter.shape is None:
        if _allowed(value, parameter):
            return value
        found.append((path, f"must be one of the parameter's values ({allowed})"))
        return None
    rows, columns = parameter.shape
    if (
        not isinstance(value, list)
        or len(value) != rows
        or not all(isinstance(row, list) and len(row) == columns for row in value)
    ):
        found.append((path, f"must be a {rows}×{columns} matrix such as [[1, 2], [3, 4]]"))
        return None
    if not all(_allowed(entry, parameter) for row in value for entry in row):
        found.append((path, f"entries must be the parameter's values ({allowed})"))
        return None
    return tuple(tuple(entry for entry in row if _allowed(entry, parameter)) for row in value)


def _allowed(value: object, parameter: Parameter) -> TypeGuard[int]:
    return (
        _is_whole(value)
        and parameter.low <= value <= parameter.high
        and value not in parameter.excluded
    )
