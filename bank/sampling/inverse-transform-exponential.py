"""Push uniform numbers through F⁻¹(u) = −log(1 − u)/λ and compare with the exponential density.

With λ = 0.4 the histogram of the transformed draws should follow p(x) = λ e^(−λx), and
the empirical quantiles should match F⁻¹ at the same levels.
"""

import numpy as np

from penpaper.labkit import histogram, table

rate = 0.4
rng = np.random.default_rng(7)
u = rng.uniform(size=200_000)
x = -np.log(1 - u) / rate
x_shortcut = -np.log(u) / rate  # part 4: F⁻¹(1 − U), the same distribution


def density(t: float) -> float:
    return rate * np.exp(-rate * t) if t >= 0 else 0.0


print("Histogram of −log(1 − U)/λ (bars) against λ e^(−λx) (┼), λ = 0.4:")
print(histogram(x, bins=16, width=40, density=density, value_range=(0.0, 16.0)))

levels = [0.1, 0.5, 0.75, 0.99]
rows = [
    [
        level,
        float(np.quantile(x, level)),
        float(np.quantile(x_shortcut, level)),
        -np.log(1 - level) / rate,
    ]
    for level in levels
]
print()
print(table(["level u", "quantile of X", "quantile of X'", "F⁻¹(u)"], rows))
print("\nBoth samplers have the same quantiles: 1 − U is uniform too. At u = 0.75 the")
print(f"exact quantile is 5 log 2 = {5 * np.log(2):.4f}.")
