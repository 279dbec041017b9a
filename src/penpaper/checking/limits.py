"""Size and time bounds that keep a hostile answer from eating time or memory.

Each bound is far above what a real answer needs; they exist so that a paste of
50,000 characters, 300 nested brackets or ``9^9^9^9`` is refused or given up on
quickly instead of hanging a drill session.
"""

from __future__ import annotations

MAX_TEXT_LENGTH = 2_000
"""Characters in one answer: a 6×6 matrix of expressions fits easily."""

MAX_NESTING = 60
"""Brackets, operators and function calls nested inside each other."""

MAX_TOKENS = 800
"""Numbers, names, operators and brackets in one answer; bounds the tree's node count."""

MAX_INTEGER_DIGITS = 300
"""Digits in one number literal."""

MAX_DECIMAL_EXPONENT = 300
"""``1e300`` is accepted, ``1e999999`` is not."""

MAX_MAGNITUDE_BITS = 4_096
"""Values beyond 2**4096 (about 10**1233) count as too large to evaluate."""

MAX_FACTORIAL_ARGUMENT = 1_000
"""``factorial(1000)`` is fine; ``factorial(10^9)`` is refused before it is computed."""

TIME_LIMIT_SECONDS = 2.0
"""Hard wall-clock bound for one whole check, whatever the input."""


def power_is_too_large(log2_base: float, exponent: float) -> bool:
    """Whether ``base ** exponent`` would exceed the magnitude bound, judged from logarithms."""
    return abs(exponent) * abs(log2_base) > MAX_MAGNITUDE_BITS


WORKER_MEMORY_BYTES = 2 * 1024**3
"""Address space of the checker's worker process, so a memory bomb fails fast there."""
