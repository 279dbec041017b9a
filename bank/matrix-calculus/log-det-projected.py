"""∂ log det(XᵀAX)/∂X = 2AX(XᵀAX)⁻¹, and the scaling identity tr(Xᵀ ∂f/∂X) = 2k.

For random 6×k matrices X we compare the formula with finite differences, then
confirm that tr(Xᵀ ∂f/∂X) equals 2k whatever X is: f(tX) = f(X) + 2k log t.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(2)
n = 6
root = rng.normal(size=(n, n))
A = root @ root.T + n * np.eye(n)


def f(X):
    return np.linalg.slogdet(X.T @ A @ X)[1]


def formula(X):
    return 2 * A @ X @ np.linalg.inv(X.T @ A @ X)


def finite_difference(X, step=1e-6):
    gradient = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        E = np.zeros_like(X)
        E[index] = step
        gradient[index] = (f(X + E) - f(X - E)) / (2 * step)
    return gradient


rows = []
for k in (1, 2, 3, 5):
    X = rng.normal(size=(n, k))
    numeric = finite_difference(X)
    rows.append(
        [
            k,
            np.abs(numeric - formula(X)).max(),
            np.abs(numeric - formula(X) / 2).max(),
            np.trace(X.T @ numeric),
            2 * k,
        ]
    )
print(table(["k", "error of 2AXM⁻¹", "error of AXM⁻¹", "tr(Xᵀ∇f) numeric", "2k"], rows))

X = rng.normal(size=(n, 3))
print("\nf(tX) − f(X) against 2k log t for k = 3:")
print(
    table(
        ["t", "f(tX) − f(X)", "6 log t"],
        [[t, f(t * X) - f(X), 6 * np.log(t)] for t in (0.5, 2.0, 10.0)],
    )
)
