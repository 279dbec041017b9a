"""Text → tokens, folding the many ways to type the same maths into one.

ASCII (``**``, ``->``), the Unicode a terminal pastes (``−``, ``×``, ``σ``,
``²``, ``√``, ``ᵀ``) and common LaTeX (``\\frac``, ``\\sqrt``, ``\\sigma``,
``\\top``, ``\\begin{pmatrix}``) all become the same tokens, each remembering
its column in the original text for error messages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from penpaper.checking.limits import MAX_DECIMAL_EXPONENT, MAX_INTEGER_DIGITS
from penpaper.checking.verdict import AnswerError

NUMBER = "number"
NAME = "name"
OPERATOR = "operator"
FRACTION = "frac"
ROOT = "sqrt"
TRANSPOSE = "transpose"
SUPERSCRIPT = "superscript"
EMPTY_SET = "emptyset"
MATRIX_BEGIN = "matrix-begin"
MATRIX_END = "matrix-end"
ROW_SEPARATOR = "row-separator"
END = "end"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    spaced: bool
    """Whitespace came before it: ``1/2 x`` is x/2 but ``1/2x`` is 1/(2x)."""


_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# An unbraced subscript of digits ends at the first letter, so p_1p_2 is p_1 p_2.
_SUBSCRIPT = re.compile(r"_(?:\{\s*([A-Za-z0-9]+)\s*\}|([0-9]+|[A-Za-z][A-Za-z0-9]*))")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_LATEX_WRAPPED_NAME = re.compile(
    r"\\(?:mathrm|operatorname|mathbf|boldsymbol|bm|mathit|mathsf|vec|text)\s*"
    r"\{\s*\\?([A-Za-z][A-Za-z0-9]*)\s*\}"
)
_LATEX_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{\s*([a-z]*matrix)\s*\}")
_SPACE = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad\b)+")
_IGNORED_LATEX = frozenset(
    {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle"}
)
_TWO_CHARACTER_OPERATORS = {"**": "^", "->": "->", "<-": "<-", "==": "="}
_ONE_CHARACTER_OPERATORS = {
    **{symbol: symbol for symbol in "+-*/^()[]{},|=!'&"},
    "−": "-",
    "–": "-",
    "—": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "∗": "*",
    "÷": "/",
    "′": "'",
    "’": "'",
    "→": "->",
    "←": "<-",
    "∣": "|",
    "‖": "‖",
}
_SUPERSCRIPTS = {**{c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}, "⁻": "-", "⁺": "+"}
_SUBSCRIPT_DIGITS = {c: str(i) for i, c in enumerate("₀₁₂₃₄₅₆₇₈₉")}
_LATEX_OPERATORS = {
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "to": "->",
    "rightarrow": "->",
    "leftarrow": "<-",
    "gets": "<-",
    "vert": "|",
    "lvert": "|",
    "rvert": "|",
    "mid": "|",
    "{": "{",
    "}": "}",
    "|": "‖",
    "lVert": "‖",
    "rVert": "‖",
    "Vert": "‖",
}
_LATEX_NAMES = {
    "varepsilon": "epsilon",
    "varphi": "phi",
    "vartheta": "theta",
    "varrho": "rho",
    "varsigma": "sigma",
    "varpi": "pi",
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
}
PREFIX_FUNCTIONS = frozenset(
    "sin cos tan sec csc cot sinh cosh tanh asin acos atan arcsin arccos arctan "  # noqa: SIM905
    "exp log ln sqrt det tr".split()
)
"""Functions that may be written before their argument without brackets: ``sin 2x``."""
_LATEX_FUNCTIONS = PREFIX_FUNCTIONS | {"max", "min"}
GREEK_NAMES = frozenset(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "omicron",
        "pi",
        "rho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
    ]
)
_UNICODE_GREEK = re.compile(
    r"GREEK (SMALL|CAPITAL) LETTER ([A-Z]+)\Z|GREEK (?:LUNATE )?([A-Z]+) SYMBOL\Z"
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; raise :class:`AnswerError` at the first unreadable spot."""
    tokens: list[Token] = []
    position = 0
    spaced = False
    while position < len(text):
        space = _SPACE.match(text, position)
        if space:
            position, spaced = space.end(), True
            continue
        token = _next_token(text, position, spaced)
        if token is not None:
            tokens.append(token)
            spaced = False
        position = _skipped_end(text, position) if token is None else token.end
    tokens.append(Token(END, "", len(text), len(text), spaced))
    return tokens


def describe(token: Token) -> str:
    """How a token is named in a message: ``')' at column 7``."""
    if token.kind == END:
        return "end of the answer"
    return f"{token.text!r} at column {token.start + 1}"


def _skipped_end(text: str, position: int) -> int:
    command = _LATEX_COMMAND.match(text, position)
    assert command is not None and command.group(1) in _IGNORED_LATEX
    return command.end()


