"""Sum and difference of two exponential times: histograms against the derived densities.

With U = X₁ + X₂ and V = X₁ − X₂, the change of variables gives the joint density
e^(−u)/2 on the wedge |v| < u, hence p_U(u) = u e^(−u) and p_V(v) = e^(−|v|)/2.
"""

import numpy as np

from penpaper.labkit import histogram

rng = np.random.default_rng(3)
x1, x2 = rng.exponential(1.0, size=(2, 300_000))
u, v = x1 + x2, x1 - x2

print("V = X₁ − X₂ against the Laplace density e^(−|v|)/2 (┼):")
print(histogram(v, bins=16, width=40, density=lambda t: np.exp(-abs(t)) / 2, value_range=(-4, 4)))

print("\nU = X₁ + X₂ against u e^(−u) (┼):")
print(histogram(u, bins=12, width=40, density=lambda t: t * np.exp(-t), value_range=(0, 6)))

print(f"\nEvery sample lies in the wedge |v| < u: {bool(np.all(np.abs(v) < u))}")
box = (u > 1.0) & (u < 1.2) & (v > -0.3) & (v < -0.1)
exact = 0.2 * 0.2 * np.mean(np.exp(-np.linspace(1.0, 1.2, 1001))) / 2
print(f"P(1 < U < 1.2, −0.3 < V < −0.1): simulated {box.mean():.5f}, from e^(−u)/2 {exact:.5f}")
print("Dropping the Jacobian factor 1/2 would double the second number.")
