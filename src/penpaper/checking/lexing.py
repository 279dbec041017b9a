"""Text → tokens, folding the many ways to type the same maths into one.

ASCII (``**``, ``->``), the Unicode a terminal pastes (``−``, ``×``, ``σ``,
``½``, ``e⁻ˣ``, ``∛``, ``ᵀ``, ``x̄``) and common LaTeX (``\\frac12``,
``\\sqrt[3]{x}``, ``\\sigma``, ``\\bar{x}``, ``\\top``, ``\\begin{pmatrix}``,
``$…$`` around it all) become the same tokens, each remembering its column
in the original text for error messages. Notation the checker cannot read as
a value (``\\sum``, ``∫``, a comma inside a number outside a number part) is
refused here, saying what to type instead.
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
_LATEX_ACCENTED_NAME = re.compile(
    r"\\(bar|overline|hat|widehat|tilde|widetilde)\s*"
    r"(?:\{\s*\\?([A-Za-z][A-Za-z0-9]*)\s*\}|([A-Za-z]))"
)
_ACCENTS = {"bar": "bar", "overline": "bar", "hat": "hat", "widehat": "hat"}
_COMBINING_ACCENTS = {"\u0304": "bar", "\u0305": "bar", "\u0302": "hat", "\u0303": "tilde"}
"""``x̄`` typed with a combining mark is the name ``xbar``, as ``\\bar{x}`` is."""
_MATH_DELIMITERS = (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"))
_GROUPED_NUMBER = re.compile(
    r"[0-9]{1,3}(?P<separator>,|[ \u00a0\u2009\u202f])[0-9]{3}"
    r"(?:(?P=separator)[0-9]{3})*(?![0-9])(?:\.[0-9]+)?"
)
"""``7,087,872`` or ``7 087 872``: groups of exactly three digits after the first."""
_SPACE = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad\b)+")
_IGNORED_LATEX = frozenset(
    {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle"}
)
_TWO_CHARACTER_OPERATORS = {"**": "^", "->": "->", "<-": "<-", "==": "="}
_ONE_CHARACTER_OPERATORS = {
    **{symbol: symbol for symbol in "+-*/^()[]{},;|=!'&%"},
    "−": "-",
    "–": "-",
    "—": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "∗": "*",
    "÷": "/",
    "⁄": "/",
    "′": "'",
    "’": "'",
    "→": "->",
    "←": "<-",
    "∣": "|",
    "‖": "‖",
}
_ROOT_INDEX = {"√": "", "∛": "3", "∜": "4"}
_UNSUPPORTED = {
    "sum": "type the sum out (x_1 + x_2 + …)",
    "prod": "type the product out (x_1 x_2 …)",
    "int": "give the value",
    "iint": "give the value",
    "oint": "give the value",
    "lim": "give the value of the limit",
    "partial": "give the derivative itself",
    "nabla": "give the gradient itself",
    "mathbb": "give the value, with plain letters for names",
    "infty": "answers are finite values (no part takes infinity yet)",
}
"""LaTeX for operations the checker does not carry out, and what to type instead."""
_UNSUPPORTED_CHARACTERS = {
    "∑": "sum",
    "∏": "prod",
    "∫": "int",
    "∮": "oint",
    "∂": "partial",
    "∇": "nabla",
    "∞": "infty",
}
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


def tokenize(text: str, *, number: bool = False) -> list[Token]:
    """Split ``text`` into tokens; raise :class:`AnswerError` at the first unreadable spot.

    ``number``: the answer is one number, so ``7,087,872`` and ``7 087 872`` are
    read with thousands separators; anywhere else such digits are ambiguous
    (three entries, or one number?) and refused.
    """
    tokens: list[Token] = []
    position, finish = _math_span(text)
    maths = text[:finish]
    spaced = False
    while position < finish:
        space = _SPACE.match(maths, position)
        if space:
            position, spaced = space.end(), True
            continue
        found, position = _next_tokens(maths, position, spaced, tokens, number)
        if found:
            tokens.extend(found)
            spaced = False
    tokens.append(Token(END, "", len(text), len(text), spaced))
    return tokens


def describe(token: Token) -> str:
    """How a token is named in a message: ``')' at column 7``."""
    if token.kind == END:
        return "end of the answer"
    return f"{token.text!r} at column {token.start + 1}"


def _math_span(text: str) -> tuple[int, int]:
    """Where the maths is: inside ``$…$``, ``$$…$$``, ``\\(…\\)`` or ``\\[…\\]`` if pasted so."""
    start = len(text) - len(text.lstrip())
    finish = len(text.rstrip())
    for opener, closer in _MATH_DELIMITERS:
        if (
            finish - start > len(opener) + len(closer)
            and text.startswith(opener, start)
            and text.endswith(closer, 0, finish)
        ):
            return start + len(opener), finish - len(closer)
    return 0, len(text)


def _next_tokens(
    text: str, position: int, spaced: bool, before: list[Token], number: bool
) -> tuple[list[Token], int]:
    """The tokens at ``position`` (none for a skipped LaTeX sizing command) and where they end."""
    character = text[position]
    if not character.isascii():
        if character in _SUPERSCRIPT_CHARACTERS:
            return _superscript(text, position, spaced)
        if unicodedata.decomposition(character).startswith("<fraction>"):
            return _vulgar_fraction(text, position, spaced, before), position + 1
    elif character.isdigit():
        grouped = _GROUPED_NUMBER.match(text, position)
        if grouped:
            token = _grouped_number(grouped, spaced, number)
            return [token], token.end
    elif character == "\\":
        command = _LATEX_COMMAND.match(text, position)
        if command and command.group(1) in _IGNORED_LATEX:
            return [], command.end()
    token = _next_token(text, position, spaced)
    return [token], token.end


def _superscript(text: str, position: int, spaced: bool) -> tuple[list[Token], int]:
    """``x²``, ``e⁻ˣ``, ``Kⁿ⁻¹``: a bracketed exponent, read as the same text typed plainly."""
    end = position
    while end < len(text) and text[end] in _SUPERSCRIPT_CHARACTERS:
        end += 1
    plain = "".join(_SUPERSCRIPT_CHARACTERS[c] for c in text[position:end])
    inner = [
        Token(t.kind, t.text, t.start + position, t.end + position, t.spaced)
        for t in tokenize(plain)[:-1]
    ]
    return [
        Token(OPERATOR, "^", position, position, spaced),
        Token(OPERATOR, "(", position, position, False),
        *inner,
        Token(OPERATOR, ")", end, end, False),
    ], end


def _vulgar_fraction(text: str, position: int, spaced: bool, before: list[Token]) -> list[Token]:
    """``½`` is the bracketed fraction (1/2); ``2½`` is refused: 2 + 1/2, or 2 times 1/2?"""
    tagged = unicodedata.decomposition(text[position]).removeprefix("<fraction>")
    numerator, denominator = (
        "".join(chr(int(code, 16)) for code in digits.split()) for digits in tagged.split("2044")
    )
    if before and before[-1].kind == NUMBER and not spaced:
        whole = before[-1].text
        raise AnswerError(
            f"{whole}{text[position]} at column {before[-1].start + 1} is ambiguous: "
            f"write {whole} + {numerator}/{denominator}"
        )
    end = position + 1
    return [
        Token(OPERATOR, "(", position, end, spaced),
        Token(NUMBER, numerator, position, end, False),
        Token(OPERATOR, "/", position, end, False),
        Token(NUMBER, denominator, position, end, False),
        Token(OPERATOR, ")", position, end, False),
    ]


def _grouped_number(grouped: re.Match[str], spaced: bool, number: bool) -> Token:
    """One number with its thousands separators dropped, in a number answer only."""
    written, start = grouped.group(0), grouped.start()
    separator = grouped.group("separator")
    groups = written.split(separator)
    if not number and separator != ",":
        # [100 200] is a row of two entries; only a group such as 087 says "one number".
        if not any(group.startswith("0") for group in groups[1:]):
            return Token(NUMBER, groups[0], start, start + len(groups[0]), spaced)
        raise AnswerError(
            f"{written!r} at column {start + 1} looks like one number with thousands "
            "separators: write it without them, and separate entries with commas"
        )
    if not number:
        raise AnswerError(
            f"{written!r} at column {start + 1} is ambiguous: write a vector as [a, b, c] "
            "with a space after each comma, and numbers without thousands separators"
        )
    plain = "".join(groups)
    _check_number(plain, None, start)
    return Token(NUMBER, plain, start, grouped.end(), spaced)


def _next_token(text: str, position: int, spaced: bool) -> Token:
    """The one token at ``position``."""
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
    if character == "⊤":
        return token(TRANSPOSE, character, position + 1)
    if character in _ROOT_INDEX:
        return token(ROOT, character, position + 1)
    if character == "∅":
        return token(EMPTY_SET, character, position + 1)
    if character in _UNSUPPORTED_CHARACTERS:
        advice = _UNSUPPORTED[_UNSUPPORTED_CHARACTERS[character]]
        raise AnswerError(f"{character} at column {position + 1} is not supported: {advice}")
    greek = _greek_name(character)
    if greek:
        return _with_subscript(text, token(NAME, greek, position + 1))
    decomposed = unicodedata.normalize("NFD", character) + " "
    letter, accent = decomposed[0], decomposed[1]
    if letter.isascii() and letter.isalpha() and accent in _COMBINING_ACCENTS:
        accented = letter + _COMBINING_ACCENTS[accent]  # ȳ, ŷ: one character each
        return _with_subscript(text, token(NAME, accented, position + 1))
    raise AnswerError(f"unexpected character {character!r} at column {position + 1}")


def root_index(token: Token) -> str:
    """The index of a root sign: "" for ``√`` and ``\\sqrt``, "3" for ``∛``."""
    return _ROOT_INDEX.get(token.text, "")


def _latex_token(text: str, position: int, spaced: bool) -> Token:
    def token(kind: str, value: str, end: int) -> Token:
        return Token(kind, value, position, end, spaced)

    wrapped = _LATEX_WRAPPED_NAME.match(text, position)
    if wrapped:
        return _with_subscript(text, token(NAME, wrapped.group(1), wrapped.end()))
    accented = _LATEX_ACCENTED_NAME.match(text, position)
    if accented:
        letter = accented.group(2) or accented.group(3)
        name = letter + _ACCENTS.get(accented.group(1), "tilde")
        return _with_subscript(text, token(NAME, name, accented.end()))
    environment = _LATEX_ENVIRONMENT.match(text, position)
    if environment:
        kind = MATRIX_BEGIN if environment.group(1) == "begin" else MATRIX_END
        return token(kind, environment.group(0), environment.end())
    if text.startswith("\\\\", position):
        return token(ROW_SEPARATOR, "\\\\", position + 2)
    command = _LATEX_COMMAND.match(text, position)
    word = command.group(1) if command else ""
    end = command.end() if command else position + 1
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
    advice = _UNSUPPORTED.get(word, "type it in plain letters (see the README's table)")
    raise AnswerError(f"\\{word} at column {position + 1} is not supported: {advice}")


def _with_subscript(text: str, name: Token) -> Token:
    """Attach ``_1``, ``_{12}``, ``₁`` or ``ᵢ`` to the name before it: ``x_1`` is one name.

    A combining bar or hat comes first: ``x̄`` is ``xbar``, ``ŷ₁`` is ``yhat_1``.
    """
    end, written = name.end, name.text
    if end < len(text) and text[end] in _COMBINING_ACCENTS:
        written += _COMBINING_ACCENTS[text[end]]
        end += 1
    subscript = _SUBSCRIPT.match(text, end)
    if subscript:
        index = subscript.group(1) or subscript.group(2)
        return Token(NAME, f"{written}_{index}", name.start, subscript.end(), name.spaced)
    lowered = end
    while end < len(text) and text[end] in _SUBSCRIPT_CHARACTERS:
        end += 1
    index = "".join(_SUBSCRIPT_CHARACTERS[c] for c in text[lowered:end])
    return Token(NAME, f"{written}_{index}" if index else written, name.start, end, name.spaced)


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


_MODIFIER_BLOCKS = (
    (0x00AA, 0x00BB),
    (0x02B0, 0x0300),
    (0x1D2C, 0x1DC0),
    (0x2070, 0x20A0),
    (0x2C7C, 0x2C7E),
)
"""Where Unicode keeps its raised and lowered letters, digits and signs."""


def _modifier_characters(tag: str) -> dict[str, str]:
    """Characters Unicode declares a raised (``<super>``) or lowered (``<sub>``) form of one
    other character, each with that character: ``ⁿ`` → n, ``₁`` → 1."""
    found = {}
    for low, high in _MODIFIER_BLOCKS:
        for code in range(low, high):
            tagged, _, plain = unicodedata.decomposition(chr(code)).partition(" ")
            if tagged == tag and plain and " " not in plain:
                found[chr(code)] = chr(int(plain, 16))
    return found


_SUPERSCRIPT_CHARACTERS = {
    raised: plain
    for raised, plain in _modifier_characters("<super>").items()
    if plain in "0123456789+−()" or (plain.isalpha() and plain.islower())
} | {"ᵀ": "⊤"}
"""``²``, ``ⁿ``, ``⁻``, ``⁽``, ``ᵝ``; ``ᵀ`` is the transpose mark, so ``A⁻ᵀ`` reads too."""
_SUBSCRIPT_CHARACTERS = {
    lowered: plain
    for lowered, plain in _modifier_characters("<sub>").items()
    if plain.isascii() and plain.isalnum()
}
