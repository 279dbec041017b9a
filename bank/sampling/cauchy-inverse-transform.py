"""Draw Cauchy samples by X = m + s·tan(π(U − 1/2)); watch their running average refuse to settle.

The quartiles match the derived −2 and 4 (m = 1, s = 3), so the sampler is right; yet the
average of n draws is itself Cauchy(1, 3), while an average of normal draws with the same
quartiles tightens like 1/√n.
"""

import numpy as np

from penpaper.labkit import table

m, s = 1.0, 3.0
rng = np.random.default_rng(11)
u = rng.uniform(size=1_000_000)
x = m + s * np.tan(np.pi * (u - 0.5))
low, high = np.quantile(x, [0.25, 0.75])
print(f"Quartiles of 10⁶ draws: {low:.3f}, {high:.3f} (derived −2, 4)")

# A normal with the same quartiles: m ± 0.6745 σ = m ± s.
normal = rng.normal(m, s / 0.6745, size=x.size)
rows = []
for n in [10, 100, 1_000, 10_000, 100_000, 1_000_000]:
    rows.append([n, float(x[:n].mean()), float(normal[:n].mean())])
print()
print(table(["n", "Cauchy running mean", "normal running mean"], rows))

# 2000 independent averages of 500 draws each: their quartiles are again about −2 and 4.
means = (m + s * np.tan(np.pi * (rng.uniform(size=(2_000, 500)) - 0.5))).mean(axis=1)
print(
    f"\nQuartiles of 2000 averages of 500 draws: {np.quantile(means, 0.25):.3f}, "
    f"{np.quantile(means, 0.75):.3f}"
)
print("Averaging did not narrow anything: the mean of n Cauchy draws is Cauchy(m, s) again.")
