"""How the elimination order sets the cost on grids, checked by exhaustive search.

For the 3 x 3 grid the lab finds the best possible cost by dynamic programming over
subsets of eliminated nodes (equivalent to trying all 9! orders) and compares it with
row-by-row, centre-first and random orders. Then it sweeps r x w grids row by row in
both directions: the cost is (length of the swept row) + 1, so sweep along the long side.
"""

import itertools
from functools import cache

import numpy as np

from penpaper.labkit import table


def grid(r, w):
    nodes = list(itertools.product(range(r), range(w)))
    return {v: {u for u in nodes if abs(u[0] - v[0]) + abs(u[1] - v[1]) == 1} for v in nodes}


def cost(adj, order):
    """Largest elimination clique (node plus current neighbours) along the order."""
    g = {v: set(n) for v, n in adj.items()}
    worst = 0
    for v in order:
        worst = max(worst, len(g[v]) + 1)
        for a, b in itertools.combinations(g[v], 2):
            g[a].add(b)
            g[b].add(a)
        for u in g.pop(v):
            g[u].discard(v)
    return worst


def best_cost(adj):
    """Minimum over all orders: eliminating v after the set S meets the nodes reachable via S."""
    nodes = list(adj)

    def clique(done, v):
        seen, stack, outside = {v}, [v], set()
        while stack:
            for u in adj[stack.pop()]:
                if u not in seen:
                    seen.add(u)
                    if u in done:
                        stack.append(u)
                    else:
                        outside.add(u)
        return len(outside) + 1

    @cache
    def solve(done):
        if len(done) == len(nodes):
            return 0
        return min(max(clique(done, v), solve(done | {v})) for v in nodes if v not in done)

    return solve(frozenset())


g3 = grid(3, 3)
rng = np.random.default_rng(2)
randoms = [cost(g3, [list(g3)[i] for i in rng.permutation(9)]) for _ in range(2000)]
centre_first = [(1, 1)] + [v for v in sorted(g3) if v != (1, 1)]
rows = [["best over all orders", best_cost(g3)], ["row by row", cost(g3, sorted(g3))]]
rows += [["centre first", cost(g3, centre_first)], ["random: worst of 2000", max(randoms)]]
rows += [["random: mean of 2000", float(np.mean(randoms))]]
print(table(["3 x 3 grid", "cost"], rows))
rows = []
for r, w in [(3, 4), (3, 8), (4, 10), (2, 12)]:
    by_column = sorted(grid(r, w), key=lambda v: (v[1], v[0]))
    rows.append([f"{r} x {w}", cost(grid(r, w), sorted(grid(r, w))), cost(grid(r, w), by_column)])
print("\n" + table(["grid (rows x columns)", "row by row", "column by column"], rows))
print("\nRow by row costs w + 1 and column by column r + 1: the frontier between the")
print("eliminated and the remaining nodes is one row (or column) wide.")
