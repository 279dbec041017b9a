"""Attention parameter counts for real layer shapes, and what grouping keys and values saves.

The lab runs a small grouped-query attention layer in numpy for g = h, h/2, …, 1 key/value
heads to show the shapes are consistent, then tabulates the parameters of layers sized
like those in current language models. Splitting a fixed width into more heads leaves the
count unchanged; sharing key/value heads trims the count a little but cuts the keys and
values stored per token (what a decoder caches) by the factor g/h.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)


def layer(d, d_h, h, g):
    return {
        "W_Q": rng.standard_normal((d, h * d_h)) / np.sqrt(d),
        "W_K": rng.standard_normal((d, g * d_h)) / np.sqrt(d),
        "W_V": rng.standard_normal((d, g * d_h)) / np.sqrt(d),
        "W_O": rng.standard_normal((h * d_h, d)) / np.sqrt(h * d_h),
    }


def run(weights, x, h, g):
    t = len(x)
    q = (x @ weights["W_Q"]).reshape(t, h, -1)
    k = (x @ weights["W_K"]).reshape(t, g, -1)
    v = (x @ weights["W_V"]).reshape(t, g, -1)
    outs = []
    for head in range(h):
        s = q[:, head] @ k[:, head // (h // g)].T / np.sqrt(q.shape[-1])
        a = np.exp(s - s.max(axis=1, keepdims=True))
        outs.append((a / a.sum(axis=1, keepdims=True)) @ v[:, head // (h // g)])
    return np.concatenate(outs, axis=1) @ weights["W_O"]


x = rng.standard_normal((10, 64))
rows = []
for g in (8, 4, 2, 1):
    weights = layer(64, 8, 8, g)
    out = run(weights, x, 8, g)
    rows.append([g, out.shape, sum(w.size for w in weights.values())])
print("A layer with d = 64, h = 8 heads of d_h = 8, run on 10 tokens:")
print(table(["g", "output shape", "parameters"], rows))

configs = [
    ("d=1024, 16 heads of 64", 1024, 64, 16, 16),
    ("d=1024, 64 heads of 16", 1024, 16, 64, 64),
    ("d=4096, 32 heads, g=32", 4096, 128, 32, 32),
    ("d=4096, 32 heads, g=8", 4096, 128, 32, 8),
    ("d=4096, 32 heads, g=1", 4096, 128, 32, 1),
    ("d=8192, 64 heads, g=8", 8192, 128, 64, 8),
]
rows = []
for name, d, d_h, h, g in configs:
    rows.append([name, 2 * d * d_h * (h + g), 2 * g * d_h])
print("\n" + table(["layer", "parameters", "cached K+V numbers per token and layer"], rows))
print("\nThe first two rows have the same count: heads share out the width. Going from")
print("g = 32 to g = 8 removes 3/8 of the parameters but 3/4 of the cached keys and values.")
