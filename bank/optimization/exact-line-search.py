"""Steepest descent with exact line search on f(x) = ½ xᵀHx, H = diag(2, 8), from x₀ = [4, 1].

Each step uses η* = gᵀg / gᵀHg. The lab prints the iterates, the ratio f(x_{k+1})/f(x_k)
(always the worst-case 9/25 from this start) and the angle between successive gradients,
then shows that another start does better than the bound.
"""

import numpy as np

from penpaper.labkit import table

H = np.diag([2.0, 8.0])


def run(x, steps=6):
    rows, previous_gradient = [], None
    for k in range(steps):
        g = H @ x
        angle = "" if previous_gradient is None else float(np.degrees(np.arccos(
            g @ previous_gradient / np.linalg.norm(g) / np.linalg.norm(previous_gradient))))
        eta = (g @ g) / (g @ H @ g)
        x_next = x - eta * g
        ratio = (x_next @ H @ x_next) / (x @ H @ x)
        rows.append([k, f"[{x[0]:.4g}, {x[1]:.4g}]", float(eta), float(ratio), angle])
        x, previous_gradient = x_next, g
    return rows


headers = ["k", "x_k", "eta*", "f(x_k+1)/f(x_k)", "angle to previous gradient"]
print(table(headers, run(np.array([4.0, 1.0]))))
print("Every ratio is 9/25 = 0.36 = ((kappa-1)/(kappa+1))^2 and successive gradients meet at 90°:")
print("the path zigzags across the valley.\n")
print(table(headers, run(np.array([1.0, 1.0]), steps=3)))
print("From [1, 1] the ratio is smaller: the bound is attained only from the worst starts.")
