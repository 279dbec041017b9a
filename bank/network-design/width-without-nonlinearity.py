"""Width with and without a nonlinearity: ReLU regions against a linear net's spare parameters.

For a linear network ℝ² → ℝᵐ → ℝ the lab measures the rank of the map from parameters
to function values: it stays 3 (the affine functions) whatever the width m. For ReLU
units it draws random lines, counts activation patterns (the affine regions of f) by
probing around every crossing of two lines, compares with 1 + m + m(m − 1)/2, and
prints a character map of the regions of a 4-unit layer, one letter per region.
"""

import itertools

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(3)
points = rng.standard_normal((12, 2))


def linear_values(theta, m):
    w, b, v = theta[: 2 * m].reshape(m, 2), theta[2 * m : 3 * m], theta[3 * m :]
    return (points @ w.T + b) @ v


def patterns(w, b):
    """Activation patterns met just around every crossing of two lines (every region
    touches one), plus both sides of the first line."""
    along = np.column_stack([-w[:, 1], w[:, 0]])
    along /= np.linalg.norm(along, axis=1, keepdims=True)
    probes = [-b[0] * w[0] / (w[0] @ w[0]) + s * w[0] for s in (-1, 1)]
    for i, j in itertools.combinations(range(len(w)), 2):
        crossing = np.linalg.solve(w[[i, j]], -b[[i, j]])
        probes += [
            crossing + 1e-7 * (s * along[i] + t * along[j])
            for s, t in itertools.product((-1, 1), repeat=2)
        ]
    return {tuple(row) for row in np.array(probes) @ w.T + b > 0}


rows = []
for m in (1, 2, 4, 8, 16, 64):
    theta = rng.standard_normal(4 * m)
    jac = np.array(
        [
            (linear_values(theta + e, m) - linear_values(theta - e, m)) / 2e-6
            for e in 1e-6 * np.eye(4 * m)
        ]
    ).T
    rank = np.linalg.matrix_rank(jac, tol=1e-6)

    w, b = rng.standard_normal((m, 2)), rng.standard_normal(m)
    regions = len(patterns(w, b))
    rows.append([m, 4 * m, rank, regions, 1 + m + m * (m - 1) // 2])
print(
    table(
        ["m", "parameters", "linear: function dimension", "ReLU: regions", "1 + m + m(m−1)/2"],
        rows,
    )
)
print("Without the nonlinearity the width adds parameters but never functions; with ReLU")
print("the number of affine regions grows quadratically in m.\n")

w, b = np.array([[1.0, 0.3], [-0.4, 1.0], [1.0, -1.0], [0.2, 1.0]]), np.array([0.1, 0.2, -0.5, 0.6])
xs, ys = np.linspace(-2, 2, 64), np.linspace(1.5, -1.5, 18)
labels = {}
for y in ys:
    line = ""
    for x in xs:
        key = tuple(w @ np.array([x, y]) + b > 0)
        line += labels.setdefault(key, "ABCDEFGHIJKLMNOP"[len(labels)])
    print("  " + line)
print(f"\n{len(labels)} regions of 11 possible appear in this window; on each, f is affine.")
