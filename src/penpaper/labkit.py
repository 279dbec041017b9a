"""Small text plots for labs: the numpy experiments that come with exercises.

A lab is a standalone script (``bank/<topic>/<slug>.py``) that a learner can run,
read and change. These helpers turn numbers into a few lines of text so that a
lab can show a histogram against a density, or a loss curve, in any terminal.
They take plain sequences, so they work with numpy arrays and lists alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``fraction`` × ``width`` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[rest] if rest else "")).ljust(width)


def bar_chart(labels: Sequence[str], values: Sequence[float], width: int = 40) -> str:
    """One labelled bar per value, scaled to the largest magnitude."""
    if len(labels) != len(values):
        raise ValueError("labels and values must have the same length")
    largest = max((abs(value) for value in values), default=0.0) or 1.0
    label_width = max((len(label) for label in labels), default=0)
    return "\n".join(
        f"{label:>{label_width}} │{_bar(abs(value) / largest, width)} {value:.4g}"
        for label, value in zip(labels, values, strict=True)
    )


def histogram(
    samples: Sequence[float],
    bins: int = 20,
    width: int = 40,
    density: Callable[[float], float] | None = None,
    value_range: tuple[float, float] | None = None,
) -> str:
    """A sideways histogram of ``samples`` as a density; ``density`` adds the curve as ``┼``.

    Each row is one bin: its centre, a bar for the empirical density, and where the
    reference density would put it, so the two shapes can be compared by eye.
    """
    values = [float(sample) for sample in samples]
    if not values:
        raise ValueError("histogram needs at least one sample")
    low, high = value_range or (min(values), max(values))
    if high <= low:
        high = low + 1.0
    step = (high - low) / bins
    counts = [0] * bins
    for value in values:
        if low <= value <= high:
            counts[min(int((value - low) / step), bins - 1)] += 1
    empirical = [count / (len(values) * step) for count in counts]
    centres = [low + (index + 0.5) * step for index in range(bins)]
    reference = [density(centre) for centre in centres] if density else []
    top = max([*empirical, *reference, 1e-300])
    lines = []
    for index, centre in enumerate(centres):
        row = list(_bar(empirical[index] / top, width))
        if reference:
            position = min(width - 1, round(reference[index] / top * (width - 1)))
            row[position] = "┼"
        suffix = f" {empirical[index]:.3f}" + (
            f" (curve {reference[index]:.3f})" if reference else ""
        )
        lines.append(f"{centre:>9.3g} │{''.join(row)}{suffix}")
    return "\n".join(lines)


def line_plot(
    xs: Sequence[float],
    ys: Sequence[float],
    width: int = 60,
    height: int = 12,
    log_y: bool = False,
) -> str:
    """A scatter of (x, y) on a character grid with the y range on the left; ``log_y`` for decay."""
    if len(xs) != len(ys) or len(xs) == 0:
        raise ValueError("line_plot needs two sequences of the same, non-zero length")
    points = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    if log_y:
        points = [(x, math.log10(y)) for x, y in points if y > 0]
    finite = [(x, y) for x, y in points if math.isfinite(x) and math.isfinite(y)]
    if not finite:
        raise ValueError("line_plot has no finite points to draw")
    x_low, x_high = min(x for x, _ in finite), max(x for x, _ in finite)
    y_low, y_high = min(y for _, y in finite), max(y for _, y in finite)
    x_span, y_span = (x_high - x_low) or 1.0, (y_high - y_low) or 1.0
    grid = [[" "] * width for _ in range(height)]
    for x, y in finite:
        column = round((x - x_low) / x_span * (width - 1))
        line_index = height - 1 - round((y - y_low) / y_span * (height - 1))
        grid[line_index][column] = "•"

    def label(value: float) -> str:
        return f"1e{value:.1f}" if log_y else f"{value:.3g}"

    lines = []
    for index, row in enumerate(grid):
        tick = label(y_high) if index == 0 else label(y_low) if index == height - 1 else ""
        lines.append(f"{tick:>9} │{''.join(row)}")
    lines.append(" " * 10 + "└" + "─" * width)
    lines.append(" " * 11 + f"{x_low:<.3g}".ljust(width - 8) + f"{x_high:>8.3g}")
    return "\n".join(lines)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned table; floats are shown with 6 significant digits."""

    def cell(value: object) -> str:
        return f"{value:.6g}" if isinstance(value, float) else str(value)

    text_rows = [[cell(value) for value in row] for row in rows]
    widths = [
        max(len(header), *(len(row[index]) for row in text_rows)) if text_rows else len(header)
        for index, header in enumerate(headers)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(value.rjust(width) for value, width in zip(values, widths, strict=True))

    return "\n".join(
        [line(headers), line(["─" * width for width in widths]), *(line(row) for row in text_rows)]
    )
