"""What ``penpaper validate`` and the bank's tests check about an exercise's keys.

A fixed exercise: its keys, accepted forms and listed mistakes, judged by the
real checker (:func:`~penpaper.checking.exercise_keys.answer_key_problems`).
A parameterised one: the same for each of many instances, after checking that
every instance can be drawn (its ``where:`` met within the try bound) and
filled (every template evaluates: no division by zero, no unknown name), that
every parameter is used, and that the instances differ — two instances that
show the same question must expect the same answers. Each problem names the
field and the seed that shows it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from penpaper.bank.model import Exercise, Parameter
from penpaper.bank.schema import format_field
from penpaper.bank.symbols import FieldPath
from penpaper.checking.exercise_keys import answer_key_problems
from penpaper.instances.drawing import drawn_values
from penpaper.instances.instantiate import Instance, described, each_text_mapped, instance_with
from penpaper.instances.templates import referenced
from penpaper.instances.values import TemplateError, Value

VALIDATED_SEEDS = range(20)
"""The instances ``validate`` draws: seed 0 (the original) and the next 19."""


@dataclass(frozen=True)
class ExerciseProblem:
    """One problem, ``field`` as in the file (``parts[1].answer.expect``, ``where[2]``)."""

    field: str
    message: str


def exercise_problems(
    exercise: Exercise, seeds: Iterable[int] = VALIDATED_SEEDS, *, keys: bool = True
) -> list[ExerciseProblem]:
    """Every problem of ``exercise``'s keys, over the instances of ``seeds`` if parameterised.

    Without ``keys`` nothing is judged (the checker loads sympy): instances are
    only drawn and filled.
    """
    if not exercise.is_parameterised:
        return _key_problems(Instance(exercise)) if keys else []
    seeds = list(seeds)
    found = _unused_parameters(exercise)
    instances: list[Instance] = []
    for seed in seeds:
        values: dict[str, Value] = {}
        try:
            values = drawn_values(exercise, seed)
            instances.append(instance_with(exercise, seed, values))
        except TemplateError as error:
            which = described(seed, values)
            found.append(ExerciseProblem(format_field(error.field), f"{which}: {error.message}"))
    found += _indistinct(exercise, instances)
    for instance in instances if keys else ():
        found += _key_problems(instance)
    return _first_of_each_field(found, len(seeds))


def each_exercise_problems(
    exercises: Sequence[Exercise],
    problems_of: Callable[[Exercise], list[ExerciseProblem]] = exercise_problems,
) -> Iterator[tuple[Exercise, list[ExerciseProblem]]]:
    """``problems_of`` each exercise, in order, judged on every CPU at once.

    Each thread waits on its own checker process, so the pool grows to one
    worker per CPU; results are yielded as soon as they are known, in order.
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as threads:
        yield from zip(exercises, threads.map(problems_of, exercises), strict=True)


def _key_problems(instance: Instance) -> list[ExerciseProblem]:
    which = "" if instance.seed is None else f"{instance.described()}: "
    return [
        ExerciseProblem(f"parts[{problem.part}].{problem.field}", which + problem.message)
        for problem in answer_key_problems(instance.exercise)
    ]


def _unused_parameters(exercise: Exercise) -> list[ExerciseProblem]:
    """A parameter no template mentions changes nothing a learner sees."""
    names = {parameter.name: parameter for parameter in exercise.parameters}
    used: set[str] = set()

    def collect(text: str, field: FieldPath, answer: bool) -> str:
        with contextlib.suppress(TemplateError):  # reported with its seed when filled
            used.update(referenced(text, names))
        return text

    each_text_mapped(exercise, collect)
    return [
        ExerciseProblem(f"parameters.{name}", "is not used by any template ({name} or {= …})")
        for name in names
        if name not in used
    ]


def _indistinct(exercise: Exercise, instances: list[Instance]) -> list[ExerciseProblem]:
    """Instances must differ, and two that look the same must expect the same answers."""
    shown: dict[str, Instance] = {}
    for instance in instances:
        question = _visible(instance.exercise)
        earlier = shown.setdefault(question, instance)
        if _keys(earlier.exercise) != _keys(instance.exercise):
            return [
                ExerciseProblem(
                    "statement",
                    f"{earlier.described()} and {instance.described()} show the same question "
                    "but expect different answers: show every parameter the answers depend on",
                )
            ]
    if len(shown) == 1 and len(instances) > 1 and _space_size(exercise.parameters) > 1:
        return [
            ExerciseProblem(
                "parameters",
                f"all {len(instances)} instances show the same question: the parameters "
                "never reach the statement or the questions",
            )
        ]
    return []


def _visible(exercise: Exercise) -> str:
    """What a learner sees before answering: statement, symbols, questions and options."""
    parts = (f"{part.ask}\n{part.answer.options}" for part in exercise.parts)
    return "\n".join((exercise.statement, repr(exercise.raw_symbols), *parts))


def _keys(exercise: Exercise) -> tuple[str | None, ...]:
    return tuple(part.answer.expect for part in exercise.parts)


def _space_size(parameters: Iterable[Parameter]) -> int:
    size = 1
    for parameter in parameters:
        if parameter.choices:
            size *= len(parameter.choices)
            continue
        excluded = [v for v in parameter.excluded if parameter.low <= v <= parameter.high]
        rows, columns = parameter.shape or (1, 1)
        size *= (parameter.high - parameter.low + 1 - len(excluded)) ** (rows * columns)
    return size


def _first_of_each_field(found: list[ExerciseProblem], seeds: int) -> list[ExerciseProblem]:
    """One problem per field (its first seed), saying how many seeds show it."""
    by_field: dict[str, list[ExerciseProblem]] = {}
    for problem in found:
        by_field.setdefault(problem.field, []).append(problem)
    kept = []
    for field, problems in by_field.items():
        first = problems[0]
        also = f" (and {len(problems) - 1} more of {seeds} seeds)" if len(problems) > 1 else ""
        kept.append(ExerciseProblem(field, first.message + also))
    return kept
