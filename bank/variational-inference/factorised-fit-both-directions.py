"""A factorised Gaussian fitted to a correlated one: KL(p || q) keeps the marginal
variances, KL(q || p) shrinks them by 1 - rho^2 (the conditional variances).

Both fits are found here by a brute-force grid search over (v_1, v_2), with the
divergences from the Gaussian KL formula, and compared with Sigma_ii and 1/Lambda_ii.
"""

import numpy as np

from penpaper.labkit import table


def gaussian_kl(cov_p, cov_q):  # zero means
    inverse = np.linalg.inv(cov_q)
    return 0.5 * (
        np.trace(inverse @ cov_p) - 2 + np.log(np.linalg.det(cov_q) / np.linalg.det(cov_p))
    )


sigma = np.array([[4.0, 3.0], [3.0, 9.0]])
precision = np.linalg.inv(sigma)
grid = np.linspace(0.5, 12, 461)  # spacing 0.025
v1, v2 = np.meshgrid(grid, grid, indexing="ij")
log_det = np.log(np.linalg.det(sigma))
# The Gaussian KL formula with a diagonal q, written out for every grid point at once.
forward_kl = 0.5 * (sigma[0, 0] / v1 + sigma[1, 1] / v2 - 2 + np.log(v1 * v2) - log_det)
reverse_kl = 0.5 * (precision[0, 0] * v1 + precision[1, 1] * v2 - 2 + log_det - np.log(v1 * v2))
rows = []
for name, surface, formula in [
    ("KL(p || q)", forward_kl, np.diag(sigma)),
    ("KL(q || p)", reverse_kl, 1 / np.diag(precision)),
]:
    i, j = np.unravel_index(np.argmin(surface), surface.shape)
    best = (grid[i], grid[j])
    check = (
        gaussian_kl(sigma, np.diag(best))
        if name == "KL(p || q)"
        else gaussian_kl(np.diag(best), sigma)
    )
    rows.append([name, *best, check, *formula])
print(table(["fit", "v_1", "v_2", "min KL", "formula v_1", "formula v_2"], rows))
print(f"\nBoth minima are close to 0.5 log(4/3) = {0.5 * np.log(4 / 3):.6f}.")

print("\nUnit variances, growing correlation: the reverse fit's variance and the two minima.\n")
rows = []
for rho in (0.0, 0.5, 0.8, 0.95, 0.99):
    cov = np.array([[1.0, rho], [rho, 1.0]])
    v = 1 / np.diag(np.linalg.inv(cov))
    rows.append([rho, v[0], 1 - rho**2, gaussian_kl(np.diag(v), cov), gaussian_kl(cov, np.eye(2))])
print(table(["rho", "reverse v_1", "1 - rho^2", "min KL(q || p)", "min KL(p || q)"], rows))
print("\nStrong correlation makes the mean-field (reverse) fit badly over-confident.")
