"""The learner's record as portable rows: one per try, for ``penpaper export``.

The keys are a published format (README shows reading them with pandas or
DuckDB): change them only by adding a key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import tzinfo

from penpaper.bank.summaries import part_name
from penpaper.progress.records import LoggedTry

EXPORT_FIELDS = (
    "time",
    "exercise",
    "part",
    "answer",
    "verdict",
    "hints",
    "seconds",
    "rating",
    "overridden",
    "seed",
)
ExportRow = dict[str, str | int | float | bool | None]


def export_rows(tries: Iterable[LoggedTry], zone: tzinfo | None) -> Iterator[ExportRow]:
    """Each try in log order; times in ``zone`` (ISO 8601 with offset); parts by letter;
    ``rating`` only on the try that made a review."""
    for logged in tries:
        tried = logged.tried
        yield {
            "time": tried.at.astimezone(zone).isoformat(),
            "exercise": tried.exercise_id,
            "part": part_name(tried.part),
            "answer": tried.answer,
            "verdict": tried.verdict.value,
            "hints": tried.hints,
            "seconds": tried.seconds,
            "rating": None if logged.rating is None else logged.rating.name.lower(),
            "overridden": tried.overridden,
            "seed": tried.seed,
        }
