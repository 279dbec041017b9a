"""The conjugate update on a grid: prior × likelihood, normalised numerically.

We put the Beta(a, b) prior on a fine grid of θ, multiply by the likelihood of
the hits and misses, normalise by a sum, and compare the result with the closed-form
posterior Beta(a + hits, b + misses): mean, mode, and the probability of two more hits.
(Beta(3, 5), 9 hits in 12 throws and Beta(12, 8) for the original numbers.) Run by
`penpaper lab`, it uses the prior and throws of the instance you worked on.
"""

from fractions import Fraction

import numpy as np

from penpaper.labkit import line_plot, parameters, table

pa, pb, nt, ns = (round(value) for value in parameters(pa=3, pb=5, nt=12, ns=9).values())
post_a, post_b = pa + ns, pb + nt - ns  # the posterior Beta(post_a, post_b)
mean = Fraction(post_a, post_a + post_b)
mode = Fraction(post_a - 1, post_a + post_b - 2)
second_moment = Fraction(post_a * (post_a + 1), (post_a + post_b) * (post_a + post_b + 1))

theta = np.linspace(0.0005, 0.9995, 1000)
step = theta[1] - theta[0]
prior = theta ** (pa - 1) * (1 - theta) ** (pb - 1)
posterior = prior * theta**ns * (1 - theta) ** (nt - ns)
posterior /= posterior.sum() * step  # numerical normalisation, no Beta function needed

rows = [
    ["posterior mean", float((theta * posterior).sum() * step), float(mean)],
    ["posterior mode", float(theta[np.argmax(posterior)]), float(mode)],
    ["P(next two in) = E[θ²]", float((theta**2 * posterior).sum() * step), float(second_moment)],
    [f"plug-in ({mean})²", float(mean) ** 2, float(mean**2)],
]
print(f"Prior Beta({pa}, {pb}), {ns} hits in {nt} throws: posterior Beta({post_a}, {post_b}).\n")
print(table(["quantity", "grid", "closed form"], rows))
print(f"\nThe posterior density on the grid (peak near {mode} ≈ {float(mode):.3f}):")
print(line_plot(theta[::20], posterior[::20], height=10))
print(
    f"\nThe prior acts like {pa} + {pb} = {pa + pb} earlier throws; with more data its pull"
    " fades and\nmean, mode and MLE draw together."
)
