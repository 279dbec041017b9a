"""Your record: ``undo`` the last answer, ``export`` every try."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

if TYPE_CHECKING:
    from penpaper.progress.export import ExportRow

from penpaper.cli.app import CHECK_FAILED, commands, fail, now, open_store, saved_or_exit, say


@commands.command()
def undo(context: typer.Context) -> None:
    """Take back the last answer you gave, and the review it made (schedule and rating
    restored exactly). Exit 1 when there is nothing to undo."""
    from penpaper.scheduling.corrections import undo_last_try
    from penpaper.scheduling.days import learner_days_until
    from penpaper.terminal.wording import in_days, part_letter, review_outcome

    with open_store(context) as store:
        undone = saved_or_exit(store, lambda: undo_last_try(store))
        if undone is None:
            fail("Nothing to undo: no answer is recorded yet.", CHECK_FAILED)
        tried = undone.tried.tried
        answer = f"'{tried.answer}'" if tried.answer else "a give-up"
        say(
            f"Undid {answer} ({tried.verdict.value}) for {tried.exercise_id} "
            f"{part_letter(tried.part)}, given {tried.at.astimezone(now().tzinfo):%a %d %b %H:%M}."
        )
        if undone.review_removed and undone.tried.rating is not None:
            if undone.card is None:
                after = "it is new again"
            else:
                days = learner_days_until(undone.card.due, now(), store.settings())
                after = f"it is due {in_days(days)} again, as before"
            say(f"Its review ({review_outcome(undone.tried.rating)}) is removed too: {after}.")


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@commands.command()
def export(
    context: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", metavar="jsonl|csv", help="jsonl (one JSON object a line) or csv."
        ),
    ] = ExportFormat.JSONL,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
) -> None:
    """Every answer you gave, in order, one record per try: time, exercise, part,
    answer, verdict, hints, seconds, rating, overridden, seed."""
    from penpaper.progress.export import export_rows

    with open_store(context) as store:
        rows = list(export_rows(store.tries(), now().tzinfo))
    if output is None:
        _write(rows, output_format, sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as stream:
            _write(rows, output_format, stream)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}", CHECK_FAILED)
    from penpaper.terminal.wording import plural

    say(f"{plural(len(rows), 'try', 'tries')} written to {output} ({output_format.value}).")


def _write(rows: list[ExportRow], format: ExportFormat, stream: TextIO) -> None:
    import csv

    from penpaper.progress.export import EXPORT_FIELDS

    if format is ExportFormat.JSONL:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
