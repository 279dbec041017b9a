"""The smallest eigenvalue of an equicorrelation matrix against c, and sampling at the boundary.

For n = 3 and n = 10 the lab scans c and prints the smallest eigenvalue of
C = (1 − c)I + c·11ᵀ next to min(1 + (n − 1)c, 1 − c): it turns negative exactly below
c = −1/(n − 1). At the boundary c = −1/(n − 1) it draws Gaussian samples with covariance C
(fixed seed) and shows that their sum is constant — the variance argument of part (e).
"""

import numpy as np

from penpaper.labkit import line_plot, table


def equicorrelation(n, c):
    return (1 - c) * np.eye(n) + c * np.ones((n, n))


for n in (3, 10):
    cs = np.linspace(-0.8, 1.0, 37)
    smallest = [np.linalg.eigvalsh(equicorrelation(n, c))[0] for c in cs]
    print(f"n = {n}: smallest eigenvalue of C against c (zero crossing at c = {-1 / (n - 1):.4f})")
    print(line_plot(list(cs), smallest, height=8))
    checks = [
        [c, np.linalg.eigvalsh(equicorrelation(n, c))[0], min(1 + (n - 1) * c, 1 - c)]
        for c in (-0.6, -1 / (n - 1), 0.0, 0.5, 1.0)
    ]
    print(table(["c", "numpy λ_min", "min(1 + (n−1)c, 1 − c)"], checks))
    print()

rng = np.random.default_rng(3)
n = 3
C = equicorrelation(n, -1 / (n - 1))
L = np.linalg.cholesky(C + 1e-12 * np.eye(n))  # C is singular at the boundary: tiny jitter
samples = rng.standard_normal((100_000, n)) @ L.T
print("At c = −1/2 (n = 3): sample correlations", np.round(np.corrcoef(samples.T)[0, 1:], 3))
print(f"variance of X1 + X2 + X3 = {samples.sum(axis=1).var():.2e} (1ᵀC1 = 0)")
