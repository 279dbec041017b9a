"""Mean-field for p(z1, z2) proportional to exp(w [z1 = z2]): below w = 2 the factors
stay at 1/2, above it they commit to one of the two agreeing states.

For each w, coordinate ascent starts from b = 0.9 and runs to convergence; the table
shows the fixed point and KL(q || p) there, against the symmetric q = (1/2, 1/2).
"""

import numpy as np

from penpaper.labkit import line_plot, table


def update(w, other):
    return 1 / (1 + np.exp(-w * (2 * other - 1)))


def reverse_kl(w, a, b):
    p = np.array([[np.exp(w), 1.0], [1.0, np.exp(w)]])
    p /= p.sum()
    q = np.outer([1 - a, a], [1 - b, b])
    return float(np.sum(q * (np.log(q) - np.log(p))))


rows, ws, fixed = [], np.linspace(0.5, 5, 46), []
for w in ws:
    a, b = 0.5, 0.9
    for _ in range(5000):
        a = update(w, b)
        b = update(w, a)
    fixed.append(a)
    if np.isclose(w % 0.5, 0) or np.isclose(w % 0.5, 0.5):
        rows.append([w, a, reverse_kl(w, a, b), reverse_kl(w, 0.5, 0.5)])
print(table(["w", "fixed point a = b", "KL at fixed point", "KL at (1/2, 1/2)"], rows))
print("\nFixed point reached from b = 0.9, against w (the branch leaves 1/2 at w = 2):\n")
print(line_plot(ws, fixed))
print(
    "\nAbove w = 2 the committed q has the smaller KL(q || p), although the true marginals"
    "\nare exactly 1/2: reverse KL prefers one mode to a q that spreads over both."
)
