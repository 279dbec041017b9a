"""Layer norm's Jacobian by finite differences: two directions it cannot see.

For the exercise's x = [−1, 1, 1, 7] and for a random x in ℝ⁸ the lab builds the
Jacobian of x ↦ x̂ by central differences, prints the exercise's gradient for the
upstream g = [3, 0, 0, 1] next to the hand-derived formula, and lists the Jacobian's
eigenvalues: n − 2 of them equal 1/σ and two are 0, for the all-ones direction (shift)
and the x̂ direction (scale). It ends by showing that ε > 0 restores a little scale
sensitivity.
"""

import numpy as np

from penpaper.labkit import table


def layer_norm(x, eps=0.0):
    centred = x - x.mean()
    return centred / np.sqrt(np.mean(centred**2) + eps)


def jacobian(x, eps=0.0, h=1e-6):
    columns = [
        (layer_norm(x + h * e, eps) - layer_norm(x - h * e, eps)) / (2 * h) for e in np.eye(len(x))
    ]
    return np.column_stack(columns)


x = np.array([-1.0, 1, 1, 7])
g = np.array([3.0, 0, 0, 1])
x_hat, sigma = layer_norm(x), np.sqrt(np.var(x))
numeric = jacobian(x).T @ g
formula = (g - g.mean() - x_hat * (x_hat @ g) / len(x)) / sigma
print(f"x̂ = {x_hat.round(6)}")
print(
    table(
        ["entry", "finite differences", "formula"],
        [[i + 1, *p] for i, p in enumerate(zip(numeric, formula, strict=True))],
    )
)
print(f"sum of ∂L/∂x = {numeric.sum():.2e}, (∂L/∂x)ᵀx = {numeric @ x:.2e}")

rng = np.random.default_rng(2)
wide = rng.normal(3.0, 2.0, size=8)
eigenvalues = np.sort(np.linalg.eigvalsh((jacobian(wide) + jacobian(wide).T) / 2))
print(f"\nn = 8: eigenvalues of J = {eigenvalues.round(4)}")
print(f"1/σ = {1 / np.std(wide):.4f}; rank = {int(np.sum(np.abs(eigenvalues) > 1e-6))} = n − 2")
for eps in (0.0, 1e-5, 1e-1):
    scale_response = jacobian(wide, eps) @ wide
    print(f"ε = {eps:g}: ‖J x‖ = {np.linalg.norm(scale_response):.2e} (0 means blind to scaling x)")
