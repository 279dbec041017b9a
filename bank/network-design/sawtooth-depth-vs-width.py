"""The sawtooth t_L: pieces double with each layer of two units, and why that needs exact weights.

The lab builds t_L as a ReLU network with L hidden layers of width 2, counts its linear
pieces on a fine dyadic grid of [0, 1], and sets them against the units a single hidden
layer would need (at least pieces − 1). It plots t_3, then perturbs every weight of the
deep network slightly: the teeth no longer reach 0 and 1, later layers stop bending on
some of them, and the count falls far behind 2^L. Depth can create exponentially many
pieces, but only for carefully arranged weights.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(0)


def deep_sawtooth(x, layers, noise=0.0):
    for _ in range(layers):
        w = np.array([1.0, 1.0]) + noise * rng.standard_normal(2)
        b = np.array([0.0, -0.5]) + noise * rng.standard_normal(2)
        a = np.array([2.0, -4.0]) + noise * rng.standard_normal(2)
        x = np.maximum(np.outer(x, w) + b, 0.0) @ a
    return x


def pieces(values, step):
    slopes = np.diff(values) / step
    changes = np.flatnonzero(~np.isclose(slopes[1:], slopes[:-1], rtol=1e-6, atol=1e-6))
    return 1 + (0 if changes.size == 0 else 1 + int(np.sum(np.diff(changes) > 1)))


step = 2.0**-16
x = np.arange(0, 1 + step, step)
rows = []
for layers in (1, 2, 4, 6, 8, 10, 12):
    count = pieces(deep_sawtooth(x, layers), step)
    noisy = np.mean([pieces(deep_sawtooth(x, layers, noise=0.05), step) for _ in range(10)])
    rows.append([layers, 2 * layers, count, count - 1, f"{noisy:.1f}"])
print(table(["L", "deep units 2L", "pieces", "one-layer units ≥", "pieces, weights ±5%"], rows))

print("\nt_3 on [0, 1]: eight pieces, four teeth")
coarse = np.linspace(0, 1, 121)
print(line_plot(coarse, deep_sawtooth(coarse, 3), height=8))
print("\nExact weights double the pieces with every layer. With weights perturbed by about 5%")
print("some teeth miss the next layer's bending points, and the count falls far behind 2^L.")
