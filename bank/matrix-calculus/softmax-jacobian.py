"""The softmax Jacobian diag(s) − s sᵀ and the cross-entropy gradient s − e_y, checked numerically.

At z = (log 2, 0, log 5) we nudge each logit, watch how the probabilities move, and
compare with the closed form. Then we do the same for the loss −log s₃.
"""

import numpy as np

from penpaper.labkit import bar_chart, table


def softmax(z):
    exponentials = np.exp(z - z.max())  # shifting by max(z) changes nothing but avoids overflow
    return exponentials / exponentials.sum()


z = np.array([np.log(2), 0.0, np.log(5)])
s = softmax(z)
step = 1e-6
numeric = np.column_stack(
    [(softmax(z + step * e) - softmax(z - step * e)) / (2 * step) for e in np.eye(3)]
)
closed_form = np.diag(s) - np.outer(s, s)

print(f"s = softmax(z) = {s}  (1/4, 1/8, 5/8)\n")
rows = [
    [f"({i + 1},{j + 1})", numeric[i, j], closed_form[i, j], closed_form[i, j] * 64]
    for i in range(3)
    for j in range(3)
]
print(table(["entry", "finite diff.", "diag(s) − ssᵀ", "× 64"], rows))
print(f"\nrow sums of the Jacobian: {numeric.sum(axis=1).round(9) + 0.0}")
print("(a common shift of all logits leaves s unchanged, so J·(1, 1, 1) = 0)\n")


def cross_entropy(logits, label=2):
    return -np.log(softmax(logits)[label])


gradient = np.array(
    [(cross_entropy(z + step * e) - cross_entropy(z - step * e)) / (2 * step) for e in np.eye(3)]
)
print("∂(−log s₃)/∂z by finite differences, next to s − e₃:")
print(bar_chart(["numeric z1", "numeric z2", "numeric z3"], gradient))
print(f"s − e₃ = {s - np.eye(3)[2]}")