def _next_token(text: str, position: int, spaced: bool) -> Token | None:
    """The token at ``position``, or None for a LaTeX sizing command that is skipped."""
    character = text[position]

    def token(kind: str, value: str, end: int) -> Token:
        return Token(kind, value, position, end, spaced)

    if character.isascii() and (character.isdigit() or character == "."):
        number = _NUMBER.match(text, position)
        if number:
            _check_number(number.group(0), number.group(1), position)
            return token(NUMBER, number.group(0), number.end())
        if text.startswith(".T", position) and not _NAME.match(text, position + 2):
            return token(TRANSPOSE, ".T", position + 2)
    if character.isascii() and character.isalpha():
        match = _NAME.match(text, position)
        assert match is not None
        return _with_subscript(text, token(NAME, match.group(0), match.end()))
    if character == "\\":
        return _latex_token(text, position, spaced)
    if text[position : position + 2] in _TWO_CHARACTER_OPERATORS:
        return token(
            OPERATOR, _TWO_CHARACTER_OPERATORS[text[position : position + 2]], position + 2
        )
    if character in _ONE_CHARACTER_OPERATORS:
        return token(OPERATOR, _ONE_CHARACTER_OPERATORS[character], position + 1)
    if character in _SUPERSCRIPTS:
        end = position
        while end < len(text) and text[end] in _SUPERSCRIPTS:
            end += 1
        return token(SUPERSCRIPT, "".join(_SUPERSCRIPTS[c] for c in text[position:end]), end)
    if character in "ᵀ⊤":
        return token(TRANSPOSE, character, position + 1)
    if character == "√":
        return token(ROOT, character, position + 1)
    if character == "∅":
        return token(EMPTY_SET, character, position + 1)
    greek = _greek_name(character)
    if greek:
        return _with_subscript(text, token(NAME, greek, position + 1))
    raise AnswerError(f"unexpected character {character!r} at column {position + 1}")


def _latex_token(text: str, position: int, spaced: bool) -> Token | None:
    def token(kind: str, value: str, end: int) -> Token:
        return Token(kind, value, position, end, spaced)

    wrapped = _LATEX_WRAPPED_NAME.match(text, position)
    if wrapped:
        return _with_subscript(text, token(NAME, wrapped.group(1), wrapped.end()))
    environment = _LATEX_ENVIRONMENT.match(text, position)
    if environment:
        kind = MATRIX_BEGIN if environment.group(1) == "begin" else MATRIX_END
        return token(kind, environment.group(0), environment.end())
    if text.startswith("\\\\", position):
        return token(ROW_SEPARATOR, "\\\\", position + 2)
    command = _LATEX_COMMAND.match(text, position)
    word = command.group(1) if command else ""
    end = command.end() if command else position + 1
    if word in _IGNORED_LATEX:
        return None
    if word in ("frac", "dfrac", "tfrac"):
        return token(FRACTION, "\\frac", end)
    if word == "sqrt":
        return token(ROOT, "\\sqrt", end)
    if word in ("top", "intercal"):
        return token(TRANSPOSE, "\\top", end)
    if word in ("emptyset", "varnothing"):
        return token(EMPTY_SET, "∅", end)
    if word in _LATEX_OPERATORS:
        return token(OPERATOR, _LATEX_OPERATORS[word], end)
    if word in GREEK_NAMES or word in _LATEX_FUNCTIONS or word in _LATEX_NAMES:
        return _with_subscript(text, token(NAME, _LATEX_NAMES.get(word, word), end))
    raise AnswerError(f"unsupported LaTeX command '\\{word}' at column {position + 1}")


def _with_subscript(text: str, name: Token) -> Token:
    """Attach ``_1``, ``_{12}`` or ``₁`` to the name before it: ``x_1`` is one name."""
    subscript = _SUBSCRIPT.match(text, name.end)
    if subscript:
        index = subscript.group(1) or subscript.group(2)
        return Token(NAME, f"{name.text}_{index}", name.start, subscript.end(), name.spaced)
    end = name.end
    while end < len(text) and text[end] in _SUBSCRIPT_DIGITS:
        end += 1
    if end == name.end:
        return name
    digits = "".join(_SUBSCRIPT_DIGITS[c] for c in text[name.end : end])
    return Token(NAME, f"{name.text}_{digits}", name.start, end, name.spaced)


def _greek_name(character: str) -> str | None:
    match = _UNICODE_GREEK.match(unicodedata.name(character, ""))
    if not match:
        return None
    letter = (match.group(2) or match.group(3)).lower().replace("lamda", "lambda")
    if match.group(1) == "CAPITAL":
        letter = letter.capitalize()
    return letter if letter in GREEK_NAMES or letter == "pi" else None


def _check_number(text: str, exponent: str | None, position: int) -> None:
    digits = len(text.partition("e")[0].partition("E")[0].replace(".", "").lstrip("0"))
    if digits > MAX_INTEGER_DIGITS:
        raise AnswerError(f"number at column {position + 1} has too many digits")
    if exponent is not None and (len(exponent) > 6 or abs(int(exponent)) > MAX_DECIMAL_EXPONENT):
        raise AnswerError(f"number {text[:12]!r} at column {position + 1} is too large")
