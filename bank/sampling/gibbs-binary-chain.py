"""Systematic-scan Gibbs sampling of p(a, b, c) ∝ φ(a, b) ψ(b, c) on three binary variables.

Many chains started in (0, 1, 1) are run for one sweep (3/7 of them reach (1, 1, 1) for the
original φ = 3, ψ = 2 on agreeing pairs) and then for many sweeps, after which the state
frequencies match p from brute-force enumeration. Run by `penpaper lab`, it uses the φ and ψ
of the instance you worked on.
"""

import itertools
from fractions import Fraction

import numpy as np

from penpaper.labkit import bar_chart, parameters

s, t = (round(value) for value in parameters(s=3, t=2).values())


def phi(a, b):
    return np.where(a == b, float(s), 1.0)


def psi(b, c):
    return np.where(b == c, float(t), 1.0)


def sweep(a, b, c, rng):
    one, zero = np.ones_like(a), np.zeros_like(a)
    a = (rng.uniform(size=a.size) < phi(one, b) / (phi(one, b) + phi(zero, b))).astype(int)
    up, down = phi(a, one) * psi(one, c), phi(a, zero) * psi(zero, c)
    b = (rng.uniform(size=a.size) < up / (up + down)).astype(int)
    c = (rng.uniform(size=a.size) < psi(b, one) / (psi(b, one) + psi(b, zero))).astype(int)
    return a, b, c


rng = np.random.default_rng(41)
chains = 100_000
a, b, c = np.zeros(chains, int), np.ones(chains, int), np.ones(chains, int)
a, b, c = sweep(a, b, c, rng)
reached = np.mean(a & b & c)
one_sweep = Fraction(s * s * t * t, (s + 1) * (s * t + 1) * (t + 1))
print(
    f"After one sweep from (0, 1, 1): {reached:.4f} of chains in (1, 1, 1);"
    f" exact {one_sweep} = {float(one_sweep):.4f}"
)
for _ in range(30):
    a, b, c = sweep(a, b, c, rng)

states = list(itertools.product([0, 1], repeat=3))
weights = np.array([float(phi(*s[:2]) * psi(*s[1:])) for s in states])
labels, values = [], []
for state, exact in zip(states, weights / weights.sum(), strict=True):
    found = np.mean((a == state[0]) & (b == state[1]) & (c == state[2]))
    labels += [f"{state} Gibbs", f"{state} exact"]
    values += [float(found), float(exact)]
print("\nState frequencies after 31 sweeps against p by enumeration:")
print(bar_chart(labels, values, width=30))
