"""Rank collapse through a narrow linear layer: the singular values fall off a cliff.

The lab composes random Gaussian layers 512 → r → 512 → 512 for several bottleneck
widths r and prints how many singular values of the end-to-end matrix are non-zero:
exactly r, whatever comes after. It shows the cliff in the spectrum, then feeds the
network two inputs that differ by a vector of the null space: the outputs agree to
rounding error, so no later layer can ever tell those inputs apart.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(0)


def gauss(rows, cols):
    return rng.standard_normal((rows, cols)) / np.sqrt(cols)


rows = []
for r in (8, 32, 128, 512):
    w1, w2, w3 = gauss(r, 512), gauss(512, r), gauss(512, 512)
    s = np.linalg.svd(w3 @ w2 @ w1, compute_uv=False)
    rows.append([r, int(np.sum(s > 1e-10 * s[0])), np.linalg.matrix_rank(w3 @ w2 @ w1)])
    if r == 32:
        spectrum = s
print(table(["bottleneck r", "singular values > 1e-10·max", "matrix_rank"], rows))

print("\nSingular values 28 to 36 of the network with r = 32:")
labels = [f"σ{i + 1}" for i in range(27, 36)]
print(bar_chart(labels, list(spectrum[27:36]), width=30))

w1, w2, w3 = gauss(32, 512), gauss(512, 32), gauss(512, 512)
_, _, right = np.linalg.svd(w1)
null_vector = right[-1]  # one of the 480 directions W₁ sends to 0
x = rng.standard_normal(512)
y1, y2 = w3 @ w2 @ w1 @ x, w3 @ w2 @ w1 @ (x + 10 * null_vector)
print(
    f"\nInputs differing by 10·(null vector): |x1 − x2| = 10, |y1 − y2| = "
    f"{np.linalg.norm(y1 - y2):.1e}"
)
print("Everything the network knows about x is its 32 coordinates in the bottleneck.")
