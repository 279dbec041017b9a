"""``penpaper config``: the learner's settings (scheduling, trusted banks), shown and changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer

from penpaper.cli.app import CHECK_FAILED, commands, console, fail, open_store, say

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


@commands.command()
def config(
    context: typer.Context,
    key: Annotated[str | None, typer.Argument(metavar="NAME", help="A setting to change.")] = None,
    value: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[VALUE]...",
            help="Its new value; for trusted_banks, `add PATH` or `remove PATH`.",
        ),
    ] = None,
) -> None:
    """Show your settings, or change one: `penpaper config new_per_day 5`."""
    from penpaper.progress.settings import setting_help
    from penpaper.terminal.settings_view import setting_text

    with open_store(context) as store:
        settings = store.settings()
        if key is None:
            from penpaper.terminal.settings_view import settings_table

            console().print(settings_table(settings))
            say("Change one with `penpaper config NAME VALUE`.", style="dim")
            return
        if key not in setting_help():
            fail(f"Unknown setting '{key}'. Settings: {', '.join(setting_help())}.")
        if not value:
            say(f"{key} = {setting_text(getattr(settings, key))}")
            return
        try:
            # Any: which field it is is known only at run time; Settings validates it.
            change: dict[str, Any] = {key: _typed(value, getattr(settings, key))}
            changed = dataclasses.replace(settings, **change)
        except ValueError as error:
            fail(f"Not changed: {error}.", CHECK_FAILED)
        store.save_settings(changed)
    say(f"{key} = {setting_text(getattr(changed, key))}")


def _typed(
    words: list[str], current: bool | int | float | tuple[str, ...]
) -> bool | int | float | tuple[str, ...]:
    """``words`` as the type of the setting; ValueError when they are not one."""
    if isinstance(current, tuple):
        return _changed_folders(words, current)
    if len(words) != 1:
        fail(f"Give one value, not {len(words)}.")
    word = words[0].strip().lower()
    if isinstance(current, bool):
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(f"'{words[0]}' is not yes or no")
        return word in TRUE_WORDS
    try:
        return int(word) if isinstance(current, int) else float(word)
    except ValueError:
        kind = "a whole number" if isinstance(current, int) else "a number"
        raise ValueError(f"'{words[0]}' is not {kind}") from None


def _changed_folders(words: list[str], folders: tuple[str, ...]) -> tuple[str, ...]:
    """``add PATH`` or ``remove PATH`` applied to a list of folders, kept as resolved paths
    (the same folder reached through a link or a relative path is the same folder)."""
    if len(words) != 2 or words[0] not in ("add", "remove"):
        fail("Use `add PATH` or `remove PATH`.")
    action, folder = words[0], str(Path(words[1]).expanduser().resolve())
    if action == "remove":
        if folder not in folders:
            raise ValueError(f"{folder} is not in the list")
        return tuple(known for known in folders if known != folder)
    if not Path(folder).is_dir():
        raise ValueError(f"{folder} is not a folder")
    return folders if folder in folders else (*folders, folder)
