"""Marginalising versus conditioning a Gaussian chain: which zeros of the precision survive?

A 7-variable Gaussian MRF on the path 1-2-3-4-5-6-7 has a tridiagonal precision matrix.
We integrate variables out numerically (invert the sub-block of the covariance) and
condition on them (keep the sub-block of the precision), and print the zero patterns.
Last, the same for the exercise's precision on A, B, C, D; run by `penpaper lab`, the one
of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import parameters

lAA, lBB, lCC, lAB, lAD, lCD = parameters(lAA=3, lBB=2, lCC=2, lAB=1, lAD=-1, lCD=1).values()

rng = np.random.default_rng(3)
n = 7
precision = np.diag(rng.uniform(2.0, 3.0, n))
for i in range(n - 1):
    precision[i, i + 1] = precision[i + 1, i] = rng.uniform(-0.9, 0.9)
covariance = np.linalg.inv(precision)


def pattern(matrix, labels):
    lines = ["    " + " ".join(labels)]
    for label, row in zip(labels, matrix, strict=True):
        lines.append(f"  {label} " + " ".join("x" if abs(v) > 1e-10 else "." for v in row))
    return "\n".join(lines)


names = [str(i + 1) for i in range(n)]
print("Precision of all seven (tridiagonal: a path):")
print(pattern(precision, names))
print("\nCovariance of all seven (dense: everything is marginally correlated):")
print(pattern(covariance, names))

for removed in ([3], [1, 3, 5]):
    keep = [i for i in range(n) if i not in removed]
    labels = [names[i] for i in keep]
    marginal = np.linalg.inv(covariance[np.ix_(keep, keep)])
    conditional = precision[np.ix_(keep, keep)]
    gone = ", ".join(names[i] for i in removed)
    print(f"\nIntegrate out {gone}: precision of the marginal (neighbours get linked)")
    print(pattern(marginal, labels))
    print(f"Condition on {gone}: precision of the conditional (edges just disappear)")
    print(pattern(conditional, labels))

schur = precision[:3, 3:] @ np.linalg.solve(precision[3:, 3:], precision[3:, :3])
check = precision[:3, :3] - schur
print(
    "\nSchur complement vs inverse of the covariance block, largest difference:",
    f"{np.abs(check - np.linalg.inv(covariance[:3, :3])).max():.2e}",
)

exercise = np.array(
    [[lAA, lAB, 0, lAD], [lAB, lBB, 0, 0], [0, 0, lCC, lCD], [lAD, 0, lCD, 2]], dtype=float
)
abc = ["A", "B", "C"]
exercise_marginal = np.linalg.inv(np.linalg.inv(exercise)[:3, :3])
print("\nThe exercise's Λ on A, B, C, D:")
print(pattern(exercise, [*abc, "D"]))
print("Integrate out D: precision of the marginal of (A, B, C), A-C filled in")
print(pattern(exercise_marginal, abc))
entries = [[str(Fraction(v).limit_denominator(1000)) for v in row] for row in exercise_marginal]
print("  = [" + ", ".join("[" + ", ".join(row) + "]" for row in entries) + "]")
print("Condition on D: precision of the conditional (the block of Λ)")
print(pattern(exercise[:3, :3], abc))
