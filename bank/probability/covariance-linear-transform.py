"""Push samples through Y = A X + b and compare sample moments with A m + b and A Σ Aᵀ.

With the original Σ = [[2, 1], [1, 3]] and A = [[1, −1], [2, 1]] the outputs come out
uncorrelated: Cov(Y) = [[3, 0], [0, 15]]. Transposing on the wrong side gives Aᵀ Σ A
instead. Run by `penpaper lab`, it uses the Σ, A and b of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(S=[[2, 1], [1, 3]], M=[[1, -1], [2, 1]], c=[[3], [0]])
rng = np.random.default_rng(6)
m = np.array([1.0, -2.0])
sigma = np.array(given["S"])
a = np.array(given["M"])
b = np.array(given["c"]).ravel()

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
print(f"\nΣ = {entries(sigma)}, A = {entries(a)}, b = {entries(b)}.")
print(
    "The sample covariance of Y matches A Σ Aᵀ, not Aᵀ Σ A. The shift b moves the mean"
    "\nonly. (With the original numbers the off-diagonal entries of Cov(Y) vanish: that A"
    "\nturns correlated inputs into uncorrelated outputs.) Try another A, or a large b."
)
