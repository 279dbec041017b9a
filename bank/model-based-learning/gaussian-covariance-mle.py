"""A finite-difference check of ∂ℓ/∂Λ = (n/2)Λ⁻¹ − S/2, and ℓ peaking at Λ = (S/n)⁻¹.

We draw data from a 3-D Gaussian, form the scatter matrix S around the sample
mean, and compare the derived gradient with central differences of ℓ. Then we
scale Λ̂ = n S⁻¹ up and down and see the log-likelihood peak there.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(3)
n, d = 40, 3
data = rng.multivariate_normal([1.0, -1.0, 0.5], [[2, 0.6, 0], [0.6, 1, -0.3], [0, -0.3, 0.5]], n)
centred = data - data.mean(axis=0)
S = centred.T @ centred


def loglik(precision):
    return n / 2 * np.linalg.slogdet(precision)[1] - np.trace(precision @ S) / 2


Lam = np.linalg.inv(S / n) + 0.3 * np.eye(d)  # some point that is not the optimum
derived = n / 2 * np.linalg.inv(Lam) - S / 2
numeric = np.zeros((d, d))
for i in range(d):
    for j in range(d):
        step = np.zeros((d, d))
        step[i, j] = 1e-6
        numeric[i, j] = (loglik(Lam + step) - loglik(Lam - step)) / 2e-6
rows = [[f"({i},{j})", derived[i, j], numeric[i, j]] for i in range(d) for j in range(d)]
print("Entries of ∂ℓ/∂Λ at a test point:\n")
print(table(["entry", "(n/2)Λ⁻¹ − S/2", "finite difference"], rows))

best = np.linalg.inv(S / n)
scales = np.linspace(0.3, 3.0, 55)
values = [loglik(s * best) for s in scales]
print("\nℓ along the ray Λ = s·Λ̂ with Λ̂ = n S⁻¹; it peaks at s = 1, i.e. Σ̂ = S/n:")
print(line_plot(scales, values, height=10))
print(f"\nargmax over the grid: s = {scales[int(np.argmax(values))]:.2f}")
