"""Sum-product on a chain against brute force: the same marginals, far less work.

First the exercise's three-node chain: the two messages into x2, Z and the marginals,
next to the numbers from enumerating all 8 configurations. Then a random chain of
10 variables with 4 states each: a forward and a backward pass give every marginal,
and they agree with summing the full 4^10-entry joint table. Run by `penpaper lab`,
the three-node chain is the one of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(phi0=2, phi1=1, L=[[3, 1], [1, 2]], R=[[2, 1], [1, 4]])
phi = np.array([given["phi0"], given["phi1"]])
psi12 = np.array(given["L"])
psi23 = np.array(given["R"])

left = phi @ psi12  # sum over x1 of phi(x1) psi12(x1, x2)
right = psi23.sum(axis=1)  # sum over x3 of psi23(x2, x3)
print("message from the left into x2 :", left)
print("message from the right into x2:", right)
joint = np.einsum("a,ab,bc->abc", phi, psi12, psi23)  # the full 2x2x2 table
rows = [
    ["Z", (left * right).sum(), joint.sum()],
    ["p(x2 = 1)", left[1] * right[1] / (left @ right), joint[:, 1, :].sum() / joint.sum()],
    ["p(x3 = 1)", (left @ psi23)[1] / (left @ right), joint[:, :, 1].sum() / joint.sum()],
]
print(table(["quantity", "messages", "enumeration"], rows))

rng = np.random.default_rng(3)
n, K = 10, 4
psis = [rng.uniform(0.1, 2.0, (K, K)) for _ in range(n - 1)]
forward = [np.ones(K)]
for psi in psis:
    forward.append(forward[-1] @ psi)
backward = [np.ones(K)]
for psi in reversed(psis):
    backward.insert(0, psi @ backward[0])
marginals = np.array([f * b / (f @ b) for f, b in zip(forward, backward, strict=True)])

full = np.ones([K] * n)
for i, psi in enumerate(psis):
    shape = [1] * n
    shape[i], shape[i + 1] = K, K
    full = full * psi.reshape(shape)
full /= full.sum()
exact = np.array([full.sum(axis=tuple(j for j in range(n) if j != i)) for i in range(n)])
print(f"\nrandom chain, n = {n}, K = {K}: largest |messages - enumeration| over all marginals")
print(f"  {np.abs(marginals - exact).max():.2e}")
products = 2 * (n - 1) * K * K
print(f"messages formed {products} products; the joint table has {K**n:,} entries")
print("and every entry needs n - 1 multiplications. Same numbers, linear instead of")
print("exponential cost in the length of the chain.")
