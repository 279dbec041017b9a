"""Size and time bounds that keep a hostile answer or key from eating time or memory.

Each bound is far above what a real answer needs; they exist so that a paste of
50,000 characters, 300 nested brackets or ``9^9^9^9`` is refused or given up on
quickly instead of hanging a drill session. Keys, accepted forms and listed
mistakes are held to the same bounds: a bank is text from outside too.
"""

from __future__ import annotations

MAX_TEXT_LENGTH = 2_000
"""Characters in one answer, key or mistake: a 6×6 matrix of expressions fits easily."""

MAX_NESTING = 60
"""Levels of brackets, operators and function calls inside each other (the answer is level 1)."""

MAX_TOKENS = 800
"""Numbers, names, operators and brackets in one answer: a sum of 400 terms fits."""

MAX_MISTAKES = 50
"""Listed mistakes of one part: each may be compared with a wrong answer."""

MAX_INTEGER_DIGITS = 300
"""Digits in one number literal."""

MAX_DECIMAL_EXPONENT = 300
"""``1e300`` is accepted, ``1e999999`` is not."""

MAX_MAGNITUDE_BITS = 16_384
"""Values beyond 2**16384 (about 10**4932) count as too large to evaluate."""

MAX_FACTORIAL_ARGUMENT = 1_000
"""``factorial(1000)`` (about 10**2567) is fine; ``factorial(10^9)`` is refused unevaluated."""

TIME_LIMIT_SECONDS = 2.0
"""CPU time the checker may spend on one answer (or one key to display).

Starting the worker process and waiting for a busy CPU do not count; on a
system without ``/proc`` the wall time since the answer reached a ready worker
is counted instead.
"""

HARD_LIMIT_SECONDS = 20.0
"""Wall-clock cap for one answer whatever the machine's load: stops what stalls."""


def power_is_too_large(log2_base: float, exponent: float) -> bool:
    """Whether ``base ** exponent`` would exceed the magnitude bound, judged from logarithms.

    Signed: a tiny result (``0.5^1000``) is not too large. Exact arithmetic,
    where a tiny rational is as costly as a huge one, passes absolute values.
    """
    return exponent * log2_base > MAX_MAGNITUDE_BITS


WORKER_MEMORY_BYTES = 2 * 1024**3
"""Address space of the checker's worker process, so a memory bomb fails fast there."""
