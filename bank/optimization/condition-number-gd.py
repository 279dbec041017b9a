"""How many gradient-descent steps a quadratic needs, as its condition number grows.

For f(w) = ½ wᵀHw with eigenvalues in [μ, L] and the best step 2/(μ + L), the error
shrinks by (κ − 1)/(κ + 1) per step in the worst direction. The lab counts the steps
until the error is 10⁻⁶ of the start, next to the prediction, then shows rescaling.
"""

import math

import numpy as np

from penpaper.labkit import table


def steps_to_tolerance(curvatures, eta, tolerance=1e-6):
    """Gradient-descent steps on ½ Σ cᵢ wᵢ² until ‖w‖ ≤ tolerance · ‖w₀‖."""
    w = np.ones(len(curvatures))
    start = np.linalg.norm(w)
    steps = 0
    while np.linalg.norm(w) > tolerance * start:
        w = w - eta * curvatures * w
        steps += 1
    return steps


rows = []
for kappa in (2, 11, 101, 1001):
    curvatures = np.linspace(1.0, kappa, 5)  # eigenvalues from mu = 1 to L = kappa
    rho = (kappa - 1) / (kappa + 1)
    predicted = math.ceil(math.log(1e6) / math.log(1 / rho))
    rows.append([kappa, float(rho), steps_to_tolerance(curvatures, 2 / (1 + kappa)), predicted,
                 steps_to_tolerance(curvatures, 1 / kappa)])
print(table(["kappa", "rho", "steps, eta=2/(mu+L)", "predicted", "steps, eta=1/L"], rows))
print("The prediction is a worst-case guarantee, so the run never needs more. The count")
print("grows linearly with kappa, and the step 1/L needs about twice as many.\n")

original = np.array([2.0, 200.0])  # Hessian of (w1 - 1)^2 + 100 (w2 + 2)^2
rescaled = original / np.array([1.0, 10.0]) ** 2  # after w2 = v/10
for name, curvatures in (("original", original), ("w2 = v/10", rescaled)):
    eta = 2 / (curvatures.min() + curvatures.max())
    print(f"{name:>10}: kappa = {curvatures.max() / curvatures.min():g},"
          f" steps to 1e-6 = {steps_to_tolerance(curvatures, eta)}")
