"""Correlations in an open Ising chain decay like tanh(J)^distance.

Two independent checks of E[s_1 s_k] = tanh(J)^(k-1): exact enumeration of all 2^n
configurations of a short chain, and sampling a long chain through its bond
variables tau_i = s_i s_(i+1), which are independent with P(tau = +1) = e^J/(2 cosh J).
"""

import itertools

import numpy as np

from penpaper.labkit import line_plot, table

J = np.log(2.0)  # tanh(J) = 3/5
rng = np.random.default_rng(7)

# Exact enumeration for a chain of 8 spins.
n_small = 8
configs = np.array(list(itertools.product((-1, 1), repeat=n_small)))
weights = np.exp(J * np.sum(configs[:, :-1] * configs[:, 1:], axis=1))
probs = weights / weights.sum()
exact = [float(probs @ (configs[:, 0] * configs[:, k])) for k in range(n_small)]

# Sampling a chain of 16 spins via independent bonds.
n, samples = 16, 200_000
first = rng.choice([-1, 1], size=(samples, 1))
bonds = np.where(rng.random((samples, n - 1)) < np.exp(J) / (2 * np.cosh(J)), 1, -1)
spins = first * np.cumprod(np.hstack([np.ones((samples, 1), int), bonds]), axis=1)
sampled = (spins[:, :1] * spins).mean(axis=0)

rows = []
for k in range(n):
    formula = np.tanh(J) ** k
    rows.append([k, formula, exact[k] if k < n_small else "-", sampled[k]])
print(table(["distance k", "tanh(J)^k", "enumeration (n=8)", "bond sampling (n=16)"], rows))

print("\nlog10 of the formula against distance: a straight line, exponential decay.")
print(line_plot(list(range(n)), [np.tanh(J) ** k for k in range(n)], log_y=True, height=8))
print("\nThe sample estimates stop following the line once the correlation falls below")
print(f"their standard error, about 1/sqrt({samples}) = {1 / np.sqrt(samples):.4f}.")
k_first = next(k for k in range(1, 40) if np.tanh(J) ** k < 0.01)
print(f"First distance with correlation below 0.01: k = {k_first}, chain length n = {k_first + 1}.")
