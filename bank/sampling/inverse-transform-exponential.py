"""Push uniform numbers through F⁻¹(u) = −log(1 − u)/λ and compare with the exponential density.

With λ = 0.4 (the original numbers; run by `penpaper lab`, the λ of the instance you worked
on) the histogram of the transformed draws should follow p(x) = λ e^(−λx), and the empirical
quantiles should match F⁻¹ at the same levels, the exercise's u among them.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import histogram, parameters, table

rate, halvings = parameters(rate=0.4, halvings=2).values()
exercise_u = 1 - 1 / 2**halvings
# the exercise's sample F⁻¹(exercise_u) is exercise_factor · log 2
exercise_factor = Fraction(round(halvings)) / Fraction(rate).limit_denominator(100)
rng = np.random.default_rng(7)
u = rng.uniform(size=200_000)
x = -np.log(1 - u) / rate
x_shortcut = -np.log(u) / rate  # part 4: F⁻¹(1 − U), the same distribution


def density(t: float) -> float:
    return rate * np.exp(-rate * t) if t >= 0 else 0.0


print(f"Histogram of −log(1 − U)/λ (bars) against λ e^(−λx) (┼), λ = {rate:g}:")
print(histogram(x, bins=16, width=40, density=density, value_range=(0.0, 6.4 / rate)))

levels = sorted({0.1, 0.5, exercise_u, 0.99})
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
print(f"\nBoth samplers have the same quantiles: 1 − U is uniform too. At u = {exercise_u:g} the")
print(f"exact quantile is {exercise_factor} log 2 = {float(exercise_factor) * np.log(2):.4f}.")
