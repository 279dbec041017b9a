"""Predictions without new data relax geometrically to the stationary distribution.

Starting from the filtered belief P(z_t = 1) = b, the k-step prediction is the first
entry of [b, 1 - b] A^k. The lab compares matrix powers with the closed form
π + (b − π) λ^k (1/3 + (17/30)(7/10)^k for the original numbers) and shows the distance
to the stationary value π falling on a log scale. Run by `penpaper lab`, it uses the
transition and emission probabilities and the belief of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import line_plot, parameters, table

leave1, leave2, b, emit1, emit2 = parameters(
    leave1=0.2, leave2=0.1, belief=0.9, emit1=0.75, emit2=0.25
).values()
A = np.array([[1 - leave1, leave1], [leave2, 1 - leave2]])
belief = np.array([b, 1 - b])
stationary = leave2 / (leave1 + leave2)  # π, the first entry of the stationary distribution
second = 1 - leave1 - leave2  # λ, the second eigenvalue of A


def exact(value: float) -> Fraction:
    return Fraction(value).limit_denominator(1000)


rows, ks, gaps = [], [], []
for k in range(0, 21):
    by_power = (belief @ np.linalg.matrix_power(A, k))[0]
    closed = stationary + (b - stationary) * second**k
    if k <= 5 or k % 5 == 0:
        rows.append([k, by_power, closed])
    ks.append(k)
    gaps.append(abs(by_power - stationary))
print(table(["k", "belief @ A^k", "closed form"], rows))
next_one = b * (1 - leave1) + (1 - b) * leave2
print(
    f"\nnext observation: P(x_t+1 = 1) = {exact(next_one)}·{exact(emit1)}"
    f" + {exact(1 - next_one)}·{exact(emit2)} = {next_one * emit1 + (1 - next_one) * emit2:.6g}"
)
print(f"\neigenvalues of A: {np.sort(np.linalg.eigvals(A))}")
print(
    f"\nDistance to the stationary value {exact(stationary)} against k"
    " (log scale, a straight line):"
)
print(line_plot(ks, gaps, log_y=True, height=8))
print(
    f"\nThe slope is log10({second:g}) per step: the second eigenvalue of A,"
    f" 1 - {exact(leave1)} - {exact(leave2)},"
    "\nsets how fast a prediction forgets what the observations said."
)
