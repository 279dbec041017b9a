"""The attention output's Jacobian with respect to the query, checked and stress-tested.

The lab compares the derived formula ∂o/∂q = a₁(1 − a₁)(v₁ − v₂)(k₁ − k₂)ᵀ/2 with central
finite differences at the exercise's numbers, confirms that it has rank 1, and then
scales the query up (q ← t·q for a q that prefers key 1): as the softmax saturates,
a₁ → 1 and the Jacobian — the gradient signal into the query — collapses.
"""

import numpy as np

from penpaper.labkit import table

k1, k2 = np.array([2.0, 0, 1, 1]), np.array([1.0, 1, 2, 0])
v1, v2 = np.array([3.0, 1]), np.array([1.0, 2])


def attend(q):
    s = np.array([k1 @ q, k2 @ q]) / 2  # scores scaled by 1/√d_k = 1/2
    a = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
    return a[0] * v1 + a[1] * v2, a[0]


def formula(q):
    a1 = attend(q)[1]
    return a1 * (1 - a1) * np.outer(v1 - v2, k1 - k2) / 2


def finite_differences(q, h=1e-6):
    return np.column_stack([(attend(q + e)[0] - attend(q - e)[0]) / (2 * h) for e in np.eye(4) * h])


q = np.array([1.0, 2, 0, 1])
print("Formula at the exercise's query:\n", formula(q))
gap = np.abs(formula(q) - finite_differences(q)).max()
print(f"Largest difference from finite differences: {gap:.1e}")
print("Singular values:", np.round(np.linalg.svd(formula(q), compute_uv=False), 6), "→ rank 1\n")

rng = np.random.default_rng(5)
q_random = rng.standard_normal(4)
gap = np.abs(formula(q_random) - finite_differences(q_random)).max()
print(f"At a random query the formula and finite differences differ by {gap:.1e}.\n")

direction = np.array([1.0, -1, -1, 1])  # along k₁ − k₂, so key 1 wins as t grows
rows = []
for t in [0, 0.5, 1, 2, 4, 8]:
    a1 = attend(t * direction)[1]
    rows.append([t, a1, np.linalg.norm(formula(t * direction))])
print(table(["t", "a₁", "‖∂o/∂q‖_F"], rows))
print("\nThe Jacobian is largest at a₁ = 1/2 (t = 0) and fades as one key takes all the weight.")
