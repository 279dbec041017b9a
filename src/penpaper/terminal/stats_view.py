"""How ``penpaper stats`` looks: the figures of :mod:`penpaper.stats.figures`, laid out.

Definitions live with the figures; this module only lays them out for an
80-column terminal (and reads without colour: shapes carry the meaning too).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from penpaper.stats.topics import TYPICAL_DIFFICULTY, Mastery, next_level
from penpaper.terminal.wording import difficulty_stars, plural

if TYPE_CHECKING:
    from rich.table import Table

    from penpaper.stats.figures import ActiveDay, ExerciseProgress, ProgressStats
    from penpaper.stats.topics import TopicProgress

MASTERY_STYLES = {
    "not_started": "dim",
    "attempted": "yellow",
    "familiar": "cyan",
    "proficient": "blue",
    "mastered": "bold green",
}
RESULT_LABELS = {
    "again": ("failed", "red"),
    "hard": ("passed with help", "yellow"),
    "good": ("passed", "green"),
    "easy": ("passed easily", "green"),
}
"""The last review of an exercise in words short enough for a column (the drill's
:data:`~penpaper.terminal.wording.REVIEW_OUTCOMES`, shortened): never the scheduler's grade."""
# Heatmap shades from least to most active: shapes as well as colours, so the
# calendar still reads with NO_COLOR or on a monochrome terminal.
HEAT_GLYPHS = ("░", "▒", "▓", "█")
HEAT_STYLES = ("color(22)", "color(28)", "color(34)", "color(40)")
SPARK_GLYPHS = " ▁▂▃▄▅▆▇█"
LISTED_AT_MOST = 8


def render_empty_state(figures: ProgressStats) -> str:
    if figures.topic is not None:
        return (
            f"Nothing practised in {figures.topic} yet: {figures.exercises_total} exercises "
            f"are waiting.\nStart with:  penpaper drill {figures.topic}"
        )
    first = figures.topics[0].topic if figures.topics else "<topic>"
    return (
        "No practice recorded yet, so there is nothing to count.\n"
        f"Start with a drill:  penpaper drill {first}\n"
        "(`penpaper topics` lists them all, `penpaper roadmap` the order to take them in.) "
        "Mastery, ratings, reviews due and your streak will show here once you have practised."
    )


def render_stats(figures: ProgressStats, width: int = 80) -> RenderableType:

    parts: list[RenderableType] = []
    if figures.topic is None:
        parts += [
            _overview_line(figures),
            _topic_table(figures.topics, width),
            _explanations(figures.topics),
        ]
    else:
        # No topic row when none of the topic's exercises loaded, only its history.
        parts += [_topic_line(progress) for progress in figures.topics]
        parts.append(_exercise_table(figures.exercises))
    parts += [_reviews(figures, width), _habits(figures), _calendar(figures.calendar)]
    attention = _attention(figures)
    if attention is not None:
        parts.append(attention)
    parts.append(_next_step(figures))
    return Group(*parts)


def _level(mastery: Mastery) -> Text:

    return Text(mastery.value.replace("_", " "), style=MASTERY_STYLES[mastery.value])


def _signed_change(change: float) -> Text:

    if round(change) == 0:
        return Text("")
    return Text(f"▲{change:.0f}", "green") if change > 0 else Text(f"▼{-change:.0f}", "red")


def _overview_line(figures: ProgressStats) -> Text:
    mastered = sum(topic.levels[Mastery.MASTERED] for topic in figures.topics)
    return Text.assemble(
        ("Progress", "bold"),
        f"  {figures.exercises_seen} of {figures.exercises_total} exercises seen, "
        f"{mastered} mastered\n",
    )


def _explanations(topics: Sequence[TopicProgress]) -> Text:
    """What a rating means, on the most practised topic, and the ladder of levels."""
    lines = Text(style="dim")
    practised = max(topics, key=lambda topic: topic.exercises_seen, default=None)
    if practised is not None and practised.exercises_seen:
        lines.append(_rating_meaning(practised) + "\n")
    lines.append(
        "Levels: attempted → familiar (50 %) → proficient (80 %) → mastered (100 %) of the "
        "topic's mastery points; an exercise counts 50 once passed (passed with help: once "
        "passed again at its next review), 80 once remembered a week, 100 once remembered "
        "three weeks."
    )
    return lines


