"""Max-sum against trying all 27 configurations, and what the winning score means.

Max-sum (max-product in log space) finds the best configuration with two messages of
three entries each; brute force scores all 3^3 configurations. The lab prints the
messages, the top of the ranking and the greedy unary choice, then turns scores into
probabilities p(x) ∝ exp(S(x)) to show how much mass the winner actually has.
"""

import itertools

import numpy as np

from penpaper.labkit import table

theta = [np.array([1, 0, 2]), np.array([0, 2, 0]), np.array([2, 0, 1])]
W12 = np.array([[3, 0, -2], [0, 1, 0], [-2, 1, 2]])
W23 = np.array([[3, 0, -2], [0, 1, 1], [-2, 0, 2]])


def score(x):
    return theta[0][x[0]] + theta[1][x[1]] + theta[2][x[2]] + W12[x[0], x[1]] + W23[x[1], x[2]]


cand12 = theta[0][:, None] + W12  # rows x1, columns x2
m12 = cand12.max(axis=0)
cand23 = (m12 + theta[1])[:, None] + W23  # rows x2, columns x3
m23 = cand23.max(axis=0)
x3 = int((m23 + theta[2]).argmax())
x2 = int(cand23[:, x3].argmax())
x1 = int(cand12[:, x2].argmax())
print("m1->2 =", m12, "  m2->3 =", m23, "  best score =", (m23 + theta[2]).max())
print("max-sum backtracks to", (x1, x2, x3))

configs = sorted(itertools.product(range(3), repeat=3), key=score, reverse=True)
scores = np.array([score(x) for x in configs], dtype=float)
probs = np.exp(scores) / np.exp(scores).sum()
greedy = tuple(int(t.argmax()) for t in theta)
rows = [[str(x), int(s), float(p)] for x, s, p in zip(configs[:6], scores, probs, strict=False)]
rows.append([f"{greedy} greedy", score(greedy), float(probs[configs.index(greedy)])])
print(table(["configuration", "score S", "p ∝ exp(S)"], rows))
print("\nBrute force agrees with max-sum: the best of all 27 is", configs[0], "with score 9.")
print("Greedy per-variable choices ignore the pairwise terms and lose 2 points, a")
print(f"factor e^2 ≈ {np.exp(2):.2f} in probability. Even the winner holds only {probs[0]:.0%}")
print("of the mass: the MAP is the single likeliest point, not a sure thing.")
