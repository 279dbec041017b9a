"""Inverted dropout by Monte Carlo: the mean it keeps, the noise it adds, what it breaks.

With keep probability p (0.8 for the original numbers) the lab samples a million masks and
compares the mean and variance of h̃ = m h / p with h and h²(1 − p)/p, builds the next
layer's pre-activation z from n dropped-out inputs (every wᵢhᵢ = v; 100 and 0.1 for the
original numbers) and draws its histogram against the normal curve with the exercise's
variance, then compares E[tanh(h̃)] and E[ReLU(h̃)] with the test-time values tanh(h) and
ReLU(h) for h = 1.6 and p = 0.8, as in the exercise's last part. Run by `penpaper lab`,
p, n and v are those of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import histogram, parameters, table

keep, inputs, product = parameters(q=0.8, n=100, v=0.1).values()
inputs = round(inputs)
rng = np.random.default_rng(8)
p, h = keep, 1.6
uniforms = rng.random(1_000_000)
dropped = (uniforms < p) * h / p
print(
    table(
        ["quantity", "Monte Carlo", "formula"],
        [["E[h̃]", float(dropped.mean()), h], ["Var(h̃)", float(dropped.var()), h**2 * (1 - p) / p]],
    )
)

z = np.sum((rng.random((50_000, inputs)) < p) * product / p, axis=1)
exact_keep, exact_product = (Fraction(x).limit_denominator(1000) for x in (keep, product))
z_mean = inputs * exact_product
z_variance = inputs * exact_product**2 * (1 - exact_keep) / exact_keep
print(
    f"\nz = Σ wᵢh̃ᵢ over {inputs} inputs: mean {z.mean():.4f} ({z_mean}),"
    f" variance {z.var():.4f} ({z_variance})"
)
spread = 2 * float(z_variance)
print(
    histogram(
        z,
        bins=12,
        density=lambda x: np.exp(-((x - float(z_mean)) ** 2) / spread) / np.sqrt(np.pi * spread),
    )
)

# the exercise's last part keeps p = 0.8 whatever the instance: the same uniforms, its masks
dropped = (uniforms < 0.8) * h / 0.8
print("\nThrough a nonlinearity, for h = 1.6 and p = 0.8:")
print(
    f"  E[tanh(h̃)] = {np.mean(np.tanh(dropped)):.4f}, 0.8·tanh(2) = {0.8 * np.tanh(2):.4f}, "
    f"but tanh(h) = {np.tanh(h):.4f} at test time"
)
print(
    f"  E[ReLU(h̃)] = {np.mean(np.maximum(dropped, 0)):.4f} = ReLU(h) = {h}:"
    " ReLU is positively homogeneous, so dropout's rescaling passes through it"
)