def _rating_meaning(topic: TopicProgress) -> str:
    return (
        f"Rating (1500 to start): at {topic.rating:.0f} you would solve a typical "
        f"difficulty-{TYPICAL_DIFFICULTY} exercise of {topic.topic} "
        f"{topic.typical_success:.0%} of the time."
    )


def _topic_table(topics: Sequence[TopicProgress], width: int) -> RenderableType:
    """One row per topic; below 80 columns each topic takes two lines instead, so that
    neither a topic's name nor a figure is ever cut."""
    longest = max((len(topic.topic) for topic in topics), default=5)
    # The other columns at their widest: seen 4, level 11, bar 8, percent 4, rating 10
    # ("1684 ± 246"), change 6, and two spaces between each pair of the seven columns.
    if width < longest + 4 + 11 + 8 + 4 + 10 + 6 + 2 * 6:
        return Group(*(_topic_lines(topic) for topic in topics))
    rows = [
        [
            Text(topic.topic),
            Text(f"{topic.exercises_seen}/{topic.exercises_total}"),
            _level(topic.mastery),
            _mastery_bar(topic.mastery_percent),
            Text(f"{topic.mastery_percent:.0f}%"),
            Text(_rating(topic)),
            _signed_change(topic.rating_change_7_days),
        ]
        for topic in topics
    ]
    headings = ("topic", "seen", "level", "mastery", "", "rating", "7 days")
    return _columns(headings, rows, right_aligned={1, 4, 5, 6})


def _columns(
    headings: Sequence[str] | None,
    rows: Sequence[Sequence[Text]],
    right_aligned: set[int],
    gap: int = 2,
) -> Text:
    """Rows of cells in columns ``gap`` spaces apart, under bold headings if any: what a
    borderless rich Table draws, without its cost of rendering every cell on its own."""
    lines = [[Text(heading, "bold") for heading in headings], *rows] if headings else rows
    widths = [max(cell.cell_len for cell in column) for column in zip(*lines, strict=True)]
    table = Text()
    for number, line in enumerate(lines):
        table.append("\n" if number else "")
        for index, (cell, width) in enumerate(zip(line, widths, strict=True)):
            padding = " " * (width - cell.cell_len)
            table.append(" " * gap if index else "")
            table.append_text(Text(padding) + cell if index in right_aligned else cell + padding)
    return table


def _filled(fraction: float, width: int, full: str, partial: Sequence[str]) -> str:
    """The filled part of a bar of ``width`` cells at ``fraction``: ``full`` cells, then the
    ``partial`` glyph of the part of a cell left (``partial[0]`` is the empty one)."""
    steps = width * len(partial) * min(max(fraction, 0.0), 1.0)
    whole, part = divmod(int(steps), len(partial))
    return full * whole + partial[part]


def _bar(fraction: float, width: int) -> str:
    """A bar of ``width`` cells filled from the left to ``fraction``, in eighths of a cell."""
    return _filled(fraction, width, "█", ("", *"▏▎▍▌▋▊▉")).ljust(width)


def _mastery_bar(percent: float, width: int = 8) -> Text:
    """A bar of ``width`` cells, heavy where filled and light beyond, so it also reads
    without colour."""
    filled = _filled(percent / 100, width, "━", ("", "╸"))
    return Text.assemble(
        (filled, "bar.finished" if percent >= 100 else "bar.complete"),
        ("─" * (width - len(filled)), "bar.back"),
    )


def _topic_lines(topic: TopicProgress) -> Text:
    return Text.assemble(
        (topic.topic, "bold"),
        f"\n  {topic.exercises_seen}/{topic.exercises_total} seen · ",
        _level(topic.mastery),
        f" {topic.mastery_percent:.0f}% · rating {_rating(topic)} ",
        _signed_change(topic.rating_change_7_days),
    )


