"""Every lab in the bundled bank runs on its own, quickly, and says something."""

from __future__ import annotations

from pathlib import Path

import pytest

from bank_support import bundled_bank
from penpaper.labs import run_lab

LABS = sorted(
    (exercise.id, exercise.lab) for exercise in bundled_bank().exercises.values() if exercise.lab
)


@pytest.mark.parametrize(("exercise_id", "lab"), LABS, ids=[entry[0] for entry in LABS])
def test_lab_runs_standalone(exercise_id: str, lab: Path, tmp_path: Path) -> None:
    run = run_lab(lab, tmp_path, timeout=60)
    assert not run.timed_out, f"{exercise_id}: the lab ran for over 60 s"
    assert run.exit_code == 0, run.errors
    assert len(run.output.strip().splitlines()) >= 3, f"{exercise_id}: the lab shows little"
    assert list(tmp_path.iterdir()) == [], f"{exercise_id}: a lab must not write files"


def test_labs_have_a_docstring_saying_what_they_show() -> None:
    for exercise_id, lab in LABS:
        assert lab.read_text(encoding="utf-8").lstrip().startswith(('"""', "#!")), exercise_id
