"""Monte Carlo check of the Gaussian KL formula, both directions, for the exercise's pair.

p = N(0, Σ₁) and q = N(μ₂, I). KL(p || q) is the average of log p(X) - log q(X) over X ~ p.
For the original numbers, Σ₁ = [[2, 1], [1, 2]] and μ₂ = [1, -1], the closed forms are
2 - log(3)/2 and 2/3 + log(3)/2. Run by `penpaper lab`, it uses the Σ₁ and μ₂ of the
instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(S=[[2, 1], [1, 2]], v=[[1], [-1]])
rng = np.random.default_rng(5)
mean_p, cov_p = np.zeros(2), np.array(given["S"])
mean_q, cov_q = np.array(given["v"]).ravel(), np.eye(2)


def entries(values: np.ndarray) -> str:
    return "[" + ", ".join(entries(v) if np.ndim(v) else f"{v:g}" for v in values) + "]"


print(f"p = N(0, {entries(cov_p)}), q = N({entries(mean_q)}, I)\n")


def log_density(x, mean, cov):
    offset = x - mean
    quadratic = np.einsum("ni,ij,nj->n", offset, np.linalg.inv(cov), offset)
    return -0.5 * quadratic - np.log(2 * np.pi) - 0.5 * np.log(np.linalg.det(cov))


def formula(m1, s1, m2, s2):
    inverse, d = np.linalg.inv(s2), len(m1)
    return 0.5 * (
        np.trace(inverse @ s1)
        + (m2 - m1) @ inverse @ (m2 - m1)
        - d
        + np.log(np.linalg.det(s2) / np.linalg.det(s1))
    )


rows = []
for name, (m1, s1, m2, s2) in [
    ("KL(p || q)", (mean_p, cov_p, mean_q, cov_q)),
    ("KL(q || p)", (mean_q, cov_q, mean_p, cov_p)),
]:
    for n in (1_000, 10_000, 300_000):
        x = rng.multivariate_normal(m1, s1, size=n)  # samples from the FIRST argument
        terms = log_density(x, m1, s1) - log_density(x, m2, s2)
        rows.append([name, n, terms.mean(), terms.std() / np.sqrt(n), formula(m1, s1, m2, s2)])
print(table(["divergence", "samples", "Monte Carlo", "std. error", "formula"], rows))
print(
    "\nThe estimates settle on the formula as the standard error shrinks like 1/sqrt(n);"
    "\nthe two directions differ because each averages under its own first argument."
)
