"""Sample the lopsided triangle on [0, 3] with the two-piece F⁻¹ and compare with its density.

F⁻¹(u) = √(3u) for u ≤ 1/3 and 3 − √(6(1 − u)) above; the histogram should follow the
triangle with peak 2/3 at x = 1, and a third of the draws should land below 1.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(5)
u = rng.uniform(size=300_000)
x = np.where(u <= 1 / 3, np.sqrt(3 * u), 3 - np.sqrt(6 * (1 - u)))


def triangle(t: float) -> float:
    if 0 <= t <= 1:
        return 2 * t / 3
    if 1 < t <= 3:
        return (3 - t) / 3
    return 0.0


print("Histogram of F⁻¹(U) (bars) against the triangular density (┼):")
print(histogram(x, bins=18, width=40, density=triangle, value_range=(0.0, 3.0)))
rows = [
    ["P(X ≤ 1)", float(np.mean(x <= 1)), 1 / 3],
    ["E[X]", float(x.mean()), 4 / 3],
    ["median", float(np.median(x)), 3 - np.sqrt(3)],
]
print()
print(table(["quantity", "simulated", "exact"], rows))
print("\nThe mean of a triangle is the average of its corners (0 + 1 + 3)/3 = 4/3; the median")
print("comes from the falling piece of F⁻¹ at u = 1/2.")
