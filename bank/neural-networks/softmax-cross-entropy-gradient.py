"""Softmax cross-entropy: the gradient with respect to the logits is p − y.

The lab checks the formula against central finite differences at the exercise's logits
z = (ln a, 0, ln b) with true class 1 (ln 2, 0, ln 5 for the original numbers), then at
random logits with 6 classes, and finally follows a few gradient steps on the logits to
show the true class's probability rising. Run by `penpaper lab`, it uses the logits of
the instance you worked on.
"""

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

a, b = parameters(a=2, b=5).values()


def softmax(z):
    e = np.exp(z - z.max())  # subtracting the max changes nothing but avoids overflow
    return e / e.sum()


def loss(z, c):
    return -np.log(softmax(z)[c])


def finite_difference_gradient(z, c, h=1e-6):
    steps = np.eye(len(z)) * h
    return np.array([(loss(z + s, c) - loss(z - s, c)) / (2 * h) for s in steps])


z = np.log([a, 1.0, b])
y = np.array([1.0, 0.0, 0.0])
p = softmax(z)
print(f"Exercise logits z = (ln {a:g}, 0, ln {b:g}), true class 1:")
numeric = finite_difference_gradient(z, 0)
rows = [[k + 1, p[k], p[k] - y[k], numeric[k]] for k in range(3)]
print(table(["k", "p_k", "p_k − y_k", "finite difference"], rows))

rng = np.random.default_rng(0)
z6 = rng.normal(size=6)
c = 4
gap = np.abs(softmax(z6) - np.eye(6)[c] - finite_difference_gradient(z6, c)).max()
print(f"\nRandom logits, 6 classes: largest |(p − y) − finite difference| = {gap:.1e}")
total = np.sum(softmax(z6) - np.eye(6)[c])
print(f"The gradient's entries sum to {total:.1e}: shifting all logits changes nothing.")

print("\nTen gradient steps z ← z − (p − y) with step 1 on the exercise's logits:")
rows = [[0, loss(z, 0), softmax(z)[0]]]
for step in range(1, 11):
    z = z - (softmax(z) - y)
    if step % 2 == 0:
        rows.append([step, loss(z, 0), softmax(z)[0]])
print(table(["step", "loss", "p_1"], rows))
print("\nFinal probabilities: the true class now dominates.")
print(bar_chart(["class 1", "class 2", "class 3"], list(softmax(z))))
