"""One job of the checker's worker process: judge an answer, or pretty-print a key.

This runs inside the worker (see :mod:`worker`), where a runaway computation
can be killed; tests may also call :func:`judge` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import mpmath  # type: ignore[import-untyped]

from penpaper.checking.choices import BooleanJudge, ChoiceJudge
from penpaper.checking.elements import ElementsJudge
from penpaper.checking.equations import EquationJudge
from penpaper.checking.judges import DisplayRequest, FormsRequest, Judge, Request, run_judge
from penpaper.checking.numeric import PRECISION_DIGITS
from penpaper.checking.symbolic import render_pretty
from penpaper.checking.values import ValueJudge
from penpaper.checking.verdict import BankError, Verdict

_JUDGES: dict[str, Callable[[Request], Judge]] = {
    "choice": ChoiceJudge,
    "boolean": BooleanJudge,
    "set": ElementsJudge,
    "tuple": ElementsJudge,
    "equation": EquationJudge,
    "expression": ValueJudge,
    "matrix-expression": ValueJudge,
    "matrix": ValueJudge,
    "vector": ValueJudge,
    "number": ValueJudge,
}


def judge(request: Request) -> Verdict:
    """Judge one answer; raises :class:`BankError` when the key or a mistake is unusable."""
    with mpmath.workdps(PRECISION_DIGITS):
        return run_judge(_JUDGES[request.type](request), request)


def perform(job: object) -> Iterator[tuple[str, Any]]:
    """The ``(kind, payload)`` replies to one job: one per answer judged or key shown.

    Never raises: a Python error is reported as kind ``error`` with its ``repr``
    for whoever debugs the checker; the caller turns it into a plain sentence.
    """
    if isinstance(job, FormsRequest):
        yield from _each_form(job)
    elif isinstance(job, DisplayRequest):
        yield _reply("display", render_pretty, job)
    elif isinstance(job, Request):
        yield _reply("verdict", judge, job)
    else:
        yield "error", f"unknown job {type(job).__name__}"


def _each_form(job: FormsRequest) -> Iterator[tuple[str, Any]]:
    request = job.request
    with mpmath.workdps(PRECISION_DIGITS):
        kind, type_judge = _reply("judge", _JUDGES[request.type], request)
        if kind != "judge":  # the key cannot be read: so it is for every form
            yield from [(kind, type_judge)] * len(job.forms)
            return
        for form in job.forms:
            yield _reply("verdict", run_judge, type_judge, replace(request, given=form))


def _reply(kind: str, compute: Callable[..., Any], *arguments: Any) -> tuple[str, Any]:
    """``(kind, result)``, or what went wrong as ``bank-error``, a verdict, or ``error``."""
    try:
        return kind, compute(*arguments)
    except BankError as error:
        return "bank-error", str(error)
    except MemoryError:
        return "verdict", Verdict("undecided", "this answer needs too much memory to check")
    except Exception as error:
        return "error", repr(error)[:200]


def warm_up() -> None:
    """Judge one trivial answer, so that the first real one finds every lazy cache filled."""
    judge(Request("x + 1", "1 + x", "expression", {}))
