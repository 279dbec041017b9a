"""The factor posterior seen in simulated data: regress z on x.

We sample (z, x) pairs from the factor-analysis model of the exercise, fit the
least-squares regression of z on x, and compare its coefficients with the derived
Wᵀ(WWᵀ + Ψ)⁻¹, and its residual variance with (1 + WᵀΨ⁻¹W)⁻¹ = 2/15.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(4)
W = np.array([[2.0], [1.0], [-1.0]])
Psi = np.diag([1.0, 2.0, 0.5])
m = 400_000

z = rng.standard_normal((m, 1))
x = z @ W.T + rng.standard_normal((m, 3)) * np.sqrt(np.diag(Psi))

coefficients, *_ = np.linalg.lstsq(x, z, rcond=None)  # best linear predictor of z from x
derived = (W.T @ np.linalg.inv(W @ W.T + Psi)).ravel()
rows = [[f"x_{i + 1}", coefficients[i, 0], derived[i]] for i in range(3)]
print("Regression weights of z on x (E[z | x] is linear in x for Gaussians):\n")
print(table(["input", "least squares", "Wᵀ(WWᵀ+Ψ)⁻¹"], rows))

residual = z - x @ coefficients
point = np.array([1.0, 1.0, 0.0])
print(
    "\n"
    + table(
        ["quantity", "simulation", "formula"],
        [
            ["residual variance", float(residual.var()), 2 / 15],
            ["prediction at x = (1, 1, 0)", float(point @ coefficients[:, 0]), 1 / 3],
        ],
    )
)
print("\nThe posterior variance 2/15 is far below the prior's 1: three noisy views pin z down.")
