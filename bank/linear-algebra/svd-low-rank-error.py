"""Eckart–Young in numbers: truncated SVD errors equal the discarded singular values.

A 6×5 matrix with singular values 10, 6, 3, 1, 0 is built from random orthonormal factors
(fixed seed). The lab prints ‖A − A_k‖_F and ‖A − A_k‖₂ for every k next to the closed forms,
and then tries many random rank-2 matrices fitted by least squares: none beats A₂.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(7)
sigma = np.array([10.0, 6.0, 3.0, 1.0, 0.0])
U, _ = np.linalg.qr(rng.standard_normal((6, 5)))
V, _ = np.linalg.qr(rng.standard_normal((5, 5)))
A = U @ np.diag(sigma) @ V.T

u, s, vt = np.linalg.svd(A)
rows = []
for k in range(6):
    A_k = u[:, :k] @ np.diag(s[:k]) @ vt[:k]
    rows.append(
        [
            k,
            np.linalg.norm(A - A_k, "fro"),
            np.sqrt(np.sum(sigma[k:] ** 2)),
            np.linalg.norm(A - A_k, 2),
            sigma[k] if k < 5 else 0.0,
        ]
    )
print(table(["k", "‖A−A_k‖_F", "√(Σ_{i>k} σᵢ²)", "‖A−A_k‖₂", "σ_{k+1}"], rows))
print(
    f"\n‖A‖_F = {np.linalg.norm(A, 'fro'):.6f} (√146 = {np.sqrt(146):.6f});"
    f" A₂ keeps {np.sum(s[:2] ** 2) / np.sum(s**2):.4f} of ‖A‖_F² (68/73 = {68 / 73:.4f})."
)

# Any other rank-2 approximation: pick a random 2-dim column space, project A onto it.
errors = []
for _ in range(2000):
    B, _ = np.linalg.qr(rng.standard_normal((6, 2)))
    errors.append(np.linalg.norm(A - B @ (B.T @ A), "fro"))
print(f"\nBest of 2000 random rank-2 projections: {min(errors):.4f} ≥ √10 = {np.sqrt(10):.4f}")
print(
    bar_chart(
        ["truncated SVD", "best random", "median random"],
        [np.sqrt(10), min(errors), float(np.median(errors))],
    )
)
