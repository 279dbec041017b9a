"""Judges ``set`` (order-free) and ``tuple`` (ordered) answers.

Brackets are optional: ``{B, C}``, ``B, C`` and, for sets, ``(B, C)`` are the
same set; a tuple may use ``( )`` or ``[ ]`` but not ``{ }``; ``{}`` and ``∅``
are the empty set. When every element of the key is a name or an edge
(``A-B`` undirected, ``A->B`` directed, nodes may be numbered), elements are
compared as graph names, exactly and case-sensitively; otherwise each element
is an expression, compared by value at random draws like an ``expression``,
and an element without symbols is a number held to the part's rule on values
(:mod:`computations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from penpaper.checking import feedback
from penpaper.checking.comparing import Evaluation, Evaluator, compare, rounded
from penpaper.checking.computations import ValueRule
from penpaper.checking.judges import Finding, Request, read_key
from penpaper.checking.names import Vocabulary, names_in
from penpaper.checking.parsing import parse
from penpaper.checking.sampling import Sampler
from penpaper.checking.syntax import Binary, Bracket, EmptySet, Name, Node, Number, Relation
from penpaper.checking.verdict import AnswerError

GraphElement = str | frozenset[str] | tuple[str, str]


@dataclass(frozen=True)
class Elements:
    nodes: tuple[Node, ...]
    text: str
    graph: tuple[GraphElement, ...] | None
    values: tuple[Evaluation, ...] = ()


class ElementsJudge:
    answer_names: Vocabulary | None = None  # its names are labels or nodes, not symbols

    def __init__(self, request: Request) -> None:
        self.ordered = request.type == "tuple"
        self.tolerance = request.tolerance
        key_nodes = read_key(request.expected, self.split)
        self.graph_mode = all(_is_graph_element(n) for n in key_nodes) and any(
            isinstance(node, Name | Binary | Relation) for node in key_nodes
        )
        plain = Vocabulary(request.declarations)
        self.vocabulary = Vocabulary(request.declarations, names_in(key_nodes, plain))
        self.draws = Sampler(request.declarations, seed=request.expected).draws(8)
        rule = ValueRule.of(request)
        self.values_only = rule.values_only
        self.number_evaluator = Evaluator(self.vocabulary, self.draws, rule.backend())
        # An element with symbols is an expression: only the part's forbidden functions apply.
        expressions = replace(rule, values_only=False)
        self.evaluator = Evaluator(self.vocabulary, self.draws, expressions.backend())
        self.key: Elements = read_key(request.expected, self.read)

    def split(self, text: str) -> tuple[Node, ...]:
        """The elements written in ``text``, with or without enclosing brackets."""
        items = parse(text)
        if len(items) != 1:
            return items
        only = items[0]
        if isinstance(only, EmptySet):
            return ()
        if not isinstance(only, Bracket):
            return items
        if self.ordered and only.kind == "{":
            raise AnswerError("a tuple is ordered: write it with ( ), not { }")
        return only.items

    def read(self, text: str) -> Elements:
        nodes = self.split(text)
        if self.graph_mode:
            return Elements(nodes, text, tuple(_graph_element(node, text) for node in nodes))
        values = tuple(self.evaluate(node, text) for node in nodes)
        return Elements(nodes, text, None, values)

    def evaluate(self, node: Node, text: str) -> Evaluation:
        """An element whose value depends on no symbol is a number, held to the part's rule
        on values; any other is an expression."""
        evaluation = self.evaluator.evaluate(node, text)
        if evaluation.symbols or not self.values_only:
            return evaluation
        return self.number_evaluator.evaluate(node, text)

    def compare(self, given: Elements, expected: Elements) -> Finding:
        if len(given.nodes) != len(expected.nodes) and self.ordered:
            return Finding(
                "different", f"expected {len(expected.nodes)} entries, got {len(given.nodes)}"
            )
        if given.graph is not None and expected.graph is not None:
            return self.compare_graph(given.graph, expected.graph)
        same = [[self.same(g, k) for k in expected.values] for g in given.values]
        if self.ordered:
            wrong = [i for i, row in enumerate(same) if not row[i]]
            if not wrong:
                return Finding("equal")
            if _matches_all(same) and _matches_all(_transposed(same)):
                return Finding("different", "the right entries, in the wrong order")
            if all(rounded(given.values[i], expected.values[i]) for i in wrong):
                return Finding("different", feedback.not_exact_message(len(wrong)))
            return Finding("different", _positions_message([i + 1 for i in wrong]))
        extra = [i for i, row in enumerate(same) if not any(row)]
        missing = [j for j in range(len(expected.values)) if not any(row[j] for row in same)]
        if not extra and not missing:
            return Finding("equal")
        if len(extra) == len(missing) and all(
            any(rounded(given.values[i], expected.values[j]) for j in missing) for i in extra
        ):
            return Finding("different", feedback.not_exact_message(len(extra)))
        extra_text = [_quote(given.text, given.nodes[i]) for i in extra]
        return Finding("different", _set_message(extra_text, len(missing)))

    def same(self, given: Evaluation, expected: Evaluation) -> bool:
        return compare(given, expected, self.draws, self.tolerance).status == "equal"

    def compare_graph(
        self, given: Sequence[GraphElement], expected: Sequence[GraphElement]
    ) -> Finding:
        if self.same_graph(given, expected):
            return Finding("equal")
        if self.same_graph(_folded(given), _folded(expected)):
            if _unambiguous(expected):  # {c, d} for {C, D}: read as the key's names
                names = ", ".join(_show(element) for element in expected)
                return Finding("equal", f"read as {names}: names are case-sensitive")
            return Finding("different", "names are case-sensitive")
        if self.ordered:
            if sorted(map(_show, given)) == sorted(map(_show, expected)):
                return Finding("different", "the right entries, in the wrong order")
            wrong = [i + 1 for i, (g, k) in enumerate(zip(given, expected, strict=True)) if g != k]
            return Finding("different", _positions_message(wrong))
        if _undirected(given) == _undirected(expected):
            return Finding("different", "the right connections, but check the edge directions")
        extra = [_show(element) for element in given if element not in expected]
        missing = len(set(expected) - set(given))
        return Finding("different", _set_message(extra, missing))

    def same_graph(self, given: Sequence[GraphElement], expected: Sequence[GraphElement]) -> bool:
        return list(given) == list(expected) if self.ordered else set(given) == set(expected)


def _is_graph_element(node: Node) -> bool:
    if isinstance(node, Binary | Relation):
        operator_ok = node.operator in ("-", "->", "<-")
        return operator_ok and _is_node_name(node.left) and _is_node_name(node.right)
    return _is_node_name(node)


def _is_node_name(node: Node) -> bool:
    return isinstance(node, Name) or (isinstance(node, Number) and node.text.isdigit())


def _node_name(node: Node) -> str:
    return node.name if isinstance(node, Name) else node.text if isinstance(node, Number) else ""


def _graph_element(node: Node, text: str) -> GraphElement:
    if not _is_graph_element(node):
        raise AnswerError(f"{_quote(text, node)} is not a name or an edge such as A-B or A->B")
    if isinstance(node, Binary | Relation):
        left, right = _node_name(node.left), _node_name(node.right)
        if node.operator == "-":
            return frozenset((left, right))
        return (left, right) if node.operator == "->" else (right, left)
    return _node_name(node)


def _fold(name: str) -> str:
    """A name with case and underscores ignored: fC, f_C and FC fold alike."""
    return name.replace("_", "").lower()


def _folded(elements: Sequence[GraphElement]) -> list[GraphElement]:
    def fold(element: GraphElement) -> GraphElement:
        if isinstance(element, str):
            return _fold(element)
        if isinstance(element, frozenset):
            return frozenset(_fold(name) for name in element)
        return (_fold(element[0]), _fold(element[1]))

    return [fold(element) for element in elements]


def _unambiguous(elements: Sequence[GraphElement]) -> bool:
    """No two of the key's names fold alike, so a folded answer means one reading only."""
    names = {
        name
        for element in elements
        for name in ((element,) if isinstance(element, str) else element)
    }
    return len({_fold(name) for name in names}) == len(names)


def _undirected(elements: Sequence[GraphElement]) -> set[Any]:
    return {frozenset(element) if isinstance(element, tuple) else element for element in elements}


def _show(element: GraphElement) -> str:
    if isinstance(element, str):
        return element
    if isinstance(element, frozenset):
        return "-".join(sorted(element))
    return "->".join(element)


def _quote(text: str, node: Node) -> str:
    """The learner's text for ``node`` on one line (a verdict is one line)."""
    return " ".join(text[node.start : node.end].split())


def _transposed(table: list[list[bool]]) -> list[list[bool]]:
    return [list(column) for column in zip(*table, strict=True)] if table else []


def _matches_all(table: list[list[bool]]) -> bool:
    return all(any(row) for row in table)


def _positions_message(positions: list[int]) -> str:
    listed = ", ".join(str(p) for p in positions[:4])
    return f"entry {listed} is wrong" if len(positions) == 1 else f"entries {listed} are wrong"


def _set_message(extra: list[str], missing: int) -> str:
    parts = []
    if extra:
        parts.append(f"{', '.join(extra[:3])} {'is' if len(extra) == 1 else 'are'} not in the set")
    if missing:
        parts.append(f"{missing} element{'s' if missing > 1 else ''} missing")
    return "; ".join(parts)
