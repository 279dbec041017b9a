"""A one-dimensional Kalman filter tracking a noisy hidden signal.

The model of the exercise, z_t = z_{t-1}/2 + w_t and x_t = z_t + v_t with q = r = 1.
The lab first replays the two worked steps (means 4 and 12/13, variances 2/3 and
7/13), then runs the filter on a long simulated sequence and compares its error
with the error of simply trusting each reading, and its ±2σ band with the truth.
"""

import numpy as np

from penpaper.labkit import line_plot, table

a, q, r = 0.5, 1.0, 1.0


def kalman_step(mean, var, x):
    pred_mean, pred_var = a * mean, a * a * var + q
    gain = pred_var / (pred_var + r)
    return pred_mean + gain * (x - pred_mean), (1 - gain) * pred_var


m1, v1 = kalman_step(4.0, 4.0, 5.0)
m2, v2 = kalman_step(m1, v1, 0.0)
rows = [[1, m1, v1, "4, 2/3"], [2, m2, v2, "12/13, 7/13"]]
print(table(["step", "mean", "variance", "exercise"], rows))

rng = np.random.default_rng(7)
steps = 5000
z = np.zeros(steps)
z[0] = rng.normal(4.0, 2.0)
for t in range(1, steps):
    z[t] = a * z[t - 1] + rng.normal(0, np.sqrt(q))
x = z + rng.normal(0, np.sqrt(r), steps)

means, variances = np.zeros(steps), np.zeros(steps)
mean, var = 4.0, 4.0
for t in range(steps):
    mean, var = kalman_step(mean, var, x[t])
    means[t], variances[t] = mean, var

inside = np.abs(z - means) <= 2 * np.sqrt(variances)
print(f"\nRMS error of the raw readings:   {np.sqrt(np.mean((x - z) ** 2)):.3f}  (sqrt(r) = 1)")
print(f"RMS error of the filtered means: {np.sqrt(np.mean((means - z) ** 2)):.3f}")
print(f"filter's own sd at the end:      {np.sqrt(variances[-1]):.3f}")
print(f"truth inside mean ± 2σ:          {100 * inside.mean():.1f}%  (Gaussian: 95.4%)")
print("\nFiltered variance over the first 12 steps (it settles fast and ignores the data):")
print(line_plot(list(range(1, 13)), list(variances[:12]), height=8))
print(
    "\nThe filter beats the raw readings because it also uses the dynamics: the previous"
    "\nestimate, shrunk by a, carries information the new reading does not."
)
