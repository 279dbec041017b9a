"""Push samples through Y = A X + b and compare sample moments with A m + b and A Σ Aᵀ.

With Σ = [[2, 1], [1, 3]] and A = [[1, −1], [2, 1]] the outputs come out uncorrelated:
Cov(Y) = [[3, 0], [0, 15]]. Transposing on the wrong side gives Aᵀ Σ A instead.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(6)
m = np.array([1.0, -2.0])
sigma = np.array([[2.0, 1.0], [1.0, 3.0]])
a = np.array([[1.0, -1.0], [2.0, 1.0]])
b = np.array([3.0, 0.0])

x = rng.multivariate_normal(m, sigma, size=500_000)
y = x @ a.T + b  # each row is A x + b

sample_cov_y = np.cov(y, rowvar=False)
cross = np.cov(x.T, y.T)[:2, 2:]  # E[(X − m)(Y − E Y)ᵀ]


def entries(array: np.ndarray) -> str:
    if array.ndim == 1:
        return "[" + ", ".join(f"{value:.3f}" for value in array) + "]"
    return "[" + ", ".join(entries(row) for row in array) + "]"


rows = [
    ["E[Y]", entries(y.mean(axis=0)), entries(a @ m + b)],
    ["Cov(Y)", entries(sample_cov_y), entries(a @ sigma @ a.T)],
    ["Cov(X, Y)", entries(cross), entries(sigma @ a.T)],
    ["Aᵀ Σ A (wrong)", "", entries(a.T @ sigma @ a)],
]
print(table(["quantity", "from 500,000 samples", "formula"], rows))
print(
    "\nThe sample covariance of Y matches A Σ Aᵀ; its off-diagonal entries are close to 0,"
    "\nso this A turns correlated inputs into uncorrelated outputs. The shift b moves the"
    "\nmean only. Try another A, or add a large b, and rerun."
)
