"""Gibbs sampling the three-variable chain: Markov-blanket conditionals recover the exact joint.

Each update resamples one variable from p(x_i | its neighbours), which needs only the
potentials touching it, never Z. Run long enough, the visit frequencies of the 8
configurations match p~(x)/Z from the exercise (Z = 27 for the original numbers). Run by
`penpaper lab`, it uses the potentials of the instance you worked on.
"""

import itertools

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(phi00=3, phi01=1, phi10=1, phi11=2, psi00=1, psi01=2, psi10=4, psi11=1)
phi = np.array([[given["phi00"], given["phi01"]], [given["phi10"], given["phi11"]]])  # phi[x1, x2]
psi = np.array([[given["psi00"], given["psi01"]], [given["psi10"], given["psi11"]]])  # psi[x2, x3]
Z = float(phi.sum(axis=0) @ psi.sum(axis=1))  # Σ over x2 of (Σ_x1 phi)(Σ_x3 psi)
rng = np.random.default_rng(1)


def unnormalised(x):
    return phi[x[0], x[1]] * psi[x[1], x[2]]


x, sweeps = [0, 0, 0], 60_000
counts = np.zeros((2, 2, 2))
for _ in range(sweeps):
    for i in range(3):
        weights = []
        for value in (0, 1):  # only the factors containing x_i change; Z never appears
            x[i] = value
            weights.append(unnormalised(x))
        x[i] = int(rng.random() < weights[1] / (weights[0] + weights[1]))
    counts[tuple(x)] += 1

rows = []
for config in itertools.product((0, 1), repeat=3):
    exact = unnormalised(config) / Z
    rows.append([str(config), unnormalised(config), exact, counts[config] / sweeps])
print(table(["(x1, x2, x3)", "p~", f"p = p~/{Z:g}", "Gibbs frequency"], rows))

freq = counts / sweeps
x1_one = phi[1] @ psi.sum(axis=1)  # Σ over x2, x3 of p~(1, x2, x3)
x1_one_x3_one = phi[1] @ psi[:, 1]
x2_one = phi[1, 1] * psi[1, 0] / (phi[1, 1] * psi[1, 0] + phi[1, 0] * psi[0, 0])
print(f"\np(X1 = 1):          exact {x1_one / Z:.4f}, sampled {freq[1].sum():.4f}")
print(
    f"p(X3 = 1 | X1 = 1): exact {x1_one_x3_one / x1_one:.4f},"
    f" sampled {freq[1, :, 1].sum() / freq[1].sum():.4f}"
)
print(
    f"p(X2 = 1 | X1 = 1, X3 = 0): exact {x2_one:.4f}, "
    f"sampled {freq[1, 1, 0] / freq[1, :, 0].sum():.4f}"
)
print("\nThe sampler only ever evaluates ratios of unnormalised probabilities,")
print("which is why Gibbs sampling works for MRFs whose Z is out of reach.")
