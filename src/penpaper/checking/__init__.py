"""The safe symbolic answer checker: text in, :class:`Verdict` out, nothing evaluated as code.

Answers are parsed by a small grammar of our own (:mod:`lexing`,
:mod:`parsing`), interpreted with high-precision numbers at random points of
the declared domains (:mod:`sampling`, :mod:`numeric`, :mod:`comparing`),
with sympy only where numbers cannot decide (:mod:`symbolic`), inside a worker
process that is killed when a check runs past its time limit (:mod:`worker`).
"""

from __future__ import annotations

from penpaper.checking.checker import check_answer, warm_up
from penpaper.checking.exercise_keys import KeyProblem, answer_key_problems
from penpaper.checking.verdict import Verdict

__all__ = ["KeyProblem", "Verdict", "answer_key_problems", "check_answer", "warm_up"]
