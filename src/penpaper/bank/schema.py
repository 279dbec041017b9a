"""The exercise file format: one parsed YAML document turned into an :class:`Exercise`.

Every problem is collected with the field it concerns and the YAML line it
sits on, so that an author fixing a file sees all of them at once
("parts[2].answer.type: 'matrx' is not one of …"). Unknown keys are errors:
a typo such as ``hint:`` for ``hints:`` must not silently drop content.
Parts are numbered from 1, as in ``penpaper check --part N``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from penpaper.bank.model import (
    FORBID_TYPES,
    VALUE_TYPES,
    AnswerKey,
    Exercise,
    Mistake,
    Parameter,
    Part,
)
from penpaper.bank.summaries import ANSWER_TYPES, Topic
from penpaper.bank.symbols import FieldPath, SymbolError, parse_symbols
from penpaper.sanitising import is_clean, printable, quoted, unsafe_characters

T = TypeVar("T")

MAX_DIFFICULTY = 5


@dataclass(frozen=True)
class FieldProblem:
    """Something wrong in one field of a document, located by field path and line.

    A ``blocking`` problem keeps the document from loading; the others (characters
    that must not reach a terminal) let it load with that text shown escaped.
    """

    field: str
    message: str
    line: int | None
    blocking: bool = True


@dataclass(frozen=True)
class SourceLines:
    """Where fields sit in their file, for messages: the 1-based line of every field, and
    the first line of each literal block's text (``|``), whose lines follow the file's."""

    fields: dict[FieldPath, int] = field(default_factory=dict)
    blocks: dict[FieldPath, int] = field(default_factory=dict)


class _Document:
    """A parsed YAML document plus the line of every field, for precise messages."""

    def __init__(self, data: object, lines: SourceLines) -> None:
        self.data = data
        self.lines = lines
        self.problems: list[FieldProblem] = []

    def report(self, path: FieldPath, message: str) -> None:
        self.problems.append(FieldProblem(format_field(path), message, self._line(path)))

    def safe(self, text: str, path: FieldPath) -> str:
        """``text`` as it may reach a terminal; each character that may not is reported."""
        if is_clean(text):  # nearly always: every text of every load passes here
            return text
        block_start = self.lines.blocks.get(path)
        for unsafe in unsafe_characters(text):
            line = (
                self._line(path)
                if block_start is None
                else block_start + text.count("\n", 0, unsafe.index)
            )
            message = f"contains {unsafe.describe()}"
            self.problems.append(FieldProblem(format_field(path), message, line, blocking=False))
        return printable(text)

    def result(self, built: T) -> tuple[T | None, list[FieldProblem]]:
        """``built`` unless a problem blocks it, and every problem found."""
        blocked = any(problem.blocking for problem in self.problems)
        return (None if blocked else built), self.problems

    def _line(self, path: FieldPath) -> int | None:
        for length in range(len(path), -1, -1):
            line = self.lines.fields.get(path[:length])
            if line is not None:
                return line
        return None

    def mapping(
        self, value: object, path: FieldPath, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Mapping[str, object] | None:
        """Check that ``value`` is a mapping with the required keys and no unknown ones."""
        if not isinstance(value, Mapping):
            self.report(path, f"must be a mapping, got {describe(value)}")
            return None
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                self.report((*path, str(key)), f"unknown key (allowed here: {allowed})")
        for key in required:
            if key not in value:
                self.report(path, f"missing required key '{key}'")
        return value

    def text(self, mapping: Mapping[str, object], key: str, path: FieldPath) -> str:
        value = mapping.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.report((*path, key), f"must be non-empty text, got {describe(value)}")
            return ""
        return self.safe(value, (*path, key)).strip()

    def text_list(
        self, mapping: Mapping[str, object], key: str, path: FieldPath
    ) -> tuple[str, ...]:
        value = mapping.get(key, [])
        if not isinstance(value, list):
            self.report((*path, key), f"must be a list, got {describe(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value, start=1):
            if isinstance(item, bool) or not isinstance(item, str | int | float) or item == "":
                self.report((*path, key, index), f"must be non-empty text, got {describe(item)}")
            else:
                items.append(self.safe(str(item), (*path, key, index)).strip())
        return tuple(items)


def format_field(path: FieldPath) -> str:
    """``('parts', 2, 'answer', 'type')`` → ``parts[2].answer.type``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false: quote it)"
    if isinstance(value, Mapping):
        return "a mapping (YAML reads {a, b} as a mapping: quote it)"
    if isinstance(value, list):
        return "a list"
    return quoted(value)


