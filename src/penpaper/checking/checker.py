"""``check_answer``: the public entry point, cheap checks here, the rest in a worker.

Argument errors (an unknown type, unusable ``symbols``, a broken key) raise
``ValueError``: they are bugs in the caller or the bank. Anything about the
learner's text returns a :class:`Verdict`. Choice and boolean answers, and
text that does not even parse, are settled in this process without loading
sympy; everything else is judged in a worker process under a hard time limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence

from penpaper.bank.model import ANSWER_TYPES, SELF_GRADED_TYPES
from penpaper.bank.symbols import SymbolError, parse_symbols
from penpaper.checking.choices import BooleanJudge, ChoiceJudge
from penpaper.checking.judges import Request, read_key, read_mistake, run_judge
from penpaper.checking.limits import MAX_TEXT_LENGTH, TIME_LIMIT_SECONDS
from penpaper.checking.parsing import parse
from penpaper.checking.verdict import AnswerError, Verdict
from penpaper.checking.worker import WorkerPool

_SAFETY_MARGIN_SECONDS = 0.15
"""Kept back from the time limit for sending the answer and killing a stuck worker."""

_pool = WorkerPool()


def check_answer(
    given: str,
    expected: str,
    type: str,
    symbols: Mapping[str, object] | None = None,
    tolerance: float | None = None,
    mistakes: Sequence[tuple[str, str]] = (),
    options: Sequence[str] = (),
    *,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> Verdict:
    """Judge the learner's ``given`` answer against the key ``expected``.

    ``symbols`` is an exercise's ``symbols:`` mapping; ``tolerance`` a relative
    tolerance for numbers; ``mistakes`` (answer, feedback) pairs whose feedback
    is returned when the answer is equivalent to one; ``options`` the valid
    labels of a ``choice``. ``derivation`` answers are self-graded and always
    ``undecided``. Never takes more than ``time_limit`` seconds (two by default: a
    learner is waiting); checking a bank's keys may allow more on a busy machine.
    """
    started = time.monotonic()
    request = _request(given, expected, type, symbols, tolerance, mistakes, options)
    if type in SELF_GRADED_TYPES:
        return Verdict("undecided", "derivations are self-graded: compare with the solution")
    if len(given) > MAX_TEXT_LENGTH:
        return Verdict(
            "invalid",
            f"the answer is too long ({len(given)} characters; at most {MAX_TEXT_LENGTH})",
        )
    if type == "choice":
        return run_judge(ChoiceJudge(request), request)
    if type == "boolean":
        return run_judge(BooleanJudge(request), request)
    # A key or mistake that does not even parse is a bank bug: say so here, at once,
    # rather than let a busy worker turn it into "undecided".
    read_key(expected, parse)
    for number, (text, _) in enumerate(mistakes, start=1):
        read_mistake(number, text, parse)
    try:
        parse(given)
    except AnswerError as error:
        return Verdict("invalid", error.message)
    remaining = time_limit - _SAFETY_MARGIN_SECONDS - (time.monotonic() - started)
    return _pool.run(request, remaining)


def warm_up() -> None:
    """Start the checker's worker process now (it takes about a second the first time)."""
    _pool.warm_up()


def _request(
    given: str,
    expected: str,
    type: str,
    symbols: Mapping[str, object] | None,
    tolerance: float | None,
    mistakes: Sequence[tuple[str, str]],
    options: Sequence[str],
) -> Request:
    if type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {type!r}; expected one of {', '.join(ANSWER_TYPES)}")
    try:
        declarations = parse_symbols(symbols)
    except SymbolError as error:
        where = ".".join(str(part) for part in error.path)
        raise ValueError(f"symbols{'.' + where if where else ''}: {error.message}") from None
    if tolerance is not None and not (math.isfinite(tolerance) and tolerance >= 0):
        raise ValueError(f"tolerance must be a nonnegative number, got {tolerance!r}")
    if type not in SELF_GRADED_TYPES and not (isinstance(expected, str) and expected.strip()):
        raise ValueError(f"a {type!r} answer needs an expected answer")
    if len(expected) > MAX_TEXT_LENGTH:
        raise ValueError(f"the answer key is longer than {MAX_TEXT_LENGTH} characters")
    return Request(
        given,
        expected,
        type,
        declarations,
        tolerance,
        tuple((str(answer), str(note)) for answer, note in mistakes),
        tuple(options),
    )
