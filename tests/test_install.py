"""The installed package stands on its own: the wheel carries the bank, and reading is light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers import packages_imported

REPOSITORY = Path(__file__).resolve().parents[1]


def bundled_exercise_count() -> int:
    return sum(1 for path in (REPOSITORY / "bank").glob("*/*.yaml") if path.name != "topic.yaml")


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_finds_the_whole_bank(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheels"
    # No build isolation: hatchling comes with the test extras, so no network is needed.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(REPOSITORY),
        ],
        check=True,
    )
    [wheel] = wheel_dir.glob("penpaper-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    venv_python = venv / "bin" / "python"
    venv_site = Path(
        subprocess.run(
            [str(venv_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies come from this environment (a plain path line: its own .pth
    # files, including an editable penpaper, are not processed); penpaper itself only
    # from the wheel.
    (venv_site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(venv_site),
            str(wheel),
        ],
        check=True,
    )
    environment = {**os.environ, "PENPAPER_BANK": ""}
    environment.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(venv_python), "-c", "import penpaper, sys; print(penpaper.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd="/tmp",
        env=environment,
    ).stdout
    assert where.startswith(str(venv_site))
    topics = subprocess.run(
        [str(venv_python), "-m", "penpaper", "topics"],
        capture_output=True,
        text=True,
        cwd="/tmp",
        env=environment,
    )
    assert topics.returncode == 0, topics.stderr
    assert "optimization" in topics.stdout
    listing = subprocess.run(
        [str(venv_python), "-m", "penpaper", "list", "--json"],
        check=True,
        capture_output=True,
        text=True,
        cwd="/tmp",
        env=environment,
    )
    assert len(json.loads(listing.stdout)) == bundled_exercise_count()


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["topics"],
        ["list", "--json"],
        ["show", "calculus/chain-rule"],
        ["validate", "--no-keys"],
    ],
)
def test_read_only_commands_do_not_import_the_maths_stack(command: list[str]) -> None:
    imported, _ = packages_imported(*command)
    assert "penpaper" in imported
    assert "sympy" not in imported
    assert "numpy" not in imported
