"""The most probable configuration is not the tuple of most probable values.

For the exercise's chain the lab lists all 8 configurations with their probabilities,
the three marginals, max-product's answer and the marginal maximisers. Then it draws
many random 3-node chains and counts how often the two answers disagree.
"""

import itertools

import numpy as np

from penpaper.labkit import bar_chart


def joint_table(phi, psi12, psi23):
    table = np.einsum("a,ab,bc->abc", phi, psi12, psi23)
    return table / table.sum()


def max_product(phi, psi12, psi23):
    """Max-product messages left to right, then backtracking."""
    scores12 = phi[:, None] * psi12  # rows x1, columns x2
    mu2 = scores12.max(axis=0)
    scores23 = mu2[:, None] * psi23  # rows x2, columns x3
    x3 = int(scores23.max(axis=0).argmax())
    x2 = int(scores23[:, x3].argmax())
    return (int(scores12[:, x2].argmax()), x2, x3)


def marginal_maximisers(p):
    return tuple(int(p.sum(axis=tuple(j for j in range(3) if j != i)).argmax()) for i in range(3))


phi = np.array([1.0, 3.0])
psi12 = np.array([[4.0, 1.0], [1.0, 2.0]])
psi23 = np.array([[1.0, 4.0], [2.0, 1.0]])
p = joint_table(phi, psi12, psi23)
configs = list(itertools.product([0, 1], repeat=3))
print(bar_chart([str(c) for c in configs], [p[c] for c in configs]))
for i in range(3):
    print(f"p(x{i + 1} = 1) = {p.sum(axis=tuple(j for j in range(3) if j != i))[1]:.4f}")
best, each = max_product(phi, psi12, psi23), marginal_maximisers(p)
print(f"max-product: {best}, p = {p[best]:.4f};  marginal maximisers: {each}, p = {p[each]:.4f}")

rng = np.random.default_rng(5)
trials, disagree = 20_000, 0
for _ in range(trials):
    args = (rng.uniform(0, 1, 2), rng.uniform(0, 1, (2, 2)), rng.uniform(0, 1, (2, 2)))
    q = joint_table(*args)
    assert max_product(*args) == np.unravel_index(q.argmax(), q.shape)  # brute force agrees
    disagree += max_product(*args) != marginal_maximisers(q)
share = disagree / trials
print(f"\nrandom chains, uniform(0, 1) potentials: the answers differ in {share:.1%} of draws.")
print("Use max-product when you need one coherent configuration, marginals when you")
print("need each variable's own best guess (e.g. to minimise the expected number of errors).")
