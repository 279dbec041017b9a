"""Loads the checker's test corpus: YAML groups of (given, expected, verdict[, message]) cases.

A group names its ``type`` and may give ``symbols``, ``tolerance``, ``options``,
``mistakes``, ``evaluate`` and ``forbid``, as an exercise's part would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from penpaper import Verdict, check_answer

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Case:
    given: str
    expected: str
    type: str
    symbols: dict[str, Any] | None
    verdict: str
    message: str
    tolerance: float | None
    options: tuple[str, ...]
    mistakes: tuple[tuple[str, str], ...]
    evaluate: bool = False
    forbid: tuple[str, ...] = ()
    asks: str | None = None


def load(name: str) -> list[Any]:
    """Cases of ``<name>.yaml`` as pytest params, each with a readable id."""
    groups = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    params = []
    for group in groups:
        for row in group["cases"]:
            given, expected, verdict, *message = (str(item) for item in row)
            case = Case(
                given,
                expected,
                group["type"],
                group.get("symbols"),
                verdict,
                message[0] if message else "",
                group.get("tolerance"),
                tuple(group.get("options", ())),
                tuple((m[0], m[1]) for m in group.get("mistakes", ())),
                group.get("evaluate", False),
                tuple(group.get("forbid", ())),
                group.get("asks"),
            )
            params.append(pytest.param(case, id=f"{group['type']}:{given[:40]}~{expected[:30]}"))
    return params


def judge(case: Case) -> Verdict:
    return check_answer(
        case.given,
        case.expected,
        case.type,
        symbols=case.symbols,
        tolerance=case.tolerance,
        mistakes=case.mistakes,
        options=case.options,
        evaluate=case.evaluate,
        forbid=case.forbid,
        asks=case.asks,
    )


def assert_judged(case: Case) -> None:
    """The case gets its verdict, and its message contains the expected words."""
    verdict = judge(case)
    assert verdict.status == case.verdict, verdict.message
    assert case.message in verdict.message
