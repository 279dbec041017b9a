"""Backpropagation by hand: the derived gradients of a two-layer linear network train it.

We check ∂L/∂W₁ = W₂ᵀ r xᵀ and ∂L/∂W₂ = r (W₁x)ᵀ (r = W₂W₁x − y) against finite
differences, then use them to fit a random linear map from a few hundred examples.
The loss curve falling towards zero is the practical test of the algebra.
"""

import numpy as np

from penpaper.labkit import line_plot

rng = np.random.default_rng(11)
n, k, m, count = 5, 4, 3, 200
inputs = rng.normal(size=(count, n))
targets = inputs @ rng.normal(size=(n, m)) / np.sqrt(n)  # the map the network should learn
W1, W2 = 0.5 * rng.normal(size=(k, n)), 0.5 * rng.normal(size=(m, k))


def loss(W1, W2, x, y):
    return 0.5 * np.sum((W2 @ W1 @ x - y) ** 2)


def gradients(W1, W2, x, y):
    r = W2 @ W1 @ x - y
    return np.outer(W2.T @ r, x), np.outer(r, W1 @ x)


x, y = inputs[0], targets[0]
grad_W1, _ = gradients(W1, W2, x, y)
step, E = 1e-6, np.zeros_like(W1)
E[2, 1] = step
numeric = (loss(W1 + E, W2, x, y) - loss(W1 - E, W2, x, y)) / (2 * step)
print(f"∂L/∂(W₁)₃₂: formula {grad_W1[2, 1]:.8f}, finite difference {numeric:.8f}")
print(f"rank of ∂L/∂W₁ for one example: {np.linalg.matrix_rank(grad_W1)}\n")

history, rate = [], 0.05
for _epoch in range(40):
    for x, y in zip(inputs, targets, strict=True):
        g1, g2 = gradients(W1, W2, x, y)
        W1, W2 = W1 - rate * g1, W2 - rate * g2
    history.append(np.mean([loss(W1, W2, x, y) for x, y in zip(inputs, targets, strict=True)]))

print("mean training loss per epoch of stochastic gradient descent (log scale):")
print(line_plot(range(1, len(history) + 1), history, log_y=True))
print(f"\nfinal mean loss {history[-1]:.2e}: since k = 4 ≥ m = 3, the product W₂W₁ can")
print("represent any 3×5 linear map, and the derived gradients find one.")
