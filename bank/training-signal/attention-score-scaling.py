"""Attention entropy and gradient with and without the 1/√d scaling of the scores.

For head dimensions d = 16, 64 and 256, the lab draws 2000 random queries, each
attending to 32 random keys (entries independent, mean 0, variance 1), and measures:
the variance of the scores (the exercise predicts d unscaled, 1 scaled), the entropy of
the attention weights (log 32 ≈ 3.47 would be uniform), the share of queries that put
more than 99 % of their weight on one key, and the size (Frobenius norm) of the softmax
Jacobian diag(p) − ppᵀ, which vanishes as the softmax saturates.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(3)
queries, keys = 2000, 32


def softmax(scores):
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


rows, entropies = [], {}
for d in (16, 64, 256):
    q = rng.standard_normal((queries, 1, d))
    k = rng.standard_normal((queries, keys, d))
    raw = np.sum(q * k, axis=2)
    for label, scale in (("raw", 1.0), ("/√d", np.sqrt(d))):
        weights = softmax(raw / scale)
        entropy = float(np.mean(-np.sum(weights * np.log(weights + 1e-300), axis=1)))
        saturated = float(np.mean(weights.max(axis=1) > 0.99))
        jacobians = weights[:, :, None] * np.eye(keys) - weights[:, :, None] * weights[:, None, :]
        size = float(np.mean(np.linalg.norm(jacobians, axis=(1, 2))))
        rows.append([d, label, float(np.var(raw / scale)), entropy, saturated, size])
        entropies[f"d={d} {label}"] = entropy

print(table(["d", "scores", "Var(score)", "entropy", "share > 0.99", "‖∂p/∂s‖"], rows))
print("\nAttention entropy (uniform over 32 keys would be 3.47):")
print(bar_chart(list(entropies), list(entropies.values()), width=36))
print("\nUnscaled, the score variance grows like d and more and more queries attend to a single")
print("key; for those the softmax Jacobian is nearly zero and the scores stop learning. Dividing")
print("by √d keeps the variance at 1 and the attention spread out, whatever the head dimension.")
