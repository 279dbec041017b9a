"""Power method on A = [[5, 2], [2, 2]]: the direction error shrinks by |λ2/λ1| = 1/6 per step.

The lab runs the iteration from x0 = (1, 0), measures the tangent of the angle between x_k
and the dominant eigenvector (2, 1), and shows that successive tangents have ratio 1/6. It
also tracks the Rayleigh quotient, whose error falls by the square, 1/36, for symmetric A.
"""

import numpy as np

from penpaper.labkit import line_plot, table

A = np.array([[5.0, 2.0], [2.0, 2.0]])
v1 = np.array([2.0, 1.0]) / np.sqrt(5.0)  # dominant eigenvector (λ1 = 6)
v2 = np.array([1.0, -2.0]) / np.sqrt(5.0)  # other eigenvector (λ2 = 1)

x = np.array([1.0, 0.0])
rows, tangents = [], []
previous_tan = previous_err = None
for k in range(10):
    tan = abs(v2 @ x) / abs(v1 @ x)
    rayleigh_error = 6.0 - (x @ A @ x) / (x @ x)
    rows.append(
        [
            k,
            tan,
            "" if previous_tan is None else tan / previous_tan,
            rayleigh_error,
            "" if previous_err is None else rayleigh_error / previous_err,
        ]
    )
    tangents.append(tan)
    previous_tan, previous_err = tan, rayleigh_error
    x = A @ x
    x /= np.linalg.norm(x)  # normalising changes the length only, never the direction

print(table(["k", "tan θ_k", "ratio", "6 − R(x_k)", "ratio"], rows))
print()
print("Direction ratio → 1/6 ≈ 0.1667; Rayleigh-quotient ratio → 1/36 ≈ 0.0278.")
print("The tangent on a log scale falls along a straight line (slope log10(1/6) per step):")
print(line_plot(list(range(len(tangents))), tangents, log_y=True, height=8))
k_needed = int(np.ceil(6 / np.log10(6)))
print(f"\nSteps for a 10^6 reduction: {k_needed} (6^{k_needed} = {6**k_needed:,}).")
