"""A one-dimensional Kalman filter tracking a noisy hidden signal.

The model of the exercise, z_t = z_{t-1}/2 + w_t and x_t = z_t + v_t (q = r = 1 for
the original numbers). The lab first replays the two worked steps (means 4 and 12/13,
variances 2/3 and 7/13 for the original numbers), then runs the filter on a long
simulated sequence and compares its error with the error of simply trusting each
reading, and its ±2σ band with the truth. Run by `penpaper lab`, it uses the noise
variances, prior and readings of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import line_plot, parameters, table

proc, noise, mean0, var0, read1, read2 = parameters(
    proc=1, noise=1, mean0=4, var0=4, read1=5, read2=0
).values()
a, q, r = 0.5, proc, noise


def kalman_step(mean, var, x):
    pred_mean, pred_var = a * mean, a * a * var + q
    gain = pred_var / (pred_var + r)
    return pred_mean + gain * (x - pred_mean), (1 - gain) * pred_var


def exact(value: float) -> str:
    return str(Fraction(value).limit_denominator(10_000))


m1, v1 = kalman_step(mean0, var0, read1)
m2, v2 = kalman_step(m1, v1, read2)
rows = [[1, m1, v1, f"{exact(m1)}, {exact(v1)}"], [2, m2, v2, f"{exact(m2)}, {exact(v2)}"]]
print(table(["step", "mean", "variance", "exercise"], rows))

rng = np.random.default_rng(7)
steps = 5000
z = np.zeros(steps)
z[0] = rng.normal(mean0, np.sqrt(var0))
for t in range(1, steps):
    z[t] = a * z[t - 1] + rng.normal(0, np.sqrt(q))
x = z + rng.normal(0, np.sqrt(r), steps)

means, variances = np.zeros(steps), np.zeros(steps)
mean, var = mean0, var0
for t in range(steps):
    mean, var = kalman_step(mean, var, x[t])
    means[t], variances[t] = mean, var

inside = np.abs(z - means) <= 2 * np.sqrt(variances)
raw_error = np.sqrt(np.mean((x - z) ** 2))
print(f"\nRMS error of the raw readings:   {raw_error:.3f}  (sqrt(r) = {np.sqrt(r):.3g})")
print(f"RMS error of the filtered means: {np.sqrt(np.mean((means - z) ** 2)):.3f}")
print(f"filter's own sd at the end:      {np.sqrt(variances[-1]):.3f}")
print(f"truth inside mean ± 2σ:          {100 * inside.mean():.1f}%  (Gaussian: 95.4%)")
print("\nFiltered variance over the first 12 steps (it settles fast and ignores the data):")
print(line_plot(list(range(1, 13)), list(variances[:12]), height=8))
print(
    "\nThe filter beats the raw readings because it also uses the dynamics: the previous"
    "\nestimate, shrunk by a, carries information the new reading does not."
)
