"""Build the minimal I-map for the ordering D, A, B, C, E by testing independencies numerically.

We draw random conditional tables for A → C ← B, C → D → E, form the joint, and for
each variable try the candidate parent sets (smallest first). A candidate U works when
p(x, rest, u) p(u) = p(x, u) p(rest, u) everywhere; the gap printed is the largest violation.
"""

import itertools

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(5)
pa, pb = rng.dirichlet([1, 1]), rng.dirichlet([1, 1])
pc = rng.dirichlet([1, 1], size=(2, 2))
pd, pe = rng.dirichlet([1, 1], size=2), rng.dirichlet([1, 1], size=2)
joint = np.einsum("a,b,abc,cd,de->abcde", pa, pb, pc, pd, pe)
AXES = "ABCDE"


def marginal(names):
    """The marginal over ``names``, axes in that order."""
    return np.einsum(f"{AXES}->{''.join(names)}", joint)


def gap(x, rest, given):
    """Largest violation of x ⊥ rest | given in the joint table (0 means independent)."""
    names = [x, *rest, *given]
    full = marginal(names)
    pu = marginal(list(given)).reshape((1,) * (1 + len(rest)) + (2,) * len(given))
    pxu = marginal([x, *given]).reshape((2,) + (1,) * len(rest) + (2,) * len(given))
    pru = marginal([*rest, *given])[None]
    return float(np.abs(full * pu - pxu * pru).max())


order = "DABCE"
rows, edges = [], []
for i, x in enumerate(order):
    earlier = order[:i]
    for size in range(len(earlier) + 1):
        found = None
        for parents in itertools.combinations(earlier, size):
            rest = [v for v in earlier if v not in parents]
            g = gap(x, rest, parents) if rest else 0.0
            rows.append([x, "{" + ",".join(parents) + "}", f"{g:.1e}"])
            if g < 1e-12 and found is None:
                found = parents
        if found is not None:
            edges += [f"{p}->{x}" for p in found]
            break
print(table(["variable", "candidate parents", "independence gap"], rows))
print("\nminimal I-map for D, A, B, C, E:", ", ".join(edges))
print("Seven edges instead of four: B needs A once D is given, because D is a descendant")
print("of the collider C (explaining away), and C needs all of A, B and D.")
