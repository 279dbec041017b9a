"""Gradient ascent on an unnormalised model: data moment minus model moment.

For two coupled spins the model moment tanh θ is exact. We climb the average
log-likelihood with the exact gradient, and again with the model moment estimated
from 200 samples per step — the situation in large models, where Z cannot be summed.
Both settle near θ̂ = log 2 ≈ 0.693 (the sampled one jitters around it).
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(1)
m_data = (40 - 10) / 50
step, steps = 0.5, 40


def sampled_moment(theta, size=200):
    agree = rng.random(size) < np.exp(theta) / (np.exp(theta) + np.exp(-theta))
    return np.where(agree, 1.0, -1.0).mean()  # x1*x2 is +1 with prob e^θ/(e^θ + e^-θ)


exact, noisy = 0.0, 0.0
rows = []
for k in range(1, steps + 1):
    exact += step * (m_data - np.tanh(exact))
    noisy += step * (m_data - sampled_moment(noisy))
    if k in (1, 2, 5, 10, 20, 40):
        rows.append([k, exact, noisy])
print(table(["step", "θ (exact gradient)", "θ (sampled model moment)"], rows))
print(f"\nθ̂ = atanh(3/5) = log 2 = {np.log(2):.6f}")
print(
    "With sampled moments the iterate keeps jittering; shrinking steps (or more samples) tame it."
)
