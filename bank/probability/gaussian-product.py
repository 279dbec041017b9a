"""Multiply two Gaussian densities on a grid and read off the product's mean, variance and mass.

f = N(x; 3, 4) and g = N(x; −1, 1). Completing the square predicts that f·g is
Z · N(x; m, s²) with precisions adding (1/s² = 1/4 + 1), m a precision-weighted
average of the means, and Z = N(3; −1, 4 + 1).
"""

import numpy as np

from penpaper.labkit import line_plot, table


def density(x: np.ndarray, mean: float, variance: float) -> np.ndarray:
    return np.exp(-((x - mean) ** 2) / (2 * variance)) / np.sqrt(2 * np.pi * variance)


x = np.linspace(-15.0, 15.0, 300_001)
product = density(x, 3.0, 4.0) * density(x, -1.0, 1.0)

mass = np.trapezoid(product, x)
mean = np.trapezoid(x * product, x) / mass
variance = np.trapezoid((x - mean) ** 2 * product, x) / mass

rows = [
    ["Z (mass of f·g)", mass, np.exp(-8 / 5) / np.sqrt(10 * np.pi)],
    ["mean m", mean, -1 / 5],
    ["variance s²", variance, 4 / 5],
]
print(table(["quantity", "grid", "formula"], rows))

print("\nThe normalised product N(x; m, s²), drawn from the grid:")
window = (x > -3.5) & (x < 3.1)
print(line_plot(x[window][::1000].tolist(), (product / mass)[window][::1000].tolist(), height=10))

print("\nMoving the means apart shrinks Z but leaves s² alone — precisions do not see the means:")
sweep = []
for gap in (0.0, 2.0, 4.0, 6.0):
    p = density(x, gap - 1.0, 4.0) * density(x, -1.0, 1.0)
    z = np.trapezoid(p, x)
    sweep.append([gap, z, np.trapezoid((x - np.trapezoid(x * p, x) / z) ** 2 * p, x) / z])
print(table(["m₁ − m₂", "Z", "s²"], sweep))
