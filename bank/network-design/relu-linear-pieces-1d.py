"""Linear pieces of random ReLU networks on a line: width adds pieces, random depth barely helps.

The lab samples networks on [−4, 4] on a fine grid and counts where the slope changes
(a bend between two grid points shows up as two neighbouring changes, merged into one).
One hidden layer of n units gives at most n + 1 pieces, and random weights get close when
the bends land inside the window. Stacking the same number of units into 2 or 4 random
layers gives about as many pieces, not exponentially more: depth can create many pieces
(see the sawtooth exercise), but random weights rarely do.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)
x = np.linspace(-4, 4, 8001)


def pieces(values):
    slopes = np.diff(values) / (x[1] - x[0])
    changes = np.flatnonzero(~np.isclose(slopes[1:], slopes[:-1], rtol=1e-6, atol=1e-6))
    if changes.size == 0:
        return 1
    return int(1 + 1 + np.sum(np.diff(changes) > 1))  # neighbouring changes are one bend


def random_net(widths):
    h = x[:, None]
    for fan_in, width in zip([1, *widths[:-1]], widths, strict=True):
        weights = rng.normal(scale=np.sqrt(2 / fan_in), size=(fan_in, width))  # He scaling
        h = np.maximum(h @ weights + rng.normal(size=width), 0)
    return h @ rng.normal(size=widths[-1])


f = np.maximum(x, 0) + np.maximum(2 * x - 2, 0) - 2 * np.maximum(x - 1, 0) + np.maximum(3 - x, 0)
print(
    f"The exercise's 4-unit network has {pieces(f)} pieces on [−4, 4] (it bends at 0 and 3 only).\n"
)

rows = []
for units in (8, 16, 32):
    shallow = [pieces(random_net([units])) for _ in range(20)]
    two = [pieces(random_net([units // 2] * 2)) for _ in range(20)]
    four = [pieces(random_net([units // 4] * 4)) for _ in range(20)]
    rows.append([units, units + 1, np.mean(shallow), max(shallow), np.mean(two), np.mean(four)])
print("Pieces on [−4, 4], 20 random networks each (He-scaled weights, standard normal biases):")
print(table(["units", "bound n+1", "1 layer: mean", "1 layer: max", "2 layers", "4 layers"], rows))
print("\nThe one-layer counts stay below n + 1 (some bends fall outside the window). The")
print("deeper networks, with the same number of units, do not multiply their pieces.")
