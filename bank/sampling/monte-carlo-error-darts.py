"""Estimate π with random darts and watch the error shrink like √(π(4 − π)/n).

For each n, 200 independent estimates give an empirical standard error, to be compared
with the formula; on a log scale the error falls by a factor 10 per 100 times more darts.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(31)
repeats = 200
rows, log_n, log_errors = [], [], []
for n in [100, 300, 1_000, 3_000, 10_000, 30_000]:
    estimates = np.array(
        [4 * np.mean((rng.uniform(size=(n, 2)) ** 2).sum(axis=1) <= 1) for _ in range(repeats)]
    )
    empirical = float(estimates.std())
    formula = np.sqrt(np.pi * (4 - np.pi) / n)
    rows.append([n, float(estimates[0]), empirical, formula])
    log_n.append(np.log10(n))
    log_errors.append(empirical)

print(table(["n", "one estimate", "std of 200 estimates", "√(π(4−π)/n)"], rows))
print("\nEmpirical standard error against log10 n (log scale, slope −1/2):")
print(line_plot(log_n, log_errors, width=40, height=8, log_y=True))
needed = np.pi * (4 - np.pi) * 1e6
print(f"\nFor a standard error of 0.001: n ≥ π(4 − π)·10⁶ = {needed:,.1f},")
print(f"so the smallest sample size is n = {np.ceil(needed):,.0f}.")
