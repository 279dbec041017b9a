"""Unfaithful cancellation in a linear-Gaussian DAG, seen in samples.

X_1 -> X_2 -> X_3 with a direct edge X_1 -> X_3. The covariance of X_1 and X_3 is
b + a c, so at b = -a c the two paths cancel: X_1 and X_3 look independent even
though they are adjacent. Conditioning on X_2 brings the dependence back.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(3)
a, c, n = 0.8, 1.5, 200_000
e = rng.normal(size=(3, n))


def sample(b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x1 = e[0]
    x2 = a * x1 + e[1]
    return x1, x2, b * x1 + c * x2 + e[2]


def conditional_cov(x1: np.ndarray, x2: np.ndarray, x3: np.ndarray) -> float:
    """Covariance of the residuals of X_1 and X_3 after regressing each on X_2."""
    r1 = x1 - np.cov(x1, x2)[0, 1] / x2.var() * x2
    r3 = x3 - np.cov(x3, x2)[0, 1] / x2.var() * x2
    return float(np.mean((r1 - r1.mean()) * (r3 - r3.mean())))


bs = np.linspace(-3, 1, 21)
covs = [np.cov(*sample(b)[::2])[0, 1] for b in bs]
print(f"Sample Cov(X_1, X_3) against b (a = {a}, c = {c}); the line b + ac crosses 0 at b = -1.2:")
print(line_plot(bs, covs))

rows = []
for b in (-3.0, -a * c, 1.0):
    x1, x2, x3 = sample(b)
    rows.append([b, np.cov(x1, x3)[0, 1], b + a * c, conditional_cov(x1, x2, x3), b / (1 + a * a)])
print()
print(table(["b", "Cov(X1,X3)", "b + ac", "Cov(X1,X3 | X2)", "b/(1+a^2)"], rows))
print(
    "\nAt b = -ac the marginal covariance vanishes (up to sampling noise ~0.005) while the"
    "\nconditional one is -ac/(1 + a^2) ≈ -0.732: an independence the DAG does not imply."
)
