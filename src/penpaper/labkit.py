"""Small text plots for labs, and the numbers of the instance a learner saw.

A lab is a standalone script (``bank/<topic>/<slug>.py``) that a learner can run,
read and change. These helpers turn numbers into a few lines of text so that a
lab can show a histogram against a density, or a loss curve, in any terminal.
They take plain sequences, so they work with numpy arrays and lists alike.
:func:`parameters` gives the lab of a parameterised exercise the values of the
instance the learner worked on, so the experiment is about their numbers.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from fractions import Fraction

BLOCKS = " ▏▎▍▌▋▊▉█"
PARAMETERS_VARIABLE = "PENPAPER_PARAMETERS"
"""How ``penpaper lab`` hands a lab its instance's values: a JSON object of name to a
whole number, an exact fraction as text (``"1/10"``), or a matrix as a list of rows."""

LabValue = float | list["LabValue"]


def parameters(**originals: LabValue) -> dict[str, LabValue]:
    """The instance's values, by name: ``a, eta = parameters(a=3, eta=0.1).values()``.

    Run by ``penpaper lab``, a lab gets the values of the instance the learner
    saw; run by hand (``python lab.py``), it gets ``originals``, the values of the
    original instance (seed 0). Numbers come as floats and matrices as lists of
    rows of floats, ready for numpy; only the names in ``originals`` are read.
    """
    try:
        given = json.loads(os.environ.get(PARAMETERS_VARIABLE) or "{}")
        return {name: _lab_value(given.get(name, value)) for name, value in originals.items()}
    except (ValueError, TypeError, AttributeError, ZeroDivisionError):
        raise ValueError(f"{PARAMETERS_VARIABLE} is not a JSON object of numbers") from None


def _lab_value(value: object) -> LabValue:
    if isinstance(value, list):
        return [_lab_value(item) for item in value]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(value)
    return float(Fraction(value))


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
