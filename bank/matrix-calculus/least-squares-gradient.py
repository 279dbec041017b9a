"""Gradient descent on the least-squares line fit walks to the normal-equation solution.

The loss L(w) = ‖Xw − y‖² for the three points (0, 1), (1, 2), (2, 4) has gradient
2Xᵀ(Xw − y) and Hessian 2XᵀX. Gradient descent with step 1/λ_max(2XᵀX) converges to
w* = (5/6, 3/2); with a step just above 2/λ_max it blows up instead.
"""

import numpy as np

from penpaper.labkit import line_plot, table

X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
y = np.array([1.0, 2.0, 4.0])
w_star = np.linalg.solve(X.T @ X, X.T @ y)
largest_curvature = np.linalg.eigvalsh(2 * X.T @ X).max()


def loss(w):
    return np.sum((X @ w - y) ** 2)


def descend(step, steps=60):
    w, history = np.zeros(2), []
    for _ in range(steps):
        w = w - step * 2 * X.T @ (X @ w - y)
        history.append(loss(w) - loss(w_star))
    return w, history


print(f"normal equations: w* = {w_star}  (5/6 = {5 / 6:.6f}, 3/2 = 1.5)")
print(f"largest Hessian eigenvalue λ_max = {largest_curvature:.4f}\n")

w, history = descend(1 / largest_curvature)
print("excess loss L(w) − L(w*) along gradient descent with step 1/λ_max (log scale):")
print(line_plot(range(1, len(history) + 1), history, log_y=True))

rows = []
for factor in (0.5, 1.0, 1.9, 2.05):
    w, history = descend(factor / largest_curvature)
    rows.append([f"{factor}/λ_max", history[-1], str(np.round(w, 4))])
print("\nafter 60 steps:")
print(table(["step", "L(w) − L(w*)", "w"], rows))
print("Steps below 2/λ_max converge to w*; just above it the error grows every step.")
