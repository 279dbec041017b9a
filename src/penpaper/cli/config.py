"""``penpaper config``: the learner's scheduling settings, shown and changed."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from penpaper.cli.app import CHECK_FAILED, app, console, fail, open_store, say

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


@app.command()
def config(
    context: typer.Context,
    key: Annotated[str | None, typer.Argument(metavar="NAME", help="A setting to change.")] = None,
    value: Annotated[str | None, typer.Argument(metavar="VALUE", help="Its new value.")] = None,
) -> None:
    """Show your settings, or change one: `penpaper config new_per_day 5`."""
    from penpaper.progress.settings import Settings, setting_help

    with open_store(context) as store:
        settings = store.settings()
        if key is None:
            from penpaper.terminal.settings_view import settings_table

            console().print(settings_table(settings))
            say("Change one with `penpaper config NAME VALUE`.", style="dim")
            return
        if key not in setting_help():
            fail(f"Unknown setting '{key}'. Settings: {', '.join(setting_help())}.")
        if value is None:
            say(f"{key} = {getattr(settings, key)}")
            return
        try:
            # Any: which field it is is known only at run time; Settings validates it.
            change: dict[str, Any] = {key: _typed(value, getattr(Settings(), key))}
            changed = dataclasses.replace(settings, **change)
        except ValueError as error:
            fail(f"Not changed: {error}.", CHECK_FAILED)
        store.save_settings(changed)
    say(f"{key} = {getattr(changed, key)}")


def _typed(text: str, default: bool | int | float) -> bool | int | float:
    """``text`` as the type of the setting's default; ValueError when it is not one."""
    word = text.strip().lower()
    if isinstance(default, bool):
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(f"'{text}' is not yes or no")
        return word in TRUE_WORDS
    try:
        return int(word) if isinstance(default, int) else float(word)
    except ValueError:
        kind = "a whole number" if isinstance(default, int) else "a number"
        raise ValueError(f"'{text}' is not {kind}") from None
