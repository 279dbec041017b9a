"""Loopy belief propagation on a triangle against the exact answer.

Messages are iterated on the triangle's factor graph until they stop changing, and
the pairwise belief for (x1, x2) is compared with brute-force enumeration. Without a
field the error is exactly (a-1)^2/((a+1)(a^2+3)); with a field h on x1 the messages
are no longer uniform, and BP's single-variable belief is off as well. Cutting one
edge of the triangle turns the graph into a tree, and then BP is exact.
"""

import itertools

import numpy as np

from penpaper.labkit import table


def run(a, h, edges, sweeps=200):
    psi = np.array([[a, 1.0], [1.0, a]])  # symmetric, so orientation does not matter
    field = [np.array([1.0, h]), np.ones(2), np.ones(2)]
    msg = {(e, v): np.ones(2) for e in edges for v in e}  # factor e -> variable v

    def into(v, skip):
        """Variable-to-factor message: v's field times its messages from other factors."""
        return field[v] * np.prod([msg[f, v] for f in edges if v in f and f != skip], axis=0)

    for _ in range(sweeps):
        for e in edges:
            for v, u in (e, e[::-1]):
                new = psi @ into(u, e)
                msg[e, v] = new / new.sum()
    pair = psi * np.outer(into(0, (0, 1)), into(1, (0, 1)))
    single = into(0, None)
    weights = {
        x: np.prod([psi[x[i], x[j]] for i, j in edges]) * field[0][x[0]]
        for x in itertools.product([0, 1], repeat=3)
    }
    Z = sum(weights.values())
    exact_pair = sum(w for x, w in weights.items() if x[0] == x[1]) / Z
    exact_single = sum(w for x, w in weights.items() if x[0] == 1) / Z
    return np.trace(pair) / pair.sum(), exact_pair, single[1] / single.sum(), exact_single


triangle, path = [(0, 1), (1, 2), (0, 2)], [(0, 1), (1, 2)]
cases = [(0.5, 1, triangle), (3, 1, triangle), (10, 1, triangle), (3, 2, triangle), (3, 2, path)]
rows = []
for a, h, edges in cases:
    bp_pair, ex_pair, bp_one, ex_one = run(a, h, edges)
    loop = len(edges) == 3
    formula = f"{(a - 1) ** 2 / ((a + 1) * (a**2 + 3)):.6g}" if loop and h == 1 else "-"
    graph = "loop" if loop else "tree"
    rows.append([graph, a, h, bp_pair, ex_pair, ex_pair - bp_pair, formula, bp_one, ex_one])
headers = ["graph", "a", "h", "BP P(x1=x2)", "exact", "diff.", "formula", "BP P(x1=1)", "exact"]
print(table(headers, rows))
print("\nOn the loop BP underestimates the agreement whenever a != 1, and with the field")
print("(a = 3, h = 2) it overstates P(x1 = 1): the evidence goes round the loop and is")
print("counted twice. On the tree (edge x1-x3 removed) BP matches enumeration exactly.")
