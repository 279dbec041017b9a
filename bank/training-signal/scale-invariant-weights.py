"""Weights in front of a normalisation: the norm grows under SGD and weight decay tames it.

The loss L(w) = sin(aᵀu) + (bᵀu)² with u = w/‖w‖ depends only on the direction of w
(as behind batch or layer norm). The lab checks ∇L(cw) = ∇L(w)/c and wᵀ∇L = 0 by finite
differences, then runs SGD with and without weight decay on a loss whose gradient never
vanishes (the polar angle of w in the plane, κ = ‖g‖‖w‖ = 1): without decay ‖w‖ grows and
the direction slows down; with decay the norm settles where r⁴ = ηκ²/(λ(2 − ηλ)) and the
direction turns by arccos(1 − ηλ) ≈ √(2ηλ) per step.
"""

import numpy as np

from penpaper.labkit import line_plot, table

rng = np.random.default_rng(10)
a, b, w = rng.normal(size=6), rng.normal(size=6), rng.normal(size=6)


def loss(v):
    u = v / np.linalg.norm(v)
    return np.sin(a @ u) + (b @ u) ** 2


def gradient(v, h=1e-6):
    return np.array([(loss(v + h * e) - loss(v - h * e)) / (2 * h) for e in np.eye(len(v))])


g = gradient(w)
print(f"wᵀ∇L(w) = {w @ g:.1e} (orthogonal to w)")
for c in (0.5, 3.0):
    print(f"‖∇L({c}w) − ∇L(w)/{c}‖ = {np.linalg.norm(gradient(c * w) - g / c):.1e}")


def angle_gradient(v):
    return np.array([-v[1], v[0]]) / (v @ v)  # ∇ of the polar angle, ‖g‖‖v‖ = 1


eta, lam, steps = 0.1, 0.01, 6000
norms = {"no decay": [], "decay λ=0.01": []}
for name, decay in (("no decay", 0.0), ("decay λ=0.01", lam)):
    v = np.array([0.5, 0.0])
    for _ in range(steps):
        previous, v = v, (1 - eta * decay) * v - eta * angle_gradient(v)
        norms[name].append(float(np.linalg.norm(v)))
    cosine = previous @ v / (np.linalg.norm(previous) * np.linalg.norm(v))
    norms[name + " turn"] = float(np.degrees(np.arccos(np.clip(cosine, -1, 1))))

equilibrium = (eta / (lam * (2 - eta * lam))) ** 0.25
rows = [
    [t, norms["no decay"][t - 1], norms["decay λ=0.01"][t - 1]] for t in (1, 10, 100, 1000, 6000)
]
print(table(["step", "‖w‖ no decay", "‖w‖ with decay"], rows))
print(f"predicted equilibrium norm (ηκ²/(λ(2 − ηλ)))^(1/4) = {equilibrium:.4f}")
predicted_turn = np.degrees(np.arccos(1 - eta * lam))
print(
    f"turn per step at the end: no decay {norms['no decay turn']:.3f}°, with decay"
    f" {norms['decay λ=0.01 turn']:.3f}° (arccos(1 − ηλ) = {predicted_turn:.3f}°)"
)
print("\n‖w‖ with weight decay: it rises from 0.5 and settles at the equilibrium.")
print(line_plot(list(range(1, steps + 1, 50)), norms["decay λ=0.01"][::50], height=7))
