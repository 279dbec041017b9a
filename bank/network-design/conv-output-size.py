"""Output sides of real convolution settings, found by sliding the window, next to the formula.

For each setting the lab pads a random signal, slides a (possibly dilated) window with
the given stride, and counts the windows that fit; the formula ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1
agrees every time. It also reports how many input positions no window ever reads: when
the stride does not fit the input evenly, the last positions are silently dropped.
The dilated rows and the last two are the exercise's settings; run by `penpaper lab`,
they are those of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

a, b, m, g, r = (round(value) for value in parameters(a=32, b=5, m=16, g=4, r=64).values())

rng = np.random.default_rng(0)


def slide(n, k, p=0, s=1, d=1):
    padded = np.concatenate([np.zeros(p), rng.standard_normal(n), np.zeros(p)])
    outputs, read, start = 0, set(), 0
    while start + d * (k - 1) < len(padded):
        taps = [start + d * j for j in range(k)]
        read.update(t - p for t in taps if p <= t < p + n)  # positions of the unpadded input
        outputs += 1
        start += s
    return outputs, n - len(read)


settings = [
    ("ResNet stem 7×7, stride 2", 224, 7, 3, 2, 1),
    ("max-pool 3×3, stride 2", 112, 3, 1, 2, 1),
    ("3×3 'same'", 56, 3, 1, 1, 1),
    ("3×3 stride 2, no padding", 32, 3, 0, 2, 1),
    ("2×2 stride 2 on odd side", 33, 2, 0, 2, 1),
    (f"3-tap, dilation {g}", r, 3, 0, 1, g),
    (f"3-tap, dilation {g}, p = {g}", r, 3, g, 1, g),
    (f"{b}-tap, no padding", a, b, 0, 1, 1),
    ("3-tap, p = 1, stride 2", 2 * m, 3, 1, 2, 1),
]
rows = []
for name, n, k, p, s, d in settings:
    slid, unread = slide(n, k, p, s, d)
    formula = (n + 2 * p - d * (k - 1) - 1) // s + 1
    rows.append([name, n, k, p, s, d, slid, formula, unread])
print(table(["setting", "n", "k", "p", "s", "d", "slid", "formula", "unread"], rows))
print("\nThe count of windows matches the formula in every row. 'unread' counts input")
print("positions no window touches: a 2×2 stride-2 pool on a side of 33 never looks at")
print("the last row and column, so odd sizes quietly lose information at the border.")
