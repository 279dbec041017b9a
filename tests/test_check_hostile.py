"""Hostile answers: nothing runs as code, nothing eats time or memory past the bound.

Each gets a verdict (a runaway one ``undecided``, stopped by the time limit);
how long that takes is measured by ``bench/check_latency.py``, not asserted
here: on a busy machine a test's wall time says little.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from penpaper import check_answer

CANARY = "/tmp/penpaper-checker-canary"  # the answers below try to create it

CODE_EXECUTION = [
    f"__import__('os').system('touch {CANARY}')",
    f'__import__("os").system("touch {CANARY}")',
    f"eval(\"open('{CANARY}', 'w')\")",
    f'exec(\'open("{CANARY}", "w")\')',
    f"open('{CANARY}', 'w').write('x')",
    f"open({CANARY})",
    f"os.system('touch {CANARY}')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__mro__",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    f"lambda: open('{CANARY}', 'w')",
    "lambda x: x",
    "getattr(x, '__class__')",
    "x.__dict__",
    "__builtins__",
    "globals()",
    "import os",
    "x; import os",
    "x if True else y",
    "x[0]",
    "x[::-1]",
    "f'{x}'",
    "b'abc'",
    "'x'",
    '"x"',
    "x := 1",
    "**kwargs",
    "print(1)",
    f"sympify(\"open('{CANARY}', 'w')\")",
    f"parse_expr(\"open('{CANARY}', 'w')\")",
    "Symbol('x')",
    "Function('f')(x)",
    "x.evalf()",
    "exp(x).subs(x, 1)",
    f"$(touch {CANARY})",
    f"`touch {CANARY}`",
    f'"; touch {CANARY}; echo "',
    "{{7*7}}",
    "${7*7}",
    "\\input{/etc/passwd}",
    f"\\write18{{touch {CANARY}}}",
    "x # comment",
    "x\x00",
    "x\u202e",
    "𝑥 + 1",
    "x\ny",
]
RESOURCE_BOMBS = [
    "9^9^9^9",
    "9**9**9**9",
    "factorial(10^9)",
    "(10^9)!",
    "1e999999",
    "1e-999999",
    "10^(10^10)",
    "x^(10^10)",
    "(x+1)^(10^6)",
    "exp(exp(exp(exp(100))))",
    "gamma(10^100)",
    "binomial(10^9, 5*10^8)",
    "sin(10^300)",
    "1e300^1e300",
    "2^2^2^2^2^2",
    "x + " * 12_500 + "x",
    "(" * 300 + "x" + ")" * 300,
    "-" * 300 + "x",
    "2^" * 200 + "2",
    "sqrt(" * 100 + "x" + ")" * 100,
    "\\frac{" * 80 + "1}{2}" * 80,
    "[" * 100 + "1" + "]" * 100,
    "[[" + "], [".join(", ".join("1" for _ in range(30)) for _ in range(30)) + "]]",
    "[[1,2],[3,4]]^1000000",
    "a" * 1_900,
    "1" * 1_000,
    "|" * 301,
    "log(0)",
    "1/0",
    "0^0",
    "0/0",
    "inv([[1, 1], [1, 1]])",
    "x^(x^(x^(x^(x^(x^(x^x))))))",
    "(x^2+1)^100000",
    "tan(pi/2)",
    "exp(10^6)",
    "exp(-10^6)",
]


@pytest.fixture(autouse=True)
def no_canary() -> None:
    Path(CANARY).unlink(missing_ok=True)


def judged(given: str, expected: str, type: str, symbols: dict[str, object]) -> str:
    verdict = check_answer(given, expected, type, symbols)
    assert not Path(CANARY).exists(), f"{given!r} created the canary"
    return verdict.status


@pytest.mark.parametrize("given", CODE_EXECUTION, ids=lambda g: g[:40])
def test_code_is_never_run(given: str) -> None:
    status = judged(given, "x", "expression", {"x": {"real": True}})
    assert status in ("invalid", "incorrect")


@pytest.mark.parametrize("given", RESOURCE_BOMBS, ids=lambda g: g[:40])
def test_resource_bombs_are_contained(given: str) -> None:
    status = judged(given, "x", "expression", {"x": {"real": True}})
    assert status in ("invalid", "undecided", "incorrect")


@pytest.mark.parametrize(
    ("type", "expected", "symbols"),
    [
        ("number", "3/7", {}),
        ("matrix-expression", "A x", {"A": {"matrix": ["n", "n"]}, "x": {"matrix": ["n", 1]}}),
        ("matrix", "[[1, 2], [3, 4]]", {}),
        ("set", "{A-B, B-C}", {}),
        ("tuple", "(1, 2)", {}),
        ("equation", "y = 2x + 1", {}),
        ("choice", "a", {}),
        ("boolean", "yes", {}),
    ],
)
def test_every_type_contains_hostile_input(
    type: str, expected: str, symbols: dict[str, object]
) -> None:
    for given in [*CODE_EXECUTION[:6], "9^9^9^9", "factorial(10^9)", "(" * 300 + ")" * 300]:
        judged(given, expected, type, symbols)


def test_a_runaway_solve_is_stopped_and_the_next_check_still_works() -> None:
    assert judged("(x+1)^200 = (x+2)^199", "x = 1", "equation", {}) == "undecided"
    assert judged("x = 1", "2x = 2", "equation", {}) == "correct"


def test_the_bound_holds_outside_the_main_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(
            pool.map(
                lambda given: judged(given, "x = 1", "equation", {}),
                ["(x+1)^200 = (x+2)^199", "x = 1"],
            )
        )
    assert statuses == ["undecided", "correct"]


def test_invalid_answers_say_where() -> None:
    verdict = check_answer("2*(x+1))", "x", "expression")
    assert verdict.status == "invalid"
    assert verdict.message == "unexpected ')' at column 8"
