"""How ``penpaper config`` lists the settings: name, value and what each does."""

from __future__ import annotations

import dataclasses

from rich.table import Table
from rich.text import Text

from penpaper.progress.settings import Settings, setting_help
from penpaper.sanitising import printable


def settings_table(settings: Settings) -> Table:
    table = Table(box=None, pad_edge=False)
    for column in ("setting", "value", "what it does"):
        table.add_column(column, no_wrap=column != "what it does")
    help_lines = setting_help()
    for name, current in dataclasses.asdict(settings).items():
        # A folder name may hold brackets: plain text, never markup.
        table.add_row(name, Text(setting_text(current)), Text(help_lines[name]))
    return table


def setting_text(value: object) -> str:
    """A setting's value as shown: a list of folders one after another, or ``none``."""
    if isinstance(value, tuple | list):
        return printable(", ".join(value)) if value else "none"
    return str(value)
