"""EM for a two-component Gaussian mixture, M-step by weighted averages.

First the M-step of the exercise (data 0, 1, 3, 6) is recomputed. Then full EM runs on 400
points drawn from a known mixture: the log-likelihood never decreases, and the estimates
approach the parameters that generated the data.
"""

import numpy as np

from penpaper.labkit import line_plot, table


def m_step(x, r):  # r[n, k]: responsibility of component k for point n
    counts = r.sum(axis=0)
    means = r.T @ x / counts
    variances = (r * (x[:, None] - means) ** 2).sum(axis=0) / counts
    return counts / len(x), means, variances


x = np.array([0.0, 1.0, 3.0, 6.0])
r2 = np.array([1 / 8, 1 / 4, 1 / 2, 7 / 8])
weights, means, variances = m_step(x, np.column_stack([1 - r2, r2]))
print(f"Exercise M-step: pi_2 = {weights[1]}, mu_2 = {means[1]}, sigma_2^2 = {variances[1]:.6f}")
print(f"                 (33/7 = {33 / 7:.6f}), mu_1 = {means[0]:.6f} (4/3)")

rng = np.random.default_rng(7)
labels = rng.random(400) < 0.3
data = np.where(labels, rng.normal(4.0, 0.8, 400), rng.normal(0.0, 1.5, 400))
weights, means, variances = np.array([0.5, 0.5]), np.array([-1.0, 1.0]), np.array([1.0, 1.0])
history = []
for _ in range(60):
    densities = (
        weights
        * np.exp(-((data[:, None] - means) ** 2) / (2 * variances))
        / np.sqrt(2 * np.pi * variances)
    )
    history.append(np.log(densities.sum(axis=1)).sum())  # log-likelihood before this step
    weights, means, variances = m_step(data, densities / densities.sum(axis=1, keepdims=True))
print(
    f"\nLog-likelihood: {history[0]:.1f} at the start, then iterations 1 to 59"
    " (never decreasing):\n"
)
print(line_plot(range(1, len(history)), history[1:]))
print("smallest change between iterations:", min(np.diff(history)))
print(
    "\n"
    + table(
        ["", "pi_2", "mu_1", "mu_2", "sigma_1^2", "sigma_2^2"],
        [
            ["EM estimate", weights[1], means[0], means[1], variances[0], variances[1]],
            ["truth", 0.3, 0.0, 4.0, 2.25, 0.64],
        ],
    )
)
