"""Fisher information two ways, and the Cramér–Rao bound met by the Bernoulli MLE.

The information is both the variance of the score and minus the mean curvature of
log p; we estimate both by simulation and compare with 1/(θ(1−θ)), 1/λ and 1/λ².
Then we repeat an experiment of n coin flips many times and compare the spread of
θ̂ = x̄ with the bound θ(1−θ)/n.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(11)
m = 400_000
theta, lam = 0.3, 2.5

x = (rng.random(m) < theta).astype(float)
score_b = x / theta - (1 - x) / (1 - theta)
curv_b = -x / theta**2 - (1 - x) / (1 - theta) ** 2
y = rng.poisson(lam, m).astype(float)
t = rng.exponential(1 / lam, m)
rows = [
    ["Bernoulli(0.3)", score_b.var(), -curv_b.mean(), 1 / (theta * (1 - theta))],
    ["Poisson(2.5)", (y / lam - 1).var(), (y / lam**2).mean(), 1 / lam],
    ["Exponential(2.5)", (1 / lam - t).var(), 1 / lam**2, 1 / lam**2],
]
print("Information of one observation, by simulation and by formula:\n")
print(table(["model", "Var(score)", "−E[curvature]", "formula"], rows))

print("\nSpread of θ̂ = x̄ over 20,000 repeated experiments, against θ(1−θ)/n:\n")
rows = []
for n in (10, 40, 160):
    estimates = rng.binomial(n, theta, 20_000) / n
    rows.append([n, estimates.var(), theta * (1 - theta) / n])
print(table(["n", "Var(θ̂) simulated", "Cramér–Rao bound"], rows))
print("\nThe sample mean is unbiased and attains the bound: no unbiased estimator does better.")
