"""Coordinate-ascent mean-field on a correlated Gaussian: fast means, too-narrow variances.

Target p = N(mu, inv(Lambda)). Each update sets the mean of one factor to
mu_i - (Lambda_ij / Lambda_ii)(m_j - mu_j) and its variance to 1/Lambda_ii. The error in
m_1 shrinks by Lambda_12^2 / (Lambda_11 Lambda_22) per sweep. Run by `penpaper lab`, mu
and Lambda are those of the instance you worked on (mu = (1, -1) and Lambda =
[[2, 1], [1, 2]] for the original numbers).
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import parameters, table

u1, u2, A11, A22, A12 = parameters(u1=1, u2=-1, A11=2, A22=2, A12=1).values()
mu = np.array([u1, u2])
precision = np.array([[A11, A12], [A12, A22]])
m = np.array([0.0, 0.0])  # m_1 is overwritten by the first update

rows = []
previous_error = None
for sweep in range(1, 9):
    m[0] = mu[0] - precision[0, 1] / precision[0, 0] * (m[1] - mu[1])
    m[1] = mu[1] - precision[0, 1] / precision[1, 1] * (m[0] - mu[0])
    error = m[0] - mu[0]
    ratio = "" if previous_error is None else error / previous_error
    rows.append([sweep, m[0], m[1], ratio])
    previous_error = error
print(table(["sweep", "m_1", "m_2", "error ratio"], rows))
factor = precision[0, 1] ** 2 / (precision[0, 0] * precision[1, 1])
print(
    f"\nPredicted ratio Lambda_12^2/(Lambda_11 Lambda_22) = {factor:.4g}; the means converge to mu."
)

covariance = np.linalg.inv(precision)
rng = np.random.default_rng(12)
samples = rng.multivariate_normal(mu, covariance, size=200_000)
print("\nVariances: the mean-field factor against the true marginal (from 200 000 samples):\n")
print(
    table(
        ["coordinate", "mean-field 1/Lambda_ii", "true marginal", "sample variance"],
        [[i + 1, 1 / precision[i, i], covariance[i, i], samples[:, i].var()] for i in range(2)],
    )
)
share = 1 - Fraction(round(A12) ** 2, round(A11) * round(A22))  # conditional / marginal
print(
    f"\nThe factor's variance is the conditional variance, {share} of the marginal here:"
    "\nmean-field gets the means right but is over-confident about each coordinate."
)
