"""What a typed name stands for: a declared symbol, a constant, a function, or a product.

A name is read in this order: a declared symbol (so ``E``, ``I``, ``N``,
``gamma`` or ``lambda`` declared by an exercise are plain symbols); a name the
answer key itself uses; ``e`` and ``pi``; a function; otherwise, if it splits
into known names (``xy`` → x·y, ``2pix`` → 2·pi·x), that product. A learner's
name that is none of these is a typo, not a wrong answer: :func:`stranger`
says so with a did-you-mean, and the answer is not counted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.lexing import GREEK_NAMES
from penpaper.checking.syntax import Call, Name, Node, Relation, descendants
from penpaper.checking.verdict import AnswerError

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


def stranger(
    text: str, nodes: tuple[Node, ...], vocabulary: Vocabulary, also: Iterable[str] = ()
) -> str:
    """Why the answer in ``nodes`` cannot be read, if it uses a name the exercise does not
    know (neither declared, nor in the key, nor in ``also``: its listed mistakes); else "".

    "unknown function sigmod — did you mean sigmoid?", "X is not a symbol of this
    exercise — did you mean x?". A declared symbol the key does not use is no
    stranger: the answer is read, and told that it depends on it.
    """
    known = vocabulary.declarations.keys() | vocabulary.key_names | set(also)
    # An unknown function is read as a name times a bracket: ``sigmod(x)``.
    called = {name for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", text)}
    if "T" not in known and re.search(r"\^\s*[({]?\s*T\b", text):
        known = known | {"T"}  # A^T: the transpose, not a symbol T
    for name in sorted(names_in(nodes, vocabulary)):
        unknown = [
            atom
            for atom in vocabulary.resolve(name)
            if atom not in known and atom not in CONSTANTS and not vocabulary.is_identity(atom)
        ]
        if not unknown:
            continue
        if name in called:
            return f"unknown function {name}{_did_you_mean(name, _FUNCTION_NAMES)}"
        word = unknown[0] if len(unknown) == 1 else name
        sign, operation, example = _BIG_OPERATORS.get(word, ("", "", ""))
        if sign and sign in text:
            return (
                f"{sign} is not a symbol of this exercise, nor read as a {operation}: "
                f"type the {operation} out ({example})"
            )
        symbols = sorted(vocabulary.declarations.keys() | vocabulary.key_names)
        hint = _did_you_mean(word, symbols) or _did_you_mean(word, _FUNCTION_NAMES)
        listed = f" (its symbols: {', '.join(symbols)})" if symbols and not hint else ""
        return f"{word} is not a symbol of this exercise{hint}{listed}"
    return ""


_BIG_OPERATORS = {"Sigma": ("Σ", "sum", "x_1 + x_2 + …"), "Pi": ("Π", "product", "x_1 x_2 …")}
"""Capital letters pasted as big operators (``Σx_i``) where the exercise does not declare them."""


def asked_value(text: str, nodes: tuple[Node, ...], asks: str | None, used: frozenset[str]) -> str:
    """The value in ``c = -10`` when c is what the part asks for, as text; else ``text``.

    A part may name what it asks for (``asks: c``); otherwise the name on the
    left must be one its key does not use (a number part asking for c, where
    ``x = 2x`` in a part whose key uses x stays an unreadable equation).
    """
    if len(nodes) != 1 or not isinstance(nodes[0], Relation) or nodes[0].operator != "=":
        return text
    named, value = nodes[0].left, nodes[0].right
    if not isinstance(named, Name) or (asks is None and named.name in used):
        return text
    if asks is not None and named.name != asks:
        raise AnswerError(f"this part asks for {asks}, not {named.name}: give the value of {asks}")
    return text[value.start : value.end]


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """" — did you mean x?" when one candidate is close: same letters in another case
    first, then difflib's closest spelling."""
    options = sorted(set(candidates))
    same = [c for c in options if c.lower() == word.lower() or c.replace("_", "") == word]
    swapped = [c for c in options if sorted(c) == sorted(word)]  # tahn for tanh
    close = same or swapped or difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" — did you mean {close[0]}?" if close else ""


def function_called(name: str) -> str | None:
    """The canonical function a name denotes when no declaration says otherwise."""
    if name.startswith(("log_", "ln_")):
        return "log"
    canonical = _ALIASES.get(name, name)
    return canonical if canonical in FUNCTION_ARITY else None


_FUNCTION_NAMES = frozenset(FUNCTION_ARITY) | frozenset(_ALIASES)


def log_base(name: str) -> str | None:
    """The base written into a ``log_2``-style name, if any."""
    return name.partition("_")[2] or None


def names_in(nodes: tuple[Node, ...], vocabulary: Vocabulary) -> frozenset[str]:
    """Names written in ``nodes`` that are not functions: the key's own vocabulary."""
    return frozenset(_walk_names(nodes, vocabulary))


def _walk_names(nodes: tuple[Node, ...], vocabulary: Vocabulary) -> Iterator[str]:
    for node in descendants(nodes):
        if isinstance(node, Name):
            yield node.name
        if isinstance(node, Call) and vocabulary.function(node.name) is None:
            yield node.name


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
