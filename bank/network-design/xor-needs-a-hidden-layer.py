"""Training tiny ReLU networks on XOR: one hidden unit never fits it, two can.

The lab first checks the exercise's hand-built network ŷ = h₁ − 2h₂ on the four inputs.
Then it trains networks ŷ = aᵀReLU(Vx + c) + b with 1, 2, 3 and 8 hidden units by plain
gradient descent on the mean squared error, from 30 random starts each. A single unit
never gets below a mean squared error of 1/6 (no exact fit exists, as the last part
shows); with two units some starts reach zero, and wider layers make a perfect fit much
more likely.
"""

import numpy as np

from penpaper.labkit import table

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([0.0, 1.0, 1.0, 0.0])
h = np.maximum(X @ np.array([[1.0, 1.0], [1.0, 1.0]]) + np.array([0.0, -1.0]), 0)
print("Hand-built network h₁ − 2h₂ on (0,0), (0,1), (1,0), (1,1):", h @ np.array([1.0, -2.0]))


def train(width, starts=30, steps=4000, rate=0.05):
    """Full-batch gradient descent from ``starts`` random initialisations at once."""
    rng = np.random.default_rng(width)
    V, c = rng.normal(0, 1, (starts, width, 2)), rng.normal(0, 0.5, (starts, width))
    a, b = rng.normal(0, 1, (starts, width)), np.zeros(starts)
    for _ in range(steps):
        z = np.einsum("swi,ni->snw", V, X) + c[:, None, :]  # start, input, unit
        r = np.maximum(z, 0)
        err = np.einsum("snw,sw->sn", r, a) + b[:, None] - y
        grad_r = err[:, :, None] * a[:, None, :] * (z > 0)
        a -= rate * np.einsum("snw,sn->sw", r, err) / 2
        b -= rate * err.sum(1) / 2
        V -= rate * np.einsum("snw,ni->swi", grad_r, X) / 2
        c -= rate * grad_r.sum(1) / 2
    r = np.maximum(np.einsum("swi,ni->snw", V, X) + c[:, None, :], 0)
    return np.mean((np.einsum("snw,sw->sn", r, a) + b[:, None] - y) ** 2, axis=1)


rows = []
for width in (1, 2, 3, 8):
    losses = train(width)
    rows.append(
        [width, f"{losses.min():.4f}", f"{np.median(losses):.4f}", f"{np.mean(losses < 1e-3):.0%}"]
    )
print()
print(table(["hidden units", "best MSE", "median MSE", "starts that fit XOR"], rows))
print("\nOne unit is stuck at 1/6 = 0.1667 or worse whatever the start: no weights exist.")
print("Two units suffice in principle, but gradient descent finds them only from some")
print("starts; extra width makes good solutions easier to reach, not newly possible.")
