"""Random-walk Metropolis on p̃(x) = x² e^(−x) (x > 0) with N(0, 1) steps.

The histogram of the chain should follow the normalised target x² e^(−x)/2 (a Gamma(3, 1)
density), and the empirical acceptance of proposals 2 → 3 and 2 → 1 should match 9e⁻¹/4 and e/4.
"""

import numpy as np

from penpaper.labkit import histogram, table


def log_target(x: float) -> float:
    return 2 * np.log(x) - x if x > 0 else -np.inf


rng = np.random.default_rng(43)
steps = 60_000
x, chain, accepted = 2.0, np.empty(steps), 0
noise, uniforms = rng.normal(size=steps), rng.uniform(size=steps)
for t in range(steps):
    y = x + noise[t]
    if np.log(uniforms[t]) < log_target(y) - log_target(x):
        x, accepted = y, accepted + 1
    chain[t] = x

print(f"Overall acceptance rate: {accepted / steps:.3f}")
print(f"Chain mean: {chain.mean():.3f} (target mean 3)")
print("\nHistogram of the chain (bars) against x² e^(−x)/2 (┼):")
print(
    histogram(
        chain,
        bins=16,
        width=40,
        density=lambda t: t * t * np.exp(-t) / 2 if t > 0 else 0.0,
        value_range=(0.0, 12.0),
    )
)

rows = []
for start, proposal, exact in [
    (2.0, 3.0, 9 * np.exp(-1) / 4),
    (2.0, 1.0, np.exp(1) / 4),
    (3.0, 2.0, 1.0),
    (2.0, -0.5, 0.0),
]:
    ratio = np.exp(log_target(proposal) - log_target(start))
    trials = rng.uniform(size=100_000) < ratio
    rows.append([f"{start} → {proposal}", float(trials.mean()), float(exact)])
print()
print(table(["move", "accepted fraction", "min(1, p̃(y)/p̃(x))"], rows))
