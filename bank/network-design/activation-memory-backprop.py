"""Checkpointing in action: peak activation memory against recomputation, for a 64-layer MLP.

The lab trains nothing; it runs one forward and backward pass of a bias-free ReLU MLP
with L = 64 layers, keeping checkpoints every k layers, and records the most layer inputs
held at once and how many layers are rerun. Every k gives the same gradients; the peak
L/k + k − 1 is smallest at k = √L = 8, for fewer reruns than one extra forward pass. A
second table shows how the stored attention weights of a transformer grow with T².
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)
L, B, w = 64, 4, 16
weights = [rng.standard_normal((w, w)) / np.sqrt(w / 2) for _ in range(L)]
x, target = rng.standard_normal((B, w)), rng.standard_normal((B, w))


def run(k):
    held, state = {}, x
    for i, W in enumerate(weights):
        if i % k == 0:
            held[i] = state
        state = state @ W.T
        if i < L - 1:
            state = np.maximum(state, 0)
    peak, reruns, grad, grads = len(held), 0, state - target, [None] * L
    for start in reversed(range(0, L, k)):
        s = held[start]
        for i in range(start, start + k - 1):
            s = np.maximum(s @ weights[i].T, 0)
            held[i + 1] = s
            reruns += 1
        peak = max(peak, len(held))
        for i in reversed(range(start, start + k)):
            grads[i] = grad.T @ held[i]
            grad = (grad @ weights[i]) * (held[i] > 0)
            del held[i]
    return grads, peak, reruns


reference, _, _ = run(1)
rows = []
for k in (1, 2, 4, 8, 16, 32, 64):
    grads, peak, reruns = run(k)
    same = max(np.abs(g - r).max() for g, r in zip(grads, reference, strict=True)) < 1e-9
    rows.append([k, peak, L // k + k - 1, reruns, same])
print(f"Checkpoint every k layers, L = {L}: layer inputs held at the peak and layers rerun")
print(table(["k", "peak (measured)", "L/k + k - 1", "layers rerun", "same gradients"], rows))
mib = 64 * 32 * 4096 * 2 / 2**20
print(f"\nFor B = 32, w = 4096 in 16 bits each layer input is {32 * 4096 * 2 / 2**20:.2f} MiB:")
print(f"{mib:.0f} MiB without checkpoints, {15 * mib / 64:.1f} MiB with k = 8.\n")

rows = []
for T in (512, 1024, 2048, 4096, 8192):
    rows.append([T, f"{8 * 16 * T * T * 24 * 2 / 2**30:.2f}"])
print("Attention weights kept for backward, B = 8, h = 16, 24 layers, 16-bit (GiB):")
print(table(["T", "GiB"], rows))
print("Doubling the context quadruples this memory, hence kernels that recompute it.")
