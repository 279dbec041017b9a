"""Evidence on a Markov chain three ways: messages, enumeration and simulation.

The messages alpha (from the start) and beta (from the observed end) meet at x2;
their product, normalised, is p(x2 | x4 = 1), and its sum is the evidence p(x4 = 1).
Enumerating the 16 configurations gives the same numbers, and so does simply
simulating many chains and keeping those that end in x4 = 1 (rejection sampling).
Run by `penpaper lab`, it uses the probabilities of the instance you worked on.
"""

import itertools

import numpy as np

from penpaper.labkit import parameters, table

prior1, up0, up1, lik0, lik1 = parameters(prior1=0.3, up0=0.2, up1=0.7, lik0=0.1, lik1=0.8).values()
prior = np.array([1 - prior1, prior1])  # p(x1)
T = np.array([[1 - up0, up0], [1 - up1, up1]])  # T[i, j] = p(x_{t+1} = j | x_t = i)
E = np.array([[1 - lik0, lik0], [1 - lik1, lik1]])  # E[i, j] = p(x4 = j | x3 = i)

alpha2 = prior @ T  # p(x2)
beta2 = T @ E[:, 1]  # p(x4 = 1 | x2)
evidence = alpha2 @ beta2
posterior = alpha2 * beta2 / evidence
print("alpha2 =", alpha2, "  beta2 =", beta2)

weights = {
    x: prior[x[0]] * T[x[0], x[1]] * T[x[1], x[2]] * E[x[2], x[3]]
    for x in itertools.product([0, 1], repeat=4)
}
enum_evidence = sum(w for x, w in weights.items() if x[3] == 1)
enum_post = sum(w for x, w in weights.items() if x[3] == 1 and x[1] == 1) / enum_evidence

rng = np.random.default_rng(8)
runs = 200_000
x1 = rng.random(runs) < prior[1]
x2 = rng.random(runs) < T[x1.astype(int), 1]
x3 = rng.random(runs) < T[x2.astype(int), 1]
x4 = rng.random(runs) < E[x3.astype(int), 1]
kept = x2[x4]
# the exercise's keys (29/80 and 413/725 for the original numbers)
p2 = (1 - prior1) * up0 + prior1 * up1
beta0, beta1 = (1 - up0) * lik0 + up0 * lik1, (1 - up1) * lik0 + up1 * lik1
key_evidence = (1 - p2) * beta0 + p2 * beta1
rows = [
    ["p(x4 = 1)", evidence, enum_evidence, x4.mean(), key_evidence],
    ["p(x2 = 1 | x4 = 1)", posterior[1], enum_post, kept.mean(), p2 * beta1 / key_evidence],
]
print(table(["quantity", "messages", "enumeration", "simulation", "exact key"], rows))
print(f"\nThe simulation kept {kept.size:,} of {runs:,} chains (those with x4 = 1);")
print("its standard error is about", f"{np.sqrt(kept.mean() * (1 - kept.mean()) / kept.size):.4f}.")
print(
    "Rejection wastes every run that contradicts the evidence"
    f" (here about {100 * (1 - evidence):.0f}%), and"
)
print("the rarer the evidence the worse it gets; the messages condition on x4 = 1")
print("exactly, at the cost of two short passes.")
