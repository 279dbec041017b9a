"""Gibbs sampling the three-variable chain: Markov-blanket conditionals recover the exact joint.

Each update resamples one variable from p(x_i | its neighbours), which needs only the
potentials touching it, never Z. Run long enough, the visit frequencies of the 8
configurations match p~(x)/27 from the exercise.
"""

import itertools

import numpy as np

from penpaper.labkit import table

phi = np.array([[3.0, 1.0], [1.0, 2.0]])  # phi[x1, x2]
psi = np.array([[1.0, 2.0], [4.0, 1.0]])  # psi[x2, x3]
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
    exact = unnormalised(config) / 27
    rows.append([str(config), unnormalised(config), exact, counts[config] / sweeps])
print(table(["(x1, x2, x3)", "p~", "p = p~/27", "Gibbs frequency"], rows))

freq = counts / sweeps
print(f"\np(X1 = 1):          exact {13 / 27:.4f}, sampled {freq[1].sum():.4f}")
print(f"p(X3 = 1 | X1 = 1): exact {4 / 13:.4f}, sampled {freq[1, :, 1].sum() / freq[1].sum():.4f}")
print(
    f"p(X2 = 1 | X1 = 1, X3 = 0): exact {8 / 9:.4f}, "
    f"sampled {freq[1, 1, 0] / freq[1, :, 0].sum():.4f}"
)
print("\nThe sampler only ever evaluates ratios of unnormalised probabilities,")
print("which is why Gibbs sampling works for MRFs whose Z is out of reach.")
