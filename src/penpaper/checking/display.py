"""Answer keys shown to a person: sympy's Unicode pretty-printing where it reads better.

Used after an attempt, next to the worked solution. Scalars and matrices of
scalars are pretty-printed; matrix expressions, sets, choices and anything
sympy cannot build are shown as the author wrote them. The key is bank text:
it is rendered in a checker worker under the checker's time limit, never
evaluated in this process (see :func:`symbolic.render_pretty`).
"""

from __future__ import annotations

from collections.abc import Mapping

from penpaper.bank.model import Exercise, Part
from penpaper.bank.symbols import SymbolError, parse_symbols
from penpaper.checking import worker
from penpaper.checking.judges import DisplayRequest
from penpaper.checking.limits import TIME_LIMIT_SECONDS
from penpaper.checking.worker import TooLong, WorkerFailed

PRETTY_TYPES = frozenset({"expression", "number", "matrix", "vector"})


def pretty_key(exercise: Exercise, part: Part) -> str | None:
    """A part's key as shown beside its worked solution; None for a derivation."""
    key = part.answer
    return None if key.expect is None else pretty_answer(key.expect, key.type, exercise.raw_symbols)


def pretty_answer(text: str, answer_type: str, symbols: Mapping[str, object] | None) -> str:
    """``text`` pretty-printed when that helps, else ``text`` itself."""
    if answer_type not in PRETTY_TYPES:
        return text
    try:
        request = DisplayRequest(text, answer_type, parse_symbols(symbols))
        kind, payload = worker.pool.run(request, TIME_LIMIT_SECONDS)
    except (SymbolError, TooLong, WorkerFailed):
        return text
    return str(payload) if kind == "display" else text
