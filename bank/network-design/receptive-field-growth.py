"""Receptive fields measured with impulses: plain, strided and dilated stacks, and their shape.

The lab sends a unit impulse into every input position, pushes it through stacks of
all-ones 1-D convolutions and records which positions reach the first unit of the last
layer. The measured fields grow as 2L + 1 (plain 3-tap), 2^(L+1) − 1 (stride 2) and 2^L
(2-tap, dilations 1, 2, 4, …). The last plot shows how many paths connect each input
position to that unit in a plain stack: the field is wide, but its centre dominates.
In between, the exercise's numbers: the weights of m stacked 3 × 3 layers against one
layer with the same field, and the depths each design needs to reach T positions (m = 3
and T = 1000 for the original numbers; run by `penpaper lab`, those of the instance you
worked on).
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

m, j, T = (round(value) for value in parameters(m=3, j=10, T=1000).values())


def conv_columns(x, taps, stride, dilation):
    starts = [t for t in range(0, len(x), stride) if t + dilation * (taps - 1) < len(x)]
    rows = np.array(starts)
    return sum(x[rows + dilation * j] for j in range(taps))


def field_of(layers, n=1200):
    response = np.eye(n)
    for layer in layers:
        response = conv_columns(response, *layer)
    reached = np.nonzero(response[0])[0]
    return reached.max() - reached.min() + 1, response[0]


rows = []
for depth in range(1, 10):
    plain, _ = field_of([(3, 1, 1)] * depth)
    strided, _ = field_of([(3, 2, 1)] * depth)
    dilated, _ = field_of([(2, 1, 2**layer) for layer in range(depth)])
    rows.append([depth, plain, 2 * depth + 1, strided, 2 ** (depth + 1) - 1, dilated, 2**depth])
print(table(["L", "plain", "2L+1", "stride 2", "2^(L+1)-1", "dilated", "2^L"], rows))
print("\nEvery measured field matches its formula; stride and dilation grow it exponentially.")

stacked, _ = field_of([(3, 1, 1)] * m, n=4 * m + 4)
print(
    f"\n{m} stacked 3×3 layers see {stacked}×{stacked} positions with {9 * m}c² weights;"
    f"\none {stacked}×{stacked} layer needs {stacked**2}c²: ratio {Fraction(9 * m, stacked**2)}."
)
dilated_depth = next(depth for depth in range(1, 64) if 2**depth >= T)
plain_depth = next(depth for depth in range(1, 10 * T) if 2 * depth + 1 >= T)
print(
    f"To reach {T} positions: {dilated_depth} dilated 2-tap layers"
    f" (2^{j - 1} = {2 ** (j - 1)} < {T} ≤ 2^{j} = {2**j}),"
    f"\nagainst {plain_depth} plain 3-tap layers (2L + 1 ≥ {T})."
)

_, paths = field_of([(3, 1, 1)] * 6, n=40)
weights = paths[:13]
print("\nPaths from each input position to one unit after six plain 3-tap layers:")
print(bar_chart([f"x{j}" for j in range(13)], list(weights), width=30))
share = weights[3:10].sum() / weights.sum()
print(f"The middle 7 of the 13 positions carry {100 * share:.0f}% of the paths: the")
print("'effective' field is much narrower than the nominal one and looks Gaussian.")
