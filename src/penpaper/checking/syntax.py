"""The syntax tree an answer is parsed into: plain data, walked by the interpreter.

Nodes carry their ``start``/``end`` offsets in the original text so that a
message can quote the part of the answer it is about.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    start: int
    end: int


@dataclass(frozen=True)
class Number(Node):
    """A decimal literal, kept as text so it can be read exactly (``0.333`` is 333/1000)."""

    text: str


@dataclass(frozen=True)
class Name(Node):
    """A name as typed (subscripts normalised: ``x_{12}`` is ``x_12``)."""

    name: str


@dataclass(frozen=True)
class Unary(Node):
    operator: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    """``+``, ``-``, ``*`` or ``/``; ``implicit``: a ``*`` written as juxtaposition (``2x``)."""

    operator: str
    left: Node
    right: Node
    implicit: bool = False


@dataclass(frozen=True)
class Power(Node):
    """``base^exponent``; ``A^T`` and ``A^-1`` are told apart by the interpreter."""

    base: Node
    exponent: Node


@dataclass(frozen=True)
class TransposeMark(Node):
    """A transpose sign used as an exponent: ``A^⊤``, ``A^\\top``."""


@dataclass(frozen=True)
class Transpose(Node):
    """A postfix transpose: ``A'``, ``A.T``, ``Aᵀ``."""

    operand: Node


@dataclass(frozen=True)
class Factorial(Node):
    operand: Node


@dataclass(frozen=True)
class Call(Node):
    """``name(args)``: a function call, or a product when ``name`` is a symbol."""

    name: str
    arguments: tuple[Node, ...]


@dataclass(frozen=True)
class Bars(Node):
    """``|x|`` (absolute value) or ``||x||`` (Euclidean norm)."""

    norm: bool
    operand: Node


@dataclass(frozen=True)
class Bracket(Node):
    """``( … )``, ``[ … ]`` or ``{ … }`` around comma-separated items."""

    kind: str
    items: tuple[Node, ...]
    trailing_comma: bool = False

    @property
    def is_group(self) -> bool:
        """Round or curly brackets around one item only group it."""
        return self.kind in "({" and len(self.items) == 1 and not self.trailing_comma


@dataclass(frozen=True)
class Relation(Node):
    """``a = b``, or a directed edge ``A -> B`` / ``A <- B``."""

    operator: str
    left: Node
    right: Node


@dataclass(frozen=True)
class EmptySet(Node):
    pass


def ungroup(node: Node) -> Node:
    """The node inside any grouping brackets: ``((x))`` is ``x``."""
    while isinstance(node, Bracket) and node.is_group:
        node = node.items[0]
    return node


def descendants(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node in the trees of ``nodes``, roots included.

    A stack, not recursion: a sum of 400 terms is a tree 400 levels deep.
    """
    pending = list(nodes)
    while pending:
        node = pending.pop()
        yield node
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
    if isinstance(node, Call):
        return node.arguments
    return ()
