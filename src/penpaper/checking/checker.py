"""``check_answer``: the public entry point, cheap checks here, the rest in a worker.

Argument errors (an unknown type, unusable ``symbols``, a broken key) raise
``ValueError``: they are bugs in the caller or the bank. Anything about the
learner's text returns a :class:`Verdict`. Choice and boolean answers are
settled in this process without loading sympy; every other key, answer and
listed mistake is read and compared in a worker process, under its time limit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from penpaper.bank.model import SELF_GRADED_TYPES
from penpaper.bank.summaries import ANSWER_TYPES
from penpaper.bank.symbols import SymbolError, parse_symbols
from penpaper.checking import worker
from penpaper.checking.choices import BooleanJudge, ChoiceJudge
from penpaper.checking.judges import FormsRequest, Request, run_judge
from penpaper.checking.limits import MAX_MISTAKES, MAX_TEXT_LENGTH, TIME_LIMIT_SECONDS
from penpaper.checking.names import function_called
from penpaper.checking.verdict import BankError, Verdict
from penpaper.checking.worker import TooLong, WorkerFailed

TOO_LONG = "this answer takes too long to check; try writing it more simply"


def check_answer(
    given: str,
    expected: str,
    type: str,
    symbols: Mapping[str, object] | None = None,
    tolerance: float | None = None,
    mistakes: Sequence[tuple[str, str]] = (),
    options: Sequence[str] = (),
    *,
    evaluate: bool = False,
    forbid: Sequence[str] = (),
    asks: str | None = None,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> Verdict:
    """Judge the learner's ``given`` answer against the key ``expected``.

    ``symbols`` is an exercise's ``symbols:`` mapping; ``tolerance`` a relative
    tolerance for numbers; ``mistakes`` (answer, feedback) pairs whose feedback
    is returned when the answer is equivalent to one; ``options`` the valid
    labels of a ``choice``; ``asks`` the name the part asks for (``c = -10`` is
    then read as -10; without it, any name the key does not use). A number,
    vector, matrix, set or tuple answer must be a value, not a computation such
    as ``det(...)`` or a matrix product, unless ``evaluate``; ``forbid`` names
    functions an answer may not use (a part that asks for a simplified form).
    ``derivation`` answers are self-graded and always ``undecided``. The
    checker spends at most ``time_limit`` seconds of CPU time on the answer
    (see :mod:`limits`); the first call also waits for the worker process to
    start, unless :func:`warm_up` started it earlier.
    """
    request = _request(
        given, expected, type, symbols, tolerance, mistakes, options, evaluate, forbid, asks
    )
    _check_time_limit(time_limit)
    settled = _settled_here(request)
    if settled is not None:
        return settled
    try:
        return _verdict(worker.pool.run(request, time_limit))
    except (TooLong, WorkerFailed) as error:
        return _stopped(error)


def check_each(
    texts: Sequence[str],
    expected: str,
    type: str,
    symbols: Mapping[str, object] | None = None,
    tolerance: float | None = None,
    options: Sequence[str] = (),
    *,
    evaluate: bool = False,
    forbid: Sequence[str] = (),
    asks: str | None = None,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> list[Verdict]:
    """:func:`check_answer` without mistakes for each of ``texts``, the key read only once.

    Each text gets its own ``time_limit``: after one that runs too long, the
    rest go to a fresh worker.
    """
    key = _request("", expected, type, symbols, tolerance, (), options, evaluate, forbid, asks)
    _check_time_limit(time_limit)
    results: list[Verdict | tuple[str, Any] | None] = [
        _settled_here(replace(key, given=text)) for text in texts
    ]
    pending = [index for index, result in enumerate(results) if result is None]
    while pending:
        job = FormsRequest(key, tuple(texts[index] for index in pending))
        try:
            for reply in worker.pool.replies(job, time_limit):
                results[pending.pop(0)] = reply
        except (TooLong, WorkerFailed) as error:
            results[pending.pop(0)] = _stopped(error)
    verdicts = []
    for result in results:
        assert result is not None, "every text got a verdict or a reply"
        verdicts.append(result if isinstance(result, Verdict) else _verdict(result))
    return verdicts


def forbidden_functions(names: Sequence[str]) -> frozenset[str]:
    """The functions ``names`` call (``ln`` is ``log``); a name that is none is a bank error."""
    canonical = set()
    for name in names:
        function = function_called(name)
        if function is None:
            raise ValueError(f"{name!r} is not a function penpaper knows (such as log, exp, sqrt)")
        canonical.add(function)
    return frozenset(canonical)


def _check_time_limit(seconds: float) -> None:
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"time_limit must be a positive number of seconds, got {seconds!r}")


def _settled_here(request: Request) -> Verdict | None:
    """The verdict when no worker is needed: self-graded, too long, a choice or a boolean."""
    if request.type in SELF_GRADED_TYPES:
        return Verdict("undecided", "derivations are self-graded: compare with the solution")
    if len(request.given) > MAX_TEXT_LENGTH:
        return Verdict(
            "invalid",
            f"the answer is too long ({len(request.given)} characters; at most {MAX_TEXT_LENGTH})",
        )
    if request.type == "choice":
        return run_judge(ChoiceJudge(request), request)
    if request.type == "boolean":
        return run_judge(BooleanJudge(request), request)
    return None


def _verdict(reply: tuple[str, Any]) -> Verdict:
    kind, payload = reply
    if kind == "bank-error":
        raise BankError(payload)
    if kind != "verdict":
        return Verdict("undecided", "could not judge this answer")
    assert isinstance(payload, Verdict)
    return payload


def _stopped(error: TooLong | WorkerFailed) -> Verdict:
    if isinstance(error, TooLong):
        return Verdict("undecided", TOO_LONG)
    return Verdict("undecided", "the checker stopped unexpectedly on this answer")


def warm_up() -> None:
    """Start the checker's worker process now, so that the first answer does not wait for it."""
    worker.pool.warm_up()


def _request(
    given: str,
    expected: str,
    type: str,
    symbols: Mapping[str, object] | None,
    tolerance: float | None,
    mistakes: Sequence[tuple[str, str]],
    options: Sequence[str],
    evaluate: bool,
    forbid: Sequence[str],
    asks: str | None,
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
    if len(mistakes) > MAX_MISTAKES:
        raise ValueError(f"{len(mistakes)} listed mistakes; at most {MAX_MISTAKES}")
    for number, (answer, _) in enumerate(mistakes, start=1):
        if len(answer) > MAX_TEXT_LENGTH:
            raise ValueError(f"mistake {number} is longer than {MAX_TEXT_LENGTH} characters")
    return Request(
        given,
        expected,
        type,
        declarations,
        tolerance,
        tuple((str(answer), str(note)) for answer, note in mistakes),
        tuple(options),
        evaluate,
        forbidden_functions(forbid),
        asks,
    )
