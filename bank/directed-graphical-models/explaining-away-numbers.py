"""Explaining away by simulation: sample the test-failure network and count.

Ancestral sampling draws B and M from their priors, then F from its table given
(B, M). Conditional probabilities are then plain fractions of the samples. Watch
P(B = 1 | F = 1) drop once the flaky machine (M = 1) is known to be the culprit.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(7)
n = 1_000_000
fail_table = np.array([[0.05, 0.6], [0.8, 0.9]])  # P(F = 1 | B = b, M = m), indexed [b, m]

bug = rng.random(n) < 0.2  # parents first (ancestral order B, M, F)
flaky = rng.random(n) < 0.1
failed = rng.random(n) < fail_table[bug.astype(int), flaky.astype(int)]

cases = [
    ("P(B=1)", np.ones(n, bool), 1 / 5),
    ("P(B=1 | F=1)", failed, 27 / 41),
    ("P(B=1 | F=1, M=1)", failed & flaky, 3 / 11),
    ("P(B=1 | F=1, M=0)", failed & ~flaky, 4 / 5),
]
rows = [[label, int(mask.sum()), float(bug[mask].mean()), exact] for label, mask, exact in cases]
print(f"{n:,} ancestral samples; P(F=1) ≈ {failed.mean():.4f} (exact 0.246)\n")
print(table(["quantity", "samples used", "simulated", "exact"], rows))
print("\nProbability of a bug, by what we know:")
print(bar_chart([row[0] for row in rows], [row[2] for row in rows]))
print(
    "\nB and M are independent causes, but once F = 1 is observed they compete:"
    "\nlearning M = 1 explains the failure and the bug becomes unlikely again,"
    "\nlearning M = 0 leaves the bug as the main explanation."
)
