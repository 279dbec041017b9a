"""The Riccati recursion settles, and the settled filter is exponential smoothing.

For the random walk with q = 1, r = 2 the predicted variance obeys
P_{t+1} = P_t r/(P_t + r) + q. Started anywhere, it converges to the closed form
(q + sqrt(q² + 4qr))/2 = 2, so the gain tends to 1/2. The lab then checks that the
steady-state filter equals a weighted sum of past readings with weights (1/2)^(k+1).
"""

import numpy as np

from penpaper.labkit import table

q, r = 1.0, 2.0
closed_form = (q + np.sqrt(q * q + 4 * q * r)) / 2

starts = [0.01, 2.0, 50.0]
rows = []
trajectories = [[p] for p in starts]
for _ in range(8):
    for path in trajectories:
        p = path[-1]
        path.append(p * r / (p + r) + q)
for t in range(9):
    rows.append([t + 1, *(path[t] for path in trajectories)])
print(table(["t", *(f"P_1 = {p:g}" for p in starts)], rows))
print(f"closed form P∞ = {closed_form:g}, gain P∞/(P∞ + r) = {closed_form / (closed_form + r):g}")

print("\nOther noise levels (iterate 200 steps vs closed form):")
others = []
for q_, r_ in [(0.1, 5.0), (3.0, 0.5), (1.0, 100.0)]:
    p = 1.0
    for _ in range(200):
        p = p * r_ / (p + r_) + q_
    others.append([q_, r_, p, (q_ + np.sqrt(q_**2 + 4 * q_ * r_)) / 2, np.sqrt(q_ * r_)])
print(table(["q", "r", "iterated", "closed form", "sqrt(q r)"], others))

rng = np.random.default_rng(3)
x = rng.normal(size=60).cumsum()
mean, gain = 0.0, 0.5
for reading in x:
    mean += gain * (reading - mean)
weights = 0.5 ** (np.arange(len(x)) + 1)  # weight on x_{t-k}
unrolled = np.sum(weights * x[::-1])  # the start value 0 contributes nothing
print(f"\nsteady-state filter: {mean:.10f}   weighted sum of readings: {unrolled:.10f}")
print(
    "The variances never look at the data, so a filter that has run for a while is a fixed"
    "\nexponential moving average; sqrt(q r) is the small-q approximation of P∞."
)
