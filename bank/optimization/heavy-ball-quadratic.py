"""Gradient descent against heavy-ball momentum on a quadratic with eigenvalues in [1, 9].

Plain gradient descent with its best step 1/5 contracts by 4/5 per step; heavy ball with
η = β = 1/4 puts every eigen-direction on a spiral of modulus √β = 1/2. The lab runs both
from the same start and measures the per-step rate over the last steps.
"""

import numpy as np

from penpaper.labkit import line_plot, table

curvatures = np.linspace(1.0, 9.0, 9)  # eigenvalues of a diagonal H
start = np.random.default_rng(0).normal(size=9)
steps = 40

gd_errors = []
w = start.copy()
for _ in range(steps):
    w = w - 0.2 * curvatures * w
    gd_errors.append(np.linalg.norm(w))

hb_errors = []
previous, w = start.copy(), start.copy()
for _ in range(steps):
    w, previous = w - 0.25 * curvatures * w + 0.25 * (w - previous), w
    hb_errors.append(np.linalg.norm(w))

rows = []
for name, errors, theory in (("gradient descent", gd_errors, 0.8), ("heavy ball", hb_errors, 0.5)):
    measured = (errors[-1] / errors[-11]) ** (1 / 10)
    rows.append([name, errors[-1], float(measured), theory])
print(table(["method", f"error after {steps}", "rate over last 10 steps", "theory"], rows))
print("(The heavy-ball rate creeps in a little above 1/2 because h = 1 and h = 9 give a")
print("double root: there the error behaves like k (1/2)^k.)\n")

print("log10 of the heavy-ball error per step, then of gradient descent's:")
print(line_plot(range(1, steps + 1), hb_errors, log_y=True, height=8))
print(line_plot(range(1, steps + 1), gd_errors, log_y=True, height=8))

companion = [np.abs(np.roots([1, -(1.25 - 0.25 * h), 0.25])).max() for h in curvatures]
print("\nLargest root modulus per curvature h:", np.round(companion, 4))
