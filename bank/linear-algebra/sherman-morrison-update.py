"""Recursive least squares: Sherman–Morrison keeps (XᵀX + I)⁻¹ current as rows arrive.

Each new data row x adds the rank-one term x xᵀ to P⁻¹ = XᵀX + I, so P is updated in O(d²)
with the formula from the exercise instead of being re-inverted in O(d³). The lab streams 200
rows (fixed seed), compares the running solution with a fresh batch solve, and finally checks
the exercise's numbers: Σ = 2I + wwᵀ (w = (1, 1, 2) for the original numbers), its inverse
and determinant. Run by `penpaper lab`, it uses the w of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given_w = parameters(w=[[1], [1], [2]])["w"]

rng = np.random.default_rng(1)
d, n = 5, 200
w_true = rng.standard_normal(d)
X = rng.standard_normal((n, d))
y = X @ w_true + 0.1 * rng.standard_normal(n)

P = np.eye(d)  # (XᵀX + I)⁻¹ with no rows yet: the ridge term I keeps it invertible
b = np.zeros(d)  # Xᵀy
rows = []
for t in range(n):
    x = X[t]
    Px = P @ x
    P -= np.outer(Px, Px) / (1.0 + x @ Px)  # Sherman–Morrison with u = v = x (P symmetric)
    b += y[t] * x
    if t + 1 in (1, 5, 10, 50, 200):
        batch = np.linalg.solve(X[: t + 1].T @ X[: t + 1] + np.eye(d), X[: t + 1].T @ y[: t + 1])
        rows.append([t + 1, np.abs(P @ b - batch).max(), np.linalg.norm(P @ b - w_true)])
print(table(["rows seen", "max |recursive − batch|", "‖estimate − true w‖"], rows))
print("The recursive and batch solutions agree to rounding error at every stage.\n")

w = np.array(given_w).ravel()
ww = float(w @ w)
Sigma = 2 * np.eye(3) + np.outer(w, w)
scale = 2 * (2 + ww)
formula = np.eye(3) / 2 - np.outer(w, w) / scale
print(f"Σ⁻¹ from the formula (×{scale:g}):\n", formula * scale)
print("max |formula − numpy inverse| =", np.abs(formula - np.linalg.inv(Sigma)).max())
print(
    f"det Σ: lemma 8·(1 + {ww:g}/2) = {8 * (1 + ww / 2):g}, numpy", round(np.linalg.det(Sigma), 10)
)
