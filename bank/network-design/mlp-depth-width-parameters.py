"""What widening and deepening an MLP cost in parameters, counted from real weight tensors.

The lab builds the weight matrices and bias vectors of MLPs with a inputs and b
outputs for several depths L and widths w, runs one input through each (so the shapes
are real), and counts their entries. Doubling the width roughly quadruples the count
once hidden-to-hidden layers dominate; doubling the depth only adds w² + w per layer.
(784 inputs, 10 outputs, L = 4 and w = 256 for the original numbers; run by
`penpaper lab`, it uses those of the instance you worked on.)
"""

import itertools

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

n, q, u, c = (round(value) for value in parameters(n=784, q=4, u=256, c=10).values())
widths = (u // 2, u, 2 * u)

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
for depth in sorted({1, 2, 4, 8, q}):
    row = [depth]
    for width in widths:
        count = build_and_count([n, *[width] * depth, c])
        row.append(count)
        if width == u:
            labels.append(f"L={depth}, w={u}")
            counts.append(count)
    rows.append(row)
print(f"Parameters of a {n} → (L hidden layers of width w) → {c} MLP:")
print(table(["L", *(f"w={width}" for width in widths)], rows))

print("\nRatio count(2w)/count(w) per depth (tends to 4 as w² terms take over):")
for row in rows:
    print(
        f"  L = {row[0]}:  {row[2] / row[1]:.3f} ({widths[0]}→{widths[1]})"
        f"   {row[3] / row[2]:.3f} ({widths[1]}→{widths[2]})"
    )

print(f"\nAt w = {u}, each extra hidden layer adds the same {u}² + {u} = {u * u + u} parameters:")
print(bar_chart(labels, counts))
print(f"\nThe {n}·w input layer dominates shallow networks, so there the count is nearly")
print("linear in w; only deep networks pay the full quadratic price of width.")