def _rating(topic: TopicProgress) -> str:
    if not topic.exercises_seen:
        return "—"
    return f"{topic.rating:.0f} ± {topic.rating_deviation:.0f}"


def _topic_line(topic: TopicProgress) -> Text:
    rating = f", rating {_rating(topic)} " if topic.exercises_seen else ""
    step = next_level(topic.mastery)
    ladder = (
        "mastered: the top of the ladder"
        if step is None
        else f"next level: {step[0].value} at {step[1]} % (you are at "
        f"{topic.mastery_percent:.0f} %)"
    )
    meaning = f"\n{_rating_meaning(topic)}" if topic.exercises_seen else ""
    return Text.assemble(
        (topic.title, "bold"),
        f" ({topic.topic})\n{topic.exercises_seen} of {topic.exercises_total} exercises seen, ",
        _level(topic.mastery),
        f" {topic.mastery_percent:.0f}%{rating}",
        _signed_change(topic.rating_change_7_days),
        (f"\n{ladder}{meaning}\n", "dim"),
    )


def _exercise_table(exercises: Sequence[ExerciseProgress]) -> Table:
    """One row per exercise of a topic; long ids end in an ellipsis."""
    from rich.table import Table  # only a topic's page has one: the overview spares the import

    table = Table(box=None, pad_edge=False, header_style="bold", padding=(0, 1))
    table.add_column("exercise", overflow="ellipsis", no_wrap=True, max_width=34)
    table.add_column("difficulty", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("last", no_wrap=True)
    table.add_column("next due", no_wrap=True)
    for exercise in exercises:
        label, style = RESULT_LABELS.get(exercise.last_result or "", ("—", "dim"))
        table.add_row(
            exercise.id.partition("/")[2],
            difficulty_stars(exercise.difficulty),
            _level(exercise.mastery),
            Text(label, style),
            _due_label(exercise.due_in_days),
        )
    return table


def _due_label(days: int | None) -> str:
    if days is None:
        return "—"
    if days < 0:
        return f"overdue {-days} d"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} d")


def _reviews(figures: ProgressStats, width: int) -> RenderableType:
    """Reviews due: a bar a day for the week (at most 40 cells, fewer on a narrow
    terminal, so a row never wraps), a sparkline for the month."""
    week = figures.forecast[:7]
    busiest = max(day.due for day in week) or 1
    bar_width = max(1, min(40, width - len("Wed 31") - len(str(busiest)) - 2))
    chart = _columns(
        None,
        [
            [
                Text("today" if index == 0 else f"{day.day:%a %d}"),
                Text(str(day.due)),
                Text(_bar(day.due / busiest, bar_width), "cyan"),
            ]
            for index, day in enumerate(week)
        ],
        right_aligned={1},
        gap=1,
    )
    month = [day.due for day in figures.forecast]
    return Group(
        Text.assemble(
            ("\nReviews", "bold"),
            f"  due today {figures.due_today}, next 7 days {figures.due_next_7_days}, "
            f"next 30 days {figures.due_next_30_days}",
        ),
        chart,
        Text.assemble("next 30 days ", (_sparkline(month), "cyan")),
    )


def _sparkline(values: Sequence[int]) -> str:
    top = max(values) or 1
    steps = len(SPARK_GLYPHS) - 1
    return "".join(SPARK_GLYPHS[math.ceil(steps * value / top)] for value in values)


