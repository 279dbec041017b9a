"""Run 4000 Gibbs chains in parallel on the Gaussian with mean (1, −2), covariance [[4, 3], [3, 9]].

The pooled draws match the target moments; the x-chain's lag-k autocorrelation is
about (1/4)^k, and the variance of a chain average is inflated by τ = 5/3 over the
independent-draws value 4/n.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(37)
chains, burn_in, steps = 4_000, 20, 200
x = np.zeros(chains)
xs, ys = [], []
for t in range(burn_in + steps):
    y = -2 + 0.75 * (x - 1) + rng.normal(0, np.sqrt(27 / 4), chains)
    x = 1 + (y + 2) / 3 + rng.normal(0, np.sqrt(3), chains)
    if t >= burn_in:
        xs.append(x)
        ys.append(y)
X, Y = np.array(xs), np.array(ys)  # shape (steps, chains)

print(
    table(
        ["moment", "pooled Gibbs draws", "target"],
        [
            ["E[X]", float(X.mean()), 1.0],
            ["E[Y]", float(Y.mean()), -2.0],
            ["Var(X)", float(X.var()), 4.0],
            ["Var(Y)", float(Y.var()), 9.0],
            ["Cov(X, Y)", float(np.mean((X - X.mean()) * (Y - Y.mean()))), 3.0],
        ],
    )
)

centred = X - 1
rows = [[k, float(np.mean(centred[k:] * centred[: steps - k]) / 4), 0.25**k] for k in range(1, 4)]
print()
print(table(["lag k", "autocorrelation of x-chain", "(1/4)^k"], rows))

averages = X.mean(axis=0)  # one average of 200 correlated draws per chain
print(f"\nVariance of a 200-step chain average: {averages.var():.5f}")
print(f"independent draws would give 4/200 = {4 / 200:.5f}; with τ = 5/3: {5 / 3 * 4 / 200:.5f}")
