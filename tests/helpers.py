"""Small helpers shared by the CLI tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from penpaper.cli import app
from penpaper.cli.app import console

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"


def run_cli(
    *arguments: str,
    bank: Path | None = FIXTURE_BANK,
    input: str | None = None,
    now: str | None = None,
    columns: str = "100",
) -> Result:
    """Run penpaper in-process on the fixture bank only (never the bundled one).

    ``now`` pretends the command runs at that ISO time (through ``PENPAPER_NOW``).
    """
    prefix = ["--no-bundled-bank", "--bank", str(bank)] if bank is not None else []
    environment = {"COLUMNS": columns, "PENPAPER_NOW": now}
    console.cache_clear()  # a real run is a new process: its console reads COLUMNS afresh
    return CliRunner().invoke(app, [*prefix, *arguments], input=input, env=environment)


def packages_imported(*arguments: str, bank: Path = FIXTURE_BANK) -> tuple[set[str], str]:
    """The top-level packages a fresh ``penpaper`` process imports to run ``arguments`` on
    ``bank`` (what ``python -X importtime`` reports), and what it printed."""
    command = ["-m", "penpaper", "--no-bundled-bank", "--bank", str(bank), *arguments]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    return imported, result.stdout
