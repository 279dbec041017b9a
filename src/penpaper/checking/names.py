"""What a typed name stands for: a declared symbol, a constant, a function, or a product.

A name is read in this order: a declared symbol (so ``E``, ``I``, ``N``,
``gamma`` or ``lambda`` declared by an exercise are plain symbols); a name the
answer key itself uses; ``e`` and ``pi``; a function; otherwise, if it splits
into known names (``xy`` → x·y, ``2pix`` → 2·pi·x), that product; otherwise a
new real symbol, so that "your answer depends on y" can be told.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.lexing import GREEK_NAMES
from penpaper.checking.syntax import (
    Bars,
    Binary,
    Bracket,
    Call,
    Factorial,
    Name,
    Node,
    Power,
    Relation,
    Transpose,
    Unary,
)

CONSTANTS = frozenset({"e", "pi"})
IDENTITY = "I"
FUNCTION_ARITY: dict[str, tuple[int, int]] = {
    **{
        name: (1, 1)
        for name in [
            "sqrt",
            "exp",
            "sin",
            "cos",
            "tan",
            "sec",
            "csc",
            "cot",
            "asin",
            "acos",
            "atan",
            "sinh",
            "cosh",
            "tanh",
            "asinh",
            "acosh",
            "atanh",
            "abs",
            "sign",
            "floor",
            "ceil",
            "erf",
            "gamma",
            "loggamma",
            "digamma",
            "factorial",
            "sigmoid",
            "softplus",
            "tr",
            "det",
            "inv",
            "transpose",
            "norm",
        ]
    },
    "log": (1, 2),
    "root": (2, 2),
    "binomial": (2, 2),
    "max": (2, 10),
    "min": (2, 10),
}
_ALIASES = {
    "ln": "log",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "trace": "tr",
    "Tr": "tr",
    "binom": "binomial",
    "choose": "binomial",
    "lgamma": "loggamma",
    "ceiling": "ceil",
    "Gamma": "gamma",
    "logistic": "sigmoid",
    "sigma": "sigmoid",  # σ(x) in ML texts; a declared sigma stays a symbol
}


@dataclass(frozen=True)
class Vocabulary:
    """The names an answer is read against: the exercise's and those of the key."""

    declarations: Mapping[str, SymbolDeclaration]
    key_names: frozenset[str] = frozenset()
    identity_is_matrix: bool = False

    def function(self, name: str) -> str | None:
        """The canonical function ``name`` calls, unless it is declared as a symbol."""
        return None if name in self.declarations else function_called(name)

    def resolve(self, name: str) -> tuple[str, ...]:
        """The atoms a typed name stands for: itself, or the factors it splits into."""
        known = self.declarations.keys() | self.key_names
        if name in known or name in CONSTANTS or name in GREEK_NAMES:
            return (name,)
        # p1 for p_1, and p1p2 for p_1 p_2: subscripts typed without the underscore.
        spelled = {candidate.replace("_", ""): candidate for candidate in known}
        if name in spelled:
            return (spelled[name],)
        pieces = _split(name, frozenset(known | CONSTANTS | spelled.keys()))
        return tuple(spelled.get(piece, piece) for piece in pieces) if pieces else (name,)

    def is_identity(self, atom: str) -> bool:
        return atom == IDENTITY and self.identity_is_matrix and atom not in self.declarations


def function_called(name: str) -> str | None:
    """The canonical function a name denotes when no declaration says otherwise."""
    if name.startswith(("log_", "ln_")):
        return "log"
    canonical = _ALIASES.get(name, name)
    return canonical if canonical in FUNCTION_ARITY else None


def log_base(name: str) -> str | None:
    """The base written into a ``log_2``-style name, if any."""
    return name.partition("_")[2] or None


def names_in(nodes: tuple[Node, ...], vocabulary: Vocabulary) -> frozenset[str]:
    """Names written in ``nodes`` that are not functions: the key's own vocabulary."""
    return frozenset(_walk_names(nodes, vocabulary))


def _walk_names(nodes: tuple[Node, ...], vocabulary: Vocabulary) -> Iterator[str]:
    # A stack, not recursion: a sum of 400 terms is a tree 400 levels deep.
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, Name):
            yield node.name
        elif isinstance(node, Call):
            if vocabulary.function(node.name) is None:
                yield node.name
            pending.extend(node.arguments)
        else:
            pending.extend(_children(node))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Unary | Transpose | Factorial | Bars):
        return (node.operand,)
    if isinstance(node, Binary | Relation):
        return (node.left, node.right)
    if isinstance(node, Power):
        return (node.base, node.exponent)
    if isinstance(node, Bracket):
        return node.items
    return ()


def _split(name: str, parts: frozenset[str]) -> tuple[str, ...] | None:
    """Split ``name`` into two or more ``parts``, preferring long parts; None if impossible."""
    if len(name) > 12 or not name.isalnum():
        return None
    found = _split_cached(name, parts)
    return found if found and len(found) > 1 else None


@lru_cache(maxsize=4096)
def _split_cached(name: str, parts: frozenset[str]) -> tuple[str, ...] | None:
    if not name:
        return ()
    for length in range(len(name), 0, -1):
        if name[:length] in parts:
            rest = _split_cached(name[length:], parts)
            if rest is not None:
                return (name[:length], *rest)
    return None
