"""The lab of every parameterised exercise works on the numbers of the instance the learner saw.

Such a lab reads its numbers with ``labkit.parameters(name=original, …)``: the call must
name exactly the exercise's parameters with their ``original`` values (so that the lab
run by hand is the original instance), and run for another seed, the lab must print
something else than for seed 0 (so that the values are used, not just read).
"""

from __future__ import annotations

import ast
import json
from fractions import Fraction
from pathlib import Path

import pytest

from bank_support import bundled_bank
from penpaper.bank.model import Exercise
from penpaper.instances.instantiate import instance_of
from penpaper.labkit import PARAMETERS_VARIABLE
from penpaper.labs import LabRun, run_lab

PARAMETERISED_LABS = sorted(
    (exercise.id, exercise)
    for exercise in bundled_bank().exercises.values()
    if exercise.lab is not None and exercise.is_parameterised
)
IDS = [exercise_id for exercise_id, _ in PARAMETERISED_LABS]

Literal = Fraction | float | list["Literal"]


def test_the_bank_has_parameterised_labs() -> None:
    assert len(PARAMETERISED_LABS) >= 30


def _literal(node: ast.expr) -> Literal:
    """The value of a literal the way a lab writes an original: a number (``0.4``, ``-2``),
    a fraction as text (``"2/5"``) or as a division (``2 / 5``), or a list of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | str):
        return Fraction(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _literal(node.operand)
        if isinstance(value, list):
            raise ValueError(ast.unparse(node))
        return -value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        top, bottom = _literal(node.left), _literal(node.right)
        if isinstance(top, Fraction) and isinstance(bottom, Fraction):
            return top / bottom
    if isinstance(node, ast.List):
        return [_literal(item) for item in node.elts]
    raise ValueError(f"not a literal original: {ast.unparse(node)}")


def _same(written: Literal, original: object) -> bool:
    """Whether a lab's literal is the parameter's ``original`` (exactly; a decimal written
    as a float counts as the decimal it spells, ``0.1`` as 1/10)."""
    if isinstance(original, tuple):
        return (
            isinstance(written, list)
            and len(written) == len(original)
            and all(_same(item, entry) for item, entry in zip(written, original, strict=True))
        )
    if isinstance(written, list) or not isinstance(original, int | str):
        return False
    exact = Fraction(original)
    if isinstance(written, float):
        return Fraction(repr(written)) == exact or written == float(exact)
    return written == exact


def _parameters_calls(source: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "parameters")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "parameters")
        )
    ]


@pytest.mark.parametrize(("exercise_id", "exercise"), PARAMETERISED_LABS, ids=IDS)
def test_the_lab_asks_for_the_parameters_with_their_originals(
    exercise_id: str, exercise: Exercise
) -> None:
    assert exercise.lab is not None
    calls = _parameters_calls(exercise.lab.read_text(encoding="utf-8"))
    assert len(calls) == 1, f"{exercise_id}: the lab must call labkit.parameters(...) once"
    (call,) = calls
    assert not call.args and all(keyword.arg for keyword in call.keywords), (
        f"{exercise_id}: parameters(...) takes name=original keywords only"
    )
    written = {keyword.arg: keyword.value for keyword in call.keywords}
    originals = {parameter.name: parameter.original for parameter in exercise.parameters}
    assert set(written) == set(originals), (
        f"{exercise_id}: the lab reads {sorted(map(str, written))}, "
        f"the exercise has {sorted(originals)}"
    )
    for name, original in originals.items():
        assert original is not None, f"{exercise_id}: {name} has no original"
        value = _literal(written[name])
        assert _same(value, original), (
            f"{exercise_id}: the lab's original of {name} is {ast.unparse(written[name])}, "
            f"the exercise's is {original}"
        )


def _run(exercise: Exercise, seed: int, scratch: Path) -> LabRun:
    """The lab run as `penpaper lab ID --seed SEED` runs it: the instance's plain values
    handed over in the environment."""
    assert exercise.lab is not None
    values = json.dumps(instance_of(exercise, seed).plain_values())
    return run_lab(exercise.lab, scratch, timeout=60, environment={PARAMETERS_VARIABLE: values})


@pytest.mark.slow
@pytest.mark.parametrize(("exercise_id", "exercise"), PARAMETERISED_LABS, ids=IDS)
def test_the_lab_shows_another_instance_for_another_seed(
    exercise_id: str, exercise: Exercise, tmp_path: Path
) -> None:
    original = instance_of(exercise, 0).values
    seed = next(seed for seed in range(1, 50) if instance_of(exercise, seed).values != original)
    runs = {}
    for drawn in (0, seed):
        run = _run(exercise, drawn, tmp_path)
        assert not run.timed_out and run.exit_code == 0, (
            f"{exercise_id} at seed {drawn}: {run.errors}"
        )
        runs[drawn] = run.output
    assert runs[seed] != runs[0], (
        f"{exercise_id}: the lab prints the same for seed {seed} as for seed 0; "
        "it does not use the instance's values"
    )
