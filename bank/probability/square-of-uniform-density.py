"""Square uniform samples on (−1, 2) and compare their histogram with the derived density.

p_Y(y) = 1/(3√y) on (0, 1), where both roots ±√y contribute, and 1/(6√y) on (1, 4),
where only +√y does. The histogram halves its height as it crosses y = 1.
"""

import numpy as np

from penpaper.labkit import histogram, table


def derived_density(y: float) -> float:
    if 0 < y < 1:
        return 1 / (3 * np.sqrt(y))
    if 1 < y < 4:
        return 1 / (6 * np.sqrt(y))
    return 0.0


rng = np.random.default_rng(2)
x = rng.uniform(-1.0, 2.0, size=400_000)
y = x**2

print("Histogram of Y = X² (bars) against the derived density (┼):")
print(histogram(y, bins=20, width=40, density=derived_density, value_range=(0.0, 4.0)))

rows = [
    ["P(Y ≤ 1/4)", np.mean(y <= 0.25), 1 / 3],
    ["P(Y ≤ 1)", np.mean(y <= 1.0), 2 / 3],
    ["E[Y]", y.mean(), 1.0],
]
print()
print(table(["quantity", "simulated", "exact"], rows))
print(
    "\nThe first bin overshoots the curve's value at its centre because 1/(3√y) blows up"
    "\nat 0 (an integrable spike); the jump at y = 1 is where −√y leaves the support."
)