EXERCISE_KEYS = ("title", "difficulty", "statement", "parts")
EXERCISE_OPTIONAL_KEYS = ("tags", "symbols", "parameters", "where")
PART_KEYS = ("ask", "answer", "solution")
PART_OPTIONAL_KEYS = ("hints",)
ANSWER_OPTIONAL_KEYS = (
    "expect",
    "accept",
    "mistakes",
    "tolerance",
    "options",
    "evaluate",
    "forbid",
    "asks",
)
_ASKED_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?")
_ASKING_TYPES = frozenset(
    {"expression", "matrix-expression", "matrix", "vector", "number", "set", "tuple"}
)


def exercise_from_yaml(
    data: object, lines: SourceLines, exercise_id: str, path: Path
) -> tuple[Exercise | None, list[FieldProblem]]:
    """The exercise (None if a problem blocks it) and every problem found in the document."""
    document = _Document(data, lines)
    root = document.mapping(data, (), EXERCISE_KEYS, EXERCISE_OPTIONAL_KEYS)
    if root is None:
        return None, document.problems
    difficulty = root.get("difficulty")
    if (
        isinstance(difficulty, bool)
        or not isinstance(difficulty, int)
        or not (1 <= difficulty <= MAX_DIFFICULTY)
    ):
        if "difficulty" in root:
            document.report(
                ("difficulty",), f"must be a whole number from 1 to 5, got {describe(difficulty)}"
            )
        difficulty = 1
    tags = document.text_list(root, "tags", ())
    parameters, constraints = _parameters(document, root)
    raw_symbols = root.get("symbols") or {}
    try:
        # Templated declarations ('(0, {a})') are read per instance, once substituted.
        symbols = {} if parameters and "{" in repr(raw_symbols) else parse_symbols(raw_symbols)
    except SymbolError as error:
        document.report(("symbols", *error.path), error.message)
        symbols = {}
    parts = _parts(document, root.get("parts"))
    exercise = Exercise(
        id=exercise_id,
        topic=exercise_id.partition("/")[0],
        title=document.text(root, "title", ()),
        difficulty=difficulty,
        statement=document.text(root, "statement", ()),
        parts=parts,
        path=path,
        tags=tags,
        symbols=symbols,
        raw_symbols=dict(raw_symbols) if isinstance(raw_symbols, Mapping) else {},
        parameters=parameters,
        constraints=constraints,
    )
    return document.result(exercise)


def _parameters(
    document: _Document, root: Mapping[str, object]
) -> tuple[tuple[Parameter, ...], tuple[str, ...]]:
    """A parameterised exercise's ``parameters:`` and ``where:`` (see :mod:`.parameters`)."""
    if "parameters" not in root:
        if "where" in root:
            document.report(("where",), "conditions need 'parameters:' to be about")
        return (), ()
    # Imported here: only parameterised exercises pay for reading them.
    from penpaper.bank.parameters import parse_constraints, parse_parameters

    parameters, found = parse_parameters(root["parameters"])
    constraints: tuple[str, ...] = ()
    if "where" in root:
        constraints, found_in_where = parse_constraints(root["where"])
        found += [(("where", *path), message) for path, message in found_in_where]
    for path, message in found:
        document.report(path if path[:1] == ("where",) else ("parameters", *path), message)
    safe = (document.safe(text, ("where", i)) for i, text in enumerate(constraints, start=1))
    return parameters, tuple(safe)


