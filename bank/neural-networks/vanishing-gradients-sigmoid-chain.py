"""Gradients shrink geometrically through stacked sigmoids; tanh and ReLU fare better.

The lab builds 30-layer networks of width 64 with Gaussian weights of variance 1/64 (and
2/64 for ReLU), pushes a random input forward, then backpropagates a unit gradient from
the top and records the gradient's norm at every layer. With sigmoids each layer
multiplies by roughly w·σ'(z) ≤ |w|/4, so the norm falls along a straight line on a log
scale. It also scans w·σ'(w) on a grid to confirm the single-unit factor never reaches 1.
"""

import numpy as np

from penpaper.labkit import line_plot, table


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


activations = {  # (function, derivative, weight variance × width)
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)), 1.0),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2, 1.0),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0) * 1.0, 2.0),
}
rng = np.random.default_rng(3)
width, depth = 64, 30
weights = [rng.standard_normal((width, width)) for _ in range(depth)]
x = rng.standard_normal(width)
top = rng.standard_normal(width)
top /= np.linalg.norm(top)

norms = {}
for name, (f, df, gain) in activations.items():
    Ws = [W * np.sqrt(gain / width) for W in weights]
    a, zs = x, []
    for W in Ws:
        zs.append(W @ a)
        a = f(zs[-1])
    g, history = top, []
    for W, z in zip(reversed(Ws), reversed(zs), strict=True):
        g = W.T @ (g * df(z))  # one layer of backprop: through the activation, then W
        history.append(np.linalg.norm(g))
    norms[name] = history[::-1]  # history[l] = gradient norm at the input of layer l + 1

shown = (29, 24, 19, 14, 9, 4, 0)
rows = [[depth - i, norms["sigmoid"][i], norms["tanh"][i], norms["relu"][i]] for i in shown]
print(table(["layers below the top", "sigmoid", "tanh", "relu"], rows))
print("\nSigmoid gradient norm against depth from the top (log scale):")
print(line_plot(list(range(1, depth + 1)), norms["sigmoid"][::-1], log_y=True, height=8))
ratio = (norms["sigmoid"][0] / norms["sigmoid"][-1]) ** (1 / (depth - 1))
print(f"Average shrink factor per sigmoid layer: {ratio:.3f} (σ' ≤ 1/4, weight gain ≈ 1).")

w = np.linspace(-20, 20, 400001)
best = np.abs(w * sigmoid(w) * (1 - sigmoid(w)))
where = abs(w[best.argmax()])
print(f"\nmax over w of |w σ'(w)| = {best.max():.4f} at w = ±{where:.3f}: below 1/e ≈ 0.368.")
