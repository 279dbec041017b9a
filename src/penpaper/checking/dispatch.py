"""One check, start to finish: the judge for the answer type, run on key and answer.

This runs inside the checker's worker process (see :mod:`worker`), where a
runaway computation can be killed; tests may also call it directly.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath  # type: ignore[import-untyped]

from penpaper.checking.choices import BooleanJudge, ChoiceJudge
from penpaper.checking.elements import ElementsJudge
from penpaper.checking.equations import EquationJudge
from penpaper.checking.judges import Judge, Request, run_judge
from penpaper.checking.numeric import PRECISION_DIGITS
from penpaper.checking.values import ValueJudge
from penpaper.checking.verdict import Verdict

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
