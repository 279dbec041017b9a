"""Batch normalisation of the exercise's batch, and why tiny batches make it noisy.

The lab recomputes the exercise with numpy (batch statistics with the biased variance,
the normalised batch, the output with γ and β, the running-variance update with the
unbiased variance), then draws many random batches of size 2, 8 and 64 from one fixed
distribution and shows how much the normalised value of the same input jumps around
from batch to batch in training mode, compared with test mode's fixed running statistics.
Run by `penpaper lab`, the batch, γ and β are those of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

a, c, k, l, u, w, p, q = parameters(a=2, c=10, k=1, l=1, u=6, w=10, p=1, q=-2).values()
batch = np.array([[a + k, c + 7 * l], [a + k, c + l], [a - 5 * k, c - 7 * l], [a + 3 * k, c - l]])
gain, shift = np.array([u, w]), np.array([p, q])
mean, variance = batch.mean(axis=0), batch.var(axis=0)
normalised = (batch - mean) / np.sqrt(variance)
print(f"batch means {mean}, biased variances {variance}, unbiased {batch.var(axis=0, ddof=1)}")
print("normalised batch (each column now has mean 0 and biased variance 1):")
print(normalised.round(4))
print(f"output row 3: {gain * normalised[2] + shift}")
print(f"running variance after one update: {0.9 + 0.1 * batch.var(axis=0, ddof=1)}")

rng = np.random.default_rng(4)
probe = 1.0  # the same input value, normalised inside many different batches
rows = []
for size in (2, 8, 64):
    values = []
    for _ in range(5000):
        others = rng.normal(0.0, 1.0, size - 1)
        column = np.append(others, probe)
        values.append((probe - column.mean()) / np.sqrt(column.var() + 1e-5))
    rows.append([size, float(np.mean(values)), float(np.std(values))])
print("\nTraining-mode output for the input 1.0 drawn from N(0, 1); test mode would give 1.0:")
print(table(["batch size", "mean output", "spread (std)"], rows))
print("With two examples the output is always ±1 whatever the input; batch norm needs")
print("batches large enough for their statistics to settle near the running estimates.")
