"""Importance weights w = p/q for p = N(0, 1) and proposals q = N(0, s²) of several widths.

For s² > 1/2 the sample variance of the weights approaches s²/√(2s² − 1) − 1; at s² = 5/2 it
is 1/4 and the effective sample size is 80% of n. Below s = 1/√2 the variance is infinite:
the sample variance is dominated by a few huge weights and jumps between seeds.
"""

import numpy as np

from penpaper.labkit import table

n = 400_000
rows = []
for s2 in [0.3, 0.45, 0.6, 1.0, 2.5, 6.0]:
    s = np.sqrt(s2)
    x = np.random.default_rng(23).normal(0.0, s, size=n)
    w = s * np.exp(-(x**2) * (1 - 1 / s2) / 2)
    exact = s2 / np.sqrt(2 * s2 - 1) - 1 if s2 > 0.5 else float("inf")
    ess = w.sum() ** 2 / (w**2).sum()
    rows.append([s2, float(w.mean()), float(w.var()), exact, float(ess / n), float(w.max())])

print(f"{n:,} draws from q = N(0, s²) for each width:\n")
print(table(["s²", "mean w", "var w", "s²/√(2s²−1) − 1", "n_eff / n", "largest w"], rows))
print("\nFor s² = 5/2 the weight variance is 1/4, so an average of 400 weights has variance")
print("1/1600. For s² ≤ 1/2 the formula is infinite and the 'largest w' column shows why.")
