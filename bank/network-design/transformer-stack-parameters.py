"""Where a decoder-only transformer keeps its parameters, from tiny to billions.

The lab first builds a tiny bias-free, weight-tied decoder in numpy, runs a forward pass
and counts its tensors against L(12d² + 2d) + Vd + d. Then it splits the count of models
shaped like well-known ones into embedding, attention, feed-forward and norm gains:
small models spend a third of their budget on the vocabulary, large ones almost nothing,
and 12·L·d² becomes an accurate estimate.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)


def norm(x, gain):
    return gain * (x - x.mean(-1, keepdims=True)) / x.std(-1, keepdims=True)


d, L, V, heads, tokens = 16, 2, 50, 4, [3, 14, 15, 9, 2]
params = {"E": rng.standard_normal((V, d)) * 0.1, "final": np.ones(d)}
for b in range(L):
    for name in ("q", "k", "v", "o"):
        params[f"{b}{name}"] = rng.standard_normal((d, d)) / np.sqrt(d)
    params[f"{b}up"] = rng.standard_normal((d, 4 * d)) / np.sqrt(d)
    params[f"{b}down"] = rng.standard_normal((4 * d, d)) / np.sqrt(4 * d)
    params[f"{b}g1"], params[f"{b}g2"] = np.ones(d), np.ones(d)
x = params["E"][tokens]
t = len(tokens)
mask = np.triu(np.full((t, t), -np.inf), 1)
for b in range(L):
    a = norm(x, params[f"{b}g1"])
    q, k, v = ((a @ params[f"{b}{n}"]).reshape(t, heads, -1).swapaxes(0, 1) for n in "qkv")
    s = q @ k.swapaxes(1, 2) / np.sqrt(d // heads) + mask
    w = np.exp(s - s.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    x = x + (w @ v).swapaxes(0, 1).reshape(t, d) @ params[f"{b}o"]
    x = x + np.maximum(norm(x, params[f"{b}g2"]) @ params[f"{b}up"], 0) @ params[f"{b}down"]
logits = norm(x, params["final"]) @ params["E"].T
counted = sum(p.size for p in params.values())
print(f"Tiny model (d={d}, L={L}, V={V}): logits {logits.shape}, {counted} parameters counted,")
print(f"formula L(12d² + 2d) + Vd + d = {L * (12 * d * d + 2 * d) + V * d + d}.\n")

rows = []
for name, d, L, V in [
    ("GPT-2 small-like", 768, 12, 50257),
    ("GPT-2 medium-like", 1024, 24, 50257),
    ("GPT-2 XL-like", 1600, 48, 50257),
    ("7B-like", 4096, 32, 32000),
    ("65B-like", 8192, 80, 32000),
]:
    parts = {"embedding": V * d, "attention": L * 4 * d * d, "ffn": L * 8 * d * d}
    parts["gains"] = L * 2 * d + d
    total = sum(parts.values())
    share = {key: f"{100 * value / total:.1f}%" for key, value in parts.items()}
    rows.append(
        [
            name,
            f"{total / 1e9:.3f}B",
            share["embedding"],
            share["attention"],
            share["ffn"],
            f"{12 * L * d * d / total:.3f}",
        ]
    )
print(table(["model", "parameters", "embedding", "attention", "ffn", "12Ld²/total"], rows))
print("\nThe feed-forward networks hold two thirds of every block; the vocabulary's share")
print("shrinks from about a third to a fraction of a per cent as the width grows.")
