"""Simulate monthly claim totals S = X₁ + … + X_N and compare with E[S] and Var(S).

N ~ Poisson(4) claims per month, each claim exponential with mean 2.5. The law of
total variance predicts Var(S) = λ(σ² + μ²) = 50: half from the claim sizes, half
from the randomness of how many claims arrive.
"""

import numpy as np

from penpaper.labkit import histogram, table

rng = np.random.default_rng(1)
months, rate, mean_claim = 200_000, 4.0, 2.5

counts = rng.poisson(rate, size=months)
claims = rng.exponential(mean_claim, size=counts.sum())
month_of_claim = np.repeat(np.arange(months), counts)
totals = np.bincount(month_of_claim, weights=claims, minlength=months)

variance_of_claim = mean_claim**2  # an exponential's standard deviation equals its mean
rows = [
    ["E[S]", totals.mean(), rate * mean_claim],
    ["Var(S)", totals.var(), rate * (variance_of_claim + mean_claim**2)],
    ["  within: E[Var(S|N)] = λσ²", "", rate * variance_of_claim],
    ["  between: Var(E[S|N]) = λμ²", "", rate * mean_claim**2],
]
print(f"{months:,} simulated months\n")
print(table(["quantity", "simulated", "formula"], rows))

print("\nTotals for months with exactly 4 claims: their variance is only nσ² = 25.")
print(f"simulated: {totals[counts == 4].var():.2f}")

print(f"\nMonths without any claim (S = 0): {np.mean(counts == 0):.4f}, e^-4 = {np.exp(-rate):.4f}")
print("Histogram of the monthly total S:")
print(histogram(totals, bins=16, width=40, value_range=(0.0, 32.0)))
