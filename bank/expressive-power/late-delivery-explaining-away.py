"""Explaining away in simulated deliveries: two independent causes become dependent.

We sample many parcels from T → L ← K (traffic, late, warehouse backlog) and count:
T and K are independent overall, but among late parcels learning K changes the chance
of T (from 40/49 with no backlog to 19/145 with one, for the original numbers). No
undirected graph can show both facts. Run by `penpaper lab`, it uses the probabilities
of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

pT, pK, l00, l10, l01, l11 = parameters(
    pT=0.1, pK=0.2, l00=0.02, l10=0.8, l01=0.7, l11=0.95
).values()
rng = np.random.default_rng(7)
parcels = 1_000_000
traffic = rng.random(parcels) < pT
backlog = rng.random(parcels) < pK
late_rate = np.select(
    [~traffic & ~backlog, traffic & ~backlog, ~traffic & backlog],
    [l00, l10, l01],
    default=l11,
)
late = rng.random(parcels) < late_rate

traffic_and_late = pT * ((1 - pK) * l10 + pK * l11)
p_late = traffic_and_late + (1 - pT) * ((1 - pK) * l00 + pK * l01)
rows = [
    ["P(T=1)", traffic.mean(), pT],
    ["P(T=1 | K=1)", traffic[backlog].mean(), pT],
    ["P(T=1 | K=0)", traffic[~backlog].mean(), pT],
    ["P(T=1 | L=1)", traffic[late].mean(), traffic_and_late / p_late],
    ["P(T=1 | L=1, K=0)", traffic[late & ~backlog].mean(), pT * l10 / (pT * l10 + (1 - pT) * l00)],
    ["P(T=1 | L=1, K=1)", traffic[late & backlog].mean(), pT * l11 / (pT * l11 + (1 - pT) * l01)],
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
