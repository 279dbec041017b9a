"""Ranks inside one attention head: scores are capped by d_h, softmax weights are not.

For T = 256 random tokens the lab builds a head with several head dimensions d_h and
prints the rank of the scores S = QKᵀ/√d_h (exactly d_h) and of the weights A = softmax(S)
(full, T, although for d_h = 1 floating point cannot tell), with how many singular values
of A exceed 1% of the largest, a rough "effective" rank that grows with d_h. Then it
times linear attention, QKᵀV, in both orders: forming the T × T matrix costs about T/d_h
times more multiply-adds.
"""

import time

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)
T, d = 256, 128
X = rng.standard_normal((T, d))
rows = []
for d_h in (1, 4, 16, 64):
    W_q, W_k = (rng.standard_normal((d, d_h)) / np.sqrt(d) for _ in range(2))
    S = (X @ W_q) @ (X @ W_k).T / np.sqrt(d_h)
    A = np.exp(S - S.max(axis=1, keepdims=True))
    A /= A.sum(axis=1, keepdims=True)
    sv = np.linalg.svd(A, compute_uv=False)
    rows.append(
        [d_h, np.linalg.matrix_rank(S), np.linalg.matrix_rank(A), int(np.sum(sv > 0.01 * sv[0]))]
    )
print(table(["d_h", "rank S", "rank A", "singular values of A > 1% of max"], rows))
print("The scores never exceed rank d_h. A is of full rank in exact arithmetic, but for")
print("tiny d_h its singular values decay so fast that in floating point (matrix_rank's")
print("tolerance) it looks low-rank; the spread of its spectrum grows with d_h.\n")

T, d_h = 4096, 64
Q, K, V = (rng.standard_normal((T, d_h)).astype(np.float32) for _ in range(3))


def best_time(compute):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = compute()
        times.append(time.perf_counter() - start)
    return result, min(times)


left, slow = best_time(lambda: (Q @ K.T) @ V)
right, fast = best_time(lambda: Q @ (K.T @ V))
print(f"Linear attention with T = {T}, d_h = {d_h}:")
print(
    table(
        ["order", "multiply-adds", "time (ms)"],
        [
            ["(Q Kᵀ) V", 2 * T * T * d_h, f"{1000 * slow:.1f}"],
            ["Q (Kᵀ V)", 2 * T * d_h * d_h, f"{1000 * fast:.1f}"],
        ],
    )
)
print(
    f"Same result (max relative difference {np.abs(left - right).max() / np.abs(left).max():.1e});"
)
print(f"the counts differ by T/d_h = {T // d_h}. With a softmax between QKᵀ and V only the")
print("first order is possible.")
