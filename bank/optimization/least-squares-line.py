"""Least squares three ways: the normal equations, numpy's lstsq, and gradient descent.

All three land on w = [0.7, 2.2] for the four points of the exercise; a finite-difference
check confirms the gradient 2Xᵀ(Xw − y), and the residuals come out orthogonal to X.
"""

import numpy as np

from penpaper.labkit import table

t = np.array([0.0, 1.0, 2.0, 3.0])
y = np.array([1.0, 3.0, 4.0, 8.0])
X = np.column_stack([np.ones_like(t), t])


def loss(w):
    return np.sum((X @ w - y) ** 2)


normal = np.linalg.solve(X.T @ X, X.T @ y)
lstsq = np.linalg.lstsq(X, y, rcond=None)[0]
w = np.zeros(2)
eta = 1 / np.linalg.eigvalsh(2 * X.T @ X).max()
for _ in range(2000):
    w -= eta * 2 * X.T @ (X @ w - y)
print(table(["method", "w0", "w1"], [
    ["normal equations", *normal], ["np.linalg.lstsq", *lstsq], ["gradient descent", *w]]))

rng = np.random.default_rng(1)
point = rng.normal(size=2)
step = 1e-6
finite_difference = [(loss(point + step * e) - loss(point - step * e)) / (2 * step)
                     for e in np.eye(2)]
print("\nGradient at a random w: formula", (2 * X.T @ (X @ point - y)).round(6),
      " central differences", np.round(finite_difference, 6))

residual = y - X @ normal
print("\nResiduals:", residual.round(6), " sum:", round(residual.sum(), 12))
print("X^T r =", (X.T @ residual).round(12), "- orthogonal to both columns, including the ones.")
