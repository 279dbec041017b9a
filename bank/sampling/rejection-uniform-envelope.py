"""Rejection-sample p(x) = 12x²(1 − x) from uniform proposals with the tightest M = 16/9.

The accepted draws follow p, about 9/16 of the proposals are accepted, and collecting 900
samples takes about 1600 proposals on average.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(3)
M = 16 / 9


def p(x):
    return 12 * x**2 * (1 - x)


proposals = rng.uniform(size=200_000)
accepted = proposals[rng.uniform(size=proposals.size) <= p(proposals) / M]
print("Accepted draws (bars) against p(x) = 12x²(1 − x) (┼):")
print(
    histogram(
        accepted,
        bins=16,
        width=40,
        density=lambda t: p(t) if 0 <= t <= 1 else 0.0,
        value_range=(0.0, 1.0),
    )
)

# Repeat "draw until 900 are accepted" 2000 times: each run needs a sum of 900 geometric waits.
runs = rng.negative_binomial(900, 1 / M, size=2_000) + 900
rows = [
    ["acceptance rate", accepted.size / proposals.size, 1 / M],
    ["proposals for 900 samples (mean over 2000 runs)", float(runs.mean()), 900 * M],
]
print()
print(table(["quantity", "simulated", "exact"], rows))
for slack in [2.0, 3.0, 12.0]:
    rate = np.mean(rng.uniform(size=proposals.size) <= p(proposals) / slack)
    print(f"with a looser M = {slack:>4}: acceptance {rate:.3f} (1/M = {1 / slack:.3f})")
