"""∂ log det X/∂X = X⁻ᵀ: a finite-difference check on a non-symmetric matrix.

For a symmetric X the transpose is invisible, so we use the 2×2 matrix from the
exercise and a random 4×4 one, and compare the numerical gradient with X⁻ᵀ and X⁻¹.
"""

import numpy as np

from penpaper.labkit import table


def numeric_gradient(function, X, step=1e-6):
    gradient = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        E = np.zeros_like(X)
        E[index] = step
        gradient[index] = (function(X + E) - function(X - E)) / (2 * step)
    return gradient


def log_det(X):
    return np.linalg.slogdet(X)[1]  # log |det X|; its gradient is X⁻ᵀ for either sign


X = np.array([[3.0, 1.0], [2.0, 2.0]])
numeric = numeric_gradient(log_det, X)
print("X = [[3, 1], [2, 2]], det X = 4")
print("finite-difference gradient:\n", numeric.round(6))
print("X⁻ᵀ:\n", np.linalg.inv(X).T)
print("X⁻¹ (the tempting wrong answer):\n", np.linalg.inv(X), "\n")

rng = np.random.default_rng(3)
Y = rng.normal(size=(4, 4)) + 4 * np.eye(4)
numeric = numeric_gradient(log_det, Y)
candidates = {
    "inv(X)^T": np.linalg.inv(Y).T,
    "inv(X)": np.linalg.inv(Y),
    "det(X) inv(X)^T": np.linalg.det(Y) * np.linalg.inv(Y).T,
}
rows = [[name, np.max(np.abs(numeric - value))] for name, value in candidates.items()]
print("Random non-symmetric 4×4 X: largest entry-wise error of each candidate")
print(table(["candidate", "max error"], rows))
jacobi = numeric_gradient(np.linalg.det, Y)
print(
    f"\nJacobi's formula, ∂det X/∂X = det(X) X⁻ᵀ: max error "
    f"{np.max(np.abs(jacobi - candidates['det(X) inv(X)^T'])):.1e}"
)
