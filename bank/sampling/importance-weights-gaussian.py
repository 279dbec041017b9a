"""Importance weights w = p/q for p = N(0, 1) and proposals q = N(0, s²) of several widths.

For s² > 1/2 the sample variance of the weights approaches s²/√(2s² − 1) − 1; at the
exercise's s² (5/2 for the original numbers) it is 1/4 and the effective sample size is 80%
of n. Below s = 1/√2 the variance is infinite: the sample variance is dominated by a few huge
weights and jumps between seeds. Run by `penpaper lab`, it uses the s² and n of the instance
you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import parameters, table

root, draws = parameters(root=2, n=400).values()
exact_root = Fraction(root).limit_denominator(100)
exercise_s2 = (exact_root**2 + 1) / 2
exercise_var = (exact_root - 1) ** 2 / (2 * exact_root)  # s²/√(2s² − 1) − 1 at that s²

n = 400_000
rows = []
for s2 in sorted({0.3, 0.45, 0.6, 1.0, float(exercise_s2), 6.0}):
    s = np.sqrt(s2)
    x = np.random.default_rng(23).normal(0.0, s, size=n)
    w = s * np.exp(-(x**2) * (1 - 1 / s2) / 2)
    exact = s2 / np.sqrt(2 * s2 - 1) - 1 if s2 > 0.5 else float("inf")
    ess = w.sum() ** 2 / (w**2).sum()
    rows.append([s2, float(w.mean()), float(w.var()), exact, float(ess / n), float(w.max())])

print(f"{n:,} draws from q = N(0, s²) for each width:\n")
print(table(["s²", "mean w", "var w", "s²/√(2s²−1) − 1", "n_eff / n", "largest w"], rows))
print(
    f"\nFor s² = {exercise_s2} the weight variance is {exercise_var}, so an average of"
    f" {draws:g} weights has variance"
)
print(
    f"{exercise_var / round(draws)}. For s² ≤ 1/2 the formula is infinite and the 'largest w'"
    " column shows why."
)
