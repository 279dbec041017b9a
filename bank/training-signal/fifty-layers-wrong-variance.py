"""Fifty ReLU layers with weight variance c/n for c = 1, 2 (He) and 2.2.

The lab pushes 200 random inputs through 50 dense ReLU layers of width 256 and records
m_l = E[z²] of the pre-activations in every layer, next to the prediction c·(c/2)^(l−1)
from the exercise. It then repeats the c = 2.2 network with five fresh weight draws to
show how widely a single finite network scatters around that mean, and ends with a tanh
network at c = 2, whose variance levels off instead of growing.
"""

import numpy as np

from penpaper.labkit import line_plot, table

n, depth, batch = 256, 50, 200


def second_moments(c, activation, seed):
    local = np.random.default_rng(seed)
    signal = local.standard_normal((n, batch))
    moments = []
    for _ in range(depth):
        z = local.normal(0.0, np.sqrt(c / n), size=(n, n)) @ signal
        moments.append(float(np.mean(z**2)))
        signal = activation(z)
    return moments


def relu(z):
    return np.maximum(z, 0.0)


curves = {c: second_moments(c, relu, seed=1) for c in (1.0, 2.0, 2.2)}
shown = (1, 10, 20, 30, 40, 50)
rows = []
for layer in shown:
    row = [layer]
    for c, moments in curves.items():
        row += [moments[layer - 1], c * (c / 2) ** (layer - 1)]
    rows.append(row)
headers = ["layer", "c=1", "predicted", "c=2", "predicted", "c=2.2", "predicted"]
print("Second moment m_l of the pre-activations, measured and predicted:")
print(table(headers, rows))

print("\nm_l for c = 1 on a log scale: a straight line, halving at every layer.")
print(line_plot(list(range(1, depth + 1)), curves[1.0], log_y=True, height=8))

scatter = [second_moments(2.2, relu, seed=s)[-1] for s in range(2, 7)]
print(f"\nc = 2.2, five independent networks: m_50 = {np.round(scatter, 1)}")
print(f"predicted mean 2.2·1.1⁴⁹ = {2.2 * 1.1**49:.1f}; one narrow network can sit far from it.")

tanh_moments = second_moments(2.0, np.tanh, seed=8)
print(
    f"\ntanh with c = 2: m_1 = {tanh_moments[0]:.3f}, m_10 = {tanh_moments[9]:.3f}, "
    f"m_50 = {tanh_moments[-1]:.3f} — bounded, settling near 0.62."
)
