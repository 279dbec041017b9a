"""How an answer was read, said out loud where the reading is a known trap.

One rule reads every answer (see :mod:`parsing`): juxtaposition is
multiplication, and ``/`` divides by the one factor after it. Learners and
that rule part ways at a few spots, so there the verdict states the reading,
right or wrong: a factor juxtaposed right after a division (``1/2x``,
``1/2 (x+1)``, ``a/bc``), a division right after an exponent written without
brackets (``x^1/2``, ``x^-1/2``), and a factor juxtaposed after a signed
exponent without brackets (``e^-2x``).
"""

from __future__ import annotations

from penpaper.checking.names import Vocabulary
from penpaper.checking.syntax import Binary, Name, Node, Number, Power, Unary, descendants

MAX_STATED = 3
"""Readings named in one verdict; a long answer with many traps gets the first few."""


def stated_reading(text: str, nodes: tuple[Node, ...], vocabulary: Vocabulary | None) -> str:
    """"read as (1/2)·(x+1)" for each trap in ``nodes`` (parsed from ``text``), or ""."""
    found = sorted(
        (node.start, reading)
        for node in descendants(nodes)
        if isinstance(node, Binary) and (reading := _trap(text, node, vocabulary))
    )
    readings = list(dict.fromkeys(reading for _, reading in found))[:MAX_STATED]
    return "read as " + "; ".join(readings) if readings else ""


def _trap(text: str, node: Binary, vocabulary: Vocabulary | None) -> str | None:
    left, right = node.left, node.right
    if node.implicit and isinstance(left, Binary) and left.operator == "/":
        return f"({_quote(text, left)})·{_quote(text, right)}"
    if node.implicit and isinstance(left, Power) and isinstance(left.exponent, Unary):
        return f"({_quote(text, left)})·{_quote(text, right)}"
    if node.operator != "/":
        return None
    if isinstance(left, Power) and isinstance(left.exponent, Number | Unary):
        return f"({_quote(text, left)})/{_quote(text, right)}"
    if isinstance(right, Name) and vocabulary is not None:
        first, *rest = vocabulary.resolve(right.name)
        if rest:
            return f"({_quote(text, left)}/{first})·{'·'.join(rest)}"
    return None


def _quote(text: str, node: Node) -> str:
    """The learner's own text for ``node``, on one line."""
    return " ".join(text[node.start : node.end].split())
