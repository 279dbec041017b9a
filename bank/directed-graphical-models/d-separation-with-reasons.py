"""d-separation against data: conditional mutual information from samples.

Conditional tables are fixed for the DAG of the exercise and 400,000 joint samples
are drawn in ancestral order. For each node V the plug-in estimate of
I(A; V | D, E) is shown. Nodes d-separated from A given {D, E} sit at the noise
floor of the estimator (a few times 1e-6); the others stand clearly above it.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(11)
parents = {"A": "", "B": "", "C": "AB", "D": "C", "E": "B", "F": "DE", "G": "F", "H": "E"}
p_one = {  # P(node = 1 | parent configuration), configurations in binary order
    "A": [0.5], "B": [0.5], "C": [0.05, 0.7, 0.7, 0.95], "D": [0.1, 0.9],
    "E": [0.2, 0.85], "F": [0.1, 0.6, 0.7, 0.95], "G": [0.15, 0.8], "H": [0.25, 0.9],
}  # fmt: skip
n = 400_000
samples: dict[str, np.ndarray] = {}
for node, pas in parents.items():  # the dict is already in an ancestral order
    config = sum((samples[p] << (len(pas) - 1 - i) for i, p in enumerate(pas)), np.zeros(n, int))
    samples[node] = (rng.random(n) < np.array(p_one[node])[config]).astype(int)


def conditional_mutual_information(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> float:
    """Plug-in I(X; Y | Z) in nats for binary X, Y and a small integer-coded Z."""
    counts = np.zeros((2, 2, z.max() + 1))
    np.add.at(counts, (x, y, z), 1)
    p = counts / counts.sum()
    p_xz, p_yz, p_z = p.sum(1, keepdims=True), p.sum(0, keepdims=True), p.sum((0, 1))
    ratio = np.divide(p * p_z, p_xz * p_yz, out=np.ones_like(p), where=p > 0)
    return float(np.sum(p * np.log(ratio)))


z = samples["D"] * 2 + samples["E"]
others = ["B", "C", "F", "G", "H"]
values = [conditional_mutual_information(samples["A"], samples[v], z) for v in others]
floor = 4 / (2 * n)  # bias of the plug-in estimate when the true value is 0: (df)/(2n)
print("Estimated I(A; V | D, E) in nats, from samples:\n")
print(bar_chart([f"V = {v}" for v in others], values))
print()
print(table(["V", "estimate", "estimate / noise floor"], [
    [v, value, value / floor] for v, value in zip(others, values, strict=True)
]))  # fmt: skip
print(
    "\nC is A's child and B is linked to A through the collider C, opened by its observed"
    "\nchild D: both estimates are far above the floor. F, G and H are d-separated from A"
    "\ngiven {D, E}: their estimates are of the size of the floor, i.e. sampling noise."
)
