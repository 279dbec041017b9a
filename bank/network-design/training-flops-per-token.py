"""Forward versus backward cost of dense layers, counted and timed, and the 6·N·D rule.

The lab counts the multiply-adds of a training step through a stack of bias-free dense
layers from the shapes of the products it actually performs (X Wᵀ forward, G W and Gᵀ X
backward), and times the same products with numpy: the backward pass costs about twice
the forward one, so a step costs about 6 FLOPs per weight per example. It then compares
the attention work per token, 2·T·d, with the 12·d² of the weights for several contexts.
"""

import time

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(0)
B, width, layers = 512, 512, 4
weights = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(layers)]
x0 = rng.standard_normal((B, width))
counts = {"forward": 0, "backward": 0}


def product(a, b, phase):
    counts[phase] += a.shape[0] * a.shape[1] * b.shape[1]
    return a @ b


def step():
    inputs, masks, x = [], [], x0
    for W in weights:
        inputs.append(x)
        z = product(x, W.T, "forward")
        masks.append(z > 0)
        x = np.maximum(z, 0)
    t_mid = time.perf_counter()
    g = x - 1.0
    for W, a, mask in zip(reversed(weights), reversed(inputs), reversed(masks), strict=True):
        g = g * mask  # through the ReLU: elementwise, not counted
        product(g.T, a, "backward")  # ∂L/∂W
        g = product(g, W, "backward")  # ∂L/∂X
    return t_mid


best = None
for _ in range(3):
    counts = {"forward": 0, "backward": 0}
    t0 = time.perf_counter()
    t_mid = step()
    t1 = time.perf_counter()
    times = (t_mid - t0, t1 - t_mid)
    best = times if best is None or sum(times) < sum(best) else best
n_weights = layers * width * width
rows = [[phase, counts[phase], f"{1000 * t:.1f}"] for phase, t in zip(counts, best, strict=True)]
print(table(["pass", "multiply-adds", "time (ms)"], rows))
flops = 2 * (counts["forward"] + counts["backward"]) / (n_weights * B)
print(f"\nbackward/forward multiply-adds = {counts['backward'] / counts['forward']:.1f};")
print(f"FLOPs per weight per example = {flops:.1f}; measured time ratio = {best[1] / best[0]:.1f}")
print("The counts are exact; timings depend on the machine and its matrix library.\n")

d = 4096
rows = [[T, f"{2 * T * d / (12 * d * d):.3f}"] for T in (512, 2048, 8192, 32768, 131072)]
print(f"Attention work per token relative to the weights' 12d², d = {d}:")
print(table(["context T", "2Td / 12d²"], rows))
print("Beyond T = 6d the attention scores cost more than all the weights of the block.")
