"""Gradient descent on f(w) = ½ wᵀHw − bᵀw just below and just above η_max = 2/λ_max.

The error after each step is (I − ηH)ᵏ times the starting error, so the step size
decides everything: below 2/λ_max the iterates converge, above it they blow up.
"""

import numpy as np

from penpaper.labkit import line_plot, table

H = np.array([[4.0, 1.0], [1.0, 2.0]])
b = np.array([1.0, -1.0])
w_star = np.linalg.solve(H, b)
eigenvalues = np.linalg.eigvalsh(H)
eta_max = 2 / eigenvalues.max()
print(f"eigenvalues of H: {eigenvalues.round(4)}, eta_max = 2/lambda_max = {eta_max:.4f}\n")


def errors(eta, steps=60, seed=0):
    """Distance to the minimiser after each step, from a fixed random start."""
    w = np.random.default_rng(seed).normal(size=2) * 5
    history = []
    for _ in range(steps):
        w = w - eta * (H @ w - b)
        history.append(np.linalg.norm(w - w_star))
    return history


choices = {
    "1/lambda_max": 1 / eigenvalues.max(),
    "best 2/(l_min+l_max)": 2 / eigenvalues.sum(),
    "0.98 eta_max": 0.98 * eta_max,
    "1.02 eta_max": 1.02 * eta_max,
}
rows = []
for name, eta in choices.items():
    history = errors(eta)
    factor = max(abs(1 - eta * eigenvalues))
    rows.append([name, float(eta), float(factor), history[-1]])
print(table(["step", "eta", "max |1 - eta*lambda|", "error after 60 steps"], rows))

print("\nError per step with eta = 1.02 eta_max (log scale): it grows geometrically.")
print(line_plot(range(1, 61), errors(1.02 * eta_max), log_y=True))
print("\nJust above the bound the factor 1 - eta*lambda_max drops below -1: the iterates")
print("overshoot further every step, even though 2% looks like a harmless change.")
