"""Shared fixtures: every test runs against a throw-away data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point PENPAPER_HOME at a temporary folder so no test touches a real learner's data."""
    home = tmp_path / "penpaper-home"
    monkeypatch.setenv("PENPAPER_HOME", str(home))
    monkeypatch.delenv("PENPAPER_BANK", raising=False)
    return home
