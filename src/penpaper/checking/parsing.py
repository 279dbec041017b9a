"""Tokens → syntax tree, by a small Pratt parser: nothing is ever evaluated as code.

Precedence, loosest first: ``,`` · ``=``/``->`` · ``+ -`` · ``* /`` and spaced
juxtaposition (``1/2 x`` is x/2) · tight juxtaposition (``1/2x`` is 1/(2x),
``2(x+1)``) · unary minus · ``^`` (right-associative) · postfix ``'``, ``!``,
``ᵀ``, ``.T``. A function name followed by an operand without brackets takes
that operand: ``sin 2x`` is sin(2x), ``log x y`` is log(x)·y.
"""

from __future__ import annotations

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
    SUPERSCRIPT,
    TRANSPOSE,
    Token,
    describe,
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


def parse(text: str) -> tuple[Node, ...]:
    """Parse an answer into its comma-separated top-level items (usually one)."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        count = len(self.tokens) - 1  # the end marker is not a symbol of the answer
        if count > MAX_TOKENS:
            raise AnswerError(f"the answer is too long ({count} symbols; at most {MAX_TOKENS})")
        self.index = 0
        self.depth = 0
        self.open_bars = 0

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

    def items(self, closer: str, opener: Token | None) -> tuple[tuple[Node, ...], bool]:
        """Comma-separated items up to ``closer`` (consumed); END closes the top level."""
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
        if token.kind == OPERATOR:
            bindings = {
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
            }
            if token.text in bindings:
                return bindings[token.text]
        if token.kind == SUPERSCRIPT:
            return _POWER
        if token.kind == TRANSPOSE:
            return _POSTFIX
        if self.starts_operand(token):
            return _PRODUCT if token.spaced else _TIGHT_PRODUCT
        return 0

    def infix(self, left: Node, power: int) -> Node:
        previous = self.peek(-1)
        token = self.advance()
        if token.kind == SUPERSCRIPT:
            return Power(left.start, token.end, left, _superscript_exponent(token))
        if token.kind == TRANSPOSE or token.text == "'":
            return Transpose(left.start, token.end, left)
        if token.kind != OPERATOR or token.text in _OPERAND_OPENERS:
            if token.kind == NUMBER and previous.kind in (NUMBER, SUPERSCRIPT):
                raise AnswerError(f"missing operator before {describe(token)}")
            self.index -= 1
            right = self.expression(power)
            return Binary(left.start, right.end, "*", left, right)
        if token.text == "!":
            return Factorial(left.start, token.end, left)
        if token.text == "^":
            exponent = self.transpose_letter() or self.expression(_POWER - 1)
            return Power(left.start, exponent.end, left, exponent)
        right = self.expression(power)
        if token.text in ("=", "->", "<-"):
            if self.infix_binding() == _RELATION:
                raise AnswerError(f"only one {token.text!r} is allowed: {describe(self.peek())}")
            return Relation(left.start, right.end, token.text, left, right)
        return Binary(left.start, right.end, token.text, left, right)

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
            return Binary(token.start, denominator.end, "/", numerator, denominator)
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
            if token.text in _CLOSING:
                items, trailing = self.items(_CLOSING[token.text], token)
                return Bracket(token.start, self.peek(-1).end, token.text, items, trailing)
            if token.text in _BARS:
                return self.bars(token)
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
        if self.at("^") or self.peek().kind == SUPERSCRIPT:
            marker = self.advance()
            exponent = (
                _superscript_exponent(marker)
                if marker.kind == SUPERSCRIPT
                else self.expression(_POWER - 1)
            )
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
        if self.at("{"):
            return self.prefix()
        if self.peek().kind == END:
            raise AnswerError(f"{describe(command)} needs an argument in braces")
        return self.prefix()

    def root(self, token: Token) -> Node:
        index: Node | None = None
        if token.text == "\\sqrt" and self.at("["):
            opener = self.advance()
            index = self.expression(0)
            self.expect("]", opener)
        radicand = self.prefix() if self.at("{") or self.at("(") else self.expression(_POWER - 1)
        if index is None:
            return Call(token.start, radicand.end, "sqrt", (radicand,))
        return Call(token.start, radicand.end, "root", (radicand, index))

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


def _superscript_exponent(token: Token) -> Node:
    sign, digits = token.text[:1], token.text.lstrip("+-")
    if not digits or not digits.isdigit() or len(token.text) - len(digits) > 1:
        raise AnswerError(f"unreadable superscript {token.text!r} at column {token.start + 1}")
    number = Number(token.start, token.end, digits)
    return Unary(token.start, token.end, sign, number) if sign in "+-" else number
