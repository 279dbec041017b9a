"""The KKT multipliers of the exercise as prices: how fast the optimum moves with each constraint.

A tiny active-set solver tries every subset of constraints as equalities, keeps the feasible
candidates and returns the best. Shifting a constraint's bound by ε changes the optimal value by
about −μ·ε, which the finite differences below confirm for μ₁ = 4 and μ₂ = 6.
"""

import itertools

import numpy as np

from penpaper.labkit import table

target = np.array([4.0, -1.0])  # f(p) = ‖p − target‖²


def solve(s1=2.0, s2=0.0):
    """Minimise f subject to x + y ≤ s1 and −y ≤ s2, by enumerating active sets."""
    normals, bounds = np.array([[1.0, 1.0], [0.0, -1.0]]), np.array([s1, s2])
    best = None
    for size in range(3):
        for active in itertools.combinations(range(2), size):
            A, c = normals[list(active)], bounds[list(active)]
            # closest point to the target on {A p = c}: p = target − Aᵀ(AAᵀ)⁻¹(A target − c)
            p = target - A.T @ np.linalg.solve(A @ A.T, A @ target - c) if size else target
            if np.all(normals @ p <= bounds + 1e-12):
                value = np.sum((p - target) ** 2)
                if best is None or value < best[1]:
                    best = (p, value, active)
    return best


point, value, active = solve()
print(f"minimiser {point}, f = {value:g}, active constraints {[i + 1 for i in active]}\n")

epsilon = 1e-4
rows = []
for name, shift, mu in (("x + y <= 2 + eps", {"s1": 2 + epsilon}, 4),
                        ("-y <= eps", {"s2": epsilon}, 6)):
    slope = (solve(**shift)[1] - value) / epsilon
    rows.append([name, slope, -mu])
print(table(["relaxed constraint", "(f*(eps) - f*)/eps", "-mu"], rows))
print("\nRelaxing a constraint with multiplier mu lowers the optimum at rate mu; an inactive")
print("constraint (mu = 0) would not move it at all.")
