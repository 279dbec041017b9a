"""The Hessian of softmax cross-entropy is diag(p) − p pᵀ: checked, and seen to be PSD.

The lab builds the Hessian by finite differences of the gradient p − y at the exercise's
logits z = (ln 3, ln 2, 0), compares it with diag(p) − p pᵀ, and lists its eigenvalues
(one is 0, along the all-ones direction). It then draws random logits and directions and
confirms vᵀHv equals the variance of v under p and is never negative.
"""

import numpy as np

from penpaper.labkit import table


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


z = np.log([3.0, 2.0, 1.0])
y = np.array([0.0, 1.0, 0.0])  # any class: the Hessian does not depend on it
h = 1e-6
numeric = np.column_stack(
    [(softmax(z + e) - y - (softmax(z - e) - y)) / (2 * h) for e in np.eye(3) * h]
)
p = softmax(z)
formula = np.diag(p) - np.outer(p, p)
print("diag(p) − p pᵀ =\n", np.round(formula, 6))
gap = np.abs(numeric - formula).max()
print(f"largest difference from the finite-difference Hessian: {gap:.1e}")
print("eigenvalues:", np.round(np.linalg.eigvalsh(formula), 6) + 0.0)
print("H · [1, 1, 1] =", np.round(formula @ np.ones(3), 12) + 0.0, "(the zero eigenvalue)")
v = np.array([1.0, 0.0, -1.0])
print(f"vᵀHv for v = [1, 0, −1]: {v @ formula @ v:.6f}  (5/9 = {5 / 9:.6f})\n")

rng = np.random.default_rng(2)
rows = []
for _ in range(6):
    z = rng.normal(scale=2.0, size=5)
    p = softmax(z)
    v = rng.normal(size=5)
    quadratic = v @ (np.diag(p) - np.outer(p, p)) @ v
    variance = p @ v**2 - (p @ v) ** 2
    rows.append([quadratic, variance])
print(table(["vᵀHv", "Var of v under p"], rows))
print("\nThe two columns agree and are never negative: the loss is convex in the logits.")
