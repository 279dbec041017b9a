"""The ELBO of z ~ N(0, 1), x | z ~ N(2z, 1) with q = N(m, s^2): Monte Carlo, formula, optimum.

First a Monte Carlo estimate of E_q[log p(x, z) - log q(z)] is compared with the closed
form. Then gradient ascent on (m, log s) climbs to the posterior N(2x/5, 1/5), where the
ELBO touches log p(x) = log N(x; 0, 5).
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(3)
x = 1.5


def log_normal(value, mean, variance):
    return -0.5 * np.log(2 * np.pi * variance) - (value - mean) ** 2 / (2 * variance)


def closed_form(m, s):
    return -0.5 * np.log(2 * np.pi) + 0.5 + np.log(s) - (x - 2 * m) ** 2 / 2 - m**2 / 2 - 2.5 * s**2


rows = []
for m, s in [(0.0, 1.0), (0.6, 0.45), (1.0, 0.2)]:
    z = rng.normal(m, s, size=200_000)
    terms = log_normal(x, 2 * z, 1.0) + log_normal(z, 0.0, 1.0) - log_normal(z, m, s**2)
    rows.append([m, s, terms.mean(), terms.std() / np.sqrt(z.size), closed_form(m, s)])
print(table(["m", "s", "Monte Carlo ELBO", "std. error", "closed form"], rows))

m, log_s, step, history = 0.0, 0.0, 0.05, []
for _ in range(150):
    s = np.exp(log_s)
    grad_m = 2 * (x - 2 * m) - m  # derivative of the closed form in m
    grad_log_s = 1 - 5 * s**2  # derivative in log s
    m, log_s = m + step * grad_m, log_s + step * grad_log_s
    history.append(closed_form(m, np.exp(log_s)))
print("\nELBO during gradient ascent on (m, log s):\n")
print(line_plot(range(len(history)), history))
print(f"\nfinal m = {m:.5f}   (2x/5 = {2 * x / 5})")
print(f"final s^2 = {np.exp(2 * log_s):.5f}   (1/5 = 0.2)")
print(f"final ELBO = {history[-1]:.6f}   log p(x) = {log_normal(x, 0.0, 5.0):.6f}")
