"""Explaining away by simulation: sample the test-failure network and count.

Ancestral sampling draws B and M from their priors, then F from its table given
(B, M). Conditional probabilities are then plain fractions of the samples. Watch
P(B = 1 | F = 1) drop once the flaky machine (M = 1) is known to be the culprit.
Run by `penpaper lab`, it uses the probabilities of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

pB, pM, f00, f10, f01, f11 = parameters(
    pB=0.2, pM=0.1, f00=0.05, f10=0.8, f01=0.6, f11=0.9
).values()
rng = np.random.default_rng(7)
n = 1_000_000
fail_table = np.array([[f00, f01], [f10, f11]])  # P(F = 1 | B = b, M = m), indexed [b, m]

bug = rng.random(n) < pB  # parents first (ancestral order B, M, F)
flaky = rng.random(n) < pM
failed = rng.random(n) < fail_table[bug.astype(int), flaky.astype(int)]

bug_and_fail = pB * ((1 - pM) * f10 + pM * f11)
p_fail = (1 - pB) * ((1 - pM) * f00 + pM * f01) + bug_and_fail
cases = [
    ("P(B=1)", np.ones(n, bool), pB),
    ("P(B=1 | F=1)", failed, bug_and_fail / p_fail),  # 27/41 for the original numbers
    ("P(B=1 | F=1, M=1)", failed & flaky, pB * f11 / (pB * f11 + (1 - pB) * f01)),
    ("P(B=1 | F=1, M=0)", failed & ~flaky, pB * f10 / (pB * f10 + (1 - pB) * f00)),
]
rows = [[label, int(mask.sum()), float(bug[mask].mean()), exact] for label, mask, exact in cases]
print(f"{n:,} ancestral samples; P(F=1) ≈ {failed.mean():.4f} (exact {p_fail:.6g})\n")
print(table(["quantity", "samples used", "simulated", "exact"], rows))
print("\nProbability of a bug, by what we know:")
print(bar_chart([row[0] for row in rows], [row[2] for row in rows]))
print(
    "\nB and M are independent causes, but once F = 1 is observed they compete:"
    "\nlearning M = 1 explains the failure and the bug becomes unlikely again,"
    "\nlearning M = 0 leaves the bug as the main explanation."
)
