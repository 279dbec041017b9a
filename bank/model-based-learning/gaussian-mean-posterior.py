"""Bayesian updating one weighing at a time equals one batch update, and shrinks like 1/n.

We simulate weighings of an object on a scale with noise variance 4, start from
the N(10, 1) prior, and update after every reading (yesterday's posterior is today's
prior). The result matches the batch formula, and the posterior variance after
n readings is 1/(1 + n/4).
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(2)
sigma2, m0, s0sq, true_weight = 4.0, 10.0, 1.0, 12.6
readings = rng.normal(true_weight, np.sqrt(sigma2), 60)

mean, var = m0, s0sq
history = []
for x in readings:
    precision = 1 / var + 1 / sigma2
    mean = (mean / var + x / sigma2) / precision
    var = 1 / precision
    history.append((mean, var))

rows = []
for n in (1, 4, 12, 60):
    xbar = readings[:n].mean()
    batch_var = 1 / (1 / s0sq + n / sigma2)
    batch_mean = batch_var * (m0 / s0sq + n * xbar / sigma2)
    rows.append([n, history[n - 1][0], batch_mean, history[n - 1][1], batch_var])
print(table(["n", "sequential mean", "batch mean", "sequential var", "batch var"], rows))

print("\nPosterior standard deviation against n (reaches 0.25 at n = 60):")
print(line_plot(np.arange(1, 61), [np.sqrt(v) for _, v in history], height=8))
print(f"\nFinal posterior mean {history[-1][0]:.3f}; the simulated true weight is {true_weight}.")
