"""How big the KV cache gets, and why decoding with it gives the same answer as without.

The lab runs a tiny two-block attention model in numpy twice: once over the whole sequence
with a causal mask, once token by token reusing cached keys and values. The outputs agree,
and the cache holds exactly 2·L·T·g·d_h numbers. Then it tabulates the cache of a 7B-like
model (L = 32, d = 4096) for several context lengths and key/value head counts g, next to
the 16-bit weights, and how many sequences fit in 40 GiB. Last, it works out the cache of
the exercise's model (L = 32, g = 32 or 8, T = 4096 and 24 GiB for the original numbers);
run by `penpaper lab`, it uses the numbers of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

eL, eg, eT, eg2, M = (int(value) for value in parameters(eL=5, eg=5, eT=12, eg2=3, M=24).values())

rng = np.random.default_rng(0)
L, d, h, g, T = 2, 8, 4, 2, 6
d_h = d // h
layers = [
    {
        n: rng.standard_normal(s) * 0.3
        for n, s in [
            ("q", (d, h * d_h)),
            ("k", (d, g * d_h)),
            ("v", (d, g * d_h)),
            ("o", (h * d_h, d)),
        ]
    }
    for _ in range(L)
]
x = rng.standard_normal((T, d))


def softmax(s):
    e = np.exp(s - s.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


full = x.copy()
mask = np.triu(np.full((T, T), -np.inf), 1)
for w in layers:
    q, k, v = (full @ w[n] for n in "qkv")
    q, k, v = q.reshape(T, h, d_h), k.reshape(T, g, d_h), v.reshape(T, g, d_h)
    heads = [
        softmax(q[:, i] @ k[:, i // (h // g)].T / np.sqrt(d_h) + mask) @ v[:, i // (h // g)]
        for i in range(h)
    ]
    full = full + np.concatenate(heads, 1) @ w["o"]

cache = [([], []) for _ in layers]
steps = []
for token in x:
    s = token
    for w, (keys, values) in zip(layers, cache, strict=True):
        q = (s @ w["q"]).reshape(h, d_h)
        keys.append((s @ w["k"]).reshape(g, d_h))
        values.append((s @ w["v"]).reshape(g, d_h))
        K, V = np.stack(keys), np.stack(values)
        heads = [
            softmax(K[:, i // (h // g)] @ q[i] / np.sqrt(d_h)) @ V[:, i // (h // g)]
            for i in range(h)
        ]
        s = s + np.concatenate(heads) @ w["o"]
    steps.append(s)
stored = sum(a.size for keys, values in cache for a in keys + values)
print(
    f"Token-by-token decoding matches the full causal pass: "
    f"max difference {np.abs(np.array(steps) - full).max():.1e}"
)
print(f"Cached numbers after {T} tokens: {stored} = 2·L·T·g·d_h = {2 * L * T * g * d_h}\n")

GiB = 2**30
weights = (32 * 12 * 4096**2 + 32000 * 4096) * 2 / GiB
rows = []
for context in (1024, 4096, 32768, 131072):
    row = [context]
    for heads in (32, 8, 1):
        row.append(f"{2 * 32 * context * heads * 128 * 2 / GiB:.3g}")
    row.append(int(40 * GiB // (2 * 32 * context * 8 * 128 * 2)))
    rows.append(row)
print(f"Cache of one sequence in GiB (7B-like model; its weights take {weights:.1f} GiB):")
print(table(["context T", "g=32", "g=8", "g=1", "sequences in 40 GiB, g=8"], rows))
print("\nWith standard attention one 32k-token sequence already needs more memory than")
print("the weights; fewer key/value heads are what make long contexts and big batches fit.")

blocks, standard, grouped, context = 2**eL, 2**eg, 2**eg2, 2**eT
one_sequence = 2 * blocks * context * standard * 128 * 2
per_sequence = 2 * blocks * context * grouped * 128 * 2
print(f"\nThe exercise's model: L = {blocks} blocks, d_h = 128, T = {context} tokens.")
print(
    table(
        ["key/value heads g", "cache of one sequence", f"sequences in {M} GiB"],
        [
            [standard, f"2^{one_sequence.bit_length() - 1} bytes", int(M * GiB // one_sequence)],
            [grouped, f"2^{per_sequence.bit_length() - 1} bytes", int(M * GiB // per_sequence)],
        ],
    )
)
print(f"Each new token adds {2 * blocks * grouped * 128 * 2} bytes with g = {grouped}.")
