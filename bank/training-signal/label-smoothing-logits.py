"""Gradient descent on logits with one-hot and with smoothed targets.

Four classes, true class 2. Starting from zero logits, the lab runs plain gradient
descent on the cross-entropy, with the one-hot target and with label smoothing ε, and
tracks the gap between the true logit and the others. With the one-hot target the gap keeps
growing (roughly like log t); with smoothing it settles at log(4/ε − 3) and the loss at the
entropy of q, as the exercise derives (for ε = 0.1, log 37 ≈ 3.611 and 0.349). It also
prints the gradient p − q at the exercise's logits. Run by `penpaper lab`, ε is the one of
the instance you worked on.
"""

import numpy as np

from penpaper.labkit import line_plot, parameters, table

(n,) = parameters(n=10).values()
epsilon = 1 / n


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


true, classes = 1, 4
smoothed = f"smoothed ε={epsilon:g}"
targets = {
    "one-hot": np.eye(classes)[true],
    smoothed: (1 - epsilon) * np.eye(classes)[true] + epsilon / classes,
}
z_example = np.log([1.0, 6.0, 1.0, 2.0])
print(f"gradient p − q at z = [0, ln 6, 0, ln 2]: {softmax(z_example) - targets[smoothed]}")

checkpoints, gaps = (10, 100, 1000, 10000, 50000), {}
rows = []
for name, q in targets.items():
    z, history = np.zeros(classes), []
    for step in range(1, 50001):
        z -= 1.0 * (softmax(z) - q)
        history.append(z[true] - z[0])
        if step in checkpoints:
            loss = -np.sum(q * np.log(softmax(z)))
            rows.append([name, step, z[true] - z[0], loss])
    gaps[name] = history
print(table(["target", "step", "logit gap", "loss"], rows))
q_true, q_other = targets[smoothed][true], targets[smoothed][0]
print(
    f"log {4 * n - 3:g} = {np.log(4 * n - 3):.4f};"
    f" entropy of q = {-(q_true * np.log(q_true) + 3 * q_other * np.log(q_other)):.4f}"
)
print("\nLogit gap with the one-hot target over 50,000 steps: it never stops growing.")
print(line_plot(list(range(1, 50001, 500)), gaps["one-hot"][::500], height=7))
