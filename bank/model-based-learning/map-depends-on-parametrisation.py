"""One posterior, two densities, two different modes.

We sample θ from a Beta(a, b) posterior, transform each sample to the log-odds η,
and find the mode of each histogram. The θ-mode sits at (a−1)/(a+b−2); the η-mode,
mapped back to θ, sits at a/(a+b). Samples do not care how we label them; densities do.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(5)
a, b = 3.0, 7.0
theta = rng.beta(a, b, 2_000_000)
eta = np.log(theta / (1 - theta))


def histogram_mode(samples, bins=400):
    counts, edges = np.histogram(samples, bins=bins)
    smooth = np.convolve(counts, np.ones(9) / 9, mode="same")  # tame the noise a little
    peak = int(np.argmax(smooth))
    return (edges[peak] + edges[peak + 1]) / 2


mode_theta = histogram_mode(theta)
mode_eta = histogram_mode(eta)
rows = [
    ["mode of θ-density", mode_theta, (a - 1) / (a + b - 2)],
    ["θ at mode of η-density", 1 / (1 + np.exp(-mode_eta)), a / (a + b)],
    ["posterior mean of θ", theta.mean(), a / (a + b)],
]
print(f"Posterior Beta({a:g}, {b:g}), {theta.size:,} samples:\n")
print(table(["summary", "from samples", "formula"], rows))
print("\nHistogram of θ (peak near 0.25):")
print(histogram(theta, bins=12, value_range=(0.0, 0.72)))
print("\nHistogram of η = log-odds (peak near log(3/7) ≈ −0.85):")
print(histogram(eta, bins=12, value_range=(-3.5, 1.5)))
