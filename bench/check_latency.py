"""Answer-checking figures: warm latency, a cold ``penpaper check``, ``validate``, under load.

Run from the repository root: ``python bench/check_latency.py [--cold-runs 5]``.
Everything is measured twice in one run, side by side: on the machine as it is
(idle), then with two busy processes per CPU beside it (contention; their PIDs
are printed and exactly those are stopped afterwards).

- warm: wall time per ``check_answer`` over a realistic corpus (every family's
  key, right and wrong forms, for seven coefficients) once a worker is ready,
  as in a drill. Targets: p99 ≤ 100 ms idle; every right answer judged right
  and every wrong one wrong, idle and under contention.
- hostile: the same for answers built to be expensive; each must end undecided,
  invalid or incorrect (its time includes starting a replacement for a worker
  stopped by the previous one).
- cold: wall time of a first ``penpaper check`` in a new process (start-up,
  bank, worker). Target ≤ 1 s idle; under contention every run judged right.
- validate: wall time of ``penpaper validate`` on the bundled bank, with one
  worker per CPU. Target ≤ 4 s idle on 2 CPUs.

Commands also show their CPU time, workers included: on a machine that other
work keeps busy, "idle" is not idle, and CPU time is what does not depend on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from penpaper.bank.loading import bundled_bank_path
from penpaper.checking import check_answer, warm_up

Symbols = dict[str, object]


@dataclass(frozen=True)
class Pair:
    given: str
    expected: str
    type: str
    symbols: Symbols
    wanted: frozenset[str]
    """The verdicts this answer may get."""


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


RIGHT = frozenset({"correct"})
WRONG = frozenset({"incorrect"})
CONTAINED = frozenset({"incorrect", "invalid", "undecided"})
COLD_CHECK = ["check", "--no-record", "optimization/gd-step-one-dimension", "--part", "1", "2/5"]


def realistic_pairs() -> list[Pair]:
    return [
        Pair(given.format(c=c), key.format(c=c), kind, symbols, wanted)
        for c in range(2, 9)
        for kind, symbols, key, rights, wrongs in FAMILIES
        for forms, wanted in (([key, *rights], RIGHT), (wrongs, WRONG))
        for given in forms
    ]


def hostile_pairs() -> list[Pair]:
    pairs = [Pair(g, "x^2", "expression", {"x": {"real": True}}, CONTAINED) for g in HOSTILE]
    pairs += [Pair(g, "x = 1", "equation", {}, CONTAINED) for g in HOSTILE_EQUATIONS]
    return pairs


@dataclass(frozen=True)
class Run:
    """Wall times of one pass over a corpus, and the answers that got an unwanted verdict."""

    seconds: list[float]
    misjudged: list[str]

    def line(self, name: str) -> str:
        ordered = sorted(self.seconds)
        return (
            f"  {name:<9} n={len(ordered):<4} p50 {_ms(statistics.median(ordered))}  "
            f"p99 {_ms(percentile(ordered, 0.99))}  max {_ms(ordered[-1])}  "
            f"misjudged {len(self.misjudged)}"
        )


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def judge_all(pairs: list[Pair]) -> Run:
    seconds, misjudged = [], []
    for pair in pairs:
        started = time.perf_counter()
        verdict = check_answer(pair.given, pair.expected, pair.type, pair.symbols)
        seconds.append(time.perf_counter() - started)
        if verdict.status not in pair.wanted:
            misjudged.append(f"{pair.given[:40]!r} vs {pair.expected[:30]!r}: {verdict}")
    return Run(seconds, misjudged)


@dataclass(frozen=True)
class Command:
    """One ``penpaper`` command in a new process: wall time, CPU time (with its workers), exit."""

    wall: float
    cpu: float
    code: int


def penpaper(*arguments: str) -> Command:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "penpaper", *arguments], capture_output=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Command(wall, cpu, result.returncode)


@contextmanager
def busy_processes(count: int) -> Iterator[list[int]]:
    """``count`` processes spinning on a CPU each, stopped (exactly those) on exit."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield [spinner.pid for spinner in spinners]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@dataclass(frozen=True)
class Figures:
    warm: Run
    hostile: Run
    cold: list[Command]
    validate: Command

    def lines(self) -> list[str]:
        cold = sorted(run.wall for run in self.cold)
        cold_cpu = statistics.median(run.cpu for run in self.cold)
        cold_right = sum(run.code == 0 for run in self.cold)
        validate = self.validate
        return [
            self.warm.line("warm"),
            self.hostile.line("hostile"),
            f"  cold      n={len(cold):<4} p50 {_ms(statistics.median(cold))}  "
            f"max {_ms(cold[-1])}  CPU p50 {_ms(cold_cpu)}  judged right {cold_right}/{len(cold)}",
            f"  validate  wall {validate.wall:5.2f} s  CPU {validate.cpu:5.2f} s  "
            f"exit {validate.code}",
        ]


def measure(cold_runs: int) -> Figures:
    warm = judge_all(realistic_pairs())
    hostile = judge_all(hostile_pairs())
    cold = [penpaper(*COLD_CHECK) for _ in range(cold_runs)]
    validate = penpaper("--no-bundled-bank", "validate", str(bundled_bank_path()))
    return Figures(warm, hostile, cold, validate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=5)
    cold_runs = parser.parse_args().cold_runs
    cpus = os.cpu_count() or 1
    warm_up()
    print(f"{cpus} CPUs, load average {os.getloadavg()[0]:.1f} before the run")
    print("idle:")
    idle = measure(cold_runs)
    print("\n".join(idle.lines()))
    with busy_processes(2 * cpus) as pids:
        print(f"contention ({2 * cpus} busy processes, PIDs {' '.join(map(str, pids))}):")
        loaded = measure(cold_runs)
    print("\n".join(loaded.lines()))
    ratio = statistics.median(loaded.warm.seconds) / statistics.median(idle.warm.seconds)
    print(f"warm p50 under contention / idle: {ratio:.1f}x")
    for figures in (idle, loaded):
        for line in figures.warm.misjudged + figures.hostile.misjudged:
            print(f"  misjudged: {line}")
    targets = {
        "warm p99 ≤ 100 ms idle": percentile(sorted(idle.warm.seconds), 0.99) <= 0.100,
        "every answer judged as it should, idle and under contention": not (
            idle.warm.misjudged or loaded.warm.misjudged
        ),
        "hostile answers contained": not (idle.hostile.misjudged or loaded.hostile.misjudged),
        "cold check ≤ 1 s idle": statistics.median(run.wall for run in idle.cold) <= 1.0,
        "every cold check judged right under contention": all(run.code == 0 for run in loaded.cold),
        f"validate ≤ 4 s idle on {cpus} CPUs": idle.validate.wall <= 4.0
        and idle.validate.code == 0,
    }
    for name, met in targets.items():
        print(f"{'met   ' if met else 'MISSED'} {name}")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
