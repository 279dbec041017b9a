"""Scaled dot-product attention on the exercise's Q, K, V, and why the 1/√d_k is there.

First the lab computes S, A and O for the exercise and prints them next to the exact
answers. Then it draws random queries and keys with independent standard normal entries:
the raw scores qᵀk have standard deviation √d_k, so without scaling the softmax over
8 keys becomes nearly one-hot as d_k grows, while the scaled scores keep it soft.
"""

import numpy as np

from penpaper.labkit import table


def softmax_rows(S):
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


Q = np.array([[1.0, 0, 0, 1], [0, 2, 0, 0]])
K = np.array([[2.0, 0, 0, 2], [0, 1, 1, 0], [1, 0, 2, -1]])
V = np.array([[1.0, 0], [0, 2], [2, 1]])
S = Q @ K.T / np.sqrt(4)
A = softmax_rows(S)
out = A @ V
e = np.e
print("S =", S.tolist())
print("A =", np.round(A, 4).tolist())
print("O =", np.round(out, 4).tolist())
print(
    f"exact: A11 = e²/(e²+2) = {e**2 / (e**2 + 2):.4f},  O12 = 3/(e²+2) = {3 / (e**2 + 2):.4f},"
    f"  A22 = e/(e+2) = {e / (e + 2):.4f}\n"
)

rng = np.random.default_rng(1)
rows = []
for d in [4, 16, 64, 256, 1024]:
    q = rng.standard_normal((1000, 1, d))
    k = rng.standard_normal((1000, 8, d))
    raw = (q * k).sum(axis=2)  # 1000 queries × 8 keys
    unscaled = softmax_rows(raw).max(axis=1).mean()
    scaled = softmax_rows(raw / np.sqrt(d)).max(axis=1).mean()
    rows.append([d, raw.std(), np.sqrt(d), unscaled, scaled])
print(table(["d_k", "std of qᵀk", "√d_k", "mean max weight (raw)", "(scaled)"], rows))
print("\nWithout scaling the largest weight tends to 1 (a saturated softmax with tiny")
print("gradients); with 1/√d_k the scores keep unit variance and the weights stay spread.")
