"""One instance of an exercise: its templates filled with the values drawn from a seed.

An instance is an ordinary :class:`~penpaper.bank.model.Exercise` (statement,
symbols, questions, hints, solutions, keys, accepted forms, listed mistakes
and their feedback all filled in), so everything that shows or checks an
exercise works on it unchanged. An exercise without parameters is its own
only instance.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from penpaper.bank.model import Exercise, Mistake, Part
from penpaper.bank.symbols import FieldPath, SymbolError, parse_symbols
from penpaper.instances.drawing import ORIGINAL_SEED, drawn_values
from penpaper.instances.templates import filled
from penpaper.instances.values import Matrix, TemplateError, Value, plain

Fill = Callable[[str, FieldPath], str]
Change = Callable[[str, FieldPath, bool], str]


@dataclass(frozen=True)
class Instance:
    """What a learner sees for one seed; ``seed`` is None for an exercise without parameters."""

    exercise: Exercise
    seed: int | None = None
    values: tuple[tuple[str, Value], ...] = ()

    def described(self) -> str:
        """``seed 7 (a = 3, eta = 1/5)``: for messages that must say which instance."""
        return described(self.seed, dict(self.values))

    def plain_values(self) -> dict[str, object]:
        """The values as JSON can carry them exactly: whole numbers, fractions as text
        (``"1/10"``), matrices as lists of rows (what a lab reads with ``labkit.parameters``)."""

        def plain_number(number: Fraction) -> int | str:
            return number.numerator if number.denominator == 1 else str(number)

        return {
            name: [[plain_number(entry) for entry in row] for row in value.rows]
            if isinstance(value, Matrix)
            else plain_number(value)
            for name, value in self.values
        }


def described(seed: int | None, values: Mapping[str, Value]) -> str:
    """``seed 7 (a = 3, eta = 1/5)``."""
    listed = ", ".join(f"{name} = {plain(value)}" for name, value in values.items())
    return f"seed {seed}" + (f" ({listed})" if listed else "")


def instance_of(exercise: Exercise, seed: int = ORIGINAL_SEED) -> Instance:
    """The instance of ``exercise`` for ``seed``; a :class:`TemplateError` names its field."""
    if not exercise.is_parameterised:
        return Instance(exercise)
    return instance_with(exercise, seed, drawn_values(exercise, seed))


def instance_with(exercise: Exercise, seed: int, values: Mapping[str, Value]) -> Instance:
    """The instance showing ``values``, drawn from ``seed``."""
    return Instance(filled_exercise(exercise, values), seed, tuple(values.items()))


def filled_exercise(exercise: Exercise, values: Mapping[str, Value]) -> Exercise:
    """``exercise`` with every template filled with ``values``."""

    def fill(text: str, field: FieldPath, answer: bool) -> str:
        try:
            return filled(text, values, answer=answer)
        except TemplateError as error:
            raise error.at(field) from None

    mapped = each_text_mapped(exercise, fill)
    try:
        symbols = parse_symbols(mapped.raw_symbols)
    except SymbolError as error:
        raise TemplateError(error.message, ("symbols", *error.path)) from None
    return dataclasses.replace(mapped, symbols=symbols, parameters=(), constraints=())


def each_text_mapped(exercise: Exercise, change: Change) -> Exercise:
    """``exercise`` with ``change(text, field, is_answer)`` applied to each of its templates.

    The one list of what is a template: statement, symbols, and each part's question,
    hints, solution, options, key, accepted forms, mistakes and their feedback.
    """

    def fill(text: str, field: FieldPath) -> str:
        return change(text, field, False)

    def fill_answer(text: str, field: FieldPath) -> str:
        return change(text, field, True)

    return dataclasses.replace(
        exercise,
        statement=fill(exercise.statement, ("statement",)),
        parts=tuple(_filled_part(part, fill, fill_answer) for part in exercise.parts),
        raw_symbols=_filled_structure(exercise.raw_symbols, ("symbols",), fill_answer),
    )


def _filled_part(part: Part, fill: Fill, fill_answer: Fill) -> Part:
    path: FieldPath = ("parts", part.number)
    key = part.answer
    at: FieldPath = (*path, "answer")
    answer = dataclasses.replace(
        key,
        expect=None if key.expect is None else fill_answer(key.expect, (*at, "expect")),
        accept=tuple(fill_answer(text, (*at, "accept", i)) for i, text in enumerate(key.accept, 1)),
        mistakes=tuple(
            Mistake(
                fill_answer(mistake.answer, (*at, "mistakes", i, "answer")),
                fill(mistake.feedback, (*at, "mistakes", i, "feedback")),
            )
            for i, mistake in enumerate(key.mistakes, 1)
        ),
        options=tuple((label, fill(text, (*at, "options", label))) for label, text in key.options),
    )
    return dataclasses.replace(
        part,
        ask=fill(part.ask, (*path, "ask")),
        answer=answer,
        hints=tuple(fill(hint, (*path, "hints", i)) for i, hint in enumerate(part.hints, 1)),
        solution=fill(part.solution, (*path, "solution")),
    )


def _filled_structure(raw: object, path: FieldPath, fill: Fill) -> dict[str, object]:
    """The ``symbols:`` mapping with each text in it filled (``domain: '(0, {a})'``)."""

    def walk(value: object, at: FieldPath) -> object:
        if isinstance(value, str):
            return fill(value, at)
        if isinstance(value, Mapping):
            return {key: walk(item, (*at, str(key))) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*at, i)) for i, item in enumerate(value, 1)]
        return value

    walked = walk(raw, path)
    return walked if isinstance(walked, dict) else {}
