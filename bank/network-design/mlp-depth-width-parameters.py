"""What widening and deepening an MLP cost in parameters, counted from real weight tensors.

The lab builds the weight matrices and bias vectors of MLPs with 784 inputs and 10
outputs for several depths L and widths w, runs one input through each (so the shapes
are real), and counts their entries. Doubling the width roughly quadruples the count
once hidden-to-hidden layers dominate; doubling the depth only adds w² + w per layer.
"""

import itertools

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(0)


def build_and_count(widths):
    tensors = []
    for fan_in, fan_out in itertools.pairwise(widths):
        tensors.append((rng.standard_normal((fan_out, fan_in)), rng.standard_normal(fan_out)))
    x = rng.standard_normal(widths[0])
    for weight, bias in tensors:
        x = np.maximum(weight @ x + bias, 0.0)
    assert x.shape == (widths[-1],)
    return sum(weight.size + bias.size for weight, bias in tensors)


rows, labels, counts = [], [], []
for depth in (1, 2, 4, 8):
    row = [depth]
    for width in (128, 256, 512):
        count = build_and_count([784, *[width] * depth, 10])
        row.append(count)
        if width == 256:
            labels.append(f"L={depth}, w=256")
            counts.append(count)
    rows.append(row)
print("Parameters of a 784 → (L hidden layers of width w) → 10 MLP:")
print(table(["L", "w=128", "w=256", "w=512"], rows))

print("\nRatio count(2w)/count(w) per depth (tends to 4 as w² terms take over):")
for row in rows:
    print(f"  L = {row[0]}:  {row[2] / row[1]:.3f} (128→256)   {row[3] / row[2]:.3f} (256→512)")

print("\nAt w = 256, each extra hidden layer adds the same 256² + 256 = 65792 parameters:")
print(bar_chart(labels, counts))
print("\nThe 784·w input layer dominates shallow networks, so there the count is nearly")
print("linear in w; only deep networks pay the full quadratic price of width.")
