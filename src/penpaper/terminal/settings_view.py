"""How ``penpaper config`` lists the settings: name, value and what each does."""

from __future__ import annotations

import dataclasses

from rich.table import Table

from penpaper.progress.settings import Settings, setting_help


def settings_table(settings: Settings) -> Table:
    table = Table(box=None, pad_edge=False)
    for column in ("setting", "value", "what it does"):
        table.add_column(column, no_wrap=column != "what it does")
    help_lines = setting_help()
    for name, current in dataclasses.asdict(settings).items():
        table.add_row(name, str(current), help_lines[name])
    return table