def _habits(figures: ProgressStats) -> Text:

    retention = figures.retention
    if retention.rate is None:
        measured = Text(f"no scheduled reviews in the last {retention.window_days} days")
    else:
        on_target = retention.rate >= retention.target
        measured = Text.assemble(
            (f"{retention.rate:.0%}", "green" if on_target else "yellow"),
            f" of {retention.reviews} reviews passed in the last {retention.window_days} days",
        )
    streak = figures.streak
    keep = "" if streak.active_today or not streak.current else " (practise today to keep it)"
    return Text.assemble(
        ("\nRetention", "bold"),
        "  ",
        measured,
        f" (target {retention.target:.0%})\n",
        ("Streak", "bold"),
        f"     {plural(streak.current, 'day')}{keep}, longest {plural(streak.longest, 'day')}\n",
        ("This week", "bold"),
        f"  {_duration(figures.seconds_this_week)} of practice since {figures.week_start:%a %d %b}",
    )


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _calendar(days: Sequence[ActiveDay]) -> Text:
    """A GitHub-style grid: one column per week (Monday first), one row per weekday."""

    weeks = [days[start : start + 7] for start in range(0, len(days), 7)]
    busiest = max(day.attempts for day in days) or 1
    label_width = 4
    months = [" "] * (label_width + 2 * len(weeks) + 3)
    for index, week in enumerate(weeks):
        # A month is labelled over the week holding its 1st (the first week, whatever it holds).
        firsts = [cell.day for cell in week if cell.day.day == 1]
        label = firsts[0] if firsts else week[0].day if index == 0 else None
        position = label_width + 2 * index
        if label is not None and all(cell == " " for cell in months[position - 1 : position + 4]):
            months[position : position + 3] = f"{label:%b}"
    grid = Text.assemble(("\nActivity", "bold"), " over the last 26 weeks\n", "".join(months), "\n")
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        grid.append(f"{name:<{label_width}}")
        for week in weeks:
            if weekday < len(week):
                grid.append_text(_heat_cell(week[weekday].attempts, busiest))
            grid.append(" ")
        grid.append("\n")
    active = sum(1 for day in days if day.attempts)
    total = sum(day.attempts for day in days)
    grid.append(" " * label_width + "less · ")
    for glyph, style in zip(HEAT_GLYPHS, HEAT_STYLES, strict=True):
        grid.append(glyph, style)
        grid.append(" ")
    grid.append(f"more   {plural(total, 'attempt')} on {plural(active, 'day')}")
    return grid


def _heat_cell(attempts: int, busiest: int) -> Text:

    if not attempts:
        return Text("·", "grey35")
    shade = math.ceil(len(HEAT_GLYPHS) * attempts / busiest) - 1
    return Text(HEAT_GLYPHS[shade], HEAT_STYLES[shade])


def _attention(figures: ProgressStats) -> Text | None:
    if not figures.leeches and not figures.orphans and not figures.overridden_answers:
        return None
    lines = [Text.assemble(("\nNeeds attention", "bold"))]
    lines += [
        Text.assemble(("  leech  ", "red"), f"{leech.id}  failed {leech.lapses}× after learning")
        for leech in figures.leeches[:LISTED_AT_MOST]
    ]
    lines += _more(len(figures.leeches))
    lines += [
        Text.assemble(("  gone   ", "yellow"), f"{orphan}  has history, left the bank")
        for orphan in figures.orphans[:LISTED_AT_MOST]
    ]
    lines += _more(len(figures.orphans))
    if figures.overridden_answers:
        lines.append(
            Text.assemble(
                ("  marked   ", "yellow"),
                f"{plural(figures.overridden_answers, 'answer')} you marked right over the "
                "checker (`penpaper export` lists them as overridden)",
            )
        )
    if figures.leeches:
        lines.append(
            Text("  Leeches: reread the solution, or try an easier exercise first.", "dim")
        )
    return Text("\n").join(lines)


def _more(count: int) -> list[Text]:

    return [Text(f"  … and {count - LISTED_AT_MOST} more")] if count > LISTED_AT_MOST else []


def _next_step(figures: ProgressStats) -> Text:

    scope = "" if figures.topic is None else f" --topic {figures.topic}"
    if figures.due_today:
        step = f"{figures.due_today} due today: run `penpaper review{scope}`."
    else:
        unfinished = [t.topic for t in figures.topics if t.exercises_seen < t.exercises_total]
        step = (
            f"Nothing due today: learn something new with `penpaper drill {unfinished[0]}`."
            if unfinished
            else "Nothing due today, and every exercise is started: well done."
        )
    return Text("\n" + step, "cyan")
