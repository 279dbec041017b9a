"""The maximum-likelihood variance is biased low by the factor (n − 1)/n.

Draw many small data sets from N(0, σ²), compute σ̂² (dividing by n) on each and
average: the average sits near (n − 1)σ²/n, not σ². The bias fades as n grows.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(7)
sigma2, repeats = 4.0, 200_000

rows = []
for n in (2, 3, 5, 10, 50):
    data = rng.normal(0.0, np.sqrt(sigma2), size=(repeats, n))
    mle = data.var(axis=1)  # numpy's default ddof=0 divides by n: the MLE
    unbiased = data.var(axis=1, ddof=1)
    rows.append([n, mle.mean(), (n - 1) * sigma2 / n, unbiased.mean(), sigma2])
print(f"Average of the estimators over {repeats:,} data sets, true σ² = {sigma2}:\n")
print(table(["n", "mean of σ̂² (MLE)", "(n−1)σ²/n", "mean of s² (n−1)", "σ²"], rows))

data = rng.normal(0.0, np.sqrt(sigma2), size=(repeats, 5))
print("\nThe spread of σ̂² itself for n = 5 (it is skewed: nσ̂²/σ² is chi-square with 4 d.o.f.):")
print(histogram(data.var(axis=1), bins=12, value_range=(0.0, 12.0)))
print(
    "\nAveraging over data sets shows the bias; any single data set, like the five"
    "\nreadings of the exercise, can land far from σ² either way."
)