def _parts(document: _Document, value: object) -> tuple[Part, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        document.report(("parts",), f"must be a non-empty list of parts, got {describe(value)}")
        return ()
    parts = []
    for number, raw in enumerate(value, start=1):
        path: FieldPath = ("parts", number)
        mapping = document.mapping(raw, path, PART_KEYS, PART_OPTIONAL_KEYS)
        if mapping is None:
            continue
        parts.append(
            Part(
                number=number,
                ask=document.text(mapping, "ask", path),
                answer=_answer_key(document, mapping.get("answer"), (*path, "answer")),
                hints=document.text_list(mapping, "hints", path),
                solution=document.text(mapping, "solution", path),
            )
        )
    return tuple(parts)


def _answer_key(document: _Document, value: object, path: FieldPath) -> AnswerKey:
    mapping = document.mapping(value, path, ("type",), ANSWER_OPTIONAL_KEYS)
    if mapping is None:
        return AnswerKey("derivation")
    answer_type = mapping.get("type")
    if answer_type not in ANSWER_TYPES:
        if "type" in mapping:
            document.report(
                (*path, "type"),
                f"{describe(answer_type)} is not one of {', '.join(ANSWER_TYPES)}",
            )
        return AnswerKey("derivation")
    assert isinstance(answer_type, str)
    if answer_type == "derivation":
        for key in ANSWER_OPTIONAL_KEYS:
            if key in mapping:
                document.report((*path, key), "a derivation is self-graded and has no key")
        return AnswerKey("derivation")
    expect = _answer_text(document, mapping.get("expect"), (*path, "expect"), answer_type)
    if "expect" not in mapping:
        document.report(path, "missing required key 'expect'")
    accept = mapping.get("accept", [])
    if not isinstance(accept, list):
        document.report((*path, "accept"), f"must be a list, got {describe(accept)}")
        accept = []
    options = _options(document, mapping, path, answer_type)
    if options and expect:
        _check_choice(document, expect, options, (*path, "expect"))
    return AnswerKey(
        type=answer_type,
        expect=expect,
        accept=tuple(
            _answer_text(document, item, (*path, "accept", index), answer_type)
            for index, item in enumerate(accept, start=1)
        ),
        mistakes=_mistakes(document, mapping.get("mistakes", []), (*path, "mistakes"), answer_type),
        tolerance=_tolerance(document, mapping, path, answer_type),
        options=options,
        evaluate=_evaluate(document, mapping, path, answer_type),
        forbid=_forbid(document, mapping, path, answer_type),
        asks=_asks(document, mapping, path, answer_type),
    )


def _answer_text(document: _Document, value: object, path: FieldPath, answer_type: str) -> str:
    """Answers are text; YAML's numbers and booleans are read back as the author meant them."""
    if isinstance(value, bool):
        if answer_type == "boolean":
            return "yes" if value else "no"
        document.report(path, f"must be text, got {describe(value)}")
        return ""
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        if value is not None:
            document.report(path, f"must be non-empty text, got {describe(value)}")
        return ""
    return document.safe(value, path).strip()


def _mistakes(
    document: _Document, value: object, path: FieldPath, answer_type: str
) -> tuple[Mistake, ...]:
    if not isinstance(value, list):
        document.report(path, f"must be a list of {{answer, feedback}}, got {describe(value)}")
        return ()
    mistakes = []
    for index, raw in enumerate(value, start=1):
        mapping = document.mapping(raw, (*path, index), ("answer", "feedback"), ())
        if mapping is None:
            continue
        answer = _answer_text(
            document, mapping.get("answer"), (*path, index, "answer"), answer_type
        )
        feedback = document.text(mapping, "feedback", (*path, index))
        mistakes.append(Mistake(answer, feedback))
    return tuple(mistakes)


def _tolerance(
    document: _Document, mapping: Mapping[str, object], path: FieldPath, answer_type: str
) -> float | None:
    if "tolerance" not in mapping:
        return None
    value = mapping["tolerance"]
    if answer_type != "number":
        document.report((*path, "tolerance"), "only a 'number' answer takes a tolerance")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        document.report(
            (*path, "tolerance"),
            f"must be a relative tolerance between 0 and 1, got {describe(value)}",
        )
        return None
    return float(value)


def _evaluate(
    document: _Document, mapping: Mapping[str, object], path: FieldPath, answer_type: str
) -> bool:
    if "evaluate" not in mapping:
        return False
    value = mapping["evaluate"]
    if answer_type not in VALUE_TYPES:
        document.report(
            (*path, "evaluate"),
            f"only {_listing(VALUE_TYPES)} answers take 'evaluate' (the others are expressions)",
        )
        return False
    if not isinstance(value, bool):
        document.report((*path, "evaluate"), f"must be true or false, got {describe(value)}")
        return False
    return value


def _forbid(
    document: _Document, mapping: Mapping[str, object], path: FieldPath, answer_type: str
) -> tuple[str, ...]:
    """The names as written; whether each is a function is the checker's to say."""
    if "forbid" not in mapping:
        return ()
    if answer_type not in FORBID_TYPES:
        document.report((*path, "forbid"), f"only {_listing(FORBID_TYPES)} answers take 'forbid'")
        return ()
    return document.text_list(mapping, "forbid", path)


def _listing(types: frozenset[str]) -> str:
    """Answer types in the order the format lists them."""
    return ", ".join(f"'{name}'" for name in ANSWER_TYPES if name in types)


def _asks(
    document: _Document, mapping: Mapping[str, object], path: FieldPath, answer_type: str
) -> str | None:
    """The name a part asks for, so that ``c = -10`` is read as -10."""
    if "asks" not in mapping:
        return None
    value = mapping["asks"]
    if answer_type not in _ASKING_TYPES:
        document.report((*path, "asks"), f"a '{answer_type}' answer does not take 'asks'")
        return None
    if not isinstance(value, str) or not _ASKED_NAME.fullmatch(value):
        document.report((*path, "asks"), f"must be a name such as c or x_1, got {describe(value)}")
        return None
    return value


def _options(
    document: _Document, mapping: Mapping[str, object], path: FieldPath, answer_type: str
) -> tuple[tuple[str, str], ...]:
    value = mapping.get("options")
    if answer_type != "choice":
        if value is not None:
            document.report((*path, "options"), "only a 'choice' answer has options")
        return ()
    if not isinstance(value, Mapping) or not value:
        document.report(
            (*path, "options"),
            f"a choice needs options, a mapping of label to text, got {describe(value)}",
        )
        return ()
    options = []
    for label, text in value.items():
        if not isinstance(label, str | int) or isinstance(label, bool) or not isinstance(text, str):
            document.report((*path, "options", str(label)), "each option is 'label: text'")
            continue
        option_path = (*path, "options", str(label))
        label_text = document.safe(str(label), option_path)
        options.append((label_text, document.safe(text, option_path).strip()))
    return tuple(options)


def _check_choice(
    document: _Document, expect: str, options: tuple[tuple[str, str], ...], path: FieldPath
) -> None:
    labels = {label.lower() for label, _ in options}
    for label in re.split(r"[,\s]+", expect.strip()):
        if label and label.lower() not in labels:
            document.report(
                path, f"'{label}' is not one of the options {', '.join(sorted(labels))}"
            )


TOPIC_KEYS = ("title",)
TOPIC_OPTIONAL_KEYS = ("description", "order", "prerequisites")


def topic_from_yaml(
    data: object, lines: SourceLines, slug: str, path: Path
) -> tuple[Topic | None, list[FieldProblem]]:
    """Read a ``topic.yaml``: title, description, order and prerequisites of a topic folder."""
    document = _Document(data, lines)
    root = document.mapping(data, (), TOPIC_KEYS, TOPIC_OPTIONAL_KEYS)
    if root is None:
        return None, document.problems
    order = root.get("order", 1000)
    if isinstance(order, bool) or not isinstance(order, int):
        document.report(("order",), f"must be a whole number, got {describe(order)}")
        order = 1000
    topic = Topic(
        slug=slug,
        title=document.text(root, "title", ()),
        description=document.text(root, "description", ()),
        order=order,
        prerequisites=document.text_list(root, "prerequisites", ()),
        path=path,
    )
    return document.result(topic)
