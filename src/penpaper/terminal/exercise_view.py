"""How exercises look in the terminal: shared by ``show``, ``solution`` and the drill loop.

Pure functions from the domain dataclasses to rich renderables; no input,
no state. Solutions are rendered only by :func:`render_solution`, which the
callers use strictly after an attempt.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from penpaper.bank.model import Exercise, Part
from penpaper.bank.symbols import SymbolDeclaration
from penpaper.labs import lab_summary
from penpaper.terminal.wording import difficulty_stars, part_letter

ANSWER_TYPE_HINTS = {
    "expression": "an expression, e.g. x^2 exp(-x)/2",
    "matrix-expression": "a matrix expression, e.g. A^T (A x - b)",
    "matrix": "a matrix, e.g. [[1, 0], [0, 2]]",
    "vector": "a vector, e.g. [1, -2, 3]",
    "number": "a number, e.g. 3/7 or 0.135",
    "choice": "the label of your choice (several: a, c)",
    "boolean": "yes or no",
    "set": "a set, e.g. {B, C, D} or {A-B, B->C}",
    "tuple": "a tuple, e.g. (1, 0, 1)",
    "equation": "an equation, e.g. y = 2x + 1",
    "derivation": "work it out on paper, then compare with the solution",
}


def reflow(text: str) -> str:
    """Join the wrapped lines of each paragraph so the terminal can wrap them itself.

    Authors wrap YAML text at any width; indented lines (displayed formulas,
    small tables) and blank lines are kept exactly as written.
    """
    lines: list[str] = []
    for line in text.splitlines():
        joins = (
            lines and lines[-1] and line and not line[0].isspace() and not lines[-1][0].isspace()
        )
        if joins and not line.lstrip().startswith(("- ", "• ", "* ")):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def part_label(part: Part, part_count: int) -> str:
    """``(a)``, ``(b)``… for multi-part exercises; nothing for a single part."""
    return part_letter(part.number) if part_count > 1 else ""


def describe_symbol(symbol: SymbolDeclaration) -> str:
    """``A: 2×2 matrix, symmetric`` — what a name in the exercise stands for."""
    if symbol.shape is not None:
        rows, cols = symbol.shape
        kind = "column vector" if cols == 1 else "row vector" if rows == 1 else "matrix"
        details = [f"{rows}×{cols} {kind}", *sorted(symbol.properties)]
    else:
        details = sorted(symbol.assumptions)
        if symbol.domain is not None:
            details.append(f"in {symbol.domain}")
    return f"{symbol.name}: {', '.join(details)}" if details else symbol.name


def render_statement(exercise: Exercise, seed: int | None = None) -> RenderableType:
    """The exercise's title, id, difficulty, statement and the meaning of its symbols;
    ``seed`` names the instance of a parameterised exercise."""
    instance = "" if seed is None else f"  seed {seed}"
    subtitle = f"{exercise.id}{instance}  {difficulty_stars(exercise.difficulty)}"
    panel = Panel(
        Text(reflow(exercise.statement)),
        title=Text(exercise.title, style="bold"),
        subtitle=subtitle,
        title_align="left",
        subtitle_align="right",
    )
    if not exercise.symbols:
        return panel
    symbols = "; ".join(describe_symbol(symbol) for symbol in exercise.symbols.values())
    return Group(panel, Text("Symbols: ", style="dim") + Text(symbols))


def render_part_question(part: Part, part_count: int) -> Text:
    """A part's question, with the options of a choice and the kind of answer expected."""
    label = part_label(part, part_count)
    text = Text("\n" + (label + " " if label else ""), style="bold") + Text(reflow(part.ask))
    for option_label, option_text in part.answer.options:
        text.append(f"\n   {option_label}) {option_text}")
    text.append(f"\n   answer: {ANSWER_TYPE_HINTS[part.answer.type]}", style="dim")
    return text


def render_exercise(exercise: Exercise, seed: int | None = None) -> RenderableType:
    """Statement and every question: what ``penpaper show`` prints (never a solution)."""
    questions = [render_part_question(part, len(exercise.parts)) for part in exercise.parts]
    if exercise.lab is None:
        return Group(render_statement(exercise, seed), *questions)
    lab = Text.assemble(
        ("\nlab ", "bold"),
        f"(after an attempt): penpaper lab {exercise.id} — {lab_summary(exercise.lab)}",
        style="dim",
    )
    return Group(render_statement(exercise, seed), *questions, lab)


def render_solution(part: Part, expected: str | None) -> RenderableType:
    """The worked solution and the expected answer (``expected`` is its pretty-printed form)."""
    body = Text(reflow(part.solution))
    if expected and part.answer.expect:
        body.append("\n\nExpected answer:\n", style="bold")
        body.append(expected)
        if expected != part.answer.expect:
            body.append(f"\ntyped as: {part.answer.expect}", style="dim")
    return Panel(body, title="Solution", title_align="left", border_style="cyan")


def render_lab_code(code: str) -> RenderableType:
    """A lab's Python source, highlighted, for ``penpaper lab --show``.

    Long lines wrap rather than being cut at the terminal's edge, where code could hide.
    """
    from rich.syntax import Syntax

    return Syntax(code, "python", word_wrap=True)
