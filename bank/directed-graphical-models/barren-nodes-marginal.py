"""Barren nodes cost nothing: brute force against the pruned sum.

P(B = 1, C = 1) is computed twice: by brute force, summing the joint over the 32 of
the 128 assignments that have B = C = 1, and with D, E, F, G dropped (two terms).
Then the tables of the dropped nodes are replaced by random ones: the brute-force
answer does not move, because non-ancestors of the query never affect its marginal.
Run by `penpaper lab`, it uses the tables of the instance you worked on.
"""

import itertools
from fractions import Fraction

import numpy as np

from penpaper.labkit import parameters, table

pA, b0, b1, c0, c1, d00, d01, d10, d11 = parameters(
    pA=0.4, b0=0.3, b1=0.5, c0=0.2, c1=0.75, d00=0.1, d01=0.6, d10=0.5, d11=0.9
).values()
rng = np.random.default_rng(5)
parents = {"A": "", "B": "A", "C": "A", "D": "BC", "E": "D", "F": "B", "G": "EF"}
p_one = {  # P(node = 1 | parent configuration), configurations in binary order
    "A": [pA],
    "B": [b0, b1],
    "C": [c0, c1],
    "D": [d00, d01, d10, d11],
    "E": [0.2, 0.7],
    "F": [0.35, 0.6],
    "G": [0.05, 0.5, 0.45, 0.95],
}


def brute_force(tables: dict[str, list[float]]) -> tuple[float, int]:
    total, products = 0.0, 0
    for values in itertools.product((0, 1), repeat=7):
        x = dict(zip(parents, values, strict=True))
        if x["B"] == 1 and x["C"] == 1:
            term = 1.0
            for node, pas in parents.items():
                q = tables[node][int("".join(str(x[p]) for p in pas) or "0", 2)]
                term *= q if x[node] else 1 - q
            total, products = total + term, products + 1
    return total, products


pruned = sum(pa * pb * pc for pa, pb, pc in zip([1 - pA, pA], [b0, b1], [c0, c1], strict=True))
value, terms = brute_force(p_one)
rows = [["pruned: sum over A only", 2, pruned], ["brute force, stated tables", terms, value]]
for trial in range(3):
    changed = p_one | {node: list(rng.random(len(p_one[node]))) for node in "DEFG"}
    rows.append([f"brute force, random D..G tables #{trial + 1}", terms, brute_force(changed)[0]])
print(table(["method", "terms summed", "P(B=1, C=1)"], rows))
print(
    f"\nThe answer is {pruned:.6g} = {Fraction(pruned).limit_denominator(10**6)} every time:"
    " summing out a leaf removes a factor that"
    "\nsums to 1, so D, E, F, G can be dropped before any arithmetic is done."
)
