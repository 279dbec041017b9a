"""Where the parameters live and where the compute goes, in a VGG-style image network.

First the lab runs a small convolution with explicit loops and counts its multiply-adds,
to confirm H·W·k²·c_in·c_out. Then it tabulates parameters and multiply-adds for the
layers of a VGG-16-like network on a 224 × 224 image: the convolutions hold a small
share of the weights but do almost all the work, because each of their weights is used
at every output position; the dense layers at the end are the reverse. It also counts
the exercise's layer (3 × 3, 64 → 128 channels, 56 × 56 output for the original numbers);
run by `penpaper lab`, the layer of the instance you worked on.
"""

import itertools

import numpy as np

from penpaper.labkit import parameters, table

a, f, g, s = (round(value) for value in parameters(a=3, f=64, g=128, s=56).values())

rng = np.random.default_rng(0)
c_in, c_out, k, size = 3, 4, 3, 8
image = rng.standard_normal((c_in, size, size))
kernels = rng.standard_normal((c_out, c_in, k, k))
out = np.zeros((c_out, size - k + 1, size - k + 1))
count = 0
for o, i, j in itertools.product(*map(range, out.shape)):
    for c, u, v in itertools.product(range(c_in), range(k), range(k)):
        out[o, i, j] += kernels[o, c, u, v] * image[c, i + u, j + v]
        count += 1
H, W = out.shape[1:]
print(f"Loop count for a 3×3 conv, 3→4 channels, {H}×{W} output: {count} multiply-adds;")
print(f"formula H·W·k²·c_in·c_out = {H * W * k * k * c_in * c_out}.")
print(
    f"The exercise's {a}×{a} conv, {f}→{g} channels, {s}×{s} output:"
    f" {s * s * a * a * f * g:,} multiply-adds,\nand each of its {a * a * f * g:,} weights"
    f" takes part in {s * s:,} of them.\n"
)

# VGG-16's thirteen 3 × 3 convolutions as (stage, output side, c_in, c_out), then its
# three dense layers as (name, inputs, outputs). Biases included in the parameters.
convs = [
    ("stage1", 224, 3, 64),
    ("stage1", 224, 64, 64),
    ("stage2", 112, 64, 128),
    ("stage2", 112, 128, 128),
]
convs += [("stage3", 56, 128, 256)] + [("stage3", 56, 256, 256)] * 2
convs += [("stage4", 28, 256, 512)] + [("stage4", 28, 512, 512)] * 2
convs += [("stage5", 14, 512, 512)] * 3
dense = [("fc1", 7 * 7 * 512, 4096), ("fc2", 4096, 4096), ("fc3", 4096, 1000)]
stages = {}
for stage, side, c_in, c_out in convs:
    params, macs = stages.get(stage, (0, 0))
    stages[stage] = (params + 9 * c_in * c_out + c_out, macs + side * side * 9 * c_in * c_out)
rows = [[f"{name} (conv)", params, macs] for name, (params, macs) in stages.items()]
for name, fan_in, fan_out in dense:
    rows.append([f"{name} (dense)", fan_in * fan_out + fan_out, fan_in * fan_out])
total_params = sum(row[1] for row in rows)
total_macs = sum(row[2] for row in rows)
print(
    table(
        ["layers", "parameters", "multiply-adds", "% params", "% compute"],
        [
            [n, p, m, f"{100 * p / total_params:.1f}", f"{100 * m / total_macs:.1f}"]
            for n, p, m in rows
        ],
    )
)
conv_share = sum(row[2] for row in rows[: len(stages)]) / total_macs
fc_share = sum(row[1] for row in rows[len(stages) :]) / total_params
print(
    f"\nConvolutions: {100 * conv_share:.1f}% of the multiply-adds; "
    f"dense layers: {100 * fc_share:.1f}% of the parameters."
)
print("Shrinking a model's parameter count and shrinking its compute are different jobs.")
