"""The learner's settings: each field with its default, its help line and its allowed range.

Kept in the progress database's ``settings`` table (see
:meth:`penpaper.progress.store.Store.settings`). ``penpaper config`` lists the
fields from here, so a new setting needs editing in this one place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


def _about(help: str, low: float | None = None, high: float | None = None) -> dict[str, object]:
    """A field's metadata: the line ``penpaper config`` prints, and the range ``low``–``high``."""
    return {"help": help, "range": (low, high)}


@dataclass(frozen=True)
class Settings:
    """The learner's scheduling choices.

    The day (for daily limits) starts at ``day_starts_at_hour`` in the timezone
    of the ``now`` handed to the queues, like Anki's 4 a.m. rollover.
    """

    new_per_day: int = field(default=10, metadata=_about("new exercises a day, at most", 0, 1000))
    reviews_per_day: int = field(default=100, metadata=_about("reviews a day, at most", 0, 10_000))
    desired_retention: float = field(
        default=0.9,
        metadata=_about("the chance of remembering FSRS aims for at each review", 0.7, 0.99),
    )
    fuzzing: bool = field(
        default=True, metadata=_about("spread due dates a little so reviews do not bunch up")
    )
    quick_seconds_per_part: int = field(
        default=60,
        metadata=_about("seconds per part under which a clean answer counts as easy", 1, 3600),
    )
    day_starts_at_hour: int = field(
        default=4,
        metadata=_about("the hour a new day starts, for streaks, limits and 'due today'", 0, 23),
    )
    trusted_banks: tuple[str, ...] = field(
        default=(),
        metadata=_about(
            "bank folders whose labs may run: `add PATH` or `remove PATH` (the bundled bank's "
            "always may)"
        ),
    )

    def __post_init__(self) -> None:
        problems = [
            problem
            for setting in dataclasses.fields(self)
            if (problem := _out_of_range(setting, getattr(self, setting.name)))
        ]
        if problems:
            raise ValueError("; ".join(problems))


def setting_help() -> dict[str, str]:
    """Each setting's name and help line with its range, in declaration order."""
    return {
        setting.name: setting.metadata["help"] + _range_text(setting)
        for setting in dataclasses.fields(Settings)
    }


def valid_setting(name: str, value: object) -> bool:
    """Whether ``value`` is in the range of setting ``name`` (a stored value may not be)."""
    [setting] = [field for field in dataclasses.fields(Settings) if field.name == name]
    return not _out_of_range(setting, value)


def _range_text(setting: dataclasses.Field[object]) -> str:
    low, high = setting.metadata["range"]
    if low is None:
        return ""
    return f" ({low}–{high})" if high is not None else f" ({low} or more)"


def _out_of_range(setting: dataclasses.Field[object], value: object) -> str:
    low, high = setting.metadata["range"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    if low is not None and high is not None and not low <= value <= high:
        return f"{setting.name} must be between {low} and {high}"
    if low is not None and value < low:
        return f"{setting.name} must be {low} or more"
    return ""
