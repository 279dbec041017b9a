"""What every answer type's judge shares: the request, the protocol, the flow of a check.

Kept free of sympy and mpmath so that choice and boolean answers can be judged
in the caller's process without loading them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from penpaper.bank.symbols import SymbolDeclaration
from penpaper.checking.names import Vocabulary, asked_value, names_in, stranger
from penpaper.checking.parsing import parse
from penpaper.checking.syntax import Node
from penpaper.checking.traps import stated_reading
from penpaper.checking.verdict import AnswerError, BankError, Verdict

_LABEL_TYPES = frozenset({"choice", "boolean"})
"""Answers that are labels, not maths: read by their own judge only."""


@dataclass(frozen=True)
class Finding:
    """How a given answer relates to one reference (the key or a listed mistake)."""

    status: Literal["equal", "different", "unknown"]
    message: str = ""


@dataclass(frozen=True)
class Request:
    """Everything one check needs, as plain picklable data."""

    given: str
    expected: str
    type: str
    declarations: Mapping[str, SymbolDeclaration]
    tolerance: float | None = None
    mistakes: tuple[tuple[str, str], ...] = ()
    options: tuple[str, ...] = ()
    evaluate: bool = False
    forbid: frozenset[str] = frozenset()
    """Canonical names of the functions the part forbids (``ln`` is ``log``)."""
    asks: str | None = None
    """The name the part asks for: ``c = -10`` is read as -10."""


@dataclass(frozen=True)
class FormsRequest:
    """Several answers judged against one key, read once: checking a bank's keys.

    ``request.given`` is not used; each of ``forms`` is judged in its place.
    """

    request: Request
    forms: tuple[str, ...]


@dataclass(frozen=True)
class DisplayRequest:
    """An answer key to pretty-print for a person, as plain picklable data."""

    text: str
    type: str
    declarations: Mapping[str, SymbolDeclaration]


class Judge(Protocol):
    """How one answer type is read and compared; ``key`` is the key already read.

    ``answer_names``: for types whose names are symbols (expressions, equations),
    the vocabulary a learner's answer is held to; a name outside it is a typo.
    """

    key: Any
    answer_names: Vocabulary | None

    def read(self, text: str) -> Any: ...
    def compare(self, given: Any, expected: Any) -> Finding: ...


def read_key(text: str, read: Callable[[str], Any]) -> Any:
    """Read an answer key, turning a learner-style error into a bank error."""
    try:
        return read(text)
    except AnswerError as error:
        raise BankError(f"the answer key {text!r} cannot be read: {error.message}") from None


def read_mistake(number: int, text: str, read: Callable[[str], Any]) -> Any:
    """Read listed mistake ``number``, turning a learner-style error into a bank error."""
    try:
        return read(text)
    except AnswerError as error:
        raise BankError(f"mistake {number} {text!r} cannot be read: {error.message}") from None


def parse_single(text: str, what: str) -> Node:
    """The one top-level item of ``text``: a single expression, matrix or equation."""
    items = parse(text)
    if len(items) != 1:
        raise AnswerError(f"{what} is expected, not a list of {len(items)} items")
    return items[0]


def run_judge(type_judge: Judge, request: Request) -> Verdict:
    """Judge one answer; raises :class:`BankError` when a mistake is unusable.

    Wherever the answer's reading is a known trap, the verdict says how it was
    read (see :mod:`traps`), whatever the verdict is.
    """
    try:
        nodes = _maths(request)
        asked = _asked_part(type_judge, request, nodes)
        if asked != request.given:
            request = replace(request, given=asked)
            nodes = _maths(request)
        given = type_judge.read(request.given)
    except AnswerError as error:
        return Verdict("invalid", error.message)
    typo = _stranger(type_judge.answer_names, request, nodes)
    if typo:
        return Verdict("invalid", typo)
    reading = stated_reading(request.given, nodes, type_judge.answer_names)
    finding = type_judge.compare(given, type_judge.key)
    if finding.status == "equal":
        return Verdict("correct", _stated(reading, finding.message) or "correct")
    for number, (text, note) in enumerate(request.mistakes, start=1):
        mistake = read_mistake(number, text, type_judge.read)
        if type_judge.compare(given, mistake).status == "equal":
            return Verdict("incorrect", _stated(reading, note))
    if finding.status == "unknown":
        return Verdict("undecided", _stated(reading, finding.message))
    return Verdict("incorrect", _stated(reading, finding.message))


def _maths(request: Request) -> tuple[Node, ...]:
    """The learner's answer as parsed maths (nothing for a label)."""
    if request.type in _LABEL_TYPES:
        return ()
    return parse(request.given, number=request.type == "number")


def _asked_part(type_judge: Judge, request: Request, nodes: tuple[Node, ...]) -> str:
    """The answer's text, ``c = -10`` reduced to ``-10`` when c is what the part asks for."""
    if request.type in _LABEL_TYPES or request.type == "equation":
        return request.given
    names = type_judge.answer_names
    used = names.key_names if names is not None else frozenset()
    return asked_value(request.given, nodes, request.asks, used)


def _stated(reading: str, message: str) -> str:
    """One line: how the answer was read, then what the judge said."""
    return f"{reading}: {message}" if reading and message else reading or message


def _stranger(vocabulary: Vocabulary | None, request: Request, nodes: tuple[Node, ...]) -> str:
    """A name in the learner's answer that the exercise does not know (see :func:`stranger`);
    names in the listed mistakes are known, so their feedback can still be given."""
    if vocabulary is None:
        return ""
    listed: set[str] = set()
    for text, _ in request.mistakes:
        try:
            listed |= names_in(tuple(parse(text)), vocabulary)
        except AnswerError:
            continue
    return stranger(request.given, nodes, vocabulary, listed)
