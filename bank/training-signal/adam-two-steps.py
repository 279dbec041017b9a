"""Adam's first two steps: a plain implementation beside the exercise's hand arithmetic.

The lab runs Adam (β₁ = 0.9, β₂ = 0.999, α = 0.01, ε = 0) on the gradients 4 and −2,
prints m, v, their bias-corrected versions and θ next to the values worked out by hand,
then shows two facts from the exercise: the first step has size α whatever the
gradient's scale, and without bias correction it would be (1 − β₁)/√(1 − β₂) ≈ 3.16
times larger. Last, it follows the uncorrected and corrected step sizes over the first
few thousand steps of a constant gradient.
"""

import numpy as np

from penpaper.labkit import line_plot, table


def adam(gradients, alpha=0.01, beta1=0.9, beta2=0.999, theta=1.0, correct=True):
    m = v = 0.0
    rows = []
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t) if correct else m
        v_hat = v / (1 - beta2**t) if correct else v
        step = alpha * m_hat / np.sqrt(v_hat)
        theta -= step
        rows.append((t, g, m, v, m_hat, v_hat, step, theta))
    return rows


rows = adam([4.0, -2.0])
print(table(["t", "g", "m", "v", "m̂", "v̂", "step", "θ"], rows))
hand = [
    (0.4, 0.016, 0.99),
    (0.16, 0.019984, 0.99 - 0.01 * (0.16 / 0.19) / np.sqrt(0.019984 / 0.001999)),
]
for (t, *_, theta), (m, v, by_hand) in zip(rows, hand, strict=True):
    print(f"step {t}: by hand m = {m}, v = {v}, θ = {by_hand:.7f}; lab θ = {theta:.7f}")

print("\nFirst step for gradients of very different sizes (always α = 0.01 with correction):")
for g in (1e-4, 1.0, 4.0, 1e4):
    corrected, plain = adam([g])[0][6], adam([g], correct=False)[0][6]
    print(f"  g = {g:>7g}: corrected step {corrected:.4f}, uncorrected {plain:.4f}")

constant = adam([1.0] * 3000, correct=False)
print("\nUncorrected step size under a constant gradient 1 (the corrected one is 0.01 throughout):")
print(line_plot([r[0] for r in constant], [r[6] for r in constant], height=7))
peak = max(constant, key=lambda r: r[6])
print(
    f"Without correction the step starts √10 times too large, peaks at {peak[6] / 0.01:.1f} times α"
    f" at step {peak[0]} (m has warmed up, v has not) and takes thousands of steps to settle."
)
