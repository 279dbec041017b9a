"""Inverted dropout by Monte Carlo: the mean it keeps, the noise it adds, what it breaks.

With keep probability p = 0.8 the lab samples a million masks and compares the mean and
variance of h̃ = m h / p with h and h²(1 − p)/p, builds the next layer's pre-activation
z from 100 dropped-out inputs (every wᵢhᵢ = 0.1) and draws its histogram against the
normal curve with variance 1/4, then compares E[tanh(h̃)] and E[ReLU(h̃)] with the test-time
values tanh(h) and ReLU(h) for h = 1.6.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(8)
p, h = 0.8, 1.6
masks = rng.random(1_000_000) < p
dropped = masks * h / p
print(
    table(
        ["quantity", "Monte Carlo", "formula"],
        [["E[h̃]", float(dropped.mean()), h], ["Var(h̃)", float(dropped.var()), h**2 * (1 - p) / p]],
    )
)

z = np.sum((rng.random((50_000, 100)) < p) * 0.1 / p, axis=1)
print(f"\nz = Σ wᵢh̃ᵢ over 100 inputs: mean {z.mean():.4f} (10), variance {z.var():.4f} (1/4)")
print(histogram(z, bins=12, density=lambda x: np.exp(-2 * (x - 10) ** 2) / np.sqrt(np.pi / 2)))

print("\nThrough a nonlinearity, for h = 1.6:")
print(
    f"  E[tanh(h̃)] = {np.mean(np.tanh(dropped)):.4f}, 0.8·tanh(2) = {0.8 * np.tanh(2):.4f}, "
    f"but tanh(h) = {np.tanh(h):.4f} at test time"
)
print(
    f"  E[ReLU(h̃)] = {np.mean(np.maximum(dropped, 0)):.4f} = ReLU(h) = {h}:"
    " ReLU is positively homogeneous, so dropout's rescaling passes through it"
)
