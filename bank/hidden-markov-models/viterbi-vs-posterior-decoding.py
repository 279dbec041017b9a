"""Posterior decoding can return an impossible path; Viterbi cannot.

First the exercise: the posterior over the nine (z_1, z_2) pairs of the cart on its
one-way ring, with both decoders. Then many random sequences from the same cart
model, 8 steps long: how often does "most probable state at each time" string
together into a path that uses a forbidden (backward) move?
"""

import itertools

import numpy as np

from penpaper.labkit import bar_chart

ring = np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5], [0.5, 0.0, 0.5]])
initial = np.array([0.4, 0.5, 0.1])
bright = np.array([0.6, 0.2, 0.2])  # P(x = 1 | station)
emit = np.stack([1 - bright, bright], axis=1)

pair = initial[:, None] * emit[:, 0][:, None] * ring * emit[:, 1][None, :]  # x_1 = 0, x_2 = 1
pair /= pair.sum()
labels = [f"({i + 1}, {j + 1})" for i in range(3) for j in range(3)]
print("Posterior of each pair (z_1, z_2) given x_1 = 0, x_2 = 1:")
print(bar_chart(labels, list(pair.ravel())))
marginal_decode = (int(pair.sum(axis=1).argmax()) + 1, int(pair.sum(axis=0).argmax()) + 1)
viterbi = tuple(int(k) + 1 for k in np.unravel_index(pair.argmax(), pair.shape))
print(f"\nposterior decoding {marginal_decode}, viterbi {viterbi}")


def smoothed(xs):
    alphas, alpha = [], initial * emit[:, xs[0]]
    for x in xs[1:]:
        alphas.append(alpha / alpha.sum())
        alpha = (alphas[-1] @ ring) * emit[:, x]
    alphas.append(alpha / alpha.sum())
    beta, out = np.ones(3), []
    for t in range(len(xs) - 1, -1, -1):
        out.insert(0, alphas[t] * beta / (alphas[t] * beta).sum())
        beta = ring @ (emit[:, xs[t]] * beta)
    return np.array(out)


rng = np.random.default_rng(1)
impossible, runs = 0, 2000
for _ in range(runs):
    z = [rng.choice(3, p=initial)]
    for _ in range(7):
        z.append(rng.choice(3, p=ring[z[-1]]))
    xs = [int(rng.random() < bright[s]) for s in z]
    decoded = smoothed(xs).argmax(axis=1)
    impossible += any(ring[a, b] == 0 for a, b in itertools.pairwise(decoded))
print(
    f"\nIn {runs} simulated 8-step runs, posterior decoding produced a path with a forbidden"
    f"\nmove in {impossible} ({100 * impossible / runs:.1f}%)."
    "\nEach decoded state is the best guess on its own, but nothing forces the guesses to fit"
    "\ntogether. Viterbi maximises the probability of the whole path and only ever returns"
    "\npaths the model allows."
)
