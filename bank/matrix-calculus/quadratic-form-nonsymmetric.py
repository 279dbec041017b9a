"""Finite differences settle it: the gradient of xᵀAx + bᵀx is (A + Aᵀ)x + b, not 2Ax + b.

We pick a random non-symmetric A, estimate the gradient numerically by nudging one
coordinate at a time, and compare it with both candidate formulas. Then we show why:
replacing A by its symmetric part (A + Aᵀ)/2 does not change f at all. Last, the same
check at x = (1, 1) for the exercise's A and b (A = [[2, 3], [−1, 4]], b = (1, −2) for the
original numbers); run by `penpaper lab`, it uses those of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import parameters, table

given = parameters(N=[[2, 3], [-1, 4]], v=[[1], [-2]])

rng = np.random.default_rng(7)
n = 4
A = rng.normal(size=(n, n))
b = rng.normal(size=n)
x = rng.normal(size=n)


def f(v, M=A, shift=b):
    return v @ M @ v + shift @ v


step = 1e-6
numeric = np.array([(f(x + step * e) - f(x - step * e)) / (2 * step) for e in np.eye(n)])
right = (A + A.T) @ x + b
shortcut = 2 * A @ x + b

print("Gradient at a random x, coordinate by coordinate:\n")
rows = [[i + 1, numeric[i], right[i], shortcut[i]] for i in range(n)]
print(table(["i", "finite diff.", "(A+Aᵀ)x + b", "2Ax + b"], rows))
print(f"\nlargest error of (A+Aᵀ)x + b: {np.max(np.abs(numeric - right)):.2e}")
print(f"largest error of 2Ax + b:     {np.max(np.abs(numeric - shortcut)):.2e}")

symmetric_part = (A + A.T) / 2
print("\nA quadratic form only sees the symmetric part of its matrix:")
print(f"  xᵀAx + bᵀx with A          = {f(x):.6f}")
print(f"  xᵀSx + bᵀx with S=(A+Aᵀ)/2 = {f(x, symmetric_part):.6f}")
print("For the symmetric S the shortcut is right: 2Sx + b = (A + Aᵀ)x + b.")
print(f"  max |2Sx + b − (A+Aᵀ)x − b| = {np.max(np.abs(2 * symmetric_part @ x + b - right)):.1e}")

exercise_A, exercise_b = np.array(given["N"]), np.array(given["v"]).ravel()
ones = np.ones(2)
exercise_numeric = np.array(
    [
        (f(ones + step * e, exercise_A, exercise_b) - f(ones - step * e, exercise_A, exercise_b))
        / (2 * step)
        for e in np.eye(2)
    ]
)
exercise_right = (exercise_A + exercise_A.T) @ ones + exercise_b
exercise_shortcut = 2 * exercise_A @ ones + exercise_b


def entries(values: np.ndarray) -> str:
    return "[" + ", ".join(entries(v) if np.ndim(v) else f"{v:g}" for v in values) + "]"


print(f"\nThe exercise's A = {entries(exercise_A)}, b = {entries(exercise_b)}, at x = (1, 1):")
rows = [[i + 1, exercise_numeric[i], exercise_right[i], exercise_shortcut[i]] for i in range(2)]
print(table(["i", "finite diff.", "(A+Aᵀ)x + b", "2Ax + b"], rows))
