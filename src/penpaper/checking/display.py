"""Answer keys shown to a person: sympy's Unicode pretty-printing where it reads better.

Used after an attempt, next to the worked solution. Scalars and matrices of
scalars are pretty-printed; matrix expressions, sets, choices and anything
sympy cannot build are shown as the author wrote them. Keys come from the
bank, parsed by the checker's own grammar: nothing here evaluates text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from penpaper.bank.model import Exercise, Part
from penpaper.bank.symbols import parse_symbols
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.parsing import parse
from penpaper.checking.symbolic import Unsupported, to_sympy
from penpaper.checking.syntax import Bracket, Node
from penpaper.checking.verdict import AnswerError

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
        nodes = parse(text)
        if len(nodes) != 1:
            return text
        declarations = parse_symbols(symbols)
        plain = Vocabulary(declarations)
        vocabulary = Vocabulary(declarations, names_in(nodes, plain))
        value = _to_sympy(nodes[0], text, vocabulary)
        return str(sympy.pretty(value, use_unicode=True))
    except (AnswerError, Unsupported, ValueError, TypeError, ArithmeticError):
        return text


def _to_sympy(node: Node, text: str, vocabulary: Vocabulary) -> Any:
    """A scalar, or a sympy Matrix when ``node`` is a bracketed list of scalars or rows."""
    if isinstance(node, Bracket) and node.kind == "[":
        rows = [
            list(item.items) if isinstance(item, Bracket) and item.kind == "[" else [item]
            for item in node.items
        ]
        return sympy.Matrix([[to_sympy(entry, text, vocabulary) for entry in row] for row in rows])
    return to_sympy(node, text, vocabulary)
