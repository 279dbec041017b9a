"""Tokens → syntax tree, by a small Pratt parser: nothing is ever evaluated as code.

Precedence, loosest first: ``,`` · ``=``/``->`` · ``+ -`` · ``*``, ``/`` and
juxtaposition, left to right · unary minus · ``^`` (right-associative) ·
postfix ``'``, ``!``, ``ᵀ``, ``.T``, ``%``. Juxtaposition is multiplication
whatever the spacing, so ``/`` divides by the one factor after it: ``1/2x``,
``1/2 x`` and ``1/2(x+1)`` are all one half times the rest (the verdict says
so: :mod:`traps`). A function name followed by an operand without brackets
takes that operand, juxtaposed factors and all: ``sin 2x`` is sin(2x),
``log x y`` is log(x)·y. Inside ``[ ]`` without commas, spaces separate
entries and ``;`` rows: ``[1 2; 3 4]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from penpaper.checking.lexing import (
    EMPTY_SET,
    END,
    FRACTION,
    MATRIX_BEGIN,
    MATRIX_END,
    NAME,
    NUMBER,
    OPERATOR,
    PREFIX_FUNCTIONS,
    ROOT,
    ROW_SEPARATOR,
    TRANSPOSE,
    Token,
    describe,
    root_index,
    tokenize,
)
from penpaper.checking.limits import MAX_NESTING, MAX_TOKENS
from penpaper.checking.names import function_called
from penpaper.checking.syntax import (
    Bars,
    Binary,
    Bracket,
    Call,
    EmptySet,
    Factorial,
    Name,
    Node,
    Number,
    Power,
    Relation,
    Transpose,
    TransposeMark,
    Unary,
)
from penpaper.checking.verdict import AnswerError

_RELATION, _SUM, _PRODUCT, _TIGHT_PRODUCT, _UNARY, _POWER, _POSTFIX = 5, 10, 20, 25, 30, 40, 50
_CLOSING = {"(": ")", "[": "]", "{": "}"}
_OPERAND_STARTS = frozenset({NUMBER, NAME, FRACTION, ROOT, MATRIX_BEGIN})
_OPERAND_OPENERS = frozenset({"(", "[", "{", "|", "‖"})
_BARS = frozenset({"|", "‖"})
_BINDINGS = {
    "=": _RELATION,
    "->": _RELATION,
    "<-": _RELATION,
    "+": _SUM,
    "-": _SUM,
    "*": _PRODUCT,
    "/": _PRODUCT,
    "^": _POWER,
    "'": _POSTFIX,
    "!": _POSTFIX,
    "%": _POSTFIX,
}
Parsed = TypeVar("Parsed")


def parse(text: str, *, number: bool = False) -> tuple[Node, ...]:
    """Parse an answer into its comma-separated top-level items (usually one).

    ``number``: the answer is one number (``7,087,872`` and ``33%`` are read).
    """
    return _Parser(text, number).parse()


class _Parser:
    def __init__(self, text: str, number: bool) -> None:
        self.text = text
        self.number = number
        self.tokens = tokenize(text, number=number)
        count = len(self.tokens) - 1  # the end marker is not a symbol of the answer
        if count > MAX_TOKENS:
            raise AnswerError(f"the answer is too long ({count} symbols; at most {MAX_TOKENS})")
        self.index = 0
        self.depth = 0
        self.open_bars = 0
        self.entries_by_space = False
        """Inside ``[a b]``: a space before an operand starts the next entry."""

    def parse(self) -> tuple[Node, ...]:
        if self.peek().kind == END:
            raise AnswerError("the answer is empty")
        items, _ = self.items(END, None)
        return items

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.peek()
        self.index += 1
        return token

    def at(self, text: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == OPERATOR and token.text == text

    def expect(self, text: str, opener: Token) -> Token:
        if self.at(text):
            return self.advance()
        found = self.peek()
        if found.kind == END:
            raise AnswerError(f"missing {text!r} to close {describe(opener)}")
        raise AnswerError(
            f"unexpected {describe(found)}: expected {text!r} to close {describe(opener)}"
        )

    def nested(self, parse: Callable[[], Parsed]) -> Parsed:
        """Parse inside brackets or bars, where spaces never separate entries."""
        outer, self.entries_by_space = self.entries_by_space, False
        try:
            return parse()
        finally:
            self.entries_by_space = outer

    def items(self, closer: str, opener: Token | None) -> tuple[tuple[Node, ...], bool]:
        """Comma-separated items up to ``closer`` (consumed); END closes the top level."""
        return self.nested(lambda: self.comma_items(closer, opener))

    def comma_items(self, closer: str, opener: Token | None) -> tuple[tuple[Node, ...], bool]:
        items: list[Node] = []
        trailing_comma = False
        while not self.closes(closer):
            items.append(self.expression(0))
            trailing_comma = self.at(",")
            if not trailing_comma:
                break
            self.advance()
        if opener is None:
            if self.peek().kind != END:
                raise AnswerError(f"unexpected {describe(self.peek())}")
        else:
            self.expect(closer, opener)
        return tuple(items), trailing_comma

    def closes(self, closer: str) -> bool:
        return self.peek().kind == END if closer == END else self.at(closer)

    def expression(self, binding: int) -> Node:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise AnswerError(
                f"the answer is nested too deeply (more than {MAX_NESTING} levels) "
                f"at column {self.peek().start + 1}"
            )
        try:
            left = self.prefix()
            while (power := self.infix_binding()) > binding:
                left = self.infix(left, power)
            return left
        finally:
            self.depth -= 1

    def starts_operand(self, token: Token) -> bool:
        if token.kind in _OPERAND_STARTS:
            return True
        if token.kind != OPERATOR or token.text not in _OPERAND_OPENERS:
            return False
        return token.text not in _BARS or self.open_bars == 0

    def infix_binding(self) -> int:
        token = self.peek()
        if self.entries_by_space and self.starts_entry(token):
            return 0
        if token.kind == OPERATOR and token.text in _BINDINGS:
            return _BINDINGS[token.text]
        if token.kind == TRANSPOSE:
            return _POSTFIX
        if self.starts_operand(token):
            return _PRODUCT if token.spaced else _TIGHT_PRODUCT
        return 0

    def starts_entry(self, token: Token) -> bool:
        """In ``[a b -c]``: a spaced operand, or a spaced sign stuck to what follows."""
        if not token.spaced:
            return False
        if token.kind == OPERATOR and token.text in "+-":
            return not self.peek(1).spaced and self.peek(1).kind != END
        return self.starts_operand(token)

    def infix(self, left: Node, power: int) -> Node:
        previous = self.peek(-1)
        token = self.advance()
        if token.kind == TRANSPOSE or token.text == "'":
            return Transpose(left.start, token.end, left)
        if token.kind != OPERATOR or token.text in _OPERAND_OPENERS:
            if token.kind == NUMBER and previous.kind == NUMBER:
                raise AnswerError(f"missing operator before {describe(token)}")
            self.index -= 1
            right = self.expression(power)
            return Binary(left.start, right.end, "*", left, right, implicit=True)
        if token.text == "!":
            return Factorial(left.start, token.end, left)
        if token.text == "%":
            return self.percent(left, token)
        if token.text == "^":
            exponent = self.transpose_letter() or self.expression(_POWER - 1)
            return Power(left.start, exponent.end, left, exponent)
        # ``/`` divides by one factor: whatever is juxtaposed after it multiplies the quotient.
        right = self.expression(_TIGHT_PRODUCT if token.text == "/" else power)
        if token.text in ("=", "->", "<-"):
            if self.infix_binding() == _RELATION:
                raise AnswerError(f"only one {token.text!r} is allowed: {describe(self.peek())}")
            return Relation(left.start, right.end, token.text, left, right)
        return Binary(left.start, right.end, token.text, left, right)

    def percent(self, left: Node, sign: Token) -> Node:
        if not self.number:
            raise AnswerError(
                f"'%' at column {sign.start + 1} is read in number answers only: "
                "write a fraction such as 33/100"
            )
        hundred = Number(sign.start, sign.end, "100")
        return Binary(left.start, sign.end, "/", left, hundred)

    def transpose_letter(self) -> Node | None:
        """``T`` right after ``^`` is never a call: ``X^T (y - X w)`` is a product."""
        letter = self.peek()
        if letter.kind != NAME or letter.text != "T":
            return None
        self.advance()
        return Name(letter.start, letter.end, letter.text)

    def prefix(self) -> Node:
        token = self.advance()
        if token.kind == NUMBER:
            return Number(token.start, token.end, token.text)
        if token.kind == NAME:
            return self.name(token)
        if token.kind == FRACTION:
            numerator = self.latex_argument(token)
            denominator = self.latex_argument(token)
            fraction = Binary(token.start, denominator.end, "/", numerator, denominator)
            return Bracket(token.start, denominator.end, "(", (fraction,))
        if token.kind == ROOT:
            return self.root(token)
        if token.kind == TRANSPOSE:
            return TransposeMark(token.start, token.end)
        if token.kind == EMPTY_SET:
            return EmptySet(token.start, token.end)
        if token.kind == MATRIX_BEGIN:
            return self.matrix_environment(token)
        if token.kind == OPERATOR:
            if token.text in ("-", "+"):
                operand = self.expression(_UNARY)
                return Unary(token.start, operand.end, token.text, operand)
            if token.text == "[":
                return self.nested(lambda: self.square(token))
            if token.text in _CLOSING:
                items, trailing = self.items(_CLOSING[token.text], token)
                return Bracket(token.start, self.peek(-1).end, token.text, items, trailing)
            if token.text in _BARS:
                return self.nested(lambda: self.bars(token))
        if token.kind == END:
            raise AnswerError(f"the answer stops too early after {describe(self.peek(-2))}")
        raise AnswerError(f"unexpected {describe(token)}")

    def name(self, token: Token) -> Node:
        """A name; a call when a function name (or several arguments) follows.

        ``X (X^T X)^-1`` is a product whose power belongs to the bracket, so only
        function names take the bracket after them as their argument list.
        """
        if self.at("(") and (function_called(token.text) or self.arguments_follow()):
            opener = self.advance()
            arguments, _ = self.items(")", opener)
            return Call(token.start, self.peek(-1).end, token.text, arguments)
        if token.text not in PREFIX_FUNCTIONS and not token.text.startswith("log_"):
            return Name(token.start, token.end, token.text)
        exponent: Node | None = None
        if self.at("^"):
            self.advance()
            exponent = self.expression(_POWER - 1)
        if self.at("("):
            opener = self.advance()
            arguments, _ = self.items(")", opener)
        elif self.starts_operand(self.peek()) or self.at("-"):
            arguments = (self.expression(_TIGHT_PRODUCT - 1),)
        elif exponent is None:
            return Name(token.start, token.end, token.text)
        else:
            raise AnswerError(f"{token.text!r} at column {token.start + 1} needs an argument")
        call = Call(token.start, self.peek(-1).end, token.text, arguments)
        return call if exponent is None else Power(token.start, call.end, call, exponent)

    def arguments_follow(self) -> bool:
        """Whether the bracket ahead holds several comma-separated items: ``f(x, y)``."""
        depth = 0
        for token in self.tokens[self.index :]:
            if token.kind == OPERATOR and token.text in "([{":
                depth += 1
            elif token.kind == OPERATOR and token.text in ")]}":
                depth -= 1
                if depth == 0:
                    return False
            elif depth == 1 and token.kind == OPERATOR and token.text == ",":
                return True
        return False

    def latex_argument(self, command: Token) -> Node:
        """One argument of ``\\frac``: a group in braces, else one character (``\\frac12``)."""
        if self.at("{"):
            return self.prefix()
        token = self.peek()
        if token.kind == END:
            raise AnswerError(f"{describe(command)} needs an argument in braces")
        written = self.text[token.start : token.end]
        if token.kind in (NUMBER, NAME) and len(written) > 1 and not written.startswith("\\"):
            rest = [
                Token(t.kind, t.text, t.start + token.start + 1, t.end + token.start + 1, False)
                for t in tokenize(written[1:])[:-1]
            ]
            first = Token(token.kind, written[0], token.start, token.start + 1, token.spaced)
            self.tokens[self.index : self.index + 1] = [first, *rest]
        return self.prefix()

    def root(self, token: Token) -> Node:
        index: Node | None = None
        written = root_index(token)
        if written:
            index = Number(token.start, token.end, written)
        elif token.text == "\\sqrt" and self.at("["):
            opener = self.advance()
            index = self.expression(0)
            self.expect("]", opener)
        radicand = self.prefix() if self.at("{") or self.at("(") else self.expression(_POWER - 1)
        if index is None:
            return Call(token.start, radicand.end, "sqrt", (radicand,))
        return Call(token.start, radicand.end, "root", (radicand, index))

    def square(self, opener: Token) -> Node:
        """``[a, b]`` a list, as ever; without commas ``[a b]`` is a row, ``[a; b]`` a column."""
        if not self.ahead_in_bracket(";") and (self.ahead_in_bracket(",") or self.at("]")):
            items, trailing = self.comma_items("]", opener)
            return Bracket(opener.start, self.peek(-1).end, "[", items, trailing)
        rows: list[Bracket] = []
        while not self.at("]"):
            start = self.peek().start
            self.entries_by_space = not self.ahead_in_bracket(",", stop=";")
            entries = [self.expression(0)]
            while self.at(",") or (self.entries_by_space and self.starts_entry(self.peek())):
                if self.at(","):
                    self.advance()
                entries.append(self.expression(0))
            rows.append(Bracket(start, self.peek(-1).end, "[", tuple(entries)))
            if not self.at(";"):
                break
            self.advance()
        self.expect("]", opener)
        end = self.peek(-1).end
        if len(rows) == 1 and len(rows[0].items) == 1:
            return Bracket(opener.start, end, "[", rows[0].items)  # [x]: one entry
        return Bracket(opener.start, end, "[", tuple(rows))

    def ahead_in_bracket(self, separator: str, stop: str = "") -> bool:
        """Whether ``separator`` comes before the bracket open here closes (or before ``stop``)."""
        depth = 0
        for token in self.tokens[self.index :]:
            if token.kind != OPERATOR:
                continue
            if token.text in "([{":
                depth += 1
            elif token.text in ")]}":
                depth -= 1
                if depth < 0:
                    return False
            elif depth == 0 and token.text == stop:
                return False
            elif depth == 0 and token.text == separator:
                return True
        return False

    def bars(self, opener: Token) -> Node:
        norm = opener.text == "‖" or (self.at("|") and not self.peek().spaced)
        if norm and opener.text == "|":
            self.advance()
        self.open_bars += 1
        try:
            operand = self.expression(0)
        finally:
            self.open_bars -= 1
        closer = "|" if not norm else "‖"
        if norm and self.at("|") and self.at("|", 1):
            self.advance()  # the first of two bars closing a norm; expect() takes the second
            closer = "|"
        closing = self.expect(closer, opener)
        return Bars(opener.start, closing.end, norm, operand)

    def matrix_environment(self, begin: Token) -> Node:
        rows: list[Node] = []
        while self.peek().kind != MATRIX_END:
            row_start = self.peek().start
            entries = [self.expression(0)]
            while self.at("&") or self.at(","):
                self.advance()
                entries.append(self.expression(0))
            rows.append(Bracket(row_start, self.peek(-1).end, "[", tuple(entries)))
            if self.peek().kind == ROW_SEPARATOR:
                self.advance()
            elif self.peek().kind != MATRIX_END:
                raise AnswerError(f"unexpected {describe(self.peek())} inside {describe(begin)}")
        end = self.advance()
        return Bracket(begin.start, end.end, "[", tuple(rows))

