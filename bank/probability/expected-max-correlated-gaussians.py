"""Check E[max(X₁, X₂)] = μ + τ/√(2π), τ² = Var(X₁ − X₂), by simulation.

The identity max(a, b) = (a + b)/2 + |a − b|/2 turns a two-dimensional problem into
one about the difference D = X₁ − X₂. Here both means are 1, the variances 4 and 9,
and the covariance 3, so τ² = 7.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(5)
mean = np.array([1.0, 1.0])
covariance = np.array([[4.0, 3.0], [3.0, 9.0]])
x1, x2 = rng.multivariate_normal(mean, covariance, size=1_000_000).T

maximum = np.maximum(x1, x2)
identity_gap = np.max(np.abs(maximum - ((x1 + x2) / 2 + np.abs(x1 - x2) / 2)))
print(
    f"max(a, b) = (a + b)/2 + |a − b|/2 holds on every sample (largest gap {identity_gap:.1e}).\n"
)

tau = np.sqrt(7.0)
rows = [
    ["Var(X₁ − X₂)", np.var(x1 - x2), 7.0],
    ["E|X₁ − X₂|", np.mean(np.abs(x1 - x2)), tau * np.sqrt(2 / np.pi)],
    ["E[max(X₁, X₂)]", maximum.mean(), 1 + tau / np.sqrt(2 * np.pi)],
    ["(using Var 13: wrong)", "", 1 + np.sqrt(13.0) / np.sqrt(2 * np.pi)],
]
print(table(["quantity", "simulated", "formula"], rows))

print("\nE[max] as the correlation ρ varies (σ₁ = 2, σ₂ = 3, both means 1):\n")
sweep = []
for rho in (-0.9, -0.5, 0.0, 0.5, 0.9):
    cov = np.array([[4.0, 6 * rho], [6 * rho, 9.0]])
    a, b = rng.multivariate_normal(mean, cov, size=500_000).T
    tau_rho = np.sqrt(4 + 9 - 12 * rho)
    sweep.append([rho, np.maximum(a, b).mean(), 1 + tau_rho / np.sqrt(2 * np.pi)])
print(table(["ρ", "simulated", "formula"], sweep))
print("\nThe more the two scores move together, the less picking the better one gains.")
