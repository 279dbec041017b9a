"""The ``penpaper`` command line (see :mod:`penpaper.cli.app`)."""

from __future__ import annotations

from penpaper.cli import browse as browse
from penpaper.cli import practice as practice
from penpaper.cli import progress as progress
from penpaper.cli.app import app


def main() -> None:
    app()
