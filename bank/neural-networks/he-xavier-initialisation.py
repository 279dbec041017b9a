"""Signal size through a deep ReLU network for three weight variances: 1/n, 2/n and 3/n.

The lab pushes a batch of random inputs through 40 dense ReLU layers of width n = 256 and
records the mean square of the pre-activations, E[z²], at every layer. With He's variance
2/n it stays flat; with 1/n it halves each layer and with 3/n it grows by 3/2 each layer,
exactly the factor n·v/2 derived in the exercise. It also checks E[ReLU(z)²] = s²/2.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(7)
n, depth = 256, 40
x = rng.standard_normal((n, 300))  # 300 inputs as columns, E[x²] = 1

curves = {}
for label, v in [("1/n", 1 / n), ("2/n (He)", 2 / n), ("3/n", 3 / n)]:
    a, second_moments = x, []
    for _ in range(depth):
        z = rng.normal(0.0, np.sqrt(v), size=(n, n)) @ a
        second_moments.append(np.mean(z**2))
        a = np.maximum(z, 0.0)
    curves[label] = second_moments

shown = (0, 9, 19, 29, 39)
print(table(["layer", *curves], [[i + 1, *(c[i] for c in curves.values())] for i in shown]))
for label, c in curves.items():
    print(f"  {label:>9}: average factor per layer {(c[-1] / c[0]) ** (1 / (depth - 1)):.3f}")
print("  predicted n·v/2:  0.5, 1.0, 1.5")

print("\nE[z²] per layer with v = 3/n (log scale) — exponential growth:")
print(line_plot(list(range(1, depth + 1)), curves["3/n"], log_y=True, height=8))

z = rng.standard_normal(1_000_000) * 1.7
moment = np.mean(np.maximum(z, 0) ** 2)
print(f"\nGaussian z with s = 1.7: E[ReLU(z)²] = {moment:.4f}, s²/2 = {1.7**2 / 2:.4f}")
