"""Filling one template: ``{a}``, ``{a:+}``, ``{= 1 - 6*eta}`` and ``{{a}}`` in bank text.

Maths text is full of braces (``x_{k+1}``, ``{A, B}``, ``Σ_{x_{i+1}}``), so only
a declared parameter's name or an ``=`` expression in braces is a placeholder;
every other brace is text, as written. Doubling the braces of a placeholder
(``{{a}}``) keeps it as written too.

A value is written in the bank's plain notation. In prose a minus is ``−``; in
an answer (a key, an accepted form, a listed mistake) it is ``-``, and a
negative or fractional value inside a longer answer is bracketed, so that
``{c}x`` with c = 2/5 reads as (2/5)x, not 2/(5x); a value that is a whole entry
of a list or call (``[{c}, 1]``, ``log({c})``) is not.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Mapping
from fractions import Fraction

from penpaper.bank.parameters import PARAMETER_NAME
from penpaper.instances.values import Notation, TemplateError, Value, scalar, written

_NAMED = re.compile(r"\{(" + PARAMETER_NAME.pattern.removesuffix(r"\Z") + r")(?::([^{}]*))?\}")
_FORMAT = re.compile(r"(\+)?(?:(decimal)|\.([0-9]|1[0-2]))?\Z")
"""After a colon: ``{b:+}`` is ``+ 3`` or ``− 3``; ``{eta:decimal}`` is ``0.1``;
``{= p:.4}`` is ``0.1066`` (rounded to 4 places); a sign goes with either: ``{b:+decimal}``."""


def filled(template: str, values: Mapping[str, Value], *, answer: bool) -> str:
    """``template`` with each placeholder replaced by its value for this instance."""
    if "{" not in template:
        return template
    pieces: list[str] = []
    index = 0
    while (start := template.find("{", index)) >= 0:
        pieces.append(template[index:start])
        escaped = _placeholder(template, start + 1, values)
        if escaped is not None and template.startswith("}", escaped[0]):
            pieces.append(template[start + 1 : escaped[0]])  # {{a}} → {a}
            index = escaped[0] + 1
            continue
        found = _placeholder(template, start, values)
        if found is None:
            pieces.append("{")
            index = start + 1
            continue
        end, expression, is_name, spec = found
        value = values[expression] if is_name else _evaluated(expression, values)
        pieces.append(_written(value, spec, answer=answer, alone=_alone(template, start, end)))
        index = end
    pieces.append(template[index:])
    return "".join(pieces)


def _alone(template: str, start: int, end: int) -> bool:
    """Whether the placeholder at ``start:end`` is a whole term: the whole text, or an entry
    of a list, tuple or call, between ``(``/``[``/``,`` and ``,``/``]``/``)``. Such a value
    needs no brackets (``[[5/2, 1]]``, ``log(5/12)``), whatever its sign or form."""
    before, after = template[:start].rstrip(), template[end:].lstrip()
    return (not before or before[-1] in "([,") and (not after or after[0] in ",])")


def referenced(template: str, names: Container[str]) -> set[str]:
    """The parameters ``template`` refers to (for the check that each one is used)."""
    from penpaper.instances.expressions import names_in

    found: set[str] = set()
    index = 0
    while (start := template.find("{", index)) >= 0:
        placeholder = _placeholder(template, start, names)
        index = start + 1
        if placeholder is not None:
            _, expression, is_name, _ = placeholder
            found |= {expression} if is_name else names_in(expression)
    return found


def _placeholder(text: str, start: int, names: Container[str]) -> tuple[int, str, bool, str] | None:
    """The placeholder opening at ``start``: (its end, the name or expression, whether it is a
    name, its format); None if the brace there is text."""
    if text.startswith("{=", start):
        depth = 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                body = text[start + 2 : end]
                expression, colon, spec = body.rpartition(":")
                return (end + 1, expression, False, spec) if colon else (end + 1, body, False, "")
        raise TemplateError(f"'{{=' at column {start + 1} has no closing '}}'")
    named = _NAMED.match(text, start)
    if named is None or named.group(1) not in names:
        return None
    return named.end(), named.group(1), True, named.group(2) or ""


def _evaluated(expression: str, values: Mapping[str, Value]) -> Value:
    # Imported here: an instance whose templates are all plain names never loads the parser.
    from penpaper.instances.expressions import evaluate

    return evaluate(expression, values)


def _written(value: Value, spec: str, *, answer: bool, alone: bool) -> str:
    form = _FORMAT.match(spec.strip())
    if form is None:
        raise TemplateError(
            f"unknown format ':{spec}' (':+' for a sign, ':decimal' for an exact decimal, "
            "':.3' for 3 decimal places, or a sign and one of those, ':+decimal')"
        )
    signed, decimal, places = form.groups()
    minus = "-" if answer else "−"
    notation = Notation(bool(decimal), None if places is None else int(places), minus)
    if signed:
        number = scalar(value, "the ':+' format")
        magnitude = written(abs(number), dataclasses.replace(notation, minus="-"))
        bracketed = f"({magnitude})" if answer and "/" in magnitude else magnitude
        return f"{minus if number < 0 else '+'} {bracketed}"
    text = written(value, notation)
    binds_wrongly = isinstance(value, Fraction) and (value < 0 or "/" in text)
    return f"({text})" if answer and not alone and binds_wrongly else text
