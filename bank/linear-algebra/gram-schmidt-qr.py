"""Gram–Schmidt by hand versus numpy, and why libraries prefer the 'modified' variant.

First it repeats the exercise: QR of A = [a1 a2] with a1 = (1, 2, 2), a2 = (5, 4, -2), and the
least-squares solution of Ax ≈ (1, 1, 1). Then it orthogonalises the columns of an
ill-conditioned Hilbert matrix: classical Gram–Schmidt loses orthogonality (‖QᵀQ − I‖ grows
with the condition number), the modified variant far less.
"""

import numpy as np

from penpaper.labkit import table


def gram_schmidt(A, modified=False):
    Q = np.zeros_like(A, dtype=float)
    R = np.zeros((A.shape[1], A.shape[1]))
    for j in range(A.shape[1]):
        w = A[:, j].astype(float)
        for i in range(j):
            # classical: project the ORIGINAL column; modified: project what is left so far
            R[i, j] = Q[:, i] @ (w if modified else A[:, j])
            w = w - R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(w)
        Q[:, j] = w / R[j, j]
    return Q, R


A = np.array([[1.0, 5.0], [2.0, 4.0], [2.0, -2.0]])
b = np.ones(3)
Q, R = gram_schmidt(A)
print("Q =\n", np.round(Q, 4), "\nR =\n", np.round(R, 4))
x_qr = np.linalg.solve(R, Q.T @ b)
x_lstsq = np.linalg.lstsq(A, b, rcond=None)[0]
print("least squares via R x = Qᵀb:", x_qr, " numpy lstsq:", x_lstsq, " (1/2, 1/18 expected)")
print()

rows = []
for n in (4, 6, 8, 10, 12):
    H = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1.0)  # Hilbert matrix
    errors = [
        np.linalg.norm(q.T @ q - np.eye(n))
        for q in (gram_schmidt(H)[0], gram_schmidt(H, modified=True)[0], np.linalg.qr(H)[0])
    ]
    rows.append([n, f"{np.linalg.cond(H):.1e}", *(f"{e:.1e}" for e in errors)])
print("Loss of orthogonality ‖QᵀQ − I‖ on Hilbert matrices:")
print(table(["n", "cond(H)", "classical GS", "modified GS", "numpy (Householder)"], rows))
print("\nIn exact arithmetic all three agree; in floating point classical GS can lose all")
print("orthogonality, which is why numpy uses Householder reflections.")
