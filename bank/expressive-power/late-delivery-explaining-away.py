"""Explaining away in simulated deliveries: two independent causes become dependent.

We sample many parcels from T → L ← K (traffic, late, warehouse backlog) and count:
T and K are independent overall, but among late parcels learning K changes the chance
of T from 40/49 (no backlog) to 19/145 (backlog). No undirected graph can show both facts.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(7)
parcels = 1_000_000
traffic = rng.random(parcels) < 0.1
backlog = rng.random(parcels) < 0.2
late_rate = np.select(
    [~traffic & ~backlog, traffic & ~backlog, ~traffic & backlog],
    [0.02, 0.8, 0.7],
    default=0.95,
)
late = rng.random(parcels) < late_rate

rows = [
    ["P(T=1)", traffic.mean(), 0.1],
    ["P(T=1 | K=1)", traffic[backlog].mean(), 0.1],
    ["P(T=1 | K=0)", traffic[~backlog].mean(), 0.1],
    ["P(T=1 | L=1)", traffic[late].mean(), 415 / 1117],
    ["P(T=1 | L=1, K=0)", traffic[late & ~backlog].mean(), 40 / 49],
    ["P(T=1 | L=1, K=1)", traffic[late & backlog].mean(), 19 / 145],
]
print(table(["quantity", "simulated", "exact"], rows))

print("\nAmong late parcels, how often was there a traffic jam?")
print(
    bar_chart(
        ["backlog unknown", "no backlog K=0", "backlog K=1"],
        [traffic[late].mean(), traffic[late & ~backlog].mean(), traffic[late & backlog].mean()],
    )
)
print(
    "\nWithout L, knowing K tells nothing about T (first three rows agree)."
    "\nGiven L = 1, K = 1 explains the delay away and K = 0 makes traffic likely:"
    "\nT and K are dependent given L, which no undirected graph can show together with T ⊥ K."
)
