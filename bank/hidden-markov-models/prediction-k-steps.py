"""Predictions without new data relax geometrically to the stationary distribution.

Starting from the filtered belief P(z_t = 1) = 9/10, the k-step prediction is the first
entry of [9/10, 1/10] A^k. The lab compares matrix powers with the closed form
1/3 + (17/30)(7/10)^k and shows the distance to 1/3 falling on a log scale.
"""

import numpy as np

from penpaper.labkit import line_plot, table

A = np.array([[4 / 5, 1 / 5], [1 / 10, 9 / 10]])
belief = np.array([9 / 10, 1 / 10])

rows, ks, gaps = [], [], []
for k in range(0, 21):
    by_power = (belief @ np.linalg.matrix_power(A, k))[0]
    closed = 1 / 3 + (17 / 30) * (7 / 10) ** k
    if k <= 5 or k % 5 == 0:
        rows.append([k, by_power, closed])
    ks.append(k)
    gaps.append(by_power - 1 / 3)
print(table(["k", "belief @ A^k", "closed form"], rows))
print(f"\neigenvalues of A: {np.sort(np.linalg.eigvals(A))}")
print("\nDistance to the stationary value 1/3 against k (log scale, a straight line):")
print(line_plot(ks, gaps, log_y=True, height=8))
print(
    "\nThe slope is log10(0.7) per step: the second eigenvalue of A, 1 - 1/5 - 1/10,"
    "\nsets how fast a prediction forgets what the observations said."
)
