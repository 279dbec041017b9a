"""The filter as a dynamical system: a long run of '+' readings drives p_t to 7/8.

With flip probability 1/6 and error rate 3/10, one filtering step (predict, then
update with '+') is a fixed increasing map of the belief. Iterating it from very
different starting beliefs shows every run converging to the same fixed point.
The second table shows how the ceiling on certainty moves with the flip rate.
"""

import numpy as np

from penpaper.labkit import table


def filter_step(p, epsilon, delta):
    transition = np.array([[1 - epsilon, epsilon], [epsilon, 1 - epsilon]])
    predicted = np.array([p, 1 - p]) @ transition  # [P(+), P(-)] one step ahead
    weighted = predicted * np.array([1 - delta, delta])  # the reading is '+'
    return weighted[0] / weighted.sum()


starts = [0.0, 0.3, 0.6, 1.0]
beliefs = list(starts)
rows = [[0, *beliefs]]
for t in range(1, 9):
    beliefs = [filter_step(p, 1 / 6, 3 / 10) for p in beliefs]
    rows.append([t, *beliefs])
print(table(["t", *(f"p_0 = {p:g}" for p in starts)], rows))
print(f"fixed point 7/8 = {7 / 8}")

ceiling = []
for epsilon in [0.3, 1 / 6, 0.05, 0.01, 0.001]:
    p = 0.5
    for _ in range(2000):
        p = filter_step(p, epsilon, 3 / 10)
    ceiling.append([epsilon, p, 1 - p])
print("\nLimit of p_t under endless '+' readings (delta = 3/10):")
print(table(["flip prob epsilon", "p*", "mass left on -"], ceiling))
print(
    "\nThe gap from certainty shrinks as the state becomes stickier: evidence piles up"
    "\nonly as long as the state cannot have changed in the meantime."
)
