"""The Ising chain's closed forms against brute force, and how fast correlation fades.

For a coupling J the lab enumerates all 2^n spin configurations for n = 2, ..., 12 and
compares Z and E[s1 sn] with 2 (2 cosh J)^(n-1) and tanh(J)^(n-1). It then samples
chains by drawing independent bonds b_i = ±1 (the change of variables in the
solution) and plots the correlation against n on a log scale: a straight line,
slope log10(tanh J) per spin.
"""

import itertools

import numpy as np

from penpaper.labkit import line_plot, table

J = 0.6
rng = np.random.default_rng(11)
rows, ns, correlations = [], [], []
for n in range(2, 13):
    spins = np.array(list(itertools.product([-1, 1], repeat=n)))
    weights = np.exp(J * (spins[:, :-1] * spins[:, 1:]).sum(axis=1))
    Z = weights.sum()
    corr = (weights * spins[:, 0] * spins[:, -1]).sum() / Z
    bonds = np.where(rng.random((50_000, n - 1)) < np.exp(J) / (2 * np.cosh(J)), 1, -1)
    sampled = bonds.prod(axis=1).mean()  # s1 sn is the product of the bonds
    rows.append([n, Z, 2 * (2 * np.cosh(J)) ** (n - 1), corr, np.tanh(J) ** (n - 1), sampled])
    ns.append(n)
    correlations.append(corr)
headers = ["n", "Z (enumerated)", "2(2cosh J)^(n-1)", "E[s1 sn]", "tanh(J)^(n-1)", "bonds"]
print(table(headers, rows))
print(f"\nE[s1 sn] against n for J = {J} (log scale):")
print(line_plot(ns, correlations, log_y=True))
print(f"Each extra bond multiplies the correlation by tanh J = {np.tanh(J):.3f}: with no")
print("field, a 1-D chain has no long-range order at any finite coupling.")
print("(The bonds column has standard error about 1/sqrt(50000) = 0.0045, which swamps")
print("the true correlation beyond n = 8: exact messages beat sampling for tiny numbers.)")
