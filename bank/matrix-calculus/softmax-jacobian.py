"""The softmax Jacobian diag(s) − s sᵀ and the cross-entropy gradient s − e_y, checked numerically.

At z = (log e₁, 0, log e₃) (log 2, 0, log 5 for the original numbers) we nudge each logit,
watch how the probabilities move, and compare with the closed form. Then we do the same
for the loss −log s₃. Run by `penpaper lab`, it uses the z of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

e1, e3 = parameters(e1=2, e3=5).values()
total = e1 + 1 + e3  # exp(z) = (e₁, 1, e₃), so s = (e₁, 1, e₃)/total


def softmax(z):
    exponentials = np.exp(z - z.max())  # shifting by max(z) changes nothing but avoids overflow
    return exponentials / exponentials.sum()


z = np.array([np.log(e1), 0.0, np.log(e3)])
s = softmax(z)
step = 1e-6
numeric = np.column_stack(
    [(softmax(z + step * e) - softmax(z - step * e)) / (2 * step) for e in np.eye(3)]
)
closed_form = np.diag(s) - np.outer(s, s)

exact_s = ", ".join(str(Fraction(round(top), round(total))) for top in (e1, 1, e3))
print(f"s = softmax(z) = {s}  ({exact_s})\n")
rows = [
    [f"({i + 1},{j + 1})", numeric[i, j], closed_form[i, j], closed_form[i, j] * total**2]
    for i in range(3)
    for j in range(3)
]
print(table(["entry", "finite diff.", "diag(s) − ssᵀ", f"× {total**2:g}"], rows))
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
