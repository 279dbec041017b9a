"""Estimate KL(p ‖ q) and KL(q ‖ p) by Monte Carlo and watch the asymmetry.

KL(p ‖ q) is an average of log p(X) − log q(X) over samples X from p. For
p = N(0, 1) and q = N(1, 4) the closed forms are log 2 − 1/4 and 2 − log 2.
"""

import numpy as np

from penpaper.labkit import table

rng = np.random.default_rng(4)


def log_normal_density(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    return -0.5 * ((x - mean) / sd) ** 2 - np.log(sd) - 0.5 * np.log(2 * np.pi)


def closed_form(mean_1: float, sd_1: float, mean_2: float, sd_2: float) -> float:
    return np.log(sd_2 / sd_1) + (sd_1**2 + (mean_1 - mean_2) ** 2) / (2 * sd_2**2) - 0.5


def monte_carlo(mean_1: float, sd_1: float, mean_2: float, sd_2: float, n: int = 400_000) -> float:
    x = rng.normal(mean_1, sd_1, size=n)  # samples from the FIRST argument
    return float(np.mean(log_normal_density(x, mean_1, sd_1) - log_normal_density(x, mean_2, sd_2)))


print("p = N(0, 1), q = N(1, 4):\n")
print(
    table(
        ["divergence", "Monte Carlo", "closed form"],
        [
            ["KL(p ‖ q)", monte_carlo(0, 1, 1, 2), closed_form(0, 1, 1, 2)],
            ["KL(q ‖ p)", monte_carlo(1, 2, 0, 1), closed_form(1, 2, 0, 1)],
        ],
    )
)

print("\np = N(0, 1) against ever narrower q = N(0, s²):\n")
rows = [[s, closed_form(0, 1, 0, s), closed_form(0, s, 0, 1)] for s in (1.0, 0.5, 0.25, 0.1, 0.05)]
print(table(["s", "KL(p ‖ q)", "KL(q ‖ p)"], rows))
print(
    "\nKL(p ‖ q) explodes like 1/(2s²): samples from p land where the narrow q is tiny."
    "\nKL(q ‖ p) grows only like −log s: a narrow q sitting inside p is cheap."
)
