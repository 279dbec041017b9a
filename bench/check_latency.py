"""Wall time per ``check_answer`` call over a realistic corpus and a hostile one.

Run from the repository root: ``python bench/check_latency.py``. Targets: median
≤ 30 ms, p99 ≤ 300 ms, max ≤ 2 s (the hard bound, hit only by hostile input).
The worker process is started before timing, as a drill session does while the
learner reads the first question.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass

from penpaper.checking import check_answer, warm_up

Symbols = dict[str, object]


@dataclass(frozen=True)
class Pair:
    given: str
    expected: str
    type: str
    symbols: Symbols
    tolerance: float | None = None


GAUSS: Symbols = {"mu": {"real": True}, "sigma": {"positive": True}, "x": {"real": True}}
KL: Symbols = {
    "mu_1": {"real": True},
    "mu_2": {"real": True},
    "sigma_1": {"positive": True},
    "sigma_2": {"positive": True},
}
BETA: Symbols = {
    "alpha": {"positive": True},
    "beta": {"positive": True},
    "k": {"integer": True, "nonnegative": True},
    "n": {"integer": True, "positive": True},
}
POSTERIOR: Symbols = {
    "sigma": {"positive": True},
    "tau": {"positive": True},
    "n": {"integer": True, "positive": True},
    "xbar": {"real": True},
    "mu_0": {"real": True},
}
LOGISTIC: Symbols = {
    "w": {"real": True},
    "x": {"real": True},
    "y": {"real": True},
    "b": {"real": True},
}
QUADRATIC: Symbols = {
    "A": {"matrix": ["n", "n"]},
    "x": {"matrix": ["n", 1]},
    "b": {"matrix": ["n", 1]},
}
RIDGE: Symbols = {
    "X": {"matrix": ["m", "n"]},
    "y": {"matrix": ["m", 1]},
    "w": {"matrix": ["n", 1]},
    "lambda": {"positive": True},
}
MVN: Symbols = {
    "Sigma": {"matrix": ["n", "n"], "positive-definite": True},
    "x": {"matrix": ["n", 1]},
    "mu": {"matrix": ["n", 1]},
}

# (type, symbols, key with a {c} coefficient slot, equivalent forms, wrong forms)
FAMILIES: list[tuple[str, Symbols, str, list[str], list[str]]] = [
    (
        "expression",
        {"x": {"real": True}},
        "{c} x exp({c} x^2)",
        ["{c}x e^({c}x^2)", "{c}·x·exp({c}x²)", "x {c} e^({c} x^2)"],
        ["exp({c} x^2)", "2{c} x exp({c} x^2)", "-{c} x exp({c} x^2)"],
    ),
    (
        "expression",
        GAUSS,
        "exp(-(x - mu)^2 / ({c} sigma^2)) / (sigma sqrt({c} pi))",
        [
            "1/sqrt({c} pi sigma^2) exp(-(x-mu)^2/({c} sigma^2))",
            "\\frac{{1}}{{\\sigma\\sqrt{{{c}\\pi}}}} e^{{-\\frac{{(x-\\mu)^2}}{{{c}\\sigma^2}}}}",
        ],
        ["exp(-(x - mu)^2 / ({c} sigma^2)) / sqrt({c} pi)", "exp(-(x - mu)^2 / sigma^2)"],
    ),
    (
        "expression",
        GAUSS,
        "{c} (x - mu) / sigma^2",
        ["{c}(x-μ)/σ²", "-{c}/(2σ²)·2(μ − x)", "{c} x/sigma^2 - {c} mu/sigma^2"],
        ["{c} (mu - x)/sigma^2", "{c}(x - mu)/sigma", "(x - mu)/sigma^2 + {c}"],
    ),
    (
        "expression",
        KL,
        "log(sigma_2/sigma_1) + (sigma_1^2 + (mu_1 - mu_2)^2)/({c} sigma_2^2) - 1/2",
        [
            "ln(sigma_2) - ln(sigma_1) + (sigma_1^2 + (mu_1-mu_2)^2)/({c} sigma_2^2) - 1/2",
            "log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/({c}σ₂²) − 1/2",
        ],
        [
            "log(sigma_1/sigma_2) + (sigma_1^2 + (mu_1 - mu_2)^2)/({c} sigma_2^2) - 1/2",
            "log(sigma_2/sigma_1) + (sigma_1^2 + (mu_1 - mu_2)^2)/({c} sigma_2^2)",
        ],
    ),
    (
        "expression",
        BETA,
        "(alpha + k + {c})/(alpha + beta + n + {c})",
        ["(k + alpha + {c})/(n + alpha + beta + {c})", "(α + k + {c})/(α + β + n + {c})"],
        ["(alpha + k)/(alpha + beta + n)", "(alpha + k + {c} - 1)/(alpha + beta + n + {c} - 2)"],
    ),
    (
        "expression",
        BETA,
        "digamma(alpha + {c}) - digamma(alpha + beta + {c})",
        ["-digamma(alpha + beta + {c}) + digamma(alpha + {c})"],
        ["digamma(alpha) - digamma(beta)", "log(alpha + {c}) - log(alpha + beta + {c})"],
    ),
    (
        "expression",
        POSTERIOR,
        "(n tau^2 xbar + {c} sigma^2 mu_0)/(n tau^2 + {c} sigma^2)",
        ["(n xbar/sigma^2 + {c} mu_0/tau^2)/(n/sigma^2 + {c}/tau^2)"],
        ["(xbar/sigma^2 + mu_0/tau^2)/(n/sigma^2 + 1/tau^2)", "(n xbar + mu_0)/(n + {c})"],
    ),
    (
        "expression",
        LOGISTIC,
        "{c} x (sigmoid(w x + b) - y)",
        ["{c}(sigmoid(w x + b) - y) x", "{c} x (1/(1 + e^(-(w x + b))) - y)"],
        ["{c} x (y - sigmoid(w x + b))", "{c} (sigmoid(w x + b) - y)"],
    ),
    (
        "expression",
        {"p": {"domain": "(0, 1)"}},
        "-{c} p log(p) - {c} (1-p) log(1-p)",
        ["-{c}(p ln p + (1 − p) ln(1 − p))"],
        ["{c} p log(p) + {c} (1-p) log(1-p)"],
    ),
    ("number", {}, "{c}/7", ["{c}·2/14", "{c}/7"], ["0.{c}42", "{c}/8"]),
    (
        "matrix-expression",
        QUADRATIC,
        "{c} (A + A^T) x + b",
        ["{c} A x + {c} A^T x + b", "{c}(A + Aᵀ)x + b"],
        ["2*{c} A x + b", "{c} x^T (A + A^T) + b^T"],
    ),
    (
        "matrix-expression",
        RIDGE,
        "inv(X^T X + {c} lambda I) X^T y",
        ["(XᵀX + {c}λI)⁻¹Xᵀy", "(X^T X + {c} lambda I)^-1 X^T y"],
        ["inv(X^T X) X^T y", "inv(X^T X + lambda I) X^T y"],
    ),
    (
        "matrix-expression",
        MVN,
        "-{c} inv(Sigma) (x - mu)",
        ["{c} Sigma^-1 (mu - x)", "-{c}Σ⁻¹(x − μ)"],
        ["{c} inv(Sigma) (x - mu)", "-{c} (x - mu)"],
    ),
    (
        "expression",
        MVN,
        "{c} (x - mu)^T inv(Sigma) (x - mu) + log(det(Sigma))",
        ["{c} (mu - x)^T Sigma^-1 (mu - x) - log(det(inv(Sigma)))"],
        ["{c} (x - mu)^T Sigma (x - mu) + log(det(Sigma))"],
    ),
    (
        "matrix",
        {},
        "[[{c}, 1], [1, {c}]]",
        ["[[{c},1],[1,{c}]]^T", "\\begin{{pmatrix}} {c} & 1 \\\\ 1 & {c} \\end{{pmatrix}}"],
        ["[[{c}, 1], [{c}, 1]]", "[[{c}, 1, 0], [1, {c}, 0]]"],
    ),
    (
        "vector",
        {"p": {"domain": "(0, 1)"}},
        "[p^{c}, 1 - p^{c}]",
        ["(p^{c}, 1 - p^{c})"],
        ["[p, 1 - p]"],
    ),
    (
        "set",
        {},
        "{{A-B, B-C, C-X{c}}}",
        ["{{B-A, X{c}-C, C-B}}"],
        ["{{A-B, B-C}}", "{{A->B, B-C, C-X{c}}}"],
    ),
    ("tuple", {}, "({c}, 0, 1)", ["[{c}, 0, 1]"], ["(0, {c}, 1)"]),
    ("equation", {}, "y = {c} x + 1", ["{c} x + 1 = y", "2y = 2*{c} x + 2"], ["y = {c} x"]),
    ("choice", {}, "a, c", ["c, a", "A and C"], ["a"]),
    ("boolean", {}, "yes", ["y", "True"], ["no"]),
]

HOSTILE = [
    "9^9^9^9",
    "factorial(10^9)",
    "1e999999",
    "x + " * 12_500 + "x",
    "(" * 300 + "x" + ")" * 300,
    "__import__('os').system('true')",
    "exp(exp(exp(exp(100))))",
    "(x+1)^(10^6)",
    "x^(x^(x^(x^(x^x))))",
    "[[1,2],[3,4]]^1000000",
    "gamma(10^100)",
    "2^" * 200 + "2",
]
HOSTILE_EQUATIONS = ["(x+1)^200 = (x+2)^199", "x^97 + x^13 = 5 x^7 + 3"]


def realistic_pairs() -> list[Pair]:
    return [
        Pair(given.format(c=coefficient), key.format(c=coefficient), kind, symbols)
        for coefficient in range(2, 9)
        for kind, symbols, key, right, wrong in FAMILIES
        for given in [key, *right, *wrong]
    ]


def hostile_pairs() -> list[Pair]:
    pairs = [Pair(given, "x^2", "expression", {"x": {"real": True}}) for given in HOSTILE]
    pairs += [Pair(given, "x = 1", "equation", {}) for given in HOSTILE_EQUATIONS]
    return pairs


def timings(pairs: list[Pair]) -> list[float]:
    seconds = []
    for pair in pairs:
        started = time.perf_counter()
        check_answer(pair.given, pair.expected, pair.type, pair.symbols, pair.tolerance)
        seconds.append(time.perf_counter() - started)
    return seconds


def report(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"{name:<10} n={len(ordered):<4} median {statistics.median(ordered) * 1000:7.1f} ms   "
        f"p99 {p99 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


def main() -> int:
    warm_up()
    realistic = timings(realistic_pairs())
    hostile = timings(hostile_pairs())
    print(report("realistic", realistic))
    print(report("hostile", hostile))
    print(report("all", realistic + hostile))
    within = (
        statistics.median(realistic) <= 0.030
        and sorted(realistic)[round(0.99 * (len(realistic) - 1))] <= 0.300
        and max(realistic + hostile) <= 2.0
    )
    print("targets met" if within else "TARGETS MISSED")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
