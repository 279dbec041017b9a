"""EM for a mixing weight: the log-likelihood rises at every step, slowly.

The data are summarised by the source densities at three points, (3, 1), (1, 1), (1, 2).
EM starts at pi = 1/2, and each step averages the responsibilities. The maximum-likelihood
value is pi = 3/4, and near it the distance shrinks by a factor of about 0.92 per step.
"""

import numpy as np

from penpaper.labkit import line_plot, table

source_1 = np.array([3.0, 1.0, 1.0])
source_2 = np.array([1.0, 1.0, 2.0])


def log_likelihood(pi):
    return float(np.sum(np.log(pi * source_1 + (1 - pi) * source_2)))


pi, rows, distances = 0.5, [], []
for step in range(61):
    if step <= 5 or step % 10 == 0:
        rows.append([step, pi, log_likelihood(pi)])
    distances.append(0.75 - pi)
    responsibilities = pi * source_1 / (pi * source_1 + (1 - pi) * source_2)
    new_pi = responsibilities.mean()
    assert log_likelihood(new_pi) >= log_likelihood(pi)  # the EM guarantee, checked every step
    pi = new_pi
print(table(["step", "pi", "log-likelihood"], rows))
print(
    f"\nThe first step gains {rows[1][2] - rows[0][2]:.6f};"
    f" log(1961/1944) = {np.log(1961 / 1944):.6f}."
)
print("\nDistance 3/4 - pi on a log scale: a straight line, i.e. linear convergence.\n")
print(line_plot(range(len(distances)), distances, log_y=True))
print(f"\nRatio of successive distances at the end: {distances[-1] / distances[-2]:.4f}")
print("EM is monotone but can crawl when the components overlap.")
