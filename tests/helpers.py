"""Small helpers shared by the CLI tests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from penpaper.cli import app

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank"


def run_cli(*arguments: str, bank: Path | None = FIXTURE_BANK, input: str | None = None):
    """Run penpaper in-process on the fixture bank only (never the bundled one)."""
    prefix = ["--no-bundled-bank", "--bank", str(bank)] if bank is not None else []
    runner = CliRunner()
    return runner.invoke(app, [*prefix, *arguments], input=input, env={"COLUMNS": "100"})
