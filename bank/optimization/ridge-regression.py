"""Ridge regression: the d×d form and the n×n form agree, and λ shrinks the weights.

With n = 20 data points and d = 500 features, (XᵀX + λI)⁻¹Xᵀy needs a 500×500 solve while
Xᵀ(XXᵀ + λI)⁻¹y needs only a 20×20 one; both give the same w. The table then shows the
weights of the small exercise shrinking from least squares towards zero as λ grows.
"""

import time

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)
n, d, lam = 20, 500, 0.5
X = rng.normal(size=(n, d))
y = rng.normal(size=n)
np.linalg.solve(np.eye(3), np.ones(3))  # warm up the linear-algebra library before timing

started = time.perf_counter()
primal = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
primal_seconds = time.perf_counter() - started
started = time.perf_counter()
dual = X.T @ np.linalg.solve(X @ X.T + lam * np.eye(n), y)
dual_seconds = time.perf_counter() - started
difference = np.abs(primal - dual).max()
print(f"n = {n}, d = {d}: largest difference between the two forms {difference:.2e}")
print(f"time: d x d form {primal_seconds * 1e3:.2f} ms, n x n form {dual_seconds * 1e3:.2f} ms\n")

X_small = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
y_small = np.array([1.0, 2.0, 3.0])
rows = []
for lam in (0.0, 0.1, 1.0, 10.0, 100.0):
    w = np.linalg.solve(X_small.T @ X_small + lam * np.eye(2), X_small.T @ y_small)
    gradient = 2 * X_small.T @ (X_small @ w - y_small) + 2 * lam * w
    rows.append([lam, *w, float(np.linalg.norm(w)), float(np.abs(gradient).max())])
print(table(["lambda", "w1", "w2", "|w|", "max |gradient|"], rows))
print("lambda = 1 gives [7/8, 11/8] = [0.875, 1.375]; the gradient of part 1 vanishes at every")
print("row, and the weights shrink towards 0 as the penalty grows.")
