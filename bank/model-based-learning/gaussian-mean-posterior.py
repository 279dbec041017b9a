"""Bayesian updating one weighing at a time equals one batch update, and shrinks like 1/n.

We simulate weighings of an object on a scale with noise variance σ², start from
the N(m₀, s₀²) prior, and update after every reading (yesterday's posterior is today's
prior). The result matches the batch formula, and the posterior variance after
n readings is 1/(1/s₀² + n/σ²): 1/(1 + n/4) for the original numbers (σ² = 4, N(10, 1)).
Run by `penpaper lab`, it uses the numbers of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import line_plot, parameters, table

sv, pm, pv, cnt, xb, tsd = parameters(sv=4, pm=10, pv=1, cnt=12, xb=13, tsd=0.25).values()
rng = np.random.default_rng(2)
sigma2, m0, s0sq, true_weight = sv, pm, pv, 12.6
needed = round(sigma2 * (1 / tsd**2 - 1 / s0sq))  # readings that bring the sd down to tsd
count = max(needed, round(cnt))
readings = rng.normal(true_weight, np.sqrt(sigma2), count)

mean, var = m0, s0sq
history = []
for x in readings:
    precision = 1 / var + 1 / sigma2
    mean = (mean / var + x / sigma2) / precision
    var = 1 / precision
    history.append((mean, var))

rows = []
for n in sorted({1, 4, round(cnt), needed}):
    xbar = readings[:n].mean()
    batch_var = 1 / (1 / s0sq + n / sigma2)
    batch_mean = batch_var * (m0 / s0sq + n * xbar / sigma2)
    rows.append([n, history[n - 1][0], batch_mean, history[n - 1][1], batch_var])
print(table(["n", "sequential mean", "batch mean", "sequential var", "batch var"], rows))

exercise_var = 1 / (1 / s0sq + cnt / sigma2)
exercise_mean = exercise_var * (m0 / s0sq + cnt * xb / sigma2)
print(
    f"(The exercise's {cnt:g} readings averaging {xb:g} give the posterior"
    f" N({exercise_mean:.6g}, {exercise_var:.6g}).)"
)

print(f"\nPosterior standard deviation against n (reaches {tsd:g} at n = {needed}):")
print(line_plot(np.arange(1, count + 1), [np.sqrt(v) for _, v in history], height=8))
print(f"\nFinal posterior mean {history[-1][0]:.3f}; the simulated true weight is {true_weight}.")
