"""Metropolis–Hastings on three states with a path proposal, with and without the Hastings factor.

Long-run state frequencies: the corrected chain matches π = (1/6, 1/3, 1/2); the uncorrected
one settles on (1/8, 1/2, 3/8). Powers of P show the distance to π shrinking like 0.768^t.
"""

import numpy as np

from penpaper.labkit import table

pi = np.array([1 / 6, 1 / 3, 1 / 2])
propose = np.array([[0, 1, 0], [0.5, 0, 0.5], [0, 1, 0]])


def transition_matrix(hastings: bool) -> np.ndarray:
    P = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            if propose[i, j] > 0:
                ratio = pi[j] / pi[i] * (propose[j, i] / propose[i, j] if hastings else 1.0)
                P[i, j] = propose[i, j] * min(1.0, ratio)
        P[i, i] = 1 - P[i].sum()
    return P


rng = np.random.default_rng(53)
rows = []
for hastings in (True, False):
    P, state, visits = transition_matrix(hastings), 0, np.zeros(3)
    for u in rng.uniform(size=100_000):
        state = int(np.searchsorted(np.cumsum(P[state]), u, side="right"))
        visits[state] += 1
    rows.append(["with Hastings" if hastings else "without", *(visits / visits.sum()).round(4)])
rows += [["π (target)", *pi.round(4)], ["(1/8, 1/2, 3/8)", 0.125, 0.5, 0.375]]
print(table(["chain", "state 1", "state 2", "state 3"], rows))

P = transition_matrix(True)
print("\nMax |P^t[1, ·] − π| for the corrected chain started in state 1:")
for t in [1, 5, 10, 20]:
    gap = np.abs(np.linalg.matrix_power(P, t)[0] - pi).max()
    print(f"t = {t:>2}: {gap:.2e}   ((1 + √13)/6)^t = {((1 + np.sqrt(13)) / 6) ** t:.2e}")
